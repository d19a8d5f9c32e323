//! A [`Chart`] as SVG 1.1, written by hand: bars for one series, lines for several.
//!
//! Hand-written rather than drawn with `plotters`: the same chart took fewer lines here
//! and added less to the binary (BENCHMARKS.md, "Pictures"). The output is a pure
//! function of the chart: numbers are printed with fixed decimals, nothing depends on
//! time, locale or hashing, so the same counts give the same bytes. Only presentation
//! attributes are used (no CSS), which Inkscape and every browser read alike.

use std::fmt::Write;

use super::{Chart, Scale, XAxis, escape_markup, x_axis};

/// The drawing's width; its height follows from the legend.
const WIDTH: f64 = 800.0;
const PLOT_LEFT: f64 = 76.0;
const PLOT_RIGHT: f64 = WIDTH - 24.0;
const PLOT_TOP: f64 = 64.0;
const PLOT_BOTTOM: f64 = 324.0;
/// Height of a legend row.
const LEGEND_ROW: f64 = 20.0;
/// A 12px sans-serif character's width, about: enough to lay out a legend.
const CHAR_WIDTH: f64 = 6.8;
/// Legend names longer than this are cut (with `…`).
const MAX_NAME_CHARS: usize = 40;

/// Okabe and Ito's colours, told apart with colour blindness; each series also has its
/// own dash pattern and marker, so a grey print tells them apart too.
const COLOURS: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];
const DASHES: [&str; 7] = ["", "9 4", "2 3", "10 3 2 3", "5 5", "14 3 2 3 2 3", "1 3"];

/// The marker shapes, in series order.
#[derive(Debug, Clone, Copy)]
enum Marker {
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
    Plus,
    Cross,
}

const MARKERS: [Marker; 7] = [
    Marker::Circle,
    Marker::Square,
    Marker::TriangleUp,
    Marker::Diamond,
    Marker::TriangleDown,
    Marker::Plus,
    Marker::Cross,
];

/// A number for a coordinate: one decimal, without a trailing `.0`.
fn num(x: f64) -> String {
    let s = format!("{x:.1}");
    match s.strip_suffix(".0") {
        Some(whole) if whole != "-0" => whole.to_owned(),
        Some(_) => "0".to_owned(),
        None => s,
    }
}

/// The chart as a standalone SVG 1.1 file (XML declaration, namespace, size).
pub fn document(chart: &Chart) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
    out.push_str(&element(chart, true));
    out
}

/// The chart as an `<svg>` element to put inside HTML; `namespace` adds `xmlns`, which
/// a standalone file needs and HTML does not.
pub fn element(chart: &Chart, namespace: bool) -> String {
    let periods = chart.periods();
    let series = chart.series.iter().filter(|s| !s.points.is_empty());
    let lines = chart.series.len() > 1;
    let legend = if lines {
        legend_layout(chart)
    } else {
        Vec::new()
    };
    let legend_rows = legend.last().map_or(0, |item| item.1 + 1);
    let height = PLOT_BOTTOM + 52.0 + legend_rows as f64 * LEGEND_ROW + 8.0;
    let mut out = String::new();
    let xmlns = if namespace {
        " xmlns=\"http://www.w3.org/2000/svg\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<svg{xmlns} version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">",
        w = num(WIDTH),
        h = num(height)
    );
    let title = escape_markup(&chart.title);
    let subtitle = escape_markup(&chart.subtitle);
    let _ = writeln!(out, "<title>{title}</title>\n<desc>{subtitle}</desc>");
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        num(WIDTH),
        num(height)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{title}</text>",
        num(PLOT_LEFT)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"44\" fill=\"#444444\">{subtitle}</text>",
        num(PLOT_LEFT)
    );
    let scale = Scale::new(chart.max_value(), 5, !chart.relative);
    y_axis(&mut out, chart, &scale);
    let slot = (PLOT_RIGHT - PLOT_LEFT) / periods.len().max(1) as f64;
    x_axis_marks(&mut out, chart, &periods, slot);
    let y = |v: f64| PLOT_BOTTOM - (v / scale.top).clamp(0.0, 1.0) * (PLOT_BOTTOM - PLOT_TOP);
    if periods.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444444\">no periods in this range</text>",
            num((PLOT_LEFT + PLOT_RIGHT) / 2.0),
            num((PLOT_TOP + PLOT_BOTTOM) / 2.0)
        );
    } else if lines {
        for (i, s) in series.enumerate() {
            draw_line(&mut out, i, &s.points, slot, &y);
        }
        draw_legend(&mut out, chart, &legend);
    } else if let Some(s) = chart.series.first() {
        draw_bars(&mut out, chart, &s.points, slot, &y);
    }
    out.push_str("</svg>\n");
    out
}

