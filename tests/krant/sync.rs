//! Indexing you can trust, through the real binary: incremental sync, dry runs, the
//! ingestion report, kills, interruptions, locking and bad files.

use crate::common;

use std::time::Duration;

use common::{SearchJson, Workspace, set_mtime};

#[test]
fn incremental_steps_report_exact_counts() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa over het kalifaat.")
        .article("b.txt", "2017-02", "Bravo over vluchtelingen.")
        .article("c.txt", "2017-03", "Charlie over Mosul.");
    // (added, updated, removed, unchanged, skipped, articles)
    assert_eq!(ws.index_json(&[]).counts(), (3, 0, 0, 0, 0, 3));

    // Add.
    ws.article("d.txt", "2017-04", "Delta over Raqqa.");
    assert_eq!(ws.index_json(&[]).counts(), (1, 0, 0, 3, 0, 4));
    assert_eq!(ws.matches(&["raqqa"]), ["d.txt"]);

    // Modify: the content changes.
    ws.article("a.txt", "2017-01", "Alfa over de verkiezingen.");
    assert_eq!(ws.index_json(&[]).counts(), (0, 1, 0, 3, 0, 4));
    assert!(ws.matches(&["kalifaat"]).is_empty());
    assert_eq!(ws.matches(&["verkiezingen"]), ["a.txt"]);

    // Touch: only the mtime changes, so nothing is re-analysed.
    set_mtime(&ws.corpus_path("b.txt"), 1_500_000_000);
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 0, 4, 0, 4));
    assert_eq!(ws.matches(&["vluchteling"]), ["b.txt"]);

    // Delete.
    ws.remove("c.txt");
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 1, 3, 0, 3));
    assert!(ws.matches(&["mosul"]).is_empty());

    // Rename: the old path goes, the new one comes, and a search finds it once.
    std::fs::create_dir(ws.corpus_path("sub")).unwrap();
    std::fs::rename(ws.corpus_path("d.txt"), ws.corpus_path("sub/d2.txt")).unwrap();
    assert_eq!(ws.index_json(&[]).counts(), (1, 0, 1, 2, 0, 3));
    assert_eq!(ws.matches(&["raqqa"]), ["sub/d2.txt"]);
    assert_eq!(ws.search_json(&[]).total, 3);
}

