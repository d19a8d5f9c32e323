//! `krant search` through the real binary: matching, month ranges, query language,
//! output formats and exit codes.

use crate::common;

use common::Workspace;

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
        "Aanslagen in Brussel\nBelgië is in rouw na de aanslagen.",
    )
    .article(
        "2017/mosul.txt",
        "2017-07",
        "Mosul bevrijd\nHet leger heroverde Mosul; het kalifaat is verloren.",
    )
    .article(
        "2017/raqqa.txt",
        "2017-10",
        "Raqqa gevallen\nDe hoofdstad van het kalifaat in Syrie is ingenomen.",
    )
    .article(
        "2017/weer.txt",
        "2017-12",
        "Het weer\nHet is koud en het sneeuwt in de zomer van niemand.",
    )
    .article(
        "2019/baghuz.txt",
        "2019-03-23",
        "Laatste bolwerk gevallen\nEen vluchteling vertelt over de zomer van 2014 in Mosul.",
    );
    ws.index();
    ws
}

#[test]
fn stemming_finds_plural_and_singular() {
    let ws = archive();
    assert_eq!(
        ws.matches(&["vluchteling"]),
        ["2015/vluchtelingen.txt", "2019/baghuz.txt"]
    );
    assert_eq!(
        ws.matches(&["vluchtelingen"]),
        ["2015/vluchtelingen.txt", "2019/baghuz.txt"]
    );
    assert_eq!(
        ws.matches(&["kalifaten"]),
        ["2014/kalifaat.txt", "2017/mosul.txt", "2017/raqqa.txt"]
    );
}

#[test]
fn diacritics_fold_both_ways() {
    let ws = archive();
    assert_eq!(ws.matches(&["belgie"]), ["2016/brussel.txt"]);
    assert_eq!(ws.matches(&["BELGIË"]), ["2016/brussel.txt"]);
    assert_eq!(
        ws.matches(&["Syrië"]),
        ["2015/vluchtelingen.txt", "2017/raqqa.txt"]
    );
}

#[test]
fn month_range_is_inclusive_and_years_expand() {
    let ws = archive();
    assert_eq!(
        ws.matches(&["kalifaat", "--from", "2017-01", "--to", "2017-12"]),
        ["2017/mosul.txt", "2017/raqqa.txt"]
    );
    assert_eq!(
        ws.matches(&["kalifaat", "--from", "2017-07", "--to", "2017-10"]),
        ["2017/mosul.txt", "2017/raqqa.txt"]
    );
    assert_eq!(
        ws.matches(&["kalifaat", "--from", "2017-08", "--to", "2017-10"]),
        ["2017/raqqa.txt"]
    );
    assert_eq!(
        ws.matches(&["kalifaat", "--to", "2016"]),
        ["2014/kalifaat.txt"]
    );
    assert_eq!(
        ws.matches(&["mosul", "--from", "2017"]),
        ["2017/mosul.txt", "2019/baghuz.txt"]
    );
    // A full date's day does not matter to the month filter.
    assert_eq!(
        ws.matches(&["--from", "2016-03", "--to", "2016-03"]),
        ["2016/brussel.txt"]
    );
}

#[test]
fn json_output_is_exact() {
    let ws = archive();
    let json = ws.search_json(&["kalifaat", "--from", "2017", "--to", "2017"]);
    assert_eq!(json.query.as_deref(), Some("kalifaat"));
    assert_eq!(json.from.as_deref(), Some("2017-01"));
    assert_eq!(json.to.as_deref(), Some("2017-12"));
    assert_eq!(json.total, 2);
    let raqqa = json
        .hits
        .iter()
        .find(|h| h.path == "2017/raqqa.txt")
        .expect("raqqa hit");
    assert_eq!(raqqa.date, "2017-10");
    assert_eq!(raqqa.title, "Raqqa gevallen");
    assert!(raqqa.score.unwrap() > 0.0);
    assert_eq!(
        raqqa.snippet,
        "Raqqa gevallen De hoofdstad van het kalifaat in Syrie is ingenomen."
    );
    let [start, end] = raqqa.highlights[0];
    let marked: String = raqqa
        .snippet
        .chars()
        .skip(start)
        .take(end - start)
        .collect();
    assert_eq!(marked, "kalifaat");

    let json = ws.search_json(&["bolwerk"]);
    assert_eq!(json.hits[0].date, "2019-03-23");
    assert_eq!(json.from, None);
    assert_eq!(json.to, None);
}

