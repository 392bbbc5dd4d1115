//! Closed catalogs the wizard knows about: operating systems and the ways each
//! one configures addresses, and the ECS instance types with their ENI limits.

pub mod instance_types;
pub mod os;
pub mod quirks;

pub use instance_types::InstanceType;
pub use os::{Family, Method, Os};
