//! The paste panel in English: its texts, and one sentence per issue of
//! the reader, with the values and the lines they came from.

use crate::paste::{Issue, IssueKind, Lines, Origin, OsEvidence, Pick};
use crate::wording::{field_name as worded_field_name, Locale};

fn field_name(f: crate::plan::Field) -> String {
    worded_field_name(Locale::En, f)
}
use crate::wording::paste::{PasteMessage, PasteText};

/// A fixed text.
///
/// ```
/// use wizard::wording::{en::paste::text, paste::PasteText};
/// assert_eq!(text(PasteText::Apply), "Apply to the form");
/// ```
pub fn text(id: PasteText) -> &'static str {
    use PasteText::*;
    match id {
        Title => "Paste what the instance shows",
        Summary => "ip a, route -n, nmcli, ipconfig /all: the form fills itself in",
        Intro => "Paste the output of `ip a` and `route -n` (or `ip route`, `nmcli con show`, `networkctl status`, `cat /etc/os-release`; on Windows `ipconfig /all` or `Get-NetIPConfiguration`), in any order and mix, prompts included. Each value the wizard takes is shown with the line it came from.",
        Privacy => "The text is read here, in this page: nothing you paste leaves it, and it is not stored.",
        Label => "Output from the instance",
        Read => "Read it",
        Clear => "Clear",
        ValuesTitle => "Values found",
        IssuesTitle => "Worth a look before you apply",
        Apply => "Apply to the form",
        Undo => "Undo",
        NoValues => "No value for the form was found in this text.",
        Undone => "The form is back as it was before Apply.",
        UseValue => "Use this value",
    }
}

/// `line 4` or `lines 4–6`.
fn lines(l: Lines) -> String {
    if l.first == l.last {
        format!("line {}", l.first)
    } else {
        format!("lines {}–{}", l.first, l.last)
    }
}

/// `line 4 of route -n`.
fn at(o: &Origin) -> String {
    format!("{} of {}", lines(o.lines), o.tool.command())
}

