//! The ECS instance-type catalog: per-ENI address limits, embedded at build time.
//!
//! `build.rs` turns `data/instance-types.csv` (737 types, from Alibaba's
//! "Overview of instance families" and the 2021 ECS docs) into a static
//! table, so the bundle holds plain data and no CSV parser. The live truth is
//! the DescribeInstanceTypes API: a type missing here can have its limit typed.

/// Where a row of the catalog comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Alibaba "Overview of instance families" (current).
    Current,
    /// Alibaba ECS docs mirror of 2021 (IPv4 only).
    Docs2021,
}

/// One instance type's ENI limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceType {
    /// Full name, e.g. `ecs.g7.large`.
    pub name: &'static str,
    /// The family, e.g. `g7`.
    pub family: &'static str,
    /// ENIs per instance.
    pub enis: u16,
    /// Private IPv4 addresses per ENI, the primary included.
    pub private_ipv4_per_eni: u16,
    /// IPv6 addresses per ENI (0 when unknown).
    pub ipv6_per_eni: u16,
    /// Where the row comes from.
    pub source: Source,
}

impl InstanceType {
    /// How many secondary IPv4 addresses one ENI may add (the limit minus the primary).
    ///
    /// ```
    /// let t = wizard::catalog::instance_types::lookup("ecs.t6-c1m1.large").unwrap();
    /// assert_eq!(t.max_secondaries(), 1);
    /// ```
    pub fn max_secondaries(&self) -> u16 {
        self.private_ipv4_per_eni.saturating_sub(1)
    }
}

// NAMES and NUMBERS, written by build.rs from the CSV.
include!(concat!(env!("OUT_DIR"), "/instance_types.rs"));

/// How many instance types the catalog holds.
pub const COUNT: usize = NUMBERS.len();

/// Every known instance type, in the order of the source tables (families together).
///
/// ```
/// let all: Vec<_> = wizard::catalog::instance_types::all().collect();
/// assert_eq!(all.len(), wizard::catalog::instance_types::COUNT);
/// assert_eq!((all[0].name, all[0].family), ("ecs.g9ae.large", "g9ae"));
/// ```
pub fn all() -> impl Iterator<Item = InstanceType> {
    NAMES.lines().zip(NUMBERS).map(|(name, &[enis, v4, v6, source])| InstanceType {
        name,
        family: family_of(name),
        enis: enis.into(),
        private_ipv4_per_eni: v4.into(),
        ipv6_per_eni: v6.into(),
        source: if source == 0 { Source::Current } else { Source::Docs2021 },
    })
}

