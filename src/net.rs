//! Strict IPv4, mask and CIDR parsing, and the subnet arithmetic the rules and
//! the subnet picture need.

use std::fmt;
use std::net::Ipv4Addr;

use ipnetwork::Ipv4Network;

/// Why a string is not a strict dotted-quad IPv4 address.
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

impl fmt::Display for AddrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AddrError::Empty => f.write_str("it is empty"),
            AddrError::PartCount(n) => {
                write!(f, "it has {n} parts, an address has four like 192.168.1.10")
            }
            AddrError::EmptyOctet => f.write_str("a part between dots is empty"),
            AddrError::NotDecimal => {
                f.write_str("use only the digits 0-9 and dots, with no spaces")
            }
            AddrError::LeadingZero => {
                f.write_str("a part has a leading zero, which many tools read as octal")
            }
            AddrError::OctetTooLarge => f.write_str("each part must be from 0 to 255"),
        }
    }
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
