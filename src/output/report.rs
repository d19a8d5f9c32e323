//! `krant report`: one self-contained HTML file (no script, no link, no font to fetch)
//! with the trend chart, totals, top articles, a KWIC sample and the index's provenance.
//!
//! Everything that comes from the archive or the command line passes through [`text`],
//! which shows control characters as escapes and HTML's special characters as
//! references: an article's title cannot add markup to the page.

use std::io::{self, Write};

use super::escape::escape;
use super::time::utc_time;
use crate::chart::{Chart, escape_markup, svg};
use crate::concordance::KwicLine;
use crate::snippet::Snippet;

/// Where a report's figures come from, so that a figure in a paper can be traced.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// The corpus folder the index was built from.
    pub corpus: Option<String>,
    /// The index folder.
    pub index: String,
    /// Articles in the index.
    pub articles: u64,
    /// The range the report covers (`2014-01 to 2019-12`).
    pub range: String,
    /// Articles in that range.
    pub articles_in_range: u64,
    /// The analyzer's version (how words become terms).
    pub analyzer_version: u32,
    /// The index schema's version.
    pub schema_version: u32,
    /// When the last `krant index` committed, seconds since the epoch.
    pub indexed_at: Option<u64>,
    /// The krant that wrote the report.
    pub krant_version: &'static str,
    /// A command line that makes the report again.
    pub command: String,
}

/// One of a report's top articles.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportHit {
    /// `YYYY-MM[-DD]`.
    pub date: String,
    /// The title.
    pub title: String,
    /// The path relative to the corpus folder.
    pub path: String,
    /// The best passage, with its matches.
    pub snippet: Snippet,
}

/// One query's part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct QuerySection {
    /// The query as typed.
    pub query: String,
    /// Matching articles in the range.
    pub total: u64,
    /// The best articles, best first.
    pub hits: Vec<ReportHit>,
    /// Occurrences in the best articles.
    pub kwic: Vec<KwicLine>,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Where it comes from.
    pub provenance: Provenance,
    /// The queries over time.
    pub chart: Chart,
    /// One section per query, in the order given.
    pub queries: Vec<QuerySection>,
}

