//! Byte-identity of `descent run` over a fixed list of settings strings: every optimizer,
//! schedules, batches, noise, divergence, races and sweeps.
//!
//! `golden/runs.tsv` holds, per settings string and format (csv, json), the FNV-1a hash and
//! the length of the bytes `descent run` printed; a few small outputs are kept whole beside it
//! (`golden/*.csv`, `golden/*.json`) so that a failure can be read. Races and sweeps do not
//! change the main run's output, so their compared runs are hashed through the library too
//! (`race` and `sweep` rows). Every string spells its start, learning rate and step count, so
//! that changing a default elsewhere does not change what is checked here.
//!
//! A change that is meant to alter results re-records the file with
//! `DESCENT_BLESS=1 cargo test -p descent-cli --test settings_golden` and says why in its commit.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

use descent::compare::SweepRun;
use descent::Settings;

/// The settings strings checked, in a fixed order.
const CASES: &[&str] = &[
    // Every optimizer at its defaults and at other hyperparameters.
    "f=rosenbrock&opt=gd&lr=0.0013&x0=-1.3&y0=1.7&steps=300",
    "f=himmelblau&opt=gd&lr=0.017&x0=-0.3&y0=0.7&steps=150",
    "f=rosenbrock&opt=momentum&lr=0.0013&x0=-1.3&y0=1.7&steps=300",
    "f=ellipse&opt=momentum&lr=0.011&mom=0.55&x0=-1.9&y0=0.9&steps=200",
    "f=ellipse&opt=nesterov&lr=0.011&x0=-1.9&y0=0.9&steps=200",
    "f=booth&opt=nesterov&lr=0.013&mom=0.97&x0=-4.1&y0=3.9&steps=250",
    "f=beale&opt=adagrad&lr=0.31&x0=1.1&y0=1.3&steps=300",
    "f=beale&opt=adagrad&lr=0.47&eps=0.001&x0=1.1&y0=1.3&steps=300",
    "f=rosenbrock&opt=rmsprop&lr=0.0031&x0=-1.3&y0=1.7&steps=300",
    "f=rosenbrock&opt=rmsprop&lr=0.0029&rho=0.9&eps=0.0001&x0=-1.3&y0=1.7&steps=300",
    "f=himmelblau&opt=adadelta&lr=0.93&x0=-0.3&y0=0.7&steps=300",
    "f=himmelblau&opt=adadelta&lr=0.71&rho=0.5&eps=0.001&x0=-0.3&y0=0.7&steps=300",
    "f=rosenbrock&opt=adam&lr=0.047&x0=-1.3&y0=1.7&steps=700",
    "f=saddle&opt=adam&lr=0.011&b1=0&b2=0.99&x0=0.9&y0=0.0011&steps=300",
    "f=booth&opt=adamw&lr=0.097&x0=-4.1&y0=3.9&steps=300",
    "f=booth&opt=adamw&lr=0.097&b1=0.8&b2=0.99&eps=1e-6&wd=0.5&x0=-4.1&y0=3.9&steps=300",
    "f=six_hump_camel&opt=amsgrad&lr=0.031&x0=-1.4&y0=0.9&steps=300",
    "f=six_hump_camel&opt=amsgrad&lr=0.029&b1=0.95&b2=0.9&eps=1e-5&x0=-1.4&y0=0.9&steps=300",
    "f=rastrigin&opt=nadam&lr=0.021&x0=2.2&y0=-1.6&steps=300",
    "f=rastrigin&opt=nadam&lr=0.019&b1=0.7&b2=0.95&eps=0.0001&x0=2.2&y0=-1.6&steps=300",
    "f=rosenbrock&opt=newton&lr=0.97&x0=-1.3&y0=1.7&steps=100",
    "f=saddle&opt=newton&lr=0.51&x0=0.9&y0=0.3&steps=50",
    // A long Adam run, past the steps where the bias corrections reach 1.
    "f=quadratic&opt=adam&lr=0.0013&x0=1.4&y0=-0.9&steps=5000&tol=0",
    // Schedules.
    "f=ellipse&opt=gd&lr=0.031&sched=invsqrt&x0=-1.9&y0=0.9&steps=200",
    "f=ellipse&opt=momentum&lr=0.031&sched=exp&gamma=0.97&x0=-1.9&y0=0.9&steps=200",
    "f=rosenbrock&opt=adam&lr=0.05&sched=step&every=37&gamma=0.5&x0=-1.3&y0=1.7&steps=400",
    "f=himmelblau&opt=rmsprop&lr=0.05&sched=cosine&tmax=90&lrmin=0.001&x0=-0.3&y0=0.7&steps=300",
    // Data models, batches and data noise.
    "f=linreg&data=seed&opt=gd&lr=0.093&x0=0.3&y0=-0.2&steps=100",
    "f=linreg&data=line&n=57&noise=0.3&seed=7&opt=gd&lr=0.13&batch=mini&bs=5&x0=0.3&y0=-0.2&steps=200",
    "f=linreg&data=line&n=23&seed=3&opt=momentum&lr=0.021&batch=sgd&x0=0.3&y0=-0.2&steps=200",
    "f=logreg&data=blobs&n=61&seed=5&opt=adam&lr=0.053&batch=mini&bs=8&x0=0.3&y0=-0.2&steps=200",
    "f=linreg2&data=scales&n=41&seed=2&opt=gd&lr=0.00011&x0=0.3&y0=-0.2&steps=300",
    "f=linreg2&data=scales&n=41&seed=2&scale=standard&opt=nadam&lr=0.07&x0=0.3&y0=-0.2&steps=300",
    // Gradient noise.
    "f=quadratic&opt=gd&lr=0.07&gnoise=0.5&seed=11&x0=1.4&y0=-0.9&steps=200",
    "f=rosenbrock&opt=adagrad&lr=0.3&gnoise=2&seed=4&x0=-1.3&y0=1.7&steps=200",
    // 1-D landscapes and a custom formula.
    "f=double_well1d&opt=gd&lr=0.021&x0=1.9&y0=0&steps=200",
    "f=wavy1d&opt=momentum&lr=0.033&x0=-2.7&y0=0&steps=200",
    "f=custom&expr=sin(x)*cos(y)%2Bx%5E2%2F9&opt=adam&lr=0.07&x0=1.3&y0=0.4&steps=200",
    // Stopping rules and divergence.
    "f=quadratic&opt=gd&lr=1.1&x0=1.1&y0=1.1&steps=100000",
    "f=quadratic&opt=gd&lr=37&x0=1.1&y0=1.1&steps=1000",
    "f=rosenbrock&opt=momentum&lr=0.013&x0=-1.3&y0=1.7&steps=1000",
    "f=booth&opt=gd&lr=0.041&x0=-4.1&y0=3.9&steps=5000&tol=0.001",
    "f=booth&opt=gd&lr=0.041&x0=-4.1&y0=3.9&steps=5000&target=0.5",
    // Comparisons (the main run's output, the compared runs below).
    "f=rosenbrock&opt=gd&lr=0.0013&x0=-1.3&y0=1.7&steps=300&race=momentum(lr=0.0011,mom=0.8)~adam(lr=0.031)~newton~nadam(b1=0.8)",
    "f=ellipse&opt=gd&lr=0.031&x0=-1.9&y0=0.9&steps=200&lrs=0.0051,0.071",
    "f=quadratic&opt=gd&lr=0.03&x0=1.4&y0=-0.9&steps=300&sweep=0.001,2.5,9",
    "f=booth&opt=adam&lr=0.03&x0=-4.1&y0=3.9&steps=300&sweep=0.001,3,7&sweepy=steps&target=0.01",
];

