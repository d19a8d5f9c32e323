//! The researcher's daily workflow through the real binary: complete exports, paths that
//! work from where the user stands, scores a filter does not change, output that fits the
//! terminal, one matcher for every command, the manual page, and finding the index.

use crate::common;

use common::Workspace;
use serde_json::Value;

/// A small archive with known contents per month.
fn archive() -> Workspace {
    let ws = Workspace::new();
    ws.article(
        "2014/kalifaat.txt",
        "2014-06",
        "IS roept kalifaat uit\nAbu Bakr al-Baghdadi riep in Mosul het kalifaat uit.",
    )
    .article(
        "2015/vluchtelingen.txt",
        "2015-09",
        "Duizenden vluchtelingen aan de grens\nDe vluchtelingen komen uit Syrië.",
    )
    .article(
        "2016/brussel.txt",
        "2016-03-22",
        "Aanslagen in Brussel\nBelgië is in rouw na de aanslagen van Daesh.",
    )
    .article(
        "2017/mosul.txt",
        "2017-07",
        "Mosul bevrijd\nHet leger heroverde Mosul; het kalifaat van IS is verloren.",
    )
    .article(
        "2017/raqqa.txt",
        "2017-10",
        "Raqqa gevallen\nDe hoofdstad van het kalifaat in Syrie is ingenomen.",
    )
    .article(
        "2019/baghuz.txt",
        "2019-03-23",
        "Laatste bolwerk gevallen\nEen vluchteling vertelt over de zomer van 2014 in Mosul.",
    );
    ws.index();
    ws
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("bad JSON ({e}): {stdout}"))
}

