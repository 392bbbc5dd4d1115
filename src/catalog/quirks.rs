//! What differs between operating systems for the renderers, each an
//! exhaustive `match` on [`Os`]: a new OS fails to compile until every
//! question here has its answer.

use super::os::Os;

/// Which program wrote the `.network` file that configures an interface
/// on a stock image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkdOwner {
    /// netplan's `10-netplan-IF.network` (Debian 13).
    Netplan,
    /// cloud-init's networkd renderer, `10-cloud-init-IF.network`.
    CloudInit,
}

/// Which files of `/etc/network/interfaces.d` a stock ifupdown image reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IfupdownSources {
    /// `source /etc/network/interfaces.d/*.cfg` (Ubuntu's cloud images).
    CfgOnly,
    /// `source /etc/network/interfaces.d/*` (Debian's).
    Every,
}

/// What applies a SUSE ifcfg file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuseStack {
    /// wicked (SLES 12+, openSUSE): `wicked ifreload IF`.
    Wicked,
    /// The sysconfig ifup scripts of SLES 11: the guide's restart.
    Sysconfig,
}

impl Os {
    /// Whether NetworkManager (with the ifcfg-rh plugin) reads the ifcfg
    /// files by default (the EL8 family and later); on EL6/7 images the
    /// `network` service does.
    pub const fn nm_reads_ifcfg(self) -> bool {
        use Os::*;
        match self {
            Alinux3 | Centos8 | Rhel8 | Anolis8 | Rocky8 | Alma8 | Rhel9 | Rocky9 | Alma9
            | Fedora => true,
            Alinux2 | Centos6 | Centos7 | Rhel6 | Rhel7 | Anolis7 => false,
            Ubuntu14 | Ubuntu16 | Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian8 | Debian9
            | Debian10 | Debian11 | Debian12 | Debian13 | Sles11 | Sles12 | Sles15 | OpenSuse15
            | OpenSuse42 | Alpine | Arch | Windows2012R2 | Windows2016 | Windows2019
            | Windows2022 => false,
        }
    }

    /// Whether netplan's change is applied with `netplan generate` and then
    /// `networkctl reload` alone, not `netplan apply`: netplan 0.104+'s
    /// apply runs `networkctl reload` and then `networkctl reconfigure`, a
    /// second pass over the first that on systemd 252 now and then loses the
    /// DHCP primary for good (measured in `tests/booted.rs`: 2 of 8 netplan
    /// cases in one run). `reload` reconfigures exactly the links whose
    /// files changed; it needs systemd 244+ (Ubuntu 18.04 has 237: there
    /// netplan 0.99's `apply` restarts networkd once).
    pub const fn netplan_reload(self) -> bool {
        use Os::*;
        match self {
            Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian12 | Debian13 => true,
            Ubuntu18 => false,
            // No netplan on these images.
            Ubuntu14 | Ubuntu16 | Debian8 | Debian9 | Debian10 | Debian11 | Alinux2 | Alinux3
            | Centos6 | Centos7 | Centos8 | Rhel6 | Rhel7 | Rhel8 | Rhel9 | Anolis7 | Anolis8
            | Rocky8 | Rocky9 | Alma8 | Alma9 | Fedora | Sles11 | Sles12 | Sles15 | OpenSuse15
            | OpenSuse42 | Alpine | Arch | Windows2012R2 | Windows2016 | Windows2019
            | Windows2022 => false,
        }
    }

    /// Who wrote the `.network` file of the interface on a stock image.
    pub const fn networkd_owner(self) -> NetworkdOwner {
        use Os::*;
        match self {
            Debian13 => NetworkdOwner::Netplan,
            Arch => NetworkdOwner::CloudInit,
            Alinux2 | Alinux3 | Centos6 | Centos7 | Centos8 | Rhel6 | Rhel7 | Rhel8 | Rhel9
            | Anolis7 | Anolis8 | Rocky8 | Rocky9 | Alma8 | Alma9 | Fedora | Ubuntu14
            | Ubuntu16 | Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian8 | Debian9
            | Debian10 | Debian11 | Debian12 | Sles11 | Sles12 | Sles15 | OpenSuse15
            | OpenSuse42 | Alpine | Windows2012R2 | Windows2016 | Windows2019 | Windows2022 => {
                NetworkdOwner::CloudInit
            }
        }
    }

    /// Whether the OS's methods can configure a secondary ENI statically.
    /// Alpine's cannot: its ENI's stanza sits in the one
    /// `/etc/network/interfaces` beside the primary ENI's, and ifupdown-ng
    /// can add to a stanza from another file but not turn DHCP off in it.
    pub const fn static_on_secondary_eni(self) -> bool {
        use Os::*;
        match self {
            Alpine => false,
            Alinux2 | Alinux3 | Centos6 | Centos7 | Centos8 | Rhel6 | Rhel7 | Rhel8 | Rhel9
            | Anolis7 | Anolis8 | Rocky8 | Rocky9 | Alma8 | Alma9 | Fedora | Ubuntu14
            | Ubuntu16 | Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian8 | Debian9
            | Debian10 | Debian11 | Debian12 | Debian13 | Sles11 | Sles12 | Sles15 | OpenSuse15
            | OpenSuse42 | Arch | Windows2012R2 | Windows2016 | Windows2019 | Windows2022 => true,
        }
    }

    /// Which files of `interfaces.d` ifupdown reads on a stock image.
    pub const fn ifupdown_sources(self) -> IfupdownSources {
        use Os::*;
        match self {
            Ubuntu14 | Ubuntu16 => IfupdownSources::CfgOnly,
            Debian8 | Debian9 | Debian10 | Debian11 => IfupdownSources::Every,
            Alinux2 | Alinux3 | Centos6 | Centos7 | Centos8 | Rhel6 | Rhel7 | Rhel8 | Rhel9
            | Anolis7 | Anolis8 | Rocky8 | Rocky9 | Alma8 | Alma9 | Fedora | Ubuntu18
            | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian12 | Debian13 | Sles11 | Sles12 | Sles15
            | OpenSuse15 | OpenSuse42 | Alpine | Arch | Windows2012R2 | Windows2016
            | Windows2019 | Windows2022 => IfupdownSources::Every,
        }
    }

    /// What applies a SUSE ifcfg file here.
    pub const fn suse_stack(self) -> SuseStack {
        use Os::*;
        match self {
            Sles11 => SuseStack::Sysconfig,
            Sles12 | Sles15 | OpenSuse15 | OpenSuse42 => SuseStack::Wicked,
            Alinux2 | Alinux3 | Centos6 | Centos7 | Centos8 | Rhel6 | Rhel7 | Rhel8 | Rhel9
            | Anolis7 | Anolis8 | Rocky8 | Rocky9 | Alma8 | Alma9 | Fedora | Ubuntu14
            | Ubuntu16 | Ubuntu18 | Ubuntu20 | Ubuntu22 | Ubuntu24 | Debian8 | Debian9
            | Debian10 | Debian11 | Debian12 | Debian13 | Alpine | Arch | Windows2012R2
            | Windows2016 | Windows2019 | Windows2022 => SuseStack::Wicked,
        }
    }
}
