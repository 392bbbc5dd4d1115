//! Simplified Chinese (简体中文), in the terms of Alibaba Cloud's Chinese
//! console and documentation: 专有网络 VPC, 交换机, 弹性网卡, 主私网 IP,
//! 辅助私网 IP, 实例规格, 已绑定 / 可用 (see `src/wording/glossary.tsv`).
//!
//! Browsers asking for Traditional Chinese (zh-TW, zh-HK, zh-Hant) get this
//! table too, until a Traditional one exists ([`super::Locale::from_tag`]).

pub mod doctor;
pub mod paste;
pub mod problems;
pub mod render;
pub mod ui;
