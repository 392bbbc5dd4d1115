//! Which catalog [`Os`] an os-release or a Windows caption names: the
//! rules of the metadata pre-fill one-liner (`render/prefill.rs`), written
//! once in Rust.
//!
//! The pre-fill's shell reads `ID` and `VERSION_ID` with `sed`, removes
//! double quotes and spaces, keeps the version up to its first dot, maps
//! `almalinux` to `alma` and `opensuse*` to `opensuse`, drops the version
//! of `fedora`, `alpine` and `arch`, and keeps the result only when it is a
//! Linux id of the catalog. Its PowerShell twin takes the first Windows
//! release whose version (`2012 R2`, `2016`, …) the caption matches, in
//! catalog order, the last match winning. `tests/paste.rs` runs the
//! pre-fill's own shell on the same os-release files and checks that both
//! agree.

use crate::catalog::os::{Family, Os};

/// The catalog OS that os-release's `ID` and `VERSION_ID` name, as the
/// pre-fill one-liner maps them; `None` for one the catalog lacks.
///
/// ```
/// use wizard::catalog::Os;
/// use wizard::paste::os_from_release;
/// assert_eq!(os_from_release("ubuntu", Some("22.04")), Some(Os::Ubuntu22));
/// assert_eq!(os_from_release("\"rhel\"", Some("\"9.4\"")), Some(Os::Rhel9));
/// assert_eq!(os_from_release("opensuse-leap", Some("15.5")), Some(Os::OpenSuse15));
/// assert_eq!(os_from_release("alpine", Some("3.19.1")), Some(Os::Alpine));
/// assert_eq!(os_from_release("gentoo", None), None);
/// ```
pub fn os_from_release(id: &str, version_id: Option<&str>) -> Option<Os> {
    let unquote = |s: &str| s.chars().filter(|c| *c != '"' && *c != ' ').collect::<String>();
    let mut id = unquote(id);
    let version = unquote(version_id.unwrap_or(""));
    let mut version = version.split('.').next().unwrap_or("").to_owned();
    if id == "almalinux" {
        id = "alma".into();
    } else if id.starts_with("opensuse") {
        id = "opensuse".into();
    }
    if matches!(id.as_str(), "fedora" | "alpine" | "arch") {
        version.clear();
    }
    let wanted = format!("{id}{version}");
    Os::ALL.iter().copied().filter(|o| o.family() != Family::Windows).find(|o| o.as_str() == wanted)
}

/// The catalog Windows release a caption names (`Microsoft Windows Server
/// 2019 Datacenter`), as the pre-fill's PowerShell matches it.
///
/// ```
/// use wizard::catalog::Os;
/// use wizard::paste::os_from_caption;
/// assert_eq!(os_from_caption("Microsoft Windows Server 2012 R2 Standard"), Some(Os::Windows2012R2));
/// assert_eq!(os_from_caption("Microsoft Windows Server 2022 Datacenter"), Some(Os::Windows2022));
/// assert_eq!(os_from_caption("Microsoft Windows Server 2025 Datacenter"), None);
/// ```
pub fn os_from_caption(caption: &str) -> Option<Os> {
    // ASCII case folding is enough: the versions are ASCII (`2012 R2`).
    let caption = caption.to_ascii_lowercase();
    Os::of_family(Family::Windows)
        .filter(|o| caption.contains(&o.version().to_ascii_lowercase()))
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_linux_id_is_reachable() {
        // Each Linux OS of the catalog has an os-release that names it.
        for os in Os::ALL.iter().filter(|o| o.family() != Family::Windows) {
            let id = os.as_str();
            let (name, version) =
                id.split_at(id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len()));
            let name = match name {
                "alma" => "almalinux",
                "opensuse" => "opensuse-leap",
                n => n,
            };
            let version = (!version.is_empty()).then(|| format!("{version}.1"));
            assert_eq!(os_from_release(name, version.as_deref()), Some(*os), "{id}");
        }
    }

    #[test]
    fn captions() {
        assert_eq!(
            os_from_caption("Microsoft Windows Server 2016 Datacenter"),
            Some(Os::Windows2016)
        );
        assert_eq!(
            os_from_caption("Microsoft Windows Server 2019 数据中心版"),
            Some(Os::Windows2019)
        );
        assert_eq!(os_from_caption("Microsoft Windows 10 Pro"), None);
    }
}