/// A text with values.
///
/// ```
/// use wizard::paste::{Origin, Tool};
/// use wizard::wording::{en::paste::message, paste::PasteMessage};
/// let m = PasteMessage::From { origin: Origin::line(Tool::RouteN, 4) };
/// assert_eq!(message(&m), "from line 4 of route -n");
/// ```
pub fn message(m: &PasteMessage) -> String {
    match m {
        PasteMessage::From { origin } => format!("from {}", at(origin)),
        PasteMessage::Applied { fields: 1 } => {
            "1 field of the form changed. Undo puts it back.".to_owned()
        }
        PasteMessage::Applied { fields } => {
            format!("{fields} fields of the form changed. Undo puts them back.")
        }
        PasteMessage::AppliedNothing => "The form already held every value.".to_owned(),
        PasteMessage::UndoKept { fields } => format!(
            "Put back, except what you edited after Apply: {}.",
            fields.iter().map(|f| field_name(*f)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The sentence for one issue of the reader.
///
/// ```
/// use wizard::paste::{Issue, IssueKind, Level};
/// use wizard::wording::en::paste::issue;
/// let i = Issue { level: Level::Note, field: None, kind: IssueKind::NoGateway };
/// assert!(issue(&i).starts_with("No default route"));
/// ```
pub fn issue(i: &Issue) -> String {
    use IssueKind::*;
    match &i.kind {
        NothingRecognised => "Nothing in this text looks like the output of a tool the wizard reads (ip, route, netstat, nmcli, networkctl, os-release, resolv.conf, ipconfig, Get-NetIPAddress, Get-NetIPConfiguration).".to_owned(),
        Truncated { lines_read } => format!(
            "The text is longer than the wizard reads: only its first {lines_read} lines were read."
        ),
        NoInterface => "No interface other than loopback has an IPv4 address in this text.".to_owned(),
        NoAddress { interface } => format!(
            "{interface} has no usable IPv4 address here: no primary IP, CIDR or secondary IP was taken."
        ),
        PickNotFound { pick } => {
            let what = match pick {
                Pick::Auto => "the interface asked for".to_owned(),
                Pick::Mac(m) => format!("the MAC address {m}"),
                Pick::Name(n) => format!("the name {n}"),
            };
            format!("No interface here has {what}: the interface was chosen as if none had been given.")
        }
        InterfaceGuessed { chosen, others } => format!(
            "Several interfaces could be the ENI's ({chosen}, {}) and no default route says which: {chosen} was taken. Paste ip route too, or set the interface under Advanced.",
            others.join(", ")
        ),
        SeveralDefaultRoutes { routes } => format!(
            "There are {} default routes ({}): the one with the lowest metric was taken. An instance needs one default route in its main table; a second one (often a secondary ENI's) sends replies out of the wrong interface, where the VPC drops them.",
            routes.len(),
            routes.iter().map(|o| lines(o.lines)).collect::<Vec<_>>().join(", ")
        ),
        DefaultRouteElsewhere { dev, origin } => format!(
            "The default route ({}) leaves through {dev}, not this interface: no gateway was taken.",
            at(origin)
        ),
        NoGateway => "No default route for this interface here: no gateway was taken. Paste route -n or ip route too.".to_owned(),
        GatewayOutsideSubnet { gateway, subnet, origin } => format!(
            "The gateway {gateway} ({}) is outside {subnet}, the primary IP's subnet.",
            at(origin)
        ),
        OtherSubnet { address, prefix, origin } => format!(
            "{address}{} ({}) is outside the primary IP's subnet: it was not taken as a secondary IP.",
            prefix.map(|p| format!("/{p}")).unwrap_or_default(),
            at(origin)
        ),
        DynamicSecondary { address, origin } => format!(
            "{address} ({}) came from DHCP (it has a lifetime): it goes when its lease ends. Is a second DHCP client running on the interface? It was still taken as a secondary IP.",
            at(origin)
        ),
        SeveralDynamic { addresses } => format!(
            "Several addresses came from DHCP ({}): the first, {}, was taken as the primary IP.",
            addresses.iter().map(|a| a.value.to_string()).collect::<Vec<_>>().join(", "),
            addresses.first().map(|a| a.value.to_string()).unwrap_or_default()
        ),
        PrimaryGuessed { chosen } => format!(
            "Nothing here says which address is the primary (no DHCP lifetime, no route source): the first listed, {chosen}, was taken."
        ),
        PrefixUnknown { address } => format!(
            "The prefix length of {address} is not shown here: no CIDR was taken. Paste ip addr or route -n too."
        ),
        PrefixDiffers { address, prefix, primary_prefix, origin } => format!(
            "{address}/{prefix} ({}) has another prefix length than the primary IP's /{primary_prefix}: every address of an ENI has the vSwitch's.",
            at(origin)
        ),
        Disagree { field, kept, other } => format!(
            "Two outputs disagree about the {}: {} ({}) was taken; {} says {}.",
            field_name(*field),
            kept.value,
            at(&kept.origin),
            at(&other.origin),
            other.value
        ),
        OsNotInCatalog { evidence, origin } => {
            let named = match evidence {
                OsEvidence::Release { id, version_id } => match version_id {
                    Some(v) => format!("{id} {v}"),
                    None => id.clone(),
                },
                OsEvidence::Caption(c) => c.clone(),
            };
            format!(
                "{named} ({}) is not an operating system the wizard knows: pick the closest one.",
                at(origin)
            )
        }
        WindowsVersionUnknown => "This is Windows output, but no line names the release: pick it, or paste systeminfo too.".to_owned(),
        MixedPlatforms { linux, windows } => format!(
            "This text holds both Linux ({}) and Windows ({}) output: are both from this instance?",
            at(linux),
            at(windows)
        ),
        NoConnection { interface } => format!(
            "The nmcli output holds no connection active on {interface}: no connection name was taken."
        ),
        LoopbackDns { server, origin } => format!(
            "{server} ({}) is a resolver on the instance itself (systemd-resolved's stub), not the VPC's DNS server: skipped. resolvectl dns shows the real ones.",
            at(origin)
        ),
        TooManyDns { found, kept } => format!(
            "{found} DNS servers are listed; the form takes {kept}: the first {kept} were taken."
        ),
    }
}
