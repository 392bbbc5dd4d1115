//! The doctor in English: its panel, and one sentence per finding.

use std::net::Ipv4Addr;

use crate::doctor::{DefaultRoute, Finding, FindingKind};
use crate::wording::doctor::DoctorText;

/// A fixed text.
///
/// ```
/// use wizard::wording::{doctor::DoctorText, en::doctor::text};
/// assert!(text(DoctorText::Intro).contains("changes nothing"));
/// ```
pub fn text(id: DoctorText) -> &'static str {
    use DoctorText::*;
    match id {
        Title => "Or check the instance first (read-only)",
        Intro => "The doctor reads the metadata server, the kernel's addresses, routes, policy rules and rp_filter, and the network configuration files (which stack is in charge, cloud-init, nm-cloud-setup, cloud-netconfig). It changes nothing, prints a short report and a link to this page with the form filled in and what it found shown on the fields.",
        LinuxTitle => "Linux doctor (sh; curl or wget for the metadata)",
        LinuxHint => "Save it as doctor.sh and run sudo sh doctor.sh (as root it reads every configuration file; it writes none). Append a MAC address to check another NIC.",
        WindowsTitle => "Windows doctor (PowerShell)",
        WindowsHint => "Paste it into PowerShell on the instance; set $Mac at its start to check another NIC.",
        SummaryTitle => "What the doctor found on the instance",
        Dismiss => "Forget what the doctor found",
    }
}

fn list(a: &[Ipv4Addr]) -> String {
    a.iter().map(Ipv4Addr::to_string).collect::<Vec<_>>().join(", ")
}

fn route(r: &DefaultRoute) -> String {
    let via = r.gateway.map(|g| format!("via {g} ")).unwrap_or_default();
    format!("{via}dev {} metric {}", r.dev, r.metric)
}

/// The sentence for one finding (its commands, if any, are shown below it).
///
/// ```
/// use wizard::doctor::{Finding, FindingKind};
/// use wizard::paste::Level;
/// use wizard::plan::Field;
/// use wizard::wording::en::doctor::finding;
/// let f = Finding { field: Field::Gateway, level: Level::Warning, kind: FindingKind::NoDefaultRoute };
/// assert_eq!(finding(&f), "The instance has no default route in its main table.");
/// ```
pub fn finding(f: &Finding) -> String {
    use FindingKind::*;
    match &f.kind {
        Stack { stack, interface, method: Some(m), .. } => format!(
            "The doctor found {} in charge of {interface}: use the {} method.",
            stack.label(),
            m.label()
        ),
        Stack { stack, interface, method: None, os } => format!(
            "The doctor found {} in charge of {interface}, but {} has no method for it here: is the operating system right?",
            stack.label(),
            os.map_or_else(|| "the operating system chosen".to_owned(), |o| o.label())
        ),
        NoStack { interface } => format!(
            "Nothing configures {interface} persistently (a DHCP client alone, or addresses added by hand): a method with a file keeps the secondary IPs after a reboot."
        ),
        CloudInitManages { file } => format!(
            "cloud-init writes the network configuration on every boot ({}): Keep DHCP adds a file of its own beside it; Everything static turns cloud-init's network configuration off first.",
            file.as_deref().unwrap_or("the doctor did not find which file")
        ),
        CloudInitNetworkOff => "cloud-init's network configuration is turned off here: the files that configure the interface now are the ones to keep, and an ENI attached later stays unconfigured until you configure it.".to_owned(),
        NmCloudSetupAliyun { interface } => format!(
            "nm-cloud-setup is enabled with the Aliyun provider: it adds and removes the secondary IPs of {interface} by itself, from the metadata server. Either use it (the method “{}”) and configure nothing else, or disable it before you configure them.",
            crate::catalog::Method::NmCloudSetup.label()
        ),
        NmCloudSetupCompetes { method, interface } => format!(
            "The doctor found nm-cloud-setup enabled with the Aliyun provider: it will add and remove the secondary IPs of {interface} by itself, competing with what {} configures. Use the method “{}” instead, or disable nm-cloud-setup first (the commands below).",
            method.label(),
            crate::catalog::Method::NmCloudSetup.label()
        ),
        NmCloudSetupOn => "nm-cloud-setup is enabled without the Aliyun provider: it does nothing on Alibaba Cloud now, but would manage the secondary IPs once NM_CLOUD_SETUP_ALIYUN=yes is set.".to_owned(),
        CloudNetconfig { interface } => format!(
            "SUSE's cloud-netconfig manages the addresses of {interface}: it may remove the secondary IPs a file adds. Tell it to leave the interface alone."
        ),
        MetadataUnread => "The doctor could not read the metadata server: the secondary IPs are the ones on the interface, not necessarily those assigned to the ENI. Check them in the console.".to_owned(),
        NotInCloud { interface, addresses } => format!(
            "{} on {interface}: not assigned to this ENI in the cloud, so the VPC drops their traffic. Assign them (the Assign step) and add them here, or leave them out: the script removes what the form does not list (with --replace).",
            list(addresses)
        ),
        NotOnInterface { interface, addresses } => format!(
            "{}: assigned in the cloud, not yet on {interface}. The configuration below adds them.",
            list(addresses)
        ),
        DynamicSecondaries { addresses } => format!(
            "{}: a lifetime (they came from DHCP), so they go when the lease ends. Is a second DHCP client running on the interface?",
            list(addresses)
        ),
        NoSkipAsSource { alias, addresses } => format!(
            "{}: on {alias} without SkipAsSource, so Windows may use them as the source of outgoing traffic (the Alibaba network FAQ: it can break). The configuration below sets it; the commands set it on the addresses already there.",
            list(addresses)
        ),
        SeveralDefaultRoutes { routes } => format!(
            "The main table has {} default routes ({}): only the lowest metric's is used, and a second one (often a secondary ENI's) sends replies out of the wrong interface, where the VPC drops them.",
            routes.len(),
            routes.iter().map(route).collect::<Vec<_>>().join("; ")
        ),
        NoDefaultRoute => "The instance has no default route in its main table.".to_owned(),
        RouteNotGateway { route: r, gateway } => format!(
            "The default route in use ({}) does not go via the gateway {gateway} of the form.",
            route(r)
        ),
        Rules { rules } => format!(
            "Policy rules beyond the kernel's own: {}. A secondary ENI's table, nm-cloud-setup's rules or a hand-made one; the secondary-ENI method adds its own beside them.",
            rules.join("; ")
        ),
        RpFilterStrict { interface, value } => format!(
            "Reverse-path filtering is strict (rp_filter = {value}) for {interface}: without a routing table of its own, a secondary ENI's replies are dropped. The secondary-ENI method sets it to loose (2)."
        ),
        BadValue { param, value } => {
            format!("The doctor's link holds a value the page cannot read: {param}={value}.")
        }
    }
}
