//! Custom data in a link (`data=custom&pts=…`): the text form's exact round trip, bad points named by number, the limits, and runs of every data model on the user's points.

use descent::codec::{decode, encode, link_problem, set_points, set_value, Severity};
use descent::points::{MAX_LINK_POINTS, MIN_POINTS};
use descent::{DatasetKind, Detail, Points, Run};

#[test]
fn points_travel_in_the_link_bit_for_bit() {
    let link = "f=linreg&data=custom&pts=0.1,0.30000000000000004;-0,1e-300;2.5,-7";
    let (s, p) = decode(link);
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(s.dataset(), Some(DatasetKind::Custom));
    assert_eq!(s.sample_count(), 3);
    assert_eq!(encode(&s), link);
    let bits: Vec<u64> = s.pts.values().iter().map(|v| v.to_bits()).collect();
    let want: Vec<u64> = [0.1, 0.30000000000000004, -0.0, 1e-300, 2.5, -7.0]
        .iter()
        .map(|v: &f64| v.to_bits())
        .collect();
    assert_eq!(bits, want);
    // Spaces, a final `;` and a percent-encoded `;` read the same; the canonical form has none.
    let (t, p) = decode("f=linreg&data=custom&pts=0.1, 0.30000000000000004%3B -0,1e-300; 2.5,-7;");
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(encode(&t), link);
}

#[test]
fn bad_points_are_problems_named_by_number_and_the_rest_still_applies() {
    let (s, p) = decode("f=linreg&data=custom&pts=1,2;3,4;5,oops;7,8&lr=0.05&opt=adam");
    assert_eq!(s.lr, Some(0.05));
    assert_eq!(s.opt.name(), "adam");
    let bad = p
        .iter()
        .find(|p| p.key == "pts" && p.severity == Severity::Error)
        .unwrap();
    assert_eq!(bad.detail.code(), "point_not_a_number");
    assert_eq!(
        bad.to_string(),
        "pts=1,2;3,4;5,oops;7,8: point 3, number 2: “oops” is not a number; the default was used"
    );
    // The points are gone, and the model falls back to its own dataset (one problem only).
    assert!(s.pts.is_empty());
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(s.dataset(), Some(DatasetKind::Seed));
    assert_eq!(encode(&s), "f=linreg&opt=adam&lr=0.05");
    // Custom data given no points at all is kept (the page draws from nothing), with a
    // warning; its run is defined (a flat loss).
    let (s, p) = decode("f=linreg&data=custom");
    assert_eq!(p[0].detail.code(), "few_points");
    assert_eq!(p[0].severity, Severity::Warning);
    assert_eq!(s.dataset(), Some(DatasetKind::Custom));
    let mut run = Run::new(&s).unwrap();
    run.run_to_end();

    for (pts, code, point) in [
        ("1,2;3,1e400", "point_too_large", 2),
        ("1,2;NaN,3", "point_not_finite", 2),
        ("1,2;3,4;5", "point_ragged", 3),
        ("1,2,3,4", "point_numbers", 1),
    ] {
        let (_, p) = decode(&format!("f=linreg&data=custom&pts={pts}"));
        assert_eq!(p[0].detail.code(), code, "{pts}");
        let number = p[0]
            .detail
            .args()
            .into_iter()
            .find(|(k, _)| *k == "point")
            .unwrap()
            .1;
        assert_eq!(number, descent::problem::Arg::Count(point), "{pts}");
    }
}

#[test]
fn points_must_suit_the_model_else_its_own_dataset_is_used() {
    let (s, p) = decode("f=linreg2&data=custom&pts=1,2;3,4");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].detail.code(), "points_do_not_suit");
    assert_eq!(s.dataset(), Some(DatasetKind::Scales));
    assert_eq!(s.pts.len(), 2, "the points are kept for a model they suit");
    let (s, p) = decode("f=logreg&data=custom&pts=1,0;2,1;3,2");
    assert_eq!(
        p[0].detail,
        Detail::PointLabel {
            point: 3,
            value: "2".into()
        }
    );
    assert_eq!(s.dataset(), Some(DatasetKind::Blobs));
    // Changing the landscape to one the points do not suit is allowed; the data falls back.
    let (mut s, _) = decode("f=linreg&data=custom&pts=1,3;2,5");
    let p = set_value(&mut s, "f", "linreg2");
    assert_eq!(p[0].detail.code(), "points_do_not_suit");
    assert_eq!(s.dataset(), Some(DatasetKind::Scales));
}

