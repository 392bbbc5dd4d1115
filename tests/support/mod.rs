//! Shared helpers for the real-tool tests: root check, commands with
//! timeouts, temp dirs, golden scenarios, artifact lookup, kernel state.
//!
//! Each test file takes what it needs with `mod support;`; not every file
//! uses every helper.
#![allow(dead_code)]

pub mod container;
pub mod kernel;
pub mod netns;
pub mod readers;
pub mod stacks;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use wizard::catalog::Method;
use wizard::plan::{validate, Plan};
use wizard::render::{render, Artifact, ArtifactKind, Rendering, StepKind};

/// Whether the real-tool tests may run. Not root: a loud skip, or a failure
/// when `CI=true` (CI runs as root, so a skip there would hide a broken set-up).
///
/// They also run only when `SIW_REAL_TOOLS=1` (the README's test command sets
/// it), so a plain `cargo test` stays fast; without it they skip loudly.
pub fn require_root(test: &str) -> bool {
    if !real_tools_enabled(test) {
        return false;
    }
    let uid = Command::new("id").arg("-u").output().map(|o| o.stdout).unwrap_or_default();
    if String::from_utf8_lossy(&uid).trim() == "0" {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{test}: the real-tool tests need root and CI=true forbids skipping them");
    }
    eprintln!("\n!!!!!!!! SKIPPED {test}: not root; the real-tool checks did NOT run !!!!!!!!\n");
    false
}

/// Whether `SIW_REAL_TOOLS=1` asks for the slow real-tool tests; says so loudly when not.
pub fn real_tools_enabled(test: &str) -> bool {
    if std::env::var("SIW_REAL_TOOLS").as_deref() == Ok("1") {
        return true;
    }
    eprintln!(
        "\n!!!!!!!! SKIPPED {test}: set SIW_REAL_TOOLS=1 (scripts/test.sh does) to run the real-tool checks !!!!!!!!\n"
    );
    false
}

/// What a finished command left behind.
#[derive(Debug)]
pub struct Ran {
    /// Exit code (`None`: killed, e.g. on timeout).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Whether it was killed for running too long.
    pub timed_out: bool,
    /// How long it ran.
    pub took: Duration,
}

impl Ran {
    /// Exit code 0 and not timed out.
    pub fn ok(&self) -> bool {
        self.code == Some(0) && !self.timed_out
    }

    /// Both streams, for failure messages.
    pub fn output(&self) -> String {
        let mut s = String::new();
        if self.timed_out {
            s.push_str(&format!("(killed after {:?})\n", self.took));
        }
        s.push_str(&format!("rc={:?}\n", self.code));
        if !self.stdout.trim().is_empty() {
            s.push_str("--- stdout\n");
            s.push_str(&self.stdout);
        }
        if !self.stderr.trim().is_empty() {
            s.push_str("--- stderr\n");
            s.push_str(&self.stderr);
        }
        s
    }
}

/// Runs a command with no stdin, killing its whole process group after `limit`.
pub fn run(cmd: &mut Command, limit: Duration) -> Ran {
    use std::os::unix::process::CommandExt;
    let start = Instant::now();
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Ran {
                code: Some(127),
                stdout: String::new(),
                stderr: format!("cannot start {cmd:?}: {e}"),
                timed_out: false,
                took: start.elapsed(),
            }
        }
    };
    let mut out = child.stdout.take().map(reader_thread);
    let mut err = child.stderr.take().map(reader_thread);
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) if start.elapsed() > limit => {
                timed_out = true;
                let _ = Command::new("kill").arg("-KILL").arg(format!("-{}", child.id())).status();
                let _ = child.kill();
                break child.wait().ok();
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let join = |h: Option<std::thread::JoinHandle<String>>| {
        h.and_then(|h| h.join().ok()).unwrap_or_default()
    };
    Ran {
        code: status.and_then(|s| s.code()),
        stdout: join(out.take()),
        stderr: join(err.take()),
        timed_out,
        took: start.elapsed(),
    }
}

fn reader_thread<R: Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// `sh -c SCRIPT` with a timeout.
pub fn sh(script: &str, limit: Duration) -> Ran {
    run(Command::new("sh").arg("-c").arg(script), limit)
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A name unique in this machine for this run: `PREFIX-PID-N`.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst))
}

/// A temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh empty directory under the system temp dir.
    pub fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(unique(&format!("siw-{tag}-")));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("mkdir {}: {e}", p.display()));
        TempDir(p)
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A path inside it.
    pub fn join(&self, rel: impl AsRef<Path>) -> PathBuf {
        self.0.join(rel)
    }

    /// Writes a file (parents created) with a mode.
    pub fn write(&self, rel: impl AsRef<Path>, content: &str, mode: u32) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let p = self.0.join(rel.as_ref().strip_prefix("/").unwrap_or(rel.as_ref()));
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir {}: {e}", dir.display()));
        }
        std::fs::write(&p, content).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
        let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode));
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::env::var_os("SIW_KEEP_TMP").is_none() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// One golden scenario: its folder name and validated plan.
pub struct Scenario {
    /// The folder name under `tests/golden`.
    pub name: String,
    /// The plan its `form.txt` validates to.
    pub plan: Plan,
}

/// The folder of the golden scenarios (`SIW_GOLDEN_DIR` overrides).
pub fn golden_root() -> PathBuf {
    std::env::var_os("SIW_GOLDEN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden"))
}

