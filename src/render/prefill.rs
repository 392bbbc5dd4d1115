//! "Start from the instance": one command a user runs on the ECS instance
//! that reads the metadata server and prints the wizard link with the form
//! filled in.
//!
//! [`linux_command`] is one line of POSIX sh that needs only `curl` (or
//! `wget`); [`powershell_command`] is its Windows twin. Both read, for the
//! primary NIC (or the MAC given), the vSwitch CIDR, the gateway, the
//! primary IP, the private IPs assigned in the cloud, the ENI id, the region
//! id and the DNS servers; find the OS interface with that MAC, the
//! addresses already on it and (Linux, when NetworkManager runs) its
//! connection name; and print `BASE?cidr=…&gw=…&ip=…&sec=…` where
//! `sec` holds every secondary address assigned in the cloud: the form is
//! the whole set the interface should have, so a method that writes its
//! file whole keeps the addresses configured before. The page's own
//! parameters ([`crate::share::Page`], its language) go first in that
//! link: [`linux_command_with`], [`powershell_command_with`]. Both first ask for a
//! session token (`PUT /latest/api/token`), which hardened mode
//! (`HttpTokens=required`) needs on every read, and read without one where
//! the server has no such endpoint. Parameter names are [`Field::param`], so the link reads back with
//! [`crate::share::from_query`].
//!
//! Off Alibaba Cloud the metadata server does not answer (2 s connect
//! timeout) and the command stops with a message saying so.
//!
//! The Linux command takes three environment variables, for tests and
//! unusual hosts: `WIZARD_METADATA_URL` (default `http://100.100.100.200`),
//! `WIZARD_SYS_CLASS_NET` (default `/sys/class/net`) and `WIZARD_OS_RELEASE`
//! (default `/etc/os-release`). The PowerShell command keeps the metadata URL
//! and the MAC in variables at its start (`$Meta`, `$Mac`); the environment
//! variable `WIZARD_METADATA_URL` overrides `$Meta` too.

use super::quote::{pwsh, regex, sh};
use crate::catalog::os::{Family, Os};
use crate::plan::Field;

/// The metadata server every ECS instance reaches.
pub const METADATA_URL: &str = "http://100.100.100.200";

/// The header that asks for a session token (`PUT /latest/api/token`), as
/// hardened mode (`HttpTokens=required`) needs on every read (Alibaba, "View
/// instance metadata"; cloud-init's Aliyun datasource does the same).
pub const TOKEN_TTL_HEADER: &str = "X-aliyun-ecs-metadata-token-ttl-seconds";

/// The header that carries the token on each read.
pub const TOKEN_HEADER: &str = "X-aliyun-ecs-metadata-token";

/// The base URL without its query and fragment: the link's own query
/// replaces them.
///
/// ```
/// use wizard::render::prefill::link_base;
/// assert_eq!(link_base("https://x.example/wizard/?os=ubuntu22#top"), "https://x.example/wizard/");
/// assert_eq!(link_base("https://x.example/"), "https://x.example/");
/// ```
pub fn link_base(base_url: &str) -> &str {
    let end = base_url.find(['?', '#']).unwrap_or(base_url.len());
    base_url.get(..end).unwrap_or(base_url)
}

/// The Linux catalog ids the command may put in `os=` (it checks the id it
/// derives from `/etc/os-release` against this list).
fn linux_os_ids() -> Vec<&'static str> {
    Os::ALL.iter().filter(|o| o.family() != Family::Windows).map(|o| o.as_str()).collect()
}

/// The one-line Linux command: `sh -c '…' sh BASE_URL`. Append a MAC
/// address to read another NIC than the primary one.
///
/// The script inside the single quotes holds no `'` (so the quoting is
/// exact) and no `!` (so no shell's history expansion touches it); the base
/// URL is its first argument, quoted with [`sh`].
///
/// ```
/// let cmd = wizard::render::prefill::linux_command("https://wizard.example/");
/// assert!(cmd.starts_with("sh -c '"));
/// assert!(cmd.ends_with("' sh https://wizard.example/"));
/// assert!(!cmd.contains('\n'));
/// ```
pub fn linux_command(base_url: &str) -> String {
    linux_command_with(base_url, &[])
}

