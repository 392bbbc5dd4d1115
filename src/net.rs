//! Strict IPv4, mask and CIDR parsing, and the subnet arithmetic the rules and
//! the subnet picture need.

use std::fmt;
use std::net::Ipv4Addr;

use ipnetwork::Ipv4Network;

/// Why a string is not a strict dotted-quad IPv4 address (worded by
/// [`crate::wording`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddrError {
    /// Nothing was given.
    Empty,
    /// Not exactly four dot-separated parts.
    PartCount(usize),
    /// A part is empty (`1..2.3`).
    EmptyOctet,
    /// A part holds something other than decimal digits (spaces, signs, letters).
    NotDecimal,
    /// A part has a leading zero (`01`): many tools read it as octal.
    LeadingZero,
    /// A part is above 255.
    OctetTooLarge,
}

/// Parses a strict dotted quad: four decimal octets 0–255, no leading zeros,
/// no spaces, nothing else.
///
/// ```
/// use wizard::net::{parse_ipv4, AddrError};
/// assert_eq!(parse_ipv4("192.168.1.5").unwrap().octets(), [192, 168, 1, 5]);
/// assert_eq!(parse_ipv4("192.168.01.5"), Err(AddrError::LeadingZero));
/// assert_eq!(parse_ipv4("1.2.3"), Err(AddrError::PartCount(3)));
/// ```
pub fn parse_ipv4(s: &str) -> Result<Ipv4Addr, AddrError> {
    if s.is_empty() {
        return Err(AddrError::Empty);
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return Err(AddrError::PartCount(parts.len()));
    }
    let mut octets = [0u8; 4];
    for (octet, part) in octets.iter_mut().zip(&parts) {
        if part.is_empty() {
            return Err(AddrError::EmptyOctet);
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AddrError::NotDecimal);
        }
        if part.len() > 1 && part.starts_with('0') {
            return Err(AddrError::LeadingZero);
        }
        if part.len() > 3 {
            return Err(AddrError::OctetTooLarge);
        }
        let value: u16 = part.parse().map_err(|_| AddrError::NotDecimal)?;
        *octet = u8::try_from(value).map_err(|_| AddrError::OctetTooLarge)?;
    }
    Ok(Ipv4Addr::from(octets))
}

/// Turns a dotted mask into its prefix length; `None` if not contiguous.
///
/// ```
/// use std::net::Ipv4Addr;
/// assert_eq!(wizard::net::mask_to_prefix(Ipv4Addr::new(255, 255, 255, 0)), Some(24));
/// assert_eq!(wizard::net::mask_to_prefix(Ipv4Addr::new(255, 0, 255, 0)), None);
/// ```
pub fn mask_to_prefix(mask: Ipv4Addr) -> Option<u8> {
    let bits = u32::from(mask);
    let prefix = bits.leading_ones();
    (bits.checked_shl(prefix).unwrap_or(0) == 0).then_some(prefix as u8)
}

/// The dotted mask of a prefix length (0–32).
pub fn prefix_to_mask(prefix: u8) -> Ipv4Addr {
    Ipv4Addr::from(u32::MAX.checked_shl(32 - u32::from(prefix.min(32))).unwrap_or(0))
}

/// An IPv4 address as dotted-quad text, as `Ipv4Addr`'s own `Display`
/// writes it, but in one write: the renderers format addresses tens of
/// thousands of times a render, and `Ipv4Addr`'s `Display` goes through the
/// formatter once per octet and dot (a `to_string` cost ~1,500
/// instructions, most of it growing the string).
///
/// ```
/// use std::net::Ipv4Addr;
/// use wizard::net::{dotted, Dotted};
/// assert_eq!(dotted(Ipv4Addr::new(192, 0, 2, 10)), "192.0.2.10");
/// assert_eq!(format!("[{:>12}]", Dotted(Ipv4Addr::new(10, 0, 0, 1))), "[    10.0.0.1]");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dotted(pub Ipv4Addr);

impl Dotted {
    /// The text in a buffer: its bytes and how many are used.
    fn text(self) -> ([u8; 15], usize) {
        let mut buf = [0u8; 15];
        let mut n = 0;
        for (i, o) in self.0.octets().into_iter().enumerate() {
            if i > 0 {
                buf[n] = b'.';
                n += 1;
            }
            if o >= 100 {
                buf[n] = b'0' + o / 100;
                n += 1;
            }
            if o >= 10 {
                buf[n] = b'0' + o / 10 % 10;
                n += 1;
            }
            buf[n] = b'0' + o % 10;
            n += 1;
        }
        (buf, n)
    }
}

