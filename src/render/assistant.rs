//! Delivery through Cloud Assistant: for every method, the all-in-one
//! script (the rendering's `script` artifact, byte for byte) run on the
//! instance by Alibaba Cloud's Cloud Assistant, and its result fetched.
//!
//! [`delivery`] makes, for any method, Linux or Windows:
//!
//! - `<method>.assistant.run`: `aliyun ecs RunCommand` with the command
//!   content Base64-encoded, then `aliyun ecs DescribeInvocationResults`
//!   every [`POLL_SECONDS`] s, at most [`POLL_TIMES`] times, until the
//!   invocation is over; the Base64 `Output` decoded with `base64 -d`; a
//!   non-zero exit unless the status is `Success`. POSIX sh, run in a
//!   subshell so that a pasted block never closes the user's shell.
//! - `<method>.assistant.sequence`: the Assign step's
//!   `AssignPrivateIpAddresses` and `AssignIpv6Addresses` calls, each when
//!   the plan has addresses of its family ([`super::cloud`]), then the run: the
//!   script's own checks are the verify, and its output is printed.
//! - `<method>.assistant.terraform`: an optional `alicloud_ecs_command` and
//!   `alicloud_ecs_invocation` pair holding the same content.
//!
//! What the command content is (before Base64), per script language:
//!
//! - sh (`RunShellScript`): the script in a quoted here-document written to
//!   a `mktemp` file, run as `sh FILE` [`SH_CONFIRM`], then removed; its
//!   exit status is the command's.
//! - PowerShell (`RunPowerShellScript`): the script in a single-quoted
//!   here-string written to a `.ps1` file under `$env:TEMP`, run by
//!   `powershell -NoProfile -ExecutionPolicy Bypass -File FILE`
//!   [`PS_CONFIRM`] (a file, so the script's own `exit N` is the exit code).
//! - batch (`RunBatScript`): `call :script` [`BAT_CONFIRM`], then the script
//!   itself after the label `:script`, so that `exit /b N` returns N.
//!
//! Sources, each checked for the parameters used here (2026-12):
//!
//! - RunCommand (<https://www.alibabacloud.com/help/en/ecs/developer-reference/api-runcommand>):
//!   `RegionId` (required), `Type` (required: `RunShellScript`,
//!   `RunBatScript`, `RunPowerShellScript`), `CommandContent` (required,
//!   plain text or Base64), `ContentEncoding` (`PlainText` default, or
//!   `Base64`), `InstanceId` (an array: the CLI's `--InstanceId.1`, the
//!   RepeatList form the CLI and the API's query take, as `PrivateIpAddress.N`
//!   in [`super::cloud`]), `Timeout` (seconds, default 60; when it is over
//!   the agent kills the process and the status becomes Failed), `Name`
//!   (1 to 128 characters). The response's `InvokeId` is what
//!   DescribeInvocationResults takes. `KeepCommand` is left at its default
//!   (false): the command is not kept after the run.
//! - The size of the command content: ALIYUN::ECS::Command (ROS) and
//!   CreateCommand say "Base64-encoded, up to 18 KB"; ALIYUN::ECS::RunCommand
//!   (ROS, <https://www.alibabacloud.com/help/en/resource-orchestration-service/latest/aliyun-ecs-runcommand>)
//!   says the Base64 of the content (with any parameters) "cannot exceed 16
//!   KB". [`CONTENT_LIMIT`] takes the stricter, 16 × 1024 bytes of Base64.
//! - DescribeInvocationResults (<https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocationresults>):
//!   `RegionId` (required), `InvokeId`; the result
//!   (`Invocation.InvocationResults.InvocationResult[]`) has
//!   `InvocationStatus` (`Pending`, `Scheduled`, `Running`, `Stopping` while
//!   it is not over; `Success`, `Failed`, `Error`, `Timeout`, `Cancelled`,
//!   `Stopped`, `Terminated`, `Invalid`, `Aborted` when it is), `ExitCode`
//!   and `Output` (Base64 by default, `ContentEncoding` left at its default).
//! - The aliyun CLI (<https://www.alibabacloud.com/help/en/cli/parameter-format-overview>):
//!   parameter names as in the API, case-sensitive, one `--Name value`
//!   each. Its output is the API's JSON; the values are read with `sed`, so
//!   neither jq nor a JMESPath option of a given CLI version is needed.
//! - alicloud_ecs_command (<https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ecs_command>,
//!   provider 1.116.0+): `name`, `command_content` (Base64), `type`,
//!   `timeout` (default 60), `working_dir`, `description`, all ForceNew.
//!   alicloud_ecs_invocation (<https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/ecs_invocation>,
//!   provider 1.168.0+): `command_id` and `instance_id` (a list), both
//!   required and ForceNew. Its create calls InvokeCommand and waits for
//!   `Success` (failing on `Failed`, `PartialFailed`, `Stopped`) for the
//!   create timeout, one minute by default (the provider's
//!   `resource_alicloud_ecs_invocation.go`, read at v1.217.9): hence the
//!   `timeouts` block.

