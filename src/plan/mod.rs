//! The raw form, the validated plan, and the rules between them.
//!
//! Data flows one way: [`Form`] (strings exactly as typed) →
//! [`validate()`] → [`Plan`] (typed values) or every [`Problem`] at once.
//!
//! - [`form`]: the form, its fields and their URL parameters.
//! - [`validate`](mod@validate): every rule, one function per group.
//! - [`cloud`]: each cloud's addressing rules as data.
//! - [`address`]: what each typed address is (reserved, outside, a duplicate…).
//! - [`subnet`]: the vSwitch worked out, its facts, free addresses.
//! - [`limit`]: how many addresses the ENI may hold.
//! - [`ipv6`]: the ENI's IPv6 part (the vSwitch's /64 and its addresses).
//! - [`picture`]: what the page draws of the subnet, from any form.
//! - [`edit`]: the page's edits (gateway, secondary rows, the starting form).
//! - [`problem`]: the problems, as data.

pub mod address;
pub mod cloud;
pub mod edit;
pub mod form;
pub mod ipv6;
pub mod limit;
pub mod picture;
pub mod problem;
pub mod routing;
pub mod subnet;
pub mod validate;

use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

pub use cloud::{CloudRules, Reserved};
pub use form::{Field, Form};
pub use ipv6::Ipv6Part;
pub use limit::{EniLimit, LimitSource};
pub use problem::{Problem, ProblemKind, Severity};
pub use validate::validate;

use crate::catalog::os::Os;
use crate::closed::closed_enum;
use crate::net::Subnet;

closed_enum! {
    /// Which cloud's addressing rules apply.
    CloudProfile {
        Alibaba => "alibaba",
    }
}

closed_enum! {
    /// Keep the primary on DHCP and add only the secondaries, or configure
    /// everything statically (the guide's approach).
    Mode {
        KeepDhcp => "keep",
        Static => "static",
    }
}

closed_enum! {
    /// The safer form DOMAIN.md recommends, or the guide's own example form.
    Style {
        Safe => "safe",
        Guide => "guide",
    }
}

closed_enum! {
    /// Whether the ENI is the instance's primary ENI or a secondary one.
    EniKind {
        Primary => "primary",
        Secondary => "secondary",
    }
}

closed_enum! {
    /// An ENI's state: not attached (`Available`) or attached (`InUse`).
    EniState {
        Available => "available",
        InUse => "inuse",
    }
}

/// A validated Linux interface name (1–15 bytes, no whitespace, `/` or `:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IfName(pub(crate) String);

