//! Generates a deterministic synthetic archive of Dutch news articles for the benchmark.
//!
//! Words are drawn from a real Dutch vocabulary with its real (Zipf-like) frequencies
//! (`bench/export_words.py`), sentences get capitals and punctuation, and proper nouns
//! and acronyms from news about the Middle East, Belgium and the Netherlands are mixed
//! in. Article sizes are log-normal (median about 2.5 KB, 300 B to 30 KB), months are
//! spread over 2014–2019, one folder per year, with file names and headers like the real
//! articles (` date YYYY-MM Title…`).
//!
//!     cargo run --release --example gen_archive -- WORDS.tsv OUT_DIR ARTICLES [SEED]

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// SplitMix64: small, fast, and the same on every platform, so a seed names one archive.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

const NAMES: &[&str] = &[
    "Mosul",
    "Raqqa",
    "Bagdad",
    "Irak",
    "Syrië",
    "België",
    "Oekraïne",
    "Turkije",
    "Brussel",
    "Den Haag",
    "Amsterdam",
    "Rotterdam",
    "Antwerpen",
    "Rutte",
    "Merkel",
    "Trump",
    "Poetin",
    "Erdogan",
    "Assad",
    "al-Baghdadi",
    "Koerden",
    "Europa",
    "Rusland",
    "Duitsland",
    "Frankrijk",
    "Parijs",
    "Londen",
    "Washington",
    "Groningen",
    "Ter Apel",
    "Aleppo",
    "Damascus",
    "Kiev",
];
const ACRONYMS: &[&str] = &[
    "IS", "NAVO", "EU", "VN", "VS", "VVD", "PVV", "CDA", "D66", "PvdA", "KNMI", "COA", "NOS",
];

struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    fn load(path: &str) -> Vocabulary {
        let text = fs::read_to_string(path).expect("read the word list");
        let mut words = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        for line in text.lines() {
            let Some((word, freq)) = line.split_once('\t') else {
                continue;
            };
            let Ok(freq) = freq.parse::<f64>() else {
                continue;
            };
            total += freq;
            words.push(word.to_owned());
            cumulative.push(total);
        }
        for c in &mut cumulative {
            *c /= total;
        }
        Vocabulary { words, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let u = rng.unit();
        let i = self.cumulative.partition_point(|&c| c < u);
        &self.words[i.min(self.words.len() - 1)]
    }
}

fn sentence(vocab: &Vocabulary, rng: &mut Rng, out: &mut String) {
    let len = 6 + rng.below(18);
    for i in 0..len {
        let roll = rng.unit();
        let word: String = if roll < 0.025 {
            NAMES[rng.below(NAMES.len())].to_owned()
        } else if roll < 0.035 {
            ACRONYMS[rng.below(ACRONYMS.len())].to_owned()
        } else if roll < 0.04 {
            // Numbers as the news writes them.
            match rng.below(3) {
                0 => format!("{}", 2 + rng.below(98)),
                1 => format!("{}.{:03}", 1 + rng.below(99), rng.below(1000)),
                _ => format!("{},{}", rng.below(10), rng.below(10)),
            }
        } else {
            vocab.sample(rng).to_owned()
        };
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(&word);
        }
        if i + 1 < len && rng.unit() < 0.07 {
            out.push(',');
        }
    }
    out.push(match rng.below(20) {
        0 => '?',
        1 => ':',
        _ => '.',
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: gen_archive WORDS.tsv OUT_DIR ARTICLES [SEED]");
        std::process::exit(2);
    }
    let vocab = Vocabulary::load(&args[1]);
    let out_dir = PathBuf::from(&args[2]);
    let articles: usize = args[3].parse().expect("ARTICLES is a number");
    let seed: u64 = args
        .get(4)
        .map_or(42, |s| s.parse().expect("SEED is a number"));
    let mut rng = Rng(seed);
    let (mut bytes, mut words) = (0usize, 0usize);
    for n in 0..articles {
        let year = 2014 + rng.below(6);
        let month = 1 + rng.below(12);
        // Log-normal size: median 2.5 KB, sigma 0.75 (mean about 3.3 KB).
        let target = (2500.0 * (0.75 * rng.normal()).exp()).clamp(300.0, 30_000.0) as usize;
        let mut text = format!(" date {year}-{month:02} ");
        sentence(&vocab, &mut rng, &mut text);
        text.push_str("\n\n");
        while text.len() < target {
            for _ in 0..(2 + rng.below(5)) {
                sentence(&vocab, &mut rng, &mut text);
                text.push(' ');
            }
            text.pop();
            text.push_str("\n\n");
        }
        let text = text.trim_end();
        words += text.split_whitespace().count() - 2;
        bytes += text.len();
        let dir = out_dir.join(year.to_string());
        fs::create_dir_all(&dir).expect("create the year folder");
        let name = format!("{n:06}_{:016x}.txt", rng.next());
        let mut file = BufWriter::new(fs::File::create(dir.join(name)).expect("create article"));
        file.write_all(text.as_bytes()).expect("write article");
    }
    eprintln!(
        "{articles} articles, {:.1} MB, {:.1} million words in {}",
        bytes as f64 / 1e6,
        words as f64 / 1e6,
        out_dir.display()
    );
}
