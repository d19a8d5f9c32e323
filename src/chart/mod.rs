//! Charts as plain data, and their axes: what `svg` draws, knowing nothing of the index.
//!
//! A chart is a title, axis labels and named series of (period label, value) points.
//! One series is drawn as bars, several as lines; values are counts or, for a relative
//! chart, percentages.

pub mod svg;

/// A chart of values per period.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The first line: what is counted (the query, the measure).
    pub title: String,
    /// The second line: the range, and whatever else identifies the figure.
    pub subtitle: String,
    /// Under the x axis: `month`, `quarter`, `year`.
    pub x_label: String,
    /// Beside the y axis: `articles`, `% of all articles`, …
    pub y_label: String,
    /// Whether the values are ratios (shares or rates), so ticks may be fractions.
    pub relative: bool,
    /// Whether the values are percentages (the ticks and labels then say `%`).
    pub percent: bool,
    /// The series, in legend order; all have the same periods, in order.
    pub series: Vec<Series>,
}

/// One named series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's name (a query).
    pub name: String,
    /// (period label, value) in order; `None` where there is no value (a share of a
    /// period without articles): a gap, not a zero.
    pub points: Vec<(String, Option<f64>)>,
}

impl Chart {
    /// The period labels of the x axis: those of the longest series.
    pub fn periods(&self) -> Vec<&str> {
        self.series
            .iter()
            .max_by_key(|s| s.points.len())
            .map(|s| s.points.iter().map(|(p, _)| p.as_str()).collect())
            .unwrap_or_default()
    }

    /// The highest value of any series (0 without values).
    pub fn max_value(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.points.iter().filter_map(|(_, v)| *v))
            .filter(|v| v.is_finite())
            .fold(0.0, f64::max)
    }
}

/// The y axis: ticks from 0 to `top` every `step`, printed with `decimals`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The value at the top of the axis (a multiple of `step`).
    pub top: f64,
    /// The distance between ticks: 1, 2, 2.5 or 5 times a power of ten.
    pub step: f64,
    /// Decimals a tick label needs to tell ticks apart.
    pub decimals: usize,
}

impl Scale {
    /// At most about `target` ticks over 0..`max` at round numbers; counts (`whole`)
    /// never get a step below 1.
    pub fn new(max: f64, target: usize, whole: bool) -> Scale {
        let max = if max.is_finite() && max > 0.0 {
            max
        } else {
            1.0
        };
        let raw = max / target.max(1) as f64;
        let mut exponent = raw.log10().floor() as i32;
        let fraction = raw / 10f64.powi(exponent);
        let (nice, quarter) = match fraction {
            f if f <= 1.0 => (1.0, false),
            f if f <= 2.0 => (2.0, false),
            f if f <= 2.5 => (2.5, true),
            f if f <= 5.0 => (5.0, false),
            _ => {
                exponent += 1;
                (1.0, false)
            }
        };
        let mut step = nice * 10f64.powi(exponent);
        let mut decimals = (i32::from(quarter) - exponent).max(0) as usize;
        if whole && step < 1.0 {
            step = 1.0;
            decimals = 0;
        }
        // A hair under a multiple counts as it (0.30000000000000004 / 0.1).
        let top = (max / step - 1e-9).ceil().max(1.0) * step;
        Scale {
            top,
            step,
            decimals,
        }
    }

    /// The tick values from 0 to `top`, computed as multiples (no summed drift).
    pub fn ticks(&self) -> Vec<f64> {
        let count = (self.top / self.step).round() as usize;
        (0..=count).map(|i| i as f64 * self.step).collect()
    }

    /// A tick's label: `1200`, `2.5`, `0.25%`.
    pub fn label(&self, value: f64, percent: bool) -> String {
        let decimals = self.decimals;
        let number = format!("{value:.decimals$}");
        if percent { number + "%" } else { number }
    }
}

/// How the x axis is labelled: ticks between groups of periods (years of months or
/// quarters) with the group's name centred under it, or ticks at chosen periods.
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    /// Groups `(first index, length, label)`; only some may carry a label.
    Groups(Vec<(usize, usize, Option<String>)>),
    /// Labels at period indices.
    Points(Vec<(usize, String)>),
}

/// At most this many labels fit under a chart.
const MAX_X_LABELS: usize = 15;

