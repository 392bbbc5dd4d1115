//! Strict IPv6 parsing, canonical RFC 5952 text, and IPv6 subnet arithmetic
//! done in `u128`, so no prefix (not even `/0`) overflows.
//!
//! Why not `std::net::Ipv6Addr` alone:
//!
//! - std's parser accepts IPv4-embedded text (`::ffff:1.2.3.4`), and nothing
//!   says *why* a string is refused; here every refusal is an [`Addr6Error`].
//! - std's `Display` writes `::ffff:0:0/96` in mixed notation
//!   (`::ffff:1.2.3.4`), which this module's parser refuses; [`Addr6`] writes
//!   every address in hex, so `parse(display(a)) == a` for all 2^128 of them.
//!
//! Decisions:
//!
//! - **IPv4-embedded text is refused** ([`Addr6Error::Ipv4Embedded`]). An ENI's
//!   IPv6 addresses come from its vSwitch's /64 of unicast space; the
//!   IPv4-mapped and -translated ranges, the only ones for which RFC 5952 §5
//!   recommends mixed notation, are never assigned to an ENI, and a dotted tail
//!   in an IPv6 field is far more often a paste of the wrong address.
//! - **Upper case and leading zeros are accepted** (`2001:0DB8::0001`): RFC 4291
//!   §2.2 allows both and hex has no octal trap. Output is canonical.
//! - **Errors are data only**: the sentences a person reads belong to
//!   [`crate::wording`]; each variant's doc says what it means.
//! - **Sizes**: a subnet of prefix `p` has 2^(128 − p) addresses. That fits a
//!   `u128` for every prefix but `/0`, so [`Subnet6::size`] is `None` exactly
//!   for `/0`; [`Subnet6::last_offset`] (size − 1) always fits and is what the
//!   arithmetic uses.
//! - **Where an address sits in a /64** (the subnet picture cannot draw 2^64
//!   cells): [`Subnet6::position`] gives the offset, the distance from the end,
//!   a coarse [`Place`] (within the first or last 65,536 addresses, else a
//!   per-mille along the block) and [`Addr6::interface_id`] the low 64 bits as
//!   four fixed-width groups.

use std::fmt;
use std::net::Ipv6Addr;
use std::str::FromStr;

/// Why a string is not a strict IPv6 address.
///
/// Checks run in the order of the variants below, so a string with several
/// faults reports the first: `" [::1]"` is [`Addr6Error::Whitespace`].
///
/// ```
/// use wizard::net6::{parse_ipv6, Addr6Error};
/// assert_eq!(parse_ipv6("fe80::1%eth0"), Err(Addr6Error::ZoneId));
/// assert_eq!(parse_ipv6("2001:db8::1/64"), Err(Addr6Error::Prefix));
/// assert_eq!(parse_ipv6("2001:db8::12345"), Err(Addr6Error::GroupTooLong));
/// assert_eq!(parse_ipv6("1:2:3"), Err(Addr6Error::TooFewGroups { groups: 3 }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Addr6Error {
    /// Nothing was given.
    Empty,
    /// A space, tab, newline or other (Unicode) white space, anywhere.
    Whitespace,
    /// `[` or `]`: the URL form (`[2001:db8::1]`), usually with a port
    /// (`[2001:db8::1]:22`). The field takes the bare address.
    Brackets,
    /// `%`: a zone id (`fe80::1%eth0`). Zone ids name a local link and never
    /// belong in cloud or interface configuration of an ENI's addresses.
    ZoneId,
    /// `/`: a prefix length inside an address field (`2001:db8::5/64`).
    Prefix,
    /// A character that is not an ASCII hex digit, `:` or `.` (`g`, `-`, a
    /// full-width `１`, an Arabic-Indic digit): the character itself.
    InvalidChar(char),
    /// A dotted IPv4 address (`192.168.1.5`, or one with a port): the field
    /// wants IPv6. Reported when a `.` comes before any `:`.
    Ipv4Address,
    /// A dotted IPv4 tail after IPv6 groups (`::ffff:192.0.2.1`): valid RFC
    /// 4291 text, refused here on purpose (see the module doc). Write the last
    /// two groups in hex instead (`::ffff:c000:201`).
    Ipv4Embedded,
    /// More than one `::` (`1::2::3`): it could stand for zeros in several places.
    SeveralDoubleColons,
    /// An empty group outside `::`: a lone leading or trailing `:` (`:1::`,
    /// `1::2:`), or three colons in a row (`1:::2`).
    EmptyGroup,
    /// A group of more than four hex digits (`2001:db8::12345`).
    GroupTooLong,
    /// No `::` and fewer than eight groups: `groups` were given.
    TooFewGroups {
        /// How many groups were written.
        groups: usize,
    },
    /// More than eight groups, or eight or more with a `::` (which must stand
    /// for at least one zero group).
    TooManyGroups {
        /// How many groups were written.
        groups: usize,
        /// Whether the text had a `::`.
        compressed: bool,
    },
}

/// An IPv6 address. Parsed strictly ([`parse_ipv6`]), written canonically (RFC
/// 5952: lowercase, no leading zeros, the longest run of two or more zero
/// groups as `::`, the first such run on a tie, never mixed notation).
///
/// Ordered numerically, so sorting addresses sorts them as in a subnet.
///
/// ```
/// use wizard::net6::Addr6;
/// let a: Addr6 = "2001:0DB8:0:0:1:0:0:1".parse().unwrap();
/// assert_eq!(a.to_string(), "2001:db8::1:0:0:1");
/// assert!(a < "2001:db8::2:0:0:0".parse().unwrap());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Addr6(u128);

impl Addr6 {
    /// The unspecified address `::`.
    ///
    /// ```
    /// assert_eq!(wizard::net6::Addr6::UNSPECIFIED.to_string(), "::");
    /// ```
    pub const UNSPECIFIED: Addr6 = Addr6(0);

    /// The address with these 128 bits (network byte order: the first group is
    /// the top 16 bits).
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert_eq!(Addr6::from_bits(1).to_string(), "::1");
    /// ```
    pub const fn from_bits(bits: u128) -> Addr6 {
        Addr6(bits)
    }

    /// The 128 bits.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert_eq!("::ff".parse::<Addr6>().unwrap().to_bits(), 255);
    /// ```
    pub const fn to_bits(self) -> u128 {
        self.0
    }

    /// The address of these eight 16-bit groups.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// let a = Addr6::from_segments([0x2001, 0xdb8, 0, 0, 0, 0, 0, 5]);
    /// assert_eq!(a.to_string(), "2001:db8::5");
    /// ```
    pub const fn from_segments(groups: [u16; 8]) -> Addr6 {
        let mut bits = 0u128;
        let mut i = 0;
        while i < 8 {
            bits = (bits << 16) | groups[i] as u128;
            i += 1;
        }
        Addr6(bits)
    }

