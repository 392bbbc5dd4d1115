//! Hostile strings in every free-text field: each one is refused with an
//! error on its field, or stays one literal in every artifact.
//!
//! Every entry of `tests/hostile/corpus.txt` is typed into every text field
//! of a valid base form, on operating systems that together cover every
//! method. Each attempt must end one of two ways:
//!
//! - `validate` rejects it with an error on that very field; or
//! - it is accepted, and every artifact it changes is proven to carry the
//!   value as one literal, by the tool that reads that language:
//!   - shell command blocks run for real under `dash` and `bash` (in a
//!     private mount namespace with tmpfs over `/etc`, `/var`, `/run`, …)
//!     with every external command a stub that records its argv NUL-safely;
//!     the recorded argv, stdout and exit status must equal the base run's
//!     with the sentinel replaced by the hostile value;
//!   - shell-sourced files (ifcfg) are sourced and their variables compared
//!     the same way; scripts pass `sh -n`, `bash -n` and shellcheck finds
//!     nothing the base script did not have;
//!   - YAML is loaded with python3 `yaml.safe_load` and must equal the base
//!     tree with the value substituted;
//!   - PowerShell is parsed with tree-sitter-pwsh (`tests/tools/hostile_pwsh.py`)
//!     and every string literal must decode to the substituted base's;
//!   - keyfile / systemd INI values are decoded and compared; a systemd match
//!     value must not hold glob, list or quote characters;
//!   - cmd/netsh: a value with `"`, `%`, `!` or a control character must not
//!     be rendered into a command at all; any other value must be quoted.
//!
//! The free-text fields (interface, Windows alias, connection name) use a
//! sentinel in the base form; the typed fields (MAC, instance type, region,
//! ENI id, limit, the address fields, IPv4 and IPv6) must be rejected or
//! become a value of plain characters. The base form is dual stack, so every
//! free-text value also passes through the IPv6 lines of each method.

// It runs host shells and tools: nothing to do in a wasm32 build.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use wizard::catalog::{Method, Os};
use wizard::plan::{validate, Field, Form, Plan};
use wizard::render::quote;
use wizard::render::{render_all, Artifact, ArtifactKind, Lang};

const SENTINEL_IF: &str = "wzq0";
const SENTINEL_ALIAS: &str = "WzqAlias";
const SENTINEL_CONN: &str = "WzqConn";

/// Operating systems (and modes) that together use every method.
const SCENARIOS: &[(Os, &str)] = &[
    (Os::Alinux3, "keep"),     // nmcli, ifcfg, ifcfg-alias, runtime
    (Os::Rhel9, "keep"),       // nmcli, keyfile, runtime
    (Os::Centos7, "static"),   // ifcfg, ifcfg-alias (static)
    (Os::Ubuntu20, "keep"),    // netplan-0.99
    (Os::Debian13, "static"),  // netplan, networkd, runtime (static)
    (Os::Debian11, "keep"),    // ifupdown
    (Os::Sles15, "keep"),      // wicked
    (Os::Alpine, "keep"),      // ifupdown-ng
    (Os::Windows2022, "keep"), // powershell, netsh
];

/// Whether a free-text field is rendered by some method of `os` (other
/// combinations are only validated).
fn renders(field: Field, os: Os) -> bool {
    match field {
        Field::Interface => !os.is_windows(),
        Field::WindowsAlias => os.is_windows(),
        Field::Connection => os.methods().iter().any(|m| {
            matches!(m, Method::Nmcli | Method::Keyfile | Method::Ifcfg | Method::IfcfgAlias)
        }),
        _ => false,
    }
}

/// The fields tried, each with whether it is free text (kept verbatim).
const FIELDS: &[(Field, bool)] = &[
    (Field::Interface, true),
    (Field::WindowsAlias, true),
    (Field::Connection, true),
    (Field::Mac, false),
    (Field::InstanceType, false),
    (Field::Region, false),
    (Field::EniId, false),
    (Field::InstanceId, false),
    (Field::Limit, false),
    (Field::Cidr, false),
    (Field::Gateway, false),
    (Field::Primary, false),
    (Field::Secondary(0), false),
    (Field::Dns, false),
    (Field::Cidr6, false),
    (Field::Primary6, false),
    (Field::Secondaries6, false),
];

/// The IPv6 fields: an error on any of them counts for each (a block that
/// does not parse leaves the addresses without one).
const IPV6_FIELDS: &[Field] = &[Field::Cidr6, Field::Primary6, Field::Secondaries6];

/// Typed fields whose value can clash with another address field: an error
/// on either side of the clash counts (a primary equal to a secondary may
/// be reported on the secondary).
const ADDRESS_FIELDS: &[Field] = &[
    Field::Limit,
    Field::Cidr,
    Field::Gateway,
    Field::Primary,
    Field::Secondary(0),
    Field::Dns,
    Field::Cidr6,
    Field::Primary6,
    Field::Secondaries6,
];

fn in_address_group(f: Field) -> bool {
    ADDRESS_FIELDS.contains(&f) || matches!(f, Field::Secondaries | Field::Secondary(_))
}

