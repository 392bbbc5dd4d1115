//! The all-in-one POSIX sh script of a Linux method, built from the
//! templates in `src/render/sh/`: `set -eu`, a root check, a timestamped
//! backup of every file it changes, the writes, the apply step, a check that
//! every planned address is present (non-zero exit if not), and the rollback
//! printed at the end. Running it twice changes nothing the second time: a
//! file whose content is already right is neither backed up nor rewritten,
//! and a command runs only when its work is not done yet.
//!
//! [`super::linux`] drives it from a [`super::recipe::Recipe`]; nothing
//! else writes shell.

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use crate::net::dotted;

use super::quote::sh;
use super::template::{fill, sh as t};

/// Where every script keeps its backups and temporary files: outside every
/// configuration directory, because several readers load every file name in
/// theirs (NetworkManager's `system-connections` would load
/// `NAME.nmconnection.bak-…` as a second profile; ifupdown's
/// `source interfaces.d/*` and RHEL's `ifcfg-*` likewise).
pub const BACKUP_DIR: &str = "/var/backups/secondary-ip-wizard";

/// Where the first change keeps every file as it was before it (a copy at
/// `BEFORE_DIR/PATH`, or `BEFORE_DIR/PATH.absent` when there was none), so
/// that Undo can put back exactly what was there.
pub const BEFORE_DIR: &str = "/var/backups/secondary-ip-wizard/before";

/// The lines that keep each of `paths` (sh words) under [`BEFORE_DIR`],
/// once: a file already kept is not copied again, so the copy is always the
/// state before the first change. The same lines in the steps and the script.
pub fn keep_originals_lines(paths: &[String]) -> String {
    fill(t::KEEP_ORIGINALS, &[("before", BEFORE_DIR), ("paths", &paths.join(" "))])
}

/// The lines that put back everything [`keep_originals_lines`] kept (and
/// remove the files it marked absent), then rename the folder so that a
/// later change keeps a fresh copy.
pub fn restore_originals_lines() -> String {
    fill(t::RESTORE_ORIGINALS, &[("before", BEFORE_DIR)])
}

/// One all-in-one script being built.
#[derive(Debug)]
pub struct ShScript {
    body: String,
    rollback: Vec<String>,
    rollback_heading: &'static str,
    /// Whether the safety net is on by default ([`ShScript::detach`]).
    safety: bool,
}

/// The rollback's heading when it removes the secondaries.
pub const ROLLBACK_REMOVE: &str = "to remove these secondary addresses again, run:";

/// The rollback's heading when it puts back the files kept before the first change.
pub const ROLLBACK_RESTORE: &str = "to return to exactly what was there before, run:";

/// The safety net's window by default (seconds; `--window` changes it).
pub const SAFETY_WINDOW: u32 = 120;

/// Where the safety net keeps each run's folder and log.
pub const SAFETY_DIR: &str = "/var/lib/secondary-ip-wizard";

/// What the preamble's `{{stamp}}` becomes in a script that keeps backups.
const STAMP: &str = "stamp=$(date +%Y%m%d-%H%M%S)\n";

/// Before a template's `for a in` loop over `addrs`: a list of one (an
/// IPv6-only addition by a method that leaves IPv6 alone: the primary
/// alone) is by design, which shellcheck's SC2043 would flag.
fn one(addrs_len: usize, indent: &str) -> String {
    if addrs_len == 1 {
        format!("{indent}# shellcheck disable=SC2043\n")
    } else {
        String::new()
    }
}

/// `" a/p b/p"`: the addresses (`a/p` each) as the templates' `for a in`
/// lists want them.
fn addr_words(addrs: &[String]) -> String {
    let mut out = String::new();
    for a in addrs {
        let _ = write!(out, " {a}");
    }
    out
}

/// A sh condition that `if ! …` negates as a whole: `!` binds to the first
/// pipeline only, so a list (`a && b`) is wrapped in braces.
fn whole(condition: &str) -> String {
    if condition.contains("&&")
        || condition.contains("||")
        || condition.contains(';')
        || condition.starts_with('!')
    {
        format!("{{ {condition}; }}")
    } else {
        condition.to_owned()
    }
}

/// Every line of `lines` indented by `by` spaces, each ending in `\n`;
/// a line holding only `"` closes a string that spans lines (the
/// `restore="…` idiom) and stays as it is, so the string does not change.
fn indent(lines: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    lines
        .lines()
        .map(|l| if l == "\"" { "\"\n".to_owned() } else { format!("{pad}{l}\n") })
        .collect()
}