/// Every golden scenario whose form validates, in name order
/// (`SIW_GOLDEN_DIR` points at another folder of scenarios). A form that
/// does not validate is reported on stderr and left out (the golden tests
/// cover those). Panics when there is none at all: that would test nothing.
pub fn scenarios() -> Vec<Scenario> {
    let root = golden_root();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("form.txt")) else { continue };
        let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shared = wizard::share::from_lines(&text);
        match validate(&shared.form) {
            Ok(plan) => out.push(Scenario { name, plan }),
            Err(problems) => eprintln!(
                "note: golden scenario {name} does not validate, not applied: {problems:?}"
            ),
        }
    }
    assert!(!out.is_empty(), "no valid golden scenario under {}", root.display());
    out
}

/// Every (scenario, Linux method of its OS) pair, optionally only some methods.
pub fn linux_cases(only: &[Method]) -> Vec<(Scenario, Method)> {
    let mut out = Vec::new();
    for s in scenarios() {
        for &m in s.plan.os.methods() {
            if !m.is_windows() && (only.is_empty() || only.contains(&m)) {
                out.push((Scenario { name: s.name.clone(), plan: s.plan.clone() }, m));
            }
        }
    }
    out
}

/// The artifacts of one step, in order.
pub fn step_artifacts(r: &Rendering, kind: StepKind) -> Vec<&Artifact> {
    r.step(kind).map(|s| s.artifacts.iter().collect()).unwrap_or_default()
}

/// The file artifacts of one step.
pub fn step_files(r: &Rendering, kind: StepKind) -> Vec<&Artifact> {
    step_artifacts(r, kind)
        .into_iter()
        .filter(|a| matches!(a.kind, ArtifactKind::File { .. }))
        .collect()
}

/// The shell command artifacts of one step.
pub fn step_commands(r: &Rendering, kind: StepKind) -> Vec<&Artifact> {
    step_artifacts(r, kind)
        .into_iter()
        .filter(|a| matches!(a.kind, ArtifactKind::Commands) && a.lang == wizard::render::Lang::Sh)
        .collect()
}

/// Renders and prefixes every message with the case.
pub fn rendered(s: &Scenario, m: Method) -> Rendering {
    render(&s.plan, m)
}

/// The file mode of a file artifact.
pub fn mode_of(a: &Artifact) -> u32 {
    match a.kind {
        ArtifactKind::File { mode, .. } => mode,
        _ => 0o644,
    }
}

/// Commands as a user runs them as root: `sudo ` dropped at the start of a
/// line and after `|`, `&&`, `;`.
pub fn strip_sudo(commands: &str) -> String {
    commands
        .lines()
        .map(|l| {
            let mut l = l.to_owned();
            for sep in ["| ", "&& ", "; ", "|| ", "$(", "then ", "do "] {
                l = l.replace(&format!("{sep}sudo "), sep);
            }
            let t = l.trim_start();
            if let Some(rest) = t.strip_prefix("sudo ") {
                let indent = &l[..l.len() - t.len()];
                format!("{indent}{rest}")
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The first `n` lines of a text, for failure messages.
pub fn head(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= n {
        text.to_owned()
    } else {
        format!("{}\n… ({} more lines)", lines[..n].join("\n"), lines.len() - n)
    }
}

/// The last `n` lines of a text, for failure messages.
pub fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= n {
        text.to_owned()
    } else {
        format!("… ({} lines before)\n{}", lines.len() - n, lines[lines.len() - n..].join("\n"))
    }
}

/// Runs a case that applies on a live system once more, in a fresh set-up,
/// when it fails: a case that fails twice fails (with both messages); one
/// that passes the second time gives its line as a `SIW-FLAKE` line with
/// its first failure (scripts/test.sh repeats those lines last), so that a
/// timing the harness does not yet wait for shows up without failing the
/// whole step.
pub fn second_run(run: impl Fn() -> Result<String, String>) -> Result<String, String> {
    let first = match run() {
        Ok(line) => return Ok(line),
        Err(e) => e,
    };
    match run() {
        Ok(line) => Ok(format!(
            "SIW-FLAKE: {line} on a second run; the first failed: {}",
            first.replace('\n', " | ")
        )),
        Err(second) => Err(format!("{second}\n(a second run failed too; the first: {first})")),
    }
}

/// Runs `f` on every case in parallel on `threads` workers and collects the
/// failure messages (a panic in `f` is a failure too, with its message).
pub fn par_cases<T: Sync, F>(cases: &[T], threads: usize, f: F) -> Vec<String>
where
    F: Fn(&T) -> Result<(), String> + Sync,
{
    let next = AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(case)));
                let msg = match r {
                    Ok(Ok(())) => None,
                    Ok(Err(m)) => Some(m),
                    Err(p) => Some(
                        p.downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "panic".into()),
                    ),
                };
                if let Some(m) = msg {
                    if let Ok(mut v) = failures.lock() {
                        v.push(m);
                    }
                }
            });
        }
    });
    failures.into_inner().unwrap_or_default()
}

/// Fails with every message, numbered, after saying how many cases ran.
pub fn report(test: &str, total: usize, failures: Vec<String>) {
    if failures.is_empty() {
        eprintln!("{test}: {total} cases passed");
        return;
    }
    let mut msg = format!("{test}: {} of {total} cases failed\n", failures.len());
    for (i, f) in failures.iter().enumerate() {
        msg.push_str(&format!("\n[{}] {f}\n", i + 1));
    }
    panic!("{msg}");
}

/// The address the test net's DHCPv6 server leases, where the method adds
/// IPv6 (both harnesses serve it, as a vSwitch with IPv6 does): the ENI's
/// own IPv6 address, or one of the block when none is typed.
#[allow(dead_code)] // not every test binary that has `mod support` uses it
pub fn lease6(plan: &Plan, m: Method) -> Option<String> {
    let part = plan.ipv6.as_ref().filter(|_| wizard::render::configures_ipv6(plan, m))?;
    part.primary.or_else(|| part.subnet.nth(0x100)).map(|a| a.to_string())
}