/// Decodes one corpus line (see the header of corpus.txt).
fn decode_entry(line: &str) -> Result<String, String> {
    if let Some(rest) = line.strip_prefix("\\repeat{") {
        let (n, text) = rest.split_once("}:").ok_or_else(|| format!("bad repeat: {line}"))?;
        let n: usize = n.parse().map_err(|_| format!("bad count: {line}"))?;
        return Ok(decode_entry(text)?.repeat(n));
    }
    let mut out = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('E') => {}
            Some('u') => {
                if chars.next() != Some('{') {
                    return Err(format!("bad \\u escape: {line}"));
                }
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).map_err(|_| format!("bad hex: {line}"))?;
                out.push(char::from_u32(cp).ok_or_else(|| format!("bad code point: {line}"))?);
            }
            other => return Err(format!("unknown escape \\{other:?} in {line}")),
        }
    }
    Ok(out)
}

fn corpus() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/corpus.txt");
    let text = fs::read_to_string(&path).expect("read corpus");
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with("## "))
        .map(|l| decode_entry(l).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn base_form(os: Os, mode: &str) -> Form {
    Form {
        os: os.as_str().into(),
        mode: mode.into(),
        interface: SENTINEL_IF.into(),
        windows_alias: SENTINEL_ALIAS.into(),
        connection: SENTINEL_CONN.into(),
        mac: "00:16:3e:0a:0b:0c".into(),
        instance_type: "ecs.g7.large".into(),
        region: "cn-hangzhou".into(),
        eni_id: "eni-bp1wzq0000000000000".into(),
        dns: "100.100.2.136".into(),
        // Dual stack: the free-text values also go through every IPv6 line.
        cidr6: "2001:db8:1:2::/64".into(),
        primary6: "2001:db8:1:2::10".into(),
        secondaries6: "2001:db8:1:2::a, 2001:db8:1:2::b".into(),
        ..Form::guide_example()
    }
}

fn set_field(form: &mut Form, field: Field, value: &str) {
    let v = value.to_owned();
    match field {
        Field::Interface => form.interface = v,
        Field::WindowsAlias => form.windows_alias = v,
        Field::Connection => form.connection = v,
        Field::Mac => form.mac = v,
        Field::InstanceType => form.instance_type = v,
        Field::Region => form.region = v,
        Field::EniId => form.eni_id = v,
        Field::InstanceId => form.instance_id = v,
        Field::Limit => form.limit = v,
        Field::Cidr => form.cidr = v,
        Field::Gateway => form.gateway = v,
        Field::Primary => form.primary = v,
        Field::Secondary(i) => {
            if let Some(row) = form.secondaries.get_mut(i) {
                *row = v;
            }
        }
        Field::Dns => form.dns = v,
        Field::Cidr6 => form.cidr6 = v,
        Field::Primary6 => form.primary6 = v,
        Field::Secondaries6 => form.secondaries6 = v,
        other => panic!("field {other:?} is not tried"),
    }
}

/// The sentinel → value substitutions that turn a base artifact into what the
/// hostile one must read as (in order: the keyfile name first).
fn substitutions(field: Field, plan: &Plan) -> Vec<(String, String)> {
    match field {
        // Inside a sysctl key a `.` is a `/`; in a hook's file name anything
        // but a letter, digit or `-` is `_`.
        Field::Interface => vec![
            (
                format!("net.ipv4.conf.{SENTINEL_IF}."),
                format!("net.ipv4.conf.{}.", quote::sysctl_if(plan.interface.as_str())),
            ),
            (
                format!("secondary-ip-wizard-{SENTINEL_IF}"),
                format!("secondary-ip-wizard-{}", quote::file_part(plan.interface.as_str())),
            ),
            (
                format!("60-secondary-ips-{SENTINEL_IF}"),
                format!("60-secondary-ips-{}", quote::file_part(plan.interface.as_str())),
            ),
            (SENTINEL_IF.into(), plan.interface.as_str().into()),
        ],
        Field::WindowsAlias => vec![(SENTINEL_ALIAS.into(), plan.windows_alias.clone())],
        Field::Connection => vec![
            (quote::keyfile_name(SENTINEL_CONN), quote::keyfile_name(&plan.connection)),
            (SENTINEL_CONN.into(), plan.connection.clone()),
        ],
        _ => Vec::new(),
    }
}

fn subst(text: &str, subs: &[(String, String)]) -> String {
    // Substitute in one pass per pair, never re-reading inserted text.
    let mut out = text.to_owned();
    for (from, to) in subs {
        out = out.split(from.as_str()).collect::<Vec<_>>().join(to);
    }
    out
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        t.push('…');
    }
    format!("{t:?}")
}

/// The quoting class of a value: its distinct non-alphanumeric ASCII
/// characters, whether it holds non-ASCII or starts with `-`, and whether it
/// is long. Values of one class quote alike, so a script is checked once per
/// class.
fn signature(s: &str) -> String {
    let mut set: BTreeSet<char> =
        s.chars().filter(|c| c.is_ascii() && !c.is_ascii_alphanumeric()).collect();
    if !s.is_ascii() {
        set.insert('U');
    }
    if s.starts_with('-') {
        set.insert('D');
    }
    if s.len() > 100 {
        set.insert('L');
    }
    if s.is_empty() {
        set.insert('E');
    }
    set.into_iter().collect()
}

/// A value a typed field may carry into an artifact: plain characters only.
fn plain(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
}

/// A case compared with its base: (case, base case, substitutions, label).
type Compared = (String, String, Vec<(String, String)>, String);

