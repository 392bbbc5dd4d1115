//! English for the renderings' notes and headings.

use crate::plan::EniKind;
use crate::plan::{EniState, LimitSource};
use crate::wording::render::{sub_list, MissingIds, NoteText, TitleText};

/// The heading, in English.
pub fn title(t: &TitleText) -> String {
    use TitleText::*;
    match t {
        CheckAddressesAndRoute => "Check the addresses and the default route".into(),
        AllInOneScript => "All-in-one script".into(),
        StopCloudInit => "Stop cloud-init from rewriting the network configuration".into(),
        AddUntilReboot => "Add the addresses until the next reboot".into(),
        NothingToApply => "Nothing to apply".into(),
        RemoveSecondaryAddresses => "Remove the secondary addresses".into(),
        SeeHowCloudInitConfigured => "See how cloud-init configured the interface".into(),
        TheSecondaryAddresses => "The secondary addresses".into(),
        TheStaticConfiguration => "The static configuration".into(),
        CheckAndApply => "Check and apply".into(),
        ConfigurationWithoutSecondaries => "The configuration without the secondary addresses".into(),
        ApplyItAndRemove => "Apply it and remove the addresses".into(),
        FindNetworkFile => "Find the .network file that configures the interface".into(),
        DropinWithSecondaries => "The drop-in with the secondary addresses".into(),
        StaticNetworkFile => "The static .network file".into(),
        ReloadReconfigures => "Reload: networkd reconfigures the interface whose files changed".into(),
        RemoveDropinAndAddresses => "Remove the drop-in and the addresses".into(),
        NetworkFileWithoutSecondaries => "The .network file without the secondary addresses".into(),
        FindConnectionName => "Find the connection name".into(),
        ChangeProfile => "Change the connection profile".into(),
        ActivateProfile => "Activate the profile".into(),
        RemoveSecondariesFromProfile => "Remove the secondary addresses from the profile".into(),
        ConnectionProfile => "The connection profile".into(),
        LoadAndActivateProfile => "Load and activate the profile".into(),
        ProfileWithoutSecondaries => "The profile without the secondary addresses".into(),
        LoadAndActivateIt => "Load and activate it".into(),
        CreateIfMissing { path } => format!("Only if {path} does not exist: create it"),
        Replace { path } => format!("Replace {path}"),
        Create { path } => format!("Create {path}"),
        NmRereadAndReactivate => "Make NetworkManager re-read the files and re-activate the connection".into(),
        BringUpNewAliases => "Bring up only the new aliases".into(),
        OrRestartNetworkGuide => "Or restart the network (the guide's command)".into(),
        RestartNetworkGuide => "Restart the network (the guide's command)".into(),
        RemoveFromOs => "Remove the secondaries from the OS (before unassigning them in the cloud)".into(),
        KeepOriginals => "Back up the files this changes (once: the copy is what was there before the first change)".into(),
        PutBackOriginals => "Put back every file as it was before the first change".into(),
        ApplyPutBack => "Apply the configuration put back, and remove the secondaries from the OS (before unassigning them in the cloud)".into(),
        BeforePutBack => "First, while the configuration still names them".into(),
        MoveCloudInitStanza => "Move cloud-init's DHCP stanza out of the way (it would configure the interface a second time)".into(),
        BringUpEachAlias => "Bring up each alias".into(),
        RestartNetwork => "Restart the network".into(),
        OrRestartNetwork => "Or restart the network".into(),
        SetDnsNoDhcp => "Set the DNS servers (no DHCP client writes them any more)".into(),
        AddAddressesNow => "Add the addresses now (the file keeps them after a reboot)".into(),
        ReplaceRoutes { path } => format!("Replace {path} (the default route)"),
        SetDnsServers => "Set the DNS servers".into(),
        ApplyNewConfiguration => "Apply the new configuration".into(),
        WindowsPrimaryThenSecondaries => "Set the primary statically, then add the secondaries".into(),
        RestartAdapterIfMissing => "Only if an address does not show up: restart the adapter".into(),
        RemoveFromWindows => "Remove the secondaries from Windows (before unassigning them in the cloud)".into(),
        AllInOnePowerShell => "All-in-one PowerShell script".into(),
        CheckAddressesAndGateway => "Check the addresses and the default gateway".into(),
        AllInOneBatch => "All-in-one batch file (.cmd)".into(),
        NotAvailableForAlias => "Not available for this alias".into(),
        InEcsConsole => "In the ECS console".into(),
        WithAliyunCli => "With the aliyun CLI".into(),
        ApiParameters { action } => format!("API parameters ({action})"),
        WithTerraform => "With Terraform".into(),
        UnassignWithAliyun => "Unassign in the cloud with the aliyun CLI".into(),
        UnassignInConsole => "Unassign in the ECS console".into(),
        NetshFirstTime => "The first time only (DHCP to static): the primary, gateway and DNS (Command Prompt as Administrator)".into(),
        NetshAddSecondaries => "Add the secondaries".into(),
        NotAvailableWithoutDns => "Not available without DNS servers".into(),
        CheckAddresses => "Check the addresses".into(),
        CheckEniRouting => "Check the ENI's routing: its rules, its table, the route each address takes".into(),
        LooseRpFilter => "Loose reverse-path filtering on this interface".into(),
        LoadSysctl => "Load it now".into(),
        EniTable { table } => format!("The ENI's own routing table {table}: its subnet and its default route"),
        EniRules => "A source rule per address: replies leave through this ENI".into(),
        NoMainDefault => "No default route through this ENI in the main table".into(),
        RemoveEniRouting => "Remove the ENI's rules and routing table".into(),
        IncludeFolder { path } => format!("Read the files of {path}"),
        NoLeaseDefaultRoute => "No default route from the DHCP lease".into(),
        ProfileIpv4Keys => "Set the profile's [ipv4] keys in that file (a backup first)".into(),
        RemoveUnlistedAliasFiles => "Remove the alias files of addresses the form no longer lists".into(),
        RemoveUnlisted => "Remove the addresses the form no longer lists".into(),
        HookWithoutSecondaries => "The hook without the secondaries (the ENI's routing stays)".into(),
        StanzaWithoutSecondaries => "The ENI's stanza with the primary alone".into(),
        RestartThisEni => "Take this ENI down and up again (only this one)".into(),
    }
}

