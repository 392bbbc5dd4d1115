//! Every problem as the page shows it in English: one full sentence, with
//! the values as typed (quoted, never re-cased) and the names spelled as
//! people write them (vSwitch, ENI, IPv4).

use std::fmt::Write as _;

use crate::net::AddrError;
use crate::net6::{Addr6Error, Cidr6Error, PrefixError};
use crate::plan::address::Role;
use crate::plan::cloud::{Reserved, SpecialUse};
use crate::plan::problem::{IfNameError, NoDnsReason, ProblemKind};
use crate::plan::{CloudProfile, LimitSource};

/// The sentence for one problem.
///
/// ```
/// use wizard::plan::ProblemKind;
/// use wizard::wording::en::problems::sentence;
/// assert_eq!(sentence(&ProblemKind::NoSecondaries), "Add at least one secondary IP (or an IPv6 address to add).");
/// ```
pub fn sentence(kind: &ProblemKind) -> String {
    use ProblemKind::*;
    match kind {
        Required => "Required.".to_owned(),
        UnknownChoice { value, valid } => {
            format!("Unknown value '{value}': choose from {}.", valid.join(", "))
        }
        InvalidAddress { value, error } => {
            format!("'{value}' is not an IPv4 address: {}.", addr_error(*error))
        }
        InvalidMask { value } => format!(
            "'{value}' is not a valid mask: use a prefix from 0 to 32 or a contiguous mask like 255.255.255.0."
        ),
        InvalidCidr { value } => format!(
            "'{value}' is not a CIDR or mask: write it like 192.168.1.0/24, 255.255.255.0 or /24."
        ),
        MaskNeedsPrimary { value } => format!(
            "'{value}' is only a mask: enter a valid primary IP so the network can be worked out, or write the CIDR."
        ),
        PrefixOutOfRange { prefix, min, max, cloud } => format!(
            "/{prefix} is not allowed: {} {} masks run from /{min} to /{max}.",
            cloud_name(*cloud),
            subnet_word(*cloud)
        ),
        HostBitsSet { value, network } => {
            format!("'{value}' has host bits set: it means the network {network}.")
        }
        ForbiddenRange { network, range } => format!(
            "{network} lies in {}/{} ({}), which a vSwitch may not use.",
            range.network,
            range.prefix,
            special_use(range.purpose)
        ),
        OutsideSubnet { value, subnet } => format!("{value} is outside the vSwitch {subnet}."),
        ReservedAddress { value, which, cloud } => {
            let word = subnet_word(*cloud);
            match which {
                Reserved::Network => format!("{value} is the network address of the {word}."),
                Reserved::Broadcast => format!("{value} is the broadcast address of the {word}."),
                Reserved::Front(_) | Reserved::Back(_) => format!(
                    "{value} is reserved by {} ({} of the {word}).",
                    cloud_long_name(*cloud),
                    place(*which)
                ),
            }
        }
        UnusualGateway { value, usual, cloud } => format!(
            "{value} is not the usual {} gateway {usual}: check it with `ip route` on the instance.",
            cloud_name(*cloud)
        ),
        IsGateway { value } => {
            format!("{value} is the gateway: give the ENI an address of its own.")
        }
        Duplicate { value, other } => {
            format!("{value} is already used as the {}.", role(*other))
        }
        NoSecondaries => "Add at least one secondary IP (or an IPv6 address to add).".to_owned(),
        TooMany { count, limit, source } => format!(
            "{count} addresses (primary included) exceed the limit of {limit} {}.",
            limit_source(source.as_ref(), *limit)
        ),
        AvailableBeyondGuide { count, guide, api } => format!(
            "{count} addresses (primary included) on an Available ENI: the guide allows {guide}, the current AssignPrivateIpAddresses reference up to {api}. If the call is refused, bind the ENI to the instance first (InUse: the instance type's limit applies)."
        ),
        UnknownInstanceType { value, suggestions } => {
            let mut s = format!("Unknown instance type '{value}'");
            if suggestions.is_empty() {
                s.push_str(": type the per-ENI limit instead.");
            } else {
                let _ = write!(s, ": did you mean {}.", suggestions.join(", "));
            }
            s
        }
        InvalidLimit { value, min, max } => format!(
            "'{value}' is not a per-ENI limit: enter a whole number from {min} to {max}."
        ),
        LimitUnknown => "Pick the instance type or type its per-ENI limit, so the address count can be checked.".to_owned(),
        InvalidInterface { value, reason } => {
            format!("'{value}' is not an interface name: {}.", if_name_error(*reason))
        }
        // Debug quoting, so the control character shows as an escape (\t, \n).
        ControlCharacter { value } => {
            format!("{value:?} contains a control character: remove it.")
        }
        InvalidMac { value } => format!(
            "'{value}' is not a MAC address: write six hex pairs like 00:16:3e:12:34:56."
        ),
        TooManyDns { count, max } => {
            format!("{count} DNS servers given: at most {max} are used.")
        }
        InvalidRegion { value } => format!(
            "'{value}' is not a region ID: write it like cn-hangzhou or ap-southeast-1."
        ),
        InvalidEniId { value } => format!(
            "'{value}' is not an ENI ID: it starts with eni- followed by letters and digits."
        ),
        InvalidInstanceId { value } => format!(
            "'{value}' is not an instance ID: it starts with i- followed by lowercase letters and digits, like i-bp1a2b3c4d5e6f7g8h9i."
        ),
        PrimaryEniAvailable => "A primary ENI is always attached to its instance, so its state is InUse: choose InUse, or choose a secondary ENI.".to_owned(),
        TableNeeded { interface } => format!(
            "'{interface}' has no device number to take the routing table from (eth1 gets table 1001): type the table, a number from 1 to 2147483647 other than 252 to 255."
        ),
        InvalidTable { value } => format!(
            "'{value}' is not a routing table the wizard can use: type a whole number from 1 to 2147483647 other than 252 to 255 (the kernel's own), like 1001."
        ),
        TableIgnored => "The primary ENI keeps the main routing table: this table is used only for a secondary ENI.".to_owned(),
        StaticSecondaryEniUnsupported { os } => format!(
            "Static mode is not offered for a secondary ENI on {}: its stanza shares /etc/network/interfaces with the primary ENI's, and ifupdown-ng cannot turn its DHCP off from a file of the wizard's. Choose keep DHCP mode: the secondaries are added to its DHCP stanza.",
            os.label()
        ),
        SecondaryOnFirstInterface { interface } => format!(
            "'{interface}' is usually the primary ENI: check with `ip -br link` which interface has the secondary ENI's MAC (eth1, eth2, …)."
        ),
        NoDns { suggested, reason } => {
            let list: Vec<String> = suggested.iter().map(|a| a.to_string()).collect();
            format!(
                "No DNS servers given: {}; the cloud's resolvers are {}.",
                no_dns(*reason),
                list.join(" and ")
            )
        }
        DuplicateDns { value } => format!("{value} is listed twice in the DNS servers."),
        LimitDiffers { typed, catalog, instance_type } => format!(
            "The typed limit {typed} differs from the catalog's {catalog} for {instance_type}: the typed limit is used."
        ),
        InvalidCidr6 { value, error } => {
            format!("'{value}' is not an IPv6 CIDR block: {}.", cidr6_error(*error))
        }
        Ipv6PrefixNotVswitch { prefix, vswitch, vpc, cloud } if prefix == vpc => format!(
            "/{prefix} is the VPC's IPv6 CIDR block: each {} has a /{vswitch} of it. Copy the {}'s own IPv6 CIDR block (VPC › vSwitches).",
            subnet_word(*cloud),
            subnet_word(*cloud)
        ),
        Ipv6PrefixNotVswitch { prefix, vswitch, cloud, .. } => format!(
            "/{prefix} is not a {} IPv6 CIDR block: {} {} IPv6 blocks are /{vswitch}.",
            subnet_word(*cloud),
            cloud_name(*cloud),
            subnet_word(*cloud)
        ),
        HostBitsSet6 { value, network } => format!(
            "'{value}' has host bits set: the vSwitch's IPv6 CIDR block is the network {network}, write that."
        ),
        InvalidAddress6 { value, error } => {
            format!("'{value}' is not an IPv6 address: {}.", addr6_error(*error))
        }
        OutsideSubnet6 { value, subnet } => {
            format!("{value} is outside the vSwitch's IPv6 CIDR block {subnet}.")
        }
        ReservedAddress6 { value, which: Reserved::Network, cloud } => format!(
            "{value} is the subnet-router anycast address of the {}'s IPv6 CIDR block (its first address), which {} reserves.",
            subnet_word(*cloud),
            cloud_long_name(*cloud)
        ),
        ReservedAddress6 { value, which, cloud } => format!(
            "{value} is reserved by {} ({} of the {}'s IPv6 CIDR block).",
            cloud_long_name(*cloud),
            place(super::super::last_is_back_1(*which)),
            subnet_word(*cloud)
        ),
        Ipv6IsPrimary { value } => format!("{value} is already the ENI's own IPv6 address."),
        DuplicateIpv6 { value } => format!("{value} is listed twice in the IPv6 addresses."),
        Ipv6NeedsCidr => "Enter the vSwitch's IPv6 CIDR block too: the IPv6 addresses are checked against it.".to_owned(),
        TooManyIpv6 { count, limit, source } => format!(
            "{count} IPv6 addresses (the ENI's own included) exceed the limit of {limit} {}.",
            ipv6_limit_source(source)
        ),
        Ipv6PerCall { count, max } => format!(
            "{count} IPv6 addresses to add: `AssignIpv6Addresses` takes at most {max} per call, so add at most {max} at a time."
        ),
    }
}

