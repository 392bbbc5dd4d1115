//! The operating systems of the Alibaba guide (and a few more), the family each
//! belongs to, the configuration methods each supports in the order a user
//! should prefer them, and the guide's restart command.

use crate::closed::closed_enum;

closed_enum! {
    /// A family of operating systems, as the OS picker groups them.
    Family {
        AlibabaCloudLinux => "alinux",
        CentOs => "centos",
        RedHat => "rhel",
        Anolis => "anolis",
        Rocky => "rocky",
        Alma => "alma",
        Fedora => "fedora",
        Ubuntu => "ubuntu",
        Debian => "debian",
        Suse => "sles",
        OpenSuse => "opensuse",
        Alpine => "alpine",
        Arch => "arch",
        Windows => "windows",
    }
}

impl Family {
    /// The family's name as users know it.
    pub const fn label(self) -> &'static str {
        match self {
            Family::AlibabaCloudLinux => "Alibaba Cloud Linux",
            Family::CentOs => "CentOS",
            Family::RedHat => "Red Hat Enterprise Linux",
            Family::Anolis => "Anolis OS",
            Family::Rocky => "Rocky Linux",
            Family::Alma => "AlmaLinux",
            Family::Fedora => "Fedora",
            Family::Ubuntu => "Ubuntu",
            Family::Debian => "Debian",
            Family::Suse => "SUSE Linux Enterprise Server",
            Family::OpenSuse => "openSUSE",
            Family::Alpine => "Alpine Linux",
            Family::Arch => "Arch Linux",
            Family::Windows => "Windows Server",
        }
    }
}

closed_enum! {
    /// A way of configuring addresses: one renderer each.
    Method {
        /// `nmcli connection modify` commands.
        Nmcli => "nmcli",
        /// A NetworkManager keyfile (`.nmconnection`).
        Keyfile => "keyfile",
        /// RHEL `ifcfg-eth0` with `IPADDRn`/`PREFIXn` (one file).
        Ifcfg => "ifcfg",
        /// RHEL alias files `ifcfg-eth0:N` (the guide's form).
        IfcfgAlias => "ifcfg-alias",
        /// netplan for 0.99 (Ubuntu 18.04/20.04): `gateway4`.
        NetplanLegacy => "netplan-0.99",
        /// netplan 0.104+ (Ubuntu 22.04+, Debian 12+): `routes: - to: default`.
        Netplan => "netplan",
        /// Debian ifupdown `/etc/network/interfaces`.
        Ifupdown => "ifupdown",
        /// SUSE wicked `/etc/sysconfig/network/ifcfg-eth0`.
        Wicked => "wicked",
        /// systemd-networkd `.network` file or drop-in.
        Networkd => "networkd",
        /// Alpine ifupdown-ng `/etc/network/interfaces`.
        IfupdownNg => "ifupdown-ng",
        /// NetworkManager's nm-cloud-setup with its Aliyun provider: the
        /// addresses come from the metadata server at runtime.
        NmCloudSetup => "nm-cloud-setup",
        /// `ip addr add` only: lost on reboot.
        Runtime => "runtime",
        /// Windows PowerShell `New-NetIPAddress`.
        PowerShell => "powershell",
        /// Windows `netsh interface ipv4`.
        Netsh => "netsh",
    }
}

impl Method {
    /// A short label for a tab.
    pub const fn label(self) -> &'static str {
        match self {
            Method::Nmcli => "nmcli",
            Method::Keyfile => "NetworkManager keyfile",
            Method::Ifcfg => "ifcfg (IPADDRn)",
            Method::IfcfgAlias => "ifcfg alias files",
            Method::NetplanLegacy => "netplan (gateway4)",
            Method::Netplan => "netplan",
            Method::Ifupdown => "ifupdown",
            Method::Wicked => "wicked ifcfg",
            Method::Networkd => "systemd-networkd",
            Method::IfupdownNg => "ifupdown-ng",
            Method::NmCloudSetup => "nm-cloud-setup (Aliyun)",
            Method::Runtime => "ip addr (until reboot)",
            Method::PowerShell => "PowerShell",
            Method::Netsh => "netsh",
        }
    }

    /// Whether the method targets Windows.
    pub const fn is_windows(self) -> bool {
        matches!(self, Method::PowerShell | Method::Netsh)
    }
}