/// Path → score of every hit of `krant search ARGS --format json --all`.
fn scores(ws: &Workspace, args: &[&str]) -> Vec<(String, f64)> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--limit", "100"]);
    let run = ws.run(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    let mut out: Vec<(String, f64)> = json(&run.stdout)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["path"].as_str().unwrap().to_owned(),
                h["score"].as_f64().unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn a_month_filter_does_not_change_scores() {
    let ws = archive();
    for query in [
        "kalifaat",
        "mosul OR kalifaat",
        "\"het kalifaat\"",
        "kalif*",
    ] {
        let all = scores(&ws, &[query]);
        let ranged = scores(&ws, &[query, "--from", "2017-01", "--to", "2017-12"]);
        let in_query = scores(&ws, &[&format!("({query}) date:2017")]);
        let open = scores(&ws, &[query, "--from", "2015"]);
        assert!(!ranged.is_empty(), "{query}");
        for (path, score) in ranged.iter().chain(&in_query).chain(&open) {
            let unranged = all.iter().find(|(p, _)| p == path).unwrap().1;
            assert_eq!(*score, unranged, "{query}: {path}");
        }
        assert_eq!(ranged, in_query, "{query}");
    }
}

#[test]
fn synonyms_apply_to_search_kwic_and_show_alike() {
    let ws = archive();
    std::fs::write(ws.root().join("synoniemen.txt"), "IS, Daesh\n").unwrap();
    let syn = ["--synonyms", "synoniemen.txt"];
    let with = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend_from_slice(&syn);
        ws.run(&all)
    };
    // search finds and marks Daesh for IS.
    let run = with(&["search", "IS", "--format", "json"]);
    let hits = json(&run.stdout)["hits"].as_array().unwrap().clone();
    let brussel = hits
        .iter()
        .find(|h| h["path"] == "2016/brussel.txt")
        .expect("Daesh found for IS");
    let marked = common::marked(brussel);
    assert_eq!(marked, ["Daesh"]);
    // kwic shows the Daesh line too.
    let run = with(&["kwic", "IS", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let kwic = json(&run.stdout);
    let matches: Vec<(&str, &str)> = kwic["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["path"].as_str().unwrap(), l["match"].as_str().unwrap()))
        .collect();
    assert_eq!(
        matches,
        [
            ("2014/kalifaat.txt", "IS"),
            ("2016/brussel.txt", "Daesh"),
            ("2017/mosul.txt", "IS")
        ]
    );
    // show marks it.
    let run = with(&[
        "show",
        "2016/brussel.txt",
        "--highlight",
        "IS",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let article = json(&run.stdout);
    let text = article["text"].as_str().unwrap();
    let ranges = article["highlights"].as_array().unwrap();
    assert_eq!(ranges.len(), 1);
    let (s, e) = (
        ranges[0][0].as_u64().unwrap() as usize,
        ranges[0][1].as_u64().unwrap() as usize,
    );
    let word: String = text.chars().skip(s).take(e - s).collect();
    assert_eq!(word, "Daesh");
}

/// `krant ARGS` run in `dir` (a folder of the workspace), decoded.
fn run_in(ws: &Workspace, dir: &std::path::Path, args: &[&str]) -> common::Run {
    let mut command = ws.command(args);
    command.current_dir(dir);
    common::output(command)
}

#[test]
fn machine_formats_export_every_hit_and_text_says_how_to_see_all() {
    let ws = Workspace::new();
    ws.generate(60);
    ws.index();
    let q = "gemeenschappelijk";
    let lines = |args: &[&str]| {
        let run = ws.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout.lines().count()
    };
    assert_eq!(lines(&["search", q, "--format", "paths"]), 60);
    assert_eq!(lines(&["search", q, "--format", "ndjson"]), 60);
    assert_eq!(lines(&["search", q, "--format", "csv"]), 61);
    assert_eq!(lines(&["search", q, "--format", "csv", "--limit", "5"]), 6);
    let run = ws.run(&["search", q, "--format", "json"]);
    let all = json(&run.stdout);
    assert_eq!(
        (all["total"].as_u64(), all["hits"].as_array().unwrap().len()),
        (Some(60), 60)
    );
    // Text shows a page and says how to see the rest; --all and --limit 0 show every hit.
    let run = ws.run(&["search", q]);
    let last = run.stdout.lines().last().unwrap().to_owned();
    assert_eq!(
        last,
        "60 matching articles (showing 1–10; more with --offset 10, all with --all)"
    );
    for every in [&["--all"][..], &["--limit", "0"]] {
        let run = ws.run(&[&["search", q][..], every].concat());
        assert_eq!(run.stdout.lines().last().unwrap(), "60 matching articles");
        assert_eq!(run.stdout.matches("gen/").count(), 60);
    }
    // kwic: every line in TSV and JSON, a page in text.
    assert_eq!(lines(&["kwic", q, "--format", "tsv"]), 61);
    let run = ws.run(&["kwic", q, "--format", "json"]);
    let kwic = json(&run.stdout);
    assert_eq!(
        (
            kwic["total"].as_u64(),
            kwic["lines"].as_array().unwrap().len()
        ),
        (Some(60), 60)
    );
    let run = ws.run(&["kwic", q, "--limit", "7", "--format", "json"]);
    let kwic = json(&run.stdout);
    assert_eq!(
        (
            kwic["total"].as_u64(),
            kwic["lines"].as_array().unwrap().len()
        ),
        (Some(60), 7)
    );
    assert_eq!(lines(&["kwic", q, "--width", "10"]), 61);
    assert_eq!(lines(&["kwic", q, "--sort", "left", "--all"]), 61);
}

#[test]
fn an_export_of_every_hit_is_in_the_order_of_the_pages() {
    let ws = Workspace::new();
    ws.generate(45);
    ws.index();
    for (query, sort) in [
        ("gemeenschappelijk", "relevance"),
        ("gemeenschappelijk OR maand", "relevance"),
        ("gemeenschappelijk", "newest"),
        ("", "oldest"),
    ] {
        let every = ws.run(&[
            "search", query, "--sort", sort, "--all", "--format", "paths",
        ]);
        let mut paged = String::new();
        for offset in (0..45).step_by(10) {
            let offset = offset.to_string();
            let page = ws.run(&[
                "search", query, "--sort", sort, "--limit", "10", "--offset", &offset, "--format",
                "paths",
            ]);
            paged.push_str(&page.stdout);
        }
        assert_eq!(every.stdout.lines().count(), 45, "{query} {sort}");
        assert_eq!(every.stdout, paged, "{query} {sort}");
    }
}

#[test]
fn paths_work_from_where_the_user_stands() {
    let ws = archive();
    ws.article(
        "2017/met spatie\nen regel.txt",
        "2017-11",
        "Kalifaat met een rare naam.",
    );
    ws.index();
    let index = ws.root().join(".krant");
    let index = index.to_str().unwrap();
    // From the workspace: relative paths below it.
    let run = ws.run(&["search", "raqqa", "--format", "paths"]);
    assert_eq!(run.stdout, "corpus/2017/raqqa.txt\n");
    // From a folder of the corpus: relative below it, absolute elsewhere; each exists.
    let folder = ws.corpus_path("2017");
    let run = run_in(
        &ws,
        &folder,
        &[
            "search", "kalifaat", "--index", index, "--format", "paths", "-0", "--sort", "oldest",
        ],
    );
    let paths: Vec<&str> = run.stdout.split_terminator('\0').collect();
    let corpus = ws.root().join("corpus").canonicalize().unwrap();
    assert_eq!(
        paths,
        [
            format!("{}/2014/kalifaat.txt", corpus.display()).as_str(),
            "mosul.txt",
            "raqqa.txt",
            "met spatie\nen regel.txt",
        ]
    );
    assert!(paths.iter().all(|p| folder.join(p).is_file()), "{paths:?}");
    // -0 alone implies paths; with another format it is an error.
    let run = ws.run(&["search", "raqqa", "-0"]);
    assert_eq!(run.stdout, "corpus/2017/raqqa.txt\0");
    let run = ws.run(&["search", "raqqa", "-0", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("krant: error: -0 (--null)"),
        "{}",
        run.stderr
    );
    // JSON keeps the corpus-relative path and adds the absolute file.
    let run = ws.run(&["search", "raqqa", "--format", "json"]);
    let hit = &json(&run.stdout)["hits"][0];
    assert_eq!(hit["path"], "2017/raqqa.txt");
    assert_eq!(hit["file"], format!("{}/2017/raqqa.txt", corpus.display()));
    assert_eq!(hit["month"], "2017-10");
    // --count speaks JSON when asked to.
    let run = ws.run(&["search", "kalifaat", "--count", "--format", "json"]);
    assert_eq!(
        json(&run.stdout),
        serde_json::json!({"query": "kalifaat", "from": null, "to": null, "total": 4})
    );
}

#[test]
fn the_index_is_found_from_any_folder_below_it_and_show_takes_the_shells_path() {
    let ws = archive();
    let folder = ws.corpus_path("2017");
    // From a folder of the archive, the index above it is found.
    let run = run_in(&ws, &folder, &["search", "raqqa", "--format", "paths"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "raqqa.txt\n"),
        "{}",
        run.stderr
    );
    // show takes the path from here, an absolute one, or the corpus-relative one.
    let absolute = ws.corpus_path("2017/raqqa.txt");
    for path in [
        "raqqa.txt",
        "./raqqa.txt",
        "../2017/raqqa.txt",
        absolute.to_str().unwrap(),
        "2017/raqqa.txt",
    ] {
        let run = run_in(&ws, &folder, &["show", path, "--format", "json"]);
        assert_eq!(run.code, 0, "{path}: {}", run.stderr);
        assert_eq!(json(&run.stdout)["path"], "2017/raqqa.txt", "{path}");
    }
    let run = run_in(
        &ws,
        &folder,
        &["show", "../2014/kalifaat.txt", "--format", "json"],
    );
    assert_eq!(json(&run.stdout)["path"], "2014/kalifaat.txt");
    // `krant index` from below updates that index too.
    ws.article("2017/nieuw.txt", "2017-11", "Nieuw over Raqqa.");
    let run = run_in(&ws, &folder, &["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("1 added"), "{}", run.stderr);
    assert!(!folder.join(".krant").exists());
    // Outside any index: says where it looked.
    let elsewhere = tempfile::tempdir().unwrap();
    let run = run_in(&ws, elsewhere.path(), &["search", "raqqa"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("or a folder above it; create one with `krant index CORPUS`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_without_article_files_says_which_names_count() {
    let ws = Workspace::new();
    ws.raw("notities.md", b"date 2017-01 geen artikel")
        .raw("data.csv", b"a,b");
    let run = ws.run(&["index", "corpus"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains(
            "no article files found (2 other files were left out): an article is a file whose \
             name ends in .txt (any case)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn small_things_read_right() {
    let ws = archive();
    // A file gone since indexing: one warning per article, naming it once.
    std::fs::remove_file(ws.corpus_path("2017/raqqa.txt")).unwrap();
    for args in [
        &["search", "kalifaat"][..],
        &["kwic", "kalifaat"],
        &["show", "2017/raqqa.txt"],
    ] {
        let run = ws.run(args);
        let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.contains("gone")).collect();
        assert_eq!(
            warnings,
            [
                "krant: warning: 2017/raqqa.txt: its file is gone; shown without its text (run \
              `krant index` to update the index)"
            ],
            "{args:?}"
        );
    }
    // "1 group", not "1 groups".
    ws.article(
        "kopie.txt",
        "2014-06",
        "IS roept kalifaat uit\nAbu Bakr al-Baghdadi riep in Mosul het kalifaat uit.",
    );
    let run = ws.run(&["index", "corpus", "--allow-removals"]);
    assert!(
        run.stderr
            .contains("duplicates: 1 group of files with identical content"),
        "{}",
        run.stderr
    );
    // clap's own errors speak as krant does.
    let run = ws.run(&["search", "--bogus"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("krant: error: unexpected argument '--bogus'"),
        "{}",
        run.stderr
    );
    // --synonyms only where queries are matched.
    let help = |cmd: &str| ws.run(&[cmd, "--help"]).stdout;
    assert!(!help("index").contains("--synonyms"));
    for cmd in ["search", "kwic", "show", "histogram", "trend"] {
        assert!(help(cmd).contains("--synonyms"), "{cmd}");
    }
    // stats: plain words, and the local time with its offset.
    let run = ws.run_with_env(&["stats"], &[("TZ", "XYZ-2")]);
    assert!(
        !run.stdout.contains("word forms") && !run.stdout.contains("phrase pairs"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("spellings "), "{}", run.stdout);
    let last = run
        .stdout
        .lines()
        .find(|l| l.starts_with("last indexed"))
        .unwrap();
    assert!(last.ends_with(" +0200"), "{last}");
}

#[test]
fn shares_stay_visible_and_the_relative_peak_is_the_highest_share() {
    let ws = Workspace::new();
    // 2017-01: 3 of 300 articles match; 2017-02: 2 of 2 (fewer, but the highest share).
    for i in 0..300 {
        let text = if i < 3 {
            "Zeldzaam woord"
        } else {
            "Gewoon nieuws"
        };
        ws.article(&format!("a/{i:03}.txt"), "2017-01", &format!("{text} {i}"));
    }
    ws.article("b/1.txt", "2017-02", "Zeldzaam ook")
        .article("b/2.txt", "2017-02", "Zeldzaam weer");
    ws.index();
    let run = ws.run(&["histogram", "zeldzaam", "--relative"]);
    assert!(
        run.stdout.contains("5 articles matching 'zeldzaam' from 2017-01 to 2017-02; highest share in 2017-02 (100.0%, 2 of 2)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("   1.0%  (3/300)"), "{}", run.stdout);
    let run = ws.run(&["histogram", "zeldzaam"]);
    assert!(
        run.stdout.contains("; most in 2017-01 (3)"),
        "{}",
        run.stdout
    );
    // One in 300: 0.3333%, not 0.33.
    let run = ws.run(&["histogram", "\"zeldzaam woord 0\"", "--format", "json"]);
    assert_eq!(json(&run.stdout)["buckets"][0]["share"], 0.3333);
    let run = ws.run(&[
        "trend",
        "\"zeldzaam woord 0\"",
        "--format",
        "csv",
        "--relative",
    ]);
    assert!(
        run.stdout.contains("2017-01,300,0.3333\n"),
        "{}",
        run.stdout
    );
}

/// Runs `krant ARGS` with its stdout on a terminal `columns` wide (a pseudo-terminal),
/// colour off; returns what it printed there.
fn on_terminal(ws: &Workspace, args: &[&str], columns: u16) -> String {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes the two descriptors, which the files below then own.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    let (mut master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut command = ws.command(args);
    command
        .env_remove("COLUMNS")
        .stdout(slave)
        .stderr(std::process::Stdio::null());
    let mut child = command.spawn().expect("spawn krant");
    drop(command); // the last handle on the terminal's other end: reading ends with it
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buffer = [0; 4096];
        // Ends with EIO once krant has exited and closed the terminal.
        while let Ok(n) = master.read(&mut buffer) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buffer[..n]);
        }
        bytes
    });
    let status = child.wait().unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{args:?}: {status}");
    let bytes = reader.join().unwrap();
    String::from_utf8(bytes).unwrap().replace("\r\n", "\n")
}

fn columns_of(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn output_on_a_terminal_fits_its_width_and_pipes_keep_fixed_widths() {
    let ws = archive();
    // kwic: every line fits 60 columns, the right contexts line up.
    let text = on_terminal(&ws, &["kwic", "kalifaat OR mosul"], 60);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 4, "{text}");
    for line in &lines {
        assert!(
            columns_of(line) <= 60,
            "{} columns: {line}",
            columns_of(line)
        );
    }
    let dates: Vec<usize> = lines[..lines.len() - 1]
        .iter()
        .map(|l| columns_of(&l[..l.find("  20").unwrap()]))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] == w[1]), "{text}");
    // A pipe keeps 40 columns of context a side.
    let run = ws.run(&["kwic", "kalifaat"]);
    let first = run.stdout.lines().next().unwrap();
    assert_eq!(
        columns_of(&first[..first.find("  20").unwrap()]),
        40 + 8 + 40,
        "{first}"
    );
    // search: titles and snippets wrap at spaces within the width.
    let text = on_terminal(&ws, &["search", "kalifaat OR vluchteling"], 40);
    assert!(text.lines().all(|l| columns_of(l) <= 40), "{text}");
    assert!(
        text.contains("    Laatste bolwerk gevallen Een\n    vluchteling vertelt over de zomer\n"),
        "{text}"
    );
    // histogram: the bars take the width there is.
    let text = on_terminal(&ws, &["histogram", "--by", "year"], 50);
    let widest = text.lines().map(columns_of).max().unwrap();
    assert_eq!(widest, 50, "{text}");
    let run = ws.run(&["histogram", "--by", "year"]);
    let widest = run.stdout.lines().take(6).map(columns_of).max().unwrap();
    assert_eq!(widest, 4 + 2 + 40 + 2, "{}", run.stdout);
}

#[test]
fn trend_rows_share_one_scale_and_fall_back_to_coarser_periods_to_fit() {
    let ws = archive();
    // kalifaat: 2 articles in 2017; mosul: 1. One scale: mosul's 2017 is half as high.
    let run = ws.run(&["trend", "kalifaat", "mosul", "--by", "year"]);
    let rows: Vec<&str> = run.stdout.lines().rev().take(3).collect();
    assert_eq!(rows[0], "one scale for all rows: █ = 2 articles in a year");
    assert_eq!(rows[2], "kalifaat  ▅  █    3");
    assert_eq!(rows[1], "mosul     ▅  ▅ ▅  3");
    // 58 months do not fit 40 columns: quarters, and a note that says so.
    let text = on_terminal(&ws, &["trend", "kalifaat", "mosul"], 40);
    assert!(
        text.starts_with("by quarter: 58 months do not fit in 40\ncolumns (--by month shows them"),
        "{text}"
    );
    assert!(text.lines().all(|l| columns_of(l) <= 40), "{text}");
    assert!(text.contains("\n2017-Q3"), "{text}");
    assert!(
        text.ends_with("\none scale for all rows: █ = 1 article in\na quarter\n"),
        "{text}"
    );
    // Asked for by month, months it is; and a pipe gets every month.
    let text = on_terminal(&ws, &["trend", "kalifaat", "--by", "month"], 40);
    assert!(text.contains("\n2017-07"), "{text}");
    let run = ws.run(&["trend", "kalifaat"]);
    assert!(run.stdout.contains("\n2017-07"), "{}", run.stdout);
}

#[test]
fn kwic_columns_count_display_columns() {
    let ws = Workspace::new();
    ws.article(
        "a.txt",
        "2017-01",
        "Cafe\u{301} de\u{301}ja\u{300} vu: het kalifaat 🇳🇱🎉 viel",
    )
    .article(
        "b.txt",
        "2017-02",
        "Gewone tekst over het kalifaat en meer woorden hier",
    )
    .article(
        "c.txt",
        "2017-03",
        "日本語のテキスト kalifaten 日本語のテキスト",
    );
    ws.index();
    let run = ws.run(&["kwic", "kalifaat", "--width", "12"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    for line in &lines[..3] {
        let before_date = &line[..line.find("  2017").unwrap()];
        assert_eq!(columns_of(before_date), 12 + 9 + 12, "{line}");
        let keyword_end = line.find("kalifa").unwrap();
        assert_eq!(columns_of(&line[..keyword_end]), 12, "{line}");
    }
}

#[test]
fn the_manual_page_teaches_the_commands_and_the_query_language() {
    let ws = Workspace::new();
    let run = ws.run(&["man"]);
    assert_eq!(run.code, 0);
    let page = run.stdout;
    assert!(page.starts_with(".TH KRANT 1 "), "{page}");
    assert!(
        page.contains(".SH NAME\nkrant \\- offline search for archives of Dutch news articles\n")
    );
    for section in [
        "SYNOPSIS",
        "DESCRIPTION",
        "COMMANDS",
        "GLOBAL OPTIONS",
        "QUERY LANGUAGE",
        "OUTPUT",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
    ] {
        assert!(page.contains(&format!(".SH {section}\n")), "{section}");
    }
    for command in [
        "index",
        "search",
        "histogram",
        "trend",
        "kwic",
        "show",
        "stats",
        "check",
        "analyze",
        "terms",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"krant {command}\"\n")),
            "{command}"
        );
    }
    // Options with their values, defaults and choices; no pages that do not exist.
    assert!(page.contains("\\fB\\-\\-from\\fR \\fIYYYY[\\-MM]\\fR"));
    assert!(page.contains("\\fB\\-n\\fR, \\fB\\-\\-limit\\fR \\fIN\\fR"));
    assert!(page.contains("[possible values: text, json, ndjson, csv, paths]"));
    assert!(page.contains("\\fB\\-\\-rebuild\\fR\n"));
    assert!(page.contains("\\fBkalifat~1\\fR"));
    assert!(page.contains("\\fBKRANT_INDEX\\fR"));
    assert!(
        !page.contains("(1)") && !page.contains("krant\\-search"),
        "{page}"
    );
    // groff reads it without a warning, where groff is installed.
    if let Ok(mut groff) = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        use std::io::Write;
        groff
            .stdin
            .take()
            .unwrap()
            .write_all(page.as_bytes())
            .unwrap();
        let out = groff.wait_with_output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    } else {
        eprintln!("groff is not installed: the page's roff is not checked");
    }
}
