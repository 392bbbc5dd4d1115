//! The page's own texts in English: labels, hints, buttons, headings, the
//! radio options, the subnet picture's legend and facts.

use crate::catalog::{Method, Os};
use crate::plan::picture::Mark;
use crate::plan::routing::SourcePolicy;
use crate::plan::{EniKind, EniState, Field, LimitSource, Mode, Style};
use crate::wording::ui::{Choice, Doc, FieldWords, UiMessage, UiText};

/// A fixed text.
///
/// ```
/// use wizard::wording::{en::ui::text, UiText};
/// assert_eq!(text(UiText::Reset), "Reset");
/// ```
pub fn text(id: UiText) -> &'static str {
    use UiText::*;
    match id {
        DocumentTitle => "Secondary IP Wizard: Alibaba Cloud ECS ENI",
        SiteTitle => "Secondary IP Wizard",
        Tagline => "Checked configuration for adding secondary private IPv4 and IPv6 addresses to an Alibaba Cloud ECS network interface, for every Linux network stack and Windows.",
        Footer => "Runs entirely in your browser: nothing you type leaves this page. The link holds the form, so you can share or bookmark it.",
        Language => "Language",
        DocsTitle => "Alibaba Cloud documentation:",
        FormName => "Your network interface",
        CopyLink => "Copy link",
        LinkCopied => "Link copied ✓",
        LoadExample => "Load the guide's example",
        Reset => "Reset",
        ExampleNote => "This is the guide's example. Replace the values with your own, or press Reset to start from an empty form.",
        SectionSystem => "1. System",
        SectionAddresses => "2. Addresses",
        SectionEni => "3. Network interface (ENI)",
        SectionIpv6 => "IPv6 (optional)",
        Ipv6Summary => "The vSwitch's IPv6 block, the ENI's IPv6 address, the IPv6 addresses to add",
        SectionAdvanced => "Advanced",
        AdvancedSummary => "Interface names, MAC, DNS, style, region",
        PictureTitle => "vSwitch range",
        Picture6Title => "vSwitch IPv6 block",
        Own6 => "the ENI's own",
        Add6 => "to add",
        NotUsable6 => "not usable",
        PrefillTitle => "Start from the instance",
        PrefillSummary => "One command on the instance fills this form in",
        PrefillIntro => "Run one of these on the instance itself (over SSH, Workbench or Cloud Assistant). It reads the instance's metadata server (100.100.100.200: vSwitch CIDR, gateway, primary IP, the private IPs assigned in the cloud, ENI ID, region, instance ID and type, DNS) and prints a link to this page with the form filled in; open that link here. Nothing is sent anywhere.",
        PrefillLinuxTitle => "Linux (sh with curl or wget)",
        PrefillWindowsTitle => "Windows (PowerShell)",
        PrefillLinuxHintStart => "Reads the primary NIC; append a MAC address to read another NIC (e.g. ",
        PrefillLinuxHintEnd => ").",
        PrefillWindowsHintStart => "Reads the primary NIC; set ",
        PrefillWindowsHintEnd => " at its start to read another NIC.",
        AddAddress => "+ Add address",
        SecondaryTools => "Paste a list or fill free addresses",
        PasteLabel => "Paste addresses",
        PasteHint => "Separated by commas, spaces or new lines.",
        AddPasted => "Add these addresses",
        FillLabel => "Free addresses to add",
        FillFree => "Fill free addresses",
        Remove => "Remove",
        MatchingTypes => "Matching instance types",
        PictureEmpty => "Enter the vSwitch CIDR to see its addresses: which are reserved, which are taken, which are free.",
        Legend => "Legend",
        FactNetwork => "Network",
        FactBroadcast => "Broadcast",
        FactMask => "Mask",
        FactWildcard => "Wildcard",
        FactUsableRange => "Usable range",
        FactUsableCount => "Usable addresses",
        FactFree => "Still free",
        FactGateway => "Usual gateway",
        UsableNone => "none",
        SummaryWarnings => "Worth a second look",
        SummaryUnknown => "The link had parameters this page does not know",
        OutputsTitle => "Configuration",
        OutputsEmpty => "The configuration appears here once every problem listed above is fixed.",
        MethodTabs => "Configuration method",
        Recommended => "recommended",
        DownloadScript => "Download script",
        CopyMarkdown => "Copy as Markdown",
        MarkdownCopied => "Markdown copied ✓",
        MdWarning => "Warning:",
        MdLink => "The form:",
        ScriptTitle => "All in one script",
        AssistantTitle => "Or run it with Cloud Assistant",
        LaunchTitle => "Or at launch: a new instance that configures itself at its first boot",
        AssistantSummary => "RunCommand and Terraform with the whole script, built when opened",
        LaunchSummary => "User data, RunInstances and Terraform for a new instance, built when opened",
        ScriptNote => "Runs every step above on the instance, checks each address, and prints how to roll back. Running it twice changes nothing.",
        MissingIdsStart => "Type ",
        MissingIdsAnd => " and ",
        MissingIdsUnder => " (under Advanced), or ",
        MissingIdsPrefill => "start from the instance",
        MissingIdsEnd => ": its metadata has both.",
        MissingRegion => "the region ID",
        MissingEniId => "the ENI ID",
        Copy => "Copy",
        Copied => "Copied",
        CopiedMark => "Copied ✓",
        CopyFailed => "Copy failed",
        Download => "Download",
        ExpectIntro => "The output should show:",
        ChoiceLabel(c) => choice_label(c),
        ChoiceHelp(c) => choice_help(c),
        Mark(m) => mark(m),
        Doc(d) => doc_title(d),
    }
}