/// The x axis for these period labels: every period up to 12, else years (the part
/// before `-`) for months and quarters, else every k-th period (k 2, 5, 10, …).
pub fn x_axis(periods: &[&str]) -> XAxis {
    let n = periods.len();
    if n <= 12 {
        return XAxis::Points(
            periods
                .iter()
                .enumerate()
                .map(|(i, p)| (i, (*p).to_owned()))
                .collect(),
        );
    }
    let year = |p: &str| p.split_once('-').map(|(y, _)| y.to_owned());
    if periods.iter().all(|p| year(p).is_some()) {
        let mut groups: Vec<(usize, usize, Option<String>)> = Vec::new();
        for (i, p) in periods.iter().enumerate() {
            match groups.last_mut() {
                Some((_, len, label)) if *label == year(p) => *len += 1,
                _ => groups.push((i, 1, year(p))),
            }
        }
        let every = thinning(groups.len());
        let full = groups.iter().map(|g| g.1).max().unwrap_or(1);
        for (k, group) in groups.iter_mut().enumerate() {
            // A stub of a year at either end is too narrow for its label.
            if k % every != 0 || group.1 * 3 < full {
                group.2 = None;
            }
        }
        return XAxis::Groups(groups);
    }
    let every = thinning(n);
    XAxis::Points(
        periods
            .iter()
            .enumerate()
            .filter(|(i, _)| i % every == 0)
            .map(|(i, p)| (i, (*p).to_owned()))
            .collect(),
    )
}

/// The smallest of 1, 2, 5, 10, 20, 50, … that leaves at most [`MAX_X_LABELS`] of `n`.
fn thinning(n: usize) -> usize {
    let mut base = 1;
    loop {
        for k in [1, 2, 5] {
            if n.div_ceil(k * base) <= MAX_X_LABELS {
                return k * base;
            }
        }
        base *= 10;
    }
}

/// `text` for XML and HTML: `&<>"'` as references, and the control characters XML 1.0
/// forbids (an archive's stray bytes, a query's tab) as U+FFFD, so that a hostile title
/// or query can neither add markup nor make the file unreadable.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_stop_at_round_numbers() {
        let s = Scale::new(87.0, 5, true);
        assert_eq!((s.top, s.step, s.decimals), (100.0, 20.0, 0));
        assert_eq!(s.ticks(), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let s = Scale::new(3.0, 5, true);
        assert_eq!((s.top, s.step), (3.0, 1.0));
        let s = Scale::new(0.0, 5, true);
        assert_eq!((s.top, s.step), (1.0, 1.0));
        let s = Scale::new(1.2, 5, false);
        assert_eq!((s.top, s.step, s.decimals), (1.25, 0.25, 2));
        assert_eq!(s.label(0.75, true), "0.75%");
        let s = Scale::new(12.0, 5, false);
        assert_eq!((s.top, s.step, s.decimals), (12.5, 2.5, 1));
        assert_eq!(s.label(10.0, true), "10.0%");
        // The top may be a hair off (0.30000000000000004); its label is not.
        let s = Scale::new(0.3, 3, false);
        assert_eq!((s.step, s.decimals, s.ticks().len()), (0.1, 1, 4));
        assert_eq!(s.label(s.top, false), "0.3");
        let s = Scale::new(4321.0, 5, true);
        assert_eq!((s.top, s.step), (5000.0, 1000.0));
    }

    #[test]
    fn long_month_axes_are_labelled_by_year() {
        let months: Vec<String> = (2014..=2019)
            .flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}")))
            .skip(5)
            .collect();
        let periods: Vec<&str> = months.iter().map(String::as_str).collect();
        let XAxis::Groups(groups) = x_axis(&periods) else {
            panic!("months are grouped by year");
        };
        assert_eq!(groups[0], (0, 7, Some("2014".to_owned())));
        assert_eq!(groups[1], (7, 12, Some("2015".to_owned())));
        assert_eq!(groups.len(), 6);
        let short = ["2017-01", "2017-02", "2017-03"];
        assert_eq!(
            x_axis(&short),
            XAxis::Points(vec![
                (0, "2017-01".into()),
                (1, "2017-02".into()),
                (2, "2017-03".into())
            ])
        );
        let years: Vec<String> = (1950..2020).map(|y| y.to_string()).collect();
        let periods: Vec<&str> = years.iter().map(String::as_str).collect();
        let XAxis::Points(labels) = x_axis(&periods) else {
            panic!("years are points");
        };
        assert_eq!(labels.len(), 14);
        assert_eq!(labels[1], (5, "1955".to_owned()));
    }

    #[test]
    fn markup_is_escaped_and_forbidden_characters_replaced() {
        assert_eq!(
            escape_markup("<script>alert('x')</script> & \"q\"\u{1b}\0"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\u{FFFD}\u{FFFD}"
        );
    }
}
