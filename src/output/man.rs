//! `krant man`: one manual page in roff, with a section per command built from the same
//! clap definition as the command line (so options never drift), and the query language,
//! exit codes, environment, files and examples a reader needs.

use clap::{Arg, ArgAction, Command};

/// The page: NAME, SYNOPSIS, DESCRIPTION, COMMANDS, GLOBAL OPTIONS, QUERY LANGUAGE, OUTPUT,
/// EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES.
pub fn manual_page(mut cli: Command) -> String {
    cli.build();
    let version = cli.get_version().unwrap_or("").to_owned();
    let mut page = String::new();
    page.push_str(&format!(
        ".TH KRANT 1 \"\" \"krant {}\" \"User Commands\"\n",
        roff(&version)
    ));
    page.push_str(".SH NAME\nkrant \\- offline search for archives of Dutch news articles\n");
    page.push_str(
        ".SH SYNOPSIS\n\\fBkrant\\fR [\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n",
    );
    page.push_str(&section("DESCRIPTION", &roff_lines_escaped(DESCRIPTION)));
    page.push_str(".SH COMMANDS\n");
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        page.push_str(&command_section(sub));
    }
    page.push_str(".SH GLOBAL OPTIONS\nThese may be given before or after the command.\n");
    for arg in cli.get_arguments().filter(|a| is_shown(a)) {
        page.push_str(&option(arg));
    }
    page.push_str(&section("QUERY LANGUAGE", QUERY_LANGUAGE));
    page.push_str(&section("OUTPUT", OUTPUT));
    page.push_str(&section("EXIT STATUS", EXIT_STATUS));
    page.push_str(&section("ENVIRONMENT", ENVIRONMENT));
    page.push_str(&section("FILES", FILES));
    page.push_str(&section("EXAMPLES", EXAMPLES));
    page
}