#[test]
fn dry_run_changes_nothing_and_predicts_the_real_run() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa over het kalifaat.")
        .article("b.txt", "2017-02", "Bravo over vluchtelingen.");
    ws.index();
    ws.article("a.txt", "2017-01", "Alfa over Mosul.")
        .article("c.txt", "2017-03", "Charlie.")
        .remove("b.txt");
    let before = std::fs::read(ws.root().join(".krant/meta.json")).unwrap();
    let dry = ws.index_json(&["--dry-run"]);
    assert!(dry.dry_run);
    assert_eq!(dry.counts(), (1, 1, 1, 0, 0, 2));
    assert_eq!(
        std::fs::read(ws.root().join(".krant/meta.json")).unwrap(),
        before
    );
    assert_eq!(ws.matches(&["kalifaat"]), ["a.txt"]);
    assert_eq!(ws.matches(&["vluchteling"]), ["b.txt"]);

    let run = ws.run(&["index", "corpus", "--dry-run", "-v"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [
        "krant: would remove corpus/b.txt",
        "krant: would update corpus/a.txt",
        "krant: would add corpus/c.txt",
    ] {
        assert!(
            run.stderr.lines().any(|l| l == line),
            "{line}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("dry run: would index 2 articles"),
        "{}",
        run.stderr
    );

    let real = ws.index_json(&[]);
    assert!(!real.dry_run);
    assert_eq!(real.counts(), dry.counts());
    assert_eq!(ws.matches(&["mosul"]), ["a.txt"]);
}

#[test]
fn dry_run_without_an_index_creates_none() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa.");
    let dry = ws.index_json(&["--dry-run"]);
    assert_eq!(dry.counts(), (1, 0, 0, 0, 0, 1));
    assert!(!ws.root().join(".krant").exists());
}

#[test]
fn ingestion_report_lists_skips_duplicates_and_empty_months() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Zelfde tekst.")
        .article("kopie/a.txt", "2017-01", "Zelfde tekst.")
        .article("b.txt", "2017-04-02", "Andere tekst.")
        .raw("kapot.txt", b"geen kop");
    let report_path = ws.root().join("ingest.json");
    let run = ws.run(&["index", "corpus", "--report", report_path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: common::IndexJson =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    assert_eq!(report.duplicates, [vec!["a.txt", "kopie/a.txt"]]);
    assert_eq!(report.empty_months, ["2017-02", "2017-03"]);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].path, "kapot.txt");
    assert!(report.skipped[0].reason.starts_with("no header"));
    assert!(
        run.stderr.contains(
            "duplicates: 1 group of files with identical content (e.g. a.txt = kopie/a.txt)"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("months without articles: 2017-02, 2017-03"),
        "{}",
        run.stderr
    );
}

#[test]
fn sigkill_at_any_moment_leaves_a_usable_index() {
    let ws = Workspace::new();
    ws.generate(300);
    ws.index();
    ws.generate(3000);
    // Killed at once, once reading is under way, and later in the reading (a `-v` run
    // waits for its lines to be read, so it is still reading when killed).
    for added in [0, 1, 100] {
        let mut child = ws.spawn(&["index", "corpus", "-v"]);
        let mut stderr = common::StderrLines::of(&mut child);
        for _ in 0..added {
            assert!(stderr.until("krant: added "), "{}", stderr.seen);
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // The last commit answers: either the first 300 or all 3000.
        let total = ws.search_json(&["gemeenschappelijk"]).total;
        assert!(
            total == 300 || total == 3000,
            "after kill at {added} articles added: {total}"
        );
    }
    let report = ws.index_json(&[]);
    assert_eq!(report.articles, 3000);
    assert_eq!(ws.search_json(&["gemeenschappelijk"]).total, 3000);
    for i in [0, 299, 300, 1234, 2999] {
        assert_eq!(
            ws.matches(&[&format!("uniek{i}")]),
            [format!("gen/{:02}/{i:05}.txt", i % 50)]
        );
    }
}

#[test]
fn a_killed_first_run_is_finished_by_the_next() {
    let ws = Workspace::new();
    ws.generate(2000);
    let mut child = ws.spawn(&["index", "corpus", "-v"]);
    let mut stderr = common::StderrLines::of(&mut child);
    assert!(stderr.until("krant: added "), "{}", stderr.seen);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(ws.index_json(&[]).articles, 2000);
    assert_eq!(ws.search_json(&["gemeenschappelijk"]).total, 2000);
}

#[test]
fn a_second_writer_is_refused_at_once() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa.");
    ws.index();
    // Hold the lock as a running `krant index` would.
    let lock = std::fs::File::options()
        .write(true)
        .open(ws.root().join(".krant/krant.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    // Waiting for the lock would wait for ever: the test would fail as a hang.
    let run = common::finishes(ws.spawn(&["index", "corpus"]), "index beside a writer");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr,
        format!(
            "krant: error: another `krant index` is already writing the index at .krant; \
             wait for it to finish (searches keep working meanwhile)\n"
        )
    );
    // Searching is not blocked by a writer.
    assert_eq!(ws.matches(&["alfa"]), ["a.txt"]);
    drop(lock);
    assert_eq!(ws.run(&["index", "corpus"]).code, 0);
}

#[test]
fn two_index_runs_at_once_one_proceeds() {
    let ws = Workspace::new();
    ws.generate(4000);
    // The first holds the lock once it adds an article, and cannot finish while its
    // `-v` lines are not read.
    let mut first = ws.spawn(&["index", "corpus", "-v"]);
    let mut stderr = common::StderrLines::of(&mut first);
    assert!(stderr.until("krant: added "), "{}", stderr.seen);
    let second = ws.run(&["index", "corpus"]);
    let stderr = stderr.rest();
    let first = common::finishes(first, "the first index run");
    assert_eq!(first.status.code(), Some(0), "{stderr}");
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(
        second
            .stderr
            .contains("another `krant index` is already writing")
    );
    assert_eq!(ws.search_json(&["gemeenschappelijk"]).total, 4000);
}

#[cfg(unix)]
#[test]
fn sigint_commits_the_work_so_far_and_exits_130() {
    let ws = Workspace::new();
    ws.generate(6000);
    // Once an article is added the run is reading, where a Ctrl-C stops it cleanly; it
    // cannot finish meanwhile, as its `-v` lines wait to be read.
    let mut child = ws.spawn(&["index", "corpus", "--threads", "1", "-v"]);
    let mut stderr = common::StderrLines::of(&mut child);
    assert!(stderr.until("krant: added "), "{}", stderr.seen);
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let stderr = stderr.rest();
    let output = common::finishes(child, "an interrupted index run");
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("krant: interrupted: the work so far is committed"),
        "{stderr}"
    );
    let committed = ws.search_json(&["gemeenschappelijk"]).total;
    assert!(committed < 6000, "{committed}");
    let report = ws.index_json(&[]);
    assert_eq!(report.added, 6000 - committed);
    assert_eq!(ws.search_json(&["gemeenschappelijk"]).total, 6000);
}

#[test]
fn bad_files_are_reported_and_none_is_fatal() {
    let ws = Workspace::new();
    ws.article("good.txt", "2017-01", "Goed.")
        .raw("latin.txt", b"date 2017-02 Caf\xE9 in Belgi\xEB")
        .raw("binary.txt", b"date 2017-02 \x00\x01\x02")
        .raw("noheader.txt", b"Geen kop.")
        .raw("locked.txt", b"date 2017-03 Op slot.");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            ws.corpus_path("locked.txt"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
    }
    // Root reads files whatever their permissions; then the file is simply an article.
    let locked_is_readable = std::fs::read(ws.corpus_path("locked.txt")).is_ok();
    let report = ws.index_json(&[]);
    let mut reasons: Vec<(String, String)> = report
        .skipped
        .iter()
        .map(|s| (s.path.clone(), s.reason.clone()))
        .collect();
    reasons.sort();
    let mut expected = vec![
        (
            "binary.txt".to_owned(),
            "binary file (contains NUL bytes)".to_owned(),
        ),
        (
            "noheader.txt".to_owned(),
            "no header: the file must start with 'date YYYY-MM'".to_owned(),
        ),
    ];
    if !locked_is_readable {
        expected.push((
            "locked.txt".to_owned(),
            "cannot read: permission denied".to_owned(),
        ));
    }
    expected.sort();
    assert_eq!(reasons, expected);
    assert_eq!(report.articles, if locked_is_readable { 3 } else { 2 });
    assert_eq!(ws.matches(&["belgie"]), ["latin.txt"]);
}

/// Distinct word forms of `texts` (those that differ from their stem), as `krant analyze`
/// reports them.
fn forms_of(ws: &Workspace, texts: &[&str]) -> std::collections::BTreeSet<String> {
    let mut forms = std::collections::BTreeSet::new();
    for text in texts {
        let run = ws.run(&["analyze", "--format", "json", text]);
        let tokens: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        for token in tokens.iter().filter(|t| t["kind"] == "form") {
            forms.insert(token["term"].as_str().unwrap().to_owned());
        }
    }
    forms
}

fn word_forms(ws: &Workspace) -> usize {
    let run = ws.run(&["stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    stats["word_forms"].as_u64().unwrap() as usize
}

#[test]
fn prefix_and_fuzzy_words_follow_the_archive() {
    let ws = Workspace::new();
    let a = "Opvang\nDe vluchtelingen wachten in Ter Apel.";
    let b = "Verhaal\nEen vluchteling vertelt.";
    ws.article("a.txt", "2017-01", a)
        .article("b.txt", "2017-02", b);
    ws.index();
    // A matching form is searched through its stem: `vluchtelingen` brings `vluchteling`.
    assert_eq!(ws.matches(&["vluchtelinge*"]), ["a.txt", "b.txt"]);
    assert_eq!(ws.matches(&["vluchtelingn~1"]), ["a.txt", "b.txt"]);
    assert!(ws.matches(&["gewonde*"]).is_empty());
    assert_eq!(word_forms(&ws), forms_of(&ws, &[a, b]).len());

    // A new file's forms are searchable after the run that adds it.
    let c = "Brand\nDrie gewonden bij een brand in Zwolle.";
    ws.article("c.txt", "2017-03", c);
    ws.index();
    assert_eq!(ws.matches(&["gewonde*"]), ["c.txt"]);
    assert_eq!(ws.matches(&["gewonen~1"]), ["c.txt"]);
    assert_eq!(word_forms(&ws), forms_of(&ws, &[a, b, c]).len());

    // A deleted article's forms stay until a rebuild; they can only lead to articles
    // that have the same stem.
    ws.remove("a.txt");
    ws.index();
    assert_eq!(word_forms(&ws), forms_of(&ws, &[a, b, c]).len());
    assert_eq!(ws.matches(&["vluchtelinge*"]), ["b.txt"]);
    assert_eq!(ws.run(&["index", "corpus", "--rebuild"]).code, 0);
    assert_eq!(word_forms(&ws), forms_of(&ws, &[b, c]).len());
    assert!(ws.matches(&["vluchtelinge*"]).is_empty());
}

#[test]
fn a_run_with_nothing_to_do_leaves_the_stamps_alone() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa over het kalifaat.")
        .article("b.txt", "2017-02", "Bravo over vluchtelingen.");
    ws.index();
    let stamps = ws.root().join(".krant/stamps.tsv");
    let modified = |path: &std::path::Path| std::fs::metadata(path).unwrap().modified().unwrap();
    let old = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    set_mtime(&stamps, 1_000_000_000);
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 0, 2, 0, 2));
    assert_eq!(modified(&stamps), old);

    // A touched file is read again and its new stamp saved.
    set_mtime(&ws.corpus_path("b.txt"), 1_500_000_000);
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 0, 2, 0, 2));
    assert_ne!(modified(&stamps), old);
    let saved = std::fs::read_to_string(&stamps).unwrap();
    assert!(
        saved
            .lines()
            .any(|l| l.ends_with("\tb.txt") && l.contains("\t1500000000000000000\t")),
        "{saved}"
    );
}

