//! The subnet picture: everything the page draws beside the form, worked
//! out from a form that may be invalid (the UI does no parsing of its own):
//! the subnet and its facts, every typed address with its status, and what
//! each address of the range is marked as, conflicts included.

use std::net::Ipv4Addr;

use super::address::{classify, AddrEntry, AddrStatus, Role};
use super::cloud::Reserved;
use super::form::Form;
use super::problem::ProblemKind;
use super::subnet::{next_free, resolve_subnet, ResolvedSubnet, SubnetFacts};
use super::CloudProfile;
use crate::net6::{parse_cidr6, parse_ipv6, Place, Subnet6};

/// Everything the subnet picture shows, worked out from a form that may be
/// invalid: the UI does no parsing of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The cloud whose rules were applied (Alibaba if the form's is unknown).
    pub cloud: CloudProfile,
    /// The subnet, or why it cannot be worked out.
    pub subnet: Result<ResolvedSubnet, ProblemKind>,
    /// Facts about the subnet, with `free_count` leaving out the typed addresses.
    pub facts: Option<SubnetFacts>,
    /// Every typed address with its role and status, gateway first, then the
    /// primary, then the secondaries in order.
    pub entries: Vec<AddrEntry>,
}

impl Picture {
    /// Every address typed that parses (to pass to [`next_free`]).
    pub fn taken(&self) -> Vec<Ipv4Addr> {
        self.entries.iter().filter_map(|e| e.addr).collect()
    }

    /// Up to `n` free addresses to suggest for new secondaries (empty when the
    /// subnet is unknown).
    pub fn suggestions(&self, n: usize) -> Vec<Ipv4Addr> {
        self.facts
            .as_ref()
            .map_or_else(Vec::new, |f| next_free(&f.subnet, self.cloud, &self.taken(), n))
    }
}

/// The subnet picture of a form, valid or not.
///
/// ```
/// use wizard::plan::{address::{AddrStatus, Role}, picture::picture, Form};
/// let mut form = Form::guide_example();
/// form.secondaries.push("192.168.1.255, 10.0.0.1".into());
/// let p = picture(&form);
/// assert_eq!(p.facts.as_ref().unwrap().prefix, 24);
/// let last = &p.entries[p.entries.len() - 1];
/// assert_eq!((last.role, last.status), (Role::Secondary(2), AddrStatus::Outside));
/// assert_eq!(p.suggestions(1)[0].to_string(), "192.168.1.204");
/// ```
pub fn picture(form: &Form) -> Picture {
    let cloud = form.cloud.parse().unwrap_or(CloudProfile::Alibaba);
    let rules = cloud.rules();
    let subnet = resolve_subnet(&form.cidr, &form.primary);
    let s = subnet.as_ref().ok().map(|r| r.subnet);
    let entries = classify(form, rules, s.as_ref());
    let taken: Vec<Ipv4Addr> = entries.iter().filter_map(|e| e.addr).collect();
    let facts = s.map(|s| SubnetFacts::with_taken(s, cloud, &taken));
    Picture { cloud, subnet, facts, entries }
}

impl Picture {
    /// The marked offsets of the range (from the network address), sorted;
    /// an offset not listed is free. Reserved addresses are marked first,
    /// then every typed address that lies in the range: a later, more
    /// specific mark wins, except that a second address on a place already
    /// planned (primary, secondary or conflict) makes it a conflict. An
    /// address in error other than the gateway is a conflict too.
    ///
    /// ```
    /// use wizard::plan::{picture::{picture, Mark}, Form};
    /// let mut form = Form::guide_example();
    /// form.secondaries.push("192.168.1.254".into());
    /// let marks = picture(&form).marks();
    /// assert_eq!(marks[0], (0, Mark::Network));
    /// assert!(marks.contains(&(201, Mark::Primary)) && marks.contains(&(254, Mark::Conflict)));
    /// assert_eq!(marks.last(), Some(&(255, Mark::Broadcast)));
    /// ```
    pub fn marks(&self) -> Vec<(u64, Mark)> {
        let Some(facts) = &self.facts else { return Vec::new() };
        let subnet = facts.subnet;
        let mut out: Vec<(u64, Mark)> = Vec::new();
        let mut put = |addr: Ipv4Addr, mark: Mark| {
            let Some(offset) = subnet.offset_of(addr) else { return };
            match out.iter_mut().find(|(o, _)| *o == offset) {
                Some(entry) => {
                    entry.1 = if mark.is_planned() && entry.1.is_planned() {
                        Mark::Conflict
                    } else {
                        mark
                    };
                }
                None => out.push((offset, mark)),
            }
        };
        for &(addr, which) in &facts.reserved {
            put(
                addr,
                match which {
                    Reserved::Network => Mark::Network,
                    Reserved::Broadcast => Mark::Broadcast,
                    Reserved::Front(_) | Reserved::Back(_) => Mark::Reserved,
                },
            );
        }
        for e in &self.entries {
            let Some(addr) = e.addr else { continue };
            let mark = match (e.role, e.status) {
                (_, AddrStatus::Outside | AddrStatus::Unparsable(_)) => continue,
                (Role::Gateway, _) => Mark::Gateway,
                (_, s) if s.is_error() => Mark::Conflict,
                (Role::Primary, _) => Mark::Primary,
                (Role::Secondary(_), _) => Mark::Secondary,
            };
            put(addr, mark);
        }
        crate::small_sort::sort_by_key(&mut out, |&(o, _)| o);
        out
    }