/// A documentation link's text.
fn doc_title(d: Doc) -> &'static str {
    match d {
        Doc::SecondaryIps => "Secondary private IP addresses",
        Doc::Eni => "Create and use an ENI",
    }
}

/// The English documentation's address of a page.
pub fn doc_url(d: Doc) -> &'static str {
    match d {
        Doc::SecondaryIps => {
            "https://www.alibabacloud.com/help/en/ecs/user-guide/assign-secondary-private-ip-addresses"
        }
        Doc::Eni => "https://www.alibabacloud.com/help/en/ecs/user-guide/create-an-eni",
    }
}

/// A method's tab label.
pub fn method_label(m: Method) -> &'static str {
    m.label()
}

/// An operating system as the picker names it ("Ubuntu 22.04").
pub fn os_label(os: Os) -> String {
    os.label()
}

/// A radio option's label.
fn choice_label(c: Choice) -> &'static str {
    match c {
        Choice::Mode(Mode::KeepDhcp) => "Keep DHCP, add the secondaries",
        Choice::Mode(Mode::Static) => "Everything static",
        Choice::EniKind(EniKind::Primary) => "Primary ENI",
        Choice::EniKind(EniKind::Secondary) => "Secondary ENI",
        Choice::EniState(EniState::InUse) => "InUse",
        Choice::EniState(EniState::Available) => "Available",
        Choice::Style(Style::Safe) => "Safe form",
        Choice::Style(Style::Guide) => "The guide's form",
        Choice::Source(SourcePolicy::Any) => "Any address of the subnet",
        Choice::Source(SourcePolicy::Primary) => "Only the primary IP",
    }
}

/// A radio option's explanation.
fn choice_help(c: Choice) -> &'static str {
    match c {
        Choice::Mode(Mode::KeepDhcp) => {
            "The primary IP stays on DHCP; only the new addresses are written. Safest."
        }
        Choice::Mode(Mode::Static) => {
            "The primary, gateway and secondaries are all written statically, as the guide does."
        }
        Choice::EniKind(EniKind::Primary) => "The instance's first network interface (eth0).",
        Choice::EniKind(EniKind::Secondary) => "An extra ENI, bound to the instance first. It gets a routing table of its own and a rule per address, because a second default route in the main table would send all traffic, SSH and EIP replies included, out of the wrong ENI, where the VPC drops it. So its addresses answer through their own ENI, and everything else keeps eth0's route.",
        Choice::EniState(EniState::InUse) => {
            "Attached to an instance: the instance type sets the limit."
        }
        Choice::EniState(EniState::Available) => "Not attached: at most 10 private IPs.",
        Choice::Style(Style::Safe) => "Separate files that cloud-init leaves alone, modern syntax.",
        Choice::Style(Style::Guide) => {
            "The files and syntax of the Alibaba Cloud guide, as written there."
        }
        Choice::Source(SourcePolicy::Any) => "The secondaries carry the subnet's prefix, as in the guide. In keep mode a secondary can then become the source of new connections to the subnet.",
        Choice::Source(SourcePolicy::Primary) => "The secondaries are added as /32: they still answer, but new connections always start from the primary (source-IP allow-lists, licence checks).",
    }
}