/// Grid lines, tick labels and the axis' name.
fn y_axis(out: &mut String, chart: &Chart, scale: &Scale) {
    for tick in scale.ticks() {
        let y = PLOT_BOTTOM - tick / scale.top * (PLOT_BOTTOM - PLOT_TOP);
        let _ = writeln!(
            out,
            "<line x1=\"{l}\" y1=\"{y}\" x2=\"{r}\" y2=\"{y}\" stroke=\"#dddddd\" stroke-width=\"1\"/>\
             <text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>",
            l = num(PLOT_LEFT),
            r = num(PLOT_RIGHT),
            y = num(y),
            tx = num(PLOT_LEFT - 6.0),
            ty = num(y + 4.0),
            label = scale.label(tick, chart.percent)
        );
    }
    let middle = num((PLOT_TOP + PLOT_BOTTOM) / 2.0);
    let _ = writeln!(
        out,
        "<text x=\"16\" y=\"{middle}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {middle})\">{}</text>",
        escape_markup(&chart.y_label)
    );
}

/// The axis line, ticks and labels under the plot, and the axis' name.
fn x_axis_marks(out: &mut String, chart: &Chart, periods: &[&str], slot: f64) {
    let (bottom, left, right) = (num(PLOT_BOTTOM), num(PLOT_LEFT), num(PLOT_RIGHT));
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#000000\" stroke-width=\"1\"/>"
    );
    let tick = |out: &mut String, x: f64| {
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{bottom}\" x2=\"{x}\" y2=\"{}\" stroke=\"#000000\" stroke-width=\"1\"/>",
            num(PLOT_BOTTOM + 5.0),
            x = num(x)
        );
    };
    let label = |out: &mut String, x: f64, text: &str| {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(x),
            num(PLOT_BOTTOM + 19.0),
            escape_markup(text)
        );
    };
    match x_axis(periods) {
        XAxis::Groups(groups) => {
            for (first, len, name) in groups {
                let start = PLOT_LEFT + first as f64 * slot;
                tick(out, start);
                match name {
                    Some(name) => label(out, start + len as f64 * slot / 2.0, &name),
                    None => out.push('\n'),
                }
            }
            tick(out, PLOT_RIGHT);
            out.push('\n');
        }
        XAxis::Points(points) => {
            for (i, name) in points {
                let x = PLOT_LEFT + (i as f64 + 0.5) * slot;
                tick(out, x);
                label(out, x, &name);
            }
        }
    }
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        num((PLOT_LEFT + PLOT_RIGHT) / 2.0),
        num(PLOT_BOTTOM + 40.0),
        escape_markup(&chart.x_label)
    );
}

/// One bar per period (a period without a value gets an empty one, so that the bars
/// count the periods), each with its value as a tooltip.
fn draw_bars(
    out: &mut String,
    chart: &Chart,
    points: &[(String, Option<f64>)],
    slot: f64,
    y: &dyn Fn(f64) -> f64,
) {
    let gap = if slot >= 4.0 { slot * 0.15 } else { 0.0 };
    out.push_str("<g fill=\"#0072B2\">\n");
    for (i, (period, value)) in points.iter().enumerate() {
        let top = value.map_or(PLOT_BOTTOM, y);
        let shown = match value {
            Some(v) if chart.percent => format!("{v:.4}%"),
            Some(v) if chart.relative => format!("{v:.4}"),
            Some(v) => format!("{v}"),
            None => "no articles".to_owned(),
        };
        let _ = writeln!(
            out,
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {shown}</title></rect>",
            num(PLOT_LEFT + i as f64 * slot + gap / 2.0),
            num(top),
            num(slot - gap),
            num(PLOT_BOTTOM - top),
            escape_markup(period)
        );
    }
    out.push_str("</g>\n");
}

