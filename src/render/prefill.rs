//! "Start from the instance": one command a user runs on the ECS instance
//! that reads the metadata server and prints the wizard link with the form
//! filled in.
//!
//! [`linux_command`] is one line of POSIX sh that needs only `curl` (or
//! `wget`); [`powershell_command`] is its Windows twin. Both read, for the
//! primary NIC (or the MAC given), the vSwitch CIDR, the gateway, the
//! primary IP, the private IPs assigned in the cloud, the vSwitch's IPv6
//! block and the ENI's IPv6 addresses when it has them
//! ([`super::metadata::sh_ipv6`]: `cidr6`, the first as `ip6`, the others
//! as `sec6`), the ENI id, the region id, the instance id and the DNS servers; find the OS interface with that MAC, the
//! addresses already on it and (Linux, when NetworkManager runs) its
//! connection name; and print `BASE?cidr=…&gw=…&ip=…&sec=…` where
//! `sec` holds every secondary address assigned in the cloud: the form is
//! the whole set the interface should have, so a method that writes its
//! file whole keeps the addresses configured before. The page's own
//! parameters ([`crate::share::Page`], its language) go first in that
//! link: [`linux_command_with`], [`powershell_command_with`]. Both first ask for a
//! session token (`PUT /latest/api/token`), which hardened mode
//! (`HttpTokens=required`) needs on every read, and read without one where
//! the server has no such endpoint. Parameter names are [`crate::plan::Field::param`], so the link reads back with
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

use super::metadata::{
    pwsh_form_pairs, pwsh_ipv6, pwsh_os, pwsh_query, pwsh_reader, sh_encode, sh_form_link,
    sh_interface_by_mac, sh_ips, sh_ips6, sh_ipv6, sh_nm_connection, sh_os, sh_reader,
};
use super::quote::{pwsh, sh};

