//! The map lessons of the gallery (web/lessons.json, `map=`) show what their captions say: four basins on Himmelblau under gradient descent, momentum crossing into other basins, six on the six-hump camel under Adam.

use descent::mapper::{map_cells, Basin, Cell};
use descent::Settings;
use serde_json::Value;

const LESSONS: &str = include_str!("../../../web/lessons.json");

fn cells_of(id: &str) -> Vec<Cell> {
    let doc: Value = serde_json::from_str(LESSONS).unwrap();
    let lesson = doc["lessons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == id)
        .unwrap_or_else(|| panic!("no lesson {id}"));
    let (s, problems) = Settings::decode(lesson["settings"].as_str().unwrap());
    assert!(problems.is_empty(), "{id}: {problems:?}");
    assert!(s.map.is_some_and(|m| m.is_start()), "{id} maps the start");
    map_cells(&s, 2).unwrap()
}

fn share(cells: &[Cell], basin: Basin) -> f64 {
    cells.iter().filter(|c| c.basin == basin).count() as f64 / cells.len() as f64
}

#[test]
fn gradient_descent_on_himmelblau_has_four_basins() {
    let cells = cells_of("basins-gd");
    for i in 0..4 {
        let s = share(&cells, Basin::Minimum(i));
        assert!((0.2..0.3).contains(&s), "minimum {i}: {s}");
    }
}

#[test]
fn momentum_carries_runs_into_other_basins() {
    let gd = cells_of("basins-gd");
    let momentum = cells_of("basins-momentum");
    let moved = gd
        .iter()
        .zip(&momentum)
        .filter(|(a, b)| a.basin != b.basin)
        .count() as f64
        / gd.len() as f64;
    assert!(moved > 0.1, "only {moved} of the starts change basin");
    for i in 0..4 {
        assert!(share(&momentum, Basin::Minimum(i)) > 0.15, "minimum {i}");
    }
}

#[test]
fn adam_on_the_camel_finds_global_minima_only_from_the_middle() {
    let cells = cells_of("basins-camel-adam");
    for i in 0..6 {
        assert!(share(&cells, Basin::Minimum(i)) > 0.05, "minimum {i}");
    }
    let global = share(&cells, Basin::Minimum(0)) + share(&cells, Basin::Minimum(1));
    assert!((0.3..0.5).contains(&global), "global share {global}");
}