/// What the external tools have to check, gathered first and run in batches.
#[derive(Default)]
struct Batch {
    dir: PathBuf,
    n: usize,
    /// (case, base case, substitutions, label) for command blocks run for real.
    runs: Vec<Compared>,
    /// (case, base case, label, shellcheck too) for scripts: sh -n, bash -n, shellcheck.
    scripts: Vec<(String, String, String, bool)>,
    /// (case, base case, substitutions, label) for shell-sourced files.
    sourced: Vec<Compared>,
    /// (case dir, label) for YAML and PowerShell checkers.
    yaml: Vec<(String, String)>,
    pwsh: Vec<(String, String)>,
    /// Base cases already written, by (id, content).
    base_cases: HashMap<(String, String), String>,
    /// Scripts already scheduled, by (id, field, value).
    scripts_seen: BTreeSet<(String, String, String)>,
    /// Whether the script being scheduled also goes through shellcheck.
    shellcheck: bool,
    /// Hostile contents already scheduled, by (base content, hostile content).
    seen: BTreeSet<(String, String)>,
}

impl Batch {
    fn case(&mut self) -> String {
        self.n += 1;
        self.dir.join(format!("c{}", self.n)).to_string_lossy().into_owned()
    }

    fn write(path: &str, content: &str) {
        fs::write(path, content).expect("write case");
    }

    fn base_case(&mut self, a: &Artifact) -> String {
        let key = (a.id.clone(), a.content.clone());
        if let Some(c) = self.base_cases.get(&key) {
            return c.clone();
        }
        let c = self.case();
        Self::write(&format!("{c}.sh"), &a.content);
        self.base_cases.insert(key, c.clone());
        c
    }
}

/// Checks one changed artifact; in-process checks return failures at once,
/// tool checks are queued on the batch.
fn check_artifact(
    batch: &mut Batch,
    fails: &mut Vec<String>,
    label: &str,
    base: &Artifact,
    new: &Artifact,
    subs: &[(String, String)],
) {
    if let (Some(bp), Some(np)) = (base.path(), new.path()) {
        let want = subst(bp, subs);
        if np != want
            || np.chars().any(char::is_control)
            || np.split('/').any(|seg| seg == ".." || seg == ".")
        {
            fails.push(format!("{label}: file path {} (expected {})", short(np), short(&want)));
        }
    }
    if base.content == new.content {
        return;
    }
    if !batch.seen.insert((base.content.clone(), new.content.clone())) {
        return;
    }
    let is_script = base.id.ends_with(".script");
    match new.lang {
        Lang::Sh => {
            let b = batch.base_case(base);
            let c = batch.case();
            Batch::write(&format!("{c}.sh"), &new.content);
            match (&new.kind, is_script) {
                (ArtifactKind::File { .. }, _) => {
                    batch.sourced.push((c, b, subs.to_vec(), label.into()))
                }
                (_, true) => batch.scripts.push((c, b, label.into(), batch.shellcheck)),
                _ => batch.runs.push((c, b, subs.to_vec(), label.into())),
            }
        }
        Lang::Yaml | Lang::PowerShell => {
            let c = batch.case();
            fs::create_dir_all(&c).expect("mkdir");
            let ext = if new.lang == Lang::Yaml { "yaml" } else { "ps1" };
            Batch::write(&format!("{c}/base.{ext}"), &base.content);
            Batch::write(&format!("{c}/hostile.{ext}"), &new.content);
            let (from, to) = subs.last().cloned().unwrap_or_default();
            Batch::write(&format!("{c}/from"), &from);
            Batch::write(&format!("{c}/to"), &to);
            if new.lang == Lang::Yaml {
                batch.yaml.push((c, label.into()));
            } else {
                batch.pwsh.push((c, label.into()));
            }
        }
        Lang::Cmd => check_cmd(fails, label, base, new, subs),
        Lang::Ini => check_ini(fails, label, base, new, subs),
        Lang::Hcl => {
            let to_ok = subs.iter().all(|(_, to)| {
                !to.contains(['"', '\\', '\n', '\r']) && !to.contains("${") && !to.contains("%{")
            });
            if !to_ok || new.content != subst(&base.content, subs) {
                fails.push(format!("{label}: HCL does not hold the value as one plain string"));
            }
        }
        Lang::Text => {}
    }
}

fn check_cmd(
    fails: &mut Vec<String>,
    label: &str,
    base: &Artifact,
    new: &Artifact,
    subs: &[(String, String)],
) {
    for (from, to) in subs {
        match (quote::cmd(from), quote::cmd(to)) {
            (Some(qf), Some(qt)) => {
                // The alias reaches netsh double-quoted, and the PowerShell
                // the batch file calls (`-Command "…"`) single-quoted: inside
                // cmd's double quotes, where no `"`, `%` or `!` can be.
                let want =
                    base.content.replace(&qf, &qt).replace(&quote::pwsh(from), &quote::pwsh(to));
                if new.content != want {
                    fails.push(format!(
                        "{label}: cmd content is not the base with {qf} replaced by {}",
                        short(&qt)
                    ));
                }
            }
            (_, None) => {
                // Must not appear in any command: no base line holding the
                // sentinel may come back with the value put in.
                for line in base.content.lines().filter(|l| l.contains(from.as_str())) {
                    let injected = line.replace(from.as_str(), to);
                    if new.content.lines().any(|l| l == injected)
                        || new.content.contains(&format!("\"{to}\""))
                    {
                        fails.push(format!(
                            "{label}: cmd-unsafe value {} was rendered into a command",
                            short(to)
                        ));
                        break;
                    }
                }
            }
            (None, Some(_)) => fails.push(format!("{label}: the sentinel {from} is cmd-unsafe")),
        }
    }
}