/// The page's style: system fonts, and a print layout that keeps a query's section and
/// the chart on one page where they fit and prints the highlights.
const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;\
max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;\
border-bottom:1px solid #ccc}h3{font-size:1rem}\
.sub{color:#444;margin-top:0}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem}dt{color:#444}\
dd{margin:0;overflow-wrap:anywhere}\
figure{margin:1rem 0}svg{max-width:100%;height:auto}\
table{border-collapse:collapse}td,th{padding:.15rem .5rem;vertical-align:top}\
th{text-align:left;border-bottom:1px solid #999}.num{text-align:right;\
font-variant-numeric:tabular-nums}\
ol.hits li{margin-bottom:.7rem}.date{color:#444;font-variant-numeric:tabular-nums;\
white-space:nowrap}\
.path{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.85em;\
color:#444;overflow-wrap:anywhere}\
mark{background:#ffe38a;color:inherit;font-weight:600}\
table.kwic{font-size:.9em;width:100%}.kwic .left{text-align:right;white-space:nowrap;\
overflow:hidden;max-width:22rem;direction:rtl}.kwic .left span{direction:ltr;\
unicode-bidi:embed}.kwic .right{white-space:nowrap;overflow:hidden;max-width:22rem}\
.kwic .kw{white-space:nowrap;text-align:center}\
footer{margin-top:3rem;color:#444;font-size:.85em}\
@media print{body{margin:0;max-width:none;font-size:10pt}\
section.query,figure,table{break-inside:avoid}h2{break-after:avoid}\
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// Archive or user text for HTML: controls shown as escapes (as on a terminal), then
/// `&<>"'` as references.
fn text(raw: &str) -> String {
    escape_markup(&escape(raw))
}

/// `snippet` with its matches in `<mark>`.
fn marked(snippet: &Snippet) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(start, end) in &snippet.highlights {
        out.push_str(&text(&snippet.text[last..start]));
        out.push_str("<mark>");
        out.push_str(&text(&snippet.text[start..end]));
        out.push_str("</mark>");
        last = end;
    }
    out.push_str(&text(&snippet.text[last..]));
    out
}

/// Writes the report as one HTML document.
pub fn print_report_html(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let queries: Vec<String> = report
        .queries
        .iter()
        .map(|q| format!("\u{2018}{}\u{2019}", text(&q.query)))
        .collect();
    let p = &report.provenance;
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"krant {}\">\n<title>krant report: {}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>krant report</h1>\n\
         <p class=\"sub\">{} &middot; {}</p>\n</header>\n",
        p.krant_version,
        queries.join(", "),
        queries.join(", "),
        text(&p.range)
    )?;
    write!(
        out,
        "<section class=\"chart\">\n<h2>Over time</h2>\n<figure>\n{}</figure>\n</section>\n",
        svg::element(&report.chart, false)
    )?;
    print_totals(out, report)?;
    for section in &report.queries {
        print_section(out, section)?;
    }
    print_provenance(out, p)?;
    writeln!(out, "</body>\n</html>")
}

fn print_totals(out: &mut impl Write, report: &Report) -> io::Result<()> {
    let in_range = report.provenance.articles_in_range;
    writeln!(
        out,
        "<section class=\"totals\">\n<h2>Totals</h2>\n<table>\n<thead><tr><th>query</th>\
         <th class=\"num\">matching articles</th><th class=\"num\">share of the {} articles \
         in the range</th></tr></thead>\n<tbody>",
        in_range
    )?;
    for q in &report.queries {
        let share = if in_range > 0 {
            format!("{:.2}%", q.total as f64 * 100.0 / in_range as f64)
        } else {
            "–".to_owned()
        };
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{share}</td></tr>",
            text(&q.query),
            q.total
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

fn print_section(out: &mut impl Write, q: &QuerySection) -> io::Result<()> {
    writeln!(
        out,
        "<section class=\"query\">\n<h2>\u{2018}{}\u{2019}</h2>\n<p class=\"sub\">{} matching \
         article{}; the best {} by relevance</p>",
        text(&q.query),
        q.total,
        if q.total == 1 { "" } else { "s" },
        q.hits.len()
    )?;
    if !q.hits.is_empty() {
        writeln!(out, "<ol class=\"hits\">")?;
        for hit in &q.hits {
            writeln!(
                out,
                "<li><span class=\"date\">{}</span> <strong lang=\"nl\">{}</strong><br>\
                 <span class=\"path\">{}</span><br><span lang=\"nl\">{}</span></li>",
                text(&hit.date),
                text(&hit.title),
                text(&hit.path),
                marked(&hit.snippet)
            )?;
        }
        writeln!(out, "</ol>")?;
    }
    if !q.kwic.is_empty() {
        writeln!(
            out,
            "<h3>Keyword in context</h3>\n<p class=\"sub\">{} occurrence{} in the articles \
             above, by date</p>\n<table class=\"kwic\" lang=\"nl\">",
            q.kwic.len(),
            if q.kwic.len() == 1 { "" } else { "s" }
        )?;
        for line in &q.kwic {
            writeln!(
                out,
                "<tr><td class=\"left\"><span>{}</span></td><td class=\"kw\"><mark>{}</mark>\
                 </td><td class=\"right\">{}</td><td class=\"date\">{}</td></tr>",
                text(&line.left),
                text(&line.keyword),
                text(&line.right),
                line.date
            )?;
        }
        writeln!(out, "</table>")?;
    }
    writeln!(out, "</section>")
}

fn print_provenance(out: &mut impl Write, p: &Provenance) -> io::Result<()> {
    writeln!(out, "<footer>\n<h2>Source</h2>\n<dl>")?;
    let mut row = |name: &str, value: &str| writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    row(
        "corpus folder",
        &p.corpus.as_deref().map_or("unknown".to_owned(), text),
    )?;
    row("index folder", &text(&p.index))?;
    row("articles in the index", &p.articles.to_string())?;
    row("range", &text(&p.range))?;
    row("articles in the range", &p.articles_in_range.to_string())?;
    row(
        "analyzer version",
        &format!("{} (index schema {})", p.analyzer_version, p.schema_version),
    )?;
    row(
        "last indexed",
        &p.indexed_at.map_or("unknown".to_owned(), utc_time),
    )?;
    row("made with", &format!("krant {}", text(p.krant_version)))?;
    row("command", &format!("<code>{}</code>", text(&p.command)))?;
    writeln!(out, "</dl>\n</footer>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Series;
    use crate::date::{ArticleDate, Month};

    fn report(hostile: &str) -> Report {
        let date = ArticleDate {
            month: Month::new(2017, 3).unwrap(),
            day: Some(4),
        };
        let snippet_text = format!("voor {hostile} na");
        Report {
            provenance: Provenance {
                corpus: Some(format!("/archief/{hostile}")),
                index: ".krant".to_owned(),
                articles: 10,
                range: "2017-01 to 2017-12".to_owned(),
                articles_in_range: 4,
                analyzer_version: 3,
                schema_version: 9,
                indexed_at: Some(86_400),
                krant_version: "0.1.0",
                command: format!("krant report '{hostile}'"),
            },
            chart: Chart {
                title: hostile.to_owned(),
                subtitle: "2017".to_owned(),
                x_label: "month".to_owned(),
                y_label: "articles".to_owned(),
                relative: false,
                percent: false,
                series: vec![Series {
                    name: hostile.to_owned(),
                    points: vec![("2017-03".to_owned(), Some(1.0))],
                }],
            },
            queries: vec![QuerySection {
                query: hostile.to_owned(),
                total: 1,
                hits: vec![ReportHit {
                    date: date.to_string(),
                    title: hostile.to_owned(),
                    path: format!("2017/{hostile}.txt"),
                    snippet: Snippet {
                        highlights: vec![(5, 5 + hostile.len())],
                        text: snippet_text,
                    },
                }],
                kwic: vec![KwicLine {
                    left: hostile.to_owned(),
                    keyword: hostile.to_owned(),
                    right: hostile.to_owned(),
                    date,
                    path: "p".to_owned(),
                    offset: 0,
                }],
            }],
        }
    }

    fn html(report: &Report) -> String {
        let mut out = Vec::new();
        print_report_html(&mut out, report).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn nothing_from_the_archive_becomes_markup() {
        let hostile = "<script>alert(1)</script><img src=x onerror=\"y\">&amp;\u{1b}[2J";
        let page = html(&report(hostile));
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"));
        assert!(!page.contains('\u{1b}'));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x"));
        assert!(page.contains("&amp;amp;"));
        assert!(page.contains("\\x1B[2J"));
        // The match is marked, its text escaped.
        assert!(page.contains("voor <mark>&lt;script&gt;"));
    }

    #[test]
    fn the_page_fetches_nothing() {
        let page = html(&report("kalifaat"));
        for fetch in [
            "<script", "<link", "src=", "href=", "url(", "@import", "http",
        ] {
            assert!(!page.contains(fetch), "{fetch} in the page");
        }
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("1970-01-02 00:00 UTC"));
        assert_eq!(page, html(&report("kalifaat")), "deterministic");
    }
}
