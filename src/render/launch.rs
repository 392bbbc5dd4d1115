//! At launch: the all-in-one script as the user data of a new instance, so
//! that an instance created with its secondaries assigned comes up with
//! them configured (issue 18, item 3).
//!
//! [`delivery`] makes, for any method on the primary ENI:
//!
//! - `<method>.launch.user-data`: on Linux a `#cloud-config` document whose
//!   `write_files` puts two files under [`DIR`]: `wait.sh`
//!   (`src/render/sh/launch_wait.sh`) and `script.sh`, the rendering's
//!   all-in-one script byte for byte; its `runcmd` runs `wait.sh` once (per
//!   instance), which waits up to [`WAIT_SECONDS`] until the metadata server
//!   lists every planned secondary, then runs the script with `--yes`. The
//!   script goes in as a literal block when it fits and YAML can carry it
//!   unchanged, else gzip-compressed and Base64-encoded ([`crate::gzip`],
//!   `encoding: gz+b64`). On Windows, `[powershell]` and
//!   `src/render/ps/launch_wait.ps1`, then the script written to a file and
//!   run with `-Yes` (the netsh batch file with `/yes`).
//! - `<method>.launch.aliyun`: `RunInstances` with the plan's primary as
//!   `PrivateIpAddress` and the user data, then, once the instance is
//!   `Running`, its primary ENI's `AssignPrivateIpAddresses`.
//! - `<method>.launch.terraform`: `alicloud_instance` with `private_ip`,
//!   `secondary_private_ips` and `user_data`.
//!
//! Why the wait: neither path assigns the secondaries in `RunInstances`
//! itself. The aliyun block calls `AssignPrivateIpAddresses` once the
//! instance runs, and so does Terraform's provider: `alicloud_instance`'s
//! create calls RunInstances, waits for `Running`, then its update assigns
//! `secondary_private_ips` to the primary ENI with AssignPrivateIpAddresses
//! (`resource_alicloud_instance.go`, read at 81c43b6, 2026-08). The first
//! boot can run before that.
//!
//! Sources (2026-12):
//!
//! - Instance user data (<https://www.alibabacloud.com/help/en/ecs/user-guide/customize-the-initialization-configuration-for-an-instance>,
//!   <https://www.alibabacloud.com/help/doc-detail/49121.htm>): Base64 in the
//!   API, at most 16 KB before encoding ([`USER_DATA_LIMIT`]); Linux images
//!   read it with cloud-init (`#cloud-config` among the formats); Windows
//!   runs user data whose first line is `[bat]` or `[powershell]`
//!   (<https://www.alibabacloud.com/help/doc-detail/130764.htm>).
//! - cloud-init's `write_files` (`path`, `permissions`, `encoding` with
//!   `gz+b64`, `content`) and `runcmd`, per instance: the module docs, and
//!   the real cloud-init reads every rendered document in the tests.
//! - RunInstances (<https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances>):
//!   `RegionId`, `ImageId`, `InstanceType`, `SecurityGroupId`, `VSwitchId`,
//!   `PrivateIpAddress`, `UserData` (Base64); the response's
//!   `InstanceIdSets.InstanceIdSet`. DescribeInstances (`InstanceIds`, a
//!   JSON array; `Status`), DescribeNetworkInterfaces (`InstanceId`, `Type`
//!   `Primary`; `NetworkInterfaceId`).
//! - alicloud_instance (<https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/instance>):
//!   `private_ip`, `secondary_private_ips` (1.144.0+), `user_data` (Base64
//!   recommended; a change reboots the instance), `ipv6_addresses`
//!   (1.193.0+, ForceNew: set at creation only).
//!
//! IPv6: the aliyun block assigns the plan's IPv6 addresses with
//! `AssignIpv6Addresses` right after the IPv4 ones (no IPv4 call when the
//! plan has none); the first boot's wait reads `private-ipv4s` only, so a
//! note says that it does not wait for the IPv6 addresses.

use std::fmt::Write as _;

use super::assistant::{self, comment_lines, comment_text};
use super::quote::{hcl, hcl_list, pwsh, pwsh_list, sh};
use super::template::fill;
use super::{cloud, Artifact, Lang, Note};
use crate::catalog::Method;
use crate::plan::{EniKind, Plan};
use crate::wording::render::{NoteText as N, TitleText as T};
use crate::wording::{self, Locale};

/// The most bytes an instance's user data may hold before Base64.
pub const USER_DATA_LIMIT: usize = 16 * 1024;

/// How long the first boot waits for the cloud to assign the secondaries.
pub const WAIT_SECONDS: u32 = 600;

