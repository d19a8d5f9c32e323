//! Hostile and odd input through the real binary: file names that are not UTF-8,
//! control characters, queries too deep or too big, numbers near the limits, files that
//! would block, output that cannot be written, huge articles.

use crate::common;

use std::fs;

use common::{Workspace, output};

#[cfg(unix)]
fn raw_name(ws: &Workspace, name: &[u8], text: &str) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let path = ws
        .root()
        .join("corpus")
        .join(std::ffi::OsStr::from_bytes(name));
    fs::write(&path, format!(" date 2017-05 {text}")).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_keep_their_exact_identity() {
    let ws = Workspace::new();
    // Latin-1 `café.txt` and `cafè.txt`, and the UTF-8 `café.txt`: three articles.
    raw_name(&ws, b"caf\xe9.txt", "Eerste over Mosul.");
    raw_name(&ws, b"caf\xe8.txt", "Tweede over Mosul.");
    ws.article("café.txt", "2017-05", "Derde over Mosul.");
    // (added, updated, removed, unchanged, skipped, articles)
    assert_eq!(ws.index_json(&[]).counts(), (3, 0, 0, 0, 0, 3));
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 0, 3, 0, 3));
    let hits = ws.search_json(&["mosul"]);
    assert_eq!(
        hits.sorted_paths(),
        ["caf\\xE8.txt", "caf\\xE9.txt", "café.txt"]
    );
    // The text comes back from each file: the identity finds it again.
    assert!(
        hits.hits.iter().all(|h| h.snippet.contains("Mosul")),
        "{hits:?}"
    );
    let run = ws.run(&["show", "caf\\xE9.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("path:  caf\\xE9.txt\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Eerste over Mosul."), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    // For a pipe, paths are the file system's bytes.
    let mut command = ws.command(&["search", "eerste", "--format", "paths"]);
    command.stdout(std::process::Stdio::piped());
    let out = command.output().unwrap();
    assert_eq!(out.stdout, b"corpus/caf\xe9.txt\n");
    // Raw bytes on the command line name the same article.
    use std::os::unix::ffi::OsStrExt;
    let mut command = ws.command(&["show"]);
    command.arg(std::ffi::OsStr::from_bytes(b"caf\xe8.txt"));
    let run = output(command);
    assert!(run.stdout.contains("Tweede over Mosul."), "{}", run.stderr);
    // Renamed over the UTF-8 spelling: that article changes, the Latin-1 one goes.
    fs::remove_file(ws.corpus_path("café.txt")).unwrap();
    fs::rename(
        ws.root()
            .join("corpus")
            .join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt")),
        ws.corpus_path("café.txt"),
    )
    .unwrap();
    assert_eq!(ws.index_json(&[]).counts(), (0, 1, 1, 1, 0, 2));
    assert_eq!(ws.matches(&["eerste"]), ["café.txt"]);
}

#[test]
fn control_characters_never_reach_the_terminal_but_json_keeps_them() {
    let ws = Workspace::new();
    ws.article("titel.txt", "2017-05", "\x1b[2JWeg\x07 met Mosul\nTekst.");
    #[cfg(unix)]
    raw_name(&ws, b"esc\x1b[31m.txt", "Ook over Mosul.");
    ws.index();
    for args in [
        &["search", "mosul"][..],
        &["search", "mosul", "--format", "csv"],
        &["kwic", "mosul"],
        &["kwic", "mosul", "--format", "tsv"],
        &["show", "titel.txt"],
    ] {
        let run = ws.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains(['\x1b', '\x07']),
            "{args:?}: {:?}",
            run.stdout
        );
    }
    let run = ws.run(&["search", "mosul"]);
    assert!(
        run.stdout.contains("\\x1B[2JWeg\\x07 met Mosul"),
        "{}",
        run.stdout
    );
    let json = ws.search_json(&["mosul"]);
    assert!(
        json.hits
            .iter()
            .any(|h| h.title.starts_with("\x1b[2JWeg\x07"))
    );
    // A query with a line break and an escape gives a one-line error.
    let run = ws.run(&["search", "\"open\n\x1b[2J"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("\\n\\x1B[2J"), "{}", run.stderr);
    // So does an unknown article path, and a warning names a file on one line.
    let run = ws.run(&["show", "x\ny.txt"]);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    ws.raw("kapot\n\x1b[31m.txt", b"geen kop");
    let run = ws.run(&["index", "corpus"]);
    let warning: Vec<&str> = run.stderr.lines().filter(|l| l.contains("kapot")).collect();
    assert_eq!(warning.len(), 1, "{}", run.stderr);
    assert!(
        warning[0].contains("kapot\\n\\x1B[31m.txt"),
        "{}",
        run.stderr
    );
}

fn small_archive() -> Workspace {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Alfa over het kalifaat.")
        .article("b.txt", "2017-02", "Bravo over vluchtelingen.")
        .article("c.txt", "0000-01", "Charlie uit het jaar nul.");
    ws.index();
    ws
}

#[test]
fn deep_queries_are_an_error_and_long_negations_fold() {
    let ws = small_archive();
    let nested = format!("{}kalifaat{}", "(".repeat(15_000), ")".repeat(15_000));
    let minus = format!("{}kalifaat", "-".repeat(1_000));
    let nots = format!("{}kalifaat", "NOT ".repeat(2_000));
    for command in ["search", "histogram", "kwic", "trend"] {
        let run = ws.run(&[command, &nested]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("nest more than 100 deep"),
            "{}",
            run.stderr
        );
        // An even number of negations is the word itself.
        let run = ws.run(&[command, &nots]);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert!(
            run.stdout.contains("a.txt") || command != "search",
            "{}",
            run.stdout
        );
    }
    assert_eq!(ws.run(&["search", "--count", "--", &minus]).stdout, "1\n");
    assert_eq!(ws.run(&["search", "--count", &nots]).stdout, "1\n");
    let odd = format!("NOT {nots}");
    assert_eq!(ws.run(&["search", "--count", &odd]).stdout, "2\n");
    // Long queries: each fuzzy word is matched against every word form.
    let fuzzy = vec!["kalifat~2"; 2_000].join(" ");
    let run = ws.run(&["search", &fuzzy]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("more than 64 prefix or fuzzy words"),
        "{}",
        run.stderr
    );
    let long = vec!["kalifaat"; 5_000].join(" OR ");
    assert!(
        ws.run(&["search", &long])
            .stderr
            .contains("more than 1000 words")
    );
}

#[test]
fn limits_and_offsets_near_the_top_of_their_range_allocate_only_what_exists() {
    let ws = small_archive();
    let max = u32::MAX.to_string();
    let args = [
        "search", "--limit", &max, "--offset", "1", "--sort", "oldest",
    ];
    let run = ws.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = ws.run(&[&args[..], &["--format", "paths"]].concat());
    assert_eq!(run.stdout, "corpus/a.txt\ncorpus/b.txt\n");
    let run = ws.run(&[
        "search", "--limit", &max, "--offset", &max, "--format", "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"total\":3,\"hits\":[]"),
        "{}",
        run.stdout
    );
    let run = ws.run(&["search", "kalifaat", "--limit", &max, "--offset", &max]);
    assert!(
        run.stdout.contains("none left after --offset"),
        "{}",
        run.stdout
    );
    let run = ws.run(&["kwic", "kalifaat", "--limit", &max]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_month_range_before_the_first_month_is_an_error_not_month_zero() {
    let ws = small_archive();
    assert_eq!(ws.matches(&["date:<=0000-01"]), ["c.txt"]);
    let run = ws.run(&["search", "date:<0000-01"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("no month comes before 0000-01"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_in_the_corpus_never_blocks() {
    let ws = small_archive();
    // A FIFO in place of an indexed article: a search reads its text for the snippet.
    fs::remove_file(ws.corpus_path("a.txt")).unwrap();
    assert!(common::succeeds(
        "mkfifo",
        &[ws.corpus_path("a.txt").to_str().unwrap()]
    ));
    for args in [
        &["search", "kalifaat"][..],
        &["show", "a.txt"],
        &["kwic", "kalifaat"],
    ] {
        let out = common::finishes(ws.spawn(args), &format!("{args:?}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        // kwic finds nothing without the text.
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains("a.txt: ") && stderr.contains("not a regular file"),
            "{stderr}"
        );
    }
    // Links to a FIFO and to a device that says it is empty but blocks when read.
    std::os::unix::fs::symlink(ws.corpus_path("a.txt"), ws.corpus_path("fifo.txt")).unwrap();
    if std::path::Path::new("/proc/kmsg").exists() {
        std::os::unix::fs::symlink("/proc/kmsg", ws.corpus_path("kmsg.txt")).unwrap();
    }
    let out = common::finishes(
        ws.spawn(&["index", "corpus", "--follow-links", "--format", "json"]),
        "index --follow-links",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_that_cannot_be_written_is_an_error_or_a_quiet_end_never_a_panic() {
    let ws = small_archive();
    for args in [
        &["completions", "bash"][..],
        &["man"],
        &["search", "kalifaat"],
        &["stats", "--format", "json"],
    ] {
        // A reader that stops after the first line.
        let mut child = ws.command(args);
        child
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = child.spawn().unwrap();
        let mut first = [0u8; 1];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = common::finishes(child, &format!("{args:?}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        // A full disk.
        if let Ok(full) = fs::File::create("/dev/full") {
            let mut command = ws.command(args);
            command.stdout(full);
            let run = output(command);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr
                    .contains("cannot write to standard output: No space left"),
                "{}",
                run.stderr
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_process_limit_is_an_error_not_a_panic() {
    if !common::is_root() {
        eprintln!("skipped: a process limit that binds needs another user, which needs root");
        return;
    }
    use std::os::unix::process::CommandExt;
    let ws = Workspace::new();
    ws.generate(40);
    common::chown_all(ws.root(), 65534);
    let mut command = std::process::Command::new("bash");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -u 1 && exec {} index corpus",
            env!("CARGO_BIN_EXE_krant")
        ))
        .current_dir(ws.root())
        .env("NO_COLOR", "1")
        .uid(65534)
        .gid(65534);
    let run = output(command);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ulimit -u"), "{}", run.stderr);
}

#[test]
fn paths_need_no_article_and_snippets_read_only_the_start_of_a_huge_one() {
    let ws = Workspace::new();
    // 3 MB of text, the word sought only after the first 2 MB.
    let filler = "Gewone woorden over niets in het bijzonder. ".repeat(50_000);
    ws.article(
        "groot.txt",
        "2017-01",
        &format!("Groot stuk\n{filler}{filler}Raqqa aan het eind."),
    );
    ws.article("klein.txt", "2017-02", "Klein stuk over Raqqa.");
    ws.index();
    let json = ws.search_json(&["raqqa", "--sort", "oldest"]);
    assert_eq!(json.paths(), ["groot.txt", "klein.txt"]);
    assert!(json.hits[0].highlights.is_empty(), "{:?}", json.hits[0]);
    assert!(
        json.hits[0].snippet.starts_with("Gewone woorden"),
        "{:?}",
        json.hits[0]
    );
    assert_eq!(json.hits[1].highlights.len(), 1);
    // A list of paths reads no article: a file gone since is not even noticed.
    ws.remove("klein.txt");
    let run = ws.run(&["search", "raqqa", "--format", "paths", "--sort", "oldest"]);
    assert_eq!(run.stdout, "corpus/groot.txt\ncorpus/klein.txt\n");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
