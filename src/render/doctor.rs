//! The read-only doctor: a Linux sh script (`sh/doctor.sh`) and its
//! PowerShell twin (`ps/doctor.ps1`) that read the metadata server (with
//! hardened mode's session token), the kernel's addresses, routes, rules
//! and `rp_filter`, and the network configuration files, change nothing,
//! and print a short report and a link to the wizard: the form's
//! parameters ([`crate::share`]) and the doctor's ([`crate::doctor`]).
//!
//! What they share with the pre-fill one-liner is
//! [`super::metadata`]; the parameter names are [`Field::param`] and the
//! `P_…` constants of [`crate::doctor`], so the link reads back with
//! [`crate::share::from_query`] and [`crate::doctor::from_query`].
//!
//! The Linux script is POSIX sh (dash, BusyBox ash) with awk, sed, grep
//! and `ip`; `curl` or `wget` for the metadata. Its environment variables
//! for tests and unusual hosts are the pre-fill's.

use super::metadata::{
    pwsh_form_pairs, pwsh_ipv6, pwsh_os, pwsh_query, pwsh_reader, sh_encode, sh_form_link,
    sh_interface_by_mac, sh_ips, sh_ips6, sh_ipv6, sh_nm_connection, sh_os, sh_reader,
    METADATA_URL,
};
use super::prefill::link_base;
use super::quote::{pwsh, sh};
use super::template::fill;
use crate::doctor::{
    Stack, P_CLOUD_INIT, P_CLOUD_INIT_FILE, P_CLOUD_NETCONFIG, P_DYNAMIC, P_METADATA,
    P_NM_CLOUD_SETUP, P_NO_SKIP, P_ON, P_ROUTE, P_RP_FILTER, P_RULE, P_STACK, P_VERSION, VERSION,
};
use crate::plan::Field;

/// The Linux script's template.
const DOCTOR_SH: &str = include_str!("sh/doctor.sh");

/// The PowerShell script's template.
const DOCTOR_PS: &str = include_str!("ps/doctor.ps1");

/// The Linux doctor for a wizard at `base_url` (its query and fragment
/// dropped: the link's own replace them). `sh doctor.sh [MAC]`.
///
/// ```
/// let s = wizard::render::doctor::linux_script("https://wizard.example/?os=x");
/// assert!(s.starts_with("#!/bin/sh\n"));
/// assert!(s.contains("\nb=https://wizard.example/\n"));
/// assert!(!s.contains("{{"));
/// ```
pub fn linux_script(base_url: &str) -> String {
    let doctor_link = [
        format!("k {P_VERSION} {VERSION};"),
        format!("k {P_STACK} \"$st\";"),
        format!("k {P_CLOUD_INIT} \"$ci\";"),
        format!("k {P_CLOUD_INIT_FILE} \"$cif\";"),
        format!("k {P_NM_CLOUD_SETUP} \"$ncs\";"),
        format!("k {P_CLOUD_NETCONFIG} \"$cnc\";"),
        format!("k {P_METADATA} \"$md\";"),
        format!("k {P_ON} \"$on\";"),
        format!("k {P_DYNAMIC} \"$dyn\";"),
    ]
    .join("\n");
    let labels: Vec<String> =
        Stack::ALL.iter().map(|s| format!("  {}) sl={} ;;", s.as_str(), sh(s.label()))).collect();
    fill(
        DOCTOR_SH,
        &[
            ("base", &sh(link_base(base_url))),
            ("reader", &sh_reader().join("\n")),
            ("ips", &sh_ips()),
            ("ips6", &sh_ips6()),
            ("ipv6", &sh_ipv6()),
            ("encode", &sh_encode().join("\n")),
            ("by_mac", &sh_interface_by_mac().join("\n")),
            ("nm_connection", &sh_nm_connection()),
            ("stack_labels", &labels.join("\n")),
            ("os", &sh_os().join("\n")),
            ("form_link", &sh_form_link().join("\n")),
            ("p_mode", Field::Mode.param()),
            ("doctor_link", &doctor_link),
            ("p_route", P_ROUTE),
            ("p_rule", P_RULE),
            ("p_rpf", P_RP_FILTER),
        ],
    )
}

/// The PowerShell doctor for a wizard at `base_url`. `$Mac` at its start
/// may be set to check another NIC; `WIZARD_METADATA_URL` overrides `$Meta`.
///
/// ```
/// let s = wizard::render::doctor::powershell_script("https://wizard.example/");
/// assert!(s.contains("$Base = 'https://wizard.example/'"));
/// assert!(!s.contains("{{"));
/// ```
pub fn powershell_script(base_url: &str) -> String {
    let q = |s: &str| pwsh(s);
    let doctor_pairs = format!(
        ", ({}, {}), ({}, $md), ({}, $on), ({}, $dyn), ({}, $noSkip)",
        q(P_VERSION),
        q(VERSION),
        q(P_METADATA),
        q(P_ON),
        q(P_DYNAMIC),
        q(P_NO_SKIP)
    );
    fill(
        DOCTOR_PS,
        &[
            ("base", &pwsh(link_base(base_url))),
            ("meta", &pwsh(METADATA_URL)),
            ("reader", &pwsh_reader().join("\n")),
            ("os", &pwsh_os().join("\n")),
            ("ipv6", &pwsh_ipv6()),
            ("form_pairs", &pwsh_form_pairs()),
            ("p_mode", &q(Field::Mode.param())),
            ("doctor_pairs", &doctor_pairs),
            ("p_route", &q(P_ROUTE)),
            ("query", &pwsh_query()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        for s in [linux_script("https://x.example/"), powershell_script("https://x.example/")] {
            assert!(!s.contains("{{"), "{s}");
            assert!(s.ends_with('\n') && !s.ends_with("\n\n"));
        }
    }

    #[test]
    fn the_base_url_is_quoted() {
        let hostile = "https://x.example/a b'c/";
        assert!(linux_script(hostile).contains("\nb='https://x.example/a b'\\''c/'\n"));
        assert!(powershell_script(hostile).contains("$Base = 'https://x.example/a b''c/'"));
    }
}