impl fmt::Display for Dotted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (buf, n) = self.text();
        // ASCII digits and dots: always UTF-8.
        f.pad(std::str::from_utf8(&buf[..n]).unwrap_or_default())
    }
}

/// `ip` as dotted-quad text ([`Dotted`]), in a string of its own size.
pub fn dotted(ip: Ipv4Addr) -> String {
    let (buf, n) = Dotted(ip).text();
    std::str::from_utf8(&buf[..n]).unwrap_or_default().to_owned()
}

/// An address of either family as the text a rendering shows: for IPv4
/// the one-write [`Dotted`], for IPv6 its own (RFC 5952) text.
pub trait Shown {
    /// What formats it.
    type Text: fmt::Display;
    /// The address, to format.
    fn shown(&self) -> Self::Text;
}

impl Shown for Ipv4Addr {
    type Text = Dotted;
    fn shown(&self) -> Dotted {
        Dotted(*self)
    }
}

impl Shown for crate::net6::Addr6 {
    type Text = crate::net6::Addr6;
    fn shown(&self) -> crate::net6::Addr6 {
        *self
    }
}

/// A subnet: a network address (host bits clear) and a prefix length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Subnet(Ipv4Network);

impl Subnet {
    /// The subnet of `addr`/`prefix` (host bits are cleared). `None` if prefix > 32.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// let s = wizard::net::Subnet::new(Ipv4Addr::new(192, 168, 1, 77), 24).unwrap();
    /// assert_eq!(s.to_string(), "192.168.1.0/24");
    /// assert_eq!(s.broadcast(), Ipv4Addr::new(192, 168, 1, 255));
    /// ```
    pub fn new(addr: Ipv4Addr, prefix: u8) -> Option<Subnet> {
        let net = Ipv4Network::new(addr, prefix).ok()?;
        Ipv4Network::new(net.network(), prefix).ok().map(Subnet)
    }

    /// The network address.
    pub fn network(&self) -> Ipv4Addr {
        self.0.network()
    }

    /// The broadcast (last) address.
    pub fn broadcast(&self) -> Ipv4Addr {
        self.0.broadcast()
    }

    /// The prefix length.
    pub fn prefix(&self) -> u8 {
        self.0.prefix()
    }

    /// The dotted mask.
    pub fn mask(&self) -> Ipv4Addr {
        self.0.mask()
    }

    /// The wildcard (inverted mask).
    pub fn wildcard(&self) -> Ipv4Addr {
        Ipv4Addr::from(!u32::from(self.mask()))
    }

    /// How many addresses the subnet spans (network and broadcast included).
    pub fn size(&self) -> u64 {
        1u64 << (32 - u32::from(self.prefix()))
    }

    /// Whether `addr` lies inside the subnet.
    pub fn contains(&self, addr: Ipv4Addr) -> bool {
        self.0.contains(addr)
    }

    /// The address at `offset` from the network address (`None` past the end).
    pub fn nth(&self, offset: u64) -> Option<Ipv4Addr> {
        (offset < self.size()).then(|| Ipv4Addr::from(u32::from(self.network()) + offset as u32))
    }

    /// The offset of `addr` from the network address (`None` if outside).
    pub fn offset_of(&self, addr: Ipv4Addr) -> Option<u64> {
        self.contains(addr).then(|| u64::from(u32::from(addr) - u32::from(self.network())))
    }
}

impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network(), self.prefix())
    }
}

/// Parses a prefix length: `0` to `32`, decimal, no leading zeros, no sign.
///
/// ```
/// assert_eq!(wizard::net::parse_prefix("24"), Some(24));
/// assert_eq!(wizard::net::parse_prefix("024"), None);
/// assert_eq!(wizard::net::parse_prefix("33"), None);
/// ```
pub fn parse_prefix(s: &str) -> Option<u8> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.len() > 1 && s.starts_with('0') {
        return None;
    }
    let p: u8 = s.parse().ok()?;
    (p <= 32).then_some(p)
}

