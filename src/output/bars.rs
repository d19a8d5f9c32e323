//! Terminal charts from Unicode blocks: horizontal bars and sparklines.

/// Eighth blocks, from one eighth to a full cell.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// Sparkline levels, lowest to highest.
const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A bar `value / max` of `width` cells, with eighth-cell precision. Any value above zero
/// shows at least a sliver, so small counts are not mistaken for zeros.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if value <= 0.0 || max <= 0.0 || width == 0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (width * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// One character per value, scaled to `max` (the largest value of every row, so that
/// rows compare); zeros show as a space.
pub fn sparkline(values: &[f64], max: f64) -> String {
    values
        .iter()
        .map(|&v| {
            if v <= 0.0 || max <= 0.0 {
                ' '
            } else {
                let level = ((v / max) * 7.0).round() as usize;
                LEVELS[level.min(7)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_maximum() {
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██");
        assert_eq!(bar(1.0, 16.0, 4), "▎");
        assert_eq!(bar(0.01, 100.0, 4), "▏");
        assert_eq!(bar(0.0, 10.0, 4), "");
        assert_eq!(bar(3.0, 0.0, 4), "");
    }

    #[test]
    fn sparklines_show_relative_height_and_blank_zeros() {
        assert_eq!(sparkline(&[0.0, 1.0, 7.0, 3.5], 7.0), " ▂█▅");
        assert_eq!(sparkline(&[0.0, 1.0, 3.5], 7.0), " ▂▅");
        assert_eq!(sparkline(&[0.0, 0.0], 0.0), "  ");
        assert_eq!(sparkline(&[], 1.0), "");
    }
}