#[test]
fn limit_caps_hits_but_total_counts_all() {
    let ws = archive();
    let run = ws.run(&["search", "kalifaat", "--limit", "1", "--format", "json"]);
    assert_eq!(run.code, 0);
    let json: common::SearchJson = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json.total, 3);
    assert_eq!(json.hits.len(), 1);
}

#[test]
fn no_query_lists_the_range_newest_first() {
    let ws = archive();
    let json = ws.search_json(&["--from", "2017"]);
    assert_eq!(json.query, None);
    assert_eq!(
        json.paths(),
        [
            "2019/baghuz.txt",
            "2017/weer.txt",
            "2017/raqqa.txt",
            "2017/mosul.txt"
        ]
    );
    assert!(json.hits.iter().all(|h| h.score.is_none()));
}

#[test]
fn boolean_operators_phrases_and_prefixes() {
    let ws = archive();
    assert_eq!(
        ws.matches(&["mosul", "kalifaat"]),
        ["2014/kalifaat.txt", "2017/mosul.txt"]
    );
    assert_eq!(
        ws.matches(&["brussel OR raqqa"]),
        ["2016/brussel.txt", "2017/raqqa.txt"]
    );
    assert_eq!(ws.matches(&["kalifaat -mosul"]), ["2017/raqqa.txt"]);
    assert_eq!(ws.matches(&["kalifaat NOT mosul"]), ["2017/raqqa.txt"]);
    assert_eq!(
        ws.matches(&["(brussel OR raqqa) syrie"]),
        ["2017/raqqa.txt"]
    );
    assert_eq!(ws.matches(&["\"de zomer van 2014\""]), ["2019/baghuz.txt"]);
    assert_eq!(
        ws.matches(&["vluchtel*"]),
        ["2015/vluchtelingen.txt", "2019/baghuz.txt"]
    );
    // Words in separate arguments are joined, as if quoted together.
    assert_eq!(ws.matches(&["mosul", "OR", "brussel"]).len(), 4);
}