impl ShScript {
    /// Starts a script: shebang, `summary` as comments, then the preamble.
    pub fn new(summary: &str) -> ShScript {
        let mut body = String::from("#!/bin/sh\n");
        for line in summary.lines() {
            let _ = writeln!(body, "# {line}");
        }
        body.push_str(&fill(t::PREAMBLE, &[("window", &SAFETY_WINDOW.to_string())]));
        body.push_str(&fill(t::BACKUP, &[("backups", BACKUP_DIR)]));
        ShScript { body, rollback: Vec::new(), rollback_heading: ROLLBACK_REMOVE, safety: false }
    }

    /// Stops unless `cmd` is installed (`what` names it in the message).
    pub fn need(&mut self, cmd: &str, what: &str) {
        self.body.push_str(&fill(t::NEED, &[("cmd", cmd), ("what", what)]));
    }

    /// A comment line after a blank line.
    pub fn comment(&mut self, text: &str) {
        let _ = writeln!(self.body, "\n# {text}");
    }

    /// An empty line (between blocks).
    pub fn blank(&mut self) {
        self.body.push('\n');
    }

    /// Shell lines as given (already quoted by the caller).
    pub fn lines(&mut self, lines: &str) {
        self.body.push_str(lines);
        if !lines.ends_with('\n') {
            self.body.push('\n');
        }
    }

    /// Stops (before any change) with `message` (a sh word) unless `unless`
    /// (a sh condition) holds; `setup` lines run first.
    pub fn guard(&mut self, comment: Option<&str>, setup: &str, unless: &str, message: &str) {
        if let Some(c) = comment {
            self.comment(c);
        } else {
            self.body.push('\n');
        }
        self.lines_if_any(setup);
        self.body.push_str(&fill(t::GUARD, &[("unless", &whole(unless)), ("message", message)]));
    }

    /// Stops (before any change) when `list`'s output holds an address
    /// that `filter` reports (the subnet's addresses the form does not
    /// list), unless the script runs with `--replace`; `what` names the
    /// file or profile in the message (plain ASCII).
    pub fn refuse_foreign(&mut self, what: &str, list: &str, filter: &str) {
        let comment = what.replace('\n', " ");
        self.body.push_str(&fill(
            t::REFUSE_FOREIGN,
            &[("what_comment", &comment), ("what", &sh(what)), ("list", list), ("foreign", filter)],
        ));
    }

    fn lines_if_any(&mut self, lines: &str) {
        if !lines.is_empty() {
            self.lines(lines);
        }
    }

    /// Writes `content` to `path` with `mode` unless the file already holds
    /// exactly that (then only the mode is set). An existing file is first
    /// copied to `BACKUP_DIR/STAMP/PATH`, and the command that restores it
    /// (or removes a file that did not exist) is appended to `$restore`;
    /// `changed=1` is set. The file is written with `cp`, so it gets its
    /// directory's default SELinux context; `root_owned` also makes root its
    /// owner (NetworkManager ignores a keyfile owned by anyone else).
    pub fn write_file(&mut self, path: &str, mode: u32, content: &str, root_owned: bool) {
        self.body.push_str(&write_file_lines(path, mode, content));
        if root_owned {
            self.body.push_str("chown root:root \"$f\"\n");
        }
    }

    /// [`ShScript::write_file`], only when `path` does not exist yet.
    pub fn write_file_if_missing(&mut self, path: &str, mode: u32, content: &str) {
        let _ = writeln!(self.body, "if [ ! -f {} ]; then", sh(path));
        self.write_file(path, mode, content, false);
        self.body.push_str("fi\n");
    }

    /// Moves `path` (when it exists) to `BACKUP_DIR/NAME.STAMP`, out of a
    /// directory whose every file is read, and records how to move it back.
    pub fn move_away(&mut self, path: &str) {
        let name = path.rsplit('/').next().unwrap_or(path);
        self.body.push_str(&fill(
            t::MOVE_AWAY,
            &[("path", &sh(path)), ("backups", BACKUP_DIR), ("name", &sh(name))],
        ));
    }