use std::fmt::Write as _;

use super::quote::{hcl, sh};
use super::{cloud, Artifact, Lang, Note};
use crate::catalog::Method;
use crate::plan::Plan;
use crate::wording::render::{NoteText as N, TitleText as T};
use crate::wording::{self, Locale};

/// RunCommand's `Timeout`: how long the script may run on the instance, in
/// seconds (the scripts wait for DHCP and for the addresses; 10 minutes is
/// far more than any needs).
pub const TIMEOUT_SECONDS: u32 = 600;

/// Seconds between two DescribeInvocationResults calls.
pub const POLL_SECONDS: u32 = 5;

/// How many times the result is asked for: 144 × 5 s = 12 minutes, the
/// timeout and two minutes for the delivery.
pub const POLL_TIMES: u32 = 144;

/// The most Base64 bytes the command content may take (see the module's
/// sources: 16 KB, the stricter of the documented limits).
pub const CONTENT_LIMIT: usize = 16 * 1024;

/// What the sh command passes to the script: it confirms the script's
/// rollback unattended once the script's own checks pass.
pub const SH_CONFIRM: &str = "--yes";

/// What the PowerShell command passes to the script (as [`SH_CONFIRM`]).
pub const PS_CONFIRM: &str = "-Yes";

/// What the batch command passes to the script (as [`SH_CONFIRM`]): the
/// netsh script takes `/yes`, as cmd's own tools do.
pub const BAT_CONFIRM: &str = "/yes";

/// The shell variable that holds a missing instance id.
const INSTANCE_VAR: &str = "INSTANCE";

/// The here-document's delimiter around the sh script.
const SH_END: &str = "SECONDARY_IP_WIZARD_SCRIPT_END";

/// The line that ends PowerShell's single-quoted here-string.
const PS_END: &str = "'@";

/// The batch label the script follows.
const BAT_LABEL: &str = ":script";

/// The Cloud Assistant blocks of one rendering, with their notes (and,
/// as [`super::launch::Launch`], the at-launch blocks).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    /// What the blocks do, what is missing, why they are not available.
    pub notes: Vec<Note>,
    /// `<method>.assistant.run`, `.sequence`, `.terraform`, in that order
    /// (at launch: `<method>.launch.user-data`, `.aliyun`, `.terraform`).
    pub artifacts: Vec<Artifact>,
}

/// The command type RunCommand takes for a script of `lang`.
///
/// ```
/// use wizard::render::{assistant::command_type, Lang};
/// assert_eq!(command_type(Lang::Sh), "RunShellScript");
/// assert_eq!(command_type(Lang::Cmd), "RunBatScript");
/// ```
pub const fn command_type(lang: Lang) -> &'static str {
    match lang {
        Lang::PowerShell => "RunPowerShellScript",
        Lang::Cmd => "RunBatScript",
        _ => "RunShellScript",
    }
}

