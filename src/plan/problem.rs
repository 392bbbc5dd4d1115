//! Problems found in a form: each has its own kind, the field it belongs to,
//! and a message that quotes the bad value and says what would be valid.
//! Messages are lowercase with no trailing period; the UI words them.

use std::fmt;
use std::net::Ipv4Addr;

use super::form::Field;
use super::CloudProfile;
use crate::net::AddrError;

/// Whether a problem blocks the plan or only informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The form cannot become a plan.
    Error,
    /// The plan is usable; the user should know.
    Warning,
}

/// One problem, tied to one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field the problem belongs to.
    pub field: Field,
    /// Error or warning.
    pub severity: Severity,
    /// What went wrong, with the values involved.
    pub kind: ProblemKind,
}

impl Problem {
    /// An error on `field`.
    pub fn error(field: Field, kind: ProblemKind) -> Problem {
        Problem { field, severity: Severity::Error, kind }
    }

    /// A warning on `field`.
    pub fn warning(field: Field, kind: ProblemKind) -> Problem {
        Problem { field, severity: Severity::Warning, kind }
    }

    /// Whether this problem blocks the plan.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message (lowercase, no trailing period).
    pub fn message(&self) -> String {
        self.kind.to_string()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.kind)
    }
}

/// Which of Alibaba's reserved addresses (or the subnet's own) was hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reserved {
    /// The network address (first of the subnet).
    Network,
    /// The broadcast address (last of the subnet).
    Broadcast,
    /// One of the cloud's reserved addresses other than network/broadcast,
    /// named by its place, e.g. "the third-to-last address".
    Cloud(&'static str),
}

