//! An index recovers from whatever interrupted or damaged it, through the real binary:
//! leftovers of killed runs, damaged and missing files, a full disk, read-only access,
//! and runs that would remove most of the index.

use crate::common;

use std::fs;
use std::path::Path;

use common::{Mount, Workspace, is_root, output};
use serde_json::Value;

/// `meta.json` of the workspace's index.
fn meta(ws: &Workspace) -> Value {
    serde_json::from_slice(&fs::read(ws.root().join(".krant/meta.json")).unwrap()).unwrap()
}

fn small_archive() -> Workspace {
    let ws = Workspace::new();
    ws.article(
        "a.txt",
        "2017-01",
        "Alfa over het kalifaat en vluchtelingen.",
    )
    .article("b.txt", "2017-02", "Bravo over vluchtelingen in België.")
    .article("c.txt", "2017-03", "Charlie over Mosul.");
    ws.index();
    ws
}

fn assert_fails(run: &common::Run, needle: &str) {
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    assert!(run.stderr.contains(needle), "{needle}: {}", run.stderr);
}

#[test]
fn deletes_files_left_by_a_killed_update_do_not_block_later_runs() {
    let ws = small_archive();
    // What a kill after tantivy wrote a segment's deletes file but before the commit
    // leaves: `<segment>.<opstamp>.del` for the opstamps the next run will reach, listed in
    // tantivy's `.managed.json` (or, killed sooner, not).
    let meta = meta(&ws);
    let opstamp = meta["opstamp"].as_u64().unwrap();
    let index = ws.root().join(".krant");
    let managed_path = index.join(".managed.json");
    let mut managed: Vec<String> =
        serde_json::from_slice(&fs::read(&managed_path).unwrap()).unwrap();
    for segment in meta["segments"].as_array().unwrap() {
        let id = segment["segment_id"].as_str().unwrap().replace('-', "");
        for stamp in opstamp + 1..opstamp + 40 {
            let name = format!("{id}.{stamp}.del");
            fs::write(index.join(&name), b"left by a killed run").unwrap();
            if stamp % 2 == 0 {
                managed.push(name);
            }
        }
    }
    fs::write(&managed_path, serde_json::to_vec(&managed).unwrap()).unwrap();

    ws.article("a.txt", "2017-01", "Alfa over de verkiezingen.");
    ws.article("d.txt", "2017-04", "Delta over Raqqa.");
    ws.remove("c.txt");
    // (added, updated, removed, unchanged, skipped, articles)
    assert_eq!(ws.index_json(&[]).counts(), (1, 1, 1, 1, 0, 3));
    assert_eq!(ws.matches(&["verkiezingen"]), ["a.txt"]);
    assert!(ws.matches(&["mosul"]).is_empty());
    let live: Vec<String> = fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".del"))
        .collect();
    let meta = self::meta(&ws);
    // Only the deletes files the last commit uses are left.
    for name in &live {
        let id = &name[..32];
        let stamp: u64 = name[33..name.len() - 4].parse().unwrap();
        assert!(
            meta["segments"].as_array().unwrap().iter().any(|s| {
                s["segment_id"].as_str().unwrap().replace('-', "") == id
                    && s["deletes"]["opstamp"].as_u64() == Some(stamp)
            }),
            "{name} is left over"
        );
    }
    assert!(!index.join("forms.fst.tmp").exists());
}

#[test]
fn leftover_temporary_and_segment_files_are_removed_when_a_writer_opens() {
    let ws = small_archive();
    let index = ws.root().join(".krant");
    for name in [
        "0123456789abcdef0123456789abcdef.term",
        "0123456789abcdef0123456789abcdef.store",
        ".tmpAb12Cd",
        "forms.fst.tmp",
        "stamps.tsv.tmp",
    ] {
        fs::write(index.join(name), b"partial").unwrap();
    }
    fs::write(index.join("notes.txt"), b"not krant's").unwrap();
    ws.article("d.txt", "2017-04", "Delta over Raqqa.");
    ws.index();
    let names: Vec<String> = fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("0123456789abcdef") || n.contains("tmp")),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "notes.txt"), "{names:?}");
}

