//! The `descent` command: runs Descent settings natively and prints what the page would show.

mod map;
mod output;
mod render;

use std::io::{self, Write};
use std::process::ExitCode;

use descent::codec::{has_errors, Problem, Severity};
use descent::{Run, Settings};

const USAGE: &str = "\
descent: gradient descent on a loss landscape, as in the Descent playground.

Usage:
  descent run SETTINGS [--format csv|json]   run and print the trajectory
  descent check SETTINGS                     print the canonical settings and any problems
  descent map SETTINGS [--threads N]         run every cell of the link's map= (on every core) as CSV
  descent render SETTINGS -o FILE.svg|FILE.png [--view surface|3d|loss|data|map]
                 [--size WxH] [--step K]     draw the page's figure at step K (default: at=, else the end)
  descent render SETTINGS -o FILE.gif [--view …] [--size WxH] [--steps A..B] [--fps N]
                                             an animated GIF of steps A to B (default: the whole
                                             run; at most 200 frames, spread evenly), N frames a
                                             second (1 to 50, default 20); 640x480 unless --size
  descent session SETTINGS [--data FILE]     print the session file (JSON) of the settings and points
  descent list                               list landscapes, datasets, optimizers, schedules and keys
  descent help                               show this help

SETTINGS is a settings string such as 'f=rosenbrock&opt=adam&lr=0.05' or a whole share link.
Your own data (docs/data.md), for run, map, render and session:
  SETTINGS --data FILE     the points of a CSV or TSV file (x,y; x1,x2,y for linreg2;
                           header and delimiter detected) as data=custom of SETTINGS' model
  --session FILE           instead of SETTINGS: a session file (JSON of settings and points,
                           as the page saves it)