/// A mark of the subnet picture.
fn mark(m: Mark) -> &'static str {
    match m {
        Mark::Network => "network",
        Mark::Reserved => "reserved by Alibaba",
        Mark::Broadcast => "broadcast",
        Mark::Gateway => "gateway",
        Mark::Primary => "primary IP",
        Mark::Secondary => "secondary IP",
        Mark::Conflict => "conflict",
        Mark::Free => "free",
    }
}

/// Every field's words, in one table.
pub const fn words(field: Field) -> FieldWords {
    const fn w(
        name: &'static str,
        label: Option<&'static str>,
        hint: Option<&'static str>,
    ) -> FieldWords {
        FieldWords::new(name, label, hint)
    }
    match field {
        Field::Cloud => w("Cloud", None, None),
        Field::Os => w("Operating system", None, None),
        Field::Mode => w("Mode", None, None),
        Field::Style => w("Style", None, None),
        Field::EniKind => w("Which ENI", None, None),
        Field::EniState => w("ENI state", None, None),
        Field::RouteTable => w(
            "Routing table",
            Some("Routing table of this ENI (secondary ENI only)"),
            Some("Leave empty for 1000 + the interface number (eth1: 1001), as Alibaba's own ENI routing guide does; type another number only if that table is already in use (`ip rule show`)."),
        ),
        Field::Source => w("Source address", None, None),
        Field::InstanceType => w(
            "Instance type",
            None,
            Some("Sets how many addresses the ENI may hold. Type a few letters (g7, c6, r7…) and pick from the list."),
        ),
        Field::Limit => w(
            "Private IPs per ENI",
            Some("Private IPs per ENI (only for a type not in the list)"),
            Some("From the instance family's page or DescribeInstanceTypes (EniPrivateIpAddressQuantity), primary included."),
        ),
        Field::Interface => w(
            "Linux interface name",
            None,
            Some("Run `ip a` on the instance: eth0, ens5, …"),
        ),
        Field::WindowsAlias => w(
            "Windows interface alias",
            None,
            Some("Run `ipconfig /all` (or Get-NetAdapter): Ethernet, Ethernet 2, …"),
        ),
        Field::Connection => w(
            "NetworkManager connection name",
            None,
            Some("Run `nmcli con show`: System eth0, cloud-init eth0, Wired connection 1, …"),
        ),
        Field::Mac => w(
            "MAC address",
            Some("MAC address (optional)"),
            Some("Shown by `ip link` or in the console's ENI details; ties the config to this ENI."),
        ),
        Field::Cidr => w(
            "vSwitch CIDR",
            Some("vSwitch CIDR or mask"),
            Some("In the console: VPC › vSwitches, column IPv4 CIDR block (e.g. 192.168.1.0/24). A mask (255.255.255.0 or /24) works with the primary IP."),
        ),
        Field::Gateway => w(
            "Gateway",
            None,
            Some("Filled in with Alibaba's usual gateway (third address from the end) once the CIDR is known; check it with `ip route`."),
        ),
        Field::Primary => w(
            "Primary IP",
            None,
            Some("The ENI's current private IP: `ip -4 addr` on Linux, `ipconfig` on Windows."),
        ),
        Field::Secondaries => w(
            "Secondary IPs",
            Some("Secondary private IPs"),
            Some("The addresses to add to the ENI. They must lie in the vSwitch and be free."),
        ),
        // Followed by the row's number.
        Field::Secondary(_) => w("Secondary IP", None, None),
        Field::Cidr6 => w(
            "vSwitch IPv6 CIDR",
            Some("vSwitch IPv6 CIDR block (optional)"),
            Some("In the console: VPC › vSwitches, column IPv6 CIDR block (a /64, not the VPC's /56). Leave the IPv6 fields empty for no IPv6."),
        ),
        Field::Primary6 => w(
            "ENI IPv6 address",
            Some("The ENI's own IPv6 address (optional)"),
            Some("The IPv6 address the ENI already has: `ip -6 addr` on Linux, `ipconfig` on Windows."),
        ),
        Field::Secondaries6 => w(
            "IPv6 addresses to add",
            Some("IPv6 addresses to add (optional)"),
            Some("Separated by commas or spaces; each must lie in the vSwitch's IPv6 CIDR block, at most 10 per `AssignIpv6Addresses` call."),
        ),
        Field::Dns => w(
            "DNS servers",
            Some("DNS servers (optional)"),
            Some("Separated by commas or spaces; `cat /etc/resolv.conf` or `ipconfig /all`."),
        ),
        Field::Region => w(
            "Region ID",
            Some("Region ID (optional)"),
            Some("For the cloud commands: cn-hangzhou, ap-southeast-1, …"),
        ),
        Field::EniId => w(
            "ENI ID",
            Some("ENI ID (optional)"),
            Some("In the console's ENI list: eni-…"),
        ),
        Field::InstanceId => w(
            "Instance ID",
            Some("Instance ID (optional)"),
            Some("For the Cloud Assistant commands, which run the script on the instance: i-…"),
        ),
    }
}