impl IfName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IfName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A MAC address, normalised to lower case `aa:bb:cc:dd:ee:ff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mac(pub [u8; 6]);

impl fmt::Display for Mac {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d, e, g] = self.0;
        write!(f, "{a:02x}:{b:02x}:{c:02x}:{d:02x}:{e:02x}:{g:02x}")
    }
}

impl FromStr for Mac {
    type Err = ();
    /// Six hex pairs separated by `:`, either case.
    fn from_str(s: &str) -> Result<Self, ()> {
        let mut out = [0u8; 6];
        let mut parts = s.split(':');
        for byte in &mut out {
            let p = parts.next().ok_or(())?;
            if p.len() != 2 || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(());
            }
            *byte = u8::from_str_radix(p, 16).map_err(|_| ())?;
        }
        if parts.next().is_some() {
            return Err(());
        }
        Ok(Mac(out))
    }
}

/// A validated plan: everything a renderer needs, typed and checked.
///
/// Renderers accept only a `Plan`, so they never see an unchecked value.
/// Free-text values (`windows_alias`, `connection`) contain no control
/// characters but may hold any other character: every renderer quotes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The cloud whose rules were applied.
    pub cloud: CloudProfile,
    /// The operating system.
    pub os: Os,
    /// Keep DHCP for the primary, or everything static.
    pub mode: Mode,
    /// Safe form or the guide's form.
    pub style: Style,
    /// Primary or secondary ENI.
    pub eni_kind: EniKind,
    /// Available or InUse.
    pub eni_state: EniState,
    /// For a secondary ENI, its own routing table (`None` for the primary ENI).
    pub table: Option<routing::PolicyTable>,
    /// Which addresses may be the source of new connections.
    pub source: routing::SourcePolicy,
    /// The instance type, when one was given and found.
    pub instance_type: Option<String>,
    /// The address limit that was checked.
    pub limit: EniLimit,
    /// Linux interface name (`eth0`).
    pub interface: IfName,
    /// Windows interface alias (`Ethernet`).
    pub windows_alias: String,
    /// NetworkManager connection name (`System eth0`).
    pub connection: String,
    /// The ENI's MAC address, when given.
    pub mac: Option<Mac>,
    /// The vSwitch subnet.
    pub subnet: Subnet,
    /// The default gateway.
    pub gateway: Ipv4Addr,
    /// The ENI's primary private IP.
    pub primary: Ipv4Addr,
    /// The secondary private IPs, in the order given, without duplicates.
    pub secondaries: Vec<Ipv4Addr>,
    /// The ENI's IPv6 part, when the IPv6 fields were filled in (`None`: no IPv6).
    pub ipv6: Option<Ipv6Part>,
    /// DNS servers (at most 3).
    pub dns: Vec<Ipv4Addr>,
    /// Region id (`cn-hangzhou`), when given.
    pub region: Option<String>,
    /// ENI id (`eni-…`), when given.
    pub eni_id: Option<String>,
    /// Instance id (`i-…`), when given: where Cloud Assistant runs the script.
    pub instance_id: Option<String>,
    /// Problems of severity warning: the plan is usable, but the user should know.
    pub warnings: Vec<Problem>,
}

impl Plan {
    /// The prefix length shared by every address of the ENI.
    pub fn prefix(&self) -> u8 {
        self.subnet.prefix()
    }

    /// The prefix length the secondaries are configured with: the subnet's,
    /// or 32 when only the primary may be the source of new connections.
    pub fn secondary_prefix(&self) -> u8 {
        match self.source {
            routing::SourcePolicy::Any => self.prefix(),
            routing::SourcePolicy::Primary => 32,
        }
    }

    /// The prefix length of `addr` as configured: the subnet's for the
    /// primary, [`Plan::secondary_prefix`] for a secondary.
    pub fn prefix_of(&self, addr: Ipv4Addr) -> u8 {
        if addr == self.primary {
            self.prefix()
        } else {
            self.secondary_prefix()
        }
    }

    /// The primary followed by every secondary.
    pub fn all_addresses(&self) -> impl Iterator<Item = Ipv4Addr> + '_ {
        std::iter::once(self.primary).chain(self.secondaries.iter().copied())
    }

    /// The IPv6 addresses the OS side adds, in the order given (none
    /// without an IPv6 part). The ENI's own IPv6 address is not among
    /// them: in both modes it stays with the image's DHCPv6 client, as the
    /// IPv6 default route stays with router advertisements (Alibaba's
    /// images run DHCPv6: `DHCPV6C=yes` in Alibaba's own IPv6 set-up
    /// template, aliyun/ros-templates `configure-IPv6-address-for-ecs.yml`).
    pub fn ipv6_to_add(&self) -> &[crate::net6::Addr6] {
        self.ipv6.as_ref().map_or(&[], |p| p.secondaries.as_slice())
    }

    /// The prefix length every added IPv6 address is configured with: the
    /// vSwitch's IPv6 block's (/64), so the block is on-link.
    pub fn prefix6(&self) -> u8 {
        self.ipv6.as_ref().map_or(64, |p| p.subnet.prefix())
    }
}

/// Helpers of the plan's unit tests.
#[cfg(test)]
pub(crate) mod test_util {
    use crate::net::Subnet;

    /// The subnet written `a.b.c.d/p` (a test's own constant).
    pub fn net(s: &str) -> Subnet {
        let (a, p) = s.split_once('/').unwrap();
        Subnet::new(a.parse().unwrap(), p.parse().unwrap()).unwrap()
    }
}
