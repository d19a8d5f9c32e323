//! The streamed plan against the simple form it replaced: hash maps of every path.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proptest::prelude::*;

use super::*;

/// What a plan decided, by path, in a form both plans can give.
#[derive(Debug, Default, PartialEq, Eq)]
struct Decisions {
    unchanged: BTreeSet<String>,
    read: BTreeMap<String, Option<u64>>,
    gone: Vec<String>,
    kept: BTreeMap<String, Option<Stamp>>,
    warnings: BTreeSet<String>,
}

fn file(path: &str, size: u64, mtime_ns: i64) -> WalkedFile {
    WalkedFile {
        path: path.to_owned(),
        size,
        mtime_ns,
    }
}

fn entry(path: &str, hash: u64) -> CatalogEntry {
    CatalogEntry {
        path: path.to_owned(),
        date_key: 20_170_100,
        hash,
    }
}

/// The walk as the walker gives it: files and unreadable folders in key order.
fn walk_items(files: &[WalkedFile], unreadable: &[String]) -> Vec<WalkItem> {
    let mut items: Vec<WalkItem> = files.iter().cloned().map(WalkItem::File).collect();
    items.extend(unreadable.iter().map(|place| WalkItem::Unreadable {
        key: if place.is_empty() {
            String::new()
        } else {
            format!("{place}/")
        },
        warning: WalkWarning {
            path: place.clone(),
            message: "Permission denied".into(),
        },
    }));
    items.sort_by(|a, b| a.key().cmp(&b.key()));
    items
}

/// The streamed plan's decisions.
fn streamed(
    files: &[WalkedFile],
    unreadable: &[String],
    catalog: &[CatalogEntry],
    stamps: &[(String, Stamp)],
) -> Decisions {
    let mut decisions = Decisions::default();
    let totals = plan(
        walk_items(files, unreadable).into_iter(),
        catalog.iter().cloned().map(Ok),
        stamps.iter().cloned(),
        || true,
        |step| {
            match step {
                Step::Warning { warning, .. } => {
                    decisions.warnings.insert(warning.path);
                }
                Step::Unchanged { stamp } => {
                    decisions.unchanged.insert(stamps[stamp].0.clone());
                }
                Step::Kept { path, stamp } => {
                    if let Some(at) = stamp {
                        assert_eq!(stamps[at].0, path);
                    }
                    decisions.kept.insert(path, stamp.map(|at| stamps[at].1));
                }
                Step::Read(planned) => {
                    decisions.read.insert(planned.file.path, planned.indexed);
                }
                Step::Gone(path) => decisions.gone.push(path),
            }
            Ok(())
        },
    )
    .unwrap();
    assert!(totals.complete);
    assert_eq!(totals.walked, files.len());
    assert_eq!(totals.stamps, stamps.len());
    decisions
}

/// The simple form, as `krant index` planned before: maps of every path.
fn simple(
    files: &[WalkedFile],
    unreadable: &[String],
    catalog: &[CatalogEntry],
    stamps: &[(String, Stamp)],
) -> Decisions {
    let indexed: HashMap<&str, u64> = catalog.iter().map(|e| (e.path.as_str(), e.hash)).collect();
    let old_stamps: HashMap<&str, Stamp> = stamps.iter().map(|(p, s)| (p.as_str(), *s)).collect();
    let mut decisions = Decisions {
        warnings: unreadable.iter().cloned().collect(),
        ..Decisions::default()
    };
    for file in files {
        match (
            old_stamps.get(file.path.as_str()),
            indexed.get(file.path.as_str()),
        ) {
            (Some(stamp), Some(&hash))
                if stamp.size == file.size
                    && stamp.mtime_ns == file.mtime_ns
                    && stamp.hash == hash =>
            {
                decisions.unchanged.insert(file.path.clone());
            }
            _ => {
                decisions
                    .read
                    .insert(file.path.clone(), indexed.get(file.path.as_str()).copied());
            }
        }
    }
    let present: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for path in indexed.keys().filter(|p| !present.contains(*p)) {
        if unreadable.iter().any(|place| is_within(path, place)) {
            decisions
                .kept
                .insert((*path).to_owned(), old_stamps.get(path).copied());
        } else {
            decisions.gone.push((*path).to_owned());
        }
    }
    decisions.gone.sort();
    decisions
}

/// Names that sort around `/` and `.`: `a`, `a.txt`, `a-b.txt`, `a0.txt`, an accent.
fn name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "a", "a.txt", "a-b.txt", "a0.txt", "b", "b.txt", "é.txt", "z",
    ])
}

/// An archive and an index of it that drifted apart: paths of up to three levels; some
/// walked, some indexed, some stamped, some folders unreadable.
/// A walk, its unreadable places, a catalog and stamps.
type Case = (
    Vec<WalkedFile>,
    Vec<String>,
    Vec<CatalogEntry>,
    Vec<(String, Stamp)>,
);