/// Where the Linux user data puts its two files.
pub const DIR: &str = "/var/lib/cloud/secondary-ip-wizard";

/// Where cloud-init writes what `runcmd` prints.
pub const LOG: &str = "/var/log/cloud-init-output.log";

/// Where the Windows user data keeps its transcript.
pub const WINDOWS_LOG: &str = r"C:\ProgramData\secondary-ip-wizard\launch.log";

const WAIT_SH: &str = include_str!("sh/launch_wait.sh");
const WAIT_PS: &str = include_str!("ps/launch_wait.ps1");

/// The at-launch blocks of one rendering, with their notes (what the
/// blocks do, or why they are not available): `<method>.launch.user-data`,
/// `.aliyun`, `.terraform`, in that order. The same shape as the Cloud
/// Assistant's blocks, so that the page shows both through one view.
pub type Launch = assistant::Delivery;

/// The user data for a plan and its all-in-one script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserData {
    /// The document, as the instance reads it (before Base64).
    pub text: String,
    /// Whether the script is in it gzip-compressed.
    pub compressed: bool,
}

/// Why a plan has no user data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The plan is for a secondary ENI.
    SecondaryEni,
    /// Even compressed, the user data would be this many bytes.
    TooLarge(usize),
}

/// The user data that configures `plan` at the first boot with `script`
/// (the rendering's all-in-one script).
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::plan::{validate, Form};
/// use wizard::render::{launch::user_data, render};
/// let plan = validate(&Form::guide_example()).unwrap();
/// let u = user_data(&plan, &render(&plan, Method::Netplan).script).unwrap();
/// assert!(u.text.starts_with("#cloud-config\n"));
/// assert!(u.text.len() <= wizard::render::launch::USER_DATA_LIMIT);
/// ```
pub fn user_data(plan: &Plan, script: &Artifact) -> Result<UserData, Refusal> {
    if plan.eni_kind == EniKind::Secondary {
        return Err(Refusal::SecondaryEni);
    }
    let windows = matches!(script.lang, Lang::PowerShell | Lang::Cmd);
    let make = |compressed: bool| {
        if windows {
            windows_user_data(plan, script, compressed)
        } else {
            cloud_config(plan, script, compressed)
        }
    };
    let plain =
        if windows { ps_literal_ok(&script.content) } else { yaml_literal_ok(&script.content) };
    if plain {
        let text = make(false);
        if text.len() <= USER_DATA_LIMIT {
            return Ok(UserData { text, compressed: false });
        }
    }
    let text = make(true);
    if text.len() <= USER_DATA_LIMIT {
        Ok(UserData { text, compressed: true })
    } else {
        Err(Refusal::TooLarge(text.len()))
    }
}

/// Whether YAML's literal block (`|`, clip) reads back exactly `s`: every
/// character printable in YAML, no carriage return, the first line not
/// indented (the block's indentation is taken from it), one final newline.
fn yaml_literal_ok(s: &str) -> bool {
    let printable = |c: char| {
        c == '\n'
            || c == '\t'
            || !(c.is_control() || matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'))
    };
    s.ends_with('\n')
        && !s.ends_with("\n\n")
        && !s.starts_with([' ', '\t', '\n'])
        && s.chars().all(printable)
}

/// Whether a single-quoted here-string (`@'` … `'@`) carries `s` unchanged.
fn ps_literal_ok(s: &str) -> bool {
    s.ends_with('\n') && !s.lines().any(|l| l.starts_with("'@")) && !s.contains('\r')
}

/// The secondaries as one line of text.
fn listed(plan: &Plan) -> String {
    plan.secondaries.iter().map(|&a| crate::net::dotted(a)).collect::<Vec<_>>().join(", ")
}

/// The Linux user data: `#cloud-config` with the two files and `runcmd`.
fn cloud_config(plan: &Plan, script: &Artifact, compressed: bool) -> String {
    let want: Vec<String> = plan.secondaries.iter().map(|&a| crate::net::dotted(a)).collect();
    let wait = fill(
        WAIT_SH,
        &[
            ("interface", &sh(plan.interface.as_str())),
            ("interface_text", &comment_text(plan.interface.as_str())),
            ("want", &sh(&want.join(" "))),
            ("limit", &WAIT_SECONDS.to_string()),
            ("script", &sh(&format!("{DIR}/script.sh"))),
            ("confirm", assistant::SH_CONFIRM),
        ],
    );
    let mut out = String::from("#cloud-config\n");
    let _ = writeln!(
        out,
        "# Secondary IP Wizard, at the first boot of a new instance: the {} all-in-one script\n\
         # configures {} on {} (unattended, {}), once. cloud-init writes the two files\n\
         # below, then runs wait.sh (runcmd): it waits until the metadata server lists every planned\n\
         # secondary (at most {WAIT_SECONDS} s), then runs script.sh. Their output: {LOG}.",
        script.id.split('.').next().unwrap_or_default(),
        listed(plan),
        comment_text(plan.interface.as_str()),
        assistant::SH_CONFIRM,
    );
    if compressed {
        out.push_str("# script.sh is the all-in-one script, gzip-compressed and Base64-encoded (encoding gz+b64).\n");
    }
    out.push_str("write_files:\n");
    literal_file(&mut out, &format!("{DIR}/wait.sh"), &wait);
    let _ = write!(out, "  - path: {DIR}/script.sh\n    permissions: \"0700\"\n");
    if compressed {
        let b64 = assistant::base64(&crate::gzip::gzip(script.content.as_bytes()));
        let _ = writeln!(out, "    encoding: gz+b64\n    content: {b64}");
    } else {
        out.push_str("    content: |\n");
        indent(&mut out, &script.content);
    }
    let _ = writeln!(out, "runcmd:\n  - [sh, {DIR}/wait.sh]");
    out
}

/// One `write_files` entry with its content as a literal block.
fn literal_file(out: &mut String, path: &str, content: &str) {
    let _ = write!(out, "  - path: {path}\n    permissions: \"0700\"\n    content: |\n");
    indent(out, content);
}

/// `text` as a literal block's lines (six spaces in; empty lines empty).
fn indent(out: &mut String, text: &str) {
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("      ");
        }
        out.push_str(line);
        out.push('\n');
    }
}