/// A text with values.
///
/// ```
/// use wizard::wording::{en::ui::message, UiMessage};
/// assert_eq!(message(&UiMessage::RemoveRow { row: 1 }), "Remove Secondary IP 2");
/// ```
pub fn message(m: &UiMessage) -> String {
    match m {
        UiMessage::Limit { per_eni, source, used, remaining } => {
            let why = match source {
                LimitSource::Available => "an ENI in state Available",
                LimitSource::InstanceType(name) => name.as_str(),
                LimitSource::Typed => "the limit you typed",
                LimitSource::Unknown => "the largest limit of any instance type",
            };
            let start = format!(
                "Limit: {per_eni} private IPs per ENI for {why}, primary included. This plan uses {used}: "
            );
            if *remaining >= 0 {
                format!("{start}{remaining} more can be added.")
            } else {
                format!("{start}{} too many.", remaining.unsigned_abs())
            }
        }
        UiMessage::TypeLimit { per_eni } => format!("{per_eni} IPs per ENI"),
        UiMessage::RemoveRow { row } => {
            format!("Remove {}", words(Field::Secondary(*row)).name_of(Field::Secondary(*row)))
        }
        UiMessage::Outside { addresses } => {
            format!("Outside this range (not drawn): {}.", addresses.join(", "))
        }
        UiMessage::RangeMap { size, marked } => {
            format!("Map of the {size} addresses of the vSwitch: {marked} marked, the rest free.")
        }
        UiMessage::MarkTitle { addr, mark: m } => format!("{addr}: {}", mark(*m)),
        UiMessage::Block6 { block, usable } => format!("{block}: an ENI may use {} of its addresses (all but the first and the last 9). A /64 is too large to draw address by address: each address is placed by how far it lies from the start or the end, or how far along.", crate::wording::grouped(*usable)),
        UiMessage::Place6 { place } => match place {
            crate::net6::Place::Start { offset } => format!("{offset} from the start"),
            crate::net6::Place::End { from_end: 0 } => "the last address".to_owned(),
            crate::net6::Place::End { from_end } => format!("{from_end} before the last address"),
            crate::net6::Place::Along { permille } => {
                format!("about {}.{}% along", permille / 10, permille % 10)
            }
        },
        UiMessage::Range { first, last } => format!("{first} – {last}"),
        UiMessage::ProblemCount { count: 1 } => {
            "1 problem to fix before the configuration can be copied".to_owned()
        }
        UiMessage::ProblemCount { count } => {
            format!("{count} problems to fix before the configuration can be copied")
        }
        UiMessage::UnknownParameter { name } => {
            format!("Unknown link parameter '{name}': it was ignored.")
        }
        UiMessage::FileMode { mode } => format!("mode {mode:04o}"),
        UiMessage::RunbookTitle { os, method } => {
            format!("Secondary private IPs: {os}, {method}")
        }
        UiMessage::FileAt { path, mode } => format!("File `{path}`, mode {mode:04o}"),
    }
}