/// Cases also kept whole (small outputs), by index in `CASES`.
const WHOLE: &[(usize, &str)] = &[(21, "newton-saddle"), (27, "linreg-seed"), (39, "diverge")];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// FNV-1a, 64 bits: small, stable and dependency-free.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn descent_run(settings: &str, format: &str) -> Vec<u8> {
    let o = Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(["run", settings, "--format", format])
        .output()
        .expect("the binary runs");
    assert!(
        o.status.success(),
        "{settings}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

/// The compared runs of a race or `lrs=` (each run's CSV) and a sweep's outcomes, as text.
fn comparisons(text: &str) -> Vec<(&'static str, String)> {
    let (settings, problems) = Settings::decode(text);
    assert!(problems.is_empty(), "{text}: {problems:?}");
    let mut out = Vec::new();
    let runs = settings.runs();
    if runs.len() > 1 {
        let mut all = String::new();
        for spec in &runs[1..] {
            let mut run = descent::Run::new(&spec.settings).expect("valid settings");
            run.run_to_end();
            writeln!(all, "{}", spec.label).unwrap();
            all.push_str(&descent::export::csv(&run));
        }
        out.push(("race", all));
    }
    if let Some(sweep) = &settings.sweep {
        let mut s = SweepRun::new(&settings, sweep);
        while !s.is_done() {
            s.advance(1000);
        }
        let mut all = String::new();
        for o in &s.outcomes {
            // Written as when the divergence was a phrase, so the recorded hashes still hold.
            let status = match &o.status {
                descent::Status::Diverged { step, what } => {
                    format!("Diverged {{ step: {step}, what: {:?} }}", what.to_string())
                }
                other => format!("{other:?}"),
            };
            writeln!(
                all,
                "{:x} {status} {:x} {:?}",
                o.lr.to_bits(),
                o.final_loss.to_bits(),
                o.reached
            )
            .unwrap();
        }
        out.push(("sweep", all));
    }
    out
}

fn table() -> String {
    let mut t = String::new();
    for (i, case) in CASES.iter().enumerate() {
        for format in ["csv", "json"] {
            let bytes = descent_run(case, format);
            writeln!(t, "{format}\t{:016x}\t{}\t{case}", fnv(&bytes), bytes.len()).unwrap();
            if let Some((_, name)) = WHOLE.iter().find(|(k, _)| *k == i) {
                let path = dir().join(format!("{name}.{format}"));
                if std::env::var_os("DESCENT_BLESS").is_some() {
                    std::fs::write(&path, &bytes).unwrap();
                } else {
                    let want = std::fs::read(&path).unwrap_or_default();
                    assert!(
                        want == bytes,
                        "{case} --format {format} differs from {}:\n{}",
                        path.display(),
                        String::from_utf8_lossy(&bytes)
                    );
                }
            }
        }
        for (kind, text) in comparisons(case) {
            writeln!(
                t,
                "{kind}\t{:016x}\t{}\t{case}",
                fnv(text.as_bytes()),
                text.len()
            )
            .unwrap();
        }
    }
    t
}

#[test]
fn every_recorded_setting_gives_the_same_bytes() {
    assert!(CASES.len() >= 40);
    let got = table();
    let path = dir().join("runs.tsv");
    if std::env::var_os("DESCENT_BLESS").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).expect("tests/golden/runs.tsv exists");
    let diffs: Vec<String> = want
        .lines()
        .zip(got.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("recorded {a}\n     now {b}"))
        .collect();
    assert!(
        diffs.is_empty() && want.lines().count() == got.lines().count(),
        "outputs changed:\n{}",
        diffs.join("\n")
    );
}