closed_enum! {
    /// An operating system and version from the catalog.
    Os {
        Alinux2 => "alinux2",
        Alinux3 => "alinux3",
        Centos6 => "centos6",
        Centos7 => "centos7",
        Centos8 => "centos8",
        Rhel6 => "rhel6",
        Rhel7 => "rhel7",
        Rhel8 => "rhel8",
        Rhel9 => "rhel9",
        Anolis7 => "anolis7",
        Anolis8 => "anolis8",
        Rocky8 => "rocky8",
        Rocky9 => "rocky9",
        Alma8 => "alma8",
        Alma9 => "alma9",
        Fedora => "fedora",
        Ubuntu14 => "ubuntu14",
        Ubuntu16 => "ubuntu16",
        Ubuntu18 => "ubuntu18",
        Ubuntu20 => "ubuntu20",
        Ubuntu22 => "ubuntu22",
        Ubuntu24 => "ubuntu24",
        Debian8 => "debian8",
        Debian9 => "debian9",
        Debian10 => "debian10",
        Debian11 => "debian11",
        Debian12 => "debian12",
        Debian13 => "debian13",
        Sles11 => "sles11",
        Sles12 => "sles12",
        Sles15 => "sles15",
        OpenSuse15 => "opensuse15",
        OpenSuse42 => "opensuse42",
        Alpine => "alpine",
        Arch => "arch",
        Windows2012R2 => "win2012r2",
        Windows2016 => "win2016",
        Windows2019 => "win2019",
        Windows2022 => "win2022",
    }
}

/// How an OS applies a changed configuration (the guide's table).
const RESTART_NETWORK: &str = "systemctl restart network";
const SERVICE_NETWORK: &str = "service network restart";
const RESTART_NM: &str = "systemctl restart NetworkManager";
const NETPLAN_APPLY: &str = "netplan apply";
const RESTART_NETWORKING: &str = "systemctl restart networking";
const RESTART_NETWORKD: &str = "networkctl reload";
const ALPINE_RESTART: &str = "rc-service networking restart";
const WINDOWS_RESTART: &str = "Restart-NetAdapter";

impl Os {
    /// The family the OS picker files it under.
    pub const fn family(self) -> Family {
        use Os::*;
        match self {
            Alinux2 | Alinux3 => Family::AlibabaCloudLinux,
            Centos6 | Centos7 | Centos8 => Family::CentOs,
            Rhel6 | Rhel7 | Rhel8 | Rhel9 => Family::RedHat,
            Anolis7 | Anolis8 => Family::Anolis,
            Rocky8 | Rocky9 => Family::Rocky,
            Alma8 | Alma9 => Family::Alma,
            Fedora => Family::Fedora,
            Ubuntu14 | Ubuntu16 | Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 => Family::Ubuntu,
            Debian8 | Debian9 | Debian10 | Debian11 | Debian12 | Debian13 => Family::Debian,
            Sles11 | Sles12 | Sles15 => Family::Suse,
            OpenSuse15 | OpenSuse42 => Family::OpenSuse,
            Alpine => Family::Alpine,
            Arch => Family::Arch,
            Windows2012R2 | Windows2016 | Windows2019 | Windows2022 => Family::Windows,
        }
    }