    /// Runs `run` unless `unless` holds, then echoes `changed: REPORT` and
    /// sets `changed=1`. When `run` edits a file in place (`edits`), the
    /// file is first copied to `BACKUP_DIR/STAMP/PATH` and its restore
    /// command recorded.
    pub fn ensure(&mut self, unless: &str, run: &str, report: &str, edits: Option<&str>) {
        let mut run = run.trim_end().to_owned();
        if let Some(path) = edits {
            run = format!("back_up {}\n{run}", sh(path));
        }
        self.body.push_str(&fill(
            t::ENSURE,
            &[
                ("unless", &whole(unless)),
                ("run", &indent(&run, 2)),
                ("report", &sh(&format!("changed: {report}"))),
            ],
        ));
    }

    /// Sets `changed=1` when one of `addrs` is not on `dev`: a configuration
    /// written by an earlier run but never applied is then applied by this one.
    pub fn mark_changed_if_missing(&mut self, dev: &str, addrs: &[String]) {
        self.body.push_str(&fill(
            t::MARK_CHANGED,
            &[("addrs", &addr_words(addrs)), ("dev", &sh(dev)), ("one", &one(addrs.len(), ""))],
        ));
    }

    /// Runs `commands` only if something changed (so a second run changes
    /// nothing); when `validate` is given (a command and the tool's name),
    /// it runs first and a failure restores every file and stops.
    pub fn apply_if_changed(&mut self, validate: Option<(&str, &str)>, commands: &str) {
        self.body.push_str("\nif [ \"$changed\" -eq 1 ]; then\n");
        if let Some((cmd, what)) = validate {
            self.body.push_str(&fill(t::VALIDATE, &[("validate", cmd), ("what", what)]));
        }
        self.body.push_str(&indent(commands, 2));
        self.body.push_str("fi\n");
    }

    /// Remembers whether a file changed (`files_changed`), before the
    /// address check can set `changed` too; `why` (comment lines) says why
    /// the two cases are applied differently.
    pub fn remember_files_changed(&mut self, why: &str) {
        self.body.push('\n');
        for line in why.lines() {
            let _ = writeln!(self.body, "# {line}");
        }
        self.body.push_str("files_changed=$changed\n");
    }

    /// After [`ShScript::remember_files_changed`]: `on_files` when a file
    /// changed, else `on_addresses` when only an address is missing.
    pub fn apply_split(&mut self, on_files: &str, on_addresses: &str) {
        self.body.push_str(&fill(
            t::APPLY_SPLIT,
            &[("files", &indent(on_files, 4)), ("addresses", &indent(on_addresses, 4))],
        ));
    }

    /// Waits up to `seconds` for every one of `addrs` on `dev` (and, when
    /// given, the default route via `gateway`); `retry` runs once if they
    /// are not all there after 10 s.
    pub fn wait(
        &mut self,
        dev: &str,
        addrs: &[String],
        gateway: Option<Ipv4Addr>,
        seconds: u32,
        retry: Option<&str>,
    ) {
        let what = if gateway.is_some() { "addresses and the default route" } else { "addresses" };
        let route =
            gateway.map(|gw| fill(t::WAIT_ROUTE, &[("gateway", &dotted(gw))])).unwrap_or_default();
        let retry = retry.map(|c| fill(t::WAIT_RETRY, &[("command", c)])).unwrap_or_default();
        self.body.push_str(&fill(
            t::WAIT,
            &[
                ("secs", &seconds.to_string()),
                ("what", what),
                ("addrs", &addr_words(addrs)),
                ("one", &one(addrs.len(), "  ")),
                ("dev", &sh(dev)),
                ("route", &route),
                ("retry", &retry),
            ],
        ));
    }

    /// Fails unless every one of `addrs` (`a/p` each) is on `dev`.
    pub fn check_addresses(&mut self, dev: &str, addrs: &[String]) {
        self.body.push_str(&fill(
            t::CHECK_ADDRESSES,
            &[("addrs", &addr_words(addrs)), ("dev", &sh(dev)), ("one", &one(addrs.len(), ""))],
        ));
    }

    /// Fails unless a secondary ENI's source rules (one per address) and
    /// its table's default route are there, and no default route through
    /// it is in the main table.
    pub fn check_eni_routing(
        &mut self,
        plan: &crate::plan::Plan,
        table: crate::plan::routing::PolicyTable,
    ) {
        let addrs: Vec<String> = plan.all_addresses().map(dotted).collect();
        self.body.push_str(&fill(
            t::CHECK_ROUTING,
            &[
                ("addrs", &addr_words(&addrs)),
                ("one", &one(addrs.len(), "")),
                ("table", &table.id().to_string()),
                ("priority", &table.priority().to_string()),
                ("gateway", &dotted(plan.gateway)),
                ("dev", &sh(plan.interface.as_str())),
            ],
        ));
    }

