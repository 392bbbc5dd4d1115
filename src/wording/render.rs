//! The prose of the renderings, as typed values: a [`NoteText`] for every
//! note and a [`TitleText`] for every block's heading, each with the values
//! it names. The renderers build them; [`super::note`] and
//! [`super::title`] word them in a [`super::Locale`] (English:
//! [`super::en::render`]).

use std::fmt::Write as _;
use std::net::Ipv4Addr;

use crate::net6::{Addr6, Subnet6};
use crate::plan::{EniKind, EniState, IfName, LimitSource};

/// Which of the ids the cloud commands need are missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MissingIds {
    /// The region id.
    Region,
    /// The ENI id.
    Eni,
    /// Both.
    Both,
}

/// The heading of a copyable block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TitleText {
    /// The shared Verify block.
    CheckAddressesAndRoute,
    /// The all-in-one script of a Linux method.
    AllInOneScript,
    /// cloud-init's disable file.
    StopCloudInit,
    /// runtime: the `ip addr add` commands.
    AddUntilReboot,
    /// runtime: the Apply step's text.
    NothingToApply,
    /// An Undo block that removes the secondaries (runtime, netplan keep).
    RemoveSecondaryAddresses,
    /// netplan: look at cloud-init's files first.
    SeeHowCloudInitConfigured,
    /// A file that adds the secondaries (keep mode).
    TheSecondaryAddresses,
    /// A file with the whole static configuration.
    TheStaticConfiguration,
    /// netplan: generate, then apply.
    CheckAndApply,
    /// Undo: the configuration file again, without the secondaries.
    ConfigurationWithoutSecondaries,
    /// Undo: apply the file above and delete the addresses.
    ApplyItAndRemove,
    /// networkd: find the .network file.
    FindNetworkFile,
    /// networkd keep: the drop-in.
    DropinWithSecondaries,
    /// networkd static: the .network file.
    StaticNetworkFile,
    /// networkd: the apply block.
    ReloadReconfigures,
    /// networkd keep: Undo.
    RemoveDropinAndAddresses,
    /// networkd static: Undo's file.
    NetworkFileWithoutSecondaries,
    /// NetworkManager: list the connections.
    FindConnectionName,
    /// nmcli: the modify commands.
    ChangeProfile,
    /// nmcli: con up.
    ActivateProfile,
    /// nmcli: Undo.
    RemoveSecondariesFromProfile,
    /// keyfile: the profile.
    ConnectionProfile,
    /// keyfile: load and up.
    LoadAndActivateProfile,
    /// keyfile: Undo's profile.
    ProfileWithoutSecondaries,
    /// keyfile: Undo's load and up.
    LoadAndActivateIt,
    /// A file created only when it is missing.
    CreateIfMissing { path: String },
    /// A file replaced whole.
    Replace { path: String },
    /// A new file.
    Create { path: String },
    /// ifcfg via NetworkManager: reload and up.
    NmRereadAndReactivate,
    /// ifup per alias.
    BringUpNewAliases,
    /// The guide's restart command.
    RestartNetworkGuide,
    /// The guide's restart command, as the alternative to a gentler way.
    OrRestartNetworkGuide,
    /// Undo on the OS side, before the cloud side.
    RemoveFromOs,
    /// The first Configure block: keep every file as it is before the first change.
    KeepOriginals,
    /// Static Undo: put back the files kept before the first change.
    PutBackOriginals,
    /// Static Undo: what takes the files put back into effect.
    ApplyPutBack,
    /// Static Undo: what must run with the configuration still in place.
    BeforePutBack,
    /// ifupdown static: move cloud-init's stanza away.
    MoveCloudInitStanza,
    /// ifupdown keep: ifup per alias.
    BringUpEachAlias,
    /// A network restart.
    RestartNetwork,
    /// A network restart, as the alternative.
    OrRestartNetwork,
    /// ifupdown-ng static: resolv.conf.
    SetDnsNoDhcp,
    /// ifupdown-ng keep: add the addresses at once.
    AddAddressesNow,
    /// wicked static: the routes file.
    ReplaceRoutes { path: String },
    /// Set the DNS servers.
    SetDnsServers,
    /// wicked: apply.
    ApplyNewConfiguration,
    /// PowerShell: the configure commands.
    WindowsPrimaryThenSecondaries,
    /// Windows: restart the adapter only if needed.
    RestartAdapterIfMissing,
    /// Windows: Undo on the OS side.
    RemoveFromWindows,
    /// The PowerShell script.
    AllInOnePowerShell,
    /// netsh: Verify.
    CheckAddressesAndGateway,
    /// The netsh batch file.
    AllInOneBatch,
    /// netsh for an alias cmd.exe cannot carry.
    NotAvailableForAlias,
    /// Cloud: the console steps.
    InEcsConsole,
    /// Cloud: the aliyun CLI.
    WithAliyunCli,
    /// Cloud: the raw API parameters of an action.
    ApiParameters { action: &'static str },
    /// Cloud: Terraform.
    WithTerraform,
    /// Cloud Undo: the aliyun CLI.
    UnassignWithAliyun,
    /// Cloud Undo: the console steps.
    UnassignInConsole,
    /// netsh: DHCP to static, the first time only.
    NetshFirstTime,
    /// netsh: add each secondary.
    NetshAddSecondaries,
    /// netsh without DNS servers in the plan.
    NotAvailableWithoutDns,
    /// Verify: the addresses.
    CheckAddresses,
    /// Verify: a secondary ENI's rules and table.
    CheckEniRouting,
    /// Verify: the IPv6 addresses and the IPv6 default route.
    CheckIpv6Addresses,
    /// A secondary ENI: loose reverse-path filtering.
    LooseRpFilter,
    /// Load a sysctl drop-in now.
    LoadSysctl,
    /// A secondary ENI: its table's routes.
    EniTable { table: u32 },
    /// A secondary ENI: its table's IPv6 routes, copied from the router advertisements.
    EniTable6 { table: u32 },
    /// A secondary ENI: a source rule per address.
    EniRules,
    /// A secondary ENI: no default route in the main table.
    NoMainDefault,
    /// nm-cloud-setup: the NetworkManager version and the program.
    CloudSetupLook,
    /// nm-cloud-setup: its package, where missing.
    InstallCloudSetup,
    /// nm-cloud-setup: the drop-in with `NM_CLOUD_SETUP_ALIYUN=yes`.
    AliyunDropin,
    /// nm-cloud-setup: enable the service and the timer.
    EnableCloudSetup,
    /// nm-cloud-setup: the first run.
    RunCloudSetupNow,
    /// nm-cloud-setup: Undo.
    StopCloudSetup,
    /// nm-cloud-setup: its rules, tables and log.
    CheckCloudSetupRouting,
    /// Undo: the ENI's rules, table and reverse-path drop-in.
    RemoveEniRouting,
    /// Configure: a `source-directory` line for the folder.
    IncludeFolder { path: String },
    /// Configure: udhcpc adds no default route through the ENI.
    NoLeaseDefaultRoute,
    /// Configure (keyfile): the profile's `[ipv4]` keys.
    ProfileIpv4Keys,
    /// Configure: remove the alias files the form no longer lists.
    RemoveUnlistedAliasFiles,
    /// Configure: remove the subnet's static addresses the form no longer lists.
    RemoveUnlisted,
    /// Undo: a hook that keeps the ENI's routing, without the secondaries.
    HookWithoutSecondaries,
    /// Undo: a secondary ENI's stanza with the primary alone.
    StanzaWithoutSecondaries,
    /// Apply: take this ENI down and up, never the others.
    RestartThisEni,
    /// Cloud Assistant: run the script with the aliyun CLI and show its result.
    AssistantRun,
    /// Cloud Assistant: assign in the cloud, run the script, verify, in one block.
    AssistantSequence,
    /// Cloud Assistant: the optional Terraform command and invocation.
    AssistantTerraform,
    /// At launch: the user-data for a new instance.
    LaunchUserData,
    /// At launch: RunInstances, then the secondaries assigned (aliyun CLI).
    LaunchAliyun,
    /// At launch: `alicloud_instance` with the secondaries and the user-data.
    LaunchTerraform,
}

