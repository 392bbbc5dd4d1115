//! Problems found in a form: each has its own kind, the field it belongs to,
//! and the values involved (the bad value as typed, what would be valid).
//! Problems carry data, never sentences: [`crate::wording`] words them.

use std::fmt;
use std::net::Ipv4Addr;

use super::address::Role;
use super::cloud::{ForbiddenRange, Reserved};
use super::form::Field;
use super::limit::LimitSource;
use super::CloudProfile;
use crate::net::{AddrError, Subnet};
use crate::net6::{Addr6, Addr6Error, Cidr6Error, Subnet6};

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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.kind)
    }
}

/// What is wrong with a Linux interface name (the first rule it breaks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfNameError {
    /// Longer than `max` bytes.
    TooLong { max: usize },
    /// Holds whitespace.
    Whitespace,
    /// Holds a control character.
    Control,
    /// Holds `/`.
    Slash,
    /// Holds `:` (an alias label such as `eth0:0`, which the renderers make).
    Colon,
    /// Is `.` or `..`.
    Dots,
    /// Holds a character other than letters, digits, `-`, `_`, `.` and `@`.
    Charset,
    /// Does not start with a letter.
    NotLetterFirst,
}

/// Why a configuration needs DNS servers set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDnsReason {
    /// Windows turns DHCP (and the DNS it gave) off once a static address is added.
    Windows,
    /// A static configuration has no DHCP to give DNS servers.
    Static,
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
    HostBitsSet { value: String, network: Subnet },
    /// A vSwitch block inside a range the cloud forbids.
    ForbiddenRange { network: Subnet, range: ForbiddenRange },
    /// An address outside the subnet.
    OutsideSubnet { value: Ipv4Addr, subnet: Subnet },
    /// An address the subnet or the cloud reserves.
    ReservedAddress { value: Ipv4Addr, which: Reserved, cloud: CloudProfile },
    /// The gateway differs from the usual one (warning).
    UnusualGateway { value: Ipv4Addr, usual: Ipv4Addr, cloud: CloudProfile },
    /// An address is the gateway.
    IsGateway { value: Ipv4Addr },
    /// An address appears twice; `other` is where it appeared first.
    Duplicate { value: Ipv4Addr, other: Role },
    /// No secondary address was given.
    NoSecondaries,
    /// More addresses than the ENI may hold (primary included); `source`
    /// says where the limit came from (`None`: nothing is known about the
    /// ENI, so the most any ENI holds).
    TooMany { count: usize, limit: u32, source: Option<LimitSource> },
    /// An Available ENI with more than the guide's `guide` addresses but no
    /// more than the API reference's `api` (warning).
    AvailableBeyondGuide { count: usize, guide: u32, api: u32 },
    /// The instance type is not in the catalog; the closest known names.
    UnknownInstanceType { value: String, suggestions: Vec<&'static str> },
    /// The typed per-ENI limit is not a whole number from `min` to `max`.
    InvalidLimit { value: String, min: u32, max: u32 },
    /// InUse without an instance type or limit: the count was not checked (warning).
    LimitUnknown,
    /// An invalid Linux interface name, and the first thing wrong with it.
    InvalidInterface { value: String, reason: IfNameError },
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
    /// Not an instance id.
    InvalidInstanceId { value: String },
    /// A primary ENI is always attached, so it cannot be in state Available.
    PrimaryEniAvailable,
    /// A secondary ENI whose interface name has no device index: its
    /// routing table must be typed.
    TableNeeded { interface: String },
    /// Not a routing table id the wizard can use.
    InvalidTable { value: String },
    /// A routing table typed for the primary ENI, which keeps the main table (warning).
    TableIgnored,
    /// Static mode on a secondary ENI of an OS whose methods cannot do it.
    StaticSecondaryEniUnsupported { os: crate::catalog::Os },
    /// A secondary ENI on eth0, which is almost always the primary ENI (warning).
    SecondaryOnFirstInterface { interface: String },
    /// No DNS server although the configuration needs one (warning): the
    /// cloud's own resolvers are suggested.
    NoDns { suggested: Vec<Ipv4Addr>, reason: NoDnsReason },
    /// A DNS server listed twice.
    DuplicateDns { value: Ipv4Addr },
    /// The typed per-ENI limit differs from the catalog's for the instance type (warning).
    LimitDiffers { typed: u32, catalog: u32, instance_type: String },
    /// Not an IPv6 CIDR block (`address/prefix`, both strict).
    InvalidCidr6 { value: String, error: Cidr6Error },
    /// An IPv6 block whose prefix is not the vSwitch's (`vswitch`: /64);
    /// `vpc` is the VPC's (/56), the block most often pasted instead.
    Ipv6PrefixNotVswitch { prefix: u8, vswitch: u8, vpc: u8, cloud: CloudProfile },
    /// An IPv6 CIDR block with host bits set: `network` is the block it means.
    HostBitsSet6 { value: String, network: Subnet6 },
    /// Not a strict IPv6 address, and why (a zone id, an IPv4-embedded tail…).
    InvalidAddress6 { value: String, error: Addr6Error },
    /// An IPv6 address outside the vSwitch's IPv6 block.
    OutsideSubnet6 { value: Addr6, subnet: Subnet6 },
    /// An IPv6 address the cloud reserves: [`Reserved::Network`] is the
    /// subnet-router anycast address (the first), [`Reserved::Back`] counts
    /// from the last (1).
    ReservedAddress6 { value: Addr6, which: Reserved, cloud: CloudProfile },
    /// An IPv6 address to add that is the ENI's own IPv6 address.
    Ipv6IsPrimary { value: Addr6 },
    /// An IPv6 address listed twice among those to add.
    DuplicateIpv6 { value: Addr6 },
    /// IPv6 addresses without the vSwitch's IPv6 CIDR block to check them against.
    Ipv6NeedsCidr,
    /// More IPv6 addresses (the ENI's own included) than the ENI may hold;
    /// `source` is [`LimitSource::Available`] or [`LimitSource::InstanceType`].
    TooManyIpv6 { count: usize, limit: u32, source: LimitSource },
    /// More IPv6 addresses to add than one AssignIpv6Addresses call takes.
    Ipv6PerCall { count: usize, max: u32 },
}

impl fmt::Display for ProblemKind {
    /// The English sentence (for logs and test failures; the page asks
    /// [`crate::wording::problem`] for its locale's).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::wording::en::problems::sentence(self))
    }
}