/// Why a string is not an IPv6 address (a clause).
fn addr6_error(e: Addr6Error) -> String {
    use Addr6Error as E;
    match e {
        E::Empty => "it is empty".to_owned(),
        E::Whitespace => "remove the white space".to_owned(),
        E::Brackets => "write the bare address, without [ ] or a port".to_owned(),
        E::ZoneId => "a zone ID (%eth0) names a local link and never belongs in an ENI's addresses, remove it".to_owned(),
        E::Prefix => "write the address without a /prefix".to_owned(),
        E::InvalidChar(c) => format!("'{c}' is not a hex digit or ':'"),
        E::Ipv4Address => "it is an IPv4 address, this field takes IPv6".to_owned(),
        E::Ipv4Embedded => "IPv4-embedded text (::ffff:192.0.2.1) is not accepted, write the last two groups in hex (::ffff:c000:201)".to_owned(),
        E::SeveralDoubleColons => "'::' may appear only once".to_owned(),
        E::EmptyGroup => "a group between colons is empty".to_owned(),
        E::GroupTooLong => "a group has more than four hex digits".to_owned(),
        E::TooFewGroups { groups } => {
            format!("it has {groups} groups and no '::', an address has eight")
        }
        E::TooManyGroups { groups, compressed: true } => {
            format!("it has {groups} groups and a '::', which must stand for at least one")
        }
        E::TooManyGroups { groups, compressed: false } => {
            format!("it has {groups} groups, an address has eight")
        }
    }
}

