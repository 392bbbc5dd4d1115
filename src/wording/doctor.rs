//! The texts of the read-only doctor: the panel that offers its scripts
//! ([`DoctorText`]) and its findings read back from the link
//! ([`crate::doctor::Finding`]), worded per language by
//! [`super::doctor_text`] and [`super::doctor_finding`] (English in
//! `en/doctor.rs`; another language adds `xx/doctor.rs`).

use crate::closed::closed_enum;

closed_enum! {
    /// A fixed text of the doctor's panel and of its findings.
    DoctorText {
        /// The doctor's heading in the "Start from the instance" panel.
        Title => "title",
        /// What the doctor does.
        Intro => "intro",
        /// The Linux script's title.
        LinuxTitle => "linux-title",
        /// How to run the Linux script.
        LinuxHint => "linux-hint",
        /// The PowerShell script's title.
        WindowsTitle => "windows-title",
        /// How to run the PowerShell script.
        WindowsHint => "windows-hint",
        /// The heading of the findings in the summary.
        SummaryTitle => "summary-title",
        /// Forgets the findings.
        Dismiss => "dismiss",
    }
}
