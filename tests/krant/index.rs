//! `krant index` and error handling through the real binary: building, re-running,
//! bad files, and the mistakes users make.

use crate::common;

use common::{Workspace, summary_counts};

#[test]
fn indexing_twice_never_duplicates() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.")
        .article("b.txt", "2017-11", "Nog een kalifaat.");
    let run = ws.index();
    assert_eq!(summary_counts(&run.stderr), (2, 2, 0, 0, 0, 0));
    let run = ws.index();
    assert_eq!(summary_counts(&run.stderr), (2, 0, 0, 0, 2, 0));
    let json = ws.search_json(&["kalifaat"]);
    assert_eq!(json.total, 2);
    assert_eq!(json.sorted_paths(), ["a.txt", "b.txt"]);
}

#[test]
fn edits_additions_and_deletions_are_followed() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.")
        .article("b.txt", "2017-11", "Een olifant in de zoo.")
        .article("c.txt", "2017-12", "Raqqa is ingenomen.");
    ws.index();
    ws.article("a.txt", "2017-10", "Het weer was mooi.")
        .remove("b.txt")
        .article("d.txt", "2018-01", "Een tweede kalifaat.");
    let run = ws.index();
    // 3 articles: c unchanged, a updated, d added; b removed.
    assert_eq!(summary_counts(&run.stderr), (3, 1, 1, 1, 1, 0));
    assert_eq!(ws.matches(&["kalifaat"]), ["d.txt"]);
    assert_eq!(ws.matches(&["olifant"]), Vec::<String>::new());
    assert_eq!(ws.matches(&["weer"]), ["a.txt"]);
    assert_eq!(ws.search_json(&[]).total, 3);
}

#[test]
fn index_defaults_to_the_recorded_corpus() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    ws.index();
    ws.article("b.txt", "2017-10", "Nog een kalifaat.");
    let run = ws.run(&["index"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_counts(&run.stderr), (2, 1, 0, 0, 1, 0));
}

