//! The subnet picture: an SVG of the vSwitch range marking the network and
//! broadcast addresses, Alibaba's reserved ones, the gateway, the primary,
//! each secondary, conflicts and free space, with the subnet's facts beside it.
//! Everything comes from [`insight::picture`]; this file only draws.

use std::net::Ipv4Addr;

use leptos::prelude::*;

use super::use_wizard;
use crate::plan::insight::{self, AddrStatus, Picture, Role};
use crate::plan::problem::Reserved;

/// What one address of the range is, for drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Network,
    Reserved,
    Broadcast,
    Gateway,
    Primary,
    Secondary,
    Conflict,
    Free,
}

impl Mark {
    const LEGEND: [Mark; 8] = [
        Mark::Network,
        Mark::Reserved,
        Mark::Broadcast,
        Mark::Gateway,
        Mark::Primary,
        Mark::Secondary,
        Mark::Conflict,
        Mark::Free,
    ];

    const fn class(self) -> &'static str {
        match self {
            Mark::Network => "m-network",
            Mark::Reserved => "m-reserved",
            Mark::Broadcast => "m-broadcast",
            Mark::Gateway => "m-gateway",
            Mark::Primary => "m-primary",
            Mark::Secondary => "m-secondary",
            Mark::Conflict => "m-conflict",
            Mark::Free => "m-free",
        }
    }

    /// Drawing order in the proportional bar: higher is drawn on top.
    const fn weight(self) -> u8 {
        match self {
            Mark::Free => 0,
            Mark::Network | Mark::Broadcast | Mark::Reserved => 1,
            Mark::Secondary => 2,
            Mark::Primary => 3,
            Mark::Gateway => 4,
            Mark::Conflict => 5,
        }
    }

    const fn label(self) -> &'static str {
        match self {
            Mark::Network => "network",
            Mark::Reserved => "reserved by Alibaba",
            Mark::Broadcast => "broadcast",
            Mark::Gateway => "gateway",
            Mark::Primary => "primary IP",
            Mark::Secondary => "secondary IP",
            Mark::Conflict => "conflict",
            Mark::Free => "free",
        }
    }
}

