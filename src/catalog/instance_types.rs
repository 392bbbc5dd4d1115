//! The ECS instance-type catalog: per-ENI address limits, embedded at build time.
//!
//! STUB: the core issue fills this in from `data/instance-types.csv`.

/// One instance type's ENI limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceType {
    /// Full name, e.g. `ecs.g7.large`.
    pub name: &'static str,
    /// ENIs per instance.
    pub enis: u16,
    /// Private IPv4 addresses per ENI, the primary included.
    pub private_ipv4_per_eni: u16,
    /// IPv6 addresses per ENI (0 when unknown).
    pub ipv6_per_eni: u16,
}

/// Every known instance type.
pub static INSTANCE_TYPES: &[InstanceType] = &[];
