//! The doctor in Simplified Chinese: its panel, and one sentence per
//! finding. Stacks, commands, files and values stay as they are; the words
//! around them use Alibaba Cloud's console terms
//! (`src/wording/glossary.tsv`).

use std::net::Ipv4Addr;

use crate::doctor::{DefaultRoute, Finding, FindingKind, Stack};
use crate::wording::doctor::DoctorText;
use crate::wording::{method_label, os_label, Locale};

/// A fixed text.
///
/// ```
/// use wizard::wording::{doctor::DoctorText, zh::doctor::text};
/// assert!(text(DoctorText::Intro).contains("不做任何修改"));
/// ```
pub fn text(id: DoctorText) -> &'static str {
    use DoctorText::*;
    match id {
        Title => "或者先检查实例（只读）",
        Intro => "诊断脚本会读取元数据服务器、内核中的地址、路由、策略路由规则和 rp_filter，以及网络配置文件（由哪个网络栈负责、cloud-init、nm-cloud-setup、cloud-netconfig）。它不做任何修改，只输出一份简短的报告和一个本页面的链接：链接中的表单已经填好，发现的情况显示在相应的字段旁边。",
        LinuxTitle => "Linux 诊断脚本（sh；读取元数据需要 curl 或 wget）",
        LinuxHint => "保存为 doctor.sh，然后运行 sudo sh doctor.sh（以 root 身份运行时它能读取所有配置文件；它不写入任何文件）。要检查其他网卡，请在末尾加上它的 MAC 地址。",
        WindowsTitle => "Windows 诊断脚本（PowerShell）",
        WindowsHint => "在实例上把它粘贴到 PowerShell 中运行；要检查其他网卡，请在脚本开头设置 $Mac。",
        SummaryTitle => "诊断脚本在实例上发现的情况",
        Dismiss => "忽略诊断脚本发现的情况",
    }
}

fn list(a: &[Ipv4Addr]) -> String {
    a.iter().map(Ipv4Addr::to_string).collect::<Vec<_>>().join("、")
}

/// A route as `ip route` writes it (a value: it stays as it is).
fn route(r: &DefaultRoute) -> String {
    let via = r.gateway.map(|g| format!("via {g} ")).unwrap_or_default();
    format!("{via}dev {} metric {}", r.dev, r.metric)
}

/// A stack's name: the program's own, or words where it has none.
fn stack_label(s: Stack) -> &'static str {
    match s {
        Stack::None => "无持久配置",
        Stack::Netplan
        | Stack::NetplanNm
        | Stack::Networkd
        | Stack::Nm
        | Stack::Ifupdown
        | Stack::IfupdownNg
        | Stack::Wicked
        | Stack::NetworkScripts => s.label(),
    }
}

