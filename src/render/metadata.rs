//! The shell and PowerShell the instance-side scripts share: reading the
//! ECS metadata server (with the session token hardened mode needs),
//! listing IPv4 addresses, percent-encoding link values, and naming the
//! OS as the catalog does. One home for the pre-fill one-liner
//! ([`super::prefill`]) and the read-only doctor ([`super::doctor`]).
//!
//! Every sh piece is a list of statements each ending in `;` (so it fits
//! on the pre-fill's one line as well as in the doctor's file) and holds no
//! `'` and no `!` (the one-liner single-quotes them; no shell's history
//! expansion touches them).

use super::quote::{pwsh, regex};
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

/// sh: `u` (the server, `WIZARD_METADATA_URL` overrides it), `m` (its
/// `/latest/meta-data`), `tk` (the session token, empty when none could be
/// had) and `g KEY`, which prints one metadata value (2 s to connect, 5 s
/// in all) with the token when there is one. `g` fails when neither curl
/// nor wget is installed; BusyBox wget cannot PUT, so it reads without a
/// token.
pub fn sh_reader() -> Vec<String> {
    vec![
        format!("u=${{WIZARD_METADATA_URL:-{METADATA_URL}}}; m=$u/latest/meta-data;"),
        format!("tk=; th=\"{TOKEN_TTL_HEADER}: 300\"; tn={TOKEN_HEADER};"),
        "if command -v curl >/dev/null 2>&1; then tk=$(curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 -X PUT -H \"$th\" \"$u/latest/api/token\" 2>/dev/null) || tk=; if [ -n \"$tk\" ]; then g() { curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 -H \"$tn: $tk\" \"$m/$1\"; }; else g() { curl -fsS --noproxy \"*\" --connect-timeout 2 --max-time 5 \"$m/$1\"; }; fi;".into(),
        "elif wget --version >/dev/null 2>&1; then tk=$(wget -q --no-proxy -T 2 -t 1 --method=PUT --header=\"$th\" -O - \"$u/latest/api/token\" 2>/dev/null) || tk=; if [ -n \"$tk\" ]; then g() { wget -q --no-proxy -T 2 -t 1 --header=\"$tn: $tk\" -O - \"$m/$1\"; }; else g() { wget -q --no-proxy -T 2 -t 1 -O - \"$m/$1\"; }; fi;".into(),
        "elif command -v wget >/dev/null 2>&1; then g() { wget -q -Y off -T 5 -O - \"$m/$1\"; };".into(),
    ]
}

/// sh: `j`, the IPv4 addresses on its stdin, comma-separated.
pub fn sh_ips() -> String {
    "j() { o=; for a in $(tr -c \"0-9.\" \" \"); do o=$o${o:+,}$a; done; printf %s \"$o\"; };"
        .into()
}

/// sh: `j6`, the IPv6 addresses on its stdin (the metadata server's
/// `ipv6s` is a list like `[2408:4005:3cd:7d00::10]`), lower case and
/// comma-separated; words without a colon are dropped.
pub fn sh_ips6() -> String {
    "j6() { o=; for a in $(tr -c \"0-9a-fA-F:\" \" \" | tr \"[:upper:]\" \"[:lower:]\"); do case $a in *:*) o=$o${o:+,}$a;; esac; done; printf %s \"$o\"; };".into()
}

/// sh: the NIC's IPv6 part from the metadata server, under `$n` (the
/// NIC's `network/interfaces/macs/<mac>`): `c6` the vSwitch's IPv6 block
/// (`vswitch-ipv6-cidr-block`), `a6` the ENI's IPv6 addresses (`ipv6s`,
/// comma-separated), `p6` the first of them (the form's `ip6`, the
/// ENI's own) and `s6` the others (`sec6`, so that a method that writes
/// its file whole keeps them, as `sec` holds every IPv4 secondary).
///
/// The keys are Alibaba's instance metadata items
/// (<https://www.alibabacloud.com/help/en/ecs/user-guide/instance-metadata-items>:
/// `network/interfaces/macs/[mac]/ipv6s`, `ipv6-gateway`,
/// `vswitch-ipv6-cidr-block`; also the "configure IPv6 addresses" pages of
/// the ECS docs), and AliyunContainerService/terway reads the same paths
/// (`pkg/aliyun/metadata`, which notes that the server answers 404 when
/// the ENI has no IPv6 address). Read defensively: a missing key, a
/// vSwitch without IPv6 or a value that is not an IPv6 block leaves all
/// four empty (no IPv6 in the link); `ipv6-gateway` is not read, the form
/// has no IPv6 gateway.
pub fn sh_ipv6() -> String {
    "c6=$(g \"$n/vswitch-ipv6-cidr-block\" 2>/dev/null | tr -d \" \\r\\n\" | tr \"[:upper:]\" \"[:lower:]\"); case $c6 in *:*/*) ;; *) c6=;; esac; a6=; if [ -n \"$c6\" ]; then a6=$(g \"$n/ipv6s\" 2>/dev/null | j6); fi; p6=${a6%%,*}; s6=; case $a6 in *,*) s6=${a6#*,};; esac;".into()
}