/// [`linux_command`] whose printed link starts with the page's own
/// parameters (`lang=zh`), before the form's.
///
/// ```
/// let cmd = wizard::render::prefill::linux_command_with("https://w.example/", &[("lang", "zh")]);
/// assert!(cmd.contains(" l=\"lang=zh\"; "));
/// ```
pub fn linux_command_with(base_url: &str, page: &[(&str, &str)]) -> String {
    format!("sh -c '{}' sh {}", linux_script_with(page), sh(link_base(base_url)))
}

/// The page parameters as the start of a query (`lang=zh`), percent-encoded:
/// only `A-Za-z0-9 -._~,/:%=&` remain, so the text is safe in sh double
/// quotes inside the single-quoted script, and in a PowerShell single-quoted
/// string.
fn page_query(page: &[(&str, &str)]) -> String {
    let pairs: Vec<String> = page
        .iter()
        .map(|(k, v)| format!("{}={}", crate::share::encode(k), crate::share::encode(v)))
        .collect();
    pairs.join("&")
}

/// The script that [`linux_command`] runs with `sh -c` (`$1` the base URL,
/// `$2` an optional MAC).
pub fn linux_script() -> String {
    linux_script_with(&[])
}

/// [`linux_script`] whose link starts with the page parameters.
pub fn linux_script_with(page: &[(&str, &str)]) -> String {
    let p = |f: Field| f.param();
    let os_ids = linux_os_ids().join("|");
    let parts: Vec<String> = vec![
        "b=$1;".into(),
        format!("u=${{WIZARD_METADATA_URL:-{METADATA_URL}}}; m=$u/latest/meta-data;"),
        // A session token first (hardened mode, HttpTokens=required, needs
        // one on every read; elsewhere it is optional), then g KEY: the
        // metadata value, 2 s to connect, 5 s in all. BusyBox wget cannot
        // PUT: it reads without a token.
        format!("tk=; th=\"{TOKEN_TTL_HEADER}: 300\"; tn={TOKEN_HEADER};"),
        "if command -v curl >/dev/null 2>&1; then tk=$(curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 -X PUT -H \"$th\" \"$u/latest/api/token\" 2>/dev/null) || tk=; if [ -n \"$tk\" ]; then g() { curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 -H \"$tn: $tk\" \"$m/$1\"; }; else g() { curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 \"$m/$1\"; }; fi;".into(),
        "elif wget --version >/dev/null 2>&1; then tk=$(wget -q --no-proxy -T 2 -t 1 --method=PUT --header=\"$th\" -O - \"$u/latest/api/token\" 2>/dev/null) || tk=; if [ -n \"$tk\" ]; then g() { wget -q --no-proxy -T 2 -t 1 --header=\"$tn: $tk\" -O - \"$m/$1\"; }; else g() { wget -q --no-proxy -T 2 -t 1 -O - \"$m/$1\"; }; fi;".into(),
        "elif command -v wget >/dev/null 2>&1; then g() { wget -q -Y off -T 5 -O - \"$m/$1\"; };".into(),
        "else echo \"prefill: this needs curl or wget\" >&2; exit 1; fi;".into(),
        // j: the IPv4 addresses on stdin, comma-separated.
        "j() { o=; for a in $(tr -c \"0-9.\" \" \"); do o=$o${o:+,}$a; done; printf %s \"$o\"; };".into(),
        // u VALUE: percent-encoded when it holds anything but safe characters.
        "u() { if printf %s \"$1\" | grep -q \"[^A-Za-z0-9._~:,/-]\"; then printf %s \"$1\" | od -An -tx1 -v | tr -d \" \\n\" | sed \"s/../%&/g\"; else printf %s \"$1\"; fi; };".into(),
        match page_query(page) {
            q if q.is_empty() => "l=;".into(),
            q => format!("l=\"{q}\";"),
        },
        "k() { if [ -n \"$2\" ]; then l=$l${l:+&}$1=$(u \"$2\"); fi; };".into(),
        "w=$(g mac) || { echo \"prefill: cannot read the ECS metadata server at $m: run this on the Alibaba Cloud ECS instance itself${tk:-; if you are on it, its metadata may be in hardened mode (HttpTokens=required) and no session token could be had from $u/latest/api/token}\" >&2; exit 1; };".into(),
        "pm=$(printf %s \"$w\" | tr -d \" \\r\\n\" | tr \"[:upper:]\" \"[:lower:]\");".into(),
        "x=$(printf %s \"${2:-$pm}\" | tr \"[:upper:]\" \"[:lower:]\" | sed \"s/-/:/g\");".into(),
        "n=network/interfaces/macs/$x;".into(),
        "e=$(g \"$n/network-interface-id\") || { echo \"prefill: no ENI with MAC $x on this instance; its MACs: $(g network/interfaces/macs/ | tr -c \"0-9a-f:\" \" \")\" >&2; exit 1; };".into(),
        "c=$(g \"$n/vswitch-cidr-block\" | tr -d \" \\r\\n\");".into(),
        "gw=$(g \"$n/gateway\" | j);".into(),
        "ip=$(g \"$n/primary-ip-address\" | j);".into(),
        "all=$(g \"$n/private-ipv4s\" | j);".into(),
        "r=$(g region-id | tr -d \" \\r\\n\");".into(),
        // The instance type, so the wizard checks its own per-ENI limit.
        "it=$(g instance/instance-type 2>/dev/null | tr -d \" \\r\\n\");".into(),
        "d=$(g dns-conf/nameservers | j);".into(),
        // The OS interface with that MAC (the first one: VLANs share it).
        "s=${WIZARD_SYS_CLASS_NET:-/sys/class/net}; f=;".into(),
        "for q in \"$s\"/*; do if [ -z \"$f\" ] && [ \"$(cat \"$q/address\" 2>/dev/null)\" = \"$x\" ]; then f=${q##*/}; fi; done;".into(),
        "h=; if [ -n \"$f\" ]; then h=$(ip -4 -o addr show dev \"$f\" 2>/dev/null | sed -n \"s/.* inet \\([0-9.]*\\)\\/.*/\\1/p\" | j); fi;".into(),
        // The NetworkManager connection on that interface, when NM runs
        // (names differ by image: "System eth0", "cloud-init eth0", ...).
        "cn=; if [ -n \"$f\" ] && command -v nmcli >/dev/null 2>&1; then cn=$(nmcli -g GENERAL.CONNECTION device show \"$f\" 2>/dev/null | sed \"s/\\\\\\\\\\(.\\)/\\1/g;q\"); fi; [ \"$cn\" = -- ] && cn=;".into(),
        // sec: every address assigned in the cloud but the primary (the
        // form is the whole set the interface should have); on: those of
        // them already on the interface, no: those not yet.
        "sec=; on=; no=; t=0; for a in $(printf %s \"$all\" | tr , \" \"); do if [ \"$a\" = \"$ip\" ]; then continue; fi; t=$((t+1)); sec=$sec${sec:+,}$a; case ,$h, in *,\"$a\",*) on=$on${on:+,}$a;; *) no=$no${no:+,}$a;; esac; done;".into(),
        // The OS, when /etc/os-release names one the wizard knows.
        "o=; R=${WIZARD_OS_RELEASE:-/etc/os-release}; if [ -r \"$R\" ]; then i=$(sed -n \"s/^ID=//p\" \"$R\" | tr -d \"\\\" \"); v=$(sed -n \"s/^VERSION_ID=//p\" \"$R\" | tr -d \"\\\" \"); v=${v%%.*}; case $i in almalinux) i=alma;; opensuse*) i=opensuse;; fedora|alpine|arch) v=;; esac; o=$i$v; fi;".into(),
        format!("case $o in {os_ids}) ;; *) o=;; esac;"),
        format!("k {} \"$o\";", p(Field::Os)),
        format!("k {} \"$it\";", p(Field::InstanceType)),
        format!("[ \"$x\" = \"$pm\" ] || k {} secondary;", p(Field::EniKind)),
        format!("k {} \"$f\";", p(Field::Interface)),
        format!("k {} \"$cn\";", p(Field::Connection)),
        format!("k {} \"$x\";", p(Field::Mac)),
        format!("k {} \"$c\";", p(Field::Cidr)),
        format!("k {} \"$gw\";", p(Field::Gateway)),
        format!("k {} \"$ip\";", p(Field::Primary)),
        format!("k {} \"$sec\";", p(Field::Secondaries)),
        format!("k {} \"$d\";", p(Field::Dns)),
        format!("k {} \"$r\";", p(Field::Region)),
        format!("k {} \"$e\";", p(Field::EniId)),
        "if [ -z \"$f\" ]; then echo \"prefill: no interface here has MAC $x: bind the ENI and bring it up, or type the interface name in the wizard\" >&2; fi;".into(),
        "echo \"prefill: ENI $e ($x${f:+, $f}): $t secondary IPs assigned in the cloud (all in the link); already on the interface: ${on:-none}; not yet: ${no:-none}\" >&2;".into(),
        "printf \"%s?%s\\n\" \"$b\" \"$l\"".into(),
    ];
    parts.join(" ")
}

