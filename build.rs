//! Two jobs at build time:
//!
//! 1. Compiles the Dutch lexicon (`data/lexicon/lemmas.tsv` and `forms.tsv`, generated and
//!    reviewed by `data/lexicon/build_lexicon.py`) into a finite-state map from every
//!    known form to its lemma, and a string table, in `OUT_DIR`; `src/analysis/lexicon.rs`
//!    includes both. The committed data stays readable text; the executable carries the
//!    compact form, which costs nothing to load.
//! 2. Links the `krant` executable as position-dependent on Linux: a search is a short
//!    process, and relocating a position-independent executable's ~30,000 pointers at
//!    every start took about 1 ms of it (see BENCHMARKS.md). `scripts/release-build.sh`
//!    goes further and links everything statically.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    if let Err(e) = compile_lexicon(&manifest.join("data/lexicon"), &out) {
        panic!("cannot compile the lexicon: {e}");
    }
}

/// The layout of a value in the map, shared with `src/analysis/lexicon.rs` (which
/// decodes it and has the tests): from the lowest bit, the lemma's offset in the string
/// table (24 bits), the lemma's length (8), the key's length (8; the key follows the
/// lemma in the table unless its length is 0, which means the key is the lemma), the
/// word-class flags (4), the lemma's frequency class (7), the form's frequency class (7)
/// and the source (3).
const FLAG_LETTERS: &[u8] = b"nvaN";

fn compile_lexicon(dir: &Path, out: &Path) -> Result<(), String> {
    let lemmas_path = dir.join("lemmas.tsv");
    let forms_path = dir.join("forms.tsv");
    println!("cargo::rerun-if-changed={}", lemmas_path.display());
    println!("cargo::rerun-if-changed={}", forms_path.display());
    let lemmas = fs::read_to_string(&lemmas_path).map_err(|e| e.to_string())?;
    let forms = fs::read_to_string(&forms_path).map_err(|e| e.to_string())?;

    // Each lemma once in the string table, its key right after it when it differs.
    let mut strings = String::new();
    let mut value_of: HashMap<&str, u64> = HashMap::new();
    let mut entries_of_lemmas: Vec<(&str, u64)> = Vec::new();
    for (n, line) in data_lines(&lemmas) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [lemma, key, flags, zipf, form_zipf] = fields[..] else {
            return Err(format!("lemmas.tsv:{n}: expected 5 fields: {line:?}"));
        };
        let offset = strings.len() as u64;
        strings.push_str(lemma);
        let key_len = if key == lemma {
            0
        } else {
            strings.push_str(key);
            key.len()
        };
        if lemma.len() > 255 || key_len > 255 || strings.len() >= 1 << 24 {
            return Err(format!("lemmas.tsv:{n}: too long: {line:?}"));
        }
        let mut flag_bits = 0u64;
        for c in flags.bytes() {
            if let Some(bit) = FLAG_LETTERS.iter().position(|&f| f == c) {
                flag_bits |= 1 << bit;
            }
        }
        let zipf = frequency_class(zipf).ok_or(format!("lemmas.tsv:{n}: bad frequency"))?;
        let form_zipf =
            frequency_class(form_zipf).ok_or(format!("lemmas.tsv:{n}: bad frequency"))?;
        let value = offset | (lemma.len() as u64) << 24 | (key_len as u64) << 32;
        let value = value | flag_bits << 40 | zipf << 44;
        value_of.insert(lemma, value);
        entries_of_lemmas.push((lemma, value | form_zipf << 51));
    }

    // A lemma that forms.tsv reads as a form of another lemma is looked up as that form;
    // its record stays for the forms that have it as their lemma.
    let as_forms: std::collections::HashSet<&str> = data_lines(&forms)
        .filter_map(|(_, line)| line.split('\t').next())
        .collect();
    let mut entries: Vec<(&str, u64)> = entries_of_lemmas
        .into_iter()
        .filter(|(lemma, _)| !as_forms.contains(lemma))
        .collect();
    for (n, line) in data_lines(&forms) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [form, lemma, source, form_zipf] = fields[..] else {
            return Err(format!("forms.tsv:{n}: expected 4 fields: {line:?}"));
        };
        let form_zipf =
            frequency_class(form_zipf).ok_or(format!("forms.tsv:{n}: bad frequency"))?;
        let Some(&value) = value_of.get(lemma) else {
            return Err(format!(
                "forms.tsv:{n}: lemma {lemma:?} is not in lemmas.tsv"
            ));
        };
        let source = match source {
            "e" => 1,
            "o" => 2,
            "s" => 3,
            "l" => 4,
            "i" => 5,
            "r" => 6,
            "x" => 7,
            other => return Err(format!("forms.tsv:{n}: unknown source {other:?}")),
        };
        entries.push((form, value | form_zipf << 51 | source << 58));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    if let Some(pair) = entries.windows(2).find(|p| p[0].0 == p[1].0) {
        return Err(format!("the form {:?} is listed twice", pair[0].0));
    }
    let mut builder = tantivy_fst::MapBuilder::memory();
    for (form, value) in &entries {
        builder.insert(form, *value).map_err(|e| e.to_string())?;
    }
    let fst = builder.into_inner().map_err(|e| e.to_string())?;
    fs::write(out.join("lexicon.fst"), fst).map_err(|e| e.to_string())?;
    fs::write(out.join("lexicon.strings"), strings).map_err(|e| e.to_string())?;
    fs::write(out.join("lexicon.grams"), grams(&lemmas, &forms)).map_err(|e| e.to_string())?;
    println!(
        "cargo::rustc-env=KRANT_LEXICON_FINGERPRINT={}",
        fingerprint(dir)?
    );
    Ok(())
}