/// The marked offsets of the range, sorted; unmarked offsets are free.
fn marks(p: &Picture) -> Vec<(u64, Mark)> {
    let Some(facts) = &p.facts else { return Vec::new() };
    let subnet = facts.subnet;
    let mut out: Vec<(u64, Mark)> = Vec::new();
    let mut put = |addr: Ipv4Addr, mark: Mark| {
        let Some(offset) = subnet.offset_of(addr) else { return };
        match out.iter_mut().find(|(o, _)| *o == offset) {
            Some(entry) => {
                // A later, more specific mark wins, except that a second
                // address on a taken place is a conflict.
                let planned = matches!(mark, Mark::Primary | Mark::Secondary | Mark::Conflict);
                let taken = matches!(entry.1, Mark::Primary | Mark::Secondary | Mark::Conflict);
                entry.1 = if planned && taken { Mark::Conflict } else { mark };
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
                Reserved::Cloud(_) => Mark::Reserved,
            },
        );
    }
    for e in &p.entries {
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

/// The subnet picture and facts, or a short explanation while the range is unknown.
#[component]
pub fn SubnetPicture() -> impl IntoView {
    let w = use_wizard();
    let picture = Memo::new(move |_| w.form.with(insight::picture));
    move || {
        let p = picture.get();
        let Some(facts) = p.facts.clone() else {
            return view! {
                <p class="placeholder">
                    "Enter the vSwitch CIDR to see its addresses: which are reserved, which are taken, which are free."
                </p>
            }
                .into_any();
        };
        let marks = marks(&p);
        let outside: Vec<String> = p
            .entries
            .iter()
            .filter(|e| e.status == AddrStatus::Outside)
            .map(|e| e.text.clone())
            .collect();
        let usable =
            facts.usable.map(|(a, b)| format!("{a} – {b}")).unwrap_or_else(|| "none".to_owned());
        view! {
            <div class="picture">
                <Range subnet_size=facts.subnet.size() network=facts.network marks=marks />
                <ul class="legend" aria-label="Legend">
                    {Mark::LEGEND
                        .iter()
                        .map(|m| {
                            view! {
                                <li>
                                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                        <rect class=m.class() width="10" height="10" rx="2" />
                                    </svg>
                                    {m.label()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <dl class="facts">
                    <dt>"Network"</dt>
                    <dd>{format!("{}/{}", facts.network, facts.prefix)}</dd>
                    <dt>"Broadcast"</dt>
                    <dd>{facts.broadcast.to_string()}</dd>
                    <dt>"Mask"</dt>
                    <dd>{facts.mask.to_string()}</dd>
                    <dt>"Wildcard"</dt>
                    <dd>{facts.wildcard.to_string()}</dd>
                    <dt>"Usable range"</dt>
                    <dd>{usable}</dd>
                    <dt>"Usable addresses"</dt>
                    <dd>{facts.usable_count.to_string()}</dd>
                    <dt>"Still free"</dt>
                    <dd data-fact="free">{facts.free_count.to_string()}</dd>
                    <dt>"Usual gateway"</dt>
                    <dd>{facts.suggested_gateway.map(|g| g.to_string()).unwrap_or_default()}</dd>
                </dl>
                {(!outside.is_empty())
                    .then(|| {
                        view! {
                            <p class="msg error">
                                {format!("Outside this range (not drawn): {}.", outside.join(", "))}
                            </p>
                        }
                    })}
            </div>
        }
        .into_any()
    }
}

/// The SVG: one cell per address up to 256 addresses, otherwise one bar with
/// the marked addresses drawn in proportion.
#[component]
fn Range(
    /// How many addresses the range spans.
    subnet_size: u64,
    /// The first address (for tooltips).
    network: Ipv4Addr,
    /// Marked offsets, sorted.
    marks: Vec<(u64, Mark)>,
) -> impl IntoView {
    let name = |offset: u64, mark: Mark| {
        let addr = Ipv4Addr::from(u32::from(network).wrapping_add(offset as u32));
        format!("{addr}: {}", mark.label())
    };
    let mark_at = |offset: u64| {
        marks
            .binary_search_by_key(&offset, |&(o, _)| o)
            .ok()
            .and_then(|i| marks.get(i))
            .map_or(Mark::Free, |&(_, m)| m)
    };
    let summary = format!(
        "Map of the {subnet_size} addresses of the vSwitch: {} marked, the rest free.",
        marks.len()
    );
    if subnet_size <= 256 {
        let cols: u64 = subnet_size.clamp(1, 16);
        let rows = subnet_size.div_ceil(cols);
        let cell = 20u64;
        let width = cols * cell;
        let height = rows * cell;
        let cells = (0..subnet_size)
            .map(|o| {
                let m = mark_at(o);
                let x = (o % cols) * cell + 1;
                let y = (o / cols) * cell + 1;
                view! {
                    <rect class=m.class() x=x.to_string() y=y.to_string() width="18" height="18" rx="3">
                        <title>{name(o, m)}</title>
                    </rect>
                }
            })
            .collect_view();
        view! {
            <svg
                class="range grid"
                viewBox=format!("0 0 {width} {height}")
                role="img"
                aria-label=summary
                preserveAspectRatio="xMinYMin meet"
            >
                {cells}
            </svg>
        }
        .into_any()
    } else {
        // Integer units (no float formatting in the bundle): the bar is 6400
        // units wide; a marked address is at least 60 units so it stays visible.
        const WIDTH: u64 = 6400;
        let w = (WIDTH / subnet_size).max(60);
        // Where marks overlap at this scale, the more important one is drawn last (on top).
        let mut order: Vec<(u64, Mark)> = marks.clone();
        crate::small_sort::sort_by_key(&mut order, |&(_, m)| m.weight());
        let bands = order
            .into_iter()
            .map(|(o, m)| {
                let x = (o * WIDTH / subnet_size).min(WIDTH - w);
                view! {
                    <rect class=m.class() x=x.to_string() y="0" width=w.to_string() height="800">
                        <title>{name(o, m)}</title>
                    </rect>
                }
            })
            .collect_view();
        let last = Ipv4Addr::from(u32::from(network).wrapping_add((subnet_size - 1) as u32));
        view! {
            <svg
                class="range bar"
                viewBox="0 0 6400 1100"
                role="img"
                aria-label=summary
                preserveAspectRatio="xMinYMin meet"
            >
                <rect class="m-free" x="0" y="0" width="6400" height="800" />
                {bands}
                <text x="0" y="1060" class="axis">{network.to_string()}</text>
                <text x="6400" y="1060" class="axis" text-anchor="end">{last.to_string()}</text>
            </svg>
        }
        .into_any()
    }
}