/// Why a string is not an IPv6 CIDR block (a clause).
fn cidr6_error(e: Cidr6Error) -> String {
    match e {
        Cidr6Error::Empty => "it is empty".to_owned(),
        Cidr6Error::Whitespace => "remove the white space".to_owned(),
        Cidr6Error::MissingPrefix => "add the prefix, a vSwitch's block ends in /64".to_owned(),
        Cidr6Error::Address(e) => format!("the address before '/' is wrong: {}", addr6_error(e)),
        Cidr6Error::Prefix(PrefixError::Empty) => "nothing follows the '/'".to_owned(),
        Cidr6Error::Prefix(PrefixError::NotDecimal) => {
            "the prefix after '/' is a number from 0 to 128".to_owned()
        }
        Cidr6Error::Prefix(PrefixError::LeadingZero) => "the prefix has a leading zero".to_owned(),
        Cidr6Error::Prefix(PrefixError::TooLarge) => "the prefix is above 128".to_owned(),
        Cidr6Error::HostBitsSet { network } => format!("host bits are set, it means {network}"),
    }
}

/// Whose IPv6 limit it is, after "the limit of N".
fn ipv6_limit_source(source: &LimitSource) -> String {
    match source {
        LimitSource::Available => "of an ENI in state Available".to_owned(),
        LimitSource::InstanceType(t) => format!("of {t} (IPv6 addresses per ENI)"),
        // Not given for IPv6 (the typed limit is IPv4's); worded all the same.
        LimitSource::Typed => "typed for this ENI".to_owned(),
        LimitSource::Unknown => "of the largest instance type".to_owned(),
    }
}

/// Why a string is not an IPv4 address (a clause: lowercase, no period).
fn addr_error(e: AddrError) -> String {
    match e {
        AddrError::Empty => "it is empty".to_owned(),
        AddrError::PartCount(1) => {
            "it has 1 part, an address has four like 192.168.1.10".to_owned()
        }
        AddrError::PartCount(n) => {
            format!("it has {n} parts, an address has four like 192.168.1.10")
        }
        AddrError::EmptyOctet => "a part between dots is empty".to_owned(),
        AddrError::NotDecimal => "use only the digits 0-9 and dots, with no spaces".to_owned(),
        AddrError::LeadingZero => {
            "a part has a leading zero, which many tools read as octal".to_owned()
        }
        AddrError::OctetTooLarge => "each part must be from 0 to 255".to_owned(),
    }
}