/// The Windows user data: `[powershell]`, the wait, then the script
/// written to a file and run with its confirmation flag.
fn windows_user_data(plan: &Plan, script: &Artifact, compressed: bool) -> String {
    let alias = &plan.windows_alias;
    let mut out = fill(
        WAIT_PS,
        &[
            ("alias", &pwsh(alias)),
            ("alias_text", &comment_text(alias)),
            ("want", &pwsh_list(&plan.secondaries)),
            ("limit", &WAIT_SECONDS.to_string()),
        ],
    );
    let batch = script.lang == Lang::Cmd;
    let (ext, encoding) = if batch { ("cmd", "Default") } else { ("ps1", "UTF8") };
    let _ = writeln!(out, "$f = Join-Path $env:TEMP 'secondary-ip-wizard-launch.{ext}'");
    if compressed {
        let b64 = assistant::base64(&crate::gzip::gzip(script.content.as_bytes()));
        out.push_str("# The all-in-one script, gzip-compressed and Base64-encoded.\n");
        let _ = writeln!(out, "$packed = [Convert]::FromBase64String('{b64}')");
        out.push_str(
            "$gz = New-Object IO.Compression.GzipStream((New-Object IO.MemoryStream(,$packed)), [IO.Compression.CompressionMode]::Decompress)\n\
             $plain = New-Object IO.MemoryStream\n\
             $gz.CopyTo($plain)\n\
             $text = [Text.Encoding]::UTF8.GetString($plain.ToArray())\n",
        );
    } else {
        out.push_str("# The all-in-one script, unchanged.\n$text = @'\n");
        out.push_str(&script.content);
        out.push_str("'@\n");
    }
    if batch {
        out.push_str("# cmd.exe reads labels reliably only with CRLF line ends.\n$text = $text -replace \"`r?`n\", \"`r`n\"\n");
    }
    let _ = writeln!(out, "Set-Content -LiteralPath $f -Value $text -Encoding {encoding}");
    if batch {
        let _ = writeln!(out, "cmd.exe /c \"`\"$f`\" {}\"", assistant::BAT_CONFIRM);
    } else {
        let _ = writeln!(
            out,
            "powershell -NoProfile -ExecutionPolicy Bypass -File $f {}",
            assistant::PS_CONFIRM
        );
    }
    out.push_str("$rc = $LASTEXITCODE\nRemove-Item -LiteralPath $f -ErrorAction SilentlyContinue\nStop-Transcript | Out-Null\nexit $rc\n");
    out
}