/// What Cloud Assistant runs for `script` (before Base64): the script
/// unchanged inside a few lines that write it to a file and run it with the
/// confirmation flag; `Err` with the line that would end the embedding
/// early, when the script holds it.
///
/// ```
/// use wizard::render::{assistant::command_content, Artifact, Lang};
/// let s = Artifact::commands("x.script", "x", Lang::Sh, "echo hi\n");
/// let c = command_content(&s).unwrap();
/// assert!(c.contains("\necho hi\n") && c.contains("sh \"$f\" --yes"));
/// ```
pub fn command_content(script: &Artifact) -> Result<String, &'static str> {
    let body = &script.content;
    let holds = |end: &str| body.lines().any(|l| l.trim_end() == end || l.starts_with(end));
    match script.lang {
        Lang::PowerShell => {
            if holds(PS_END) {
                return Err(PS_END);
            }
            Ok(format!(
                "# Secondary IP Wizard through Cloud Assistant: the all-in-one script below, unchanged,\n\
                 # written to a file and run with {PS_CONFIRM}; its exit code is this command's.\n\
                 $f = Join-Path $env:TEMP ('secondary-ip-wizard-' + [guid]::NewGuid().ToString('N') + '.ps1')\n\
                 $script = @'\n{body}{PS_END}\n\
                 Set-Content -LiteralPath $f -Value $script -Encoding UTF8\n\
                 try {{\n    powershell -NoProfile -ExecutionPolicy Bypass -File $f {PS_CONFIRM}\n    $rc = $LASTEXITCODE\n}} finally {{\n    Remove-Item -LiteralPath $f -ErrorAction SilentlyContinue\n}}\n\
                 exit $rc\n"
            ))
        }
        Lang::Cmd => {
            if holds(BAT_LABEL) {
                return Err(BAT_LABEL);
            }
            Ok(format!(
                "@echo off\nrem Secondary IP Wizard through Cloud Assistant: the all-in-one batch file after the label, unchanged, run with {BAT_CONFIRM}.\n\
                 call {BAT_LABEL} {BAT_CONFIRM}\n\
                 exit /b %errorlevel%\n\
                 {BAT_LABEL}\n{body}"
            ))
        }
        _ => {
            if holds(SH_END) {
                return Err(SH_END);
            }
            Ok(format!(
                "# Secondary IP Wizard through Cloud Assistant: the all-in-one script below, unchanged,\n\
                 # written to a file and run as: sh FILE {SH_CONFIRM}; its exit status is this command's.\n\
                 f=$(mktemp /tmp/secondary-ip-wizard.XXXXXX) || exit 1\n\
                 cat > \"$f\" <<'{SH_END}'\n{body}{SH_END}\n\
                 sh \"$f\" {SH_CONFIRM}\n\
                 rc=$?\n\
                 rm -f \"$f\"\n\
                 exit \"$rc\"\n"
            ))
        }
    }
}