    /// The eight 16-bit groups, first group first.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// let a: Addr6 = "2001:db8::5".parse().unwrap();
    /// assert_eq!(a.segments(), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 5]);
    /// ```
    pub const fn segments(self) -> [u16; 8] {
        let mut groups = [0u16; 8];
        let mut i = 0;
        while i < 8 {
            groups[i] = (self.0 >> (112 - 16 * i)) as u16;
            i += 1;
        }
        groups
    }

    /// The low 64 bits: the interface id within a /64 (RFC 4291 §2.5.1).
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// let a: Addr6 = "2408:4005:3a8:6300::5".parse().unwrap();
    /// assert_eq!(a.interface_id().to_string(), "0000:0000:0000:0005");
    /// ```
    pub const fn interface_id(self) -> InterfaceId {
        InterfaceId(self.0 as u64)
    }

    /// Which well-known range the address is in (RFC 4291, RFC 6890's registry).
    ///
    /// ```
    /// use wizard::net6::{Addr6, Kind6};
    /// let kind = |s: &str| s.parse::<Addr6>().unwrap().kind();
    /// assert_eq!(kind("fe80::1"), Kind6::LinkLocal);
    /// assert_eq!(kind("2408:4005:3a8:6300::5"), Kind6::GlobalUnicast);
    /// ```
    pub const fn kind(self) -> Kind6 {
        let b = self.0;
        if b == 0 {
            Kind6::Unspecified
        } else if b == 1 {
            Kind6::Loopback
        } else if b >> 32 == 0xffff {
            Kind6::Ipv4Mapped
        } else if b >> 120 == 0xff {
            Kind6::Multicast
        } else if b >> 118 == 0xfe80 >> 6 {
            Kind6::LinkLocal
        } else if b >> 121 == 0xfc >> 1 {
            Kind6::UniqueLocal
        } else if b >> 96 == 0x2001_0db8 || b >> 108 == 0x3fff0 {
            Kind6::Documentation
        } else if b >> 125 == 0b001 {
            Kind6::GlobalUnicast
        } else {
            Kind6::Other
        }
    }
}

/// The ranges [`Addr6::kind`] tells apart: enough for the rules to say why an
/// address cannot be an ENI's (loopback, link-local, multicast) or looks like a
/// copied example (documentation).
///
/// ```
/// use wizard::net6::{Addr6, Kind6};
/// assert_eq!(Addr6::UNSPECIFIED.kind(), Kind6::Unspecified);
/// assert_eq!("2001:db8::1".parse::<Addr6>().unwrap().kind(), Kind6::Documentation);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind6 {
    /// `::`.
    Unspecified,
    /// `::1`.
    Loopback,
    /// `::ffff:0:0/96`, IPv4-mapped.
    Ipv4Mapped,
    /// `ff00::/8`.
    Multicast,
    /// `fe80::/10`.
    LinkLocal,
    /// `fc00::/7`, unique local (RFC 4193).
    UniqueLocal,
    /// `2001:db8::/32` (RFC 3849) or `3fff::/20` (RFC 9637): examples only.
    Documentation,
    /// The rest of `2000::/3`.
    GlobalUnicast,
    /// Anything else (other reserved or unassigned space).
    Other,
}

/// Parses an IPv6 address as a user types it: RFC 4291 hex groups and at most
/// one `::`; no zone id, brackets, port, prefix, spaces or dotted IPv4 tail.
///
/// ```
/// use wizard::net6::{parse_ipv6, Addr6Error};
/// assert_eq!(parse_ipv6("2001:DB8::0005").unwrap().to_string(), "2001:db8::5");
/// assert_eq!(parse_ipv6("::"), Ok(wizard::net6::Addr6::UNSPECIFIED));
/// assert_eq!(parse_ipv6("[2001:db8::1]:22"), Err(Addr6Error::Brackets));
/// assert_eq!(parse_ipv6("::ffff:192.0.2.1"), Err(Addr6Error::Ipv4Embedded));
/// assert_eq!(parse_ipv6("1::2::3"), Err(Addr6Error::SeveralDoubleColons));
/// ```
pub fn parse_ipv6(s: &str) -> Result<Addr6, Addr6Error> {
    use Addr6Error as E;
    if s.is_empty() {
        return Err(E::Empty);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(E::Whitespace);
    }
    if s.contains(['[', ']']) {
        return Err(E::Brackets);
    }
    if s.contains('%') {
        return Err(E::ZoneId);
    }
    if s.contains('/') {
        return Err(E::Prefix);
    }
    if let Some(c) = s.chars().find(|&c| !(c.is_ascii_hexdigit() || c == ':' || c == '.')) {
        return Err(E::InvalidChar(c));
    }
    if let Some(dot) = s.find('.') {
        return Err(match s.find(':') {
            Some(colon) if colon < dot => E::Ipv4Embedded,
            _ => E::Ipv4Address,
        });
    }
    if s.contains(":::") {
        return Err(E::EmptyGroup);
    }
    let (head, tail, compressed) = match s.split_once("::") {
        Some((_, tail)) if tail.contains("::") => return Err(E::SeveralDoubleColons),
        Some((head, tail)) => (head, tail, true),
        None => (s, "", false),
    };
    let head = groups(head)?;
    let tail = groups(tail)?;
    let n = head.len() + tail.len();
    match (compressed, n) {
        (true, 8..) | (false, 9..) => return Err(E::TooManyGroups { groups: n, compressed }),
        (false, 0..=7) => return Err(E::TooFewGroups { groups: n }),
        _ => {}
    }
    let mut segments = [0u16; 8];
    for (slot, g) in segments.iter_mut().zip(&head) {
        *slot = *g;
    }
    for (slot, g) in segments[8 - tail.len()..].iter_mut().zip(&tail) {
        *slot = *g;
    }
    Ok(Addr6::from_segments(segments))
}

/// The groups of one side of `::` (the whole text when there is none): every
/// group 1–4 hex digits, already known to be ASCII hex.
fn groups(part: &str) -> Result<Vec<u16>, Addr6Error> {
    if part.is_empty() {
        return Ok(Vec::new());
    }
    part.split(':')
        .map(|g| match g.len() {
            0 => Err(Addr6Error::EmptyGroup),
            1..=4 => {
                Ok(g.chars().fold(0u16, |acc, c| (acc << 4) | c.to_digit(16).unwrap_or(0) as u16))
            }
            _ => Err(Addr6Error::GroupTooLong),
        })
        .collect()
}

impl FromStr for Addr6 {
    type Err = Addr6Error;

