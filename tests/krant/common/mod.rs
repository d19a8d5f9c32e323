//! Fixtures for the integration tests: a temp workspace with a corpus folder, and a way
//! to run the real `krant` binary in it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

/// A temporary working directory holding `corpus/` and (after indexing) `.krant/`.
pub struct Workspace {
    dir: tempfile::TempDir,
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `krant search --format json`, decoded as the README documents it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchJson {
    pub query: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub total: usize,
    pub hits: Vec<HitJson>,
}

/// A hit of `--format json`, every field named: with `deny_unknown_fields` it pins the wire
/// format, so fields no test reads are kept too.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitJson {
    pub path: String,
    #[allow(dead_code)]
    pub file: Option<String>,
    pub date: String,
    #[allow(dead_code)]
    pub month: String,
    pub title: String,
    pub score: Option<f64>,
    pub snippet: String,
    pub highlights: Vec<[usize; 2]>,
}

impl SearchJson {
    /// The hit paths, in order.
    pub fn paths(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.path.as_str()).collect()
    }

    /// The hit paths, sorted (for checks that ignore ranking).
    pub fn sorted_paths(&self) -> Vec<&str> {
        let mut paths = self.paths();
        paths.sort_unstable();
        paths
    }
}

impl Workspace {
    /// An empty workspace with an empty `corpus/`.
    pub fn new() -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("corpus")).expect("corpus dir");
        Workspace { dir }
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside `corpus/`.
    pub fn corpus_path(&self, rel: &str) -> PathBuf {
        self.root().join("corpus").join(rel)
    }

    /// Writes an article with a `date` header like the real ones (leading space, text on
    /// the header line).
    pub fn article(&self, rel: &str, date: &str, text: &str) -> &Self {
        self.raw(rel, format!(" date {date} {text}").as_bytes())
    }

    /// Writes a file with exactly these bytes.
    pub fn raw(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.corpus_path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(path, bytes).expect("write article");
        self
    }

    /// Deletes a corpus file.
    pub fn remove(&self, rel: &str) -> &Self {
        fs::remove_file(self.corpus_path(rel)).expect("remove article");
        self
    }

    /// Runs `krant ARGS` in the workspace, colour off, no inherited index setting.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `krant ARGS` with extra environment variables.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command(args);
        for (key, value) in env {
            command.env(key, value);
        }
        output(command)
    }

    /// `krant ARGS` to run in the workspace, colour off, no inherited index setting.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_krant"));
        command
            .args(args)
            .current_dir(self.root())
            .env_remove("KRANT_INDEX")
            .env("NO_COLOR", "1");
        command
    }
}

/// Runs a krant command to its end and checks that it did not panic.
pub fn output(mut command: Command) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run krant");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
        "krant panicked: {}",
        run.stderr
    );
    // 101: a panic; -1: killed by a signal (an abort, a stack overflow).
    assert!(
        run.code != 101 && run.code != -1,
        "krant crashed ({status}): {}",
        run.stderr
    );
    run
}

impl Workspace {
    /// Runs `krant index corpus` and checks it succeeded.
    pub fn index(&self) -> Run {
        let run = self.run(&["index", "corpus"]);
        assert_eq!(run.code, 0, "index failed: {}", run.stderr);
        run
    }

    /// Runs `krant search ARGS --format json` and decodes the output.
    pub fn search_json(&self, args: &[&str]) -> SearchJson {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json", "--limit", "100"]);
        let run = self.run(&all);
        assert!(
            run.code == 0 || run.code == 1,
            "search {args:?} failed ({}): {}",
            run.code,
            run.stderr
        );
        let json: SearchJson = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", run.stdout));
        assert_eq!(
            run.code,
            if json.total > 0 { 0 } else { 1 },
            "exit code must say whether there were hits"
        );
        json
    }

    /// Sorted paths matching a query (limit 100).
    pub fn matches(&self, args: &[&str]) -> Vec<String> {
        self.search_json(args)
            .sorted_paths()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }
}