Links carry up to 500 points themselves: 'f=linreg&data=custom&pts=1,3;2,5;3,7'.
The status sentence of a run goes to stderr. Exit codes: 0 ok, 2 bad input.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("descent: {message}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode, String> {
    let Some(command) = args.first() else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    let rest = &args[1..];
    match command.as_str() {
        "run" => run(rest),
        "check" => check(rest),
        "render" => render_cmd(rest),
        "map" => map_cmd(rest),
        "session" => session_cmd(rest),
        "list" => {
            no_more(rest, 0)?;
            print_out(&output::list())?;
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            print_out(&format!("{USAGE}\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!(
            "unknown command '{other}'; expected run, check, map, render, session, list or help\n\n{USAGE}"
        )),
    }
}

/// Refuses arguments beyond the first `expected`.
fn no_more(rest: &[String], expected: usize) -> Result<(), String> {
    match rest.get(expected) {
        Some(extra) => Err(format!("unexpected argument '{extra}'; see 'descent help'")),
        None => Ok(()),
    }
}

fn settings_arg(rest: &[String]) -> Result<&str, String> {
    rest.first().map(String::as_str).ok_or_else(|| {
        "missing SETTINGS (a settings string or a link); see 'descent help'".to_string()
    })
}

/// A problem as one line: `error: …` or `warning: …`.
fn problem_line(p: &Problem) -> String {
    let label = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!("{label}: {p}")
}

/// Prints problems to stderr: errors and warnings alike.
fn report(problems: &[Problem]) {
    for p in problems {
        eprintln!("{}", problem_line(p));
    }
}

/// Where a command's settings come from: a settings string, with the points of a data
/// file, or a session file.
#[derive(Default)]
struct Input {
    settings: Option<String>,
    data: Option<String>,
    session: Option<String>,
}

impl Input {
    /// Takes `--data FILE` or `--session FILE` at `rest[i]`, or the settings string (the
    /// first argument not an option); returns how many arguments it took (0: not its own).
    fn take(&mut self, rest: &[String], i: usize) -> Result<usize, String> {
        let arg = rest[i].as_str();
        let value = rest.get(i + 1).cloned();
        match arg {
            "--data" | "--session" => {
                let v = value.ok_or_else(|| format!("{arg} needs a FILE; see 'descent help'"))?;
                let slot = if arg == "--data" {
                    &mut self.data
                } else {
                    &mut self.session
                };
                if slot.replace(v).is_some() {
                    return Err(format!("{arg} is given twice"));
                }
                Ok(2)
            }
            _ if i == 0 && !arg.starts_with("--") && !arg.starts_with("-o") => {
                self.settings = Some(arg.to_string());
                Ok(1)
            }
            _ => Ok(0),
        }
    }

    /// The settings and their problems, with the data file's or session's points; a file
    /// that cannot be read is the error, naming the file and the row and column.
    fn load(&self) -> Result<(Settings, Vec<Problem>), String> {
        match (&self.settings, &self.data, &self.session) {
            (None, _, None) => {
                Err("missing SETTINGS (a settings string or a link); see 'descent help'".into())
            }
            (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => Err(
                "--session FILE holds the settings and the points: give it alone, without \
                 SETTINGS or --data"
                    .into(),
            ),
            (None, None, Some(file)) => {
                let bytes = read_file(file)?;
                descent::session::read(&bytes).map_err(|d| format!("{file}: {d}"))
            }
            (Some(input), None, None) => Ok(Settings::decode(input)),
            (Some(input), Some(file), None) => {
                let (mut settings, mut problems) = Settings::decode(input);
                let descent::LandscapeKind::Model(model) = settings.f else {
                    return Err(format!(
                        "--data {file}: the points need a data model: f=linreg, logreg or linreg2"
                    ));
                };
                let bytes = read_file(file)?;
                if descent::session::is_session(&bytes) {
                    return Err(format!(
                        "{file} is a session file: run it with --session {file}"
                    ));
                }
                let table = descent::datafile::read_table(&bytes, model)
                    .map_err(|d| format!("{file}: {d}"))?;
                eprintln!(
                    "data: {} points from {file}: {}",
                    table.points.len(),
                    table.columns.summary()
                );
                problems.retain(|p| p.key != "pts" || p.severity == Severity::Error);
                problems.extend(descent::codec::set_points(&mut settings, table.points));
                Ok((settings, problems))
            }
        }
    }
}

/// A data or session file's bytes, refused by its size (from the file system) before any is
/// read.
fn read_file(file: &str) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read {file}: {e}"))?;
    if meta.is_dir() {
        return Err(format!("{file} is a folder, not a file"));
    }
    descent::datafile::check_size(meta.len()).map_err(|d| format!("{file}: {d}"))?;
    std::fs::read(file).map_err(|e| format!("cannot read {file}: {e}"))
}

fn run(rest: &[String]) -> Result<ExitCode, String> {
    let mut input = Input::default();
    let mut format = "csv";
    let mut i = 0;
    while i < rest.len() {
        let took = input.take(rest, i)?;
        if took > 0 {
            i += took;
            continue;
        }
        match rest[i].as_str() {
            "--format" => {
                format = match rest.get(i + 1).map(String::as_str) {
                    Some("csv") => "csv",
                    Some("json") => "json",
                    Some(other) => {
                        return Err(format!("unknown format '{other}'; expected csv or json"))
                    }
                    None => return Err("--format needs a value: csv or json".into()),
                };
                i += 2;
            }
            other => return Err(format!("unexpected argument '{other}'; see 'descent help'")),
        }
    }
    let (settings, problems) = input.load()?;
    report(&problems);
    if has_errors(&problems) {
        eprintln!("descent: the settings have errors; nothing was run");
        return Ok(ExitCode::from(2));
    }
    let mut run = Run::new(&settings).map_err(|e| e.to_string())?;
    run.run_to_end();
    let text = match format {
        "json" => descent::export::json(&run),
        _ => descent::export::csv(&run),
    };
    print_out(&text)?;
    eprintln!("{}", run.status().text());
    Ok(ExitCode::SUCCESS)
}

fn map_cmd(rest: &[String]) -> Result<ExitCode, String> {
    let mut input = Input::default();
    let mut threads = None;
    let mut i = 0;
    while i < rest.len() {
        let took = input.take(rest, i)?;
        if took > 0 {
            i += took;
            continue;
        }
        match (rest[i].as_str(), rest.get(i + 1)) {
            ("--threads", Some(v)) => {
                threads =
                    Some(v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        format!("bad --threads '{v}': expected a whole number ≥ 1")
                    })?)
            }
            ("--threads", None) => return Err("--threads needs a value; see 'descent help'".into()),
            (other, _) => return Err(format!("unexpected argument '{other}'; see 'descent help'")),
        }
        i += 2;
    }
    let (settings, problems) = input.load()?;
    report(&problems);
    if has_errors(&problems) {
        eprintln!("descent: the settings have errors; nothing was run");
        return Ok(ExitCode::from(2));
    }
    if settings.map.is_none() {
        return Err(
            "the settings have no map=; add one such as map=lr:1e-4:1:64,mom:0:0.99:64".into(),
        );
    }
    print_out(&map::csv(&settings, map::threads(threads))?)?;
    Ok(ExitCode::SUCCESS)
}