/// A prefix written as a length (`24`) or as a contiguous dotted mask
/// (`255.255.255.0`); `None` for anything else.
///
/// ```
/// assert_eq!(wizard::net::parse_mask("255.255.240.0"), Some(20));
/// assert_eq!(wizard::net::parse_mask("20"), Some(20));
/// assert_eq!(wizard::net::parse_mask("255.0.255.0"), None);
/// ```
pub fn parse_mask(s: &str) -> Option<u8> {
    if s.contains('.') {
        mask_to_prefix(parse_ipv4(s).ok()?)
    } else {
        parse_prefix(s)
    }
}

/// What the vSwitch field holds: a whole CIDR, or only a mask (the network
/// then comes from the primary IP).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CidrInput {
    /// `192.168.1.0/24` (or `192.168.1.0/255.255.255.0`); `addr` may have host bits set.
    Cidr {
        /// The address as written (host bits possibly set).
        addr: Ipv4Addr,
        /// The prefix length.
        prefix: u8,
    },
    /// `255.255.255.0`, `/24` or `24`.
    Mask {
        /// The prefix length.
        prefix: u8,
    },
}

/// Why the vSwitch field could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CidrError {
    /// Nothing was given.
    Empty,
    /// The part before `/` is not a strict IPv4 address.
    Address(AddrError),
    /// A mask that is not contiguous, or a prefix outside 0–32.
    Mask,
    /// Neither a CIDR nor a mask (an address without a prefix, junk).
    Malformed,
}

impl CidrInput {
    /// The prefix length, whichever form was given.
    pub fn prefix(self) -> u8 {
        match self {
            CidrInput::Cidr { prefix, .. } | CidrInput::Mask { prefix } => prefix,
        }
    }
}

/// Reads the vSwitch field: a CIDR, or a mask alone in any of its forms.
///
/// ```
/// use std::net::Ipv4Addr;
/// use wizard::net::{parse_cidr_input, CidrError, CidrInput};
/// assert_eq!(
///     parse_cidr_input("192.168.1.0/24"),
///     Ok(CidrInput::Cidr { addr: Ipv4Addr::new(192, 168, 1, 0), prefix: 24 })
/// );
/// assert_eq!(parse_cidr_input("255.255.255.0"), Ok(CidrInput::Mask { prefix: 24 }));
/// assert_eq!(parse_cidr_input("/24"), Ok(CidrInput::Mask { prefix: 24 }));
/// assert_eq!(parse_cidr_input("24"), Ok(CidrInput::Mask { prefix: 24 }));
/// assert_eq!(parse_cidr_input("255.0.255.0"), Err(CidrError::Mask));
/// assert_eq!(parse_cidr_input("192.168.1.0"), Err(CidrError::Malformed));
/// ```
pub fn parse_cidr_input(s: &str) -> Result<CidrInput, CidrError> {
    if s.is_empty() {
        return Err(CidrError::Empty);
    }
    if let Some((left, right)) = s.split_once('/') {
        let prefix = parse_mask(right).ok_or(CidrError::Mask)?;
        if left.is_empty() {
            return Ok(CidrInput::Mask { prefix });
        }
        let addr = parse_ipv4(left).map_err(CidrError::Address)?;
        return Ok(CidrInput::Cidr { addr, prefix });
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_prefix(s).map(|prefix| CidrInput::Mask { prefix }).ok_or(CidrError::Mask);
    }
    match parse_ipv4(s) {
        Ok(addr) => match mask_to_prefix(addr) {
            Some(prefix) => Ok(CidrInput::Mask { prefix }),
            // Starts like a mask but is not contiguous (255.0.255.0).
            None if addr.octets()[0] == 255 => Err(CidrError::Mask),
            None => Err(CidrError::Malformed),
        },
        Err(_) => Err(CidrError::Malformed),
    }
}

impl Subnet {
    /// Whether this subnet and `other` share at least one address.
    ///
    /// ```
    /// use std::net::Ipv4Addr;
    /// use wizard::net::Subnet;
    /// let a = Subnet::new(Ipv4Addr::new(100, 64, 0, 0), 10).unwrap();
    /// let b = Subnet::new(Ipv4Addr::new(100, 100, 0, 0), 16).unwrap();
    /// assert!(a.overlaps(&b));
    /// ```
    pub fn overlaps(&self, other: &Subnet) -> bool {
        self.contains(other.network()) || other.contains(self.network())
    }