/// FNV-1a over every data file of the lexicon, in name order: what the analyzer's terms
/// depend on besides its code. Sixteen hex digits; no cryptographic strength is needed.
fn fingerprint(dir: &Path) -> Result<String, String> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| e.to_string())?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("tsv" | "txt")
            )
        })
        .collect();
    names.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in names {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for byte in name
            .bytes()
            .chain(fs::read(&path).map_err(|e| e.to_string())?)
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(format!("{hash:016x}"))
}

/// `key<TAB>gram gram…` lines, sorted: for each key some of whose forms do not contain
/// its first three letters (`grijp`: `greep`, `gegrepen`), three-letter pieces of those
/// forms such that every form contains the key's first three letters or one of them
/// (`gre`). Snippets look only at words that hold a piece of a query's terms; a term that
/// is no prefix of its forms would otherwise never be highlighted.
fn grams(lemmas: &str, forms: &str) -> String {
    let key_of: HashMap<&str, &str> = data_lines(lemmas)
        .filter_map(|(_, line)| {
            let mut fields = line.split('\t');
            Some((fields.next()?, fields.next()?))
        })
        .collect();
    let pairs =
        key_of
            .iter()
            .map(|(&lemma, &key)| (lemma, key))
            .chain(data_lines(forms).filter_map(|(_, line)| {
                let mut fields = line.split('\t');
                let form = fields.next()?;
                Some((form, *key_of.get(fields.next()?)?))
            }));
    let mut extra: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for (form, key) in pairs {
        let head = key.get(..3).unwrap_or(key);
        if form.contains(head) {
            continue;
        }
        let grams = extra.entry(key).or_default();
        if grams.iter().any(|g| form.contains(g.as_str())) {
            continue;
        }
        // A participle's piece comes after its ge- (`gegrepen`: `gre`).
        let core = match form.strip_prefix("ge") {
            Some(rest) if rest.len() >= 3 => rest,
            _ => form,
        };
        grams.push(core.chars().take(3).collect());
    }
    let mut out = String::new();
    for (key, mut grams) in extra {
        grams.sort();
        out.push_str(key);
        out.push('\t');
        out.push_str(&grams.join(" "));
        out.push('\n');
    }
    out
}

/// A frequency class (Zipf × 10), at most 127.
fn frequency_class(text: &str) -> Option<u64> {
    text.parse::<u64>().ok().map(|z| z.min(127))
}

/// Numbered lines that are neither comments nor empty.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}