/// sh: the link's query in `l`, built with `k NAME VALUE` (nothing for an
/// empty value); `u VALUE` prints the value percent-encoded when it holds
/// anything but safe characters.
pub fn sh_encode() -> Vec<String> {
    vec![
        "u() { if printf %s \"$1\" | grep -q \"[^A-Za-z0-9._~:,/-]\"; then printf %s \"$1\" | od -An -tx1 -v | tr -d \" \\n\" | sed \"s/../%&/g\"; else printf %s \"$1\"; fi; };".into(),
        "l=;".into(),
        "k() { if [ -n \"$2\" ]; then l=$l${l:+&}$1=$(u \"$2\"); fi; };".into(),
    ]
}

/// The Linux catalog ids `os=` may hold.
fn linux_os_ids() -> Vec<&'static str> {
    Os::ALL.iter().filter(|o| o.family() != Family::Windows).map(|o| o.as_str()).collect()
}

/// sh: `o`, the catalog id that `/etc/os-release` (`WIZARD_OS_RELEASE`
/// overrides the path) names, or empty when the catalog has none: `ID` and
/// `VERSION_ID` without quotes and spaces, the version up to its first dot,
/// `almalinux` → `alma`, `opensuse*` → `opensuse`, no version for fedora,
/// alpine and arch ([`crate::paste::os_from_release`] is the same rule in
/// Rust; `tests/paste.rs` runs this piece against it).
pub fn sh_os() -> Vec<String> {
    vec![
        "o=; R=${WIZARD_OS_RELEASE:-/etc/os-release}; if [ -r \"$R\" ]; then i=$(sed -n \"s/^ID=//p\" \"$R\" | tr -d \"\\\" \"); v=$(sed -n \"s/^VERSION_ID=//p\" \"$R\" | tr -d \"\\\" \"); v=${v%%.*}; case $i in almalinux) i=alma;; opensuse*) i=opensuse;; fedora|alpine|arch) v=;; esac; o=$i$v; fi;".into(),
        format!("case $o in {}) ;; *) o=;; esac;", linux_os_ids().join("|")),
    ]
}

/// sh: `s` (`/sys/class/net`, `WIZARD_SYS_CLASS_NET` overrides it) and
/// `f`, the interface whose MAC is `$x` (the first one: VLANs share it),
/// empty when none has it.
pub fn sh_interface_by_mac() -> Vec<String> {
    vec![
        "s=${WIZARD_SYS_CLASS_NET:-/sys/class/net}; f=;".into(),
        "for q in \"$s\"/*; do if [ -z \"$f\" ] && [ \"$(cat \"$q/address\" 2>/dev/null)\" = \"$x\" ]; then f=${q##*/}; fi; done;".into(),
    ]
}

/// sh: `cn`, the NetworkManager connection active on `$f` when
/// NetworkManager runs (names differ by image: "System eth0", "cloud-init
/// eth0", …), `nmcli -g`'s escapes removed; else empty.
pub fn sh_nm_connection() -> String {
    "cn=; if [ -n \"$f\" ] && command -v nmcli >/dev/null 2>&1; then cn=$(nmcli -g GENERAL.CONNECTION device show \"$f\" 2>/dev/null | sed \"s/\\\\\\\\\\(.\\)/\\1/g;q\"); fi; [ \"$cn\" = -- ] && cn=;".into()
}

/// sh: the form's part of the link, from the variables both scripts set:
/// `o` (OS id), `it` (instance type), `x` and `pm` (the ENI's MAC and the
/// primary NIC's: `eni=secondary` when they differ), `f` (interface), `cn`
/// (NetworkManager connection), `c` (vSwitch CIDR), `gw`, `ip`, `sec`
/// (the secondaries, comma-separated), `c6`, `p6`, `s6` (the IPv6 part,
/// [`sh_ipv6`]), `d` (DNS), `r` (region), `e` (ENI id). Parameter names are [`Field::param`], so the link reads back with
/// [`crate::share::from_query`].
pub fn sh_form_link() -> Vec<String> {
    let p = |f: Field| f.param();
    let k = |f: Field, var: &str| format!("k {} \"${var}\";", p(f));
    vec![
        k(Field::Os, "o"),
        k(Field::InstanceType, "it"),
        format!("[ \"$x\" = \"$pm\" ] || k {} secondary;", p(Field::EniKind)),
        k(Field::Interface, "f"),
        k(Field::Connection, "cn"),
        k(Field::Mac, "x"),
        k(Field::Cidr, "c"),
        k(Field::Gateway, "gw"),
        k(Field::Primary, "ip"),
        k(Field::Secondaries, "sec"),
        k(Field::Cidr6, "c6"),
        k(Field::Primary6, "p6"),
        k(Field::Secondaries6, "s6"),
        k(Field::Dns, "d"),
        k(Field::Region, "r"),
        k(Field::EniId, "e"),
        k(Field::InstanceId, "iid"),
    ]
}

