//! Numbers for people and for JSON: counts with their noun, shares rounded to four
//! significant digits.

/// `n` and the noun for it: "1 group", "2 groups".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A share in percent (or a rate) to 4 significant digits: 33.33, 0.03125 (a rare
/// word's share is not rounded away to 0.00).
pub fn round_share(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(3 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// A share for people: one decimal from 1% up, two significant digits below (0.031%).
pub fn percent(share: f64) -> String {
    format!("{}%", figure(share))
}

/// A share or rate for people: one decimal from 1 up, two significant digits below.
pub fn figure(value: f64) -> String {
    if value >= 1.0 || value == 0.0 {
        format!("{value:.1}")
    } else {
        let decimals = (1 - value.log10().floor() as i32).max(1) as usize;
        format!("{value:.decimals$}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_keep_rare_words_visible() {
        assert_eq!(round_share(100.0 / 3.0), 33.33);
        assert_eq!(round_share(0.031_25), 0.031_25);
        assert_eq!(round_share(0.003_141_59), 0.003_142);
        assert_eq!(round_share(0.0), 0.0);
        assert_eq!(percent(100.0), "100.0%");
        assert_eq!(percent(12.345), "12.3%");
        assert_eq!(percent(0.031_25), "0.031%");
        assert_eq!(percent(0.5), "0.50%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(figure(431.25), "431.2");
    }
}