    /// Same as [`parse_ipv6`].
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert!("fe80::1%eth0".parse::<Addr6>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Addr6, Addr6Error> {
        parse_ipv6(s)
    }
}

/// The longest run of zero groups of length two or more, first on a tie:
/// `(start, length)`, or `None` when no two adjacent groups are zero.
fn longest_zero_run(groups: &[u16; 8]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < 8 {
        if groups[i] != 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < 8 && groups[i] == 0 {
            i += 1;
        }
        let len = i - start;
        if len >= 2 && best.is_none_or(|(_, l)| len > l) {
            best = Some((start, len));
        }
    }
    best
}

/// A stack buffer for one canonical address (at most 39 characters), so
/// `Display` can honour width and alignment without allocating.
struct TextBuf {
    bytes: [u8; 39],
    len: usize,
}

impl fmt::Write for TextBuf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl fmt::Display for Addr6 {
    /// RFC 5952 canonical text (never mixed notation); width and alignment apply.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// let a: Addr6 = "2001:db8:0:1:1:1:1:1".parse().unwrap();
    /// assert_eq!(a.to_string(), "2001:db8:0:1:1:1:1:1"); // one zero group stays
    /// let mapped: Addr6 = "::ffff:c000:201".parse().unwrap();
    /// assert_eq!(mapped.to_string(), "::ffff:c000:201"); // std writes ::ffff:192.0.2.1
    /// assert_eq!(format!("[{:>6}]", Addr6::from_bits(1)), "[   ::1]");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        let groups = self.segments();
        let mut buf = TextBuf { bytes: [0; 39], len: 0 };
        let write_run = |buf: &mut TextBuf, run: &[u16]| -> fmt::Result {
            for (i, g) in run.iter().enumerate() {
                if i > 0 {
                    buf.write_char(':')?;
                }
                write!(buf, "{g:x}")?;
            }
            Ok(())
        };
        match longest_zero_run(&groups) {
            Some((start, len)) => {
                write_run(&mut buf, &groups[..start])?;
                buf.write_str("::")?;
                write_run(&mut buf, &groups[start + len..])?;
            }
            None => write_run(&mut buf, &groups)?,
        }
        f.pad(std::str::from_utf8(&buf.bytes[..buf.len]).map_err(|_| fmt::Error)?)
    }
}

impl From<Ipv6Addr> for Addr6 {
    /// The same 128 bits.
    ///
    /// ```
    /// use std::net::Ipv6Addr;
    /// use wizard::net6::Addr6;
    /// assert_eq!(Addr6::from(Ipv6Addr::LOCALHOST).to_string(), "::1");
    /// ```
    fn from(a: Ipv6Addr) -> Addr6 {
        Addr6(a.to_bits())
    }
}

impl From<Addr6> for Ipv6Addr {
    /// The same 128 bits.
    ///
    /// ```
    /// use std::net::Ipv6Addr;
    /// use wizard::net6::Addr6;
    /// assert_eq!(Ipv6Addr::from(Addr6::from_bits(1)), Ipv6Addr::LOCALHOST);
    /// ```
    fn from(a: Addr6) -> Ipv6Addr {
        Ipv6Addr::from_bits(a.0)
    }
}

/// The low 64 bits of an address (its interface id in a /64), written as four
/// fixed-width groups (`0000:0000:0000:0005`) so addresses of one vSwitch line
/// up in a monospaced column and "where in the /64" reads at a glance.
///
/// ```
/// use wizard::net6::Addr6;
/// let id = "2408:4005:3a8:6300:ffff:ffff:ffff:fff6".parse::<Addr6>().unwrap().interface_id();
/// assert_eq!(id.to_string(), "ffff:ffff:ffff:fff6");
/// assert_eq!(id.to_bits(), u64::MAX - 9);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InterfaceId(u64);

impl InterfaceId {
    /// The 64 bits.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert_eq!(Addr6::from_bits(7).interface_id().to_bits(), 7);
    /// ```
    pub const fn to_bits(self) -> u64 {
        self.0
    }

    /// The four 16-bit groups, first group first.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// let a: Addr6 = "2001:db8::a:b:c:d".parse().unwrap();
    /// assert_eq!(a.interface_id().groups(), [0xa, 0xb, 0xc, 0xd]);
    /// ```
    pub const fn groups(self) -> [u16; 4] {
        [(self.0 >> 48) as u16, (self.0 >> 32) as u16, (self.0 >> 16) as u16, self.0 as u16]
    }

    /// Whether all 64 bits are zero: in a /64 that is the network address, the
    /// subnet-router anycast address (RFC 4291 §2.6.1).
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert!("2001:db8:1:2::".parse::<Addr6>().unwrap().interface_id().is_zero());
    /// ```
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for InterfaceId {
    /// Four groups of four lowercase hex digits.
    ///
    /// ```
    /// use wizard::net6::Addr6;
    /// assert_eq!(Addr6::from_bits(0xabc).interface_id().to_string(), "0000:0000:0000:0abc");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.groups();
        write!(f, "{a:04x}:{b:04x}:{c:04x}:{d:04x}")
    }
}

/// Why a prefix length is not `0` to `128`.
///
/// ```
/// use wizard::net6::{parse_prefix6, PrefixError};
/// assert_eq!(parse_prefix6("064"), Err(PrefixError::LeadingZero));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefixError {
    /// Nothing after the `/`.
    Empty,
    /// Something other than the ASCII digits 0-9 (a sign, a space, a mask).
    NotDecimal,
    /// A leading zero (`064`).
    LeadingZero,
    /// Above 128.
    TooLarge,
}

/// Parses an IPv6 prefix length: `0` to `128`, ASCII decimal, no leading zero,
/// no sign.
///
/// ```
/// use wizard::net6::{parse_prefix6, PrefixError};
/// assert_eq!(parse_prefix6("64"), Ok(64));
/// assert_eq!(parse_prefix6("129"), Err(PrefixError::TooLarge));
/// assert_eq!(parse_prefix6("+64"), Err(PrefixError::NotDecimal));
/// ```
pub fn parse_prefix6(s: &str) -> Result<u8, PrefixError> {
    if s.is_empty() {
        return Err(PrefixError::Empty);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PrefixError::NotDecimal);
    }
    if s.len() > 1 && s.starts_with('0') {
        return Err(PrefixError::LeadingZero);
    }
    match s.parse::<u8>() {
        Ok(p) if p <= 128 => Ok(p),
        _ => Err(PrefixError::TooLarge),
    }
}

/// Why a string is not an IPv6 CIDR (`address/prefix`).
///
/// ```
/// use wizard::net6::{Addr6Error, Cidr6, Cidr6Error};
/// assert_eq!("2001:db8::".parse::<Cidr6>(), Err(Cidr6Error::MissingPrefix));
/// assert_eq!("2001:db8:::/64".parse::<Cidr6>(), Err(Cidr6Error::Address(Addr6Error::EmptyGroup)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cidr6Error {
    /// Nothing was given.
    Empty,
    /// White space anywhere (around the `/` too).
    Whitespace,
    /// A valid address with no `/prefix`.
    MissingPrefix,
    /// The part before the `/` (or the whole text, when it has no `/` and is
    /// not an address) is not a strict IPv6 address.
    Address(Addr6Error),
    /// The part after the first `/` is not a prefix length.
    Prefix(PrefixError),
    /// Host bits are set: only from [`Subnet6`]'s `FromStr`, which wants the
    /// network itself; `network` is the subnet the text means.
    HostBitsSet {
        /// The subnet with host bits cleared.
        network: Subnet6,
    },
}