#[test]
fn a_missing_word_forms_file_is_an_error_for_searches_and_restored_by_index() {
    let ws = small_archive();
    assert_eq!(ws.matches(&["vluchtelinge*"]), ["a.txt", "b.txt"]);
    fs::remove_file(ws.root().join(".krant/forms.fst")).unwrap();
    assert_fails(
        &ws.run(&["search", "vluchtelinge*"]),
        "forms.fst is missing",
    );
    assert_fails(&ws.run(&["search", "vluchtelingen~1"]), "run `krant index`");
    // Plain words need no forms.
    assert_eq!(ws.matches(&["mosul"]), ["c.txt"]);
    let run = ws.run(&["index", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("forms.fst is missing"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.matches(&["vluchtelinge*"]), ["a.txt", "b.txt"]);
    assert_eq!(ws.search_json(&[]).total, 3);
}

#[test]
fn an_index_without_any_word_form_still_writes_its_forms_file() {
    let ws = Workspace::new();
    ws.article("a.txt", "2017-01", "Mosul.");
    ws.index();
    assert!(ws.root().join(".krant/forms.fst").exists());
    assert_eq!(ws.matches(&["mos*"]), ["a.txt"]);
}

#[test]
fn a_damaged_meta_json_is_an_error_and_rebuild_always_works() {
    let ws = small_archive();
    fs::write(ws.root().join(".krant/meta.json"), b"{\"segments\": [tru").unwrap();
    for args in [
        &["search", "mosul"][..],
        &["index", "corpus"],
        &["stats"],
        &["histogram", "mosul"],
    ] {
        assert_fails(&ws.run(args), "krant index --rebuild");
    }
    assert_eq!(ws.index_json(&["--rebuild"]).counts(), (3, 0, 0, 0, 0, 3));
    assert_eq!(ws.matches(&["mosul"]), ["c.txt"]);

    // A damaged marker beside krant's lock is still recognisably krant's.
    fs::write(ws.root().join(".krant/krant.json"), b"{\"format\": \"kr").unwrap();
    assert_fails(&ws.run(&["search", "mosul"]), "--rebuild");
    assert_fails(&ws.run(&["index", "corpus"]), "--rebuild");
    assert_eq!(ws.index_json(&["--rebuild"]).counts(), (3, 0, 0, 0, 0, 3));
    assert_eq!(ws.matches(&["mosul"]), ["c.txt"]);
}

/// Files of the index, for damaging them.
fn index_files(ws: &Workspace, extension: &str) -> Vec<std::path::PathBuf> {
    fs::read_dir(ws.root().join(".krant"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect()
}

/// Flips four bytes in the middle of `path`.
fn flip_middle(path: &Path) {
    let mut bytes = fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 4] {
        *byte ^= 0xFF;
    }
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_index_is_an_error_never_a_panic_and_check_names_the_file() {
    let ws = Workspace::new();
    ws.generate(200);
    ws.index();
    let pristine = ws.root().join("pristine");
    fs::rename(ws.root().join(".krant"), &pristine).unwrap();
    for extension in ["term", "idx", "fast", "pos", "store", "fieldnorm"] {
        let _ = fs::remove_dir_all(ws.root().join(".krant"));
        common::copy_dir(&pristine, &ws.root().join(".krant"));
        let damaged = index_files(&ws, extension);
        assert!(!damaged.is_empty(), "{extension}");
        damaged.iter().for_each(|p| flip_middle(p));
        // Searches may or may not read the damaged bytes; none may panic (checked by
        // `run`), and an error is one line.
        for args in [
            &["search", "vluchtelingen"][..],
            &["search", "vluchtelinge*", "--format", "json"],
            &["search", "kalifat~1", "--count"],
            &["search", "\"het kalifaat\""],
            &["histogram", "gemeenschappelijk"],
            &["kwic", "uniek7"],
            &["stats"],
        ] {
            let run = ws.run(args);
            assert!(run.code <= 2, "{extension} {args:?}: {}", run.stderr);
            if run.code == 2 {
                assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
            }
        }
        let check = ws.run(&["check"]);
        assert_eq!(check.code, 2, "{extension}: {}", check.stdout);
        let name = damaged[0].file_name().unwrap().to_str().unwrap();
        assert!(check.stdout.contains(name), "{extension}: {}", check.stdout);
        assert!(check.stderr.contains("--rebuild"), "{}", check.stderr);
        // An update stops before changing anything.
        ws.article("gen/00/00000.txt", "2017-01", "Gewijzigd.");
        assert_fails(&ws.run(&["index", "corpus"]), "krant index --rebuild");
        assert_eq!(
            ws.index_json(&["--rebuild"]).counts(),
            (200, 0, 0, 0, 0, 200)
        );
        assert_eq!(ws.run(&["check"]).code, 0);
    }
    // Truncated word forms: a clear error for prefix words; `krant index` restores them.
    let forms = ws.root().join(".krant/forms.fst");
    let length = fs::metadata(&forms).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&forms)
        .unwrap()
        .set_len(length / 2)
        .unwrap();
    assert_fails(
        &ws.run(&["search", "vluchtelinge*"]),
        "krant index --rebuild",
    );
    assert_eq!(ws.run(&["check"]).code, 2);
    let run = ws.run(&["index", "corpus"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("forms.fst is damaged"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search_json(&["vluchtelinge*"]).total, 199);
}

#[test]
fn an_index_on_a_full_disk_recovers_once_there_is_room() {
    if !is_root() {
        eprintln!("skipped: mounting a small file system needs root");
        return;
    }
    let ws = small_archive();
    let index = ws.root().join(".krant");
    let saved = ws.root().join("saved");
    fs::rename(&index, &saved).unwrap();
    fs::create_dir(&index).unwrap();
    let Some(_mount) = Mount::new(&["-t", "tmpfs", "-o", "size=200k", "tmpfs"], &index) else {
        return;
    };
    for entry in fs::read_dir(&saved).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), index.join(entry.file_name())).unwrap();
    }
    ws.generate(3000);
    let run = ws.run(&["index", "corpus", "--threads", "1", "--memory", "15"]);
    assert_fails(&run, "is the disk full");
    // The corpus shrinks again and an article changes: there is room for that, once
    // the failed run's files are gone.
    fs::remove_dir_all(ws.corpus_path("gen")).unwrap();
    ws.article("a.txt", "2017-01", "Alfa over de verkiezingen.");
    assert_eq!(ws.index_json(&[]).counts(), (0, 1, 0, 2, 0, 3));
    assert_eq!(ws.matches(&["verkiezingen"]), ["a.txt"]);
    ws.generate(3000);
    assert_fails(&ws.run(&["index", "corpus"]), "is the disk full");
    fs::remove_dir_all(ws.corpus_path("gen")).unwrap();
    assert_eq!(ws.index_json(&["--rebuild"]).counts(), (3, 0, 0, 0, 0, 3));
}

#[test]
fn an_index_on_a_read_only_mount_can_be_searched() {
    if !is_root() {
        eprintln!("skipped: a read-only bind mount needs root");
        return;
    }
    let ws = small_archive();
    let index = ws.root().join(".krant");
    let Some(_bind) = Mount::new(&["--bind", index.to_str().unwrap()], &index) else {
        return;
    };
    if !common::succeeds("mount", &["-o", "remount,bind,ro", index.to_str().unwrap()]) {
        eprintln!("skipped: cannot remount read-only");
        return;
    }
    assert_eq!(ws.matches(&["vluchtelinge*"]), ["a.txt", "b.txt"]);
    assert_eq!(ws.run(&["stats"]).code, 0);
    assert_eq!(ws.run(&["check"]).code, 0);
    let run = ws.run(&["index", "corpus"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Runs `krant ARGS` in the workspace as the unprivileged user `nobody`.
fn run_as_nobody(ws: &Workspace, args: &[&str]) -> common::Run {
    use std::os::unix::process::CommandExt;
    let mut command = ws.command(args);
    command.uid(65534).gid(65534);
    output(command)
}

/// Lets everyone read and enter the workspace (tempfile makes it owner-only).
fn open_to_all(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn another_user_can_search_an_index_they_may_read() {
    if !is_root() {
        eprintln!("skipped: running krant as another user needs root");
        return;
    }
    let ws = small_archive();
    open_to_all(ws.root());
    ws.article("d.txt", "2017-04", "Delta over Raqqa.");
    ws.index();
    assert_eq!(
        run_as_nobody(&ws, &["search", "raqqa", "--format", "paths"]).stdout,
        "corpus/d.txt\n"
    );
    assert_eq!(run_as_nobody(&ws, &["check"]).code, 0);
    let run = run_as_nobody(&ws, &["index", "corpus"]);
    assert_fails(&run, "index");
}

#[test]
fn a_run_that_would_empty_the_index_stops_unless_removals_are_allowed() {
    let ws = Workspace::new();
    ws.generate(30);
    ws.index();
    // An unmounted disk: the mount point is an empty folder.
    let away = ws.root().join("away");
    fs::rename(ws.corpus_path("gen"), &away).unwrap();
    let run = ws.run(&["index", "corpus"]);
    assert_fails(&run, "--allow-removals");
    assert!(
        run.stderr.contains("remove 30 of the 30 articles"),
        "{}",
        run.stderr
    );
    assert_eq!(ws.search_json(&[]).total, 30);
    // A rebuild of the empty folder is stopped too; a dry run only warns.
    assert_fails(
        &ws.run(&["index", "corpus", "--rebuild"]),
        "--allow-removals",
    );
    let dry = ws.run(&["index", "corpus", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(dry.stderr.contains("--allow-removals"), "{}", dry.stderr);
    assert_eq!(ws.search_json(&[]).total, 30);
    // The disk comes back: nothing was lost.
    fs::rename(&away, ws.corpus_path("gen")).unwrap();
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 0, 30, 0, 30));
    // A few removals, or less than half, need nothing.
    for i in 0..12 {
        fs::remove_file(ws.corpus_path(&format!("gen/{:02}/{i:05}.txt", i % 50))).unwrap();
    }
    assert_eq!(ws.index_json(&[]).counts(), (0, 0, 12, 18, 0, 18));
    fs::remove_dir_all(ws.corpus_path("gen")).unwrap();
    assert_fails(&ws.run(&["index", "corpus"]), "--allow-removals");
    assert_eq!(
        ws.index_json(&["--allow-removals"]).counts(),
        (0, 0, 18, 0, 0, 0)
    );
}

#[test]
fn articles_in_a_folder_that_cannot_be_read_are_kept() {
    if !is_root() {
        eprintln!("skipped: an unreadable folder needs another user, which needs root");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let ws = Workspace::new();
    ws.article("open/a.txt", "2017-01", "Alfa over Mosul.")
        .article("locked/b.txt", "2017-02", "Bravo over Mosul.")
        .article("locked/deeper/c.txt", "2017-03", "Charlie over Mosul.");
    common::chown_all(ws.root(), 65534);
    assert_eq!(run_as_nobody(&ws, &["index", "corpus"]).code, 0);
    fs::set_permissions(ws.corpus_path("locked"), fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_as_nobody(&ws, &["index", "corpus", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["removed"], 0, "{report}");
    assert_eq!(report["articles"], 3, "{report}");
    assert_eq!(report["skipped"][0]["path"], "locked", "{report}");
    assert!(
        run.stderr
            .contains("2 indexed articles in folders that could not be read are kept")
    );
    // The whole corpus unreadable: everything is kept.
    fs::set_permissions(ws.corpus_path("locked"), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(ws.root().join("corpus"), fs::Permissions::from_mode(0o311)).unwrap();
    let run = run_as_nobody(&ws, &["index", "corpus", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (report["removed"].as_u64(), report["articles"].as_u64()),
        (Some(0), Some(3))
    );
    fs::set_permissions(ws.root().join("corpus"), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(ws.search_json(&["mosul"]).total, 3);
}