/// The Cloud Assistant blocks and notes of one rendering, whose all-in-one
/// script is `script`.
///
/// ```
/// use wizard::catalog::Method;
/// use wizard::plan::{validate, Form};
/// use wizard::render::{assistant::delivery, render};
/// use wizard::wording::Locale;
/// let plan = validate(&Form::guide_example()).unwrap();
/// let r = render(&plan, Method::Netplan);
/// let d = delivery(&plan, r.method, &r.script, Locale::En);
/// let ids: Vec<_> = d.artifacts.iter().map(|a| a.id.as_str()).collect();
/// assert_eq!(ids, ["netplan.assistant.run", "netplan.assistant.sequence", "netplan.assistant.terraform"]);
/// assert!(d.artifacts[0].content.contains("--Type RunShellScript"));
/// ```
// Once in the bundle, not inlined into every caller of `Rendering::assistant`.
#[inline(never)]
pub fn delivery(plan: &Plan, method: Method, script: &Artifact, locale: Locale) -> Delivery {
    let say = |level: fn(String) -> Note, n: N| level(wording::note(locale, &n));
    let title = |t: T| wording::title(locale, &t);
    let id = |part: &str| format!("{}.assistant.{part}", method.as_str());
    let kind = command_type(script.lang);
    let name = format!("secondary-ip-wizard-{}", method.as_str());
    let content = command_content(script);
    let parts = content.as_ref().ok().and_then(|c| invocations(c, script.lang));
    let size = content.as_ref().map(|c| base64(c.as_bytes()).len()).unwrap_or_default();
    let mut notes = Vec::new();
    let refusal = match (&content, &parts) {
        (Err(line), _) => Some(N::AssistantCannotEmbed { line }),
        (Ok(_), None) => Some(N::AssistantTooLarge { size, limit: CONTENT_LIMIT }),
        _ => None,
    };
    // The three blocks' contents: the commands, or the reason as comments.
    let [run, sequence, terraform] = match (refusal, parts) {
        (Some(why), _) => {
            let text = wording::note(locale, &why);
            notes.push(Note::warning(text.clone()));
            let hash = comment_lines("# ", &text);
            [hash.clone(), hash.clone(), hash]
        }
        (None, Some(parts)) => {
            notes.push(say(
                Note::info,
                N::AssistantHow {
                    timeout: TIMEOUT_SECONDS,
                    wait_minutes: POLL_SECONDS * POLL_TIMES / 60,
                    confirm: confirm_flag(script.lang),
                },
            ));
            notes.push(say(Note::info, N::AssistantOutput));
            let (region, instance) = (plan.region.is_none(), plan.instance_id.is_none());
            if region || instance {
                notes.push(say(Note::warning, N::AssistantMissing { region, instance }));
            }
            let confirm = confirm_flag(script.lang);
            let call = RunCall { plan, confirm, kind, name: &name, parts: &parts, method };
            let terraform = if parts.len() == 1 {
                call.terraform()
            } else {
                let why = N::AssistantTooLarge { size, limit: CONTENT_LIMIT };
                notes.push(say(Note::info, N::AssistantInParts { parts: parts.len() - 1 }));
                comment_lines("# ", &wording::note(locale, &why))
            };
            [call.run(), call.sequence(), terraform]
        }
        // A refusal is always found when there are no parts.
        (None, None) => Default::default(),
    };
    let artifacts = vec![
        Artifact::commands(id("run"), title(T::AssistantRun), Lang::Sh, run),
        Artifact::commands(id("sequence"), title(T::AssistantSequence), Lang::Sh, sequence),
        Artifact::commands(id("terraform"), title(T::AssistantTerraform), Lang::Hcl, terraform),
    ];
    Delivery { notes, artifacts }
}

/// The flag the command passes to a script of `lang`.
const fn confirm_flag(lang: Lang) -> &'static str {
    match lang {
        Lang::PowerShell => PS_CONFIRM,
        Lang::Cmd => BAT_CONFIRM,
        _ => SH_CONFIRM,
    }
}

/// Every line of `text` as a comment (control characters made `?`).
pub(crate) fn comment_lines(prefix: &str, text: &str) -> String {
    text.lines().map(|l| format!("{prefix}{}\n", comment_text(l))).collect()
}

/// `s` safe inside a one-line comment: control characters made `?`.
pub(crate) fn comment_text(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

/// One RunCommand call being written.
struct RunCall<'a> {
    plan: &'a Plan,
    confirm: &'static str,
    kind: &'static str,
    name: &'a str,
    /// What RunCommand runs, in order ([`invocations`]).
    parts: &'a [String],
    method: Method,
}

