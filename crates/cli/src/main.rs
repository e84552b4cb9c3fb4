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
  descent list                               list landscapes, datasets, optimizers, schedules and keys
  descent help                               show this help

SETTINGS is a settings string such as 'f=rosenbrock&opt=adam&lr=0.05' or a whole share link.
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
            "unknown command '{other}'; expected run, check, map, render, list or help\n\n{USAGE}"
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

fn run(rest: &[String]) -> Result<ExitCode, String> {
    let input = settings_arg(rest)?;
    let mut format = "csv";
    let mut i = 1;
    while i < rest.len() {
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
    let (settings, problems) = Settings::decode(input);
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
    let input = settings_arg(rest)?;
    let mut threads = None;
    let mut i = 1;
    while i < rest.len() {
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
    let (settings, problems) = Settings::decode(input);
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
    let input = settings_arg(rest)?;
    let mut out = None;
    let mut view = descent_figure::scene::View::Surface;
    let mut size = None;
    let mut step = None;
    let mut steps = None;
    let mut fps = None;
    let mut map_view = false;
    let mut i = 1;
    while i < rest.len() {
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
    let (settings, problems) = Settings::decode(input);
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
    let last = run.trajectory().len().saturating_sub(1);
    render::render_to_file(
        &run,
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