/// PowerShell: `$m` (the server's `/latest/meta-data`, from `$Meta`), `$tk`
/// and `$hd` (the session token and its header, empty when none could be
/// had), `g KEY` (one value; throws when the server does not answer),
/// `ips TEXT` (the IPv4 addresses in a text) and `ips6 TEXT` (the IPv6
/// addresses, lower case).
pub fn pwsh_reader() -> Vec<String> {
    vec![
        "if ($env:WIZARD_METADATA_URL) { $Meta = $env:WIZARD_METADATA_URL };".into(),
        "$m = $Meta + '/latest/meta-data';".into(),
        format!("$tk = try {{ [string](Invoke-RestMethod -UseBasicParsing -TimeoutSec 2 -ErrorAction Stop -Method Put -Uri ($Meta + '/latest/api/token') -Headers @{{ {} = '300' }}) }} catch {{ '' }};", pwsh(TOKEN_TTL_HEADER)),
        format!("$hd = if ($tk) {{ @{{ {} = $tk }} }} else {{ @{{}} }};", pwsh(TOKEN_HEADER)),
        "function g($k) { (Invoke-RestMethod -UseBasicParsing -TimeoutSec 2 -ErrorAction Stop -Headers $hd -Uri ($m + '/' + $k) | Out-String).Trim() };".into(),
        "function ips($t) { @([regex]::Matches([string]$t, '\\d{1,3}(\\.\\d{1,3}){3}') | ForEach-Object { $_.Value }) };".into(),
        "function ips6($t) { @([regex]::Matches([string]$t, '[0-9A-Fa-f]*:[0-9A-Fa-f:]+') | ForEach-Object { $_.Value.ToLower() }) };".into(),
    ]
}

/// PowerShell: `$c6`, `$p6`, `$s6` from `$n`, as [`sh_ipv6`] reads them.
pub fn pwsh_ipv6() -> String {
    "$c6 = try { (g ($n + '/vswitch-ipv6-cidr-block')).ToLower() } catch { '' }; if ($c6 -notmatch '^[0-9a-f:]+:[0-9a-f:]*/[0-9]+$') { $c6 = '' }; $a6 = @(if ($c6) { try { ips6 (g ($n + '/ipv6s')) } catch { } }); $p6 = if ($a6.Count) { $a6[0] } else { '' }; $s6 = @($a6 | Select-Object -Skip 1) -join ',';".into()
}

/// PowerShell: `$os`, the catalog's Windows release that the OS caption
/// names (the last one it matches, in catalog order), else empty
/// ([`crate::paste::os_from_caption`] is the same rule in Rust).
pub fn pwsh_os() -> Vec<String> {
    let cases: Vec<String> = Os::ALL
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
    vec![
        "$cap = [string](Get-CimInstance Win32_OperatingSystem).Caption; $os = '';".into(),
        format!("{};", cases.join("; ")),
    ]
}

/// PowerShell: the form's part of the link as `(NAME, VALUE)` pairs, from
/// `$os`, `$it`, `$ek` (`secondary` or empty), `$alias`, `$x` (MAC), `$c`,
/// `$gw`, `$ip`, `$sec`, `$c6`, `$p6`, `$s6`, `$d`, `$r`, `$e` (see
/// [`sh_form_link`]).
pub fn pwsh_form_pairs() -> String {
    let p = |f: Field| pwsh(f.param());
    [
        (Field::Os, "$os"),
        (Field::InstanceType, "$it"),
        (Field::EniKind, "$ek"),
        (Field::WindowsAlias, "$alias"),
        (Field::Mac, "$x"),
        (Field::Cidr, "$c"),
        (Field::Gateway, "$gw"),
        (Field::Primary, "$ip"),
        (Field::Secondaries, "$sec"),
        (Field::Cidr6, "$c6"),
        (Field::Primary6, "$p6"),
        (Field::Secondaries6, "$s6"),
        (Field::Dns, "$d"),
        (Field::Region, "$r"),
        (Field::EniId, "$e"),
        (Field::InstanceId, "$iid"),
    ]
    .iter()
    .map(|(f, var)| format!("({}, {var})", p(*f)))
    .collect::<Vec<_>>()
    .join(", ")
}

/// PowerShell: `$q`, the link's query from `$pairs` (an array of
/// `(NAME, VALUE)`; empty values left out, values percent-encoded).
pub fn pwsh_query() -> String {
    "$q = @($pairs | Where-Object { $_[1] } | ForEach-Object { $_[0] + '=' + [uri]::EscapeDataString([string]$_[1]) }) -join '&';".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sh_pieces_hold_no_single_quote_or_bang_and_end_statements() {
        let mut all = sh_reader();
        all.extend(sh_encode());
        all.extend(sh_os());
        all.extend(sh_form_link());
        all.extend(sh_interface_by_mac());
        all.push(sh_nm_connection());
        all.push(sh_ips());
        for s in all {
            assert!(!s.contains('\'') && !s.contains('!') && !s.contains('\n'), "{s}");
            assert!(s.ends_with(';'), "{s}");
        }
    }

    #[test]
    fn os_ids_are_linux_only() {
        let ids = linux_os_ids();
        assert!(ids.contains(&"ubuntu22"));
        assert!(ids.iter().all(|i| !i.starts_with("win")));
    }
}