/// The sentence for one finding (its commands, if any, are shown below it).
///
/// ```
/// use wizard::doctor::{Finding, FindingKind};
/// use wizard::paste::Level;
/// use wizard::plan::Field;
/// use wizard::wording::zh::doctor::finding;
/// let f = Finding { field: Field::Gateway, level: Level::Warning, kind: FindingKind::NoDefaultRoute };
/// assert_eq!(finding(&f), "实例的 main 路由表中没有默认路由。");
/// ```
pub fn finding(f: &Finding) -> String {
    use FindingKind::*;
    match &f.kind {
        Stack { stack, interface, method: Some(m), .. } => format!(
            "诊断脚本发现 {interface} 由 {} 管理：请使用 {} 方式。",
            stack_label(*stack),
            method_label(Locale::Zh, *m)
        ),
        Stack { stack, interface, method: None, os } => format!(
            "诊断脚本发现 {interface} 由 {} 管理，但这里没有适用于 {} 上该网络栈的配置方式：操作系统选对了吗？",
            stack_label(*stack),
            os.map_or_else(|| "所选操作系统".to_owned(), |o| os_label(Locale::Zh, o))
        ),
        NoStack { interface } => format!(
            "没有任何配置持久地管理 {interface}（只有 DHCP 客户端，或是手动添加的地址）：使用写入文件的配置方式，辅助私网 IP 在重启后仍会保留。"
        ),
        CloudInitManages { file } => format!(
            "cloud-init 每次启动都会写入网络配置（{}）：“保留 DHCP”会在它旁边另加一个自己的文件；“全部静态”会先关闭 cloud-init 的网络配置。",
            file.as_deref().unwrap_or("诊断脚本没有找到是哪个文件")
        ),
        CloudInitNetworkOff => "这里已关闭 cloud-init 的网络配置：现在配置该接口的文件就是需要保留的文件，之后再绑定的弹性网卡在您自行配置之前不会被配置。".to_owned(),
        NmCloudSetupAliyun { interface } => format!(
            "nm-cloud-setup 已启用，并使用 Aliyun 提供方：它会根据元数据服务器自行添加和删除 {interface} 的辅助私网 IP。要么使用它（配置方式“{}”）而不做其他配置，要么在配置之前禁用它。",
            crate::wording::zh::ui::method_label(crate::catalog::Method::NmCloudSetup)
        ),
        NmCloudSetupCompetes { method, interface } => format!(
            "诊断脚本发现 nm-cloud-setup 已启用并使用 Aliyun 提供方：它会自行添加和删除 {interface} 的辅助私网 IP，与 {} 的配置相冲突。请改用配置方式“{}”，或先禁用 nm-cloud-setup（见下方命令）。",
            crate::wording::zh::ui::method_label(*method),
            crate::wording::zh::ui::method_label(crate::catalog::Method::NmCloudSetup)
        ),
        NmCloudSetupOn => "nm-cloud-setup 已启用，但未使用 Aliyun 提供方：它目前在阿里云上不起作用，但一旦设置了 NM_CLOUD_SETUP_ALIYUN=yes，它就会管理辅助私网 IP。".to_owned(),
        CloudNetconfig { interface } => format!(
            "SUSE 的 cloud-netconfig 管理着 {interface} 的地址：它可能会删除配置文件添加的辅助私网 IP。请让它不再管理该接口。"
        ),
        MetadataUnread => "诊断脚本无法读取元数据服务器：这里的辅助私网 IP 是接口上现有的地址，不一定是云上分配给这块弹性网卡的地址。请在控制台中核对。".to_owned(),
        NotInCloud { interface, addresses } => format!(
            "{} 在 {interface} 上，但在云上并未分配给这块弹性网卡，因此专有网络 VPC 会丢弃它们的流量。请分配它们（“在云上分配地址”步骤）并在这里添加，或者不再保留它们：脚本会删除表单中未列出的地址（使用 --replace 时）。",
            list(addresses)
        ),
        NotOnInterface { interface, addresses } => format!(
            "{}：已在云上分配，但还没有添加到 {interface}。下面的配置会添加它们。",
            list(addresses)
        ),
        DynamicSecondaries { addresses } => format!(
            "{}：带有有效期（来自 DHCP），租约到期后就会消失。接口上是否还运行着第二个 DHCP 客户端？",
            list(addresses)
        ),
        NoSkipAsSource { alias, addresses } => format!(
            "{}：在 {alias} 上没有设置 SkipAsSource，Windows 可能把它们用作出方向流量的源地址（阿里云网络常见问题：这可能导致网络不通）。下面的配置会设置它；这些命令为已有的地址设置它。",
            list(addresses)
        ),
        SeveralDefaultRoutes { routes } => format!(
            "main 路由表中有 {} 条默认路由（{}）：只有跃点数最小的那条生效，而第二条（通常属于辅助弹性网卡）会让回包从错误的接口发出，专有网络 VPC 会丢弃这些包。",
            routes.len(),
            routes.iter().map(route).collect::<Vec<_>>().join("；")
        ),
        NoDefaultRoute => "实例的 main 路由表中没有默认路由。".to_owned(),
        RouteNotGateway { route: r, gateway } => format!(
            "正在使用的默认路由（{}）没有经过表单中的网关 {gateway}。",
            route(r)
        ),
        Rules { rules } => format!(
            "除内核自带的规则外，还有以下策略路由规则：{}。它们可能来自辅助弹性网卡的路由表、nm-cloud-setup 的规则或手动添加的规则；辅助弹性网卡方式会在它们旁边添加自己的规则。",
            rules.join("；")
        ),
        RpFilterStrict { interface, value } => format!(
            "{interface} 的反向路径过滤为严格模式（rp_filter = {value}）：没有自己的路由表时，辅助弹性网卡的回包会被丢弃。辅助弹性网卡方式会把它设为宽松模式（2）。"
        ),
        BadValue { param, value } => {
            format!("诊断脚本的链接中有本页面无法读取的值：{param}={value}。")
        }
    }
}