impl RunCall<'_> {
    /// The run block: declarations of the missing ids, then the subshell.
    fn run(&self) -> String {
        let mut out = format!(
            "# Run the {} all-in-one script on the instance with Cloud Assistant, then show its result\n\
             # (aliyun CLI, set up with: aliyun configure). --CommandContent is the script above, unchanged,\n\
             # inside a few lines that save it to a file and run it with {}; all of it Base64-encoded.\n",
            self.method.as_str(),
            self.confirm
        );
        if self.plan.region.is_none() {
            out.push_str("REGION=''  # fill in: the region id, e.g. cn-hangzhou\n");
        }
        out.push_str(&self.instance_declaration());
        out.push_str("(\n");
        out.push_str(&self.body());
        out.push_str(")\n");
        out
    }

    /// The sequence block: assign, then run and verify, in one subshell
    /// that stops at the first failure.
    fn sequence(&self) -> String {
        let mut out = format!(
            "# 1. Assign the secondaries in the cloud, 2. configure the OS with the {} all-in-one script\n\
             # through Cloud Assistant, 3. verify: the script's own checks, its output printed at the end.\n\
             # aliyun CLI, set up with: aliyun configure. Stops at the first step that fails.\n",
            self.method.as_str()
        );
        out.push_str(&cloud::id_declarations(self.plan));
        out.push_str(&self.instance_declaration());
        // What step 1 assigns: the IPv4 wording unchanged when the plan has
        // no IPv6 addresses to add.
        let what = match (self.plan.secondaries.is_empty(), self.plan.ipv6_to_add().is_empty()) {
            (false, true) => "the secondary private IPs",
            (false, false) => "the secondary private IPs and the IPv6 addresses",
            (true, _) => "the IPv6 addresses",
        };
        let _ = writeln!(out, "(\n  set -e\n  echo '1. assigning {what} in the cloud'");
        // Each family's assign only when the plan has addresses of it (an
        // IPv6-only plan calls AssignIpv6Addresses alone).
        for line in cloud::aliyun_commands(self.plan, false).lines() {
            let _ = writeln!(out, "  {line}");
        }
        out.push_str("  echo '2. configuring the OS with Cloud Assistant; 3. the script checks every address'\n");
        out.push_str(&self.body());
        out.push_str(")\n");
        out
    }

    /// `INSTANCE=''  # fill in…` when the plan has no instance id.
    fn instance_declaration(&self) -> String {
        if self.plan.instance_id.is_none() {
            format!("{INSTANCE_VAR}=''  # fill in: the instance id, i-...\n")
        } else {
            String::new()
        }
    }

    /// The instance as one sh word.
    fn instance_word(&self) -> String {
        match &self.plan.instance_id {
            Some(i) => sh(i),
            None => {
                format!("\"${{{INSTANCE_VAR}:?fill in {INSTANCE_VAR}: the instance id, i-...}}\"")
            }
        }
    }

    /// RunCommand, the polling and the decoded output, indented for a
    /// subshell; every failure exits it non-zero.
    fn body(&self) -> String {
        let field =
            |name: &str| format!("sed -n 's/.*\"{name}\": *\"\\([^\"]*\\)\".*/\\1/p' | head -n 1");
        let mut out = String::new();
        let _ = writeln!(out, "  region={}", cloud::region_word(self.plan));
        let _ = writeln!(out, "  instance={}", self.instance_word());
        out.push_str(
            "  # siw_run CONTENT: one RunCommand, polled until it is over ($status, $res).\n",
        );
        out.push_str("  siw_run() {\n");
        let _ = write!(
            out,
            "    out=$(aliyun ecs RunCommand \\\n      --RegionId \"$region\" \\\n      --InstanceId.1 \"$instance\" \\\n      --Type {} \\\n      --Name {} \\\n      --Timeout {TIMEOUT_SECONDS} \\\n      --ContentEncoding Base64 \\\n      --CommandContent \"$1\") || exit 1\n",
            self.kind,
            sh(self.name),
        );
        let _ = writeln!(out, "    invoke=$(printf '%s\\n' \"$out\" | {})", field("InvokeId"));
        out.push_str("    [ -n \"$invoke\" ] || { printf 'RunCommand gave no InvokeId:\\n%s\\n' \"$out\" >&2; exit 1; }\n");
        let _ = writeln!(
            out,
            "    echo \"Cloud Assistant invocation $invoke: waiting for the result (every {POLL_SECONDS} s, up to {} min)\"",
            POLL_SECONDS * POLL_TIMES / 60
        );
        out.push_str("    n=0\n    while :; do\n");
        out.push_str("      res=$(aliyun ecs DescribeInvocationResults --RegionId \"$region\" --InvokeId \"$invoke\") || exit 1\n");
        let _ = writeln!(
            out,
            "      status=$(printf '%s\\n' \"$res\" | {})",
            field("InvocationStatus")
        );
        out.push_str("      case $status in\n        ''|Pending|Scheduled|Running|Stopping) ;;\n        *) break ;;\n      esac\n");
        out.push_str("      n=$((n + 1))\n");
        let _ = writeln!(
            out,
            "      if [ \"$n\" -ge {POLL_TIMES} ]; then\n        echo \"no result yet: look up $invoke under Cloud Assistant in the ECS console\" >&2\n        exit 1\n      fi\n      sleep {POLL_SECONDS}"
        );
        out.push_str("    done\n  }\n");
        let (last, sends) = self.parts.split_last().unwrap_or((&self.parts[0], &[]));
        for (i, part) in sends.iter().enumerate() {
            let _ = writeln!(
                out,
                "  echo 'sending the script in parts: part {} of {}'",
                i + 1,
                sends.len()
            );
            let _ = writeln!(out, "  siw_run {}", sh(part));
            out.push_str("  [ \"$status\" = Success ] || { echo \"Cloud Assistant: $status\" >&2; exit 1; }\n");
        }
        let _ = writeln!(out, "  siw_run {}", sh(last));
        let _ = writeln!(
            out,
            "  printf '%s\\n' \"$res\" | {} | base64 -d || echo '(the output could not be decoded)' >&2",
            field("Output")
        );
        out.push_str("  code=$(printf '%s\\n' \"$res\" | sed -n 's/.*\"ExitCode\": *\\(-\\{0,1\\}[0-9]*\\).*/\\1/p' | head -n 1)\n");
        out.push_str("  echo \"Cloud Assistant: $status, exit code ${code:-unknown}\"\n");
        out.push_str("  [ \"$status\" = Success ] || exit 1\n");
        out
    }

    /// The optional Terraform pair.
    fn terraform(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Optional, alicloud provider 1.168.0+: run the {} all-in-one script once on the instance with\n\
             # Cloud Assistant. command_content is the same Base64 as the aliyun block's --CommandContent.\n\
             # Apply it only after the secondaries are assigned (the Assign step). terraform apply waits for\n\
             # the run (up to the create timeout below) and fails when it fails; the script's output is\n\
             # not kept: read it with the aliyun block's DescribeInvocationResults or in the ECS console.",
            self.method.as_str()
        );
        if self.plan.instance_id.is_none() {
            out.push_str("\nvariable \"instance_id\" {\n  description = \"The instance to run the script on (i-...)\"\n  type        = string\n}\n");
        }
        let _ = writeln!(out, "\nresource \"alicloud_ecs_command\" \"secondary_ip_wizard\" {{");
        let _ = writeln!(out, "  name            = {}", hcl(self.name));
        let _ = writeln!(
            out,
            "  description     = {}",
            hcl("Secondary IP Wizard: the all-in-one script")
        );
        let _ = writeln!(out, "  type            = {}", hcl(self.kind));
        let _ = writeln!(out, "  timeout         = {TIMEOUT_SECONDS}");
        if self.kind == "RunShellScript" {
            let _ = writeln!(out, "  working_dir     = \"/root\"");
        }
        let _ = writeln!(out, "  command_content = {}", hcl(&self.parts[0]));
        out.push_str("}\n\nresource \"alicloud_ecs_invocation\" \"secondary_ip_wizard\" {\n");
        out.push_str("  command_id  = alicloud_ecs_command.secondary_ip_wizard.id\n");
        match &self.plan.instance_id {
            Some(i) => {
                let _ = writeln!(out, "  instance_id = [{}]", hcl(i));
            }
            None => out.push_str("  instance_id = [var.instance_id]\n"),
        }
        // The provider waits for the invocation, by default for one minute.
        let _ = writeln!(
            out,
            "\n  timeouts {{\n    create = \"{}m\"\n  }}",
            POLL_SECONDS * POLL_TIMES / 60 + 3
        );
        out.push_str("}\n");
        out
    }
}