    /// The text of every typed address that lies outside the subnet (the
    /// picture lists them instead of drawing them).
    pub fn outside(&self) -> Vec<&str> {
        self.entries
            .iter()
            .filter(|e| e.status == AddrStatus::Outside)
            .map(|e| e.text.as_str())
            .collect()
    }
}

/// What one address of the range is, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// The network address.
    Network,
    /// An address the cloud reserves.
    Reserved,
    /// The broadcast address.
    Broadcast,
    /// The gateway.
    Gateway,
    /// The primary IP.
    Primary,
    /// A secondary IP.
    Secondary,
    /// Two typed addresses on one place, or a typed address that may not be there.
    Conflict,
    /// Not taken by anything.
    Free,
}

impl Mark {
    /// Every mark, in the legend's order.
    pub const LEGEND: [Mark; 8] = [
        Mark::Network,
        Mark::Reserved,
        Mark::Broadcast,
        Mark::Gateway,
        Mark::Primary,
        Mark::Secondary,
        Mark::Conflict,
        Mark::Free,
    ];

    /// Whether the place holds an address of the plan (a second one there is a conflict).
    const fn is_planned(self) -> bool {
        matches!(self, Mark::Primary | Mark::Secondary | Mark::Conflict)
    }

    /// Drawing order where marks overlap (the proportional bar of a large
    /// subnet): higher is drawn later, on top, so a conflict is never hidden.
    pub const fn weight(self) -> u8 {
        match self {
            Mark::Free => 0,
            Mark::Network | Mark::Broadcast | Mark::Reserved => 1,
            Mark::Secondary => 2,
            Mark::Primary => 3,
            Mark::Gateway => 4,
            Mark::Conflict => 5,
        }
    }
}

/// The mark at `offset` in sorted `marks` (from [`Picture::marks`]); free when not listed.
pub fn mark_at(marks: &[(u64, Mark)], offset: u64) -> Mark {
    marks.binary_search_by_key(&offset, |&(o, _)| o).map_or(Mark::Free, |i| marks[i].1)
}

/// `marks` in drawing order (lightest first, a conflict last), for a
/// picture where several addresses share one band.
pub fn drawing_order(marks: &[(u64, Mark)]) -> Vec<(u64, Mark)> {
    let mut order = marks.to_vec();
    crate::small_sort::sort_by_key(&mut order, |&(_, m)| m.weight());
    order
}

/// One IPv6 address of the form and where it sits in the vSwitch's block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry6 {
    /// As typed.
    pub text: String,
    /// The ENI's own IPv6 address (else one to add).
    pub own: bool,
    /// Its place in the block, when it parses and lies in it.
    pub place: Option<Place>,
    /// Whether the cloud reserves it (the first address, the last 9).
    pub reserved: bool,
}

/// What the page shows of the IPv6 block: a /64 cannot be drawn address
/// by address, so each typed address gets its place (how far from the
/// start or the end, or how far along).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture6 {
    /// The vSwitch's IPv6 block.
    pub block: Subnet6,
    /// How many addresses of it an ENI may use.
    pub usable: u128,
    /// The ENI's own address first, then those to add, in order.
    pub entries: Vec<Entry6>,
}

