//! The shell the scripts are made of lives in readable files under
//! `src/render/sh/`; [`fill`] puts values into their `{{name}}` places.
//!
//! Filling is one pass over the template: a value is inserted as it is and
//! never searched for placeholders itself, so a file's content or a user's
//! value holding `{{` cannot change the script around it. Every value is
//! quoted by the caller (with [`super::quote`]) before it is filled in.

/// `template` with every `{{name}}` replaced by its value from `vars`.
/// A name without a value is kept as written (a test catches it: no
/// rendered script may hold `{{`).
///
/// ```
/// use wizard::render::template::fill;
/// assert_eq!(fill("ip addr add {{a}} dev {{dev}}", &[("a", "10.0.0.5/24"), ("dev", "eth0")]),
///            "ip addr add 10.0.0.5/24 dev eth0");
/// assert_eq!(fill("{{x}}", &[("x", "{{y}}"), ("y", "no")]), "{{y}}");
/// ```
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = &after[..end];
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push_str("{{");
                        out.push_str(name);
                        out.push_str("}}");
                    }
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The templates, by name (see `src/render/sh/`).
pub mod sh {
    /// The script's start after its summary: `set -eu`, root check, variables, `q`.
    pub const PREAMBLE: &str = include_str!("sh/preamble.sh");
    /// The safety net's start: the run detaches from the terminal, which
    /// follows its log; a failed run after the first change rolls back.
    pub const SAFETY_DETACH: &str = include_str!("sh/safety_detach.sh");
    /// The safety net armed before the first change: the state kept, the
    /// rollback and the timer written, the timer started.
    pub const SAFETY_ARM: &str = include_str!("sh/safety_arm.sh");
    /// The safety net after the checks: reachability, then the confirmation.
    pub const SAFETY_CONFIRM: &str = include_str!("sh/safety_confirm.sh");
    /// The safety net's check of the main table's default route, primary ENI.
    pub const SAFETY_DEFAULT_PRIMARY: &str = include_str!("sh/safety_default_primary.sh");
    /// The same on a secondary ENI.
    pub const SAFETY_DEFAULT_ENI: &str = include_str!("sh/safety_default_eni.sh");
    /// The safety net's check of the source address on the primary ENI.
    pub const SAFETY_SOURCE: &str = include_str!("sh/safety_source.sh");
    /// Stops when a file or profile holds addresses the form does not list
    /// (unless `--replace`).
    pub const REFUSE_FOREIGN: &str = include_str!("sh/refuse_foreign.sh");
    /// Stops unless a command is installed.
    pub const NEED: &str = include_str!("sh/need.sh");
    /// Writes a file unless it already holds exactly that, with a backup.
    pub const WRITE_FILE: &str = include_str!("sh/write_file.sh");
    /// Sets `changed=1` when a planned address is missing.
    pub const MARK_CHANGED: &str = include_str!("sh/mark_changed.sh");
    /// Waits for the addresses (and the default route).
    pub const WAIT: &str = include_str!("sh/wait.sh");
    /// The default-route part of [`WAIT`].
    pub const WAIT_ROUTE: &str = include_str!("sh/wait_route.sh");
    /// The retry part of [`WAIT`].
    pub const WAIT_RETRY: &str = include_str!("sh/wait_retry.sh");
    /// Fails unless every planned address is present.
    pub const CHECK_ADDRESSES: &str = include_str!("sh/check_addresses.sh");
    /// Fails unless a secondary ENI's rules and table are there, and no
    /// default route through it is in the main table.
    pub const CHECK_ROUTING: &str = include_str!("sh/check_routing.sh");
    /// Fails unless the default route goes via the gateway.
    pub const CHECK_ROUTE: &str = include_str!("sh/check_route.sh");
    /// Stops before any change unless a condition holds.
    pub const GUARD: &str = include_str!("sh/guard.sh");
    /// Runs a command only when its work is not done yet.
    pub const ENSURE: &str = include_str!("sh/ensure.sh");
    /// `back_up FILE`: a copy of FILE before a change (a file written, or
    /// edited in place by a command), and how to put it back.
    pub const BACKUP: &str = include_str!("sh/backup.sh");
    /// Keeps each file as it is before the first change (once: a later run
    /// keeps the first copy), or a marker that it did not exist.
    pub const KEEP_ORIGINALS: &str = include_str!("sh/keep_originals.sh");
    /// Puts back every file [`KEEP_ORIGINALS`] kept, removes those it marked absent.
    pub const RESTORE_ORIGINALS: &str = include_str!("sh/restore_originals.sh");
    /// Moves a file out of a directory that reads every file in it.
    pub const MOVE_AWAY: &str = include_str!("sh/move_away.sh");
    /// Checks a configuration before applying it; restores the files if it fails.
    pub const VALIDATE: &str = include_str!("sh/validate.sh");
    /// Applies one way when a file changed, another when only an address is missing.
    pub const APPLY_SPLIT: &str = include_str!("sh/apply_split.sh");
    /// Prints the rollback commands.
    pub const ROLLBACK: &str = include_str!("sh/rollback.sh");
    /// Prints how to restore the files the run changed.
    pub const FINISH: &str = include_str!("sh/finish.sh");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_unclosed_placeholders_stay() {
        assert_eq!(fill("a {{b}} c", &[]), "a {{b}} c");
        assert_eq!(fill("a {{b", &[("b", "x")]), "a {{b");
        assert_eq!(fill("", &[("b", "x")]), "");
    }

    #[test]
    fn templates_end_with_a_newline() {
        for t in [
            sh::PREAMBLE,
            sh::NEED,
            sh::WRITE_FILE,
            sh::MARK_CHANGED,
            sh::WAIT,
            sh::WAIT_ROUTE,
            sh::WAIT_RETRY,
            sh::CHECK_ADDRESSES,
            sh::CHECK_ROUTE,
            sh::CHECK_ROUTING,
            sh::GUARD,
            sh::ENSURE,
            sh::MOVE_AWAY,
            sh::KEEP_ORIGINALS,
            sh::RESTORE_ORIGINALS,
            sh::BACKUP,
            sh::VALIDATE,
            sh::APPLY_SPLIT,
            sh::ROLLBACK,
            sh::FINISH,
            sh::SAFETY_DETACH,
            sh::SAFETY_ARM,
            sh::SAFETY_CONFIRM,
            sh::SAFETY_SOURCE,
            sh::SAFETY_DEFAULT_PRIMARY,
            sh::SAFETY_DEFAULT_ENI,
        ] {
            assert!(t.ends_with('\n') && !t.ends_with("\n\n"), "{t:?}");
        }
    }
}