/// Every kind of problem, with the values involved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required value is empty.
    Required,
    /// A closed-set value (os, mode, …) that is not one of the choices.
    UnknownChoice { value: String, valid: Vec<&'static str> },
    /// Not a strict dotted-quad IPv4 address.
    InvalidAddress { value: String, error: AddrError },
    /// A mask that is not contiguous or not a valid prefix.
    InvalidMask { value: String },
    /// A CIDR or mask that cannot be parsed.
    InvalidCidr { value: String },
    /// A mask (without a network) was given, and there is no valid primary to take the network from.
    MaskNeedsPrimary { value: String },
    /// A prefix outside the cloud's vSwitch range.
    PrefixOutOfRange { prefix: u8, min: u8, max: u8, cloud: CloudProfile },
    /// A CIDR with host bits set: accepted as the network it means (warning).
    HostBitsSet { value: String, network: String },
    /// A vSwitch block inside a range the cloud forbids.
    ForbiddenRange { network: String, range: &'static str },
    /// An address outside the subnet.
    OutsideSubnet { value: Ipv4Addr, subnet: String },
    /// An address the subnet or the cloud reserves.
    ReservedAddress { value: Ipv4Addr, which: Reserved, cloud: CloudProfile },
    /// The gateway differs from the usual one (warning).
    UnusualGateway { value: Ipv4Addr, usual: Ipv4Addr, cloud: CloudProfile },
    /// An address is the gateway.
    IsGateway { value: Ipv4Addr },
    /// An address appears twice; `other` is where it appeared first.
    Duplicate { value: Ipv4Addr, other: Field },
    /// No secondary address was given.
    NoSecondaries,
    /// More addresses than the ENI may hold (primary included).
    TooMany { count: usize, limit: u32, why: String },
    /// The instance type is not in the catalog; the closest known names.
    UnknownInstanceType { value: String, suggestions: Vec<&'static str> },
    /// The typed per-ENI limit is not a number in range.
    InvalidLimit { value: String },
    /// InUse without an instance type or limit: the count was not checked (warning).
    LimitUnknown,
    /// An invalid Linux interface name.
    InvalidInterface { value: String, reason: &'static str },
    /// A control character in a free-text value.
    ControlCharacter { value: String },
    /// Not a MAC address.
    InvalidMac { value: String },
    /// More DNS servers than allowed.
    TooManyDns { count: usize, max: usize },
    /// Not a region id.
    InvalidRegion { value: String },
    /// Not an ENI id.
    InvalidEniId { value: String },
    /// A primary ENI is always attached, so it cannot be in state Available.
    PrimaryEniAvailable,
    /// No DNS server although the configuration needs one (warning): the
    /// cloud's own resolvers are suggested.
    NoDns { suggested: Vec<Ipv4Addr>, why: &'static str },
    /// A DNS server listed twice.
    DuplicateDns { value: Ipv4Addr },
    /// The typed per-ENI limit differs from the catalog's for the instance type (warning).
    LimitDiffers { typed: u32, catalog: u32, instance_type: String },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind::*;
        match self {
            Required => f.write_str("required"),
            UnknownChoice { value, valid } => {
                write!(f, "unknown value '{value}': choose from {}", valid.join(", "))
            }
            InvalidAddress { value, error } => write!(f, "'{value}' is not an ipv4 address: {error}"),
            InvalidMask { value } => write!(
                f,
                "'{value}' is not a valid mask: use a prefix from 0 to 32 or a contiguous mask like 255.255.255.0"
            ),
            InvalidCidr { value } => write!(
                f,
                "'{value}' is not a cidr or mask: write it like 192.168.1.0/24, 255.255.255.0 or /24"
            ),
            MaskNeedsPrimary { value } => write!(
                f,
                "'{value}' is only a mask: enter a valid primary ip so the network can be worked out, or write the cidr"
            ),
            PrefixOutOfRange { prefix, min, max, cloud } => {
                let r = cloud.rules();
                write!(f, "/{prefix} is not allowed: {} {} masks run from /{min} to /{max}", r.name, r.subnet_word)
            }
            HostBitsSet { value, network } => {
                write!(f, "'{value}' has host bits set: it means the network {network}")
            }
            ForbiddenRange { network, range } => {
                write!(f, "{network} lies in {range}, which a vswitch may not use")
            }
            OutsideSubnet { value, subnet } => write!(f, "{value} is outside the vswitch {subnet}"),
            ReservedAddress { value, which, cloud } => {
                let r = cloud.rules();
                let word = r.subnet_word;
                match which {
                    Reserved::Network => write!(f, "{value} is the network address of the {word}"),
                    Reserved::Broadcast => write!(f, "{value} is the broadcast address of the {word}"),
                    Reserved::Cloud(place) => {
                        write!(f, "{value} is reserved by {} ({place} of the {word})", r.long_name)
                    }
                }
            }
            UnusualGateway { value, usual, cloud } => write!(
                f,
                "{value} is not the usual {} gateway {usual}: check it with `ip route` on the instance",
                cloud.rules().name
            ),
            IsGateway { value } => {
                write!(f, "{value} is the gateway: give the eni an address of its own")
            }
            Duplicate { value, other } => write!(f, "{value} is already used as the {other}"),
            NoSecondaries => f.write_str("add at least one secondary ip"),
            TooMany { count, limit, why } => write!(
                f,
                "{count} addresses (primary included) exceed the limit of {limit} {why}"
            ),
            UnknownInstanceType { value, suggestions } => {
                write!(f, "unknown instance type '{value}'")?;
                if suggestions.is_empty() {
                    f.write_str(": type the per-eni limit instead")
                } else {
                    write!(f, ": did you mean {}", suggestions.join(", "))
                }
            }
            InvalidLimit { value } => {
                write!(f, "'{value}' is not a per-eni limit: enter a whole number from 2 to 100")
            }
            LimitUnknown => f.write_str(
                "pick the instance type or type its per-eni limit, so the address count can be checked",
            ),
            InvalidInterface { value, reason } => write!(f, "'{value}' is not an interface name: {reason}"),
            ControlCharacter { value } => {
                write!(f, "{value:?} contains a control character: remove it")
            }
            InvalidMac { value } => {
                write!(f, "'{value}' is not a mac address: write six hex pairs like 00:16:3e:12:34:56")
            }
            TooManyDns { count, max } => write!(f, "{count} dns servers given: at most {max} are used"),
            InvalidRegion { value } => {
                write!(f, "'{value}' is not a region id: write it like cn-hangzhou or ap-southeast-1")
            }
            InvalidEniId { value } => {
                write!(f, "'{value}' is not an eni id: it starts with eni- followed by letters and digits")
            }
            PrimaryEniAvailable => f.write_str(
                "a primary eni is always attached to its instance, so its state is inuse: choose inuse, or choose a secondary eni",
            ),
            NoDns { suggested, why } => {
                let list: Vec<String> = suggested.iter().map(|a| a.to_string()).collect();
                write!(f, "no dns servers given: {why}; the cloud's resolvers are {}", list.join(" and "))
            }
            DuplicateDns { value } => write!(f, "{value} is listed twice in the dns servers"),
            LimitDiffers { typed, catalog, instance_type } => write!(
                f,
                "the typed limit {typed} differs from the catalog's {catalog} for {instance_type}: the typed limit is used"
            ),
        }
    }
}