/// What is wrong with an interface name (a clause).
fn if_name_error(e: IfNameError) -> String {
    match e {
        IfNameError::TooLong { max } => format!("use at most {max} bytes"),
        IfNameError::Whitespace => "remove the whitespace".to_owned(),
        IfNameError::Control => "remove the control character".to_owned(),
        IfNameError::Slash => "'/' is not allowed".to_owned(),
        IfNameError::Colon => {
            "':' is not allowed: alias labels like eth0:0 are generated, type the device (eth0)"
                .to_owned()
        }
        IfNameError::Dots => "'.' and '..' are not interface names".to_owned(),
        IfNameError::Charset => {
            "use the name `ip link` shows: letters, digits, '-', '_', '.' and '@'".to_owned()
        }
        IfNameError::NotLetterFirst => {
            "a device name starts with a letter, like eth0 or ens5".to_owned()
        }
    }
}

/// Why the configuration needs DNS servers (a clause).
fn no_dns(reason: NoDnsReason) -> &'static str {
    match reason {
        NoDnsReason::Windows => "Windows turns dhcp off when a static address is added, so it needs DNS servers set statically",
        NoDnsReason::Static => "a static configuration without DNS servers loses name resolution",
    }
}

/// Whose limit it is, after "the limit of N".
fn limit_source(source: Option<&LimitSource>, limit: u32) -> String {
    match source {
        Some(LimitSource::Available) => "of an ENI in state available".to_owned(),
        Some(LimitSource::InstanceType(t)) => format!("of {t} (private IPv4 per ENI)"),
        Some(LimitSource::Typed) => "typed for this ENI".to_owned(),
        Some(LimitSource::Unknown) => {
            "of the largest instance type (pick yours to check its own limit)".to_owned()
        }
        None => format!("of any ENI (the largest instance types allow {limit})"),
    }
}

/// Where an address was typed, after "already used as the".
fn role(r: Role) -> String {
    match r {
        Role::Gateway => "gateway".to_owned(),
        Role::Primary => "primary IP".to_owned(),
        Role::Secondary(i) => format!("secondary IP {}", i + 1),
    }
}

/// Ordinals for the reserved places ("second", "third-to-last").
const ORDINALS: [&str; 9] =
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];

/// A reserved address by its place: "the second address", "the
/// third-to-last address"; past the ordinals, "a reserved address".
fn place(which: Reserved) -> String {
    let ordinal = |n: u32| n.checked_sub(1).and_then(|i| ORDINALS.get(i as usize)).copied();
    match which {
        Reserved::Network => "the first address".to_owned(),
        Reserved::Broadcast => "the last address".to_owned(),
        Reserved::Front(n) => ordinal(n)
            .map_or_else(|| "a reserved address".to_owned(), |o| format!("the {o} address")),
        Reserved::Back(n) => ordinal(n).map_or_else(
            || "a reserved address".to_owned(),
            |o| format!("the {o}-to-last address"),
        ),
    }
}

/// What a forbidden block is for.
fn special_use(purpose: SpecialUse) -> &'static str {
    match purpose {
        SpecialUse::SharedAddressSpace => "shared address space",
        SpecialUse::Multicast => "multicast",
        SpecialUse::Loopback => "loopback",
        SpecialUse::LinkLocal => "link-local",
    }
}

/// The cloud's short name ("the usual Alibaba gateway").
fn cloud_name(cloud: CloudProfile) -> &'static str {
    match cloud {
        CloudProfile::Alibaba => "Alibaba",
    }
}

/// The cloud's long name ("reserved by Alibaba cloud").
fn cloud_long_name(cloud: CloudProfile) -> &'static str {
    match cloud {
        CloudProfile::Alibaba => "Alibaba cloud",
    }
}

/// What the cloud calls a subnet.
fn subnet_word(cloud: CloudProfile) -> &'static str {
    match cloud {
        CloudProfile::Alibaba => "vSwitch",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_by_ordinal() {
        assert_eq!(place(Reserved::Back(2)), "the second-to-last address");
        assert_eq!(place(Reserved::Back(9)), "the ninth-to-last address");
        assert_eq!(place(Reserved::Back(10)), "a reserved address");
        assert_eq!(place(Reserved::Front(4)), "the fourth address");
        assert_eq!(place(Reserved::Front(0)), "a reserved address");
    }
}