#[test]
fn text_output_has_date_path_title_snippet_and_total() {
    let ws = archive();
    let run = ws.run(&["search", "raqqa"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "2017-10  2017/raqqa.txt\n    Raqqa gevallen\n    \
         Raqqa gevallen De hoofdstad van het kalifaat in Syrie is ingenomen.\n\n\
         1 matching article\n"
    );
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let ws = archive();
    let run = ws.run(&["search", "raqqa", "--color", "always"]);
    assert!(
        run.stdout.contains("\x1b[1;31mRaqqa\x1b[0m"),
        "{}",
        run.stdout
    );
    // Piped (as here), auto means no colour even without NO_COLOR.
    let run = ws.run_with_env(&["search", "raqqa"], &[("NO_COLOR", "")]);
    assert!(!run.stdout.contains('\x1b'));
}

#[test]
fn no_hits_exits_1() {
    let ws = archive();
    let run = ws.run(&["search", "olifant"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "0 matching articles\n");
    let json = ws.search_json(&["olifant"]);
    assert_eq!(json.total, 0);
    assert!(json.hits.is_empty());
}

#[test]
fn broken_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let ws = archive();
    for _ in 0..600 {
        ws.article(
            &format!("bulk/{}.txt", rand_name()),
            "2018-01",
            "Kalifaat kalifaat kalifaat en nog veel meer tekst over het kalifaat.",
        );
    }
    ws.index();
    let mut child = Command::new(env!("CARGO_BIN_EXE_krant"))
        .args(["search", "kalifaat", "--limit", "1000"])
        .current_dir(ws.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

fn rand_name() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{:05}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[test]
fn first_search_on_a_fresh_clone_builds_the_index() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-10", "Het kalifaat viel.");
    let run = ws.run(&["search", "kalifaat"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no index at .krant yet; indexing ./corpus first"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("a.txt"));
    assert!(ws.root().join(".krant/krant.json").exists());
    // The second search uses it without a word.
    let run = ws.run(&["search", "kalifaat"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn shipped_corpus_answers_the_readme_command() {
    let ws = Workspace::new();
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            ws.corpus_path(&entry.file_name().to_string_lossy()),
        )
        .unwrap();
    }
    let json = ws.search_json(&["kalifaat", "--from", "2017-01", "--to", "2017-12"]);
    // The two real seed articles and two written ones mention the caliphate in 2017.
    assert_eq!(
        json.sorted_paths(),
        [
            "000_5d74d09b5d5fc6b1.txt",
            "003_5a7d77b3f7003312.txt",
            "009_a3ad2bc8f884e794.txt",
            "010_4ede05664ad0078f.txt"
        ]
    );
    assert!(json.hits.iter().all(|h| h.date.starts_with("2017-")));
}

#[test]
fn an_or_scores_the_sum_of_its_matching_parts() {
    let ws = archive();
    let score = |query: &str, path: &str| -> f64 {
        let json = ws.search_json(&[query]);
        let hit = json.hits.iter().find(|h| h.path == path);
        hit.and_then(|h| h.score)
            .unwrap_or_else(|| panic!("{path} not found for {query}"))
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-4 * b.abs().max(1.0);
    // Ranked apart from the count, a union of words still counts every match.
    for query in [
        "kalifaat",
        "kalifaat OR mosul",
        "kalifaat OR \"het kalifaat\"",
    ] {
        let all = ws.matches(&[query]);
        let run = ws.run(&["search", query, "--limit", "1", "--format", "json"]);
        let first: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(first["total"], all.len(), "{query}");
        assert_eq!(first["hits"].as_array().unwrap().len(), 1, "{query}");
    }
    let mosul = "2017/mosul.txt";
    let both = score("kalifaat", mosul) + score("mosul", mosul);
    assert!(close(score("kalifaat OR mosul", mosul), both));
    let phrase = score("\"het kalifaat\"", mosul) + score("mosul", mosul);
    assert!(close(score("\"het kalifaat\" OR mosul", mosul), phrase));
    let raqqa = "2017/raqqa.txt";
    let two_of_three = score("kalifaat", raqqa) + score("raqqa", raqqa);
    assert!(close(
        score("(kalifaat OR mosul) OR raqqa", raqqa),
        two_of_three
    ));
    assert!(close(
        score("kalifaat OR mosul*", mosul),
        score("kalifaat", mosul) + score("mosul*", mosul)
    ));
}

/// Forty articles in which `jaar` and `geleden` are frequent enough to be paired: the
/// phrase must find exactly the articles that hold it, through every way the pair can be
/// written (a word group's part included), before and after the archive changes.
#[test]
fn a_phrase_of_frequent_words_finds_exactly_its_articles_through_the_pairs() {
    let ws = Workspace::new();
    let kinds = [
        // Holds the phrase.
        "Twee jaar geleden kwam de politie.",
        // Both words, apart.
        "Het jaar is voorbij; lang geleden kwam de politie.",
        // Both words, the other way round.
        "Geleden jaar kwam de politie.",
        // A stop word in between keeps its position: no phrase.
        "Een jaar van geleden kwam de politie.",
        // The phrase through a word group's last part.
        "Het corona-jaar geleden kwam de politie.",
    ];
    let mut expected = Vec::new();
    for i in 0..40 {
        let path = format!("2017/{i:02}.txt");
        let kind = i % kinds.len();
        ws.article(&path, "2017-05", &format!("Bericht {i}\n{}", kinds[kind]));
        if kind == 0 || kind == 4 {
            expected.push(path);
        }
    }
    ws.index();
    let stats: serde_json::Value =
        serde_json::from_str(&ws.run(&["stats", "--format", "json"]).stdout).unwrap();
    // Otherwise the phrase would not go through the pairs at all.
    assert!(stats["frequent_terms"].as_u64().unwrap() >= 2, "{stats}");
    assert_eq!(ws.matches(&["\"jaar geleden\""]), expected);
    assert_eq!(ws.matches(&["\"twee jaar geleden\""]).len(), 8);
    // Both words anywhere: every article.
    assert_eq!(ws.matches(&["jaar geleden"]).len(), 40);

    // New and edited articles are paired with the terms the index was built with.
    ws.article("2018/nieuw.txt", "2018-01", "Nieuw\nDrie jaar geleden al.");
    ws.article(
        "2017/00.txt",
        "2017-05",
        "Bericht 0\nGeen jaar, geen geleden.",
    );
    ws.index();
    expected.retain(|p| p != "2017/00.txt");
    expected.push("2018/nieuw.txt".to_owned());
    expected.sort();
    assert_eq!(ws.matches(&["\"jaar geleden\""]), expected);
    let rebuilt = ws.run(&["index", "corpus", "--rebuild"]);
    assert_eq!(rebuilt.code, 0, "{}", rebuilt.stderr);
    assert_eq!(ws.matches(&["\"jaar geleden\""]), expected);
}