/// GKeyFile value unescaping (`\s \n \t \r \\`).
fn keyfile_unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('s') => out.push(' '),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn check_ini(
    fails: &mut Vec<String>,
    label: &str,
    base: &Artifact,
    new: &Artifact,
    subs: &[(String, String)],
) {
    let path = new.path().unwrap_or("");
    let keyfile = path.ends_with(".nmconnection");
    let systemd = [".network", ".link", ".netdev", ".conf"].iter().any(|e| path.ends_with(e));
    let parse = |text: &str| -> Vec<(Option<String>, String)> {
        text.lines()
            .map(|l| match l.split_once('=') {
                Some((k, v))
                    if !l.starts_with('#') && !l.starts_with(';') && !l.starts_with('[') =>
                {
                    let v = if keyfile { keyfile_unescape(v) } else { v.to_owned() };
                    (Some(k.trim().to_owned()), v)
                }
                _ => (None, l.to_owned()),
            })
            .collect()
    };
    let b = parse(&base.content);
    let n = parse(&new.content);
    if b.len() != n.len() {
        fails.push(format!("{label}: INI line count changed ({} → {})", b.len(), n.len()));
        return;
    }
    for ((bk, bv), (nk, nv)) in b.iter().zip(&n) {
        let want = subst(bv, subs);
        if bk != nk || *nv != want {
            fails.push(format!(
                "{label}: INI {bk:?} reads {}, expected {}",
                short(nv),
                short(&want)
            ));
            return;
        }
        if systemd && nk.is_some() && nv != bv {
            let bad = nv.chars().any(|c| c.is_whitespace() || "*?[]\"'\\%$".contains(c))
                || nv.starts_with('!');
            if bad {
                fails.push(format!(
                    "{label}: systemd value {}={} holds glob, list, quote or specifier characters",
                    bk.as_deref().unwrap_or(""),
                    short(nv)
                ));
                return;
            }
        }
    }
}

