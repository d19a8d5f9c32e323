//! In-process search latency: opens an index once and times `Searcher::search` (top 10
//! with snippets, as `krant search` prints them) for each query, many times.
//!
//!     cargo run --release --example search_latency -- INDEX_DIR RUNS 'query' 'query --from 2017 --to 2017' …
//!
//! Prints one TSV line per query: query, median µs, p95 µs, total hits.

use std::path::Path;
use std::time::Instant;

use krant::config::month_range;
use krant::index::{KrantIndex, Searcher};
use krant::query::{self, Query, Selection, Sort};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: search_latency INDEX_DIR RUNS QUERY…");
        std::process::exit(2);
    }
    let mut searcher = Searcher::new(KrantIndex::open(Path::new(&args[1]))?)?;
    let runs: usize = args[2].parse()?;
    println!("query\tmedian_us\tp95_us\ttotal");
    for spec in &args[3..] {
        // `text --from A --to B`: the same month range as the whole-process runs.
        let (text, range) = match spec.split_once(" --from ") {
            Some((text, rest)) => {
                let (from, to) = rest.split_once(" --to ").unwrap_or((rest, rest));
                (text, month_range(Some(from), Some(to))?)
            }
            None => (spec.as_str(), month_range(None, None)?),
        };
        let query = Query {
            selection: Selection {
                text: text.to_owned(),
                expr: query::parse(text)?,
                range,
            },
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
        };
        let mut total = 0;
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let start = Instant::now();
                let hits = searcher.search(&query, true).expect("search");
                total = hits.total;
                start.elapsed().as_secs_f64() * 1e6
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let pick = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!("{spec}\t{:.0}\t{:.0}\t{total}", pick(0.5), pick(0.95));
    }
    Ok(())
}