/// How much of the Base64 a part carries when the script is sent in parts:
/// a part's own command (the part in one `printf` or `Add-Content` line),
/// Base64-encoded again, stays well under [`CONTENT_LIMIT`].
pub const PART_CHARS: usize = 9 * 1024;

/// Where the parts are gathered on the instance, per script language.
const SH_PARTS: &str = "/var/tmp/secondary-ip-wizard.b64";
const PS_PARTS: &str = "secondary-ip-wizard.b64";

/// What RunCommand runs, in order, each Base64-encoded: the command whole
/// when its Base64 fits [`CONTENT_LIMIT`]; else (sh and PowerShell) the
/// command's own Base64 in parts of [`PART_CHARS`], each appended to a file
/// on the instance by one invocation, then one that decodes the file and
/// runs it. `None` when it does not fit and cannot be sent in parts (batch).
///
/// ```
/// use wizard::render::{assistant::{invocations, base64, CONTENT_LIMIT}, Lang};
/// let small = invocations("echo hi\n", Lang::Sh).unwrap();
/// assert_eq!(small, [base64(b"echo hi\n")]);
/// let big = "echo hi\n".repeat(3000);
/// let parts = invocations(&big, Lang::Sh).unwrap();
/// assert!(parts.len() > 2 && parts.iter().all(|p| p.len() <= CONTENT_LIMIT));
/// assert!(invocations(&big, Lang::Cmd).is_none());
/// ```
pub fn invocations(content: &str, lang: Lang) -> Option<Vec<String>> {
    let whole = base64(content.as_bytes());
    if whole.len() <= CONTENT_LIMIT {
        return Some(vec![whole]);
    }
    let mut out = Vec::new();
    // Base64 is ASCII: a part ends on a character boundary.
    for (i, part) in whole.as_bytes().chunks(PART_CHARS).enumerate() {
        let part = std::str::from_utf8(part).unwrap_or_default();
        let cmd = match lang {
            Lang::Sh => {
                let op = if i == 0 { ">" } else { ">>" };
                format!("printf '%s' '{part}' {op} {SH_PARTS}\n")
            }
            Lang::PowerShell => {
                let verb = if i == 0 { "Set-Content" } else { "Add-Content" };
                format!("{verb} -LiteralPath (Join-Path $env:TEMP '{PS_PARTS}') -Value '{part}' -NoNewline\n")
            }
            _ => return None,
        };
        out.push(base64(cmd.as_bytes()));
    }
    let last = match lang {
        Lang::Sh => format!(
            "f={SH_PARTS}\nbase64 -d \"$f\" > \"$f.sh\" || exit 1\nsh \"$f.sh\"\nrc=$?\nrm -f \"$f\" \"$f.sh\"\nexit \"$rc\"\n"
        ),
        _ => format!(
            "$b = Join-Path $env:TEMP '{PS_PARTS}'\n$f = $b + '.ps1'\n\
             [IO.File]::WriteAllBytes($f, [Convert]::FromBase64String((Get-Content -Raw -LiteralPath $b)))\n\
             powershell -NoProfile -ExecutionPolicy Bypass -File $f\n$rc = $LASTEXITCODE\n\
             Remove-Item -LiteralPath $b, $f -ErrorAction SilentlyContinue\nexit $rc\n"
        ),
    };
    out.push(base64(last.as_bytes()));
    Some(out)
}

