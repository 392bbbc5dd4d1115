//! The paste panel in Simplified Chinese: its texts, and one sentence per
//! issue of the reader, with the values and the lines they came from. The
//! commands and values stay as they are; the words around them use Alibaba
//! Cloud's console terms (`src/wording/glossary.tsv`).

use crate::paste::{Issue, IssueKind, Lines, Origin, OsEvidence, Pick};
use crate::wording::paste::{PasteMessage, PasteText};
use crate::wording::{field_name as worded_field_name, Locale};

fn field_name(f: crate::plan::Field) -> String {
    worded_field_name(Locale::Zh, f)
}

/// A fixed text.
///
/// ```
/// use wizard::wording::{paste::PasteText, zh::paste::text};
/// assert_eq!(text(PasteText::Apply), "应用到表单");
/// ```
pub fn text(id: PasteText) -> &'static str {
    use PasteText::*;
    match id {
        Title => "粘贴实例上的输出",
        Summary => "ip a、route -n、nmcli、ipconfig /all：表单会自动填好",
        Intro => "请粘贴 `ip a` 和 `route -n` 的输出（或 `ip route`、`nmcli con show`、`networkctl status`、`cat /etc/os-release`；Windows 上是 `ipconfig /all` 或 `Get-NetIPConfiguration`），顺序不限，可以混在一起，带着命令提示符也没关系。向导采用的每个值都会和它所在的行一起显示。",
        Privacy => "文本就在本页面中读取：您粘贴的内容不会离开本页面，也不会被保存。",
        Label => "实例上的输出",
        Read => "读取",
        Clear => "清空",
        ValuesTitle => "找到的值",
        IssuesTitle => "应用之前值得确认一下",
        Apply => "应用到表单",
        Undo => "撤销",
        NoValues => "此文本中没有找到可以填入表单的值。",
        Undone => "表单已恢复到应用之前的状态。",
        UseValue => "使用此值",
    }
}

/// `第 4 行` or `第 4–6 行`.
fn lines(l: Lines) -> String {
    if l.first == l.last {
        format!("第 {} 行", l.first)
    } else {
        format!("第 {}–{} 行", l.first, l.last)
    }
}

/// `route -n 的第 4 行`.
fn at(o: &Origin) -> String {
    format!("{} 的{}", o.tool.command(), lines(o.lines))
}

/// A text with values.
///
/// ```
/// use wizard::paste::{Origin, Tool};
/// use wizard::wording::{paste::PasteMessage, zh::paste::message};
/// let m = PasteMessage::From { origin: Origin::line(Tool::RouteN, 4) };
/// assert_eq!(message(&m), "来自 route -n 的第 4 行");
/// ```
pub fn message(m: &PasteMessage) -> String {
    match m {
        PasteMessage::From { origin } => format!("来自 {}", at(origin)),
        PasteMessage::Applied { fields: 1 } => {
            "表单中有 1 个字段已更改。单击“撤销”可以恢复它。".to_owned()
        }
        PasteMessage::Applied { fields } => {
            format!("表单中有 {fields} 个字段已更改。单击“撤销”可以恢复它们。")
        }
        PasteMessage::AppliedNothing => "表单中已经有所有这些值。".to_owned(),
        PasteMessage::UndoKept { fields } => format!(
            "已恢复，但应用之后您又修改过的字段保持不变：{}。",
            fields.iter().map(|f| field_name(*f)).collect::<Vec<_>>().join("、")
        ),
    }
}

