use plotters::prelude::*;

fn main() {
    let values: Vec<(u32, f64)> = (0..120).map(|i| (i, ((i * 7919) % 97) as f64)).collect();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (800, 400)).into_drawing_area();
        root.fill(&WHITE).unwrap();
        let mut chart = ChartBuilder::on(&root)
            .caption("kalifaat, 2014-01 to 2019-12", ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0u32..120u32, 0f64..100f64)
            .unwrap();
        chart.configure_mesh().x_desc("month").y_desc("articles").draw().unwrap();
        chart
            .draw_series(LineSeries::new(values.iter().copied(), &BLACK))
            .unwrap()
            .label("kalifaat")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK));
        chart.draw_series(values.iter().map(|&(x, y)| Circle::new((x, y), 3, BLACK.filled()))).unwrap();
        chart.configure_series_labels().border_style(BLACK).draw().unwrap();
        root.present().unwrap();
    }
    println!("{svg}");
}