fn case() -> impl Strategy<Value = Case> {
    let path = prop::collection::vec(name(), 1..4).prop_map(|names| {
        let mut path = names.join("/");
        if !path.ends_with(".txt") {
            path.push_str(".txt");
        }
        path
    });
    let folder = prop::collection::vec(name(), 0..3).prop_map(|names| names.join("/"));
    (
        prop::collection::btree_map(path, (any::<bool>(), any::<bool>(), 0..3u8, 0..3u8), 0..40),
        prop::collection::vec(folder, 0..2),
    )
        .prop_map(|(paths, unreadable)| {
            // Nested unreadable folders cannot happen: the walk never saw inside the outer one.
            let outer: Vec<String> = unreadable
                .iter()
                .filter(|place| {
                    !unreadable
                        .iter()
                        .any(|other| other != *place && is_within(place, other))
                })
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            // A path that is also a folder of another path is only a folder.
            let folders: BTreeSet<&str> = paths
                .keys()
                .flat_map(|p| p.match_indices('/').map(|(at, _)| &p[..at]))
                .collect();
            let mut files = Vec::new();
            let mut catalog = Vec::new();
            let mut stamps = Vec::new();
            for (path, (walked, indexed, stamp_kind, hash)) in &paths {
                if folders.contains(path.as_str()) {
                    continue;
                }
                // Nothing inside an unreadable folder is walked.
                let hidden = outer.iter().any(|place| is_within(path, place));
                let (size, mtime) = (path.len() as u64, 7);
                if *walked && !hidden {
                    files.push(file(path, size, mtime));
                }
                if *indexed {
                    catalog.push(entry(path, u64::from(*hash)));
                }
                let hash = u64::from(*hash);
                match stamp_kind {
                    0 => {}
                    1 => stamps.push((
                        path.clone(),
                        Stamp {
                            size,
                            mtime_ns: mtime,
                            hash,
                        },
                    )),
                    _ => stamps.push((
                        path.clone(),
                        Stamp {
                            size,
                            mtime_ns: mtime + 1,
                            hash,
                        },
                    )),
                }
            }
            (files, outer, catalog, stamps)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_streamed_plan_decides_as_the_maps_did((files, unreadable, catalog, stamps) in case()) {
        prop_assert_eq!(
            streamed(&files, &unreadable, &catalog, &stamps),
            simple(&files, &unreadable, &catalog, &stamps)
        );
    }
}

#[test]
fn a_path_indexed_twice_is_read_again_and_gone_once() {
    let stamp = Stamp {
        size: 1,
        mtime_ns: 1,
        hash: 5,
    };
    let decisions = streamed(
        &[file("a.txt", 1, 1)],
        &[],
        &[
            entry("a.txt", 5),
            entry("a.txt", 5),
            entry("b.txt", 6),
            entry("b.txt", 6),
        ],
        &[("a.txt".into(), stamp)],
    );
    assert_eq!(decisions.read.get("a.txt"), Some(&Some(5)));
    assert_eq!(decisions.gone, ["b.txt"]);
}

#[test]
fn an_unreadable_root_keeps_everything_and_a_stopped_walk_decides_nothing() {
    let decisions = streamed(
        &[],
        &[String::new()],
        &[entry("x/y.txt", 1), entry("z.txt", 2)],
        &[],
    );
    assert!(decisions.gone.is_empty());
    assert_eq!(decisions.kept.len(), 2);

    let mut steps = 0;
    let totals = plan(
        walk_items(&[file("a.txt", 1, 1)], &[]).into_iter(),
        [Ok(entry("b.txt", 1))].into_iter(),
        std::iter::empty(),
        || false,
        |_| {
            steps += 1;
            Ok(())
        },
    )
    .unwrap();
    assert!(!totals.complete);
    assert_eq!(steps, 0);
}

#[test]
fn a_walk_out_of_order_is_an_error() {
    let items = vec![
        WalkItem::File(file("b.txt", 1, 1)),
        WalkItem::File(file("a.txt", 1, 1)),
    ];
    let result = plan(
        items.into_iter(),
        std::iter::empty(),
        std::iter::empty(),
        || true,
        |_| Ok(()),
    );
    assert!(result.is_err());
}

#[test]
fn planned_files_round_trip_through_their_records() {
    let root = std::path::Path::new("/archief");
    for indexed in [None, Some(0), Some(u64::MAX)] {
        let file = WalkedFile {
            path: "2017/a b.txt".into(),
            size: 123,
            mtime_ns: -4,
        };
        let mut record = Vec::new();
        ToRead {
            file: file.clone(),
            indexed,
        }
        .encode(&mut record);
        let planned = Planned {
            file: file.under(root),
            indexed,
        };
        assert_eq!(planned.file.full_path, root.join("2017/a b.txt"));
        assert_eq!(Planned::decode(&record, root), Some(planned));
    }
    assert_eq!(Planned::decode(&[1, 2, 3], root), None);
}

#[test]
fn a_place_holds_itself_and_what_lies_under_it() {
    assert!(is_within("a/b.txt", "a"));
    assert!(is_within("a/b/c.txt", "a/b"));
    assert!(!is_within("ab/c.txt", "a"));
    assert!(is_within("x.txt", ""));
    assert!(is_within("x.txt", "x.txt"));
    assert!(!is_within("x.txt2", "x.txt"));
}
