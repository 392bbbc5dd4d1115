//! # Secondary IP Wizard
//!
//! Writes checked configuration for giving an Alibaba Cloud ECS elastic
//! network interface more private IPv4 addresses.
//!
//! The crate is a pure core and a thin browser UI:
//!
//! - [`net`]: strict IPv4, mask and CIDR parsing; subnet arithmetic.
//! - [`net6`]: strict IPv6 and CIDR parsing, RFC 5952 text; `u128` subnet arithmetic.
//! - [`catalog`]: operating systems and their methods; ECS instance types.
//! - [`plan`]: the raw [`plan::Form`], the validated [`plan::Plan`], and
//!   [`plan::validate()`], which reports every problem at once.
//! - [`render`]: plan → steps, artifacts and one script per method; one
//!   module per format and one quoting function per language.
//! - [`paste`]: reads what `ip`, `route`, `nmcli`, `ipconfig`, … print on
//!   the instance and proposes form values, each with the line it came from.
//! - [`share`]: the form as a URL query (share links, storage).
//! - [`doctor`]: what the read-only doctor found on the instance, read back
//!   from its link, and the findings shown on the fields.
//! - [`gzip`]: a small gzip encoder, so the scripts fit in cloud-init user-data.
//! - [`wording`]: every sentence a person reads, per language.
//! - [`closed`]: the `closed_enum!` macro for closed sets with stable ids.
//! - [`small_sort`]: the stable sort of the short lists (smaller in the bundle).
//! - `ui` (wasm32 only): Leptos components that read signals and call the core.
//!
//! Data flows one way: form → plan → renderings → view. Nothing in the core
//! imports leptos, web-sys or gloo.

pub mod catalog;
pub mod closed;
pub mod doctor;
pub mod gzip;
pub mod net;
pub mod net6;
pub mod paste;
pub mod plan;
pub mod render;
pub mod share;
pub mod small_sort;
pub mod wording;

#[cfg(target_arch = "wasm32")]
pub mod ui;