/// A series as a polyline (broken where there is no value) with a marker every few
/// periods, in the series' colour, dash pattern and marker.
fn draw_line(
    out: &mut String,
    index: usize,
    points: &[(String, Option<f64>)],
    slot: f64,
    y: &dyn Fn(f64) -> f64,
) {
    let colour = COLOURS[index % COLOURS.len()];
    let dash = DASHES[index % DASHES.len()];
    let marker = MARKERS[(index + index / MARKERS.len()) % MARKERS.len()];
    let mut path = String::new();
    let mut pen_down = false;
    for (i, (_, value)) in points.iter().enumerate() {
        match value {
            Some(v) => {
                let command = if pen_down { 'L' } else { 'M' };
                let x = PLOT_LEFT + (i as f64 + 0.5) * slot;
                let _ = write!(path, "{command}{} {}", num(x), num(y(*v)));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let dash_attribute = if dash.is_empty() {
        String::new()
    } else {
        format!(" stroke-dasharray=\"{dash}\"")
    };
    let _ = writeln!(
        out,
        "<path class=\"series\" d=\"{path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dash_attribute} stroke-linejoin=\"round\"/>"
    );
    // About 12 markers a line, at the same periods for every series.
    let every = points.len().div_ceil(12).max(1);
    let _ = write!(
        out,
        "<g class=\"markers\" fill=\"{colour}\" stroke=\"{colour}\">"
    );
    for (i, (_, value)) in points.iter().enumerate() {
        if let (true, Some(v)) = (i % every == every / 2, value) {
            draw_marker(out, marker, PLOT_LEFT + (i as f64 + 0.5) * slot, y(*v));
        }
    }
    out.push_str("</g>\n");
}

fn draw_marker(out: &mut String, marker: Marker, x: f64, y: f64) {
    let r = 4.0;
    let points = |out: &mut String, corners: &[(f64, f64)]| {
        let list: Vec<String> = corners
            .iter()
            .map(|(dx, dy)| format!("{},{}", num(x + dx), num(y + dy)))
            .collect();
        let _ = write!(out, "<polygon points=\"{}\"/>", list.join(" "));
    };
    let strokes = |out: &mut String, a: [(f64, f64); 2], b: [(f64, f64); 2]| {
        let _ = write!(
            out,
            "<path d=\"M{} {}L{} {}M{} {}L{} {}\" stroke-width=\"2\"/>",
            num(x + a[0].0),
            num(y + a[0].1),
            num(x + a[1].0),
            num(y + a[1].1),
            num(x + b[0].0),
            num(y + b[0].1),
            num(x + b[1].0),
            num(y + b[1].1)
        );
    };
    match marker {
        Marker::Circle => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"/>",
                num(x),
                num(y),
                num(r)
            );
        }
        Marker::Square => points(out, &[(-r, -r), (r, -r), (r, r), (-r, r)]),
        Marker::TriangleUp => points(out, &[(0.0, -r - 1.0), (r, r), (-r, r)]),
        Marker::Diamond => points(out, &[(0.0, -r - 1.0), (r, 0.0), (0.0, r + 1.0), (-r, 0.0)]),
        Marker::TriangleDown => points(out, &[(0.0, r + 1.0), (r, -r), (-r, -r)]),
        Marker::Plus => strokes(out, [(-r, 0.0), (r, 0.0)], [(0.0, -r), (0.0, r)]),
        Marker::Cross => strokes(out, [(-r, -r), (r, r)], [(-r, r), (r, -r)]),
    }
}

/// Each series' legend entry: (x, row, shown name), filling rows left to right.
fn legend_layout(chart: &Chart) -> Vec<(f64, usize, String)> {
    let mut items = Vec::new();
    let (mut x, mut row) = (PLOT_LEFT, 0);
    for s in &chart.series {
        let mut name: String = s.name.chars().take(MAX_NAME_CHARS).collect();
        if s.name.chars().count() > MAX_NAME_CHARS {
            name.push('…');
        }
        let width = 36.0 + name.chars().count() as f64 * CHAR_WIDTH + 24.0;
        if x > PLOT_LEFT && x + width > PLOT_RIGHT {
            x = PLOT_LEFT;
            row += 1;
        }
        items.push((x, row, name));
        x += width;
    }
    items
}

/// Each series' sample (line, dash and marker) and name, under the x axis' name.
fn draw_legend(out: &mut String, chart: &Chart, items: &[(f64, usize, String)]) {
    for (i, ((x, row, name), _)) in items.iter().zip(&chart.series).enumerate() {
        let y = PLOT_BOTTOM + 64.0 + *row as f64 * LEGEND_ROW;
        let colour = COLOURS[i % COLOURS.len()];
        let dash = DASHES[i % DASHES.len()];
        let dash_attribute = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        let _ = write!(
            out,
            "<g class=\"legend\"><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"{dash_attribute}/>\
             <g fill=\"{colour}\" stroke=\"{colour}\">",
            num(*x),
            num(x + 30.0),
            y = num(y - 4.0)
        );
        let marker = MARKERS[(i + i / MARKERS.len()) % MARKERS.len()];
        draw_marker(out, marker, x + 15.0, y - 4.0);
        let _ = writeln!(
            out,
            "</g><text x=\"{}\" y=\"{}\">{}</text></g>",
            num(x + 36.0),
            num(y),
            escape_markup(name)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Series;

    fn chart(names: &[&str], months: usize, relative: bool) -> Chart {
        Chart {
            title: "Articles matching <b>&'x'".to_owned(),
            subtitle: "2014-06 to 2019-12".to_owned(),
            x_label: "month".to_owned(),
            y_label: "articles".to_owned(),
            relative,
            percent: relative,
            series: names
                .iter()
                .enumerate()
                .map(|(k, name)| Series {
                    name: (*name).to_owned(),
                    points: (0..months)
                        .map(|i| {
                            let label = format!("{}-{:02}", 2014 + (i + 5) / 12, (i + 5) % 12 + 1);
                            let value = ((i * 7919 + k * 31) % 97) as f64;
                            (label, (i % 13 != 5).then_some(value))
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn the_same_chart_gives_the_same_bytes() {
        let c = chart(&["kalifaat", "mosul"], 67, true);
        assert_eq!(document(&c), document(&c.clone()));
        assert!(document(&c).starts_with("<?xml version=\"1.0\""));
    }

    #[test]
    fn one_series_is_bars_and_several_are_distinguished_lines() {
        let one = document(&chart(&["kalifaat"], 67, false));
        assert_eq!(one.matches("class=\"bar\"").count(), 67);
        assert_eq!(one.matches("class=\"series\"").count(), 0);
        let three = document(&chart(&["a", "b", "c"], 67, false));
        assert_eq!(three.matches("class=\"series\"").count(), 3);
        assert_eq!(three.matches("class=\"legend\"").count(), 3);
        assert_eq!(three.matches("class=\"bar\"").count(), 0);
        // Not by colour alone: the second and third lines are dashed differently.
        assert!(three.contains("stroke-dasharray=\"9 4\""));
        assert!(three.contains("stroke-dasharray=\"2 3\""));
        assert!(three.contains("<polygon"), "square and triangle markers");
    }

    #[test]
    fn archive_text_cannot_add_markup() {
        let svg = document(&chart(&["</text><script>alert(1)</script>"], 3, false));
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("Articles matching &lt;b&gt;&amp;&#39;x&#39;"));
    }

    #[test]
    fn numbers_are_short_and_fixed() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.26), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(0.06), "0.1");
    }
}
