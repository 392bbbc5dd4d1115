//! The page: header, the form on one side, the summary, subnet picture and
//! outputs on the other, footer; and the sync of the form to the URL query
//! and to localStorage.

use std::time::Duration;

use leptos::prelude::*;

use super::fields::{Choice, InstanceType, OsPicker, Secondaries, TextField};
use super::outputs::{ArtifactView, Outputs, Summary};
use super::picture::SubnetPicture;
use super::{browser, Wizard};
use crate::plan::subnet::suggested_gateway;
use crate::plan::{Field, Form};
use crate::render::{prefill, Artifact, Lang};
use crate::share::{self, Shared};

const MODES: &[(&str, &str, &str)] = &[
    (
        "keep",
        "Keep DHCP, add the secondaries",
        "The primary IP stays on DHCP; only the new addresses are written. Safest.",
    ),
    (
        "static",
        "Everything static",
        "The primary, gateway and secondaries are all written statically, as the guide does.",
    ),
];

const ENI_KINDS: &[(&str, &str, &str)] = &[
    ("primary", "Primary ENI", "The instance's first network interface (eth0)."),
    ("secondary", "Secondary ENI", "An extra ENI, bound to the instance first."),
];

const ENI_STATES: &[(&str, &str, &str)] = &[
    ("inuse", "InUse", "Attached to an instance: the instance type sets the limit."),
    ("available", "Available", "Not attached: at most 10 private IPs."),
];

const STYLES: &[(&str, &str, &str)] = &[
    ("safe", "Safe form", "Separate files that cloud-init leaves alone, modern syntax."),
    (
        "guide",
        "The guide's form",
        "The files and syntax of the Alibaba Cloud guide, as written there.",
    ),
];

/// The fields under "Advanced".
const ADVANCED: &[Field] = &[
    Field::Interface,
    Field::Connection,
    Field::WindowsAlias,
    Field::Mac,
    Field::Dns,
    Field::Style,
    Field::Region,
    Field::EniId,
];

/// "Start from the instance": the one-liners that read the instance's
/// metadata and print a link to this page with the form filled in
/// (collapsed, near the top of the form).
#[component]
fn Prefill() -> impl IntoView {
    // The page's own location: the printed link comes back here.
    let href = browser::href();
    let base = prefill::link_base(&href);
    let linux = Artifact::commands(
        "prefill.linux",
        "Linux (sh with curl or wget)",
        Lang::Sh,
        prefill::linux_command(base),
    );
    let windows = Artifact::commands(
        "prefill.powershell",
        "Windows (PowerShell)",
        Lang::PowerShell,
        prefill::powershell_command(base),
    );
    view! {
        <details class="card prefill" id="prefill">
            <summary>
                <h2>"Start from the instance"</h2>
                <span class="summary-hint">"One command on the instance fills this form in"</span>
            </summary>
            <p class="prefill-intro">
                "Run one of these on the instance itself. It reads the instance's metadata server (100.100.100.200: vSwitch CIDR, gateway, primary IP, the private IPs assigned in the cloud, ENI ID, region, DNS) and prints a link to this page with the form filled in; open that link here. Nothing is sent anywhere."
            </p>
            <ArtifactView artifact=linux />
            <p class="hint prefill-hint">
                "Reads the primary NIC; append a MAC address to read another NIC (e.g. "
                <code>"… sh https://… 00:16:3e:12:34:56"</code>
                ")."
            </p>
            <ArtifactView artifact=windows />
            <p class="hint prefill-hint">
                "Reads the primary NIC; set "
                <code>"$Mac"</code>
                " at its start to read another NIC."
            </p>
        </details>
    }
}