/// A command's subsection: its usage, what it does, its arguments and options, and its
/// examples (the help's text after the options).
fn command_section(sub: &Command) -> String {
    let mut out = format!(".SS \"krant {}\"\n", roff(sub.get_name()));
    let mut usage = format!("\\fBkrant {}\\fR", roff(sub.get_name()));
    for arg in sub
        .get_arguments()
        .filter(|a| is_shown(a) && a.is_positional())
    {
        let name = arg
            .get_value_names()
            .and_then(|n| n.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
        let many = matches!(arg.get_action(), ArgAction::Append)
            || arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let dots = if many { "..." } else { "" };
        if arg.is_required_set() {
            usage.push_str(&format!(" \\fI{}\\fR{dots}", roff(&name)));
        } else {
            usage.push_str(&format!(" [\\fI{}\\fR{dots}]", roff(&name)));
        }
    }
    if sub
        .get_arguments()
        .any(|a| is_shown(a) && !a.is_positional())
    {
        usage.push_str(" [\\fIOPTIONS\\fR]");
    }
    out.push_str(&format!("{usage}\n.br\n"));
    if let Some(about) = sub.get_long_about().or(sub.get_about()) {
        out.push_str(&format!("{}.\n", roff(&about.to_string())));
    }
    for arg in sub.get_arguments().filter(|a| is_shown(a)) {
        if arg.is_global_set() {
            continue;
        }
        out.push_str(&option(arg));
    }
    if let Some(after) = sub.get_after_help() {
        out.push_str(&format!(
            ".PP\n.nf\n{}\n.fi\n",
            roff_lines(&after.to_string())
        ));
    }
    out
}

fn is_shown(arg: &Arg) -> bool {
    !arg.is_hide_set() && !matches!(arg.get_id().as_str(), "help" | "version")
}

/// One argument or option as a tagged paragraph: its flags with the value's name, its
/// help, default and possible values.
fn option(arg: &Arg) -> String {
    let value = takes_value(arg).then(|| {
        arg.get_value_names().and_then(|n| n.first()).map_or_else(
            || arg.get_id().to_string().to_uppercase(),
            ToString::to_string,
        )
    });
    let mut tag = Vec::new();
    if let Some(short) = arg.get_short() {
        tag.push(format!("\\fB\\-{}\\fR", roff(&short.to_string())));
    }
    if let Some(long) = arg.get_long() {
        tag.push(format!("\\fB\\-\\-{}\\fR", roff(long)));
    }
    let mut tag = tag.join(", ");
    match (&value, arg.is_positional()) {
        (Some(value), true) => tag = format!("\\fI{}\\fR", roff(value)),
        (Some(value), false) => tag.push_str(&format!(" \\fI{}\\fR", roff(value))),
        (None, _) => {}
    }
    let mut help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && takes_value(arg) {
        help.push_str(&format!(" [default: {}]", defaults.join(", ")));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !possible.is_empty() && takes_value(arg) {
        help.push_str(&format!(" [possible values: {}]", possible.join(", ")));
    }
    if let Some(env) = arg.get_env() {
        help.push_str(&format!(" [environment: {}]", env.to_string_lossy()));
    }
    format!(".TP\n{tag}\n{}\n", roff(&help))
}

fn takes_value(arg: &Arg) -> bool {
    matches!(arg.get_action(), ArgAction::Set | ArgAction::Append)
}

fn section(title: &str, body: &str) -> String {
    format!(".SH {title}\n{body}\n")
}

/// Text for roff: backslashes escaped, and no line starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    roff_lines_escaped(&escaped)
}

/// [`roff`] for preformatted lines.
fn roff_lines(text: &str) -> String {
    roff(text)
}

fn roff_lines_escaped(text: &str) -> String {
    // Characters beyond ASCII as roff's Unicode escapes: the page reads alike whatever
    // encoding the formatter assumes.
    let text: String = text
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\[u{:04X}]", c as u32)
            }
        })
        .collect();
    text.lines()
        .map(|line| {
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const DESCRIPTION: &str = r#"krant indexes a folder of plain-text news articles and searches it offline, by keyword and by month, with Dutch-aware matching: \fIvluchteling\fR finds \fIvluchtelingen\fR, \fIbelgie\fR finds \fIBelgi\(:e\fR, \fIIS\fR finds the Islamic State and not the verb.
.PP
An article is a file whose name ends in \fB.txt\fR (any case) and that starts with a header: the word \fBdate\fR and a month, \fBdate 2017\-10\fR or \fBdate 2017\-10\-17\fR. The rest of the first line is the title. Hidden files and folders are skipped. UTF\-8 (with or without BOM) and Windows\-1252 are read.
.PP
\fBkrant index CORPUS\fR builds the index; running it again brings the index up to date (unchanged files are not read again, edited files are replaced, deleted files removed). \fBkrant search QUERY\fR prints ranked hits with highlighted snippets. The first search in a folder that holds \fBcorpus/\fR and no index indexes it first."#;

const QUERY_LANGUAGE: &str = r#".TP
\fBvluchteling belgie\fR
articles with both words (words are ANDed)
.TP
\fBmosul OR raqqa\fR
either word (OR in capitals binds looser than AND)
.TP
\fBkalifaat \-syrie\fR, \fBkalifaat NOT syrie\fR
the first word but not the second (a query that starts with \- needs \fB\-\-\fR before it: \fBkrant search \-\- \-syrie mosul\fR)
.TP
\fB(mosul OR raqqa) kalifaat\fR
grouping
.TP
\fB"de zomer van 2014"\fR
the exact phrase; \fB"kalifaat uitgeroepen"~3\fR allows up to 3 positions between the words
.TP
\fBvluchtel*\fR
words starting with vluchtel
.TP
\fBkalifat~1\fR
words within 1 edit (\fB~2\fR: two)
.TP
\fBtitle:kalifaat\fR, \fBtext:kalifaat\fR
only in the title, or only in the text
.TP
\fBdate:2017\-10..2017\-12\fR, \fBdate:>=2019\-06\fR, \fBdate:2017\fR
a month range inside the query, as \fB\-\-from\fR and \fB\-\-to\fR
.PP
Every word goes through the same Dutch analysis as the text: folded (no case, no diacritics), stemmed, stop words (de, het, is) dropped unless written in capitals. Hits are ranked by BM25 relevance, a title match counting double; a month range does not change a score. A query may nest groups 100 deep and hold at most 1,000 words, 64 of them prefix or fuzzy words. \fBkrant analyze \-\-query\fR shows how a query is read, \fBkrant terms WORD\fR which spellings of the archive a word matches.
.PP
With \fB\-\-synonyms FILE\fR (one group per line, members separated by commas, # for comments), a word or exact phrase equal to a member matches every member of its group, in search, kwic, show, histogram and trend alike."#;

const OUTPUT: &str = r#"Results go to standard output, messages to standard error. Text is for people: on a terminal it is coloured (unless \fBNO_COLOR\fR is set or \fB\-\-color never\fR) and fits the terminal's width (snippets wrap, kwic contexts and bars shrink, trend's months become quarters or years with a note); written to a pipe or a file it has fixed widths. Control characters are shown escaped (\fB\ex1B\fR) in every format but JSON; a byte of a file name that is not UTF\-8 is shown as \fB\exHH\fR.
.PP
Machine formats write every hit unless \fB\-\-limit\fR says otherwise: \fBsearch \-\-format json\fR (one object: query, from, to, total, hits), \fBndjson\fR (one hit per line), \fBcsv\fR (path, date, month, title, score, snippet, file), \fBpaths\fR (one path per line that works from the current folder; \fB\-0\fR ends each with NUL for \fBxargs \-0\fR), \fBkwic \-\-format tsv\fR and \fBjson\fR. Text shows 10 hits (kwic: 100 lines) and says how to see more; \fB\-\-all\fR or \fB\-\-limit 0\fR shows every one. In JSON, \fBpath\fR is relative to the corpus folder (what \fBkrant show\fR takes) and \fBfile\fR is absolute."#;

const EXIT_STATUS: &str = r#".TP
\fB0\fR
success (search, histogram, trend, kwic: something matched); also when a reader such as \fBhead\fR closes the pipe early
.TP
\fB1\fR
nothing matched
.TP
\fB2\fR
an error: a bad argument or query, a missing corpus, an unusable or damaged index, a run that would remove most of the index (one line on standard error, with a hint)
.TP
\fB130\fR
interrupted"#;

const ENVIRONMENT: &str = r#".TP
\fBKRANT_INDEX\fR
the index folder, as \fB\-\-index\fR
.TP
\fBKRANT_SYNONYMS\fR
the synonyms file, as \fB\-\-synonyms\fR
.TP
\fBNO_COLOR\fR
when set and not empty, no colour
.TP
\fBCOLUMNS\fR
the terminal's width, when output goes to a terminal (otherwise the terminal is asked)
.TP
\fBTZ\fR
the time zone \fBkrant stats\fR shows the last indexing time in"#;

const FILES: &str = r#".TP
\fB.krant/\fR
the index: looked for in the current folder, then in each folder above it on the same file system (as git looks for .git); \fBkrant index\fR creates \fB./.krant\fR when there is none and no \fB\-\-index\fR is given
.TP
\fB.krant/krant.json\fR
the schema and analyzer versions: an index from another version is refused with a request to run \fBkrant index \-\-rebuild\fR
.TP
\fB.krant/stamps.tsv\fR
sizes and modification times of the indexed files, so that a re\-run reads only what changed
.TP
\fB.krant/krant.lock\fR
held by the one \fBkrant index\fR allowed at a time
.TP
\fBcorpus/\fR
the folder indexed when none is given and the index records none
.PP
The corpus itself is never modified. Snippets, \fBshow\fR and \fBkwic\fR read each article from its file and say so when it changed since the last \fBkrant index\fR."#;

const EXAMPLES: &str = r#".nf
krant index ~/kranten              build the index of a folder (into ./.krant)
krant index                        bring it up to date
krant search vluchteling           ranked hits with highlighted snippets
krant search kalifaat \-\-from 2017 \-\-to 2017\-06
krant search '"de zomer van 2014"' \-\-format json | jq .total
krant search raqqa \-0 | xargs \-0 wc \-w
krant search mosul \-\-format csv > mosul.csv
krant histogram vluchtelingen \-\-by year \-\-relative
krant trend kalifaat vluchtelingen brexit
krant kwic vluchteling \-\-sort left
krant show 2017/10/raqqa.txt \-\-highlight kalifaat
krant stats
krant check
.fi"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes_backslashes_dashes_and_leading_dots() {
        assert_eq!(roff("a\\b-c"), "a\\eb\\-c");
        assert_eq!(roff(".begin\n'quote"), "\\&.begin\n\\&'quote");
        assert_eq!(roff("België…"), "Belgi\\[u00EB]\\[u2026]");
    }
}