#[test]
fn texts_come_from_the_archive_and_say_when_it_changed_since_the_last_run() {
    let ws = Workspace::new();
    ws.article(
        "a.txt",
        "2017-01",
        "Alfa\nHet kalifaat werd uitgeroepen in Mosul.",
    )
    .article("b.txt", "2017-02", "Bravo\nHet kalifaat viel in Raqqa.")
    .article("c.txt", "2017-03", "Charlie\nHet kalifaat is voorbij.");
    ws.index();
    ws.article(
        "a.txt",
        "2017-01",
        "Alfa herzien\nDe verkiezingen zijn voorbij.",
    )
    .remove("b.txt");

    // The hits are the last run's; the texts are today's, and stderr names each file
    // whose text is not the one indexed. Titles are the indexed ones: read from the
    // file when it is as indexed (c.txt), from the index otherwise (a.txt, b.txt).
    let run = ws.run(&["search", "kalifaat", "--sort", "oldest", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: SearchJson = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json.paths(), ["a.txt", "b.txt", "c.txt"]);
    let titles: Vec<&str> = json.hits.iter().map(|h| h.title.as_str()).collect();
    assert_eq!(titles, ["Alfa", "Bravo", "Charlie"]);
    let snippets: Vec<&str> = json.hits.iter().map(|h| h.snippet.as_str()).collect();
    assert_eq!(
        snippets,
        [
            "De verkiezingen zijn voorbij.",
            "",
            "Charlie Het kalifaat is voorbij."
        ]
    );
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("krant: warning: a.txt: changed since the last `krant index`"),
        "{}",
        run.stderr
    );
    assert!(
        warnings[1].starts_with("krant: warning: b.txt: its file is gone"),
        "{}",
        run.stderr
    );

    let show = ws.run(&["show", "b.txt"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(show.stdout.contains("Bravo"), "{}", show.stdout);
    assert!(
        show.stderr.contains("b.txt: its file is gone"),
        "{}",
        show.stderr
    );

    // After a run the index and the archive agree again, and nothing is said.
    ws.index();
    let run = ws.run(&["search", "voorbij", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let json: SearchJson = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json.sorted_paths(), ["a.txt", "c.txt"]);
}

#[test]
fn a_moved_archive_still_lists_its_hits_and_is_named_once() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa\nHet kalifaat in Mosul.")
        .article("b.txt", "2017-02", "Bravo\nHet kalifaat in Raqqa.");
    ws.index();
    std::fs::rename(ws.corpus_path(""), ws.root().join("elders")).unwrap();

    let run = ws.run(&["search", "kalifaat", "--sort", "oldest", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: SearchJson = serde_json::from_str(&run.stdout).unwrap();
    let listed: Vec<(&str, &str, &str)> = json
        .hits
        .iter()
        .map(|h| (h.path.as_str(), h.title.as_str(), h.snippet.as_str()))
        .collect();
    assert_eq!(listed, [("a.txt", "Alfa", ""), ("b.txt", "Bravo", "")]);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the corpus folder recorded in the index cannot be found"),
        "{}",
        run.stderr
    );
    // Counting needs no article text: with the archive gone it still answers, silently.
    let count = ws.run(&["search", "kalifaat", "--count"]);
    assert_eq!((count.code, count.stdout.as_str()), (0, "2\n"));
    assert_eq!(count.stderr, "");
}

/// Paths of every article matching `query` in the index at `index`, sorted.
fn all_matches(ws: &Workspace, index: &str, query: &str) -> Vec<String> {
    let run = ws.run(&[
        "search", query, "--index", index, "--format", "paths", "--all",
    ]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let mut paths: Vec<String> = run.stdout.lines().map(str::to_owned).collect();
    paths.sort();
    paths
}

#[test]
fn a_re_run_over_folders_that_sort_around_slash_leaves_what_a_fresh_build_makes() {
    // Names on either side of '/' in byte order (a-b, a.b, a/, a0): the walk, the
    // catalog and the stamps must agree on one order for the streamed plan.
    let folders = ["a", "a-b", "a.b", "a0", "a/b", "b"];
    let names = ["a.txt", "a-b.txt", "a0.txt", "b.txt", "ä.txt"];
    let ws = Workspace::new();
    let text = |n: usize, round: &str| {
        format!("Artikel {n} over uniek{n} {round}\nGemeenschappelijk: het kalifaat en {round}.")
    };
    let mut all = Vec::new();
    for (f, folder) in folders.iter().enumerate() {
        for (n, name) in names.iter().enumerate() {
            let rel = format!("{folder}/{name}");
            ws.article(
                &rel,
                &format!("2017-{:02}", 1 + (f + n) % 12),
                &text(all.len(), "eerst"),
            );
            all.push(rel);
        }
    }
    for name in names {
        ws.article(name, "2016-05", &text(all.len(), "eerst"));
        all.push(name.to_owned());
    }
    assert_eq!(
        ws.index_json(&[]).counts(),
        (all.len(), 0, 0, 0, 0, all.len())
    );

    // Every third article changes, every fifth goes, every seventh is touched, and new
    // ones come in a new folder between old ones.
    let (mut updated, mut removed, mut touched) = (0, 0, 0);
    for (i, rel) in all.iter().enumerate() {
        if i % 5 == 0 {
            ws.remove(rel);
            removed += 1;
        } else if i % 3 == 0 {
            ws.article(rel, "2018-03", &text(i, "later"));
            updated += 1;
        } else if i % 7 == 0 {
            set_mtime(&ws.corpus_path(rel), 1_500_000_000);
            touched += 1;
        }
    }
    for name in names {
        ws.article(&format!("a-a/{name}"), "2019-01", &text(999, "nieuw"));
    }
    let articles = all.len() - removed + names.len();
    let unchanged = all.len() - removed - updated;
    assert!(touched > 0);
    assert_eq!(
        ws.index_json(&[]).counts(),
        (names.len(), updated, removed, unchanged, 0, articles)
    );
    // Nothing changed since: nothing is read, every stamp holds.
    assert_eq!(
        ws.index_json(&[]).counts(),
        (0, 0, 0, articles, 0, articles)
    );

    let fresh = ws.root().join("fresh");
    let run = ws.run(&["index", "corpus", "--index", fresh.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for query in [
        "gemeenschappelijk",
        "eerst",
        "later",
        "nieuw",
        "kalifaat",
        "uniek999",
    ] {
        let synced = all_matches(&ws, ".krant", query);
        assert_eq!(
            synced,
            all_matches(&ws, fresh.to_str().unwrap(), query),
            "{query}"
        );
        assert!(!synced.is_empty(), "{query}");
    }
    assert_eq!(
        all_matches(&ws, ".krant", "gemeenschappelijk").len(),
        articles
    );
}