/// The IPv6 picture of a form, when its IPv6 block parses (any prefix:
/// the field's error says when it is not a /64).
///
/// ```
/// use wizard::net6::Place;
/// use wizard::plan::{picture::picture6, Form};
/// let form = Form {
///     cidr6: "2001:db8::/64".into(),
///     secondaries6: "2001:db8::a, 2001:db8::8000:0:0:0, 2001:db8::ffff:ffff:ffff:ffff".into(),
///     ..Form::guide_example()
/// };
/// let p = picture6(&form).unwrap();
/// assert_eq!(p.entries[0].place, Some(Place::Start { offset: 10 }));
/// assert_eq!(p.entries[1].place, Some(Place::Along { permille: 500 }));
/// assert!(p.entries[2].reserved);
/// ```
pub fn picture6(form: &Form) -> Option<Picture6> {
    let rules = form.cloud.parse().unwrap_or(CloudProfile::Alibaba).rules();
    let block = parse_cidr6(&form.cidr6).ok()?.subnet();
    let usable = rules.assignable_offsets6(&block).map_or(0, |r| r.end() - r.start() + 1);
    let own = (!form.primary6.is_empty()).then_some((form.primary6.as_str(), true));
    let entries = own
        .into_iter()
        .chain(form.secondary6_items().into_iter().map(|t| (t, false)))
        .map(|(text, own)| {
            let addr = parse_ipv6(text).ok();
            let pos = addr.and_then(|a| block.position(a));
            Entry6 {
                text: text.to_owned(),
                own,
                place: pos.map(|p| p.place()),
                reserved: addr.is_some_and(|a| rules.reserved6_which(&block, a).is_some()),
            }
        })
        .collect();
    Some(Picture6 { block, usable, entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(cidr: &str, gateway: &str, primary: &str, secondaries: &[&str]) -> Form {
        Form {
            cidr: cidr.into(),
            gateway: gateway.into(),
            primary: primary.into(),
            secondaries: secondaries.iter().map(|s| (*s).to_owned()).collect(),
            ..Form::default()
        }
    }

    #[test]
    fn an_invalid_form_has_entries_but_no_facts_and_no_marks() {
        let p = picture(&form("nonsense", "1.2.3", "10.0.0.5", &["10.0.0.5 10.0.0.6"]));
        assert!(p.subnet.is_err() && p.facts.is_none());
        assert!(p.marks().is_empty() && p.suggestions(3).is_empty());
        assert_eq!(p.entries.len(), 4);
        assert_eq!(p.taken().len(), 3);
    }

    #[test]
    fn marks_of_a_29() {
        // .0 network, .5 reserved (the gateway), .6 reserved, .7 broadcast.
        let p = picture(&form(
            "10.0.0.0/29",
            "10.0.0.5",
            "10.0.0.1",
            &["10.0.0.2 10.0.0.2", "10.0.0.6", "10.0.0.3", "10.0.0.9", "x"],
        ));
        use Mark::*;
        assert_eq!(
            p.marks(),
            [
                (0, Network),
                (1, Primary),
                // Typed twice: the second is a duplicate, so the place is a conflict.
                (2, Conflict),
                (3, Secondary),
                // The gateway wins over the cloud's reservation of its place.
                (5, Gateway),
                // A secondary on a reserved address.
                (6, Conflict),
                (7, Broadcast),
            ]
        );
        assert_eq!(p.outside(), ["10.0.0.9"]);
        let marks = p.marks();
        assert_eq!((mark_at(&marks, 3), mark_at(&marks, 4)), (Secondary, Free));
    }

    #[test]
    fn a_primary_on_the_gateway_is_a_conflict_and_drawn_last() {
        let p = picture(&form("10.0.0.0/16", "10.0.0.9", "10.0.0.9", &["10.0.0.10"]));
        let marks = p.marks();
        assert_eq!(mark_at(&marks, 9), Mark::Conflict);
        let order = drawing_order(&marks);
        assert_eq!(order.last(), Some(&(9, Mark::Conflict)));
        assert_eq!(order.first().map(|&(_, m)| m.weight()), Some(1));
        for pair in order.windows(2) {
            assert!(pair[0].1.weight() <= pair[1].1.weight(), "{order:?}");
        }
    }
}
