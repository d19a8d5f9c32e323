//! Pictures through the real binary: `--format svg` charts and the HTML report.

use crate::common;

use common::{Workspace, research_archive as archive};

fn svg(ws: &Workspace, args: &[&str]) -> String {
    let run = ws.run(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// Elements of `name` with `class`, in document order.
fn elements<'a>(
    doc: &'a roxmltree::Document<'a>,
    name: &str,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name) && n.attribute("class") == Some(class))
        .collect()
}

#[test]
fn a_histogram_is_a_bar_per_period_in_valid_deterministic_svg() {
    let ws = archive();
    let args = ["histogram", "kalifaat", "--format", "svg"];
    let text = svg(&ws, &args);
    assert_eq!(text, svg(&ws, &args), "the same bytes each time");
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    assert_eq!(root.attribute("version"), Some("1.1"));
    let bars = elements(&doc, "rect", "bar");
    let heights: Vec<f64> = bars
        .iter()
        .map(|b| b.attribute("height").unwrap().parse().unwrap())
        .collect();
    // 2, 0, 1, 0, 0 on a scale of 0..2.
    assert_eq!(heights, [260.0, 0.0, 130.0, 0.0, 0.0]);
    let tooltips: Vec<&str> = bars
        .iter()
        .map(|b| b.first_element_child().unwrap().text().unwrap())
        .collect();
    assert_eq!(tooltips[0], "2017-01: 2");
    let title = doc
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text());
    assert_eq!(title, Some("Articles matching ‘kalifaat’ per month"));
    assert!(text.contains(">2017-01 to 2017-05<"));
}

#[test]
fn a_trend_is_a_line_per_query_told_apart_without_colour() {
    let ws = archive();
    let text = svg(
        &ws,
        &[
            "trend",
            "kalifaat",
            "vluchteling",
            "--relative",
            "--format",
            "svg",
        ],
    );
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let lines = elements(&doc, "path", "series");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].attribute("stroke-dasharray"), None);
    assert_eq!(lines[1].attribute("stroke-dasharray"), Some("9 4"));
    // 2017-02 and 2017-04 have no articles, so no share: each line is three pieces.
    assert_eq!(lines[0].attribute("d").unwrap().matches('M').count(), 3);
    let legend: Vec<String> = elements(&doc, "g", "legend")
        .iter()
        .map(|g| {
            g.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    assert_eq!(legend, ["kalifaat", "vluchteling"]);
    assert!(text.contains(">100%<"), "percent ticks: {text}");
}

#[test]
fn a_report_holds_the_trend_totals_articles_kwic_and_provenance() {
    let ws = archive();
    let run = ws.run(&["report", "kalifaat", "vluchteling", "--from", "2017"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("class=\"series\"").count(), 2);
    assert!(page.contains(
        "<tr><td>kalifaat</td><td class=\"num\">3</td><td class=\"num\">50.00%</td></tr>"
    ));
    assert!(page.contains("<tr><td>vluchteling</td><td class=\"num\">2</td>"));
    assert!(page.contains("<span class=\"path\">a.txt</span>"));
    assert!(page.contains("<mark>kalifaat</mark>"));
    // Occurrences in the three kalifaat articles (two titles count too), and in two
    // of vluchteling.
    assert_eq!(page.matches("<td class=\"kw\">").count(), 5 + 2);
    let corpus = ws.root().join("corpus").canonicalize().unwrap();
    assert!(page.contains(&format!("<dd>{}</dd>", corpus.display())));
    assert!(page.contains("<dt>analyzer version</dt>"));
    assert!(page.contains("<code>krant report kalifaat vluchteling --from 2017-01</code>"));
    for fetch in [
        "<script", "<link", "src=", "href=", "url(", "@import", "http",
    ] {
        assert!(!page.contains(fetch), "{fetch} in the page");
    }
    let again = ws.run(&["report", "kalifaat", "vluchteling", "--from", "2017"]);
    assert_eq!(page, again.stdout, "the same page each time");
    let none = ws.run(&["report", "brexit"]);
    assert_eq!(none.code, 1, "nothing matched: {}", none.stderr);
}

#[test]
fn a_report_keeps_to_its_folders() {
    let ws = Workspace::new();
    ws.article("nrc/a.txt", "2017-01", "Kalifaat\nHet kalifaat viel.")
        .article("nrc/b.txt", "2017-01", "Weer\nHet regende.")
        .article("trouw/c.txt", "2017-01", "Kalifaat\nOver het kalifaat.");
    ws.index();
    let run = ws.run(&["report", "kalifaat", "--in", "nrc"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // One of nrc's two articles: trouw's article is neither a hit nor in the total.
    assert!(
        run.stdout.contains(
            "<tr><td>kalifaat</td><td class=\"num\">1</td><td class=\"num\">50.00%</td></tr>"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("trouw/c.txt"));
    assert!(
        run.stdout
            .contains("<code>krant report kalifaat --in nrc</code>")
    );
}

#[test]
fn a_report_shows_hostile_archive_text_as_text() {
    let ws = Workspace::new();
    ws.article(
        "<img src=x onerror=alert(1)>.txt",
        "2017-01",
        "<script>alert('titel')</script> kalifaat\nHet kalifaat <b>vet</b> & \u{1b}[2J weg.",
    );
    ws.index();
    let run = ws.run(&["report", "kalifaat"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = run.stdout;
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>"));
    assert!(!page.contains('\u{1b}'));
    assert!(page.contains("&lt;script&gt;alert(&#39;titel&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;.txt"));
    assert!(page.contains("&lt;b&gt;vet&lt;/b&gt; &amp; \\x1B[2J"));
    let svg = ws.run(&["histogram", "kalifaat OR <b>&'x'</b>", "--format", "svg"]);
    assert_eq!(svg.code, 0, "{}", svg.stderr);
    roxmltree::Document::parse(&svg.stdout).expect("well-formed XML");
    assert!(!svg.stdout.contains("<b>"));
}
