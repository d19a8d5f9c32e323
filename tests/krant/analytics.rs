//! Corpus analytics through the real binary, with exact counts on a small archive:
//! occurrences and rates per period, folders as facets (`--in`, `path:`, `--by folder`).

use crate::common;

use common::Workspace;
use serde_json::{Value, json};

/// Four articles in three folders over two months. Written words (stop words left out, the
/// title line included): a 9, b 6, c 4, d 4. `vluchteling` occurs 4 times in a (the title's
/// plural too), once in b (a compound's part), twice in c.
fn archive() -> Workspace {
    let ws = Workspace::new();
    ws.article(
        "nrc/2017/a.txt",
        "2017-01-05",
        "Vluchtelingen in Den Haag\nDe vluchteling kwam aan. Een vluchteling en nog een \
         vluchteling. Het kabinet sprak.\n",
    )
    .article(
        "nrc/2017/b.txt",
        "2017-02-05",
        "Kabinet valt\nHet kabinet is gevallen na ruzie over vluchtelingenbeleid.\n",
    )
    .article(
        "volkskrant/c.txt",
        "2017-01-10",
        "Vluchteling\nEen vluchteling bleef in het asielzoekerscentrum.\n",
    )
    .article(
        "trouw/d.txt",
        "2017-02-10",
        "Sport\nAjax won van Feyenoord.\n",
    );
    ws.index();
    ws
}

fn json_of(ws: &Workspace, args: &[&str]) -> (i32, Value) {
    let run = ws.run(args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    let value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}) of {args:?}: {}", run.stdout));
    (run.code, value)
}