/// The at-launch blocks and notes of one rendering, whose all-in-one
/// script is `script`.
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::plan::{validate, Form};
/// use wizard::render::{launch::delivery, render};
/// use wizard::wording::Locale;
/// let plan = validate(&Form::guide_example()).unwrap();
/// let r = render(&plan, Method::Netplan);
/// let d = delivery(&plan, r.method, &r.script, Locale::En);
/// let ids: Vec<_> = d.artifacts.iter().map(|a| a.id.as_str()).collect();
/// assert_eq!(ids, ["netplan.launch.user-data", "netplan.launch.aliyun", "netplan.launch.terraform"]);
/// assert!(d.artifacts[1].content.contains("aliyun ecs RunInstances"));
/// ```
// Once in the bundle, not inlined into every caller of `Rendering::launch`.
#[inline(never)]
pub fn delivery(plan: &Plan, method: Method, script: &Artifact, locale: Locale) -> Launch {
    let say = |level: fn(String) -> Note, n: N| level(wording::note(locale, &n));
    let title = |t: T| wording::title(locale, &t);
    let id = |part: &str| format!("{}.launch.{part}", method.as_str());
    let windows = matches!(script.lang, Lang::PowerShell | Lang::Cmd);
    let mut notes = Vec::new();
    let data_lang = if windows { Lang::PowerShell } else { Lang::Yaml };
    let blocks = match user_data(plan, script) {
        Err(why) => {
            let n = match why {
                Refusal::SecondaryEni => N::LaunchNotForSecondaryEni,
                Refusal::TooLarge(size) => N::LaunchTooLarge { size, limit: USER_DATA_LIMIT },
            };
            let text = wording::note(locale, &n);
            notes.push(Note::warning(text.clone()));
            let c = comment_lines("# ", &text);
            [c.clone(), c.clone(), c]
        }
        Ok(u) => {
            let (log, confirm) = if windows {
                let flag = if script.lang == Lang::Cmd {
                    assistant::BAT_CONFIRM
                } else {
                    assistant::PS_CONFIRM
                };
                (WINDOWS_LOG, flag)
            } else {
                (LOG, assistant::SH_CONFIRM)
            };
            notes.push(say(Note::info, N::LaunchHow { wait: WAIT_SECONDS, log, confirm }));
            if !plan.ipv6_to_add().is_empty() {
                notes.push(say(Note::info, N::LaunchIpv6NotAwaited));
            }
            if u.compressed {
                notes.push(say(Note::info, N::LaunchCompressed));
            }
            if windows {
                notes.push(say(Note::info, N::LaunchWindows));
            }
            let b64 = assistant::base64(u.text.as_bytes());
            [u.text, aliyun(plan, method, &b64, windows), terraform(plan, method, &b64)]
        }
    };
    let [data, cli, tf] = blocks;
    let artifacts = vec![
        Artifact::commands(id("user-data"), title(T::LaunchUserData), data_lang, data),
        Artifact::commands(id("aliyun"), title(T::LaunchAliyun), Lang::Sh, cli),
        Artifact::commands(id("terraform"), title(T::LaunchTerraform), Lang::Hcl, tf),
    ];
    Launch { notes, artifacts }
}

/// A value the form does not hold: `"${VAR:?fill in VAR: what}"`.
fn ask(var: &str, what: &str) -> String {
    format!("\"${{{var}:?fill in {var}: {what}}}\"")
}

