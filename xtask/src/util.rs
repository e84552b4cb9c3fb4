//! Shared helpers: project paths, the tool environment, and running commands with timeouts.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::Result;

/// The workspace root (the parent of `xtask/`).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Where the pinned tools are installed: `$TOOLS_DIR`, else `$HOME/.cache/descent-tools`.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("TOOLS_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| OsString::from("."));
    Path::new(&home).join(".cache").join("descent-tools")
}

/// Puts the tool folders first on PATH and sets the variables every child process needs.
///
/// Called once at start-up, before any thread exists, so child processes inherit it all.
pub fn prepare_env() {
    let mut paths = vec![
        tools_dir().join("bin"),
        project_root().join("node_modules").join(".bin"),
    ];
    if let Some(old) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&old));
    }
    if let Ok(joined) = std::env::join_paths(paths) {
        std::env::set_var("PATH", joined);
    }
    std::env::set_var("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    if std::env::var_os("CHROMEDRIVER").is_none() && Path::new("/usr/bin/chromedriver").exists() {
        std::env::set_var("CHROMEDRIVER", "/usr/bin/chromedriver");
    }
}

/// The cargo that runs us (`$CARGO`), so nested builds use the same toolchain.
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(cargo);
    cmd.current_dir(project_root());
    cmd
}

/// A command that runs in the project root.
pub fn cmd(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(project_root());
    cmd
}

/// The command line as text, for logs.
pub fn display(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Runs a command with inherited output; fails if it does not exit successfully.
pub fn run(mut cmd: Command) -> Result<()> {
    println!("$ {}", display(&cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{}`: {e}", display(&cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", display(&cmd)).into())
    }
}

/// The first line of `program --version`, or `None` when it cannot run.
pub fn version_of(program: &Path) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    Some(text.lines().next().unwrap_or("").trim().to_string())
}

/// Whether `program` is found on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

/// What happened to a command run by [`run_logged`].
pub struct Outcome {
    /// The exit status, or `None` if it could not start or was killed at the timeout.
    pub status: Option<ExitStatus>,
    /// Whether the timeout killed it.
    pub timed_out: bool,
    /// Everything it printed (stdout and stderr interleaved).
    pub output: String,
    /// How long it ran.
    pub elapsed: Duration,
}

impl Outcome {
    /// Whether the command exited successfully.
    pub fn success(&self) -> bool {
        self.status.is_some_and(|s| s.success())
    }
}

/// Runs a command, echoing and capturing its output, and kills its whole process tree
/// after `timeout`.
///
/// The child stays in our process group, so Ctrl-C still reaches it; on a timeout its
/// descendants are found through /proc and killed by pid.
pub fn run_logged(mut cmd: Command, timeout: Duration) -> Outcome {
    println!("$ {}", display(&cmd));
    let start = Instant::now();
    let failed = |msg: String| {
        println!("{msg}");
        Outcome {
            status: None,
            timed_out: false,
            output: msg,
            elapsed: start.elapsed(),
        }
    };
    let (reader, writer) = match std::io::pipe() {
        Ok(pair) => pair,
        Err(e) => return failed(format!("could not create a pipe: {e}")),
    };
    let writer2 = match writer.try_clone() {
        Ok(w) => w,
        Err(e) => return failed(format!("could not clone a pipe: {e}")),
    };
    cmd.stdin(Stdio::null()).stdout(writer2).stderr(writer);
    let spawned = cmd.spawn();
    // The Command holds the pipe's write ends; drop it so the reader sees end-of-file.
    let shown = display(&cmd);
    drop(cmd);
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => return failed(format!("could not start `{shown}`: {e}")),
    };
    let captured = Arc::new(Mutex::new(String::new()));
    let (done_tx, done_rx) = mpsc::channel();
    let sink = Arc::clone(&captured);
    thread::spawn(move || {
        let mut lines = BufReader::new(reader);
        let mut line = Vec::new();
        while lines.read_until(b'\n', &mut line).unwrap_or(0) > 0 {
            let text = String::from_utf8_lossy(&line);
            print!("{text}");
            let _ = std::io::stdout().flush();
            if let Ok(mut all) = sink.lock() {
                all.push_str(&text);
            }
            line.clear();
        }
        let _ = done_tx.send(());
    });
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() >= timeout => {
                timed_out = true;
                println!(
                    "xtask: `{shown}` timed out after {} s; killing it",
                    timeout.as_secs()
                );
                kill_tree(child.id());
                let _ = child.wait();
                break None;
            }
            Ok(None) => thread::sleep(Duration::from_millis(100)),
            Err(_) => break None,
        }
    };
    // A stray grandchild (say, a server left running) may still hold the pipe open after
    // the child exits; don't wait for it forever.
    let _ = done_rx.recv_timeout(Duration::from_secs(10));
    let output = captured.lock().map(|s| s.clone()).unwrap_or_default();
    Outcome {
        status,
        timed_out,
        output,
        elapsed: start.elapsed(),
    }
}

/// Kills a running child `pid` and all its descendants (found through /proc), by pid.
///
/// Each process is stopped as soon as it is found, so none can fork while the tree is
/// walked; then all are killed. Only call this on a child that has not been reaped yet.
pub fn kill_tree(pid: u32) {
    let signal = |sig: &str, victim: u32| {
        let _ = Command::new("kill")
            .args([sig, &victim.to_string()])
            .stderr(Stdio::null())
            .status();
    };
    signal("-STOP", pid);
    let mut victims = vec![pid];
    let mut frontier = vec![pid];
    while let Some(parent) = frontier.pop() {
        for child in children_of(parent) {
            signal("-STOP", child);
            victims.push(child);
            frontier.push(child);
        }
    }
    for &victim in victims.iter().rev() {
        signal("-KILL", victim);
    }
}

/// The pids whose parent is `pid`, read from /proc (Linux only; empty elsewhere).
fn children_of(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&p| {
            std::fs::read_to_string(format!("/proc/{p}/stat"))
                .ok()
                .and_then(|stat| {
                    // Fields after the parenthesised command name: state, ppid, ...
                    let rest = &stat[stat.rfind(')')? + 1..];
                    rest.split_whitespace().nth(1)?.parse::<u32>().ok()
                })
                == Some(pid)
        })
        .collect()
}

/// The size of `path` compressed with `gzip -9`, in bytes.
pub fn gzip_size(path: &Path) -> Result<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed on {}", path.display()).into());
    }
    Ok(out.stdout.len() as u64)
}

/// Seconds with one decimal, for logs.
pub fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::run_logged;
    use std::process::Command;
    use std::time::Duration;

    #[test]
    fn timeout_kills_grandchildren_too() {
        // The grandchild `sleep` holds the output pipe; if it survived, this would hang.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo started; sleep 30 & sleep 30; echo never"]);
        let out = run_logged(cmd, Duration::from_millis(500));
        assert!(out.timed_out);
        assert!(!out.success());
        assert!(out.output.contains("started"));
        assert!(!out.output.contains("never"));
        assert!(
            out.elapsed < Duration::from_secs(5),
            "took {:?}",
            out.elapsed
        );
    }

    #[test]
    fn captures_stdout_and_stderr() {
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "echo out; echo err >&2; exit 3"]);
        let out = run_logged(cmd, Duration::from_secs(20));
        assert!(!out.timed_out);
        assert_eq!(out.status.and_then(|s| s.code()), Some(3));
        assert!(out.output.contains("out\n") && out.output.contains("err\n"));
    }
}