    /// Fails unless the default route goes via `gateway`.
    pub fn check_default_route(&mut self, gateway: Ipv4Addr) {
        self.body.push_str(&fill(t::CHECK_ROUTE, &[("gateway", &dotted(gateway))]));
    }

    /// Turns the safety net on (unless the script runs with
    /// `--no-rollback`): from here on the run is detached from the
    /// terminal, which follows its log and answers its question; a run that
    /// fails after [`ShScript::arm`] puts everything back at once.
    pub fn detach(&mut self) {
        self.safety = true;
        self.body.push_str(&fill(t::SAFETY_DETACH, &[("dir", SAFETY_DIR)]));
    }

    /// Arms the safety net before the first change: keeps the kernel's
    /// state of `dev` (addresses, default routes, rules), writes the
    /// rollback (`first`, the files this run changes, `put_back`, then the
    /// kernel's state compared item by item) and starts its timer.
    pub fn arm(&mut self, dev: &str, first: &str, put_back: &str) {
        self.body.push_str(&fill(
            t::SAFETY_ARM,
            &[("dev", &sh(dev)), ("first", first), ("put_back", put_back.trim_end())],
        ));
    }

    /// After every check: the safety net's own checks that the instance can
    /// still be reached (the gateway answers; the main table's default
    /// route is unchanged (on the primary ENI, where there was none: the
    /// planned one; on a secondary ENI, the other interfaces' are kept and
    /// none goes through it); the metadata server answers as it did; on the
    /// primary ENI traffic leaves from `primary`), then the change is
    /// kept only when confirmed (`--yes`, "yes" on the terminal, or
    /// `touch …/confirm`) within the window.
    pub fn confirm(&mut self, gateway: Ipv4Addr, primary: Option<Ipv4Addr>) {
        let source =
            primary.map(|p| fill(t::SAFETY_SOURCE, &[("primary", &dotted(p))])).unwrap_or_default();
        self.body.push_str(&fill(
            t::SAFETY_CONFIRM,
            &[
                ("gateway", &dotted(gateway)),
                ("source_check", &source),
                (
                    "default_check",
                    if primary.is_some() {
                        t::SAFETY_DEFAULT_PRIMARY
                    } else {
                        t::SAFETY_DEFAULT_ENI
                    },
                ),
            ],
        ));
    }

    /// Keeps each of `paths` (sh words) as it is before the first change
    /// (see [`keep_originals_lines`]).
    pub fn keep_originals(&mut self, paths: &[String]) {
        self.comment(&format!(
            "Keep every file this changes as it is before the first change (once), for Undo: {BEFORE_DIR}"
        ));
        self.body.push_str(&keep_originals_lines(paths));
    }

    /// The rollback's heading ([`ROLLBACK_REMOVE`] unless set).
    pub fn rollback_heading(&mut self, heading: &'static str) {
        self.rollback_heading = heading;
    }

    /// A line of the rollback printed at the end.
    pub fn rollback(&mut self, line: impl Into<String>) {
        self.rollback.push(line.into());
    }

    /// Ends the script: prints success, the undo commands, and how to
    /// restore the files this run changed. The timestamp that names backups
    /// is defined only when something uses it.
    pub fn finish(mut self) -> String {
        if !self.safety {
            self.body.push_str(
                "\n# No safety net here (keep mode on the primary ENI, or an agent that\n\
                 # follows the cloud): --yes, --window and --no-rollback change nothing.\n\
                 : \"$yes\" \"$window\" \"$rollback\"\n",
            );
        }
        self.body.push_str("\necho \"all planned addresses are present\"\n");
        if !self.rollback.is_empty() {
            // A quoted heredoc prints the commands exactly as written: no
            // second layer of quoting, and no echo reading backslashes.
            let mut lines = String::new();
            for l in &self.rollback {
                lines.push_str("  ");
                lines.push_str(l);
                lines.push('\n');
            }
            let delim = heredoc_delimiter(&lines);
            self.body.push_str(&fill(
                t::ROLLBACK,
                &[("heading", self.rollback_heading), ("delim", &delim), ("lines", &lines)],
            ));
        }
        self.body.push_str(t::FINISH);
        let stamp = if self.body.contains("$stamp") { STAMP } else { "" };
        let on = if self.safety { "1" } else { "0" };
        // In place (as `replacen(…, 1)`, without copying the script twice).
        for (place, value) in [("{{stamp}}", stamp), ("{{rollback}}", on)] {
            if let Some(at) = self.body.find(place) {
                self.body.replace_range(at..at + place.len(), value);
            }
        }
        self.body
    }
}

