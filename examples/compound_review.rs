//! Lists the most frequent words of the lexicon that krant splits as compounds, with their
//! parts, for the review behind `data/lexicon/compounds.tsv` (words that are not
//! transparent compounds). Verbs are not split and are left out.
//!
//!     cargo run --release --example compound_review -- [COUNT] > splits.tsv

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(3000);
    let mut lemmas = krant::analysis::lexicon_lemmas();
    lemmas.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut shown = 0;
    for (lemma, zipf10, verb) in lemmas {
        if shown == count {
            break;
        }
        if verb {
            continue;
        }
        if let Some(parts) = krant::analysis::compound_split(&lemma) {
            println!(
                "{:.1}\t{lemma}\t{}",
                f64::from(zipf10) / 10.0,
                parts.join(" + ")
            );
            shown += 1;
        }
    }
}
