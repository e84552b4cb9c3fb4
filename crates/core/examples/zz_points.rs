use descent::*;
fn main() {
    let values: Vec<f64> = (0..200_000)
        .map(|i| ((i % 1000) as f64) / 100.0 - 5.0 + (i as f64).sin())
        .collect();
    let t = std::time::Instant::now();
    let p = Points::new(2, values).unwrap();
    println!("Points::new {:?}", t.elapsed());
    let (mut s, _) = Settings::decode("f=linreg");
    let t = std::time::Instant::now();
    let probs = codec::set_points(&mut s, p);
    println!("set_points {:?} {}", t.elapsed(), probs.len());
    let t = std::time::Instant::now();
    let _ = s.run_only() == s.clone();
    println!("same_run {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let r = Run::new(&s).unwrap();
    println!("Run::new {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = codec::validate(&s);
    println!("validate {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = r.objective().minima();
    println!("minima {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = s.samples();
    println!("samples {:?}", t.elapsed());
}
