//! Where a fresh `krant search` process spends its time after start-up: opening the
//! index, preparing the searcher, the first search (cold: every page of the index and of
//! the code touched for the first time) and the same search again (warm).
//!
//!     for i in $(seq 40); do target/release/examples/search_phases INDEX_DIR jaar 2017; done
//!
//! Prints one line per run, in µs: open, searcher, query, first search, second search,
//! then the hits of both. The optional third argument is a month range `FROM[:TO]`.

use std::path::Path;
use std::time::Instant;

use krant::config::month_range;
use krant::index::{KrantIndex, Searcher};
use krant::query::{self, Query, Selection, Sort};

fn main() -> anyhow::Result<()> {
    let start = Instant::now();
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: search_phases INDEX_DIR QUERY [FROM[:TO]]");
        std::process::exit(2);
    }
    let index = KrantIndex::open(Path::new(&args[1]))?;
    let opened = start.elapsed();
    let mut searcher = Searcher::new(index)?;
    let prepared = start.elapsed();
    let range = match args.get(3) {
        Some(spec) => {
            let (from, to) = spec.split_once(':').unwrap_or((spec, spec));
            month_range(Some(from), Some(to))?
        }
        None => month_range(None, None)?,
    };
    let query = Query {
        selection: Selection {
            text: args[2].clone(),
            expr: query::parse(&args[2])?,
            range,
        },
        sort: Sort::Relevance,
        limit: 10,
        offset: 0,
    };
    let parsed = start.elapsed();
    let first = searcher.search(&query, true)?;
    let searched = start.elapsed();
    let second = searcher.search(&query, true)?;
    let again = start.elapsed();
    println!(
        "{}\t{}\t{}\t{}\t{}\t{}",
        opened.as_micros(),
        (prepared - opened).as_micros(),
        (parsed - prepared).as_micros(),
        (searched - parsed).as_micros(),
        (again - searched).as_micros(),
        first.total + second.total
    );
    Ok(())
}