/// The sentence for one issue of the reader.
///
/// ```
/// use wizard::paste::{Issue, IssueKind, Level};
/// use wizard::wording::zh::paste::issue;
/// let i = Issue { level: Level::Note, field: None, kind: IssueKind::NoGateway };
/// assert!(issue(&i).starts_with("这里没有此接口的默认路由"));
/// ```
pub fn issue(i: &Issue) -> String {
    use IssueKind::*;
    match &i.kind {
        NothingRecognised => "此文本中没有任何内容像是向导能读取的工具输出（ip、route、netstat、nmcli、networkctl、os-release、resolv.conf、ipconfig、Get-NetIPAddress、Get-NetIPConfiguration）。".to_owned(),
        Truncated { lines_read } => format!(
            "文本超出了向导读取的长度：只读取了前 {lines_read} 行。"
        ),
        NoInterface => "此文本中除回环接口外，没有任何接口带有 IPv4 地址。".to_owned(),
        NoAddress { interface } => format!(
            "{interface} 在这里没有可用的 IPv4 地址：未取得主私网 IP、网段或辅助私网 IP。"
        ),
        PickNotFound { pick } => {
            let what = match pick {
                Pick::Auto => "所指定的接口".to_owned(),
                Pick::Mac(m) => format!("MAC 地址为 {m} 的接口"),
                Pick::Name(n) => format!("名为 {n} 的接口"),
            };
            format!("这里没有{what}：已按未指定接口时的方式选择接口。")
        }
        InterfaceGuessed { chosen, others } => format!(
            "有多个接口都可能属于这块弹性网卡（{chosen}、{}），而没有默认路由指明是哪一个：已选用 {chosen}。请同时粘贴 ip route，或在“高级”中设置接口。",
            others.join("、")
        ),
        SeveralDefaultRoutes { routes } => format!(
            "共有 {} 条默认路由（{}）：已选用跃点数最小的那条。实例的 main 路由表中只应有一条默认路由；第二条（通常属于辅助弹性网卡）会让回包从错误的接口发出，而专有网络 VPC 会丢弃这些包。",
            routes.len(),
            routes.iter().map(|o| lines(o.lines)).collect::<Vec<_>>().join("、")
        ),
        DefaultRouteElsewhere { dev, origin } => format!(
            "默认路由（{}）经由 {dev} 而不是此接口发出：未取得网关。",
            at(origin)
        ),
        NoGateway => "这里没有此接口的默认路由：未取得网关。请同时粘贴 route -n 或 ip route。".to_owned(),
        GatewayOutsideSubnet { gateway, subnet, origin } => format!(
            "网关 {gateway}（{}）不在主私网 IP 的子网 {subnet} 内。",
            at(origin)
        ),
        OtherSubnet { address, prefix, origin } => format!(
            "{address}{}（{}）不在主私网 IP 的子网内：未将它作为辅助私网 IP。",
            prefix.map(|p| format!("/{p}")).unwrap_or_default(),
            at(origin)
        ),
        DynamicSecondary { address, origin } => format!(
            "{address}（{}）来自 DHCP（它带有有效期）：租约到期后它就会消失。接口上是否还运行着第二个 DHCP 客户端？它仍被作为辅助私网 IP 选用。",
            at(origin)
        ),
        SeveralDynamic { addresses } => format!(
            "有多个地址来自 DHCP（{}）：已将第一个 {} 作为主私网 IP。",
            addresses.iter().map(|a| a.value.to_string()).collect::<Vec<_>>().join("、"),
            addresses.first().map(|a| a.value.to_string()).unwrap_or_default()
        ),
        PrimaryGuessed { chosen } => format!(
            "这里没有信息表明哪个地址是主私网 IP（没有 DHCP 有效期，也没有路由的源地址）：已选用列出的第一个地址 {chosen}。"
        ),
        PrefixUnknown { address } => format!(
            "这里没有显示 {address} 的前缀长度：未取得网段。请同时粘贴 ip addr 或 route -n。"
        ),
        PrefixDiffers { address, prefix, primary_prefix, origin } => format!(
            "{address}/{prefix}（{}）的前缀长度与主私网 IP 的 /{primary_prefix} 不同：弹性网卡的每个地址都使用交换机的前缀长度。",
            at(origin)
        ),
        Disagree { field, kept, other } => format!(
            "两份输出中的{}不一致：已选用 {}（{}）；{} 显示的是 {}。",
            field_name(*field),
            kept.value,
            at(&kept.origin),
            at(&other.origin),
            other.value
        ),
        OsNotInCatalog { evidence, origin } => {
            let named = match evidence {
                OsEvidence::Release { id, version_id } => match version_id {
                    Some(v) => format!("{id} {v}"),
                    None => id.clone(),
                },
                OsEvidence::Caption(c) => c.clone(),
            };
            format!(
                "{named}（{}）不是本向导认识的操作系统：请选择最接近的一个。",
                at(origin)
            )
        }
        WindowsVersionUnknown => "这是 Windows 的输出，但没有哪一行写明了版本：请自行选择，或同时粘贴 systeminfo 的输出。".to_owned(),
        MixedPlatforms { linux, windows } => format!(
            "此文本同时包含 Linux（{}）和 Windows（{}）的输出：两者都来自这台实例吗？",
            at(linux),
            at(windows)
        ),
        NoConnection { interface } => format!(
            "nmcli 的输出中没有在 {interface} 上处于活动状态的连接：未取得连接名称。"
        ),
        LoopbackDns { server, origin } => format!(
            "{server}（{}）是实例自身上的解析器（systemd-resolved 的 stub），不是专有网络 VPC 的 DNS 服务器：已跳过。resolvectl dns 会显示真正的 DNS 服务器。",
            at(origin)
        ),
        TooManyDns { found, kept } => format!(
            "列出了 {found} 个 DNS 服务器，而表单只接受 {kept} 个：已选用前 {kept} 个。"
        ),
    }
}