/// The note, in English.
pub fn note(n: &NoteText) -> String {
    use NoteText::*;
    match n {
        VerifyOrderKeep { prefix, primary } => format!(
            "Each planned address must appear as an inet line with /{prefix}. The order may differ: when the secondaries are added before the DHCP lease arrives, the kernel lists a secondary first; the default route keeps src {primary} for traffic leaving the subnet."
        ),
        VerifyOrderStatic { prefix, primary, gateway } => format!(
            "Each planned address must appear as an inet line with /{prefix}. The configuration lists the primary {primary} first, so it comes first and the others are marked secondary; the default route must go via {gateway}."
        ),
        CloudInitLaterEnis => "With cloud-init's network configuration off, an ENI attached to this instance later is not configured at boot: configure it yourself (this wizard's secondary-ENI case), or remove /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg before attaching it and reboot.".into(),
        KeepOriginalsOnce { dir } => format!("The first block copies every file this step writes, edits or moves into {dir} (or notes that it did not exist), once: running it again, or the script, keeps the first copy, so Undo can put back exactly what was there before the first change."),
        UndoPutsBack { dir } => format!("Undo puts back every file exactly as it was before the first change, from {dir}, and removes the files that did not exist: the primary is a DHCP lease again and cloud-init manages the network again. If that folder is missing (the change was made another way), the block says so and changes nothing: restore your own backup instead."),
        CustomImageCarries => "A custom image made from this instance carries this configuration and the disabled cloud-init: every instance created from it would claim these addresses and ignore its own. Run Undo (and remove /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg) before you create an image.".into(),
        StaticDropsDhcpExtras { interface } => format!("A static primary no longer gets what DHCP gave besides the address: the DNS search domain, the MTU, NTP servers. Check them first (`cat /etc/resolv.conf`, `ip link show {interface}`) and carry over the ones you need."),
        CloudStatePrerequisite => "Assigning and unassigning need the ENI to be Available or InUse and, on a primary ENI, the instance to be Running or Stopped (not Starting or Stopping).".into(),
        CloudInitRewrites => "cloud-init rewrites this network configuration at boot; without this file the change is lost on reboot.".into(),
        StaticNoDns => "No DNS server is given: with a static primary the instance no longer gets one from DHCP. Add the resolvers that `cat /etc/resolv.conf` (Windows: `ipconfig /all`) shows now, e.g. Alibaba's 100.100.2.136 and 100.100.2.138.".into(),
        IpDelAnswers { interface: i } => format!(
            "Deleting the address the kernel lists first in the subnet would delete the others with it, the DHCP primary included, unless net.ipv4.conf.{i}.promote_secondaries is 1 (systemd-networkd sets it on the links it manages; Debian's NetworkManager and ifupdown images leave it 0): the Undo commands set it to 1 first. An address that is already gone (the configuration's own apply removed it) is skipped."
        ),
        RuntimeLostOnReboot => "These addresses last until the next reboot or network restart: use another method to keep them.".into(),
        RuntimeFileExists => "\"RTNETLINK answers: File exists\" means the address is already there.".into(),
        RuntimeFileExistsStatic { primary } => format!(
            "\"RTNETLINK answers: File exists\" means the address or the default route is already there (the primary {primary} usually is): nothing is replaced or flushed."
        ),
        RuntimeKeepsDns => "`ip` does not set DNS servers: the resolvers stay as they are.".into(),
        RuntimeNothingToApply => "The addresses work as soon as `ip addr add` returns: there is nothing to restart.".into(),
        KeepDnsFromDhcp => "The DNS servers are not written in keep-DHCP mode: DHCP still provides them.".into(),
        NetplanSameId { interface } => format!("Under `ethernets:` the interface id must be `{interface}:` as in 50-cloud-init.yaml; netplan merges files that use the same id."),
        NetplanGuideKeep => "The guide's form edits 50-cloud-init.yaml statically; in keep-DHCP mode the wizard always adds a separate file, so the guide style only changes static mode.".into(),
        NetplanGuideStatic => "Guide form: 50-cloud-init.yaml is rewritten as the guide does, so it must also hold any other interface it configured; the safe form leaves it alone and overrides this interface from 60-secondary-ips.yaml.".into(),
        NetplanOverrides => "50-cloud-init.yaml is left as it is (cloud-init no longer rewrites it): 60-secondary-ips.yaml, read later, turns dhcp4 off for this interface and sets the only default route, and other interfaces in 50-cloud-init.yaml keep their configuration.".into(),
        NetplanOneGateway => "If 50-cloud-init.yaml was already edited to set a gateway for this interface, remove that gateway first: two default routes make netplan fail.".into(),
        NetplanGateway4 => "netplan 0.99 (Ubuntu 18.04, 20.04) has no `to: default` route: this form uses `gateway4`, which newer netplan still reads with a deprecation warning.".into(),
        NetplanReload => "`netplan generate` checks the files and writes systemd-networkd's configuration; `networkctl reload` then reconfigures exactly the interfaces whose files changed. That is the first half of what `netplan apply` does (the guide's command): its second half, `networkctl reconfigure`, runs a second pass over the first, which on systemd 252 was measured to lose the DHCP primary now and then. `netplan apply` still works on most systems; over SSH keep the VNC console at hand either way.".into(),
        NetplanTry => "`netplan generate` checks the files without changing anything. Over SSH, `netplan try` instead of `netplan apply` rolls back by itself after 120 s unless you confirm.".into(),
        NetworkdDropinFolder { interface, file } => format!("The drop-in folder must be named after the \"Network File:\" that `networkctl status {interface}` shows; this assumes {file}. If it shows another file, use its name plus .d."),
        NetworkdFirstMatch => "Only the first matching .network file in lexical order applies: 05-… comes before the 10-… file cloud-init or netplan wrote, so DHCP is off for this interface.".into(),
        NetworkdReloadOnly { interface } => format!("Run only `networkctl reload`: it already reconfigures {interface}, whose file changed. A `networkctl reconfigure {interface}` right after it starts a second pass while the first is still running, and that can lose an address (on systemd 252 even the DHCP primary, until networkd restarts). Use `networkctl reconfigure {interface}` alone only when the file was already in place and an address is missing."),
        NetworkdOldSystemdKeep => "On systemd older than 244 (no `networkctl reload`), run `systemctl restart systemd-networkd` instead; systemd 244 to 247 can miss a new or changed drop-in on reload: restart it then too.".into(),
        NetworkdOldSystemdStatic => "On systemd older than 244 (no `networkctl reload`), run `systemctl restart systemd-networkd` instead.".into(),
        NetworkdLeaseRenews => "The reload reconfigures the interface, which restarts DHCP on it: the same lease of the primary comes back within seconds, and open SSH sessions normally survive.".into(),
        NetworkdLeaseDrop { primary, interface } => format!("Dropping the old DHCP lease can remove the primary {primary} right after networkd set it statically: if `ip -4 addr show dev {interface}` still lacks it 10 seconds later, run `networkctl reconfigure {interface}` (the script does)."),
        NetworkdUndoKeep => "`networkctl reload` reconfigures the interface without the drop-in, which renews the DHCP lease of the primary as Apply did; `ip addr del` takes the addresses off even where reload misses the removed drop-in (systemd older than 248), and one already gone is fine.".into(),
        NetworkdUndoStatic { interface, prefix } => format!("`networkctl reload` applies the file with only the primary and removes the secondaries. If `ip -4 addr show dev {interface}` still lists one afterwards (older systemd), remove it with `ip addr del ADDRESS/{prefix} dev {interface}`."),
        NmcliUseName { interface, connection } => format!("Use the NAME that `nmcli con show` lists for {interface} (\"System eth0\", \"cloud-init eth0\" or \"Wired connection 1\" on common images); this plan uses {connection}."),
        NmcliAppend => "`ipv4.addresses` is set to exactly the secondaries (the form is the whole set: one you removed from the form goes) and ipv4.method stays auto, so the primary stays on DHCP.".into(),
        NmcliPrimaryFirst { primary } => format!("With ipv4.method manual the first entry of ipv4.addresses is the primary address, so {primary} comes first."),
        NmcliConUpNotReapply => "Use `nmcli con up`, not `nmcli device reapply`: on NetworkManager 1.42 reapply reports success but drops the added static addresses. `con up` re-activates the profile; an SSH session normally survives it.".into(),
        KeyfileComplete => "Only the keys of [ipv4] the wizard owns change: method=auto keeps the primary on DHCP and address1… are exactly the secondaries; every other line of the profile (its uuid, a route metric, DHCP options) stays as it is.".into(),
        KeyfileManual => "Only the keys of [ipv4] the wizard owns change: method=manual, address1 the primary then the secondaries, the gateway and the DNS servers; every other line of the profile (its uuid, a route metric) stays as it is.".into(),
        KeyfileOtherProfile => "The profile's own file is edited (on cloud-init images `cloud-init-eth0.nmconnection`, id \"cloud-init eth0\"): a new file with the same id would be a second profile, and `nmcli con up id` would take whichever comes first. The script refuses when two profiles share the name, or when the profile is not a keyfile (then use the nmcli method).".into(),
        KeyfileMode600 => "NetworkManager ignores a keyfile that is not mode 600 and owned by root. `nmcli con up` re-activates the profile (not `nmcli device reapply`, which NetworkManager 1.42 gets wrong).".into(),
        IfcfgCloudInitWrites { path } => format!("cloud-init writes {path} on Alibaba Cloud images and rewrites it at boot: the guide's 99-disable-network-config.cfg comes first, or the change is lost on reboot."),
        IfcfgReplacesWhole { path } => format!("This replaces the whole {path}: if the current file holds other settings you need (IPV6INIT, MTU, NM_CONTROLLED), copy those lines over."),
        WholeSet { interface } => format!("The form is the whole set: list every secondary {interface} should have, the ones configured earlier included (the metadata pre-fill lists all that are assigned in the cloud). Step by step, these blocks remove an address the form no longer lists. The all-in-one script first looks at every file and profile it replaces and at {interface}'s addresses, and stops without changing anything when one holds an address of the subnet the form does not list; run it with `--replace` to remove those."),
        EniRoutingStays { interface, table, commands } => format!("Undo removes the secondaries and their rules. {interface}'s own routing stays (table {table}, the rule of its primary, loose reverse-path filtering): without it, replies from {interface}'s primary leave through the primary ENI and the VPC drops them. To take it back as well, run `{}` and remove the routing from the configuration.", commands.trim_end().replace('\n', "; ")),
        RuntimeForeignRules => "systemd-networkd 248 and later (Ubuntu 22.04, Debian 12, and netplan images) remove routing rules and routes it did not configure whenever it reconfigures a link (`ManageForeignRoutingPolicyRules=yes`, `ManageForeignRoutes=yes`), a DHCP renewal included: on those images these commands may not even last until the reboot. Use the netplan or networkd method there.".into(),
        WindowsEniMetric { metric } => format!("This is a secondary ENI: its interface metric is set to {metric}, above the automatic metric Windows gives any Ethernet adapter, so the primary ENI's default route stays the one new connections take. Windows sends traffic from an address out of the interface that holds it (the strong host model), so replies from this ENI's addresses still leave through its own gateway."),
        IfupdownNgDeconfig { interface } => format!("When a lease of {interface} ends or is lost, Alpine's udhcpc script flushes every IPv4 address of the interface (`deconfig`), the secondaries included, and the next lease brings back only the primary. A udhcpc hook of the wizard's (post-bound and post-renew) adds every missing secondary after each lease."),
        IfupdownNgEni { interface, table } => format!("/etc/network/interfaces keeps every stanza, the primary ENI's included: it only gains a `source-directory` line, and the wizard's file adds the secondaries to {interface}'s DHCP stanza (ifupdown-ng merges every `iface {interface}` block). `NO_GATEWAY` in /etc/udhcpc/udhcpc.conf keeps the lease's default route out of the main table, and a udhcpc hook after every lease (post-bound, post-renew) adds the secondaries again (udhcpc flushes them when a lease ends) and sets table {table} and the rules."),
        IfupdownNgEniNothingToApply { interface } => format!("The Configure commands added the addresses and the routing of {interface} at once: there is nothing to restart. The files take over at the next boot and the hooks at the next lease."),
        IfupdownNgUndoSource { path } => format!("The `source-directory` line stays in {path}: it may have been there before, and with the wizard's file gone it includes nothing of the wizard's."),
        IfupdownAliasesAfterLease { interface } => format!("When a lease runs out, dhclient deletes {interface}'s primary, and the kernel deletes the aliases with it (Debian leaves `promote_secondaries` off); the next lease brings back only the primary. A dhclient exit hook of the wizard's adds every alias that is missing after each lease."),
        IfupdownDhclientHooks { interface, table } => format!("{interface}'s DHCP stanza stays as it is. Two dhclient hooks of the wizard's own do the routing at every lease, the first one at boot included: the enter hook drops the lease's router for {interface}, so no default route through it reaches the main table, and the exit hook sets table {table} (the subnet and the default route) and the rules again after each BOUND, RENEW, REBIND and REBOOT. The commands below set the same routing now."),
        IfupdownEniStanza { interface, table } => format!("{interface}'s whole stanza is in the wizard's file: its primary with no `gateway` line (that would be a second default route in the main table), and `post-up` lines that set table {table} and a rule per address each time it comes up. /etc/network/interfaces, which holds the primary ENI's stanza, is not touched; the script refuses if another file configures {interface}."),
        IfupdownEniOnly { interface } => format!("Only {interface} is taken down and up; the primary ENI and your SSH session are not touched."),
        WickedEniRouting { interface, table } => format!("wicked reads `ifroute-{interface}` and `ifrule-{interface}` with ifcfg-{interface} at every `ifup` and `ifreload`: the subnet and default routes go in table {table}, each address gets a rule `from ADDRESS lookup {table}`, and `DHCLIENT_SET_DEFAULT_ROUTE='no'` (keep mode) keeps the lease's default route out of the main table. Nothing goes in the global `routes` file, which every interface reads."),
        WickedSles11Routing { interface } => format!("SLES 11's sysconfig scripts read `ifroute-{interface}` but are not checked here for `ifrule-{interface}`: after the next reboot, check that `ip -4 rule show` lists the rules, and add them to a boot script if it does not."),
        IfcfgNmRouting { interface, table } => format!("NetworkManager reads the routing from ifcfg-{interface}: `IPV4_ROUTE_TABLE={table}` puts every route of the profile (DHCP's default and subnet routes, or the gateway) in table {table}, never in the main table, and each `ROUTING_RULE_n` is a rule `from ADDRESS lookup {table}`. It ignores both when a `rule-{interface}` file exists (the script refuses then), and it never reads `rule-{interface}` itself."),
        IfcfgInitscriptsRouting { interface, table } => format!("The network service (initscripts) adds every line of `route-{interface}` with `ip route add` and of `rule-{interface}` with `ip rule add` at each `ifup {interface}`, and `DEFROUTE=no` keeps the default route of DHCP or GATEWAY out of the main table: {interface}'s default route is only in table {table}. NetworkManager never reads `rule-{interface}`: if it manages {interface} on this instance, choose the NetworkManager method instead."),
        IfcfgAliasParent { path } => format!("The guide: if {path} is missing (some images leave the interface to NetworkManager's defaults), create it as shown so the alias files have a parent; leave an existing one as it is. cloud-init does not touch the alias files, so no cloud-init change is needed."),
        IfcfgNeedsNm { interface } => format!("The network service (initscripts) ignores IPADDRn when BOOTPROTO=dhcp: this form works only where NetworkManager manages {interface} (`nmcli -t -f RUNNING general` prints running). Otherwise use the ifcfg alias files, or the static mode."),
        IfcfgGuideForm => "Guide form: BOOTPROTO=static and NETMASK as in the guide; the safe form writes BOOTPROTO=none and PREFIX, the keys the ifcfg documentation describes (both work).".into(),
        IfcfgAliasTooLong { label } => format!("The alias label {label} is longer than 15 characters, which the kernel refuses: use the ifcfg (IPADDRn) method for this interface."),
        IfcfgAliasesObsolete => "Alias files (eth0:N) are the guide's form: the kernel documentation calls aliases obsolete, but initscripts and NetworkManager still read them as labelled addresses. Never put GATEWAY in an alias file.".into(),
        IfcfgConnectionName { connection, interface, restart } => format!("The connection name ({connection}) is the one `nmcli con show` lists for {interface}; NetworkManager names an ifcfg file without NAME= \"System {interface}\". The guide's `{restart}` also works but restarts every connection."),
        IfcfgReactivateStatic => "Re-activating the connection with a static primary interrupts the network for a moment: run it from the VNC console, or keep it at hand.".into(),
        IfcfgReactivateKeep => "Re-activating the connection renews the DHCP lease for the same primary address; an SSH session normally survives it.".into(),
        IfcfgGentle => "Restarting the network briefly removes every address and may drop your SSH session; `ifup` per alias adds only the new addresses (the script does that).".into(),
        RestartFromVnc => "Restarting the network briefly removes every address: run this from the VNC console (Workbench or the ECS console's Connect > VNC), not only over SSH.".into(),
        IfcfgUndo => "`ip addr del` removes the addresses at once without restarting the network; the file change keeps them away after a reboot.".into(),
        IfupdownAliasTooLong { label } => format!("The alias label {label} is longer than 15 characters, which the kernel refuses: rename the interface or use the runtime method."),
        IfupdownResolvconf => "dns-nameservers takes effect only with the resolvconf package installed; otherwise put the servers in /etc/resolv.conf.".into(),
        IfupdownOwnFile { source } => format!("The secondaries get a file of their own instead of an edit of cloud-init's 50-cloud-init, so cloud-init can keep rewriting its file. /etc/network/interfaces must read it: check that it has the line `{source}` (the script checks)."),
        IfupdownOrder { interface } => format!("ifup reads the stanzas in file order: cloud-init's 50-cloud-init comes before 60-secondary-ips, so {interface} gets its DHCP address first and it stays the source address. If your {interface} stanza sits in /etc/network/interfaces below the source line, move that line to the end."),
        IfupdownAlternative { interface, prefix } => format!("Alternative: under a stanza you own, `up ip addr add IP/{prefix} dev {interface} label {interface}:N` and `down ip addr del IP/{prefix} dev {interface} label {interface}:N` lines do the same; the alias stanzas are the guide's form and each can be brought up on its own."),
        IfupdownGentle { restart } => format!("The guide restarts the network (`{restart}`), which may drop your SSH session; `ifup` per alias adds only the new addresses."),
        IfupdownDhclientLingers => "A DHCP client started for the old setup may keep running until a reboot; rebooting applies the static primary cleanly.".into(),
        IfupdownIfdownFirst => "`ifdown` needs the stanza, so it runs before the file is removed.".into(),
        IfupdownNgCloudInit => "Where cloud-init manages the network it writes /etc/network/interfaces itself and rewrites it at boot: the guide's 99-disable-network-config.cfg comes first, or the change is lost on reboot.".into(),
        IfupdownNgReplacesWhole => "This replaces the whole /etc/network/interfaces: if the current file defines other interfaces or options you need, copy those stanzas over.".into(),
        IfupdownNgSeveralAddresses => "ifupdown-ng accepts several `address IP/PREFIX` lines in one stanza (and a DHCP stanza with extra static addresses), so no alias stanzas are needed.".into(),
        IfupdownNgNoRestart => "`rc-service networking restart` (or `ifdown` + `ifup -a`) takes the interface down for a moment and may drop SSH; adding the addresses with `ip addr add` does not.".into(),
        WickedNoLabel { labels } => format!("No LABEL for {labels}: interface name and label together must fit in 15 characters. The addresses work without a label."),
        WickedCloudInitWrites { path } => format!("cloud-init rewrites this network configuration at boot; without this file the change is lost on reboot. cloud-init writes {path} on these images."),
        WickedReplacesWhole { path } => format!("This replaces the whole {path}: if the current file holds other settings you need (MTU, DHCLIENT options, IPv6), copy those lines over."),
        WickedSles11Keep => "SLES 11 has no wicked: its older ifup scripts may not add IPADDR_n next to BOOTPROTO='dhcp'. If the check shows them missing, use the static mode.".into(),
        WickedGuideNetmask => "Guide form: IPADDR_x with a dotted NETMASK_x, as the guide writes them. NETMASK must be the dotted mask: wicked reads a bare length such as '24' as the mask 24.0.0.0 and falls back to /32, which cuts a static primary off its gateway. The safe form writes IPADDR_x='IP/PREFIX', whose prefix wins over any mask.".into(),
        WickedRoutesGlobal { path } => format!("{path} holds every static route of the system: keep any other line it already has. Only one default route."),
        WickedIfreload { restart } => format!("The guide restarts the whole network (`{restart}`); `wicked ifreload` reapplies only the interface whose file changed. Either may interrupt SSH for a moment: keep the VNC console at hand."),
        WickedStaticVnc => "Applying a static primary reconfigures the interface: run it from the VNC console, not only over SSH.".into(),
        WickedUndo => "The IPADDR_n lines written by the wizard are removed from the file; `ip addr del` removes the addresses at once without a restart.".into(),
        WindowsVnc => "Run this from the VNC console (ECS console > Connect > VNC), not over RDP: switching the primary from DHCP to static interrupts the network for a moment and RDP may drop.".into(),
        WindowsNoKeepDhcp => "Windows has no way to keep DHCP for the primary while adding static addresses: adding a static address turns DHCP off. So both modes set the primary, gateway and DNS statically first (read the current values with `ipconfig /all`).".into(),
        WindowsSkipAsSource { flag } => format!("{flag} keeps the primary as the source of outgoing traffic (Alibaba's network FAQ: otherwise outbound traffic may break)."),
        PowerShellKeepsDns => "No DNS server is given: the commands keep the ones DHCP gave (`$dns`), read before DHCP is turned off. Run them in the same PowerShell window.".into(),
        PowerShellApply => "New-NetIPAddress takes effect at once and persists across reboots: nothing needs restarting. Restarting the adapter drops RDP for a moment.".into(),
        PowerShellVerify { prefix } => format!("Each planned address must show as a row with /{prefix}; the secondaries with SkipAsSource=True, the primary with False. `ipconfig` lists them too."),
        PowerShellUndo => "Removing a secondary takes effect at once; the primary stays static (turn DHCP back on with `Set-NetIPInterface -Dhcp Enabled` and `Set-DnsClientServerAddress -ResetServerAddresses` if you want).".into(),
        NetshNoDns => "No DNS server is given: turning DHCP off with netsh would leave the server with none (Windows activation and updates then fail), and netsh cannot carry over the ones DHCP gave. Add them to the form (`ipconfig /all` shows them), or use the PowerShell tab, which keeps them.".into(),
        NetshApply => "netsh changes take effect at once and persist across reboots: nothing needs restarting. Disabling the adapter cuts the network until it is enabled again: only from the VNC console.".into(),
        NetshVerify { prefix } => format!("Each planned address must show as an IP Address line, with the subnet prefix /{prefix} (the spacing and, on a localised Windows, the labels differ)."),
        NetshRefused => "The interface alias holds a character (\", % or !) that cmd.exe cannot pass to netsh safely: rename the interface (Rename-NetAdapter) or use the PowerShell tab.".into(),
        AssignFirst { primary } => format!("The addresses must be assigned to the ENI in the cloud before the OS can use them; the primary {primary} stays as it is."),
        BindAvailableEni { eni } => format!("This is a secondary ENI in state Available: bind {eni} to the instance first (the guide's step 2), or the OS has no interface to configure."),
        BindInUseEni { eni } => format!("This is a secondary ENI: {eni} must be bound to the instance (state InUse, the guide's step 2) before the OS can see it."),
        LimitChecked { per_eni, source, used, state } => limit_checked(*per_eni, source, *used, *state),
        AssignListXorCount => "AssignPrivateIpAddresses takes either PrivateIpAddress.N or SecondaryPrivateIpAddressCount, never both; in Terraform, private_ip_addresses and secondary_private_ip_address_count exclude each other. The commands here name each address, so the OS configuration matches exactly.".into(),
        FillInIds { missing } => match missing {
            MissingIds::Both => "Fill in the region id and the ENI id first: the commands stop with a message while they are empty.".into(),
            MissingIds::Region => "Fill in the region id first: the commands stop with a message while it is empty.".into(),
            MissingIds::Eni => "Fill in the ENI id first: the commands stop with a message while it is empty.".into(),
        },
        ApiVersion => "Version 2014-05-26 of the ECS API. Send PrivateIpAddress.N or SecondaryPrivateIpAddressCount, never both.".into(),
        ConsoleOpenRegion { region } => format!("Open the ECS console and select the region {region} in the top bar."),
        ConsoleCheckBound { eni } => format!("Make sure the secondary ENI {eni} is bound to the instance (Network & Security > Elastic Network Interfaces: its status is InUse; if it is Available, choose Bind to Instance in its Operation column)."),
        ConsoleGoToEnis => "Go to Network & Security > Elastic Network Interfaces.".into(),
        ConsoleFindEni { eni, primary, kind } => match kind {
            EniKind::Primary => format!("Find the ENI {eni} (the primary ENI, primary IP {primary}) and click Manage ENI IP Addresses in its Operation column."),
            EniKind::Secondary => format!("Find the ENI {eni} (primary IP {primary}) and click Manage ENI IP Addresses in its Operation column."),
        },
        ConsoleAssignEach { addrs } => format!("In the Manage ENI IP Addresses dialog box, click Increase in the Secondary Private IPv4 Address section once per address, choose Enter manually and enter each of these:{}", sub_list(addrs)),
        ConsoleConfirmAssigned { count } => if *count == 1 { "Click Confirm, and check on the ENI's details page that it now lists the address among its secondary private IPs.".into() } else { "Click Confirm, and check on the ENI's details page that it now lists each of them among its secondary private IPs.".into() },
        ConsoleUndoOsFirst => "First remove the addresses from the OS and apply the change (the steps above).".into(),
        ConsoleUndoOpen { region } => format!("Open the ECS console, select the region {region} and go to Network & Security > Elastic Network Interfaces."),
        ConsoleUndoFind { eni } => format!("Find the ENI {eni} and click Manage ENI IP Addresses in its Operation column."),
        ConsoleUndoRemove { addrs } => format!("In the Secondary Private IPv4 Address section, click the delete icon to the right of each of these, then click Confirm:{}", sub_list(addrs)),
        ConsolePrimaryStays { primary } => format!("The primary IP {primary} can't be unassigned: leave it."),
        NetshFirstTimeOnly => "Run the first block only while the interface is still on DHCP: `set address` replaces every address of the interface, so once it is static (when you add more secondaries later) run only the `add address` lines. The script checks which is which.".into(),
        VerifySourceMayBeSecondary { gateway, primary } => format!("`ip -4 route get {gateway}` shows the source the kernel picks for the subnet. In keep mode it can be a secondary instead of {primary}: the secondaries are added before the DHCP lease, and NetworkManager lists static addresses first. If peers or allow-lists must see {primary}, choose \"Only the primary IP\" as the source address (Advanced)."),
        VerifyOrderKeepSecondaryFirst { prefix, primary } => format!("Each planned address must appear as an inet line with /{prefix}. The secondaries come first: they are added before the DHCP lease, so the first of them, not {primary}, is the source of traffic leaving the subnet (see the warning under Configure)."),
        SourceIsFirstSecondary { primary } => format!("wicked adds the static secondaries before the DHCP lease arrives, so the kernel makes the first secondary the subnet's first address: new connections leaving the subnet (to the internet through an EIP or a NAT gateway, to source-IP allow-lists) then start from it, not from {primary}. To keep {primary} as their source, choose \"Only the primary IP\" as the source address (Advanced): the secondaries are then added as /32."),
        VerifyEniRouting { interface, table } => format!("Each address of {interface} has its rule `from ADDRESS lookup {table}`; table {table} holds the subnet route and the default route through {interface}; `ip route get` from each address leaves through {interface}; and the main table's default route is still the primary ENI's, with none through {interface}."),
        EniOwnTable { interface, table } => format!("{interface} is a secondary ENI: its subnet and default routes go in table {table}, and each of its addresses gets a rule `from ADDRESS lookup {table}`, so replies from them leave through {interface}. The main table keeps only the primary ENI's default route: a second one there would send all traffic, SSH and EIP replies included, out of {interface}, where the VPC drops it."),
        RpFilterLoose { interface } => format!("Reverse-path filtering on {interface} is set to loose (2) in /etc/sysctl.d: the source rules keep replies symmetric, but with strict filtering (1, RHEL 8's default) a packet for one of its addresses that arrives on another interface (two ENIs in one vSwitch answer each other's ARP) would be dropped."),
        NetplanEniOverrides { interface } => format!("50-cloud-init.yaml is left as it is: 60-secondary-ips.yaml, read later, turns dhcp4 off for {interface} and gives it its routing table; no default route of {interface} goes in the main table, and the primary ENI keeps its configuration."),
        GuideFormNotForSecondaryEni => "The guide's form rewrites 50-cloud-init.yaml, which also configures the primary ENI: for a secondary ENI the wizard writes its own file instead.".into(),
        NetplanEniDhcpRoutes { interface } => format!("`use-routes: false` keeps the default route {interface}'s DHCP hands out out of the main table (cloud-init's metric 200 would still compete with the primary ENI's after a lease change); its default route lives in its own table instead."),
        ExpectNoMainDefault { interface } => format!("no default route dev {interface} in the main table"),
        NmRouteTable { interface, table } => format!("`ipv4.route-table {table}` puts every route of the profile in table {table}: the default route and the subnet route DHCP gives {interface} (or the static gateway), so none of them reaches the main table; the routing rules, one per address, send the replies from {interface}'s addresses there."),
    }
}