/// Parses the counts out of the one-line index summary.
pub fn summary_counts(stderr: &str) -> (usize, usize, usize, usize, usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("indexed "))
        .unwrap_or_else(|| panic!("no summary in: {stderr}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    // indexed N articles (A added, U updated, R removed, C unchanged), S skipped, in T s
    (
        numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5],
    )
}

/// `krant index --format json`, decoded as the README documents it.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndexJson {
    pub corpus: String,
    pub index: String,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    pub skipped: Vec<SkippedJson>,
    pub articles: usize,
    pub seconds: f64,
    pub dry_run: bool,
    pub interrupted: bool,
    pub duplicates: Vec<Vec<String>>,
    pub empty_months: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SkippedJson {
    pub path: String,
    pub reason: String,
}

impl IndexJson {
    /// (added, updated, removed, unchanged, skipped, articles)
    pub fn counts(&self) -> (usize, usize, usize, usize, usize, usize) {
        (
            self.added,
            self.updated,
            self.removed,
            self.unchanged,
            self.skipped.len(),
            self.articles,
        )
    }
}

impl Workspace {
    /// Runs `krant index corpus --format json ARGS` and decodes the report.
    pub fn index_json(&self, args: &[&str]) -> IndexJson {
        let mut all = vec!["index", "corpus", "--format", "json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "index failed: {}", run.stderr);
        serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", run.stdout))
    }

    /// Writes `n` articles `gen/NNNN.txt`, each with the unique word `uniekN` and the
    /// shared word `gemeenschappelijk`.
    pub fn generate(&self, n: usize) {
        for i in 0..n {
            self.article(
                &format!("gen/{:02}/{i:05}.txt", i % 50),
                &format!("{}-{:02}", 2014 + i % 6, 1 + i % 12),
                &format!(
                    "Artikel {i} over uniek{i}\nDit gemeenschappelijk stuk tekst gaat over \
                     vluchtelingen, het kalifaat en de verkiezingen in maand {}.",
                    1 + i % 12
                ),
            );
        }
    }

    /// Starts `krant ARGS` in the background.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        Command::new(env!("CARGO_BIN_EXE_krant"))
            .args(args)
            .current_dir(self.root())
            .env_remove("KRANT_INDEX")
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn krant")
    }
}

/// Sets a file's modification time to `secs` after the epoch (via `touch -d`).
pub fn set_mtime(path: &Path, secs: u64) {
    let status = Command::new("touch")
        .arg("-d")
        .arg(format!("@{secs}"))
        .arg(path)
        .status()
        .expect("run touch");
    assert!(status.success());
}

/// Whether the tests run as root, which the tests of mounts, other users and process
/// limits need (CI runs as root). Those tests print why they skip otherwise.
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

/// Runs a command and says whether it succeeded (for mount and umount).
pub fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// A file system mounted for a test, unmounted when dropped.
pub struct Mount {
    pub path: PathBuf,
}