/// A note: one sentence or a few, for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteText {
    /// Verify in keep mode: the order of the addresses may differ.
    VerifyOrderKeep {
        /// The prefix length.
        prefix: u8,
        /// The primary.
        primary: Ipv4Addr,
    },
    /// Verify in static mode: the primary comes first.
    VerifyOrderStatic {
        /// The prefix length.
        prefix: u8,
        /// The primary.
        primary: Ipv4Addr,
        /// The gateway.
        gateway: Ipv4Addr,
    },
    /// cloud-init rewrites the configuration unless disabled.
    CloudInitRewrites,
    /// Static mode without DNS servers loses the resolvers DHCP gave.
    StaticNoDns,
    /// netplan: `networkctl reload` instead of `netplan apply`.
    NetplanReload,
    /// cloud-init's network configuration off: ENIs attached later are not configured.
    CloudInitLaterEnis,
    /// A custom image made from the configured instance carries all of it.
    CustomImageCarries,
    /// The Configure step's first block keeps the files for an exact Undo.
    KeepOriginalsOnce { dir: String },
    /// The Linux script's safety net: detached run, log, window, how to
    /// keep, extend or cancel.
    SafetyNetLinux { window: u32, dir: String },
    /// The PowerShell script's safety net: the scheduled task and window.
    SafetyNetPowerShell { window: u32 },
    /// The netsh script's safety net: the scheduled task and window.
    SafetyNetNetsh { window: u32 },
    /// Static Undo puts back every kept file: DHCP and cloud-init as before.
    UndoPutsBack { dir: String },
    /// Keep mode's Undo ends by putting back every kept file.
    UndoPutsBackKeep { dir: String },
    /// A static primary no longer gets DHCP's other options.
    StaticDropsDhcpExtras { interface: IfName },
    /// Assigning and unassigning need the ENI's and the instance's state.
    CloudStatePrerequisite,
    /// `ip addr del`: what its answers mean, and promote_secondaries.
    IpDelAnswers {
        /// The interface.
        interface: IfName,
    },
    /// runtime: lost at the next reboot.
    RuntimeLostOnReboot,
    /// runtime keep: "File exists" means present.
    RuntimeFileExists,
    /// runtime static: "File exists" for the primary and the route.
    RuntimeFileExistsStatic {
        /// The primary.
        primary: Ipv4Addr,
    },
    /// runtime: `ip` does not set DNS.
    RuntimeKeepsDns,
    /// runtime: the Apply step's text.
    RuntimeNothingToApply,
    /// Keep mode with DNS servers given: they are not written.
    KeepDnsFromDhcp,
    /// netplan merges files that use the same interface id.
    NetplanSameId { interface: IfName },
    /// netplan, guide style in keep mode: a separate file all the same.
    NetplanGuideKeep,
    /// netplan, guide style: 50-cloud-init.yaml rewritten.
    NetplanGuideStatic,
    /// netplan static, safe form: the 60 file overrides the interface.
    NetplanOverrides,
    /// netplan static: two default routes make netplan fail.
    NetplanOneGateway,
    /// netplan 0.99 has no `to: default`.
    NetplanGateway4,
    /// netplan: generate checks; try rolls back.
    NetplanTry,
    /// networkd keep: the drop-in folder is named after the .network file.
    NetworkdDropinFolder { interface: IfName, file: String },
    /// networkd static: the 05- file wins.
    NetworkdFirstMatch,
    /// networkd: reload alone, never reconfigure on top.
    NetworkdReloadOnly { interface: IfName },
    /// networkd keep: older systemd.
    NetworkdOldSystemdKeep,
    /// networkd static: older systemd.
    NetworkdOldSystemdStatic,
    /// networkd keep: the reload restarts DHCP.
    NetworkdLeaseRenews,
    /// networkd static: dropping the lease can remove the primary.
    NetworkdLeaseDrop { primary: Ipv4Addr, interface: IfName },
    /// networkd keep: what Undo does.
    NetworkdUndoKeep,
    /// networkd static: what Undo does.
    NetworkdUndoStatic { interface: IfName, prefix: u8 },
    // IPv6: NetworkManager and ifupdown
    /// nmcli and keyfile: the IPv6 addresses in the profile, and its ipv6.method.
    NmIpv6Method,
    /// ifupdown: the IPv6 addresses in the stanza `label` (up/down lines).
    IfupdownIpv6 { interface: IfName, label: String },
    /// A secondary ENI's IPv6 stanza runs the wizard's routing script.
    IfupdownEniIpv6 { interface: IfName, label: String, table: u32, hook: String },
    /// ifupdown-ng: the IPv6 addresses as address lines; the ENI's own IPv6.
    IfupdownNgIpv6 { interface: IfName },
    /// nmcli: which connection name to use (`connection` already sh-quoted).
    NmcliUseName { interface: IfName, connection: String },
    /// nmcli keep: `+ipv4.addresses` appends.
    NmcliAppend,
    /// nmcli static: the first address is the primary.
    NmcliPrimaryFirst { primary: Ipv4Addr },
    /// NetworkManager: con up, never device reapply.
    NmcliConUpNotReapply,
    /// keyfile keep: the profile is complete.
    KeyfileComplete,
    /// keyfile static: address1 is the primary.
    KeyfileManual,
    /// keyfile: another profile for the interface competes.
    KeyfileOtherProfile,
    /// keyfile: mode 600, owned by root; con up.
    KeyfileMode600,
    /// ifcfg: cloud-init writes the main file.
    IfcfgCloudInitWrites { path: String },
    /// ifcfg: the whole file is replaced.
    IfcfgReplacesWhole { path: String },
    /// ifcfg aliases, keep mode: create the main file only when missing.
    IfcfgAliasParent { path: String },
    /// The form is the whole set of addresses (every Linux method).
    WholeSet { interface: IfName },
    /// Undo on a secondary ENI: its own routing stays.
    EniRoutingStays { interface: IfName, table: u32, commands: String },
    /// The runtime method's rules and networkd's clean-up.
    RuntimeForeignRules,
    // IPv6: ifcfg, wicked, Windows
    /// ifcfg: the IPv6 lines of the main file.
    IfcfgIpv6 { path: String },
    /// wicked: the IPv6 addresses and BOOTPROTO.
    WickedIpv6 { path: String, bootproto: &'static str },
    /// Windows: the IPv6 addresses beside the interface's own IPv6 settings.
    WindowsIpv6 { prefix: u8, flag: &'static str },
    /// Windows on a secondary ENI: its interface metric.
    WindowsEniMetric { metric: u32 },
    /// Windows, a secondary ENI with IPv6 addresses to add: the strong
    /// host model routes their replies; nothing else changes.
    WindowsEniIpv6 { alias: String },
    /// ifupdown-ng keep mode: udhcpc's deconfig and the hook.
    IfupdownNgDeconfig { interface: IfName },
    /// ifupdown-ng on a secondary ENI: the merged stanza, NO_GATEWAY, hooks.
    IfupdownNgEni { interface: IfName, table: u32 },
    /// ifupdown-ng on a secondary ENI: Configure applied everything.
    IfupdownNgEniNothingToApply { interface: IfName },
    /// ifupdown-ng Undo leaves the source-directory line.
    IfupdownNgUndoSource { path: String },
    /// ifupdown keep mode: the exit hook brings the aliases back after a lease.
    IfupdownAliasesAfterLease { interface: IfName },
    /// ifupdown keep mode on a secondary ENI: the dhclient hooks.
    IfupdownDhclientHooks { interface: IfName, table: u32 },
    /// ifupdown static mode on a secondary ENI: its own stanza.
    IfupdownEniStanza { interface: IfName, table: u32 },
    /// ifupdown on a secondary ENI: only it is touched.
    IfupdownEniOnly { interface: IfName },
    /// wicked's ifroute- and ifrule- files for a secondary ENI.
    WickedEniRouting { interface: IfName, table: u32 },
    /// SLES 11's sysconfig scripts and policy routing.
    WickedSles11Routing { interface: IfName },
    /// ifcfg-rh's routing keys for a secondary ENI.
    IfcfgNmRouting { interface: IfName, table: u32 },
    /// The same for IPv6: `IPV6_ROUTE_TABLE` and `ROUTING_RULE6_n`.
    IfcfgNmRouting6 { interface: IfName, table: u32 },
    /// wicked runs the wizard's IPv6 routing script after each ifup.
    WickedEniIpv6 { interface: IfName, table: u32, hook: String },
    /// ifupdown-ng, secondary ENI: the IPv6 addresses as address lines, and
    /// the IPv6 routing script (`hook`) a `post-up` line runs.
    IfupdownNgEniIpv6 { interface: IfName, table: u32, hook: String },
    /// initscripts' route- and rule- files for a secondary ENI.
    IfcfgInitscriptsRouting { interface: IfName, table: u32 },
    /// ifcfg keep: IPADDRn next to DHCP needs NetworkManager.
    IfcfgNeedsNm { interface: IfName },
    /// ifcfg: the guide's BOOTPROTO=static and NETMASK.
    IfcfgGuideForm,
    /// ifcfg: an alias label over 15 characters.
    IfcfgAliasTooLong { label: String },
    /// ifcfg: aliases are obsolete but read.
    IfcfgAliasesObsolete,
    /// ifcfg via NetworkManager: the connection name.
    IfcfgConnectionName { connection: String, interface: IfName, restart: &'static str },
    /// ifcfg static via NetworkManager: re-activation interrupts.
    IfcfgReactivateStatic,
    /// ifcfg keep via NetworkManager: the lease is renewed.
    IfcfgReactivateKeep,
    /// ifcfg aliases: ifup per alias is gentler than a restart.
    IfcfgGentle,
    /// A network restart: from the VNC console.
    RestartFromVnc,
    /// ifcfg: Undo removes at once, the file keeps them away.
    IfcfgUndo,
    /// ifupdown: an alias label over 15 characters.
    IfupdownAliasTooLong { label: String },
    /// ifupdown: dns-nameservers needs resolvconf.
    IfupdownResolvconf,
    /// ifupdown: the secondaries' own file, and the source line.
    IfupdownOwnFile { source: &'static str },
    /// ifupdown keep: stanza order keeps the primary first.
    IfupdownOrder { interface: IfName },
    /// ifupdown: `up ip addr add` lines do the same.
    IfupdownAlternative { interface: IfName, prefix: u8 },
    /// ifupdown keep: ifup per alias instead of a restart.
    IfupdownGentle { restart: &'static str },
    /// ifupdown static: the old DHCP client may linger.
    IfupdownDhclientLingers,
    /// ifupdown: ifdown before removing the file.
    IfupdownIfdownFirst,
    /// ifupdown-ng: cloud-init rewrites the file where it manages the network.
    IfupdownNgCloudInit,
    /// ifupdown-ng: the whole file is replaced.
    IfupdownNgReplacesWhole,
    /// ifupdown-ng: several address lines, no aliases.
    IfupdownNgSeveralAddresses,
    /// ifupdown-ng keep: ip addr add instead of a restart.
    IfupdownNgNoRestart,
    /// wicked: labels that do not fit.
    WickedNoLabel { labels: String },
    /// wicked: cloud-init writes ifcfg-eth0.
    WickedCloudInitWrites { path: String },
    /// wicked: the whole file is replaced.
    WickedReplacesWhole { path: String },
    /// SLES 11 keep: its ifup may skip IPADDR_n.
    WickedSles11Keep,
    /// wicked guide form: NETMASK.
    WickedGuideNetmask,
    /// wicked static: the routes file is global.
    WickedRoutesGlobal { path: String },
    /// wicked keep: ifreload instead of a restart.
    WickedIfreload { restart: &'static str },
    /// wicked static: from the VNC console.
    WickedStaticVnc,
    /// wicked: Undo.
    WickedUndo,
    /// wicked: exit code 162 (set-up still in progress) is accepted.
    WickedInProgress,
    /// Windows: run from the VNC console.
    WindowsVnc,
    /// Windows cannot keep DHCP next to static addresses.
    WindowsNoKeepDhcp,
    /// Windows: SkipAsSource keeps the primary as the source.
    WindowsSkipAsSource { flag: &'static str },
    /// PowerShell without DNS servers: keep DHCP's.
    PowerShellKeepsDns,
    /// PowerShell: nothing to restart.
    PowerShellApply,
    /// PowerShell: what Verify shows.
    PowerShellVerify { prefix: u8 },
    /// PowerShell: Undo.
    PowerShellUndo,
    /// netsh without DNS servers.
    NetshNoDns,
    /// netsh: nothing to restart.
    NetshApply,
    /// netsh: what Verify shows.
    NetshVerify { prefix: u8 },
    /// netsh: the alias cannot be passed to cmd.exe.
    NetshRefused,
    /// Cloud: assign before configuring the OS.
    AssignFirst { primary: Ipv4Addr },
    /// Cloud: a secondary ENI in state Available must be bound first.
    BindAvailableEni { eni: String },
    /// Cloud: a secondary ENI must be bound.
    BindInUseEni { eni: String },
    /// Cloud: the per-ENI limit that was checked.
    LimitChecked { per_eni: u32, source: LimitSource, used: usize, state: EniState },
    /// Cloud: the address list or a count, never both.
    AssignListXorCount,
    /// Cloud: the region or ENI id is missing.
    FillInIds { missing: MissingIds },
    // IPv6 cloud side
    /// Cloud: IPv6 must be enabled on the VPC and the vSwitch before
    /// AssignIpv6Addresses (the console and the `aliyun vpc` calls).
    Ipv6EnableFirst { block: Subnet6 },
    /// Cloud: AssignIpv6Addresses takes the list or a count, never both,
    /// 1 to 10 a call; `count` are assigned here in one call.
    Ipv6ListXorCount { count: usize },
    /// Cloud, a primary ENI: `alicloud_instance`'s `ipv6_addresses` is
    /// ForceNew, so Terraform does not assign them here.
    Ipv6TerraformInstanceForceNew,
    /// Cloud: the API version and the IPv6 list-or-count rule.
    ApiVersion6,
    /// Console: enter each IPv6 address in the dialog's IPv6 section.
    ConsoleAssignEach6 { addrs: Vec<Addr6> },
    /// Console: confirm and check, the IPv6 addresses among them.
    ConsoleConfirmAssigned6 { count: usize },
    /// Console Undo: delete each IPv6 address (and Confirm when no IPv4
    /// step follows).
    ConsoleUndoRemove6 { addrs: Vec<Addr6>, then_confirm: bool },
    /// At launch: the first boot waits for the IPv4 secondaries only; the
    /// IPv6 addresses are assigned right after them.
    LaunchIpv6NotAwaited,
    /// Cloud: the API version and the list-or-count rule.
    ApiVersion,
    /// Console: open it in the region.
    ConsoleOpenRegion { region: String },
    /// Console: the secondary ENI must be bound.
    ConsoleCheckBound { eni: String },
    /// Console: the ENI list.
    ConsoleGoToEnis,
    /// Console: find the ENI.
    ConsoleFindEni { eni: String, primary: Ipv4Addr, kind: EniKind },
    /// Console: enter each address.
    ConsoleAssignEach { addrs: Vec<Ipv4Addr> },
    /// Console: confirm and check.
    ConsoleConfirmAssigned { count: usize },
    /// Console Undo: the OS side first.
    ConsoleUndoOsFirst,
    /// Console Undo: open the ENI list.
    ConsoleUndoOpen { region: String },
    /// Console Undo: find the ENI.
    ConsoleUndoFind { eni: String },
    /// Console Undo: delete each address.
    ConsoleUndoRemove { addrs: Vec<Ipv4Addr> },
    /// Console Undo: the primary stays.
    ConsolePrimaryStays { primary: Ipv4Addr },
    /// netsh: `set address` replaces every address.
    NetshFirstTimeOnly,
    /// Keep mode, any source: the subnet route's source can be a secondary.
    VerifySourceMayBeSecondary { gateway: Ipv4Addr, primary: Ipv4Addr },
    /// Verify in keep mode where the stack adds the secondaries before the
    /// lease ([`crate::render::recipe::LeaseSource::FirstSecondary`]).
    VerifyOrderKeepSecondaryFirst { prefix: u8, primary: Ipv4Addr },
    /// Configure, the same case: new connections start from a secondary.
    SourceIsFirstSecondary { primary: Ipv4Addr },
    /// Verify on a secondary ENI.
    VerifyEniRouting { interface: IfName, table: u32 },
    /// A secondary ENI gets its own table.
    EniOwnTable { interface: IfName, table: u32 },
    /// A secondary ENI: loose rp_filter.
    RpFilterLoose { interface: IfName },
    /// netplan static, secondary ENI.
    NetplanEniOverrides { interface: IfName },
    /// Guide style on a secondary ENI: the safe file all the same.
    GuideFormNotForSecondaryEni,
    /// netplan keep, secondary ENI: DHCP's routes off.
    NetplanEniDhcpRoutes { interface: IfName },
    /// NetworkManager: ipv4.route-table moves every route of the profile.
    NmRouteTable { interface: IfName, table: u32 },
    /// Verify on a secondary ENI: the last thing the output must show (a
    /// line under "The output should show", not a note of its own).
    ExpectNoMainDefault { interface: IfName },
    /// nm-cloud-setup: what it does, when.
    CloudSetupWhatItDoes { interface: IfName },
    /// nm-cloud-setup: nothing with an address to review; the cloud's list counts.
    CloudSetupNothingToReview,
    /// nm-cloud-setup: every ENI, and how a profile is left alone.
    CloudSetupEveryEni { interface: IfName },
    /// nm-cloud-setup: which NetworkManager has the provider, which package.
    CloudSetupAvailability,
    /// nm-cloud-setup in static mode: the profile's method stays.
    CloudSetupModeIgnored,
    /// nm-cloud-setup on a secondary ENI: its tables, not the form's.
    CloudSetupOwnTables { interface: IfName, table: u32 },
    /// nm-cloud-setup: when it runs (Apply).
    CloudSetupRuns,
    /// nm-cloud-setup: what its Verify block shows.
    CloudSetupVerify { gateway: Ipv4Addr },
    /// nm-cloud-setup: disabling it removes nothing; the reapply does.
    CloudSetupNoUndo { interface: IfName },
    /// nm-cloud-setup: an address unassigned in the cloud goes at the next run.
    CloudSetupUnassign,
    /// nm-cloud-setup adds the primary too, as a static address (measured).
    CloudSetupPrimaryStatic { primary: Ipv4Addr },
    /// Cloud Assistant: what the blocks do and how long they wait.
    AssistantHow { timeout: u32, wait_minutes: u32, confirm: &'static str },
    /// Cloud Assistant: the ids the commands still need.
    AssistantMissing { region: bool, instance: bool },
    /// Cloud Assistant: the script, Base64-encoded, is over the API's limit.
    AssistantTooLarge { size: usize, limit: usize },
    /// The script goes to the instance in parts, then runs.
    AssistantInParts { parts: usize },
    /// Cloud Assistant: the script holds the line that would end its
    /// embedding, so it cannot be sent unchanged.
    AssistantCannotEmbed { line: &'static str },
    /// Cloud Assistant: the output it keeps and what a lost network means.
    AssistantOutput,
    /// At launch: what the user-data does at the first boot, how long it
    /// waits for the cloud's assignment, where its output goes.
    LaunchHow { wait: u32, log: &'static str, confirm: &'static str },
    /// At launch: Windows reads the user-data's first line (`[powershell]`).
    LaunchWindows,
    /// At launch: the script is in the user-data gzip-compressed.
    LaunchCompressed,
    /// At launch: only the primary ENI (a secondary ENI is bound later).
    LaunchNotForSecondaryEni,
    /// At launch: the user-data is over the limit even compressed.
    LaunchTooLarge { size: usize, limit: usize },
    /// The method adds the IPv6 addresses; the ENI's own IPv6 address and
    /// the IPv6 default route stay with the image (DHCPv6, router advertisements).
    Ipv6Added { interface: IfName, prefix: u8 },
    /// The method does not configure IPv6 yet: only the IPv4 addresses.
    Ipv6NotByThisMethod,
    /// A secondary ENI: the IPv6 addresses are not configured (no IPv6
    /// policy routing by this method yet).
    Ipv6NotOnSecondaryEni,
    /// A secondary ENI: its IPv6 routes in its own table, a rule per address.
    Ipv6EniTable { interface: IfName, table: u32 },
    /// The runtime method copies the router-advertised default route.
    RuntimeRouterCopied { interface: IfName, table: u32 },
    /// netplan: a networkd drop-in puts the advertisements' routes in the table.
    NetplanRaDropin { interface: IfName, table: u32, path: String },
    /// Verify: the IPv6 addresses, past duplicate address detection.
    VerifyIpv6 { interface: IfName },
}

/// `\n   - a` for each address: the list under a console step, the same
/// in every language.
pub(crate) fn sub_list<T: crate::net::Shown>(addrs: &[T]) -> String {
    let mut out = String::new();
    for a in addrs {
        let _ = write!(out, "\n   - {}", a.shown());
    }
    out
}