/// The lines of [`ShScript::write_file`] (without the owner change).
pub fn write_file_lines(path: &str, mode: u32, content: &str) -> String {
    let mut body = content.to_owned();
    if !body.is_empty() && !body.ends_with('\n') {
        body.push('\n');
    }
    fill(
        t::WRITE_FILE,
        &[
            ("path", path),
            ("path_q", &sh(path)),
            ("backups", BACKUP_DIR),
            ("delim", &heredoc_delimiter(content)),
            ("content", &body),
            ("mode", &format!("{mode:o}")),
        ],
    )
}

/// A heredoc delimiter that no line of `content` equals.
pub fn heredoc_delimiter(content: &str) -> String {
    let mut delim = String::from("WIZARD_EOF");
    // A line can equal the delimiter only where the text holds it: one
    // search instead of a look at every line, for almost every content.
    while content.contains(delim.as_str()) && content.lines().any(|l| l == delim) {
        delim.push('_');
    }
    delim
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `script` with sh, in `dir`; its output.
    fn run_sh(dir: &std::path::Path, script: &str) -> String {
        let out = std::process::Command::new("sh")
            .arg("-ec")
            .arg(script)
            .current_dir(dir)
            .output()
            .expect("sh runs");
        assert!(out.status.success(), "{script}\n{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    // Runs a stub program: host only (a wasm32 build runs the browser tests).
    #[cfg(unix)]
    /// The final check over a stub `ip` that prints `lines[n]` on its n-th
    /// call (the last one from then on): its exit status and stderr.
    fn check_over(lines: &[&str]) -> (bool, String) {
        let dir =
            std::env::temp_dir().join(format!("siw-check-{}-{}", std::process::id(), lines.len()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("mkdir");
        let mut cases = String::new();
        for (i, l) in lines.iter().enumerate() {
            cases.push_str(&format!("  {i}) echo '{l}' ;;\n"));
        }
        let last = lines.len() - 1;
        let stub = format!(
            "#!/bin/sh\nn=$(cat \"$0.n\" 2>/dev/null || echo 0)\necho $((n + 1)) > \"$0.n\"\n[ \"$n\" -gt {last} ] && n={last}\ncase $n in\n{cases}esac\n"
        );
        std::fs::write(dir.join("ip"), stub).expect("write stub");
        {
            use std::os::unix::fs::PermissionsExt;
            let exec = std::fs::Permissions::from_mode(0o755);
            std::fs::set_permissions(dir.join("ip"), exec).expect("chmod stub");
        }
        let mut s = ShScript::new("test");
        let start = s.body.len();
        s.check_addresses("eth0", &["2001:db8::a/64".to_owned()]);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(&s.body[start..])
            .env("PATH", format!("{}:/usr/bin:/bin", dir.display()))
            .output()
            .expect("sh runs");
        let _ = std::fs::remove_dir_all(&dir);
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    // Issue 15: an IPv6 address still tentative when the final check runs
    // (a stack re-adding it restarts DAD) is waited for; one that stays
    // tentative or fails DAD is missing.
    #[cfg(unix)]
    #[test]
    fn the_final_check_waits_for_a_tentative_ipv6_address() {
        let tentative = "2: eth0    inet6 2001:db8::a/64 scope global tentative";
        let usable = "2: eth0    inet6 2001:db8::a/64 scope global";
        let failed = "2: eth0    inet6 2001:db8::a/64 scope global dadfailed";
        let (ok, err) = check_over(&[tentative, tentative, usable]);
        assert!(ok, "{err}");
        let (ok, err) = check_over(&[failed]);
        assert!(!ok && err.contains("missing: 2001:db8::a/64"), "{err}");
        // NetworkManager 1.42 deletes and re-adds its static IPv6 addresses
        // when the DHCPv6 lease comes (to keep their order), which restarts
        // DAD: usable on one look and tentative on the next is waited for,
        // as is gone for an instant (between the delete and the add) and
        // then tentative (tests/readers.rs measured both).
        let (ok, err) = check_over(&[usable, tentative, usable]);
        assert!(ok, "usable, then re-added: {err}");
        let (ok, err) = check_over(&["", tentative, usable]);
        assert!(ok, "gone for an instant, then re-added: {err}");
        // Gone for good is missing.
        let (ok, err) = check_over(&[""]);
        assert!(!ok && err.contains("missing: 2001:db8::a/64"), "{err}");
    }

    // Issue 14: Undo of a static conversion puts back exactly what was there
    // before the first change, however often the change ran in between.
    #[test]
    fn the_first_state_is_kept_once_and_put_back_exactly() {
        let dir = std::env::temp_dir().join(format!("siw-keep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("etc/net")).unwrap();
        let root = dir.display().to_string();
        let before = format!("{root}/before");
        let local = |s: String| s.replace(BEFORE_DIR, &before);
        let (a, b, c) = (
            format!("{root}/etc/net/a"),
            format!("{root}/etc/net/b b"),
            format!("{root}/etc/net/c"),
        );
        std::fs::write(&a, "original a\n").unwrap();
        std::fs::write(&c, "original c\n").unwrap();
        let paths = vec![sh(&a), sh(&b), format!("{root}/etc/net/*"), format!("{root}/nothing*")];
        let keep = local(keep_originals_lines(&paths));
        run_sh(&dir, &keep);
        // A change, then the change again: the copy stays the first state.
        std::fs::write(&a, "changed a\n").unwrap();
        std::fs::write(&b, "new b\n").unwrap();
        std::fs::remove_file(&c).unwrap();
        run_sh(&dir, &keep);
        let out = run_sh(&dir, &local(restore_originals_lines()));
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "original a\n", "{out}");
        assert_eq!(std::fs::read_to_string(&c).unwrap(), "original c\n", "{out}");
        assert!(!std::path::Path::new(&b).exists(), "a file that was not there goes: {out}");
        assert!(!std::path::Path::new(&before).exists(), "the copy is set aside after use");
        // A second Undo finds nothing to put back and changes nothing.
        let again = run_sh(&dir, &local(restore_originals_lines()));
        assert!(again.starts_with("nothing to put back"), "{again}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "original a\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    // An edit in place of a file that does not exist yet (Alpine's
    // /etc/udhcpc/udhcpc.conf, which udhcpc does not need) once stopped the
    // all-in-one script: its backup copied a missing file. The rollback of
    // such an edit removes the file.
    #[test]
    fn an_edit_of_a_missing_file_is_rolled_back_by_removing_it() {
        let dir = std::env::temp_dir().join(format!("siw-edit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("etc/udhcpc/udhcpc.conf").display().to_string();
        let mut s = ShScript::new("t");
        let start = s.body.len();
        let run =
            format!("mkdir -p \"$(dirname {q})\"\nprintf 'NO_GATEWAY=eth1\\n' >> {q}", q = sh(&f));
        s.ensure(&format!("grep -sqx NO_GATEWAY=eth1 {}", sh(&f)), &run, "added", Some(&f));
        let body = format!(
            "stamp=s; changed=0; restore=''\nq() {{ printf \"'%s'\" \"$1\"; }}\nremember() {{ restore=\"$restore$1\"; }}\n{}{}\nprintf '%s' \"$restore\" > restore.sh",
            fill(t::BACKUP, &[("backups", BACKUP_DIR)]),
            &s.body[start..]
        )
        .replace(BACKUP_DIR, &dir.join("backups").display().to_string());
        let out = run_sh(&dir, &body);
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "NO_GATEWAY=eth1\n", "{out}");
        run_sh(&dir, "sh -e restore.sh");
        assert!(!std::path::Path::new(&f).exists(), "the rollback removes the file: {out}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    // `if ! [ a ] && [ b ]` negates only `[ a ]`: the static nmcli check
    // once ran its change whenever the method was already manual.
    #[test]
    fn a_negated_list_is_negated_whole() {
        let mut s = ShScript::new("t");
        s.ensure("[ a = a ] && [ b = b ]", "run", "done", None);
        s.guard(None, "", "x || y", "'m'");
        let out = s.finish();
        assert!(out.contains("if ! { [ a = a ] && [ b = b ]; }; then\n"));
        assert!(out.contains("if ! { x || y; }; then\n"));
        let mut s = ShScript::new("t");
        s.ensure("ip -4 -o addr show dev eth0 | grep -q x", "run", "done", None);
        assert!(s.finish().contains("if ! ip -4 -o addr show dev eth0 | grep -q x; then\n"));
    }
}