impl Mount {
    /// Mounts with `mount ARGS… PATH`; `None` (after saying why) when that fails.
    pub fn new(args: &[&str], path: &Path) -> Option<Mount> {
        let mut all: Vec<&str> = args.to_vec();
        let path_text = path.to_str().expect("UTF-8 path");
        all.push(path_text);
        if succeeds("mount", &all) {
            Some(Mount {
                path: path.to_path_buf(),
            })
        } else {
            eprintln!("skipped: cannot mount {all:?}");
            None
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = succeeds("umount", &["-l", self.path.to_str().unwrap_or("")]);
    }
}

/// Copies the files of folder `from` (not its subfolders) into a new folder `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

/// Gives `path` and everything under it to the user `uid` (for tests that run krant as
/// another user).
#[cfg(unix)]
pub fn chown_all(path: &Path, uid: u32) {
    std::os::unix::fs::chown(path, Some(uid), Some(uid)).expect("chown");
    if path.is_dir() {
        for entry in fs::read_dir(path).expect("read folder") {
            chown_all(&entry.expect("entry").path(), uid);
        }
    }
}

/// The small archive of the research and pictures tests, indexed. Known counts: kalifaat
/// 2017-01 ×2, 2017-03 ×1; vluchteling 2017-03, 2017-05; 2017-02 and 2017-04 have no
/// articles.
pub fn research_archive() -> Workspace {
    let ws = Workspace::new();
    ws.article(
        "a.txt",
        "2017-01",
        "Het kalifaat\nHet kalifaat van IS werd uitgeroepen in Mosul.",
    )
    .article(
        "b.txt",
        "2017-01-20",
        "Kalifaat valt\nDe strijd om het kalifaat duurt voort.",
    )
    .article("c.txt", "2017-01", "Het weer\nHet was koud in januari.")
    .article(
        "d.txt",
        "2017-03",
        "Raqqa\nIn Raqqa viel het laatste stuk van het kalifaat.",
    )
    .article(
        "e.txt",
        "2017-03",
        "Opvang\nDe vluchtelingen in Ter Apel wachten.",
    )
    .article(
        "f.txt",
        "2017-05",
        "Een verhaal\nEen vluchteling vertelt, \"met komma's\".",
    );
    ws.index();
    ws
}

/// The marked pieces of a JSON hit's snippet, as its `highlights` (character offsets) say.
pub fn marked(hit: &serde_json::Value) -> Vec<String> {
    let snippet = hit["snippet"].as_str().expect("a snippet");
    hit["highlights"]
        .as_array()
        .expect("highlights")
        .iter()
        .map(|r| {
            let (s, e) = (r[0].as_u64().unwrap(), r[1].as_u64().unwrap());
            snippet
                .chars()
                .skip(s as usize)
                .take((e - s) as usize)
                .collect()
        })
        .collect()
}

/// How long a test waits for a child process before it takes it for hung: far longer
/// than any run here takes, even on a loaded machine. Never a measure of speed.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs `work` (which waits on the child `pid`) on a thread of its own and returns its
/// result; kills the child and fails, saying `what` hangs, if it takes over [`PATIENCE`].
pub fn with_patience<T: Send + 'static>(
    pid: u32,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(work()));
    match receiver.recv_timeout(PATIENCE) {
        Ok(result) => result,
        Err(_) => {
            succeeds("kill", &["-9", &pid.to_string()]);
            panic!("{what} hangs");
        }
    }
}

/// Waits for `child` to end (reading its output meanwhile); kills it and fails if it
/// hangs.
pub fn finishes(child: std::process::Child, what: &str) -> Output {
    let pid = child.id();
    with_patience(pid, what, move || child.wait_with_output()).unwrap()
}

/// A running krant's stderr, read a line at a time. While nobody reads it, a run with
/// `-v` (a line per article) cannot get far: its messages wait in the pipe.
pub struct StderrLines {
    pid: u32,
    reader: Option<std::io::BufReader<std::process::ChildStderr>>,
    /// Everything read so far.
    pub seen: String,
}

impl StderrLines {
    /// Takes over `child`'s stderr (spawned with [`Workspace::spawn`]).
    pub fn of(child: &mut std::process::Child) -> StderrLines {
        StderrLines {
            pid: child.id(),
            reader: child.stderr.take().map(std::io::BufReader::new),
            seen: String::new(),
        }
    }

    /// Reads up to and including the first line that starts with `start`; false if the
    /// stream ended first.
    pub fn until(&mut self, start: &str) -> bool {
        use std::io::BufRead;
        let mut reader = self.reader.take().expect("stderr");
        let start = start.to_owned();
        let what = format!("waiting for a line starting with {start:?}");
        let (reader, read, found) = with_patience(self.pid, &what, move || {
            let mut read = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 {
                    return (reader, read, false);
                }
                read.push_str(&line);
                if line.starts_with(&start) {
                    return (reader, read, true);
                }
            }
        });
        self.reader = Some(reader);
        self.seen.push_str(&read);
        found
    }

    /// Reads the rest and returns everything read.
    pub fn rest(mut self) -> String {
        use std::io::Read;
        let mut reader = self.reader.take().expect("stderr");
        let rest = with_patience(self.pid, "reading stderr to its end", move || {
            let mut rest = String::new();
            reader.read_to_string(&mut rest).unwrap();
            rest
        });
        self.seen + &rest
    }
}