#[test]
fn bad_files_are_skipped_with_named_warnings() {
    let ws = Workspace::new();
    ws.article("good.txt", "2017-10", "Een goed artikel.")
        .raw("empty.txt", b"")
        .raw("noheader.txt", b"Gewoon wat tekst zonder kop.")
        .raw("month13.txt", b" date 2017-13 Onmogelijke maand.")
        .raw("onlyheader.txt", b" date 2017-10 \n")
        .raw("binary.txt", b" date 2017-10 abc\0def")
        .raw("notes.md", b"date 2017-10 geen artikel")
        .raw(".hidden.txt", b"date 2017-10 verborgen");
    let run = ws.index();
    assert_eq!(summary_counts(&run.stderr), (1, 1, 0, 0, 0, 5));
    for (file, reason) in [
        ("corpus/empty.txt", "empty file"),
        ("corpus/noheader.txt", "no header"),
        (
            "corpus/month13.txt",
            "bad date '2017-13' in header: month 13 does not exist",
        ),
        ("corpus/onlyheader.txt", "only a header, no text"),
        ("corpus/binary.txt", "binary file"),
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no warning for {file}: {}", run.stderr));
        assert!(line.starts_with("krant: warning: "), "{line}");
        assert!(line.contains(reason), "{line}");
    }
    assert!(!run.stderr.contains("notes.md"));
    assert!(!run.stderr.contains("hidden"));
    // The summary groups the reasons.
    assert!(
        run.stderr.lines().any(|l| l
            == "skipped: 1 bad date, 1 binary file (contains NUL bytes), 1 empty file, \
                1 no header, 1 only a header, no text"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search_json(&[]).total, 1);
}

#[test]
fn encodings_and_line_endings() {
    let ws = Workspace::new();
    ws.raw(
        "bom.txt",
        "\u{feff}date 2016-03 België met BOM\r\nTekst.".as_bytes(),
    )
    .raw(
        "cp1252.txt",
        b"date 2016-04 Belgi\xEB in Windows-1252\r\nMeer tekst.",
    )
    .raw("tab.txt", b"Date\t2016-05-02\tTab en hoofdletters\nTekst.");
    let run = ws.index();
    assert_eq!(summary_counts(&run.stderr).0, 3);
    assert!(
        run.stderr
            .contains("krant: note: corpus/cp1252.txt: not valid UTF-8; read as Windows-1252"),
        "{}",
        run.stderr
    );
    let json = ws.search_json(&["belgie"]);
    assert_eq!(json.sorted_paths(), ["bom.txt", "cp1252.txt"]);
    for hit in &json.hits {
        assert!(!hit.title.contains('\r') && !hit.snippet.contains('\r'));
    }
    let cp = json.hits.iter().find(|h| h.path == "cp1252.txt").unwrap();
    assert_eq!(cp.title, "België in Windows-1252");
    assert_eq!(ws.search_json(&["hoofdletters"]).hits[0].date, "2016-05-02");
}

#[test]
fn an_index_inside_the_corpus_is_not_indexed() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    let run = ws.run(&["index", "corpus", "--index", "corpus/idx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::write(ws.corpus_path("idx/stray.txt"), " date 2017-10 kalifaat").unwrap();
    let run = ws.run(&["index", "corpus", "--index", "corpus/idx"]);
    assert_eq!(summary_counts(&run.stderr), (1, 0, 0, 0, 1, 0));
}

#[test]
fn index_location_from_environment() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    let run = ws.run_with_env(&["index", "corpus"], &[("KRANT_INDEX", "elders")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(ws.root().join("elders/krant.json").exists());
    let run = ws.run_with_env(&["search", "kalifaat"], &[("KRANT_INDEX", "elders")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Runs a command that must fail with exit 2 and one line on stderr containing `needle`.
fn assert_error(ws: &Workspace, args: &[&str], needle: &str) {
    let run = ws.run(args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
    assert!(run.stderr.starts_with("krant: error: "), "{}", run.stderr);
    assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
    assert_eq!(run.stdout, "");
}

#[test]
fn user_errors_are_one_line_and_exit_2() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    ws.index();
    assert_error(
        &ws,
        &["search", "x", "--from", "2017-13"],
        "invalid --from '2017-13': month 13 does not exist (01–12)",
    );
    assert_error(
        &ws,
        &["search", "x", "--from", "2018", "--to", "2017-06"],
        "--from 2018-01 is later than --to 2017-06",
    );
    assert_error(
        &ws,
        &["search", "\"de zomer"],
        "invalid query: unclosed quote: add a closing '\"' at character 1",
    );
    assert_error(
        &ws,
        &["search", "(a OR b"],
        "invalid query: unclosed '(': add a ')' at character 1",
    );
    assert_error(
        &ws,
        &["search", "a OR b)"],
        "unbalanced ')': no '(' before it at character 7",
    );
    assert_error(
        &ws,
        &["index", "nergens"],
        "corpus folder nergens does not exist",
    );
    std::fs::create_dir(ws.root().join("vreemd")).unwrap();
    std::fs::write(ws.root().join("vreemd/data.bin"), b"x").unwrap();
    assert_error(
        &ws,
        &["search", "x", "--index", "vreemd"],
        "vreemd is not a krant index",
    );
    assert_error(
        &ws,
        &["index", "corpus", "--index", "vreemd"],
        "vreemd exists and is not a krant index",
    );
    assert!(ws.root().join("vreemd/data.bin").exists());
    // Without ./corpus to build from, a missing index is an error that says what to do.
    let bare = Workspace::new();
    std::fs::remove_dir(bare.root().join("corpus")).unwrap();
    assert_error(
        &bare,
        &["search", "x", "--index", "leeg"],
        "no krant index at leeg; create one with `krant index CORPUS`",
    );
}

#[test]
fn clap_usage_errors_exit_2() {
    let ws = Workspace::new();
    let run = ws.run(&["search", "--limit", "-1"]);
    assert_eq!(run.code, 2);
    let run = ws.run(&["zoek"]);
    assert_eq!(run.code, 2);
    let run = ws.run(&["--help"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Examples:"));
}

#[test]
fn an_index_from_another_version_asks_for_rebuild() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    ws.index();
    let marker = ws.root().join(".krant/krant.json");
    std::fs::write(
        &marker,
        r#"{"format":"krant","schema_version":1,"analyzer_version":0}"#,
    )
    .unwrap();
    assert_error(&ws, &["search", "kalifaat"], "krant index --rebuild");
    assert_error(&ws, &["index", "corpus"], "krant index --rebuild");
    let run = ws.run(&["index", "corpus", "--rebuild"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(ws.matches(&["kalifaat"]), ["a.txt"]);
}

#[test]
fn another_corpus_needs_rebuild() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    ws.index();
    std::fs::create_dir(ws.root().join("ander")).unwrap();
    std::fs::write(ws.root().join("ander/b.txt"), " date 2018-01 Raqqa").unwrap();
    assert_error(&ws, &["index", "ander"], "add --rebuild");
    let run = ws.run(&["index", "ander", "--rebuild"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(summary_counts(&run.stderr), (1, 1, 0, 0, 0, 0));
    assert_eq!(ws.matches(&["raqqa"]), ["b.txt"]);
    assert_eq!(ws.search_json(&["kalifaat"]).total, 0);
}