#[test]
fn histogram_counts_occurrences_and_their_rate_per_million_words() {
    let ws = archive();
    let (code, h) = json_of(
        &ws,
        &[
            "histogram",
            "vluchteling",
            "--measure",
            "occurrences",
            "--relative",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(
        h,
        json!({"query": "vluchteling", "by": "month", "measure": "occurrences",
            "relative": true, "total": 3, "occurrences": 7, "buckets": [
            {"period": "2017-01", "count": 2, "total": 2, "share": 100.0,
             "occurrences": 6, "words": 13, "per_million": 461500.0},
            {"period": "2017-02", "count": 1, "total": 2, "share": 50.0,
             "occurrences": 1, "words": 10, "per_million": 100000.0}]})
    );
    let csv = ws.run(&[
        "histogram",
        "vluchteling",
        "--measure",
        "occurrences",
        "--by",
        "year",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.stdout,
        "period,count,total,share,occurrences,words,per_million\n2017,3,4,75,7,23,304300\n"
    );
    // The default measure stays articles, without the new fields.
    let (_, h) = json_of(&ws, &["histogram", "vluchteling", "--format", "json"]);
    assert_eq!(h["measure"], "articles");
    assert_eq!(
        h["buckets"][0],
        json!({"period": "2017-01", "count": 2, "total": 2, "share": 100.0})
    );
    let text = ws.run(&["histogram", "vluchteling", "--measure", "occurrences"]);
    assert!(
        text.stdout
            .ends_with("7 occurrences in 3 articles matching 'vluchteling' from 2017-01 to 2017-02; most in 2017-01 (6)\n"),
        "{}",
        text.stdout
    );
    // A phrase counts once per place, a word in title and text twice.
    let (_, h) = json_of(
        &ws,
        &[
            "histogram",
            "\"vluchteling kwam\" OR kabinet",
            "--measure",
            "occurrences",
            "--format",
            "json",
        ],
    );
    assert_eq!(h["occurrences"], 4);
}

#[test]
fn trend_takes_the_same_measure() {
    let ws = archive();
    let (_, t) = json_of(
        &ws,
        &[
            "trend",
            "vluchteling",
            "kabinet",
            "--measure",
            "occurrences",
            "--format",
            "json",
        ],
    );
    assert_eq!(t["words"], json!([13, 10]));
    assert_eq!(t["series"][0]["occurrences"], json!([6, 1]));
    assert_eq!(t["series"][1]["occurrences"], json!([1, 2]));
    assert_eq!(t["series"][1]["total_occurrences"], 3);
    let csv = ws.run(&[
        "trend",
        "vluchteling",
        "kabinet",
        "--measure",
        "occurrences",
        "--relative",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.stdout,
        "period,words,vluchteling,kabinet\n2017-01,13,461500,76920\n2017-02,10,100000,200000\n"
    );
    let bad = ws.run(&["trend", "kabinet", "path:nrc", "--measure", "occurrences"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("'path:nrc' has none"), "{}", bad.stderr);
}

#[test]
fn folders_are_facets() {
    let ws = archive();
    let csv = ws.run(&[
        "histogram",
        "vluchteling",
        "--by",
        "folder",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.stdout,
        "folder,count,total,share\nnrc,2,2,100\ntrouw,0,1,0\nvolkskrant,1,1,100\n"
    );
    let (_, h) = json_of(
        &ws,
        &[
            "histogram",
            "vluchteling",
            "--by",
            "folder",
            "--depth",
            "2",
            "--measure",
            "occurrences",
            "--format",
            "json",
        ],
    );
    assert_eq!(h["by"], "folder");
    assert_eq!(
        h["buckets"][0],
        json!({"folder": "nrc/2017", "count": 2, "total": 2, "share": 100.0,
               "occurrences": 5, "words": 15, "per_million": 333300.0})
    );
    // --in keeps every command to the folders; repeatable.
    assert_eq!(
        ws.matches(&["vluchteling", "--in", "nrc"]),
        ["nrc/2017/a.txt", "nrc/2017/b.txt"]
    );
    assert_eq!(
        ws.matches(&["vluchteling", "--in", "nrc/2017/", "--in", "./volkskrant"]),
        ["nrc/2017/a.txt", "nrc/2017/b.txt", "volkskrant/c.txt"]
    );
    assert_eq!(ws.matches(&["--in", "trouw"]), ["trouw/d.txt"]);
    let kwic = ws.run(&[
        "kwic",
        "vluchteling",
        "--in",
        "volkskrant",
        "--format",
        "tsv",
    ]);
    assert_eq!(kwic.stdout.lines().count(), 3, "{}", kwic.stdout);
    let csv = ws.run(&[
        "histogram",
        "vluchteling",
        "--in",
        "volkskrant",
        "--format",
        "csv",
    ]);
    // Totals keep to the folder too: the share is of its articles, the months its own.
    assert_eq!(csv.stdout, "period,count,total,share\n2017-01,1,1,100\n");
    // path: in the query language, also with NOT.
    assert_eq!(
        ws.matches(&["vluchteling path:volkskrant"]),
        ["volkskrant/c.txt"]
    );
    assert_eq!(ws.matches(&["vluchteling -path:nrc"]), ["volkskrant/c.txt"]);
    assert_eq!(ws.matches(&["path:\"nrc/2017/b.txt\""]), ["nrc/2017/b.txt"]);
    // A folder named like the start of another is not inside it.
    assert!(ws.matches(&["path:nr"]).is_empty());
    // From inside the corpus, a folder is taken from where the user stands.
    let mut inside = ws.command(&["search", "vluchteling", "--in", "2017", "--count"]);
    inside.current_dir(ws.corpus_path("nrc"));
    let run = common::output(inside);
    assert_eq!(run.stdout.trim(), "2", "{}", run.stderr);
}

#[test]
fn analytics_mistakes_are_one_line_errors() {
    let ws = archive();
    let run = ws.run(&["histogram", "vluchteling", "--depth", "2"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("add --by folder"), "{}", run.stderr);
    let run = ws.run(&["histogram", "path:nrc", "--measure", "occurrences"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("there are none"), "{}", run.stderr);
    let outside = ws.root().display().to_string();
    let run = ws.run(&["search", "vluchteling", "--in", &outside]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a folder of the corpus"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let run = ws.run(&["search", "path:"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nothing after 'path:'"),
        "{}",
        run.stderr
    );
}

#[test]
fn keywords_rank_by_log_likelihood_against_the_rest_or_a_query() {
    let ws = archive();
    let (code, k) = json_of(
        &ws,
        &[
            "keywords",
            "kabinet",
            "--min-count",
            "2",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0);
    // a and b against c and d. vluchteling: 4 times in a as a word of its own (b's
    // vluchtelingenbeleid does not count for it), twice in c. The query's own word and
    // stop words are left out.
    assert_eq!(
        k,
        json!({"query": "kabinet", "against": null, "articles": 2, "words": 15,
               "reference_articles": 2, "reference_words": 8, "keywords": [
               {"word": "vluchteling", "term": "vluchteling", "count": 4,
                "reference_count": 2, "g2": 0.007549}]})
    );
    let (_, k) = json_of(
        &ws,
        &[
            "keywords",
            "vluchteling",
            "--min-count",
            "1",
            "--limit",
            "2",
            "--format",
            "json",
        ],
    );
    assert_eq!(k["words"], 19);
    assert_eq!(k["reference_words"], 4);
    assert_eq!(
        k["keywords"],
        json!([
            {"word": "kabinet", "term": "kabinet", "count": 3, "reference_count": 0,
             "g2": 1.238},
            {"word": "Haag", "term": "Haag", "count": 1, "reference_count": 0,
             "g2": 0.3916}])
    );
    // --against: the articles of another query, less those of the first.
    let csv = ws.run(&[
        "keywords",
        "kabinet",
        "--against",
        "vluchteling",
        "--min-count",
        "1",
        "--limit",
        "3",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.stdout,
        "word,term,count,reference_count,g2\nHaag,Haag,1,0,0.4874\nden,den,1,0,0.4874\n\
         gevallen,geval,1,0,0.4874\n"
    );
    let text = ws.run(&[
        "keywords",
        "kabinet",
        "--against",
        "vluchteling",
        "--min-count",
        "1",
    ]);
    assert!(
        text.stdout.ends_with(
            "8 keywords of 2 articles matching 'kabinet' (15 words) against 'vluchteling' \
             (1 article, 4 words)\n"
        ),
        "{}",
        text.stdout
    );
    // The default least count is 3; --in keeps the reference to the folders too.
    let (_, k) = json_of(&ws, &["keywords", "kabinet", "--format", "json"]);
    assert_eq!(k["keywords"][0]["word"], "vluchteling");
    assert_eq!(k["keywords"].as_array().map(Vec::len), Some(1));
    let (_, k) = json_of(
        &ws,
        &[
            "keywords", "kabinet", "--in", "nrc", "--in", "trouw", "--format", "json",
        ],
    );
    assert_eq!(
        (
            k["reference_articles"].as_u64(),
            k["reference_words"].as_u64()
        ),
        (Some(1), Some(4))
    );
    let none = ws.run(&["keywords", "olifant"]);
    assert_eq!(none.code, 1);
    // Every article against nothing: nothing stands out.
    let (code, k) = json_of(&ws, &["keywords", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        (k["articles"].as_u64(), k["reference_words"].as_u64()),
        (Some(4), Some(0))
    );
    assert_eq!(k["keywords"], json!([]));
}

#[test]
fn collocations_count_words_near_the_matches() {
    let ws = archive();
    // Within 2 positions (stop words keep theirs): a: den, the name Haag, kwam, kabinet; b: ruzie
    // (near the compound); c: bleef. The matches' own words are not collocates.
    let tsv = ws.run(&[
        "collocations",
        "vluchteling",
        "--window",
        "2",
        "--min-count",
        "1",
        "--format",
        "tsv",
    ]);
    assert_eq!(tsv.code, 0, "{}", tsv.stderr);
    assert_eq!(
        tsv.stdout,
        "word\tterm\tcount\treference_count\tg2\nHaag\tHaag\t1\t0\t2.82\nbleef\tblijf\t1\t0\t2.82\n\
         den\tden\t1\t0\t2.82\nkwam\tkomen\t1\t0\t2.82\nruzie\truzie\t1\t0\t2.82\n\
         kabinet\tkabinet\t1\t2\t0.08988\n"
    );
    let (_, c) = json_of(
        &ws,
        &[
            "collocations",
            "vluchteling",
            "--window",
            "2",
            "--min-count",
            "1",
            "--limit",
            "1",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        c,
        json!({"query": "vluchteling", "window": 2, "matches": 7, "articles": 3,
               "window_words": 6, "words": 23, "collocates": [
               {"word": "Haag", "term": "Haag", "count": 1, "reference_count": 0,
                "g2": 2.82}]})
    );
    // The default window (5) reaches more; the default least count (3) keeps none here.
    let (_, c) = json_of(&ws, &["collocations", "vluchteling", "--format", "json"]);
    assert_eq!(c["window_words"], 9);
    assert_eq!(c["collocates"], json!([]));
    let csv = ws.run(&[
        "collocations",
        "kabinet",
        "--window",
        "1",
        "--min-count",
        "1",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.stdout,
        "word,term,count,reference_count,g2\nsprak,spreken,1,0,5.454\nvalt,val,1,0,5.454\n"
    );
    let run = ws.run(&["collocations", "path:nrc"]);
    assert_eq!(run.code, 2);
    assert_eq!(ws.run(&["collocations", "olifant"]).code, 1);
}

#[test]
fn export_copies_or_prints_the_matching_articles() {
    let ws = archive();
    let run = ws.run(&["export", "vluchteling", "--in", "nrc", "--out", "sub"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "exported 2 articles to sub\n");
    for path in ["nrc/2017/a.txt", "nrc/2017/b.txt"] {
        assert_eq!(
            std::fs::read(ws.root().join("sub").join(path)).unwrap(),
            std::fs::read(ws.corpus_path(path)).unwrap()
        );
    }
    assert!(!ws.root().join("sub/volkskrant").exists());
    // An existing folder with files is written into only with --force.
    let run = ws.run(&["export", "vluchteling", "--out", "sub"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert!(!ws.root().join("sub/volkskrant").exists());
    let run = ws.run(&["export", "vluchteling", "--out", "sub", "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(ws.root().join("sub/volkskrant/c.txt").exists());
    // Never into the archive, not even a folder to come.
    let run = ws.run(&["export", "vluchteling", "--out", "corpus/new/sub"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("outside the corpus"), "{}", run.stderr);
    assert!(!ws.corpus_path("new").exists());
    // JSON lines: the metadata and the text.
    let run = ws.run(&[
        "export", "kabinet", "--from", "2017-02", "--format", "jsonl",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let file = ws.corpus_path("nrc/2017/b.txt").display().to_string();
    assert_eq!(
        lines[0],
        json!({"path": "nrc/2017/b.txt", "file": file, "date": "2017-02-05",
               "month": "2017-02", "title": "Kabinet valt",
               "text": "Kabinet valt\nHet kabinet is gevallen na ruzie over vluchtelingenbeleid."})
    );
    let run = ws.run(&["export", "kabinet"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--out DIR"), "{}", run.stderr);
    assert_eq!(ws.run(&["export", "olifant", "--format", "jsonl"]).code, 1);
}