/// The stub for commands whose names cannot be shell functions: records
/// `argc, name, args…, stdin` as NUL-terminated fields in a new file
/// `$STUB_LOG.N` (one file per call: stubs in a pipeline run concurrently).
const STUB: &str = r#"#!/usr/bin/dash
n=${0##*/}
i=0
set -C
until true 2> /dev/null > "$STUB_LOG.$i"; do i=$((i + 1)); done
set +C
{ printf '%s\0' "$#" "$n" "$@"; if [ ! -t 0 ]; then /usr/bin/cat; fi; printf '\0'; } >> "$STUB_LOG.$i"
exit 0
"#;

/// The same as shell functions (no fork per command): `_rec NAME ARGS…`.
/// `id` prints 0 (root); `sudo` runs its command.
const PRELUDE: &str = r#"_rec() {
  _i=0
  set -C
  until true 2> /dev/null > "$STUB_LOG.$_i"; do _i=$((_i + 1)); done
  set +C
  printf '%s\0' "$(($# - 1))" "$@" >> "$STUB_LOG.$_i"
  if [ ! -t 0 ]; then
    while IFS= read -r _l || [ -n "$_l" ]; do printf '%s\n' "$_l"; done >> "$STUB_LOG.$_i"
  fi
  printf '\0' >> "$STUB_LOG.$_i"
}
sudo() {
  while [ $# -gt 0 ]; do case $1 in -*) shift ;; *) break ;; esac; done
  "$@"
}
id() { _rec id "$@"; echo 0; }
"#;

/// Names that are shell builtins or keywords (never stubbed) or the shells.
const NOT_STUBBED: &[&str] = &[
    ".",
    ":",
    "[",
    "alias",
    "bg",
    "bind",
    "break",
    "builtin",
    "caller",
    "cd",
    "command",
    "compgen",
    "complete",
    "compopt",
    "continue",
    "declare",
    "dirs",
    "disown",
    "echo",
    "enable",
    "eval",
    "exec",
    "exit",
    "export",
    "false",
    "fc",
    "fg",
    "getopts",
    "hash",
    "help",
    "history",
    "jobs",
    "kill",
    "let",
    "local",
    "logout",
    "mapfile",
    "popd",
    "printf",
    "pushd",
    "pwd",
    "read",
    "readarray",
    "readonly",
    "return",
    "set",
    "shift",
    "shopt",
    "source",
    "suspend",
    "test",
    "times",
    "trap",
    "true",
    "type",
    "typeset",
    "ulimit",
    "umask",
    "unalias",
    "unset",
    "wait",
    "if",
    "then",
    "else",
    "elif",
    "fi",
    "case",
    "esac",
    "for",
    "select",
    "while",
    "until",
    "do",
    "done",
    "in",
    "function",
    "time",
    "coproc",
    "sh",
    "dash",
    "bash",
    "sudo",
    "id",
    "_rec",
];

/// Runs every queued case: one dash and one bash process run all the
/// command blocks (each in a subshell, every external command a stub),
/// inside a private mount namespace with tmpfs over the system's writable
/// trees when root. Returns whether the real runs were done.
fn run_driver(dir: &Path, batch: &Batch) -> bool {
    let stubs = dir.join("stubs");
    fs::create_dir_all(&stubs).expect("mkdir stubs");
    let stub = stubs.join("_stub");
    fs::write(&stub, STUB).expect("write stub");
    Command::new("chmod").arg("755").arg(&stub).status().expect("chmod");
    let mut names: BTreeSet<String> = [
        "nmcli",
        "ip",
        "networkctl",
        "netplan",
        "systemctl",
        "ifup",
        "ifdown",
        "ifquery",
        "service",
        "rc-service",
        "rc-update",
        "wicked",
        "cp",
        "mv",
        "rm",
        "aliyun",
        "nm-online",
        "resolvectl",
        "ifreload",
        "cat",
        "tee",
        "grep",
        "sed",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for d in ["/usr/bin", "/usr/sbin", "/bin", "/sbin"] {
        if let Ok(rd) = fs::read_dir(d) {
            for e in rd.flatten() {
                names.insert(e.file_name().to_string_lossy().into_owned());
            }
        }
    }
    let mut prelude = String::from(PRELUDE);
    for n in &names {
        if NOT_STUBBED.contains(&n.as_str()) || n.contains('/') || n == "_stub" {
            continue;
        }
        let _ = std::os::unix::fs::symlink(&stub, stubs.join(n));
        let ident = n.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if ident {
            let _ = writeln!(prelude, "{n}() {{ _rec {n} \"$@\"; }}");
        }
    }
    for (n, target) in
        [("sh", "/usr/bin/dash"), ("dash", "/usr/bin/dash"), ("bash", "/usr/bin/bash")]
    {
        let _ = std::os::unix::fs::symlink(target, stubs.join(n));
    }
    fs::write(dir.join("prelude.sh"), prelude).expect("write prelude");

    let root = Command::new("id").arg("-u").output().map(|o| o.stdout == b"0\n").unwrap_or(false);
    let ns = root
        && Command::new("unshare")
            .args(["-m", "--propagation", "private", "true"])
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);

    let mut runs = String::new();
    for (c, b, _, _) in &batch.runs {
        let _ = writeln!(runs, "{c}\n{b}");
    }
    let mut syntax = String::new();
    for (c, b, _, _) in &batch.scripts {
        let _ = writeln!(syntax, "{c}\n{b}");
    }
    if !ns {
        syntax.push_str(&runs);
    }
    let mut sourced = String::new();
    for (c, b, _, _) in &batch.sourced {
        let _ = writeln!(sourced, "{c}\n{b}");
    }
    fs::write(dir.join("runs"), runs).expect("write");
    fs::write(dir.join("syntax"), syntax).expect("write");
    fs::write(dir.join("sourced"), sourced).expect("write");
    let d = dir.display();
    let driver = format!(
        r#"set -u
if [ "$1" = ns ]; then
  # The work folder may lie in a tree about to be masked (a clone under
  # /tmp): keep a handle on it in /mnt first, and bind it back afterwards.
  mount -t tmpfs wizard-hostile /mnt
  mkdir /mnt/work
  mount --bind '{d}' /mnt/work
  for d in /etc /var /run /root /home /tmp /opt /srv /media /boot /usr/local; do
    [ -d "$d" ] && mount -t tmpfs wizard-hostile "$d"
  done
  mkdir -p '{d}'
  mount --bind /mnt/work '{d}'
  for sh in dash bash; do
    /usr/bin/$sh -c '
      PATH={d}/stubs
      . {d}/prelude.sh
      while IFS= read -r c; do
        [ -e "$c.$0.rc" ] && continue
        ( STUB_LOG="$c.$0.log"; ulimit -t 20; . "$c.sh" ) < /dev/null > "$c.$0.out" 2> "$c.$0.err"
        echo $? > "$c.$0.rc"
      done < {d}/runs' $sh
  done
fi
while IFS= read -r c; do
  /usr/bin/dash -n "$c.sh" 2> "$c.dashn"; echo $? >> "$c.dashn"
  /usr/bin/bash -n "$c.sh" 2> "$c.bashn"; echo $? >> "$c.bashn"
done < {d}/syntax
while IFS= read -r c; do
  PATH={d}/stubs /usr/bin/dash -c 'set -a; . "$1" > /dev/null 2>&1; /usr/bin/env -0' _ "$c.sh" > "$c.env" 2> /dev/null < /dev/null
  echo $? > "$c.env.rc"
  /usr/bin/bash -n "$c.sh" 2> "$c.bashn"; echo $? >> "$c.bashn"
done < {d}/sourced
"#
    );
    let driver_path = dir.join("driver.sh");
    fs::write(&driver_path, driver).expect("write driver");
    let mut cmd = if ns {
        let mut c = Command::new("unshare");
        c.args(["-m", "--propagation", "private", "/usr/bin/dash"]).arg(&driver_path).arg("ns");
        c
    } else {
        let mut c = Command::new("/usr/bin/dash");
        c.arg(&driver_path).arg("plain");
        c
    };
    let status = cmd.env_clear().env("PATH", "/usr/bin:/bin").status();
    assert!(status.expect("run driver").success(), "the driver failed");
    ns
}

/// The records of a stub log (`PREFIX.0`, `PREFIX.1`, …), sorted: each is
/// argv (name first) followed by stdin. An `id` word right before `value`
/// (nmcli's way to take a name that looks like an option) is dropped.
fn read_log(prefix: &str, value: Option<&str>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for i in 0.. {
        let Ok(bytes) = fs::read(format!("{prefix}.{i}")) else { break };
        let mut fields = bytes.split(|&b| b == 0).map(|f| String::from_utf8_lossy(f).into_owned());
        // Normally one record per file; read on in case two calls raced.
        while let Some(Ok(argc)) = fields.next().map(|a| a.parse::<usize>()) {
            let rec: Vec<String> = fields.by_ref().take(argc + 2).collect();
            out.push(drop_id(rec, value));
        }
    }
    out.sort();
    out
}

/// An nmcli record without the optional `id` word before `value`.
fn drop_id(mut rec: Vec<String>, value: Option<&str>) -> Vec<String> {
    if let (Some(v), Some("nmcli")) = (value, rec.first().map(String::as_str)) {
        let mut j = 1;
        while j + 1 < rec.len() {
            if rec[j] == "id" && rec[j + 1] == v {
                rec.remove(j);
            }
            j += 1;
        }
    }
    rec
}

fn read(path: &str) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

fn syntax_ok(c: &str, fails: &mut Vec<String>, label: &str, shells: &[&str]) {
    for sh in shells {
        let out = read(&format!("{c}.{sh}"));
        if out.trim_end().lines().last() != Some("0") {
            fails.push(format!("{label}: `{}` fails: {}", sh.replace('n', " -n"), out.trim()));
        }
    }
}

fn shellcheck_codes(files: &[&str]) -> HashMap<String, BTreeSet<String>> {
    let mut codes: HashMap<String, BTreeSet<String>> = HashMap::new();
    for chunk in files.chunks(200) {
        let out = Command::new("shellcheck")
            // SC2088 (tilde in quotes does not expand): a name starting with
            // `~` is quoted on purpose, to stay a literal.
            .args(["-s", "sh", "-f", "gcc", "-S", "warning", "-e", "SC2088"])
            .args(chunk)
            .output()
            .expect("shellcheck is installed");
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let (Some((file, _)), Some(code)) = (line.split_once(':'), line.rsplit_once("[SC")) {
                codes
                    .entry(file.to_owned())
                    .or_default()
                    .insert(code.1.trim_end_matches(']').to_owned());
            }
        }
    }
    codes
}