    /// The address `offset` places before the broadcast address (`None` past the start).
    pub fn nth_from_end(&self, offset: u64) -> Option<Ipv4Addr> {
        let size = self.size();
        (offset < size).then(|| size - 1 - offset).and_then(|o| self.nth(o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_is_the_standard_text() {
        // Every octet value in every place, and padding as the standard's.
        for o in 0..=255u8 {
            for ip in [[o, 0, 0, 0], [1, o, 2, 3], [255, 255, o, 9], [10, 0, 0, o]] {
                let ip = Ipv4Addr::from(ip);
                assert_eq!(dotted(ip), ip.to_string());
                assert_eq!(
                    format!("{:<16}|{:>16}", Dotted(ip), Dotted(ip)),
                    format!("{ip:<16}|{ip:>16}")
                );
            }
        }
    }

    #[test]
    fn strict_addresses() {
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "192.168.01.5",
            "192.168.1.5 ",
            " 1.2.3.4",
            "1..2.3",
            "+1.2.3.4",
            "1.2.3.4/24",
            "0x1.2.3.4",
            "1.2.3.1000",
            "１.2.3.4",
        ] {
            assert!(parse_ipv4(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["0.0.0.0", "255.255.255.255", "10.0.0.1", "192.168.100.200"] {
            assert!(parse_ipv4(good).is_ok(), "{good:?} rejected");
        }
    }

    #[test]
    fn masks_and_prefixes() {
        assert_eq!(parse_mask("0.0.0.0"), Some(0));
        assert_eq!(parse_mask("255.255.255.255"), Some(32));
        assert_eq!(parse_mask("255.255.255.254"), Some(31));
        assert_eq!(parse_mask("255.255.255.253"), None);
        assert_eq!(parse_prefix("0"), Some(0));
        assert_eq!(parse_prefix("-1"), None);
        assert_eq!(prefix_to_mask(0), Ipv4Addr::new(0, 0, 0, 0));
        assert_eq!(prefix_to_mask(16), Ipv4Addr::new(255, 255, 0, 0));
        assert_eq!(prefix_to_mask(32), Ipv4Addr::new(255, 255, 255, 255));
        for p in 0..=32u8 {
            assert_eq!(mask_to_prefix(prefix_to_mask(p)), Some(p));
        }
    }

    #[test]
    fn cidr_inputs() {
        let c = |a: [u8; 4], prefix| Ok(CidrInput::Cidr { addr: Ipv4Addr::from(a), prefix });
        assert_eq!(parse_cidr_input("10.0.0.0/255.255.0.0"), c([10, 0, 0, 0], 16));
        assert_eq!(parse_cidr_input("10.0.0.7/24"), c([10, 0, 0, 7], 24));
        assert_eq!(parse_cidr_input("10.0.0.0/33"), Err(CidrError::Mask));
        assert_eq!(parse_cidr_input("10.0.0.0/"), Err(CidrError::Mask));
        assert_eq!(parse_cidr_input("10.0.0/24"), Err(CidrError::Address(AddrError::PartCount(3))));
        assert_eq!(parse_cidr_input("/"), Err(CidrError::Mask));
        assert_eq!(parse_cidr_input("abc"), Err(CidrError::Malformed));
        assert_eq!(parse_cidr_input("33"), Err(CidrError::Mask));
        assert_eq!(parse_cidr_input(""), Err(CidrError::Empty));
    }

    #[test]
    fn subnet_edges() {
        let s = Subnet::new(Ipv4Addr::new(10, 1, 2, 3), 32).unwrap();
        assert_eq!(s.size(), 1);
        assert_eq!(s.nth_from_end(0), Some(Ipv4Addr::new(10, 1, 2, 3)));
        assert_eq!(s.nth_from_end(1), None);
        let all = Subnet::new(Ipv4Addr::new(1, 2, 3, 4), 0).unwrap();
        assert_eq!(all.size(), 1 << 32);
        assert_eq!(all.nth_from_end(0), Some(Ipv4Addr::BROADCAST));
        assert_eq!(Subnet::new(Ipv4Addr::LOCALHOST, 33), None);
    }
}
