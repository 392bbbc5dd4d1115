//! The subnet picture: an SVG of the vSwitch range marking the network and
//! broadcast addresses, Alibaba's reserved ones, the gateway, the primary,
//! each secondary, conflicts and free space, with the subnet's facts beside it.
//! Everything, the marks included, comes from [`picture()`]; this file only draws.

use std::net::Ipv4Addr;

use leptos::prelude::*;

use super::defer::following;
use super::text::{message, t};
use super::use_wizard;
use crate::net6::Place;
use crate::plan::picture::{drawing_order, mark_at, picture, picture6, Mark};
use crate::wording::{UiMessage, UiText};

/// The CSS class that colours a mark.
const fn class(mark: Mark) -> &'static str {
    match mark {
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

/// The subnet picture and facts, or a short explanation while the range is unknown.
#[component]
pub fn SubnetPicture() -> impl IntoView {
    let w = use_wizard();
    // Drawn from the whole form, so it follows an edit after its paint,
    // as the outputs do (with 49 secondaries, most of a keystroke's turn).
    let shown = following(move || w.form.track(), move || w.form.with_untracked(picture));
    move || {
        let p = shown.get();
        let Some(facts) = p.facts.clone() else {
            return view! {
                <p class="placeholder">{t(UiText::PictureEmpty)}</p>
            }
            .into_any();
        };
        let marks = p.marks();
        let outside: Vec<String> = p.outside().into_iter().map(str::to_owned).collect();
        let usable = facts.usable.map_or_else(
            || t(UiText::UsableNone).to_owned(),
            |(first, last)| message(&UiMessage::Range { first, last }),
        );
        view! {
            <div class="picture">
                <Range subnet_size=facts.subnet.size() network=facts.network marks=marks />
                <ul class="legend" aria-label=t(UiText::Legend)>
                    {Mark::LEGEND
                        .iter()
                        .map(|m| {
                            view! {
                                <li>
                                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                                        <rect class=class(*m) width="10" height="10" rx="2" />
                                    </svg>
                                    {t(UiText::Mark(*m))}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <dl class="facts">
                    <dt>{t(UiText::FactNetwork)}</dt>
                    <dd>{facts.subnet.to_string()}</dd>
                    <dt>{t(UiText::FactBroadcast)}</dt>
                    <dd>{facts.broadcast.to_string()}</dd>
                    <dt>{t(UiText::FactMask)}</dt>
                    <dd>{facts.mask.to_string()}</dd>
                    <dt>{t(UiText::FactWildcard)}</dt>
                    <dd>{facts.wildcard.to_string()}</dd>
                    <dt>{t(UiText::FactUsableRange)}</dt>
                    <dd>{usable}</dd>
                    <dt>{t(UiText::FactUsableCount)}</dt>
                    <dd>{facts.usable_count.to_string()}</dd>
                    <dt>{t(UiText::FactFree)}</dt>
                    <dd data-fact="free">{facts.free_count.to_string()}</dd>
                    <dt>{t(UiText::FactGateway)}</dt>
                    <dd>{facts.suggested_gateway.map(|g| g.to_string()).unwrap_or_default()}</dd>
                </dl>
                {(!outside.is_empty())
                    .then(|| {
                        view! {
                            <p class="msg error">
                                {message(&UiMessage::Outside { addresses: outside })}
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
        message(&UiMessage::MarkTitle { addr, mark })
    };
    let summary = message(&UiMessage::RangeMap { size: subnet_size, marked: marks.len() });
    if subnet_size <= 256 {
        let cols: u64 = subnet_size.clamp(1, 16);
        let rows = subnet_size.div_ceil(cols);
        let cell = 20u64;
        let width = cols * cell;
        let height = rows * cell;
        let cells = (0..subnet_size)
            .map(|o| {
                let m = mark_at(&marks, o);
                let x = (o % cols) * cell + 1;
                let y = (o / cols) * cell + 1;
                view! {
                    <rect class=class(m) x=x.to_string() y=y.to_string() width="18" height="18" rx="3">
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
        let bands = drawing_order(&marks)
            .into_iter()
            .map(|(o, m)| {
                let x = (o * WIDTH / subnet_size).min(WIDTH - w);
                view! {
                    <rect class=class(m) x=x.to_string() y="0" width=w.to_string() height="800">
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

/// Where a place sits along the bar, in thousandths (the edges at the ends).
fn along(place: Place) -> u16 {
    match place {
        Place::Start { .. } => 0,
        Place::End { .. } => 1000,
        Place::Along { permille } => permille,
    }
}

/// The IPv6 block and where each typed IPv6 address sits in it (a /64
/// cannot be drawn address by address), from [`picture6`]; nothing while
/// the IPv6 block is empty or does not parse. The bar is an SVG, as the
/// range is: the page's CSP allows no inline style.
#[component]
pub fn Ipv6Picture() -> impl IntoView {
    let w = use_wizard();
    let shown = Memo::new(move |_| w.form.with(picture6));
    move || {
        let Some(p) = shown.get() else {
            return ().into_any();
        };
        let ticks: Vec<_> = p
            .entries
            .iter()
            .filter(|e| !e.reserved)
            .filter_map(|e| {
                let x = f64::from(along(e.place?)).clamp(3.0, 997.0) - 3.0;
                let class = if e.own { "m-primary" } else { "m-secondary" };
                Some(view! { <rect class=class x=x.to_string() y="0" width="6" height="20" rx="2" /> })
            })
            .collect();
        let rows: Vec<_> = p
            .entries
            .iter()
            .map(|e| {
                let role = t(if e.own { UiText::Own6 } else { UiText::Add6 });
                let place = match e.place {
                    Some(place) if !e.reserved => message(&UiMessage::Place6 { place }),
                    _ => t(UiText::NotUsable6).to_owned(),
                };
                view! {
                    <li>
                        <code>{e.text.clone()}</code>
                        " · "{role}" · "{place}
                    </li>
                }
            })
            .collect();
        view! {
            <div class="picture6">
                <h3>{t(UiText::Picture6Title)}</h3>
                <p class="facts6">{message(&UiMessage::Block6 { block: p.block, usable: p.usable })}</p>
                <svg class="bar6" viewBox="0 0 1000 20" preserveAspectRatio="none" aria-hidden="true">
                    <rect class="m-free" x="0" y="4" width="1000" height="12" rx="3" />
                    {ticks}
                </svg>
                <ul class="list6">{rows}</ul>
            </div>
        }
        .into_any()
    }
}