#[test]
fn a_link_holds_at_most_500_points_and_says_what_to_do_instead() {
    let many: Vec<String> = (0..=MAX_LINK_POINTS)
        .map(|i| format!("{i},{}", 2 * i))
        .collect();
    let (s, p) = decode(&format!("f=linreg&data=custom&pts={}", many.join(";")));
    assert_eq!(
        p[0].detail,
        Detail::TooManyPoints {
            count: 501,
            max: 500
        }
    );
    assert!(p[0].to_string().contains("session file"), "{}", p[0]);
    assert!(s.pts.is_empty());
    let ok = many[..MAX_LINK_POINTS].join(";");
    let (s, p) = decode(&format!("f=linreg&data=custom&pts={ok}"));
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(s.sample_count(), 500);
    assert!(link_problem(&s).is_none());

    // More points come from a file or a session; the settings hold them, a link cannot.
    let values: Vec<f64> = (0..2000)
        .flat_map(|i| [i as f64, 0.5 * i as f64 + 1.0])
        .collect();
    let mut s = decode("f=linreg").0;
    assert!(set_points(&mut s, Points::new(2, values).unwrap()).is_empty());
    assert_eq!(s.sample_count(), 2000);
    assert_eq!(link_problem(&s).unwrap().detail.code(), "too_many_points");
}

#[test]
fn set_points_refuses_points_that_do_not_suit_and_warns_of_too_few() {
    let mut s = decode("f=linreg2").0;
    let before = s.clone();
    let p = set_points(&mut s, Points::parse("1,2;3,4").unwrap());
    assert_eq!(p[0].detail.code(), "points_do_not_suit");
    assert_eq!(s, before);
    let p = set_points(&mut s, Points::parse("1,2,3").unwrap());
    assert_eq!(
        p[0].detail,
        Detail::FewPoints {
            count: 1,
            min: MIN_POINTS
        }
    );
    assert_eq!(s.dataset(), Some(DatasetKind::Custom));
    assert!(set_points(&mut s, Points::parse("1,2,3;4,5,7;0,1,1").unwrap()).is_empty());
}

/// The custom points give the same run as the same samples built in: linreg on the worked
/// example's three points equals `data=seed` bit for bit, and every model runs on its own.
#[test]
fn runs_on_custom_points() {
    let trajectory = |link: &str| {
        let (s, p) = decode(link);
        assert!(p.is_empty(), "{link}: {p:?}");
        let mut run = Run::new(&s).unwrap();
        run.run_to_end();
        let t = run.trajectory();
        (0..t.len())
            .map(|k| [t.x[k].to_bits(), t.y[k].to_bits(), t.loss[k].to_bits()])
            .collect::<Vec<_>>()
    };
    assert_eq!(
        trajectory("f=linreg&data=custom&pts=1,3;2,5;3,7&lr=0.05&batch=sgd"),
        trajectory("f=linreg&data=seed&lr=0.05&batch=sgd")
    );
    let logreg =
        trajectory("f=logreg&data=custom&pts=-2,0;-1,0;0.5,0;-0.5,1;1,1;2,1&opt=adam&lr=0.1");
    assert!(logreg.len() > 10);
    let linreg2 = trajectory("f=linreg2&data=custom&pts=1,10,5;2,30,9;3,20,8;4,50,13&lr=0.0005");
    assert!(linreg2.len() > 10);
    // Standardising custom features works as for generated ones.
    let std =
        trajectory("f=linreg2&data=custom&pts=1,10,5;2,30,9;3,20,8;4,50,13&scale=standard&lr=0.1");
    assert_ne!(std, linreg2);
}

/// Custom data without points runs in every batch mode (no batch to draw: the full, zero,
/// gradient), and has no gradient cloud. Found by the codec's fuzz target.
#[test]
fn no_points_run_in_every_batch_mode() {
    for link in [
        "f=linreg2&data=custom&scale=standard&batch=mini",
        "f=linreg&data=custom&batch=sgd&cloud=on",
        "f=logreg&data=custom&batch=mini&cloud=on",
    ] {
        let (s, p) = decode(link);
        assert!(p.iter().all(|p| p.severity == Severity::Warning), "{p:?}");
        let mut run = Run::new(&s).unwrap();
        run.run(50);
        assert_eq!(run.gradient(0), [0.0, 0.0]);
        assert_eq!(run.batch_loss(0), 0.0);
        assert!(descent::cloud::Cloud::at(&run, 0).is_none(), "{link}");
    }
}