/// The family in a catalog name `ecs.FAMILY.SIZE` (build.rs checks the shape).
fn family_of(name: &'static str) -> &'static str {
    let rest = name.strip_prefix("ecs.").unwrap_or(name);
    rest.rsplit_once('.').map_or(rest, |(family, _)| family)
}

/// The canonical spelling of a typed name: trimmed, lower case, with `ecs.` in front.
fn canonical(name: &str) -> String {
    let lower = name.trim().to_ascii_lowercase();
    if lower.starts_with("ecs.") {
        lower
    } else {
        format!("ecs.{lower}")
    }
}

/// Finds a type by its exact name, ignoring case and surrounding spaces;
/// the `ecs.` prefix may be left out.
///
/// ```
/// use wizard::catalog::instance_types::lookup;
/// assert_eq!(lookup("ecs.g9ae.48xlarge").unwrap().private_ipv4_per_eni, 50);
/// assert_eq!(lookup("G7.Large").unwrap().name, "ecs.g7.large");
/// assert!(lookup("ecs.g7.48xlarge").is_none());
/// ```
pub fn lookup(name: &str) -> Option<InstanceType> {
    if name.len() > 64 {
        return None;
    }
    let wanted = canonical(name);
    all().find(|t| t.name == wanted)
}

/// Types whose name starts with `prefix` (case-insensitive; `ecs.` optional),
/// at most `max`, in catalog order. An empty prefix lists the first `max`.
///
/// ```
/// let found = wizard::catalog::instance_types::search("g7.", 100);
/// assert!(found.iter().all(|t| t.name.starts_with("ecs.g7.")));
/// assert_eq!(found.len(), 9);
/// assert_eq!(wizard::catalog::instance_types::search("ecs.", 5).len(), 5);
/// ```
pub fn search(prefix: &str, max: usize) -> Vec<InstanceType> {
    if prefix.len() > 64 {
        return Vec::new();
    }
    let full = canonical(prefix);
    all().filter(|t| t.name.starts_with(&full)).take(max).collect()
}

/// Levenshtein distance between two byte strings, or `None` once it must
/// exceed `limit` (rows are reused; the work stops at the first row whose
/// minimum is over the limit).
fn distance_within(
    a: &[u8],
    b: &[u8],
    limit: usize,
    rows: &mut (Vec<usize>, Vec<usize>),
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let (prev, cur) = rows;
    prev.clear();
    prev.extend(0..=b.len());
    cur.clear();
    cur.resize(b.len() + 1, 0);
    for (i, &ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, &cb) in b.iter().enumerate() {
            let subst = prev[j] + usize::from(ca != cb);
            cur[j + 1] = subst.min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(prev, cur);
    }
    prev.last().copied().filter(|&d| d <= limit)
}

/// The known names closest to an unknown one, best first, at most `max`:
/// up to three of the same family (`ecs.g7.48xlarge` → other `ecs.g7.*`
/// sizes), then the nearest by edit distance from any family. Names too far
/// from the query to help are left out.
///
/// ```
/// let near = wizard::catalog::instance_types::closest("ecs.g7.48xlarge", 5);
/// assert_eq!(&near[..3], ["ecs.g7.4xlarge", "ecs.g7.8xlarge", "ecs.g7.xlarge"]);
/// assert!(near.len() <= 5);
/// ```
pub fn closest(name: &str, max: usize) -> Vec<&'static str> {
    // Compare the part after `ecs.`; bound the work on hostile input (no
    // real name is longer than 40 bytes).
    let canon = canonical(name);
    let query: String = canon.strip_prefix("ecs.").unwrap_or(&canon).chars().take(40).collect();
    let q = query.as_bytes();
    let family = query.split('.').next().filter(|f| !f.is_empty() && query.contains('.'));
    let limit = (query.len() / 3).max(3);
    let mut rows = (Vec::new(), Vec::new());
    let (mut same, mut others) = (Vec::new(), Vec::new());
    for t in all() {
        let short = t.name.strip_prefix("ecs.").unwrap_or(t.name).as_bytes();
        if Some(t.family) == family {
            same.extend(distance_within(q, short, usize::MAX, &mut rows).map(|d| (d, t.name)));
        } else {
            others.extend(distance_within(q, short, limit, &mut rows).map(|d| (d, t.name)));
        }
    }
    crate::small_sort::sort_by_key(&mut same, |&(d, _)| d);
    let mut out: Vec<&'static str> = same.iter().take(3.min(max)).map(|&(_, n)| n).collect();
    let rest = same.iter().skip(3).filter(|&&(d, _)| d <= limit);
    others.extend(rest);
    crate::small_sort::sort_by_key(&mut others, |&(d, _)| d);
    out.extend(others.into_iter().map(|(_, n)| n).take(max.saturating_sub(out.len())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete() {
        assert_eq!(COUNT, 737);
        assert_eq!(all().count(), 737);
        let t6 = lookup("ecs.t6-c1m1.large").unwrap();
        assert_eq!((t6.enis, t6.private_ipv4_per_eni, t6.ipv6_per_eni), (2, 2, 1));
        assert_eq!(lookup("ecs.g9ae.48xlarge").unwrap().private_ipv4_per_eni, 50);
        assert!(all().all(|t| t.private_ipv4_per_eni >= 2));
        assert!(all().all(|t| t.name.starts_with(&format!("ecs.{}.", t.family))));
        assert_eq!(lookup("ecs.t6-c1m1.large").unwrap().family, "t6-c1m1");
        assert_eq!(all().filter(|t| t.source == Source::Docs2021).count(), 156);
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = all().map(|t| t.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COUNT);
    }

    #[test]
    fn lookup_forgives_case_and_prefix_only() {
        assert!(lookup(" ecs.g7.large ").is_some());
        assert!(lookup("ECS.G7.LARGE").is_some());
        assert!(lookup("g7.large").is_some());
        assert!(lookup("ecs.g7").is_none());
        assert!(lookup("").is_none());
        assert!(lookup(&"x".repeat(10_000)).is_none());
    }

    #[test]
    fn closest_names() {
        let near = closest("ecs.g7.48xlarge", 5);
        assert_eq!(near.len(), 5);
        assert!(near.iter().take(3).all(|n| n.starts_with("ecs.g7.")), "{near:?}");
        assert!(closest("zzzzzzzzzzzzzzzzzzzzzzzz", 5).is_empty());
        assert_eq!(closest("ecs.g7.larg", 1), ["ecs.g7.large"]);
        let _ = closest(&"é".repeat(5000), 5);
    }

    #[test]
    fn search_is_bounded() {
        assert_eq!(search("", 20).len(), 20);
        assert!(search("nothing-like-this", 20).is_empty());
        assert!(search("ECS.T6", 50).iter().all(|t| t.name.starts_with("ecs.t6")));
    }
}