/// An IPv6 CIDR as written: an address (host bits possibly set) and a prefix.
/// [`Cidr6::subnet`] is the network it means; [`Cidr6::has_host_bits`] says
/// whether to warn, as the IPv4 side does for `192.168.1.7/24`.
///
/// ```
/// use wizard::net6::Cidr6;
/// let c: Cidr6 = "2408:4005:3a8:6300::5/64".parse().unwrap();
/// assert!(c.has_host_bits());
/// assert_eq!(c.subnet().to_string(), "2408:4005:3a8:6300::/64");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cidr6 {
    addr: Addr6,
    prefix: u8,
}

impl Cidr6 {
    /// The address as written.
    ///
    /// ```
    /// use wizard::net6::Cidr6;
    /// let c: Cidr6 = "2001:db8::5/64".parse().unwrap();
    /// assert_eq!(c.addr().to_string(), "2001:db8::5");
    /// ```
    pub const fn addr(&self) -> Addr6 {
        self.addr
    }

    /// The prefix length (0–128).
    ///
    /// ```
    /// use wizard::net6::Cidr6;
    /// assert_eq!("::/0".parse::<Cidr6>().unwrap().prefix(), 0);
    /// ```
    pub const fn prefix(&self) -> u8 {
        self.prefix
    }

    /// The subnet this CIDR means (host bits cleared).
    ///
    /// ```
    /// use wizard::net6::Cidr6;
    /// let c: Cidr6 = "2001:db8:0:1:2::/56".parse().unwrap();
    /// assert_eq!(c.subnet().to_string(), "2001:db8::/56");
    /// ```
    pub const fn subnet(&self) -> Subnet6 {
        Subnet6 { network: Addr6(self.addr.0 & mask(self.prefix)), prefix: self.prefix }
    }

    /// Whether the address has bits set past the prefix.
    ///
    /// ```
    /// use wizard::net6::Cidr6;
    /// assert!(!"2001:db8::/64".parse::<Cidr6>().unwrap().has_host_bits());
    /// ```
    pub const fn has_host_bits(&self) -> bool {
        self.addr.0 & !mask(self.prefix) != 0
    }
}

/// Parses `address/prefix`, both strict; host bits may be set.
///
/// ```
/// use wizard::net6::{parse_cidr6, Cidr6Error, PrefixError};
/// assert_eq!(parse_cidr6("2001:db8::/64").unwrap().prefix(), 64);
/// assert_eq!(parse_cidr6("2001:db8::/129"), Err(Cidr6Error::Prefix(PrefixError::TooLarge)));
/// assert_eq!(parse_cidr6("2001:db8::/64 "), Err(Cidr6Error::Whitespace));
/// ```
pub fn parse_cidr6(s: &str) -> Result<Cidr6, Cidr6Error> {
    if s.is_empty() {
        return Err(Cidr6Error::Empty);
    }
    if s.chars().any(char::is_whitespace) {
        return Err(Cidr6Error::Whitespace);
    }
    let Some((left, right)) = s.split_once('/') else {
        return Err(match parse_ipv6(s) {
            Ok(_) => Cidr6Error::MissingPrefix,
            Err(e) => Cidr6Error::Address(e),
        });
    };
    let addr = parse_ipv6(left).map_err(Cidr6Error::Address)?;
    let prefix = parse_prefix6(right).map_err(Cidr6Error::Prefix)?;
    Ok(Cidr6 { addr, prefix })
}

impl FromStr for Cidr6 {
    type Err = Cidr6Error;

    /// Same as [`parse_cidr6`].
    ///
    /// ```
    /// assert!("2001:db8::5/64".parse::<wizard::net6::Cidr6>().is_ok());
    /// ```
    fn from_str(s: &str) -> Result<Cidr6, Cidr6Error> {
        parse_cidr6(s)
    }
}

impl fmt::Display for Cidr6 {
    /// The address (canonical) and the prefix, host bits as written.
    ///
    /// ```
    /// let c: wizard::net6::Cidr6 = "2001:DB8:0::5/64".parse().unwrap();
    /// assert_eq!(c.to_string(), "2001:db8::5/64");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// The network mask of a prefix (0–128; above 128 counts as 128).
const fn mask(prefix: u8) -> u128 {
    let p = if prefix > 128 { 128 } else { prefix as u32 };
    match u128::MAX.checked_shl(128 - p) {
        Some(m) => m,
        None => 0,
    }
}

/// An IPv6 subnet: a network address with its host bits clear, and a prefix
/// length 0–128. All arithmetic is in `u128` and checked: no prefix and no
/// offset can overflow.
///
/// ```
/// use wizard::net6::Subnet6;
/// let s: Subnet6 = "2408:4005:3a8:6300::/64".parse().unwrap();
/// assert_eq!(s.size(), Some(1 << 64));
/// assert_eq!(s.last().to_string(), "2408:4005:3a8:6300:ffff:ffff:ffff:ffff");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Subnet6 {
    network: Addr6,
    prefix: u8,
}

impl Subnet6 {
    /// The subnet of `addr`/`prefix` (host bits are cleared). `None` if
    /// prefix > 128.
    ///
    /// ```
    /// use wizard::net6::{Addr6, Subnet6};
    /// let a: Addr6 = "2001:db8::77".parse().unwrap();
    /// assert_eq!(Subnet6::new(a, 64).unwrap().to_string(), "2001:db8::/64");
    /// assert_eq!(Subnet6::new(a, 129), None);
    /// ```
    pub const fn new(addr: Addr6, prefix: u8) -> Option<Subnet6> {
        if prefix > 128 {
            return None;
        }
        Some(Subnet6 { network: Addr6(addr.0 & mask(prefix)), prefix })
    }

    /// The network address (host bits all zero; in a /64 also the
    /// subnet-router anycast address).
    ///
    /// ```
    /// let s: wizard::net6::Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.network().to_string(), "2001:db8::");
    /// ```
    pub const fn network(&self) -> Addr6 {
        self.network
    }

    /// The last address (host bits all one).
    ///
    /// ```
    /// let s: wizard::net6::Subnet6 = "2001:db8::/120".parse().unwrap();
    /// assert_eq!(s.last().to_string(), "2001:db8::ff");
    /// ```
    pub const fn last(&self) -> Addr6 {
        Addr6(self.network.0 | self.last_offset())
    }

    /// The prefix length (0–128).
    ///
    /// ```
    /// let s: wizard::net6::Subnet6 = "2001:db8::/56".parse().unwrap();
    /// assert_eq!(s.prefix(), 56);
    /// ```
    pub const fn prefix(&self) -> u8 {
        self.prefix
    }

    /// How many bits are left for hosts: 128 − prefix. The subnet spans
    /// 2^host_bits addresses.
    ///
    /// ```
    /// let s: wizard::net6::Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.host_bits(), 64);
    /// ```
    pub const fn host_bits(&self) -> u8 {
        128 - self.prefix
    }

    /// The mask as an address (`ffff:ffff:ffff:ffff::` for a /64).
    ///
    /// ```
    /// let s: wizard::net6::Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.mask().to_string(), "ffff:ffff:ffff:ffff::");
    /// ```
    pub const fn mask(&self) -> Addr6 {
        Addr6(mask(self.prefix))
    }

