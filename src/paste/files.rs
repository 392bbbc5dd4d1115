//! Files users `cat`: `/etc/os-release` and `/etc/resolv.conf`; and a
//! line naming the Windows release.

use super::findings::{Builder, Dns, Lines, Origin, OsEvidence, OsSeen, Seen};
use super::os::{os_from_caption, os_from_release};
use super::text::{ipv4, Line};
use super::Tool;

/// The keys os-release(5) defines that a block may start with (an ifcfg
/// file's `DEVICE=`, `BOOTPROTO=` … are not among them).
const OS_RELEASE_KEYS: &[&str] = &[
    "NAME",
    "ID",
    "ID_LIKE",
    "PRETTY_NAME",
    "CPE_NAME",
    "VARIANT",
    "VARIANT_ID",
    "VERSION",
    "VERSION_ID",
    "VERSION_CODENAME",
    "BUILD_ID",
    "IMAGE_ID",
    "IMAGE_VERSION",
    "HOME_URL",
    "DOCUMENTATION_URL",
    "SUPPORT_URL",
    "BUG_REPORT_URL",
    "PRIVACY_POLICY_URL",
    "SUPPORT_END",
    "LOGO",
    "ANSI_COLOR",
    "PLATFORM_ID",
];

/// `KEY=value` with an upper-case key.
fn assignment(t: &str) -> Option<(&str, &str)> {
    let (k, v) = t.split_once('=')?;
    let ok = !k.is_empty()
        && k.starts_with(|c: char| c.is_ascii_uppercase())
        && k.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    ok.then_some((k, v))
}

/// Whether a line is an os-release assignment of a key os-release defines.
pub(crate) fn is_os_release(line: &Line) -> bool {
    !line.indented() && assignment(&line.text).is_some_and(|(k, _)| OS_RELEASE_KEYS.contains(&k))
}

/// os-release's value without its quotes.
fn unquote(v: &str) -> String {
    let v = v.trim();
    let v = v.strip_prefix('"').and_then(|x| x.strip_suffix('"')).unwrap_or(v);
    let v = v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')).unwrap_or(v);
    v.to_owned()
}

pub(crate) struct OsReleaseReader {
    id: Option<(String, Lines)>,
    version: Option<(String, Lines)>,
    taken: Vec<Lines>,
}

impl OsReleaseReader {
    pub fn new() -> OsReleaseReader {
        OsReleaseReader { id: None, version: None, taken: Vec::new() }
    }

    pub fn feed(&mut self, line: &Line) -> bool {
        if line.is_blank() {
            // RHEL and CentOS put a blank line before their own keys.
            return true;
        }
        if line.indented() {
            return false;
        }
        let Some((k, v)) = assignment(&line.text) else { return false };
        match k {
            "ID" if self.id.is_none() => self.id = Some((unquote(v), line.span())),
            "VERSION_ID" if self.version.is_none() => {
                self.version = Some((unquote(v), line.span()))
            }
            // A second file starts a block of its own.
            "ID" | "VERSION_ID" => return false,
            _ => {}
        }
        if self.taken.len() < 64 {
            self.taken.push(line.span());
        }
        true
    }

    pub fn finish(self, b: &mut Builder) {
        let Some((id, id_line)) = self.id else {
            // Assignments without an ID= (an ifcfg file, say): not os-release.
            for l in self.taken {
                b.ignored_lines(l);
            }
            return;
        };
        let mut lines = id_line;
        if let Some((_, l)) = &self.version {
            lines = lines.span(*l);
        }
        let (Some(first), Some(last)) = (self.taken.first(), self.taken.last()) else { return };
        b.block(Tool::OsRelease, first.span(*last), None);
        let version_id = self.version.map(|(v, _)| v);
        b.os(OsSeen {
            os: os_from_release(&id, version_id.as_deref()),
            evidence: OsEvidence::Release { id, version_id },
            origin: Origin { tool: Tool::OsRelease, lines },
        });
    }
}

/// The resolv.conf keywords (resolv.conf(5)).
const RESOLV_KEYS: &[&str] = &["nameserver", "search", "domain", "options", "sortlist"];

/// Whether a line is a resolv.conf directive.
pub(crate) fn is_resolv(line: &Line) -> bool {
    !line.indented()
        && line.text.split_whitespace().next().is_some_and(|w| RESOLV_KEYS.contains(&w))
        && line.text.split_whitespace().nth(1).is_some()
}

pub(crate) struct ResolvReader {
    lines: Option<Lines>,
}

impl ResolvReader {
    pub fn new() -> ResolvReader {
        ResolvReader { lines: None }
    }

    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        let t: &str = &line.text;
        if line.is_blank() || line.indented() {
            return false;
        }
        if is_resolv(line) {
            let mut w = t.split_whitespace();
            if w.next() == Some("nameserver") {
                if let Some(ip) = w.next().and_then(ipv4) {
                    let o = line.origin(Tool::ResolvConf);
                    b.dns(Dns { server: Seen::new(ip, o), interface: None });
                }
            }
        } else if !(t.starts_with('#') || t.starts_with(';')) {
            return false;
        }
        let l = line.span();
        self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        true
    }
}

/// The Windows caption on a line (`OS Name:   Microsoft Windows Server
/// 2022 Datacenter`, `OS 名称: …`, or the caption alone).
pub(crate) fn caption(t: &str) -> Option<&str> {
    let at = t.find("Microsoft Windows Server").or_else(|| t.find("Windows Server"))?;
    Some(t[at..].trim())
}

/// Whether a line names a Windows Server release.
pub(crate) fn is_caption(line: &Line) -> bool {
    caption(&line.text).is_some()
}

/// Records the caption on `line`.
pub(crate) fn read_caption(line: &Line, b: &mut Builder) {
    let Some(c) = caption(&line.text) else { return };
    let o = line.origin(Tool::WindowsCaption);
    b.block(Tool::WindowsCaption, o.lines, None);
    b.os(OsSeen { os: os_from_caption(c), evidence: OsEvidence::Caption(c.to_owned()), origin: o });
}