fn render_cmd(rest: &[String]) -> Result<ExitCode, String> {
    let mut input = Input::default();
    let mut out = None;
    let mut view = descent_figure::scene::View::Surface;
    let mut size = None;
    let mut step = None;
    let mut steps = None;
    let mut fps = None;
    let mut map_view = false;
    let mut i = 0;
    while i < rest.len() {
        let took = input.take(rest, i)?;
        if took > 0 {
            i += took;
            continue;
        }
        let value = rest.get(i + 1).map(String::as_str);
        match (rest[i].as_str(), value) {
            ("-o" | "--output", Some(v)) => out = Some(v.to_string()),
            ("--view", Some("map")) => map_view = true,
            ("--view", Some(v)) => {
                view = descent_figure::scene::View::from_name(v).ok_or_else(|| {
                    format!("unknown view '{v}'; expected surface, 3d, loss, data or map")
                })?
            }
            ("--size", Some(v)) => size = Some(render::parse_size(v)?),
            ("--steps", Some(v)) => steps = Some(render::parse_steps(v)?),
            ("--fps", Some(v)) => {
                fps = Some(
                    v.parse::<u32>()
                        .ok()
                        .filter(|f| descent_figure::anim::FPS_RANGE.contains(f))
                        .ok_or_else(|| {
                            format!("bad --fps '{v}': expected a whole number from 1 to 50")
                        })?,
                )
            }
            ("--step", Some(v)) => {
                step = Some(
                    v.parse::<usize>()
                        .map_err(|_| format!("bad --step '{v}': expected a whole number ≥ 0"))?,
                )
            }
            ("-o" | "--output" | "--view" | "--size" | "--step" | "--steps" | "--fps", None) => {
                return Err(format!("{} needs a value; see 'descent help'", rest[i]))
            }
            (other, _) => return Err(format!("unexpected argument '{other}'; see 'descent help'")),
        }
        i += 2;
    }
    let out = out.ok_or("missing -o FILE.svg, -o FILE.png or -o FILE.gif; see 'descent help'")?;
    let format = render::format_of(&out)?;
    let animated = format == render::Format::Gif;
    if !animated && (steps.is_some() || fps.is_some()) {
        return Err(
            "--steps and --fps are for an animated GIF (-o FILE.gif); use --step K for one step"
                .into(),
        );
    }
    if animated && step.is_some() {
        return Err("--step K draws one step; an animated GIF takes --steps A..B".into());
    }
    let (settings, problems) = input.load()?;
    report(&problems);
    if has_errors(&problems) {
        eprintln!("descent: the settings have errors; nothing was drawn");
        return Ok(ExitCode::from(2));
    }
    if map_view {
        if animated {
            return Err("--view map draws one picture; write it as .svg or .png".into());
        }
        if settings.map.is_none() {
            return Err(
                "--view map needs a map= in the settings, e.g. map=lr:1e-4:1:64,mom:0:0.99:64"
                    .into(),
            );
        }
        map::render(&settings, size.unwrap_or(format.default_size()), &out)?;
        eprintln!("wrote {out}");
        return Ok(ExitCode::SUCCESS);
    }
    let mut run = Run::new(&settings).map_err(|e| e.to_string())?;
    if let Some(problem) = descent_figure::scene::view_problem(&run, view) {
        return Err(problem);
    }
    run.run_to_end();
    // The runs compared with it (race=, lrs=), drawn with it as the page draws them; one
    // that cannot start is left out, as on the page.
    let mut specs = settings.runs().into_iter();
    let main_label = specs.next().map(|s| s.label).unwrap_or_default();
    let others: Vec<(String, Run)> = specs
        .filter_map(|spec| {
            let mut other = Run::new(&spec.settings).ok()?;
            other.run_to_end();
            Some((spec.label, other))
        })
        .collect();
    let runs: Vec<descent_figure::scene::LabelledRun> =
        std::iter::once(descent_figure::scene::LabelledRun {
            label: &main_label,
            run: &run,
        })
        .chain(
            others
                .iter()
                .map(|(label, run)| descent_figure::scene::LabelledRun { label, run }),
        )
        .collect();
    let last = render::last_point(&runs);
    render::render_to_file(
        &runs,
        &render::Request {
            view,
            size: size.unwrap_or(format.default_size()),
            steps: steps
                .map(|(a, b): (Option<usize>, Option<usize>)| (a.unwrap_or(0), b.unwrap_or(last))),
            fps: fps.unwrap_or(descent_figure::anim::DEFAULT_FPS),
            // Without --step, the step the link shows (at=), else the end.
            step: step.or(settings
                .at
                .map(|k| usize::try_from(k).unwrap_or(usize::MAX))),
            out: out.clone(),
        },
    )?;
    eprintln!("{}", run.status().text());
    eprintln!("wrote {out}");
    Ok(ExitCode::SUCCESS)
}

/// Prints the session file of the settings (and a data file's points), as the page saves it.
fn session_cmd(rest: &[String]) -> Result<ExitCode, String> {
    let mut input = Input::default();
    let mut i = 0;
    while i < rest.len() {
        match input.take(rest, i)? {
            0 => {
                return Err(format!(
                    "unexpected argument '{}'; see 'descent help'",
                    rest[i]
                ))
            }
            took => i += took,
        }
    }
    let (settings, problems) = input.load()?;
    report(&problems);
    if has_errors(&problems) {
        eprintln!("descent: the settings have errors; no session was written");
        return Ok(ExitCode::from(2));
    }
    print_out(&descent::session::write(&settings))?;
    Ok(ExitCode::SUCCESS)
}

fn check(rest: &[String]) -> Result<ExitCode, String> {
    let input = settings_arg(rest)?;
    no_more(rest, 1)?;
    let (settings, problems) = Settings::decode(input);
    print_out(&format!("{}\n", settings.encode()))?;
    for p in &problems {
        print_out(&format!("{}\n", problem_line(p)))?;
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// Writes to stdout; a closed pipe (`descent run … | head`) ends quietly instead of panicking.
fn print_out(text: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the output: {e}")),
    }
}