pub use super::metadata::{METADATA_URL, TOKEN_HEADER, TOKEN_TTL_HEADER};

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
    let mut parts: Vec<String> = vec!["b=$1;".into()];
    // A session token first (hardened mode, HttpTokens=required, needs one
    // on every read; elsewhere it is optional), then g KEY.
    parts.extend(sh_reader());
    parts.push("else echo \"prefill: this needs curl or wget\" >&2; exit 1; fi;".into());
    parts.push(sh_ips());
    parts.push(sh_ips6());
    // The link's query starts as the page parameters (`l=;` when none).
    let start = match page_query(page) {
        q if q.is_empty() => "l=;".to_owned(),
        q => format!("l=\"{q}\";"),
    };
    parts.extend(sh_encode().into_iter().map(|s| if s == "l=;" { start.clone() } else { s }));
    parts.extend([
        "w=$(g mac) || { echo \"prefill: cannot read the ECS metadata server at $m: run this on the Alibaba Cloud ECS instance itself${tk:-; if you are on it, its metadata may be in hardened mode (HttpTokens=required) and no session token could be had from $u/latest/api/token}\" >&2; exit 1; };".into(),
        "pm=$(printf %s \"$w\" | tr -d \" \\r\\n\" | tr \"[:upper:]\" \"[:lower:]\");".into(),
        "x=$(printf %s \"${2:-$pm}\" | tr \"[:upper:]\" \"[:lower:]\" | sed \"s/-/:/g\");".into(),
        "n=network/interfaces/macs/$x;".into(),
        "e=$(g \"$n/network-interface-id\") || { echo \"prefill: no ENI with MAC $x on this instance; its MACs: $(g network/interfaces/macs/ | tr -c \"0-9a-f:\" \" \")\" >&2; exit 1; };".into(),
        "c=$(g \"$n/vswitch-cidr-block\" | tr -d \" \\r\\n\");".into(),
        "gw=$(g \"$n/gateway\" | j);".into(),
        "ip=$(g \"$n/primary-ip-address\" | j);".into(),
        "all=$(g \"$n/private-ipv4s\" | j);".into(),
    ]);
    // The IPv6 part, when the vSwitch has an IPv6 block.
    parts.push(sh_ipv6());
    parts.extend([
        "r=$(g region-id | tr -d \" \\r\\n\");".into(),
        // The instance id, for the Cloud Assistant blocks.
        "iid=$(g instance-id 2>/dev/null | tr -d \" \\r\\n\");".into(),
        // The instance type, so the wizard checks its own per-ENI limit.
        "it=$(g instance/instance-type 2>/dev/null | tr -d \" \\r\\n\");".into(),
        "d=$(g dns-conf/nameservers | j);".into(),
    ]);
    // The OS interface with that MAC (the first one: VLANs share it).
    parts.extend(sh_interface_by_mac());
    parts.extend([
        "h=; if [ -n \"$f\" ]; then h=$(ip -4 -o addr show dev \"$f\" 2>/dev/null | sed -n \"s/.* inet \\([0-9.]*\\)\\/.*/\\1/p\" | j); fi;".into(),
    ]);
    // The NetworkManager connection on that interface, when NM runs.
    parts.push(sh_nm_connection());
    parts.extend([
        // sec: every address assigned in the cloud but the primary (the
        // form is the whole set the interface should have); on: those of
        // them already on the interface, no: those not yet.
        "sec=; on=; no=; t=0; for a in $(printf %s \"$all\" | tr , \" \"); do if [ \"$a\" = \"$ip\" ]; then continue; fi; t=$((t+1)); sec=$sec${sec:+,}$a; case ,$h, in *,\"$a\",*) on=$on${on:+,}$a;; *) no=$no${no:+,}$a;; esac; done;".into(),
    ]);
    // The OS, when /etc/os-release names one the wizard knows.
    parts.extend(sh_os());
    parts.extend(sh_form_link());
    parts.extend([
        "if [ -z \"$f\" ]; then echo \"prefill: no interface here has MAC $x: bind the ENI and bring it up, or type the interface name in the wizard\" >&2; fi;".into(),
        "echo \"prefill: ENI $e ($x${f:+, $f}): $t secondary IPs assigned in the cloud (all in the link); already on the interface: ${on:-none}; not yet: ${no:-none}\" >&2;".into(),
        "if [ -n \"$a6\" ]; then echo \"prefill: IPv6 addresses assigned in the cloud: $a6 (the first as ip6, the others as sec6; all in the link)\" >&2; fi;".into(),
        "printf \"%s?%s\\n\" \"$b\" \"$l\"".into(),
    ]);
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
    let mut parts: Vec<String> = vec![
        format!("$Base = {};", pwsh(link_base(base_url))),
        format!("$Meta = {};", pwsh(METADATA_URL)),
        "$Mac = '';".into(),
    ];
    // A session token first (hardened mode needs one on every read).
    parts.extend(pwsh_reader());
    parts.extend([
        "try { $pm = (g 'mac').ToLower() } catch { throw \"prefill: cannot read the ECS metadata server at ${m}: run this on the Alibaba Cloud ECS instance itself$(if (-not $tk) { '; if you are on it, its metadata may be in hardened mode (HttpTokens=required) and no session token could be had' })\" };".into(),
        "$x = if ($Mac) { $Mac.ToLower().Replace('-', ':') } else { $pm };".into(),
        "$n = 'network/interfaces/macs/' + $x;".into(),
        "try { $e = g ($n + '/network-interface-id') } catch { throw \"prefill: no ENI with MAC $x on this instance; its MACs: $(g 'network/interfaces/macs/')\" };".into(),
        "$c = g ($n + '/vswitch-cidr-block');".into(),
        "$gw = (ips (g ($n + '/gateway'))) -join ',';".into(),
        "$ip = (ips (g ($n + '/primary-ip-address'))) -join ',';".into(),
        "$all = ips (g ($n + '/private-ipv4s'));".into(),
    ]);
    parts.push(pwsh_ipv6());
    parts.extend([
        "$r = g 'region-id';".into(),
        "$iid = try { g 'instance-id' } catch { '' };".into(),
        "$it = try { g 'instance/instance-type' } catch { '' };".into(),
        "$d = (ips (g 'dns-conf/nameservers')) -join ',';".into(),
        "$ad = Get-NetAdapter | Where-Object { ($_.MacAddress -replace '-', ':').ToLower() -eq $x } | Select-Object -First 1;".into(),
        "$h = @(); $alias = '';".into(),
        "if ($ad) { $alias = $ad.Name; $h = @(Get-NetIPAddress -InterfaceIndex $ad.ifIndex -AddressFamily IPv4 -ErrorAction SilentlyContinue | ForEach-Object { $_.IPAddress }) };".into(),
        "$cloud = @($all | Where-Object { $_ -ne $ip });".into(),
        // Every secondary assigned in the cloud: the form is the whole set.
        "$sec = $cloud -join ','; $no = @($cloud | Where-Object { $h -notcontains $_ }) -join ',';".into(),
    ]);
    parts.extend(pwsh_os());
    parts.extend([
        "$ek = if ($x -ne $pm) { 'secondary' } else { '' };".into(),
        format!("$pairs = {};", pwsh_form_pairs()),
        pwsh_query(),
        "if (-not $ad) { Write-Warning \"prefill: no network adapter here has MAC ${x}: bind the ENI, or type the interface alias in the wizard\" };".into(),
        "Write-Host \"prefill: ENI $e (${x}): $($cloud.Count) secondary IPs assigned in the cloud (all in the link); not yet on the adapter: $(if ($no) { $no } else { 'none' })\";".into(),
        match page_query(page) {
            q if q.is_empty() => "$Base + '?' + $q".into(),
            q => format!("$Base + '?' + (@({}) + @($q | Where-Object {{ $_ }}) -join '&')", pwsh(&q)),
        },
    ]);
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_script_has_no_single_quote_or_bang() {
        let s = linux_script();
        assert!(!s.contains('\''), "{s}");
        assert!(!s.contains('!'), "{s}");
        assert!(!s.contains('\n'));
    }

    #[test]
    fn base_url_is_quoted_for_sh_and_pwsh() {
        let hostile = "https://x.example/a b'c/";
        assert!(linux_command(hostile).ends_with(r"' sh 'https://x.example/a b'\''c/'"));
        assert!(powershell_command(hostile).starts_with("$Base = 'https://x.example/a b''c/';"));
    }
}