    /// How many addresses the subnet spans, network and last included.
    /// `None` only for a `/0`, whose 2^128 addresses do not fit a `u128`: use
    /// [`Subnet6::last_offset`] (size − 1) or [`Subnet6::host_bits`] there.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// assert_eq!("2001:db8::1/128".parse::<Subnet6>().unwrap().size(), Some(1));
    /// assert_eq!("::/1".parse::<Subnet6>().unwrap().size(), Some(1 << 127));
    /// assert_eq!("::/0".parse::<Subnet6>().unwrap().size(), None);
    /// ```
    pub const fn size(&self) -> Option<u128> {
        self.last_offset().checked_add(1)
    }

    /// The offset of the last address: size − 1, which fits for every prefix.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// assert_eq!("::/0".parse::<Subnet6>().unwrap().last_offset(), u128::MAX);
    /// assert_eq!("2001:db8::/64".parse::<Subnet6>().unwrap().last_offset(), u64::MAX.into());
    /// ```
    pub const fn last_offset(&self) -> u128 {
        !mask(self.prefix)
    }

    /// Whether `addr` lies inside the subnet.
    ///
    /// ```
    /// use wizard::net6::{Addr6, Subnet6};
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert!(s.contains("2001:db8::ffff".parse().unwrap()));
    /// assert!(!s.contains("2001:db8:0:1::".parse().unwrap()));
    /// ```
    pub const fn contains(&self, addr: Addr6) -> bool {
        addr.0 & mask(self.prefix) == self.network.0
    }

    /// Whether `other` lies wholly inside this subnet (a vSwitch's /64 in its
    /// VPC's /56).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let vpc: Subnet6 = "2408:4005:3a8:6300::/56".parse().unwrap();
    /// assert!(vpc.contains_subnet(&"2408:4005:3a8:63ff::/64".parse().unwrap()));
    /// assert!(!vpc.contains_subnet(&"2408:4005:3a8:6400::/64".parse().unwrap()));
    /// ```
    pub const fn contains_subnet(&self, other: &Subnet6) -> bool {
        other.prefix >= self.prefix && self.contains(other.network)
    }

    /// Whether this subnet and `other` share at least one address.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let a: Subnet6 = "2001:db8::/32".parse().unwrap();
    /// assert!(a.overlaps(&"2001:db8:5::/48".parse().unwrap()));
    /// assert!(!a.overlaps(&"2001:db9::/32".parse().unwrap()));
    /// ```
    pub const fn overlaps(&self, other: &Subnet6) -> bool {
        self.contains(other.network) || other.contains(self.network)
    }

    /// The address at `offset` from the network address (`None` past the end).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.nth(5).unwrap().to_string(), "2001:db8::5");
    /// assert_eq!(s.nth(1 << 64), None);
    /// ```
    pub const fn nth(&self, offset: u128) -> Option<Addr6> {
        if offset > self.last_offset() {
            return None;
        }
        Some(Addr6(self.network.0 | offset))
    }

    /// The offset of `addr` from the network address (`None` if outside).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.offset_of("2001:db8::1:0".parse().unwrap()), Some(0x10000));
    /// assert_eq!(s.offset_of("2001:db9::".parse().unwrap()), None);
    /// ```
    pub const fn offset_of(&self, addr: Addr6) -> Option<u128> {
        if !self.contains(addr) {
            return None;
        }
        Some(addr.0 & self.last_offset())
    }

    /// The address `offset` places before the last address (`None` past the
    /// start): `nth_from_end(0)` is the last address.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.nth_from_end(8).unwrap().to_string(), "2001:db8::ffff:ffff:ffff:fff7");
    /// assert_eq!("::/0".parse::<Subnet6>().unwrap().nth_from_end(u128::MAX).unwrap().to_string(), "::");
    /// ```
    pub const fn nth_from_end(&self, offset: u128) -> Option<Addr6> {
        if offset > self.last_offset() {
            return None;
        }
        Some(Addr6(self.last().0 - offset))
    }

    /// Where `addr` sits in the subnet, for a picture that cannot draw every
    /// address (`None` if outside).
    ///
    /// ```
    /// use wizard::net6::{Place, Subnet6};
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// let p = s.position("2001:db8::8000:0:0:0".parse().unwrap()).unwrap();
    /// assert_eq!(p.place(), Place::Along { permille: 500 });
    /// assert_eq!(p.offset(), 1 << 63);
    /// ```
    pub const fn position(&self, addr: Addr6) -> Option<Position> {
        match self.offset_of(addr) {
            Some(offset) => Some(Position {
                offset,
                from_end: self.last_offset() - offset,
                host_bits: self.host_bits(),
            }),
            None => None,
        }
    }
}

impl FromStr for Subnet6 {
    type Err = Cidr6Error;

    /// Parses `network/prefix` strictly: host bits set is
    /// [`Cidr6Error::HostBitsSet`] (use [`parse_cidr6`] to accept and warn).
    ///
    /// ```
    /// use wizard::net6::{Cidr6Error, Subnet6};
    /// let meant: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!("2001:db8::5/64".parse::<Subnet6>(), Err(Cidr6Error::HostBitsSet { network: meant }));
    /// ```
    fn from_str(s: &str) -> Result<Subnet6, Cidr6Error> {
        let cidr = parse_cidr6(s)?;
        if cidr.has_host_bits() {
            return Err(Cidr6Error::HostBitsSet { network: cidr.subnet() });
        }
        Ok(cidr.subnet())
    }
}

impl fmt::Display for Subnet6 {
    /// `network/prefix`, the network in canonical text.
    ///
    /// ```
    /// use wizard::net6::{Addr6, Subnet6};
    /// let s = Subnet6::new(Addr6::from_bits(u128::MAX), 56).unwrap();
    /// assert_eq!(s.to_string(), "ffff:ffff:ffff:ff00::/56");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// Where an address sits in its subnet ([`Subnet6::position`]): exact offsets
/// from both ends and a coarse [`Place`] for drawing.
///
/// ```
/// use wizard::net6::{Place, Subnet6};
/// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
/// let p = s.position("2001:db8::ffff:ffff:ffff:fff6".parse().unwrap()).unwrap();
/// assert_eq!(p.from_end(), 9);
/// assert_eq!(p.place(), Place::End { from_end: 9 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    offset: u128,
    from_end: u128,
    host_bits: u8,
}

/// A coarse place in a subnet. The edges are the first and last
/// [`Position::EDGE`] (65,536) addresses: where the cloud's reserved addresses,
/// the first free ones and hand-picked ones (`::5`, `::a:1`) live, so a picture
/// can draw them one by one at each end, and everything between as a bar.
///
/// ```
/// use wizard::net6::{Place, Subnet6};
/// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
/// let place = |a: &str| s.position(a.parse().unwrap()).unwrap().place();
/// assert_eq!(place("2001:db8::5"), Place::Start { offset: 5 });
/// assert_eq!(place("2001:db8::4000:0:0:0"), Place::Along { permille: 250 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    /// Within the first 65,536 addresses (only the last group differs from the
    /// network address): `offset` from the network address. Wins over `End` in
    /// a subnet of 65,536 addresses or fewer.
    Start {
        /// The offset from the network address.
        offset: u16,
    },
    /// Within the last 65,536 addresses: `from_end` places before the last one.
    End {
        /// How many places before the last address (0 is the last).
        from_end: u16,
    },
    /// Elsewhere: how far along the subnet, in thousandths (rounded down,
    /// 0–999).
    Along {
        /// Thousandths of the way from the network address to the end.
        permille: u16,
    },
}

