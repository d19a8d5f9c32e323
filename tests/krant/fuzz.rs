//! A bounded fuzzer in `cargo test`: generated queries through the parser and a real
//! search, generated files through the header parser, generated names through the path
//! identity. None may panic, and every error is one line once escaped for the terminal.
//!
//! The number of cases per property is proptest's (`PROPTEST_CASES`, default 256 here
//! times the factor below); a longer run: `PROPTEST_CASES=20000 cargo test --release
//! --test krant fuzz::` (RELIABILITY.md records one).

use crate::common;

use std::sync::atomic::{AtomicUsize, Ordering};

use krant::corpus::{SkipReason, parse_article, path_bytes, path_identity};
use krant::date::MonthRange;
use krant::index::{KrantIndex, Searcher};
use krant::output::escape;
use krant::query::{self, Query, Selection, Sort};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` if set, else 256 times `factor`.
fn config(factor: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256 * factor);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces queries are made of: the language's operators and syntax, Dutch words, odd
/// characters, and anything at all.
fn query_piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "(",
        ")",
        "\"",
        "-",
        "+",
        "*",
        "~",
        "~1",
        "~2",
        "~9",
        ":",
        " ",
        " ",
        " ",
        "AND",
        "OR",
        "NOT",
        "title:",
        "text:",
        "date:",
        "auteur:",
        "date:2017",
        "date:<0000-01",
        "date:>9999-12",
        "date:2017-13",
        "date:2018..2017",
        "..",
        ">=",
        "<",
        "kalifaat",
        "vluchtelingen",
        "IS-strijders",
        "belgië",
        "de",
        "het",
        "is",
        "corona-crisis",
        "30.000",
        "foto's",
        "\u{AD}",
        "\u{200B}",
        "é",
        "Ĳ",
        "\n",
        "\t",
        "\x1b[2J",
        "\0",
        "😀",
        "\u{202E}",
        "vluchtel",
        "kalifat",
    ]);
    prop_oneof![
        6 => fixed.prop_map(str::to_owned),
        1 => any::<String>(),
        1 => "[a-zé]{1,12}",
    ]
}

fn query_text() -> impl Strategy<Value = String> {
    prop::collection::vec(query_piece(), 0..24).prop_map(|pieces| pieces.concat())
}

static QUERIES: AtomicUsize = AtomicUsize::new(0);
static SEARCHES: AtomicUsize = AtomicUsize::new(0);
static FILES: AtomicUsize = AtomicUsize::new(0);
static NAMES: AtomicUsize = AtomicUsize::new(0);

/// An error line as the binary prints it: one line, no control characters.
fn assert_one_line(message: &str) {
    let shown = escape(message);
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
}

proptest! {
    #![proptest_config(config(8))]

    #[test]
    fn the_query_parser_never_panics_and_errors_are_one_line(text in query_text()) {
        QUERIES.fetch_add(1, Ordering::Relaxed);
        match query::parse(&text) {
            Ok(_) => {}
            Err(err) => {
                prop_assert!(err.position <= text.chars().count());
                assert_one_line(&err.to_string());
            }
        }
        // Through the command line's conversion too (the hint included).
        if let Err(err) = krant::config::parse_query(&text) {
            assert_one_line(&krant::error::one_line(&err));
        }
    }
}

/// Header-like starts of a file, then anything.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    let start = prop::sample::select(vec![
        &b""[..],
        b" date 2017-12 ",
        b"date 2017-12",
        b"DATE\t2019-03-23 ",
        b"date 2018-02-30 ",
        b"date 2017-13 ",
        b"date  ",
        b"date\n2017-01 ",
        b"\xEF\xBB\xBFdate 2017-01 ",
        b"\xFF\xFEd\0a\0",
        b"\n\n date 2016-03\n\n",
        b"dat",
        b"date 0000-01 ",
        b"date 9999-12-31 ",
        b"date 2017-1 ",
        b"date 20170-01 ",
        b"date 2017-01-1 ",
        b"date -2017-01 ",
    ]);
    let body = prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(b"abc \n\r\t\xe9\xc3\xa9\x80\x1b.-".to_vec()),
            1 => any::<u8>(),
        ],
        0..300,
    );
    (start, body).prop_map(|(start, body)| [start, &body[..]].concat())
}

proptest! {
    #![proptest_config(config(12))]

    #[test]
    fn the_header_parser_never_panics_and_articles_are_well_formed(bytes in file_bytes()) {
        FILES.fetch_add(1, Ordering::Relaxed);
        match parse_article("a/b.txt", &bytes) {
            Ok(article) => {
                prop_assert!(!article.text.trim().is_empty());
                prop_assert!(!article.text.contains('\r'));
                prop_assert!(article.title.chars().count() <= krant::corpus::MAX_TITLE_CHARS);
                prop_assert!(!article.title.contains('\n'));
            }
            Err(reason) => {
                assert_one_line(&reason.to_string());
                let binary = bytes.contains(&0) && !bytes.starts_with(b"\xFF\xFE");
                prop_assert!(!binary || reason == SkipReason::Binary || reason == SkipReason::Utf16);
            }
        }
    }

    #[test]
    fn path_identities_are_exact_and_round_trip(
        bytes in prop::collection::vec(
            prop_oneof![3 => 0x20u8..0x7f, 1 => 0x80u8..=0xff, 1 => any::<u8>()],
            0..40,
        ),
        other in prop::collection::vec(0x80u8..=0xff, 1..3),
    ) {
        NAMES.fetch_add(1, Ordering::Relaxed);
        // File names hold no NUL.
        let bytes: Vec<u8> = bytes.into_iter().filter(|b| *b != 0).collect();
        let identity = path_identity(&bytes);
        prop_assert_eq!(&path_bytes(&identity)[..], &bytes[..]);
        let mut changed = bytes.clone();
        changed.extend(&other);
        prop_assert_ne!(path_identity(&changed), identity.clone());
        assert_one_line(&identity);
    }
}

/// A searcher on a small index built by the binary, shared by the search cases.
fn searcher() -> (common::Workspace, Searcher) {
    let ws = common::Workspace::new();
    ws.article("a.txt", "2017-01", "Het kalifaat van IS viel in Mosul.")
        .article(
            "b.txt",
            "2017-02",
            "Vluchtelingen in België, de corona-crisis.",
        )
        .article("c.txt", "0000-01", "Foto's van 30.000 IS-strijders.")
        .article("d.txt", "9999-12", "Een jaar geleden, twee jaar geleden.");
    ws.index();
    let index = KrantIndex::open(&ws.root().join(".krant")).unwrap();
    (ws, Searcher::new(index).unwrap())
}

#[test]
fn generated_queries_search_without_panics() {
    let (_ws, searcher) = searcher();
    // The runner takes an `Fn`.
    let searcher = std::cell::RefCell::new(searcher);
    let mut runner = proptest::test_runner::TestRunner::new(config(4));
    let sorts = [Sort::Relevance, Sort::Newest, Sort::Oldest];
    runner
        .run(
            &(query_text(), 0usize..3, 1usize..5, 0usize..4),
            |(text, sort, limit, offset)| {
                SEARCHES.fetch_add(1, Ordering::Relaxed);
                let Ok(expr) = query::parse(&text) else {
                    return Ok(());
                };
                let query = Query {
                    selection: Selection {
                        text: text.clone(),
                        expr,
                        range: MonthRange::default(),
                    },
                    sort: sorts[sort],
                    limit,
                    offset,
                };
                let mut searcher = searcher.borrow_mut();
                for texts in [true, false] {
                    match searcher.search(&query, texts) {
                        Ok(hits) => prop_assert!(hits.hits.len() <= limit),
                        Err(err) => assert_one_line(&krant::error::one_line(&err)),
                    }
                }
                if let Err(err) = searcher.count_by_month(&query.selection) {
                    assert_one_line(&krant::error::one_line(&err));
                }
                Ok(())
            },
        )
        .unwrap();
}

/// Pieces of text around names: first names, particles, words that are names by their
/// neighbours, punctuation, odd blanks and letters.
fn name_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Jesse",
        "Virgil",
        "van",
        "Van",
        "de",
        "De",
        "Den",
        "ter",
        "Ten",
        "'t",
        "’t",
        "Klaver",
        "Dijk",
        "Helder",
        "São",
        "Paulo",
        "geel",
        "Geel",
        "best",
        ",",
        ".",
        ":",
        "\"",
        "-",
        " ",
        " ",
        " ",
        "\u{a0}",
        "\u{2003}",
        "\t",
        "\n",
        "x",
        "É",
        "ß",
        "İ",
        "\u{301}",
        "\u{ad}",
        "\u{200b}",
        "op",
        "Op",
        "belde",
        "Minister",
        "oud-premier",
        "R.",
        "–",
    ]);
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config(8))]

    /// Reading names from the words around them looks back and ahead in the text: at
    /// any blank, letter or punctuation it neither panics nor reads past the text, and
    /// every token's span lies within it.
    #[test]
    fn names_read_by_their_neighbours_never_panic(text in name_text()) {
        let mut analyzer = krant::analysis::DutchAnalyzer::new();
        for mode in [krant::analysis::Mode::Index, krant::analysis::Mode::Query] {
            for token in analyzer.tokens(&text, mode) {
                prop_assert!(token.start <= token.end && token.end <= text.len());
                prop_assert!(!token.term.is_empty());
            }
        }
        prop_assert!(analyzer.query_variants(&text).len() <= krant::analysis::MAX_QUERY_VARIANTS);
    }
}

/// Runs last (alphabetically and by its wait): says how many inputs the fuzzer ran.
#[test]
fn zz_report_the_number_of_inputs() {
    // The other tests of this binary run on other threads; give them time to finish.
    for _ in 0..600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let done = QUERIES.load(Ordering::Relaxed) >= config(8).cases as usize
            && FILES.load(Ordering::Relaxed) >= config(12).cases as usize
            && NAMES.load(Ordering::Relaxed) >= config(12).cases as usize
            && SEARCHES.load(Ordering::Relaxed) >= config(4).cases as usize;
        if done {
            break;
        }
    }
    eprintln!(
        "fuzz: {} queries parsed, {} searched (twice each, and counted by month), {} files \
         parsed, {} names round-tripped",
        QUERIES.load(Ordering::Relaxed),
        SEARCHES.load(Ordering::Relaxed),
        FILES.load(Ordering::Relaxed),
        NAMES.load(Ordering::Relaxed)
    );
}
