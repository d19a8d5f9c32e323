//! Research commands through the real binary: histogram, trend, kwic, show, stats, the
//! search formats and the richer query syntax.

use crate::common;

use common::{Workspace, research_archive as archive};
use serde_json::Value;

fn json(ws: &Workspace, args: &[&str]) -> (i32, Value) {
    let run = ws.run(args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    let value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: bad JSON ({e}): {}", run.stdout));
    (run.code, value)
}

#[test]
fn histogram_counts_every_month_with_zeros() {
    let ws = archive();
    let (code, h) = json(&ws, &["histogram", "kalifaat", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(h["query"], "kalifaat");
    assert_eq!(h["by"], "month");
    assert_eq!(h["total"], 3);
    let rows: Vec<(String, u64, u64)> = h["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["period"].as_str().unwrap().to_owned(),
                b["count"].as_u64().unwrap(),
                b["total"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("2017-01".to_owned(), 2, 3),
            ("2017-02".to_owned(), 0, 0),
            ("2017-03".to_owned(), 1, 2),
            ("2017-04".to_owned(), 0, 0),
            ("2017-05".to_owned(), 0, 1),
        ]
    );
    assert_eq!(h["buckets"][0]["share"], 66.67);
    assert_eq!(h["buckets"][1]["share"], Value::Null);
}

#[test]
fn histogram_range_csv_year_and_relative() {
    let ws = archive();
    let run = ws.run(&[
        "histogram",
        "kalifaat",
        "--from",
        "2016-11",
        "--to",
        "2017-02",
        "--format",
        "csv",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "period,count,total,share\n2016-11,0,0,\n2016-12,0,0,\n2017-01,2,3,66.67\n2017-02,0,0,\n"
    );
    let run = ws.run(&[
        "histogram",
        "vluchteling",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    assert_eq!(run.stdout, "period,count,total,share\n2017,2,6,33.33\n");
    let run = ws.run(&["histogram", "kalifaat", "--relative"]);
    assert_eq!(run.code, 0);
    let jan = run.stdout.lines().next().unwrap();
    assert!(jan.starts_with("2017-01 │"), "{jan}");
    assert!(jan.ends_with("66.7%  (2/3)"), "{jan}");
    assert!(run.stdout.contains("2017-02 │"));
    let run = ws.run(&["histogram", "olifant"]);
    assert_eq!(run.code, 1);
}

#[test]
fn trend_puts_queries_side_by_side() {
    let ws = archive();
    let (_, t) = json(
        &ws,
        &["trend", "kalifaat", "vluchteling", "--format", "json"],
    );
    assert_eq!(
        t["periods"],
        serde_json::json!(["2017-01", "2017-02", "2017-03", "2017-04", "2017-05"])
    );
    assert_eq!(t["totals"], serde_json::json!([3, 0, 2, 0, 1]));
    assert_eq!(t["series"][0]["query"], "kalifaat");
    assert_eq!(t["series"][0]["counts"], serde_json::json!([2, 0, 1, 0, 0]));
    assert_eq!(t["series"][1]["counts"], serde_json::json!([0, 0, 1, 0, 1]));
    assert_eq!(t["series"][1]["total"], 2);
    let run = ws.run(&[
        "trend",
        "kalifaat",
        "vluchteling",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    assert_eq!(
        run.stdout,
        "period,total,kalifaat,vluchteling\n2017,6,3,2\n"
    );
    let run = ws.run(&["trend", "kalifaat", "vluchteling"]);
    assert!(
        run.stdout.contains("kalifaat     █ ▅    3"),
        "{}",
        run.stdout
    );
    // One scale for both rows: vluchteling's single articles are half kalifaat's two.
    assert!(
        run.stdout.contains("vluchteling    ▅ ▅  2"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .ends_with("\none scale for all rows: █ = 2 articles in a month\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn kwic_lines_are_aligned_and_exportable() {
    let ws = archive();
    let run = ws.run(&["kwic", "kalifaat", "--width", "12", "--format", "tsv"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "left\tmatch\tright\tdate\tmonth\tpath\n\
         Het \tkalifaat\t Het kalifaa\t\t2017-01\ta.txt\n\
         alifaat Het \tkalifaat\t van IS werd\t\t2017-01\ta.txt\n\
         \tKalifaat\t valt De str\t2017-01-20\t2017-01\tb.txt\n\
         rijd om het \tkalifaat\t duurt voort\t2017-01-20\t2017-01\tb.txt\n\
         tuk van het \tkalifaat\t.\t\t2017-03\td.txt\n"
    );
    let run = ws.run(&["kwic", "vluchteling", "--width", "10"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "Opvang De vluchtelingen in Ter Ap  2017-03  e.txt"
    );
    // The match column is as wide as the widest match: the right contexts line up.
    assert_eq!(
        lines[1],
        "rhaal Een vluchteling   vertelt,   2017-05  f.txt"
    );
    assert_eq!(lines[2], "2 occurrences");
    let (_, k) = json(
        &ws,
        &["kwic", "kalifaat", "--limit", "2", "--format", "json"],
    );
    assert_eq!(k["total"], 5);
    assert_eq!(k["lines"].as_array().unwrap().len(), 2);
    assert_eq!(k["lines"][0]["match"], "kalifaat");
    let run = ws.run(&[
        "kwic", "het", "--sort", "right", "--width", "8", "--format", "tsv",
    ]);
    let rights: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    let mut sorted = rights.clone();
    sorted.sort_by_key(|r| r.trim().to_lowercase());
    assert_eq!(rights, sorted);
}

#[test]
fn show_prints_one_article_with_highlights() {
    let ws = archive();
    let run = ws.run(&["show", "d.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "date:  2017-03\npath:  d.txt\ntitle: Raqqa\n\nRaqqa\nIn Raqqa viel het laatste stuk van het kalifaat.\n"
    );
    let run = ws.run(&[
        "show",
        "d.txt",
        "--highlight",
        "kalifaat",
        "--color",
        "always",
    ]);
    assert!(
        run.stdout.contains("het \x1b[1;31mkalifaat\x1b[0m."),
        "{}",
        run.stdout
    );
    let (_, a) = json(
        &ws,
        &[
            "show",
            "f.txt",
            "--highlight",
            "vluchtelingen",
            "--format",
            "json",
        ],
    );
    assert_eq!(a["date"], "2017-05");
    assert_eq!(a["highlights"], serde_json::json!([[16, 27]]));
    let run = ws.run(&["show", "nergens.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no article with path 'nergens.txt'"));
}

#[test]
fn stats_describe_the_index() {
    let ws = archive();
    let (_, s) = json(&ws, &["stats", "--format", "json"]);
    assert_eq!(s["articles"], 6);
    assert_eq!(s["first_month"], "2017-01");
    assert_eq!(s["last_month"], "2017-05");
    assert_eq!(s["empty_months"], 2);
    assert_eq!(
        s["per_year"],
        serde_json::json!([{"year": 2017, "articles": 6}])
    );
    assert_eq!(s["schema_version"], 8);
    assert!(s["index_bytes"].as_u64().unwrap() > 1000);
    assert!(s["corpus"].as_str().unwrap().ends_with("corpus"));
    assert!(s["indexed_at"].as_u64().unwrap() > 1_700_000_000);
    let run = ws.run(&["stats"]);
    assert!(
        run.stdout.starts_with(
            "articles      6\nmonths        2017-01 to 2017-05 (2 without articles)\n"
        )
    );
}

#[test]
fn search_formats_count_sort_and_paging() {
    let ws = archive();
    let run = ws.run(&["search", "kalifaat", "--count"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "3\n"));
    let run = ws.run(&["search", "olifant", "--count"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, "0\n"));
    let run = ws.run(&[
        "search", "kalifaat", "--sort", "oldest", "--format", "paths",
    ]);
    assert_eq!(run.stdout, "corpus/a.txt\ncorpus/b.txt\ncorpus/d.txt\n");
    let run = ws.run(&[
        "search", "kalifaat", "--sort", "newest", "--format", "paths",
    ]);
    assert_eq!(run.stdout, "corpus/d.txt\ncorpus/b.txt\ncorpus/a.txt\n");
    let run = ws.run(&[
        "search", "kalifaat", "--sort", "oldest", "--limit", "1", "--offset", "1", "--format",
        "paths",
    ]);
    assert_eq!(run.stdout, "corpus/b.txt\n");
    let run = ws.run(&[
        "search", "kalifaat", "--sort", "oldest", "--format", "ndjson",
    ]);
    let hits: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[1]["path"], "b.txt");
    assert_eq!(hits[1]["date"], "2017-01-20");
    assert_eq!(hits[1]["score"], Value::Null);
    let run = ws.run(&[
        "search",
        "vluchteling",
        "--sort",
        "oldest",
        "--format",
        "csv",
    ]);
    // One shape per column: `date` only with a day, `month` always; `file` absolute.
    let corpus = ws.root().join("corpus").canonicalize().unwrap();
    let corpus = corpus.to_str().unwrap();
    assert_eq!(
        run.stdout,
        format!(
            "path,date,month,title,score,snippet,file\n\
             e.txt,,2017-03,Opvang,,Opvang De vluchtelingen in Ter Apel wachten.,{corpus}/e.txt\n\
             f.txt,,2017-05,Een verhaal,,\"Een verhaal Een vluchteling vertelt, \"\"met komma's\"\".\",{corpus}/f.txt\n"
        )
    );
}

#[test]
fn in_query_dates_match_from_and_to() {
    let ws = archive();
    for (inline, flags) in [
        (
            "date:2017-01..2017-02",
            vec!["--from", "2017-01", "--to", "2017-02"],
        ),
        ("date:>=2017-03", vec!["--from", "2017-03"]),
        ("date:<=2017-01", vec!["--to", "2017-01"]),
        ("date:2017", vec!["--from", "2017", "--to", "2017"]),
    ] {
        let with_inline = ws.matches(&[&format!("kalifaat {inline}")]);
        let mut args = vec!["kalifaat"];
        args.extend(flags);
        assert_eq!(with_inline, ws.matches(&args), "{inline}");
        assert!(!with_inline.is_empty(), "{inline}");
    }
    assert_eq!(ws.matches(&["date:2017-03"]), ["d.txt", "e.txt"]);
}

#[test]
fn fuzzy_slop_and_field_scoping() {
    let ws = archive();
    assert_eq!(ws.matches(&["kalifat~1"]), ["a.txt", "b.txt", "d.txt"]);
    assert!(ws.matches(&["kalfat~1"]).is_empty());
    assert_eq!(ws.matches(&["title:kalifaat"]), ["a.txt", "b.txt"]);
    assert_eq!(ws.matches(&["text:raqqa"]), ["d.txt"]);
    assert!(ws.matches(&["\"laatste kalifaat\""]).is_empty());
    assert_eq!(ws.matches(&["\"laatste kalifaat\"~4"]), ["d.txt"]);
    let run = ws.run(&["search", "auteur:jan"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown field 'auteur' (fields: title, text, date, path) at character 1")
    );
}

#[test]
fn completions_and_man_page_come_from_the_cli() {
    let ws = Workspace::new();
    let run = ws.run(&["completions", "bash"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("_krant()"));
    assert!(run.stdout.contains("histogram"));
    let run = ws.run(&["completions", "fish"]);
    assert!(run.stdout.contains("complete -c krant"));
    let run = ws.run(&["man"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with(".TH KRANT 1"));
}