/// The whole page.
#[component]
pub fn App(
    /// The form (and unknown link parameters) to start with.
    start: Shared,
    /// Whether the page is embedded (`embed=1`): no header or footer.
    embed: bool,
) -> impl IntoView {
    let w = Wizard::new(start.form, start.unknown);
    provide_context(w);

    // The URL and storage follow the form.
    let query = Memo::new(move |_| w.form.with(share::to_query));
    Effect::new(move |_| {
        let q = query.get();
        let shown = match (embed, q.is_empty()) {
            (false, _) => q.clone(),
            (true, true) => "embed=1".to_owned(),
            (true, false) => format!("{q}&embed=1"),
        };
        browser::replace_query(&shown);
        browser::store(&q);
    });

    let link_copied = RwSignal::new(false);
    let copy_link = move |_| {
        browser::copy_text(&browser::href(), move |ok| {
            let _ = link_copied.try_set(ok);
            set_timeout(
                move || {
                    let _ = link_copied.try_set(false);
                },
                Duration::from_secs(2),
            );
        });
    };
    let reset = move |_| {
        browser::forget_stored();
        w.unknown.set(Vec::new());
        w.form.set(Form::default());
    };
    // A problem in a field under "Advanced" opens it, so no error stays hidden.
    let advanced = NodeRef::<leptos::html::Details>::new();
    let advanced_problem = Memo::new(move |_| {
        w.problems.with(|ps| ps.iter().any(|p| ADVANCED.contains(&p.field) && p.is_error()))
    });
    Effect::new(move |_| {
        if advanced_problem.get() {
            if let Some(details) = advanced.get() {
                details.set_open(true);
            }
        }
    });
    let is_example = Memo::new(move |_| w.form.with(|f| *f == Form::guide_example()));
    let example = move |_| {
        w.unknown.set(Vec::new());
        w.form.set(Form::guide_example());
    };

    view! {
        {(!embed)
            .then(|| {
                view! {
                    <header class="site-header">
                        <h1>"Secondary IP Wizard"</h1>
                        <p class="tagline">
                            "Checked configuration for adding secondary private IPv4 addresses to an Alibaba Cloud ECS network interface, for every Linux network stack and Windows."
                        </p>
                    </header>
                }
            })}
        <main class="layout">
            <form class="form-side" aria-label="Your network interface" on:submit=|ev| ev.prevent_default()>
                <div class="toolbar">
                    <button type="button" class="secondary-btn" on:click=copy_link>
                        {move || if link_copied.get() { "Link copied ✓" } else { "Copy link" }}
                    </button>
                    <button type="button" class="secondary-btn" on:click=example>
                        "Load the guide's example"
                    </button>
                    <button type="button" class="secondary-btn danger" on:click=reset>
                        "Reset"
                    </button>
                </div>
                {move || {
                    is_example
                        .get()
                        .then(|| {
                            view! {
                                <p class="note info example-note">
                                    <span class="msg-icon" aria-hidden="true">"ℹ"</span>
                                    "This is the guide's example. Replace the values with your own, or press Reset to start from an empty form."
                                </p>
                            }
                        })
                }}
                <Prefill />
                <section class="card">
                    <h2>"1. System"</h2>
                    <OsPicker />
                    <Choice
                        field=Field::Mode
                        legend="Mode"
                        choices=MODES
                    />
                </section>
                <section class="card">
                    <h2>"2. Addresses"</h2>
                    <TextField
                        field=Field::Cidr
                        label="vSwitch CIDR or mask"
                        hint="In the console: VPC › vSwitches, column IPv4 CIDR block (e.g. 192.168.1.0/24). A mask (255.255.255.0 or /24) works with the primary IP."
                        placeholder="192.168.1.0/24"
                        inputmode="decimal"
                    />
                    <TextField
                        field=Field::Primary
                        label="Primary IP"
                        hint="The ENI's current private IP: `ip -4 addr` on Linux, `ipconfig` on Windows."
                        placeholder="192.168.1.201"
                        inputmode="decimal"
                    />
                    <TextField
                        field=Field::Gateway
                        label="Gateway"
                        hint="Filled in with Alibaba's usual gateway (third address from the end) once the CIDR is known; check it with `ip route`."
                        placeholder="192.168.1.253"
                        suggest=suggested_gateway
                        inputmode="decimal"
                    />
                    <Secondaries />
                </section>
                <section class="card">
                    <h2>"3. Network interface (ENI)"</h2>
                    <Choice
                        field=Field::EniKind
                        legend="Which ENI"
                        choices=ENI_KINDS
                    />
                    <Choice
                        field=Field::EniState
                        legend="ENI state"
                        choices=ENI_STATES
                    />
                    <InstanceType />
                    <TextField
                        field=Field::Limit
                        label="Private IPs per ENI (only for a type not in the list)"
                        hint="From the instance family's page or DescribeInstanceTypes (EniPrivateIpAddressQuantity), primary included."
                        inputmode="numeric"
                    />
                </section>
                <details class="card advanced" id="advanced" node_ref=advanced>
                    <summary>
                        <h2>"Advanced"</h2>
                        <span class="summary-hint">"Interface names, MAC, DNS, style, region"</span>
                    </summary>
                    <TextField
                        field=Field::Interface
                        label="Linux interface name"
                        hint="Run `ip a` on the instance: eth0, ens5, …"
                    />
                    <TextField
                        field=Field::Connection
                        label="NetworkManager connection name"
                        hint="Run `nmcli con show`: System eth0, cloud-init eth0, Wired connection 1, …"
                    />
                    <TextField
                        field=Field::WindowsAlias
                        label="Windows interface alias"
                        hint="Run `ipconfig /all` (or Get-NetAdapter): Ethernet, Ethernet 2, …"
                    />
                    <TextField
                        field=Field::Mac
                        label="MAC address (optional)"
                        hint="Shown by `ip link` or in the console's ENI details; ties the config to this ENI."
                        placeholder="00:16:3e:12:34:56"
                    />
                    <TextField
                        field=Field::Dns
                        label="DNS servers (optional)"
                        hint="Separated by commas or spaces; `cat /etc/resolv.conf` or `ipconfig /all`."
                        placeholder="100.100.2.136, 100.100.2.138"
                    />
                    <Choice
                        field=Field::Style
                        legend="Style"
                        choices=STYLES
                    />
                    <TextField
                        field=Field::Region
                        label="Region ID (optional)"
                        hint="For the cloud commands: cn-hangzhou, ap-southeast-1, …"
                        placeholder="cn-hangzhou"
                    />
                    <TextField
                        field=Field::EniId
                        label="ENI ID (optional)"
                        hint="In the console's ENI list: eni-…"
                        placeholder="eni-bp1example"
                    />
                </details>
            </form>
            <div class="output-side">
                <Summary />
                <section class="card picture-card" aria-labelledby="picture-title">
                    <h2 id="picture-title">"vSwitch range"</h2>
                    <SubnetPicture />
                </section>
                <Outputs />
            </div>
        </main>
        {(!embed)
            .then(|| {
                view! {
                    <footer class="site-footer">
                        <p>
                            "Runs entirely in your browser: nothing you type leaves this page. The link holds the form, so you can share or bookmark it."
                        </p>
                    </footer>
                }
            })}
    }
}