/// A step's heading, in English.
pub fn step_title(kind: crate::render::StepKind) -> String {
    use crate::render::StepKind::*;
    match kind {
        Assign => "Assign the addresses in the cloud",
        Configure => "Configure the operating system",
        Apply => "Apply",
        Verify => "Verify",
        Undo => "Undo",
    }
    .into()
}

/// The note on the per-ENI limit that validation checked.
fn limit_checked(per_eni: u32, source: &LimitSource, used: usize, state: EniState) -> String {
    let from = match source {
        LimitSource::Available => "an ENI in state Available".to_owned(),
        LimitSource::InstanceType(t) => format!("instance type {t}"),
        LimitSource::Typed => "the number you typed".to_owned(),
        LimitSource::Unknown => "the largest limit of any instance type".to_owned(),
    };
    let free = (per_eni as usize).saturating_sub(used);
    let mut text = format!(
        "Checked against {per_eni} private IPv4 addresses per ENI ({from}, the primary included): this plan uses {used}, leaving {free} free."
    );
    if state == EniState::Available && used > per_eni as usize {
        text.push_str(" That is more than the guide's 10 for an ENI in state Available (the current AssignPrivateIpAddresses reference allows up to 50): if the call is refused, bind the ENI first; once bound, the instance type's limit applies.");
    } else if state == EniState::Available {
        text.push_str(" An ENI in state Available holds at most 10; once bound, the instance type's limit applies.");
    } else if *source == LimitSource::Unknown {
        text.push_str(" No instance type was given: pick it in the form to check its own limit.");
    } else if *source == LimitSource::Typed {
        text.push_str(" The live number is EniPrivateIpAddressQuantity in DescribeInstanceTypes.");
    }
    text
}
