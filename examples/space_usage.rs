//! Where an index's bytes go, per component and field (a tool for the benchmark).
//!
//!     cargo run --release --example space_usage -- INDEX_DIR

fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let index = tantivy::Index::open_in_dir(&dir).unwrap();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let usage = searcher.space_usage().unwrap();
    let mut totals: std::collections::BTreeMap<String, u64> = Default::default();
    for seg in usage.segments() {
        let add = |t: &mut std::collections::BTreeMap<String, u64>, k: String, v: u64| {
            *t.entry(k).or_default() += v
        };
        for (name, u) in [
            ("postings", seg.postings()),
            ("positions", seg.positions()),
            ("termdict", seg.termdict()),
            ("fieldnorms", seg.fieldnorms()),
            ("fast", seg.fast_fields()),
        ] {
            for fu in u.fields() {
                add(
                    &mut totals,
                    format!("{name} {}", fu.field_name()),
                    fu.total().get_bytes(),
                );
            }
        }
        add(&mut totals, "store".into(), seg.store().total().get_bytes());
    }
    let sum: u64 = totals.values().sum();
    for (k, v) in &totals {
        println!(
            "{:>10.2} MB {:>5.1}%  {k}",
            *v as f64 / 1e6,
            100.0 * *v as f64 / sum as f64
        );
    }
    println!("{:>10.2} MB total", sum as f64 / 1e6);
}