    /// The version as shown under its family in the picker.
    pub const fn version(self) -> &'static str {
        use Os::*;
        match self {
            Alinux2 => "2",
            Alinux3 => "3",
            Centos6 | Rhel6 => "6",
            Centos7 | Rhel7 | Anolis7 => "7",
            Centos8 | Rhel8 | Anolis8 | Rocky8 | Alma8 => "8",
            Rhel9 | Rocky9 | Alma9 => "9",
            Fedora => "33 and later",
            Ubuntu14 => "14.04",
            Ubuntu16 => "16.04",
            Ubuntu18 => "18.04",
            Ubuntu20 => "20.04",
            Ubuntu22 => "22.04",
            Ubuntu24 => "24.04",
            Debian8 => "8",
            Debian9 => "9",
            Debian10 => "10",
            Debian11 => "11",
            Debian12 => "12",
            Debian13 => "13",
            Sles11 => "11",
            Sles12 => "12",
            Sles15 => "15",
            OpenSuse15 => "Leap 15",
            OpenSuse42 => "Leap 42",
            Alpine | Arch => "current",
            Windows2012R2 => "2012 R2",
            Windows2016 => "2016",
            Windows2019 => "2019",
            Windows2022 => "2022",
        }
    }

    /// Family and version, e.g. "Ubuntu 22.04".
    pub fn label(self) -> String {
        format!("{} {}", self.family().label(), self.version())
    }

    /// The methods this OS supports, the one a user should prefer first.
    pub const fn methods(self) -> &'static [Method] {
        use Method as M;
        use Os::*;
        match self {
            // NetworkManager 0.8 there: no `nmcli general`/`con reload`, and
            // initscripts skip IPADDRn next to BOOTPROTO=dhcp: aliases only.
            Centos6 | Rhel6 => &[M::IfcfgAlias, M::Runtime],
            // The `network` service skips IPADDRn next to BOOTPROTO=dhcp, but
            // ifup-post brings up alias files: they work in both modes.
            Alinux2 | Centos7 | Rhel7 | Anolis7 => &[M::IfcfgAlias, M::Ifcfg, M::Runtime],
            Alinux3 | Centos8 | Rhel8 | Anolis8 | Rocky8 | Alma8 => {
                &[M::Nmcli, M::Ifcfg, M::IfcfgAlias, M::NmCloudSetup, M::Runtime]
            }
            Rhel9 | Rocky9 | Alma9 | Fedora => &[M::Nmcli, M::Keyfile, M::NmCloudSetup, M::Runtime],
            Ubuntu14 | Ubuntu16 | Debian8 | Debian9 | Debian10 | Debian11 => {
                &[M::Ifupdown, M::Runtime]
            }
            Ubuntu18 | Ubuntu20 => &[M::NetplanLegacy, M::Runtime],
            Ubuntu22 | Ubuntu24 | Debian12 => &[M::Netplan, M::Runtime],
            Debian13 => &[M::Netplan, M::Networkd, M::Runtime],
            Sles11 | Sles12 | Sles15 | OpenSuse15 | OpenSuse42 => &[M::Wicked, M::Runtime],
            Alpine => &[M::IfupdownNg, M::Runtime],
            Arch => &[M::Networkd, M::Runtime],
            Windows2012R2 | Windows2016 | Windows2019 | Windows2022 => &[M::PowerShell, M::Netsh],
        }
    }

    /// The guide's command that applies a changed configuration (without `sudo`).
    pub const fn restart_command(self) -> &'static str {
        use Os::*;
        match self {
            Centos6 | Rhel6 => SERVICE_NETWORK,
            Alinux2 | Centos7 | Rhel7 | Anolis7 => RESTART_NETWORK,
            Sles11 => "service network restart",
            Sles12 | Sles15 | OpenSuse15 | OpenSuse42 => RESTART_NETWORK,
            Alinux3 | Centos8 | Rhel8 | Anolis8 | Rocky8 | Alma8 | Rhel9 | Rocky9 | Alma9
            | Fedora => RESTART_NM,
            Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian12 | Debian13 => NETPLAN_APPLY,
            // 14.04 runs upstart: no systemctl, and `service networking restart` is a no-op there.
            // nohup: when SSH drops between ifdown and ifup, the hangup must not stop ifup.
            Ubuntu14 => "nohup sh -c 'ifdown --exclude=lo -a && ifup --exclude=lo -a' >/tmp/secondary-ip-wizard-restart.log 2>&1",
            Ubuntu16 | Debian8 | Debian9 | Debian10 | Debian11 => RESTART_NETWORKING,
            Alpine => ALPINE_RESTART,
            Arch => RESTART_NETWORKD,
            Windows2012R2 | Windows2016 | Windows2019 | Windows2022 => WINDOWS_RESTART,
        }
    }

    /// Whether this is a Windows Server release.
    pub const fn is_windows(self) -> bool {
        matches!(self.family(), Family::Windows)
    }

    /// The operating systems of a family, in catalog order.
    pub fn of_family(family: Family) -> impl Iterator<Item = Os> {
        Os::ALL.iter().copied().filter(move |os| os.family() == family)
    }
}

/// The OS a new form starts with.
pub const DEFAULT_OS: Os = Os::Ubuntu22;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for os in Os::ALL {
            assert_eq!(os.as_str().parse::<Os>(), Ok(*os));
        }
        for m in Method::ALL {
            assert_eq!(m.as_str().parse::<Method>(), Ok(*m));
        }
        let mut ids: Vec<_> = Os::ALL.iter().map(|o| o.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Os::ALL.len());
    }

    #[test]
    fn every_os_has_methods_of_its_kind() {
        for os in Os::ALL {
            assert!(!os.methods().is_empty(), "{os} has no method");
            for m in os.methods() {
                assert_eq!(m.is_windows(), os.is_windows(), "{os} lists {m}");
            }
        }
    }

    // CentOS/RHEL 6 ship NetworkManager 0.8, whose nmcli has no `general`
    // or `con reload`; the IPADDRn form in keep mode is read only by
    // NetworkManager's ifcfg-rh, so only the alias files work there.
    #[test]
    fn el6_offers_no_method_that_needs_networkmanager_1() {
        for os in [Os::Centos6, Os::Rhel6] {
            assert_eq!(os.methods(), [Method::IfcfgAlias, Method::Runtime], "{os}");
            assert!(!os.nm_reads_ifcfg());
        }
    }

    #[test]
    fn every_method_is_used_by_some_os() {
        for m in Method::ALL {
            assert!(Os::ALL.iter().any(|os| os.methods().contains(m)), "{m} unused");
        }
    }

    // nm-cloud-setup drives NetworkManager over D-Bus: it is offered
    // exactly where NetworkManager is (an nmcli or keyfile method), never
    // first (a file the user can review comes first).
    #[test]
    fn nm_cloud_setup_is_offered_exactly_on_networkmanager_systems() {
        for os in Os::ALL {
            let ms = os.methods();
            let nm = ms.contains(&Method::Nmcli) || ms.contains(&Method::Keyfile);
            assert_eq!(ms.contains(&Method::NmCloudSetup), nm, "{os}");
            assert_ne!(ms.first(), Some(&Method::NmCloudSetup), "{os}");
        }
    }

    #[test]
    fn unknown_id_lists_the_choices() {
        let err = "ubuntu99".parse::<Os>().unwrap_err();
        assert!(err.to_string().starts_with("unknown value 'ubuntu99': choose from alinux2"));
    }
}