/// Standard Base64 (RFC 4648, with `=` padding).
///
/// ```
/// use wizard::render::assistant::base64;
/// assert_eq!(base64(b""), "");
/// assert_eq!(base64(b"f"), "Zg==");
/// assert_eq!(base64(b"fo"), "Zm8=");
/// assert_eq!(base64(b"foobar"), "Zm9vYmFy");
/// ```
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Bytes, not chars: every one is ASCII, so the String is built once,
    // four bytes written in place per three read.
    let sextet = |n: u32, shift: u32| ABC[((n >> shift) & 63) as usize];
    let mut out = vec![b'='; bytes.len().div_ceil(3) * 4];
    for (c, o) in bytes.chunks(3).zip(out.chunks_exact_mut(4)) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(c.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(c.get(2).copied().unwrap_or(0));
        o[0] = sextet(n, 18);
        o[1] = sextet(n, 12);
        if c.len() > 1 {
            o[2] = sextet(n, 6);
        }
        if c.len() > 2 {
            o[3] = sextet(n, 0);
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::testing::plan_for;

    #[test]
    fn an_oversized_script_goes_in_parts_and_terraform_says_why() {
        let plan = plan_for("ubuntu22", "keep");
        let big = "echo x\n".repeat(3000);
        let script = Artifact::commands("netplan.script", "s", Lang::Sh, big);
        let d = delivery(&plan, Method::Netplan, &script, Locale::En);
        assert!(d.artifacts[0].content.contains("part 1 of "), "{}", d.artifacts[0].content);
        assert!(d.artifacts[1].content.contains("part 1 of "));
        assert!(d.artifacts[2].content.lines().all(|l| l.starts_with('#')));
        assert!(d.artifacts[2].content.contains("16384 bytes"), "{}", d.artifacts[2].content);
    }

    #[test]
    fn an_oversized_batch_file_is_refused_with_the_reason() {
        let plan = plan_for("win2022", "static");
        let big = "echo x\n".repeat(3000);
        let script = Artifact::commands("netsh.script", "s", Lang::Cmd, big);
        let d = delivery(&plan, Method::Netsh, &script, Locale::En);
        assert_eq!(d.artifacts.len(), 3);
        assert!(d.artifacts.iter().all(|a| a.content.lines().all(|l| l.starts_with('#'))));
        assert!(d.artifacts[0].content.contains("16384 bytes"), "{}", d.artifacts[0].content);
        assert!(d.notes.iter().any(|n| n.level == crate::render::NoteLevel::Warning));
    }

    // Each method's script takes the flag its Cloud Assistant command
    // passes (the batch one passed --yes, which the netsh script ignores:
    // unattended, it then put the backup back).
    #[test]
    fn every_script_takes_the_confirmation_its_command_passes() {
        for (os, method, flag) in [
            ("ubuntu22", Method::Netplan, "    --yes) yes=1 ;;"),
            ("win2022", Method::PowerShell, "[switch]$Yes"),
            ("win2022", Method::Netsh, "if /i \"%%a\"==\"/yes\" set yes=1"),
        ] {
            let plan = crate::render::testing::plan_with(|f| {
                (f.os, f.mode, f.dns) = (os.into(), "static".into(), "100.100.2.136".into());
            });
            let r = crate::render::render(&plan, method);
            assert!(r.script.content.contains(flag), "{method}: no {flag:?}");
            let c = command_content(&r.script).unwrap();
            let passed = confirm_flag(r.script.lang);
            let want = if method == Method::Netsh {
                format!("call :script {passed}")
            } else {
                format!(" {passed}\n")
            };
            assert!(c.contains(&want), "{method}: {want:?} not in {c}");
        }
        assert_eq!(confirm_flag(Lang::Cmd), "/yes");
    }

    #[test]
    fn a_script_holding_the_delimiter_is_refused() {
        let script =
            Artifact::commands("x.script", "s", Lang::Sh, format!("echo a\n{SH_END}\necho b\n"));
        assert_eq!(command_content(&script), Err(SH_END));
        let ps = Artifact::commands("x.script", "s", Lang::PowerShell, "'@ x\n");
        assert_eq!(command_content(&ps), Err(PS_END));
    }
}