/// The PowerShell command for Windows instances (one line): the same reads
/// through `Invoke-RestMethod`, the adapter by MAC with `Get-NetAdapter`,
/// its addresses with `Get-NetIPAddress`, and the link on the output.
/// `$Meta` and `$Mac` at its start may be edited (`$Mac` empty: the
/// primary NIC).
///
/// ```
/// let cmd = wizard::render::prefill::powershell_command("https://wizard.example/");
/// assert!(cmd.starts_with("$Base = 'https://wizard.example/'; $Meta = 'http://100.100.100.200'; $Mac = '';"));
/// ```
pub fn powershell_command(base_url: &str) -> String {
    powershell_command_with(base_url, &[])
}

/// [`powershell_command`] whose printed link starts with the page's own
/// parameters (`lang=zh`), before the form's.
///
/// ```
/// let cmd = wizard::render::prefill::powershell_command_with("https://w.example/", &[("lang", "zh")]);
/// assert!(cmd.ends_with("$Base + '?' + (@('lang=zh') + @($q | Where-Object { $_ }) -join '&')"));
/// ```
pub fn powershell_command_with(base_url: &str, page: &[(&str, &str)]) -> String {
    let p = |f: Field| f.param();
    let os_cases: Vec<String> = Os::ALL
        .iter()
        .filter(|o| o.family() == Family::Windows)
        .map(|o| {
            format!(
                "if ($cap -match {}) {{ $os = {} }}",
                pwsh(&regex(o.version())),
                pwsh(o.as_str())
            )
        })
        .collect();
    let parts: Vec<String> = vec![
        format!("$Base = {};", pwsh(link_base(base_url))),
        format!("$Meta = {};", pwsh(METADATA_URL)),
        "$Mac = '';".into(),
        "if ($env:WIZARD_METADATA_URL) { $Meta = $env:WIZARD_METADATA_URL };".into(),
        "$m = $Meta + '/latest/meta-data';".into(),
        // A session token first (hardened mode needs one on every read).
        format!("$tk = try {{ [string](Invoke-RestMethod -UseBasicParsing -TimeoutSec 2 -ErrorAction Stop -Method Put -Uri ($Meta + '/latest/api/token') -Headers @{{ {} = '300' }}) }} catch {{ '' }};", pwsh(TOKEN_TTL_HEADER)),
        format!("$hd = if ($tk) {{ @{{ {} = $tk }} }} else {{ @{{}} }};", pwsh(TOKEN_HEADER)),
        "function g($k) { (Invoke-RestMethod -UseBasicParsing -TimeoutSec 2 -ErrorAction Stop -Headers $hd -Uri ($m + '/' + $k) | Out-String).Trim() };".into(),
        "function ips($t) { @([regex]::Matches([string]$t, '\\d{1,3}(\\.\\d{1,3}){3}') | ForEach-Object { $_.Value }) };".into(),
        "try { $pm = (g 'mac').ToLower() } catch { throw \"prefill: cannot read the ECS metadata server at ${m}: run this on the Alibaba Cloud ECS instance itself$(if (-not $tk) { '; if you are on it, its metadata may be in hardened mode (HttpTokens=required) and no session token could be had' })\" };".into(),
        "$x = if ($Mac) { $Mac.ToLower().Replace('-', ':') } else { $pm };".into(),
        "$n = 'network/interfaces/macs/' + $x;".into(),
        "try { $e = g ($n + '/network-interface-id') } catch { throw \"prefill: no ENI with MAC $x on this instance; its MACs: $(g 'network/interfaces/macs/')\" };".into(),
        "$c = g ($n + '/vswitch-cidr-block');".into(),
        "$gw = (ips (g ($n + '/gateway'))) -join ',';".into(),
        "$ip = (ips (g ($n + '/primary-ip-address'))) -join ',';".into(),
        "$all = ips (g ($n + '/private-ipv4s'));".into(),
        "$r = g 'region-id';".into(),
        "$it = try { g 'instance/instance-type' } catch { '' };".into(),
        "$d = (ips (g 'dns-conf/nameservers')) -join ',';".into(),
        "$ad = Get-NetAdapter | Where-Object { ($_.MacAddress -replace '-', ':').ToLower() -eq $x } | Select-Object -First 1;".into(),
        "$h = @(); $alias = '';".into(),
        "if ($ad) { $alias = $ad.Name; $h = @(Get-NetIPAddress -InterfaceIndex $ad.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object { $_.IPAddress }) };".into(),
        "$cloud = @($all | Where-Object { $_ -ne $ip });".into(),
        // Every secondary assigned in the cloud: the form is the whole set.
        "$sec = $cloud -join ','; $no = @($cloud | Where-Object { $h -notcontains $_ }) -join ',';".into(),
        "$cap = [string](Get-CimInstance Win32_OperatingSystem).Caption; $os = '';".into(),
        format!("{};", os_cases.join("; ")),
        "$ek = if ($x -ne $pm) { 'secondary' } else { '' };".into(),
        format!(
            "$pairs = ({}, $os), ({}, $it), ({}, $ek), ({}, $alias), ({}, $x), ({}, $c), ({}, $gw), ({}, $ip), ({}, $sec), ({}, $d), ({}, $r), ({}, $e);",
            pwsh(p(Field::Os)),
            pwsh(p(Field::InstanceType)),
            pwsh(p(Field::EniKind)),
            pwsh(p(Field::WindowsAlias)),
            pwsh(p(Field::Mac)),
            pwsh(p(Field::Cidr)),
            pwsh(p(Field::Gateway)),
            pwsh(p(Field::Primary)),
            pwsh(p(Field::Secondaries)),
            pwsh(p(Field::Dns)),
            pwsh(p(Field::Region)),
            pwsh(p(Field::EniId)),
        ),
        "$q = @($pairs | Where-Object { $_[1] } | ForEach-Object { $_[0] + '=' + [uri]::EscapeDataString([string]$_[1]) }) -join '&';".into(),
        "if (-not $ad) { Write-Warning \"prefill: no network adapter here has MAC ${x}: bind the ENI, or type the interface alias in the wizard\" };".into(),
        "Write-Host \"prefill: ENI $e (${x}): $($cloud.Count) secondary IPs assigned in the cloud (all in the link); not yet on the adapter: $(if ($no) { $no } else { 'none' })\";".into(),
        match page_query(page) {
            q if q.is_empty() => "$Base + '?' + $q".into(),
            q => format!("$Base + '?' + (@({}) + @($q | Where-Object {{ $_ }}) -join '&')", pwsh(&q)),
        },
    ];
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_script_has_no_single_quote_or_bang() {
        let hostile = [("lang", "zh'!$(x)`\"&"), ("a b", "c")];
        for page in [&[][..], &[("lang", "zh")][..], &hostile[..]] {
            let s = linux_script_with(page);
            assert!(!s.contains('\''), "{s}");
            assert!(!s.contains('!'), "{s}");
            assert!(!s.contains('\n'));
        }
        // What the page parameters become: encoded, never a quote or a `$`.
        assert_eq!(page_query(&hostile), "lang=zh%27%21%24%28x%29%60%22%26&a%20b=c");
    }

    #[test]
    fn base_url_is_quoted_for_sh_and_pwsh() {
        let hostile = "https://x.example/a b'c/";
        assert!(linux_command(hostile).ends_with(r"' sh 'https://x.example/a b'\''c/'"));
        assert!(powershell_command(hostile).starts_with("$Base = 'https://x.example/a b''c/';"));
    }

    #[test]
    fn os_list_names_only_linux_ids() {
        let ids = linux_os_ids();
        assert!(ids.contains(&"ubuntu22"));
        assert!(ids.iter().all(|i| !i.starts_with("win")));
    }
}
