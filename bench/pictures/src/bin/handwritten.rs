#[path = "../../../../src/chart/mod.rs"]
#[allow(dead_code)]
mod chart;

fn main() {
    let points: Vec<(String, Option<f64>)> = (0..120u32)
        .map(|i| (format!("{}-{:02}", 2010 + i / 12, i % 12 + 1), Some(((i * 7919) % 97) as f64)))
        .collect();
    let c = chart::Chart {
        title: "kalifaat".into(),
        subtitle: "2010-01 to 2019-12".into(),
        x_label: "month".into(),
        y_label: "articles".into(),
        relative: false,
        series: vec![
            chart::Series { name: "kalifaat".into(), points: points.clone() },
            chart::Series { name: "mosul".into(), points },
        ],
    };
    println!("{}", chart::svg::document(&c));
}