/// The aliyun block: RunInstances, wait for Running, assign.
fn aliyun(plan: &Plan, method: Method, b64: &str, windows: bool) -> String {
    let field = |name: &str| {
        format!("tr -d ' \\n' | sed -n 's/.*\"{name}\":\\[*\"\\([^\"]*\\)\".*/\\1/p' | head -n 1")
    };
    let mut out = format!(
        "# Create a new instance whose first boot configures the secondaries with the {} all-in-one\n\
         # script (the user data above, Base64-encoded in --UserData), then assign them to its\n\
         # primary ENI once it runs. aliyun CLI, set up with: aliyun configure. Stops at the first failure.\n",
        method.as_str()
    );
    if plan.region.is_none() {
        out.push_str("REGION=''  # fill in: the region id, e.g. cn-hangzhou\n");
    }
    out.push_str(
        "IMAGE=''  # fill in: the image id, e.g. ubuntu_22_04_x64_20G_alibase_20240101.vhd\n",
    );
    if plan.instance_type.is_none() {
        out.push_str("TYPE=''  # fill in: the instance type, e.g. ecs.g7.large\n");
    }
    out.push_str("SG=''  # fill in: the security group id, sg-...\n");
    let _ = writeln!(out, "VSWITCH=''  # fill in: the id of the vSwitch {}, vsw-...", plan.subnet);
    let instance_type = match &plan.instance_type {
        Some(t) => sh(t),
        None => ask("TYPE", "the instance type"),
    };
    out.push_str("(\n  set -e\n");
    let _ = writeln!(out, "  region={}", cloud::region_word(plan));
    let _ = write!(
        out,
        "  out=$(aliyun ecs RunInstances \\\n    --RegionId \"$region\" \\\n    --ImageId {} \\\n    --InstanceType {instance_type} \\\n    --SecurityGroupId {} \\\n    --VSwitchId {} \\\n    --PrivateIpAddress {} \\\n    --UserData {}\n  )\n",
        ask("IMAGE", "the image id"),
        ask("SG", "the security group id"),
        ask("VSWITCH", "the vSwitch id"),
        sh(&plan.primary.to_string()),
        sh(b64),
    );
    let _ = writeln!(out, "  created=$(printf '%s\\n' \"$out\" | {})", field("InstanceIdSet"));
    out.push_str("  [ -n \"$created\" ] || { printf 'RunInstances gave no instance id:\\n%s\\n' \"$out\" >&2; exit 1; }\n");
    out.push_str("  echo \"instance $created: waiting until it is Running\"\n  ids=\"[\\\"$created\\\"]\"\n  n=0\n");
    out.push_str("  until aliyun ecs DescribeInstances --RegionId \"$region\" --InstanceIds \"$ids\" | grep -q '\"Status\": *\"Running\"'; do\n");
    out.push_str("    n=$((n + 1))\n    if [ \"$n\" -ge 60 ]; then echo \"$created is not Running after 5 minutes\" >&2; exit 1; fi\n    sleep 5\n  done\n");
    let _ = writeln!(
        out,
        "  eni=$(aliyun ecs DescribeNetworkInterfaces --RegionId \"$region\" --InstanceId \"$created\" --Type Primary | {})",
        field("NetworkInterfaceId")
    );
    out.push_str(
        "  [ -n \"$eni\" ] || { echo \"no primary ENI found for $created\" >&2; exit 1; }\n",
    );
    out.push_str("  echo \"assigning the secondaries to $eni: the first boot waits for them, then configures them\"\n");
    for line in cloud::aliyun_commands_on(plan, false, "\"$eni\"").lines() {
        let _ = writeln!(out, "  {line}");
    }
    let log = if windows { WINDOWS_LOG.replace('\\', "\\\\") } else { LOG.to_owned() };
    let _ = writeln!(out, "  echo \"done: the first boot's output is in {log} on $created\"");
    out.push_str(")\n");
    out
}

/// The Terraform block: `alicloud_instance` with the addresses and the user data.
fn terraform(plan: &Plan, method: Method, b64: &str) -> String {
    let mut out = format!(
        "# alicloud provider 1.144.0+: a new instance with the primary {} and the secondaries,\n\
         # whose first boot configures them with the {} all-in-one script (user_data: the user data\n\
         # above, Base64-encoded). The provider assigns secondary_private_ips once the instance runs;\n\
         # the first boot waits for them. The list is authoritative, as on an existing instance;\n\
         # a change of user_data or private_ip reboots the instance.\n",
        plan.primary,
        method.as_str()
    );
    for (var, what) in [
        ("image_id", "The image to start from"),
        ("security_group_id", "The security group (sg-...)"),
        ("vswitch_id", "The vSwitch the addresses belong to (vsw-...)"),
    ] {
        let _ = write!(
            out,
            "\nvariable \"{var}\" {{\n  description = {}\n  type        = string\n}}\n",
            hcl(what)
        );
    }
    if plan.instance_type.is_none() {
        out.push_str("\nvariable \"instance_type\" {\n  description = \"The instance type (ecs....)\"\n  type        = string\n}\n");
    }
    out.push_str("\nresource \"alicloud_instance\" \"secondary_ip_wizard\" {\n");
    out.push_str("  image_id              = var.image_id\n");
    match &plan.instance_type {
        Some(t) => {
            let _ = writeln!(out, "  instance_type         = {}", hcl(t));
        }
        None => out.push_str("  instance_type         = var.instance_type\n"),
    }
    out.push_str("  security_groups       = [var.security_group_id]\n  vswitch_id            = var.vswitch_id\n");
    let _ = writeln!(out, "  private_ip            = {}", hcl(&plan.primary.to_string()));
    let _ = writeln!(out, "  secondary_private_ips = {}", hcl_list(&plan.secondaries));
    if !plan.ipv6_to_add().is_empty() {
        // ForceNew on alicloud_instance: right at creation, wrong on an
        // existing instance (see cloud.rs).
        out.push_str("  # ipv6_addresses (provider 1.193.0+) is ForceNew: set at creation, never changed later.\n");
        let _ = writeln!(out, "  ipv6_addresses        = {}", hcl_list(plan.ipv6_to_add()));
    }
    let _ = writeln!(out, "  user_data             = {}", hcl(b64));
    out.push_str("}\n");
    out
}