impl Position {
    /// How many addresses at each end count as [`Place::Start`] / [`Place::End`].
    ///
    /// ```
    /// assert_eq!(wizard::net6::Position::EDGE, 65_536);
    /// ```
    pub const EDGE: u128 = 1 << 16;

    /// The offset from the network address.
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.position("2001:db8::1:0".parse().unwrap()).unwrap().offset(), 65_536);
    /// ```
    pub const fn offset(&self) -> u128 {
        self.offset
    }

    /// How many places before the last address (0 for the last address).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.position(s.last()).unwrap().from_end(), 0);
    /// ```
    pub const fn from_end(&self) -> u128 {
        self.from_end
    }

    /// Thousandths of the way along the subnet, rounded down (0–999), exact
    /// for every prefix (the product is taken in 192 bits).
    ///
    /// ```
    /// use wizard::net6::Subnet6;
    /// let s: Subnet6 = "::/0".parse().unwrap();
    /// assert_eq!(s.position(s.last()).unwrap().permille(), 999);
    /// ```
    pub const fn permille(&self) -> u16 {
        let h = self.host_bits as u32;
        let value = if h <= 64 {
            // offset < 2^64, so offset × 1000 < 2^74.
            (self.offset * 1000) >> h
        } else {
            // offset × 1000 = hi × 1000 × 2^64 + lo × 1000; keep what is above 2^64.
            let hi = self.offset >> 64;
            let lo = self.offset & (u64::MAX as u128);
            (hi * 1000 + ((lo * 1000) >> 64)) >> (h - 64)
        };
        value as u16
    }

    /// The coarse place: [`Place::Start`], [`Place::End`] or [`Place::Along`].
    ///
    /// ```
    /// use wizard::net6::{Place, Subnet6};
    /// let s: Subnet6 = "2001:db8::/64".parse().unwrap();
    /// assert_eq!(s.position(s.network()).unwrap().place(), Place::Start { offset: 0 });
    /// ```
    pub const fn place(&self) -> Place {
        if self.offset < Self::EDGE {
            Place::Start { offset: self.offset as u16 }
        } else if self.from_end < Self::EDGE {
            Place::End { from_end: self.from_end as u16 }
        } else {
            Place::Along { permille: self.permille() }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Addr6 {
        s.parse().unwrap_or_else(|e| panic!("{s:?}: {e:?}"))
    }

    #[test]
    fn refusals_say_why() {
        use Addr6Error as E;
        for (input, why) in [
            ("", E::Empty),
            (" 2001:db8::1", E::Whitespace),
            ("2001:db8::1 ", E::Whitespace),
            ("2001:db8:: 1", E::Whitespace),
            ("2001:db8::1\n", E::Whitespace),
            ("2001:db8::1\u{3000}", E::Whitespace),
            ("[2001:db8::1]", E::Brackets),
            ("[2001:db8::1]:22", E::Brackets),
            ("fe80::1%eth0", E::ZoneId),
            ("fe80::1%2", E::ZoneId),
            ("2001:db8::1/64", E::Prefix),
            ("2001:db8::/64", E::Prefix),
            ("2001:db8::g", E::InvalidChar('g')),
            ("2001:db8::-1", E::InvalidChar('-')),
            ("+2001:db8::1", E::InvalidChar('+')),
            ("2001:db8::１", E::InvalidChar('１')),
            ("2001:db8::\u{0661}", E::InvalidChar('\u{0661}')),
            ("0x2001:db8::1", E::InvalidChar('x')),
            ("192.168.1.5", E::Ipv4Address),
            ("192.168.1.5:22", E::Ipv4Address),
            ("1.2.3", E::Ipv4Address),
            ("::ffff:192.0.2.1", E::Ipv4Embedded),
            ("::192.0.2.1", E::Ipv4Embedded),
            ("64:ff9b::192.0.2.33", E::Ipv4Embedded),
            ("1:2:3:4:5:6:1.2.3.4", E::Ipv4Embedded),
            ("1::2::3", E::SeveralDoubleColons),
            ("::1::", E::SeveralDoubleColons),
            (":::", E::EmptyGroup),
            ("1:::2", E::EmptyGroup),
            (":1::", E::EmptyGroup),
            ("1::2:", E::EmptyGroup),
            (":1:2:3:4:5:6:7", E::EmptyGroup),
            ("1:2:3:4:5:6:7:", E::EmptyGroup),
            ("1:2:3:4:5:6:7:8:", E::EmptyGroup),
            (":", E::EmptyGroup),
            ("1::2::3:::", E::EmptyGroup),
            ("2001:db8::12345", E::GroupTooLong),
            ("02001:db8::1", E::GroupTooLong),
            ("1", E::TooFewGroups { groups: 1 }),
            ("abc", E::TooFewGroups { groups: 1 }),
            ("1:2:3:4:5:6:7", E::TooFewGroups { groups: 7 }),
            ("1:2:3:4:5:6:7:8:9", E::TooManyGroups { groups: 9, compressed: false }),
            ("1:2:3:4:5:6:7::8", E::TooManyGroups { groups: 8, compressed: true }),
            ("::1:2:3:4:5:6:7:8", E::TooManyGroups { groups: 8, compressed: true }),
            ("1:2:3:4:5:6:7:8::", E::TooManyGroups { groups: 8, compressed: true }),
        ] {
            assert_eq!(parse_ipv6(input), Err(why), "{input:?}");
            assert!(input.parse::<Ipv6Addr>().ok().is_none_or(|_| input.contains('.')));
        }
    }

    #[test]
    fn accepted_forms() {
        for (input, bits) in [
            ("::", 0u128),
            ("::1", 1),
            ("1::", 1 << 112),
            ("0:0:0:0:0:0:0:0", 0),
            ("FFFF:ffff:FFFF:ffff:FFFF:ffff:FFFF:ffff", u128::MAX),
            ("0001:0002:0003:0004:0005:0006:0007:0008", 0x0001_0002_0003_0004_0005_0006_0007_0008),
            ("1::8", (1 << 112) | 8),
            ("::2:3:4:5:6:7:8", 0x0000_0002_0003_0004_0005_0006_0007_0008),
            ("1:2:3:4:5:6:7::", 0x0001_0002_0003_0004_0005_0006_0007_0000),
            ("2001:db8::", 0x2001_0db8 << 96),
        ] {
            assert_eq!(parse_ipv6(input), Ok(Addr6::from_bits(bits)), "{input:?}");
            assert_eq!(input.parse::<Ipv6Addr>().map(|x| x.to_bits()), Ok(bits), "{input:?}");
        }
    }

    /// RFC 5952 §2 and §4 (and RFC 4291 §2.2's examples): every spelling on
    /// the left has the canonical text on the right. std's `Display` is held
    /// to the same table: both must follow the RFC, not each other.
    #[test]
    fn rfc_5952_canonical_text() {
        for (input, canonical) in [
            // §4.1: leading zeros suppressed; §4.3: lowercase.
            ("2001:0db8::0001", "2001:db8::1"),
            ("2001:DB8::AAAA", "2001:db8::aaaa"),
            ("2001:db8:aaaa:bbbb:cccc:dddd:eeee:AaAa", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa"),
            // §4.2.1: shorten as much as possible.
            ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
            ("2001:db8::0:1", "2001:db8::1"),
            // §4.2.2: a single zero group is not compressed.
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            // §4.2.3: the longest run; the first on a tie.
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            // §2.1's variants of one address.
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:0db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8::0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:0db8::1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8:0:0:1::1", "2001:db8::1:0:0:1"),
            ("2001:db8:0000:0:1::1", "2001:db8::1:0:0:1"),
            ("2001:DB8:0:0:1::1", "2001:db8::1:0:0:1"),
            // RFC 4291 §2.2.
            ("2001:DB8:0:0:8:800:200C:417A", "2001:db8::8:800:200c:417a"),
            ("FF01:0:0:0:0:0:0:101", "ff01::101"),
            ("0:0:0:0:0:0:0:1", "::1"),
            ("0:0:0:0:0:0:0:0", "::"),
            // Runs at either end, and the whole address but one group.
            ("0:0:1:0:0:0:0:0", "0:0:1::"),
            ("0:0:0:0:0:1:0:0", "::1:0:0"),
            ("1:0:0:0:0:0:0:0", "1::"),
            ("0:1:0:0:0:0:0:0", "0:1::"),
            ("0:0:0:0:0:0:1:0", "::1:0"),
            ("1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"),
            ("0:0:1:1:0:0:1:1", "::1:1:0:0:1:1"),
            ("1:1:0:0:1:1:0:0", "1:1::1:1:0:0"),
            // Three runs of two: the first wins, though `::` in the middle
            // would give shorter text (0:0:1::1:0:0).
            ("0:0:1:0:0:1:0:0", "::1:0:0:1:0:0"),
            // An Alibaba-style vSwitch block and its last address.
            ("2408:4005:03a8:6300:0000:0000:0000:0000", "2408:4005:3a8:6300::"),
            ("2408:4005:3a8:6300:ffff:ffff:ffff:fff6", "2408:4005:3a8:6300:ffff:ffff:ffff:fff6"),
        ] {
            assert_eq!(a(input).to_string(), canonical, "{input:?}");
            assert_eq!(input.parse::<Ipv6Addr>().unwrap().to_string(), canonical, "std {input:?}");
            assert_eq!(a(canonical), a(input));
        }
    }

    /// std writes `::ffff:0:0/96` dotted (RFC 5952 §5's recommendation), which
    /// this parser refuses; Addr6 writes hex so its own output parses.
    #[test]
    fn ipv4_mapped_is_written_in_hex() {
        let mapped = a("::ffff:c000:201");
        assert_eq!(Ipv6Addr::from(mapped).to_string(), "::ffff:192.0.2.1");
        assert_eq!(mapped.to_string(), "::ffff:c000:201");
        assert_eq!(mapped.kind(), Kind6::Ipv4Mapped);
        assert_eq!(a("::ffff:0:0").to_string(), "::ffff:0:0");
    }

    #[test]
    fn kinds() {
        for (input, kind) in [
            ("::", Kind6::Unspecified),
            ("::1", Kind6::Loopback),
            ("::2", Kind6::Other),
            ("::ffff:0:1", Kind6::Ipv4Mapped),
            ("ff02::1", Kind6::Multicast),
            ("fe80::1", Kind6::LinkLocal),
            ("febf:ffff::1", Kind6::LinkLocal),
            ("fec0::1", Kind6::Other),
            ("fd00::1", Kind6::UniqueLocal),
            ("fc00::", Kind6::UniqueLocal),
            ("2001:db8:ffff::1", Kind6::Documentation),
            ("3fff:fff::1", Kind6::Documentation),
            ("3fff:1000::1", Kind6::GlobalUnicast),
            ("2001:db9::1", Kind6::GlobalUnicast),
            ("2408:4005:3a8:6300::5", Kind6::GlobalUnicast),
            ("240e::1", Kind6::GlobalUnicast),
            ("4000::1", Kind6::Other),
        ] {
            assert_eq!(a(input).kind(), kind, "{input:?}");
        }
    }

    #[test]
    fn prefixes() {
        use PrefixError as P;
        for (input, want) in [
            ("0", Ok(0)),
            ("64", Ok(64)),
            ("128", Ok(128)),
            ("", Err(P::Empty)),
            ("00", Err(P::LeadingZero)),
            ("064", Err(P::LeadingZero)),
            ("129", Err(P::TooLarge)),
            ("256", Err(P::TooLarge)),
            ("99999999999999999999999", Err(P::TooLarge)),
            ("-1", Err(P::NotDecimal)),
            ("+64", Err(P::NotDecimal)),
            ("6 4", Err(P::NotDecimal)),
            ("６４", Err(P::NotDecimal)),
            ("ffff:ffff:ffff:ffff::", Err(P::NotDecimal)),
        ] {
            assert_eq!(parse_prefix6(input), want, "{input:?}");
        }
    }

    #[test]
    fn cidrs() {
        use Cidr6Error as C;
        for (input, want) in [
            ("", Err(C::Empty)),
            (" 2001:db8::/64", Err(C::Whitespace)),
            ("2001:db8::/ 64", Err(C::Whitespace)),
            ("2001:db8::", Err(C::MissingPrefix)),
            ("nonsense", Err(C::Address(Addr6Error::InvalidChar('n')))),
            ("/64", Err(C::Address(Addr6Error::Empty))),
            ("fe80::%eth0/64", Err(C::Address(Addr6Error::ZoneId))),
            ("[2001:db8::]/64", Err(C::Address(Addr6Error::Brackets))),
            ("10.0.0.0/8", Err(C::Address(Addr6Error::Ipv4Address))),
            ("2001:db8::/", Err(C::Prefix(PrefixError::Empty))),
            ("2001:db8::/64/64", Err(C::Prefix(PrefixError::NotDecimal))),
            ("2001:db8::/129", Err(C::Prefix(PrefixError::TooLarge))),
            ("2001:db8::/064", Err(C::Prefix(PrefixError::LeadingZero))),
        ] {
            assert_eq!(parse_cidr6(input), want, "{input:?}");
        }
        let c = parse_cidr6("2408:4005:3A8:6300::5/64").unwrap();
        assert_eq!(
            (c.addr(), c.prefix(), c.has_host_bits()),
            (a("2408:4005:3a8:6300::5"), 64, true)
        );
        assert_eq!(c.to_string(), "2408:4005:3a8:6300::5/64");
        assert!(!parse_cidr6("::/0").unwrap().has_host_bits());
        assert!(parse_cidr6("::1/0").unwrap().has_host_bits());
        assert!(!parse_cidr6("::1/128").unwrap().has_host_bits());
    }

    #[test]
    fn subnet_edges() {
        let all: Subnet6 = "::/0".parse().unwrap();
        assert_eq!((all.size(), all.last_offset(), all.host_bits()), (None, u128::MAX, 128));
        assert_eq!(all.last(), Addr6::from_bits(u128::MAX));
        assert_eq!(all.nth(u128::MAX), Some(Addr6::from_bits(u128::MAX)));
        assert_eq!(all.offset_of(Addr6::from_bits(u128::MAX)), Some(u128::MAX));
        assert_eq!(all.nth_from_end(u128::MAX), Some(Addr6::UNSPECIFIED));
        assert_eq!(all.mask(), Addr6::UNSPECIFIED);
        assert!(all.contains_subnet(&all) && all.overlaps(&"2001:db8::/64".parse().unwrap()));

        let one: Subnet6 = "2001:db8::5/128".parse().unwrap();
        assert_eq!((one.size(), one.last_offset(), one.host_bits()), (Some(1), 0, 0));
        assert_eq!((one.network(), one.last()), (a("2001:db8::5"), a("2001:db8::5")));
        assert_eq!((one.nth(0), one.nth(1)), (Some(a("2001:db8::5")), None));
        assert_eq!((one.nth_from_end(0), one.nth_from_end(1)), (Some(a("2001:db8::5")), None));
        assert_eq!(one.mask(), Addr6::from_bits(u128::MAX));

        let vswitch: Subnet6 = "2408:4005:3a8:6300::/64".parse().unwrap();
        assert_eq!(vswitch.size(), Some(1 << 64));
        assert_eq!(vswitch.nth(1), Some(a("2408:4005:3a8:6300::1")));
        // The last nine addresses (what DOMAIN.md says Alibaba reserves).
        let last_nine: Vec<String> =
            (0..9).rev().map(|k| vswitch.nth_from_end(k).unwrap().to_string()).collect();
        assert_eq!(last_nine.first().unwrap(), "2408:4005:3a8:6300:ffff:ffff:ffff:fff7");
        assert_eq!(last_nine.last().unwrap(), "2408:4005:3a8:6300:ffff:ffff:ffff:ffff");
        assert_eq!(vswitch.offset_of(a("2408:4005:3a8:6301::")), None);
        assert_eq!(Subnet6::new(Addr6::UNSPECIFIED, 129), None);
        assert_eq!(Subnet6::new(a("2001:db8::ffff"), 112).unwrap().to_string(), "2001:db8::/112");
    }

    #[test]
    fn subnet_relations() {
        let s = |x: &str| x.parse::<Subnet6>().unwrap();
        let vpc = s("2408:4005:3a8:6300::/56");
        for (other, inside, overlap) in [
            ("2408:4005:3a8:6300::/64", true, true),
            ("2408:4005:3a8:63ff::/64", true, true),
            ("2408:4005:3a8:6300::/56", true, true),
            ("2408:4005:3a8::/48", false, true),
            ("2408:4005:3a8:6400::/64", false, false),
            ("::/0", false, true),
        ] {
            assert_eq!(vpc.contains_subnet(&s(other)), inside, "{other}");
            assert_eq!(vpc.overlaps(&s(other)), overlap, "{other}");
            assert_eq!(s(other).overlaps(&vpc), overlap, "{other} (reversed)");
        }
        assert_eq!(
            "2001:db8::1/64".parse::<Subnet6>(),
            Err(Cidr6Error::HostBitsSet { network: s("2001:db8::/64") })
        );
    }

    #[test]
    fn places_in_a_slash_64() {
        let s: Subnet6 = "2001:db8::/64".parse().unwrap();
        let place = |x: &str| s.position(a(x)).unwrap().place();
        assert_eq!(place("2001:db8::"), Place::Start { offset: 0 });
        assert_eq!(place("2001:db8::ffff"), Place::Start { offset: 0xffff });
        assert_eq!(place("2001:db8::1:0"), Place::Along { permille: 0 });
        assert_eq!(place("2001:db8::ffff:ffff:fffe:ffff"), Place::Along { permille: 999 });
        assert_eq!(place("2001:db8::ffff:ffff:ffff:0"), Place::End { from_end: 0xffff });
        assert_eq!(place("2001:db8::ffff:ffff:ffff:ffff"), Place::End { from_end: 0 });
        assert_eq!(place("2001:db8:0:0:1999:9999:9999:999a"), Place::Along { permille: 100 });
        assert_eq!(place("2001:db8:0:0:1999:9999:9999:9999"), Place::Along { permille: 99 });
        assert_eq!(s.position(a("2001:db8:0:1::")), None);
        // A small subnet: every address is at the start.
        let small: Subnet6 = "2001:db8::/120".parse().unwrap();
        assert_eq!(small.position(small.last()).unwrap().place(), Place::Start { offset: 255 });
    }

    #[test]
    fn permille_is_exact_for_every_prefix() {
        for prefix in 0..=128u8 {
            let s = Subnet6::new(Addr6::UNSPECIFIED, prefix).unwrap();
            let last = s.position(s.last()).unwrap();
            let want = if prefix >= 118 { (s.last_offset() * 1000) >> s.host_bits() } else { 999 };
            assert_eq!(u128::from(last.permille()), want, "/{prefix}");
            assert_eq!(s.position(s.network()).unwrap().permille(), 0, "/{prefix}");
            if prefix < 128 {
                let middle = s.nth(s.last_offset() / 2 + 1).unwrap();
                assert_eq!(s.position(middle).unwrap().permille(), 500, "/{prefix}");
            }
        }
    }

    #[test]
    fn interface_ids() {
        let id = a("2408:4005:3a8:6300:1:22:333:4444").interface_id();
        assert_eq!(id.groups(), [1, 0x22, 0x333, 0x4444]);
        assert_eq!(id.to_string(), "0001:0022:0333:4444");
        assert!(!id.is_zero());
        assert!(a("2408:4005:3a8:6300::").interface_id().is_zero());
        assert_eq!(a("::ffff:ffff:ffff:ffff").interface_id().to_bits(), u64::MAX);
    }

    #[test]
    fn conversions() {
        let x = a("2001:db8::8:800:200c:417a");
        assert_eq!(Addr6::from(Ipv6Addr::from(x)), x);
        assert_eq!(Addr6::from_segments(x.segments()), x);
        assert_eq!(Addr6::from_bits(x.to_bits()), x);
        assert_eq!(Addr6::default(), Addr6::UNSPECIFIED);
        assert_eq!(format!("{:<8}|", a("::1")), "::1     |");
        let longest = Addr6::from_bits(u128::MAX).to_string();
        assert_eq!(longest.len(), 39);
    }
}