fn python_check(script: &str, cases: &[(String, String)], dir: &Path, fails: &mut Vec<String>) {
    if cases.is_empty() {
        return;
    }
    let manifest = dir.join(format!("manifest-{}", cases.len()));
    let list: String = cases.iter().map(|(c, _)| format!("{c}\n")).collect();
    fs::write(&manifest, list).expect("write manifest");
    let labels: HashMap<&str, &str> = cases.iter().map(|(c, l)| (c.as_str(), l.as_str())).collect();
    let out = if script.ends_with(".py") {
        Command::new("python3").arg(script).arg(&manifest).output()
    } else {
        Command::new("python3").arg("-c").arg(script).arg(&manifest).output()
    }
    .expect("python3");
    let stdout = String::from_utf8_lossy(&out.stdout);
    for line in stdout.lines().filter(|l| l.starts_with("FAIL ")) {
        let rest = &line[5..];
        let (case, reason) = rest.split_once(": ").unwrap_or((rest, ""));
        fails.push(format!("{}: {reason}", labels.get(case).copied().unwrap_or(case)));
    }
    assert!(
        out.status.success() || stdout.contains("FAIL "),
        "{script} crashed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const YAML_CHECK: &str = r#"
import sys, yaml
def sub(x, a, b):
    if isinstance(x, str): return x.replace(a, b)
    if isinstance(x, list): return [sub(v, a, b) for v in x]
    if isinstance(x, dict): return {sub(k, a, b): sub(v, a, b) for k, v in x.items()}
    return x
bad = 0
for case in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if not case: continue
    r = lambda n: open(f"{case}/{n}", encoding="utf-8", newline="").read()
    try:
        base = yaml.safe_load(r("base.yaml")); new = yaml.safe_load(r("hostile.yaml"))
    except Exception as e:
        print(f"FAIL {case}: yaml does not load: {str(e).splitlines()[0]}"); bad += 1; continue
    want = sub(base, r("from"), r("to")) if r("from") else base
    if new != want and r("from"):
        print(f"FAIL {case}: yaml value does not round-trip: {str(new)[:200]!r} != {str(want)[:200]!r}"); bad += 1
print("ok")
"#;

#[test]
fn corpus_is_large_and_decodes() {
    let c = corpus();
    assert!(c.len() >= 300, "only {} entries", c.len());
    let unique: BTreeSet<&String> = c.iter().collect();
    assert_eq!(unique.len(), c.len(), "duplicate corpus entries");
    for needle in [
        "\n", "\r", "\0", "\u{202e}", "$(", "`", "@()", "--%", "%PATH%", "^", "&anchor", "!!tag",
        ": ",
    ] {
        assert!(c.iter().any(|e| e.contains(needle)), "corpus lacks {needle:?}");
    }
    assert!(c.iter().any(|e| e.len() >= 65536), "corpus lacks a very long string");
    assert_eq!(decode_entry("a\\u{20}\\\\\\n").unwrap(), "a \\\n");
    assert_eq!(decode_entry("\\repeat{3}:ab").unwrap(), "ababab");
    assert!(decode_entry("\\q").is_err());
}

#[test]
fn hostile_strings_are_rejected_or_stay_literal() {
    // Minutes of real shell runs: only in the README's test command.
    if std::env::var("SIW_REAL_TOOLS").as_deref() != Ok("1") {
        eprintln!("\n!!!!!!!! SKIPPED hostile strings: set SIW_REAL_TOOLS=1 (scripts/test.sh does) !!!!!!!!\n");
        return;
    }
    let corpus = corpus();
    // One directory per process: several test runs may share the target dir.
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let started = std::time::Instant::now();
    fs::create_dir_all(&dir).expect("mkdir");
    let mut batch = Batch { dir: dir.clone(), ..Batch::default() };
    let mut fails: Vec<String> = Vec::new();
    let (mut rejected, mut accepted) = (0usize, 0usize);

    for &(os, mode) in SCENARIOS {
        let base_form = base_form(os, mode);
        let base_plan = match validate(&base_form) {
            Ok(p) => p,
            Err(e) => {
                fails.push(format!("{os}/{mode}: the base form does not validate: {e:?}"));
                continue;
            }
        };
        let base = render_all(&base_plan);
        for &(field, free) in FIELDS {
            for value in &corpus {
                let mut form = base_form.clone();
                set_field(&mut form, field, value);
                let label = format!("{os}/{mode} {field:?}={}", short(value));
                let plan = match validate(&form) {
                    Err(problems) => {
                        rejected += 1;
                        let on_field = problems.iter().any(|p| {
                            p.is_error()
                                && (p.field == field
                                    || (!free
                                        && ADDRESS_FIELDS.contains(&field)
                                        && in_address_group(p.field))
                                    || (IPV6_FIELDS.contains(&field)
                                        && IPV6_FIELDS.contains(&p.field))
                                    || matches!(
                                        (field, p.field),
                                        (Field::Secondary(_), Field::Secondaries)
                                    ))
                        });
                        if !on_field {
                            let list: Vec<String> = problems
                                .iter()
                                .map(|p| format!("{:?}: {}", p.field, p.kind))
                                .collect();
                            fails.push(format!(
                                "{label}: rejected, but not on {field:?}: {}",
                                list.join("; ")
                            ));
                        }
                        continue;
                    }
                    Ok(plan) => plan,
                };
                accepted += 1;
                if !free {
                    let typed = match field {
                        Field::Mac => plan.mac.map(|m| m.to_string()),
                        Field::InstanceType => plan.instance_type.clone(),
                        Field::Region => plan.region.clone(),
                        Field::EniId => plan.eni_id.clone(),
                        Field::InstanceId => plan.instance_id.clone(),
                        _ => None,
                    };
                    if let Some(t) = typed.filter(|t| !plain(t)) {
                        fails.push(format!(
                            "{label}: accepted as {}, which is not plain",
                            short(&t)
                        ));
                    }
                }
                if !free || !renders(field, os) {
                    continue;
                }
                let subs = substitutions(field, &plan);
                let renderings = render_all(&plan);
                for (b, r) in base.iter().zip(&renderings) {
                    let bids: Vec<&str> = b.artifacts().map(|a| a.id.as_str()).collect();
                    let rids: Vec<&str> = r.artifacts().map(|a| a.id.as_str()).collect();
                    let refused = r.method == Method::Netsh
                        && quote::cmd(&plan.windows_alias).is_none()
                        && r.artifacts().all(|a| {
                            a.lang != Lang::Cmd || !a.content.contains(&plan.windows_alias)
                        });
                    if bids != rids && refused {
                        // netsh cannot carry the value: the renderer replaced
                        // the commands (checked above: none holds the value).
                        continue;
                    }
                    if bids != rids {
                        // A value may legitimately add a note-only artifact;
                        // anything else must line up one to one.
                        fails.push(format!(
                            "{label} {}: artifact ids changed: {bids:?} → {rids:?}",
                            r.method
                        ));
                        continue;
                    }
                    for (ba, ra) in b.artifacts().zip(r.artifacts()) {
                        if ra.id.ends_with(".script") {
                            // A script embeds the other artifacts, checked on
                            // their own: one OS per method and one value per
                            // quoting class are enough, and
                            // shellcheck runs on a quarter of them.
                            let key = (ra.id.clone(), format!("{field:?}"), signature(value));
                            if !batch.scripts_seen.insert(key) {
                                continue;
                            }
                            batch.shellcheck = batch.scripts_seen.len().is_multiple_of(4);
                        }
                        let l = format!("{label} {}", ra.id);
                        check_artifact(&mut batch, &mut fails, &l, ba, ra, &subs);
                    }
                }
            }
        }
    }

    eprintln!(
        "hostile: rendered in {:.1}s; {} command runs, {} scripts, {} sourced files, {} yaml, {} powershell to check",
        started.elapsed().as_secs_f64(),
        batch.runs.len(),
        batch.scripts.len(),
        batch.sourced.len(),
        batch.yaml.len(),
        batch.pwsh.len()
    );
    let real = run_driver(&dir, &batch);
    eprintln!("hostile: tools ran in {:.1}s", started.elapsed().as_secs_f64());
    if !real {
        eprintln!("SKIPPED: real runs of the command blocks need root and unshare; only syntax was checked");
    }
    for (c, b, subs, label) in &batch.runs {
        if !real {
            syntax_ok(c, &mut fails, label, &["dashn", "bashn"]);
            continue;
        }
        for sh in ["dash", "bash"] {
            let value = subs.last().map(|(_, to)| to.as_str());
            let mut want: Vec<Vec<String>> = read_log(&format!("{b}.{sh}.log"), None)
                .iter()
                .map(|r| drop_id(r.iter().map(|f| subst(f, subs)).collect(), value))
                .collect();
            want.sort();
            let got = read_log(&format!("{c}.{sh}.log"), value);
            if got != want {
                let first = got
                    .iter()
                    .zip(&want)
                    .position(|(g, w)| g != w)
                    .unwrap_or(got.len().min(want.len()));
                fails.push(format!(
                    "{label}: under {sh}, command {first} ran as {:?}, expected {:?}",
                    got.get(first).map(|r| r.iter().map(|f| short(f)).collect::<Vec<_>>()),
                    want.get(first).map(|r| r.iter().map(|f| short(f)).collect::<Vec<_>>()),
                ));
                continue;
            }
            let (rc, brc) = (read(&format!("{c}.{sh}.rc")), read(&format!("{b}.{sh}.rc")));
            let (out, bout) = (read(&format!("{c}.{sh}.out")), read(&format!("{b}.{sh}.out")));
            if rc != brc || out != subst(&bout, subs) {
                fails.push(format!(
                    "{label}: under {sh}, exit {} (base {}) / output {} (expected {}); stderr {}",
                    rc.trim(),
                    brc.trim(),
                    short(&out),
                    short(&subst(&bout, subs)),
                    short(&read(&format!("{c}.{sh}.err")))
                ));
            }
        }
    }
    for (c, b, subs, label) in &batch.sourced {
        syntax_ok(c, &mut fails, label, &["bashn"]);
        let parse = |p: &str| -> Vec<String> {
            let mut v: Vec<String> =
                read(p).split('\0').filter(|s| !s.is_empty()).map(str::to_owned).collect();
            v.sort();
            v
        };
        let mut want: Vec<String> =
            parse(&format!("{b}.env")).iter().map(|v| subst(v, subs)).collect();
        want.sort();
        let got = parse(&format!("{c}.env"));
        // wicked leaves LABEL_n out when IF:LABEL would pass the kernel's 15
        // bytes (with a warning note): a long name may drop those, nothing else.
        let missing_ok = want.iter().filter(|w| !got.contains(w)).all(|w| w.starts_with("LABEL_"));
        let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).take(3).collect();
        if !extra.is_empty()
            || !missing_ok
            || read(&format!("{c}.env.rc")) != read(&format!("{b}.env.rc"))
        {
            let diff = extra;
            fails.push(format!("{label}: sourcing the file sets {diff:?} instead of the base's with the value substituted"));
        }
    }
    let scripts: Vec<&str> = batch
        .scripts
        .iter()
        .filter(|s| s.3)
        .flat_map(|(c, b, _, _)| [c.as_str(), b.as_str()])
        .collect();
    let script_files: Vec<String> = scripts.iter().map(|c| format!("{c}.sh")).collect();
    let script_refs: Vec<&str> = script_files.iter().map(String::as_str).collect();
    let codes = shellcheck_codes(&script_refs);
    for (c, b, label, checked) in &batch.scripts {
        syntax_ok(c, &mut fails, label, &["dashn", "bashn"]);
        let none = BTreeSet::new();
        let new = codes.get(&format!("{c}.sh")).unwrap_or(&none);
        let old = codes.get(&format!("{b}.sh")).unwrap_or(&none);
        // SC1112 (a Unicode quote inside double quotes) changes nothing.
        let extra: Vec<&String> = new.difference(old).filter(|c| *c != "1112").collect();
        if *checked && !extra.is_empty() {
            fails.push(format!(
                "{label}: shellcheck finds {extra:?}, which the base script does not have"
            ));
        }
    }
    python_check(YAML_CHECK, &batch.yaml, &dir, &mut fails);
    let pwsh = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/hostile_pwsh.py");
    python_check(&pwsh.to_string_lossy(), &batch.pwsh, &dir, &mut fails);

    eprintln!(
        "hostile: {} entries, {rejected} rejected, {accepted} accepted; checked {} command runs, {} scripts, {} sourced files, {} yaml, {} powershell",
        corpus.len(),
        batch.runs.len(),
        batch.scripts.len(),
        batch.sourced.len(),
        batch.yaml.len(),
        batch.pwsh.len()
    );
    if fails.is_empty() {
        let _ = fs::remove_dir_all(&dir);
    } else {
        let n = fails.len();
        fails.sort();
        fails.dedup();
        let report: String = fails.iter().take(80).map(|f| format!("  {f}\n")).collect();
        let _ = fs::write(dir.join("failures.txt"), fails.join("\n"));
        panic!(
            "{n} hostile-string failures (all in {}):\n{report}",
            dir.join("failures.txt").display()
        );
    }
}
