//! The page's own texts in Simplified Chinese: labels, hints, buttons,
//! headings, the radio options, the subnet picture's legend and facts, the
//! method tabs and the OS picker's versions. The terms are those of
//! Alibaba Cloud's Chinese console (`src/wording/glossary.tsv`).

use crate::catalog::{Method, Os};
use crate::plan::picture::Mark;
use crate::plan::routing::SourcePolicy;
use crate::plan::{EniKind, EniState, Field, LimitSource, Mode, Style};
use crate::wording::ui::{Choice, Doc, FieldWords, UiMessage, UiText};

/// A fixed text.
///
/// ```
/// use wizard::wording::{zh::ui::text, UiText};
/// assert_eq!(text(UiText::Reset), "重置");
/// ```
pub fn text(id: UiText) -> &'static str {
    use UiText::*;
    match id {
        DocumentTitle => "辅助私网 IP 配置向导：阿里云 ECS 弹性网卡",
        SiteTitle => "辅助私网 IP 配置向导",
        Tagline => "为阿里云 ECS 实例的弹性网卡添加辅助私网 IPv4 和 IPv6 地址：生成经过检查的配置，适用于各种 Linux 网络栈和 Windows。",
        Footer => "完全在您的浏览器中运行：您填写的内容不会离开此页面。链接中保存着表单，可以分享或收藏。",
        Language => "语言",
        DocsTitle => "阿里云文档：",
        FormName => "您的弹性网卡",
        CopyLink => "复制链接",
        LinkCopied => "链接已复制 ✓",
        LoadExample => "载入官方文档的示例",
        Reset => "重置",
        ExampleNote => "这是官方文档中的示例。请换成您自己的值，或单击“重置”从空白表单开始。",
        SectionSystem => "1. 系统",
        SectionAddresses => "2. 地址",
        SectionEni => "3. 弹性网卡（ENI）",
        SectionIpv6 => "IPv6（可选）",
        Ipv6Summary => "交换机的 IPv6 网段、弹性网卡的 IPv6 地址、要添加的 IPv6 地址",
        SectionAdvanced => "高级",
        AdvancedSummary => "接口名、MAC 地址、DNS、写法、地域",
        PictureTitle => "交换机网段",
        Picture6Title => "交换机 IPv6 网段",
        Own6 => "弹性网卡自己的",
        Add6 => "要添加的",
        NotUsable6 => "不可用",
        PrefillTitle => "从实例读取",
        PrefillSummary => "在实例上运行一条命令即可填好此表单",
        PrefillIntro => "请在实例上运行以下任一命令（通过 SSH、Workbench 或云助手）。它会读取实例元数据服务（100.100.100.200：交换机网段、网关、主私网 IP、云上已分配的私网 IP、弹性网卡 ID、地域、实例 ID 和规格、DNS），并输出一个已填好表单的本页面链接；在这里打开该链接即可。不会向任何地方发送数据。",
        PrefillLinuxTitle => "Linux（sh，需要 curl 或 wget）",
        PrefillWindowsTitle => "Windows（PowerShell）",
        PrefillLinuxHintStart => "默认读取主网卡；要读取其他网卡，请在命令末尾加上它的 MAC 地址（例如 ",
        PrefillLinuxHintEnd => "）。",
        PrefillWindowsHintStart => "默认读取主网卡；要读取其他网卡，请在命令开头设置 ",
        PrefillWindowsHintEnd => "。",
        AddAddress => "+ 添加地址",
        SecondaryTools => "粘贴地址列表，或填入空闲地址",
        PasteLabel => "粘贴地址",
        PasteHint => "用逗号、空格或换行分隔。",
        AddPasted => "添加这些地址",
        FillLabel => "要添加的空闲地址数",
        FillFree => "填入空闲地址",
        Remove => "删除",
        MatchingTypes => "匹配的实例规格",
        PictureEmpty => "填写交换机网段后，这里会显示它的地址：哪些是保留地址、哪些已被占用、哪些空闲。",
        Legend => "图例",
        FactNetwork => "网段",
        FactBroadcast => "广播地址",
        FactMask => "掩码",
        FactWildcard => "反掩码",
        FactUsableRange => "可用范围",
        FactUsableCount => "可用地址数",
        FactFree => "剩余空闲",
        FactGateway => "通常使用的网关",
        UsableNone => "无",
        SummaryWarnings => "值得再确认一下",
        SummaryUnknown => "链接中有本页面无法识别的参数",
        OutputsTitle => "配置",
        OutputsEmpty => "修正上面列出的所有问题后，配置会显示在这里。",
        MethodTabs => "配置方式",
        Recommended => "推荐",
        DownloadScript => "下载脚本",
        CopyMarkdown => "复制为 Markdown",
        MarkdownCopied => "Markdown 已复制 ✓",
        MdWarning => "注意：",
        MdLink => "表单：",
        ScriptTitle => "一键脚本",
        AssistantTitle => "或通过云助手运行",
        LaunchTitle => "或在创建时配置：新实例首次启动时自行完成配置",
        AssistantSummary => "RunCommand 和 Terraform，含完整脚本，展开时生成",
        LaunchSummary => "新实例的实例自定义数据、RunInstances 和 Terraform，展开时生成",
        ScriptNote => "在实例上执行上面的所有步骤，逐一检查每个地址，并输出回滚方法。重复运行不会产生任何变化。",
        MissingIdsStart => "请填写",
        MissingIdsAnd => " 和 ",
        MissingIdsUnder => "（在“高级”中），或",
        MissingIdsPrefill => "从实例读取",
        MissingIdsEnd => "：实例元数据中两者都有。",
        MissingRegion => "地域 ID",
        MissingEniId => "弹性网卡 ID",
        Copy => "复制",
        Copied => "已复制",
        CopiedMark => "已复制 ✓",
        CopyFailed => "复制失败",
        Download => "下载",
        ExpectIntro => "输出中应包含：",
        ChoiceLabel(c) => choice_label(c),
        ChoiceHelp(c) => choice_help(c),
        Mark(m) => mark(m),
        Doc(d) => doc_title(d),
    }
}

/// A radio option's label.
fn choice_label(c: Choice) -> &'static str {
    match c {
        Choice::Mode(Mode::KeepDhcp) => "保留 DHCP，只添加辅助私网 IP",
        Choice::Mode(Mode::Static) => "全部静态",
        Choice::EniKind(EniKind::Primary) => "主网卡",
        Choice::EniKind(EniKind::Secondary) => "辅助弹性网卡",
        Choice::EniState(EniState::InUse) => "已绑定（InUse）",
        Choice::EniState(EniState::Available) => "可用（Available）",
        Choice::Style(Style::Safe) => "安全写法",
        Choice::Style(Style::Guide) => "官方文档的写法",
        Choice::Source(SourcePolicy::Any) => "子网内任意地址",
        Choice::Source(SourcePolicy::Primary) => "仅主私网 IP",
    }
}

/// A radio option's explanation.
fn choice_help(c: Choice) -> &'static str {
    match c {
        Choice::Mode(Mode::KeepDhcp) => {
            "主私网 IP 仍由 DHCP 分配，只写入新增的地址。最安全。"
        }
        Choice::Mode(Mode::Static) => {
            "主私网 IP、网关和辅助私网 IP 全部静态写入，与官方文档的做法相同。"
        }
        Choice::EniKind(EniKind::Primary) => "实例的第一块网卡（eth0）。",
        Choice::EniKind(EniKind::Secondary) => "另外一块弹性网卡，需要先绑定到实例。它有自己的路由表，每个地址一条策略路由规则：如果在 main 路由表中再加一条默认路由，所有流量（包括 SSH 和 EIP 的回包）都会从错误的弹性网卡发出，而专有网络 VPC 会丢弃这些包。这样它的地址通过它自己的弹性网卡应答，其余流量仍走 eth0 的路由。",
        Choice::EniState(EniState::InUse) => "已绑定到实例：上限由实例规格决定。",
        Choice::EniState(EniState::Available) => "未绑定：最多 10 个私网 IP。",
        Choice::Style(Style::Safe) => "使用 cloud-init 不会改动的独立文件，采用新式语法。",
        Choice::Style(Style::Guide) => "使用官方文档中的文件和语法，与文档原文一致。",
        Choice::Source(SourcePolicy::Any) => "辅助私网 IP 使用子网的前缀长度，与官方文档相同。在保留 DHCP 模式下，新建的子网内连接可能以辅助私网 IP 作为源地址。",
        Choice::Source(SourcePolicy::Primary) => "辅助私网 IP 以 /32 添加：它们仍然可以应答，但新建的连接总是从主私网 IP 发出（适用于源 IP 白名单、许可证校验等）。",
    }
}

/// A mark of the subnet picture.
fn mark(m: Mark) -> &'static str {
    match m {
        Mark::Network => "网络地址",
        Mark::Reserved => "阿里云保留",
        Mark::Broadcast => "广播地址",
        Mark::Gateway => "网关",
        Mark::Primary => "主私网 IP",
        Mark::Secondary => "辅助私网 IP",
        Mark::Conflict => "冲突",
        Mark::Free => "空闲",
    }
}

/// A documentation link's text.
fn doc_title(d: Doc) -> &'static str {
    match d {
        Doc::SecondaryIps => "辅助私网 IP",
        Doc::Eni => "创建并使用弹性网卡",
    }
}

/// The Chinese documentation's address of a page.
pub fn doc_url(d: Doc) -> &'static str {
    match d {
        Doc::SecondaryIps => {
            "https://help.aliyun.com/zh/ecs/user-guide/unassign-secondary-private-ip-addresses"
        }
        Doc::Eni => "https://help.aliyun.com/zh/ecs/user-guide/create-an-eni",
    }
}

/// A method's tab label: the program's own name, the words around it in Chinese.
pub fn method_label(m: Method) -> &'static str {
    match m {
        Method::Nmcli => "nmcli",
        Method::Keyfile => "NetworkManager keyfile",
        Method::Ifcfg => "ifcfg（IPADDRn）",
        Method::IfcfgAlias => "ifcfg 别名文件",
        Method::NetplanLegacy => "netplan（gateway4）",
        Method::Netplan => "netplan",
        Method::Ifupdown => "ifupdown",
        Method::Wicked => "wicked ifcfg",
        Method::Networkd => "systemd-networkd",
        Method::IfupdownNg => "ifupdown-ng",
        Method::NmCloudSetup => "nm-cloud-setup（Aliyun）",
        Method::Runtime => "ip addr（重启后失效）",
        Method::PowerShell => "PowerShell",
        Method::Netsh => "netsh",
    }
}

/// An operating system as the picker names it: the family's own name and
/// the version, in Chinese where it is words ("Fedora 33 及更高版本").
pub fn os_label(os: Os) -> String {
    let version = match os {
        Os::Fedora => "33 及更高版本",
        Os::Alpine | Os::Arch => "最新版",
        other => other.version(),
    };
    format!("{} {version}", os.family().label())
}

/// Every field's words, in one table.
pub const fn words(field: Field) -> FieldWords {
    const fn w(
        name: &'static str,
        label: Option<&'static str>,
        hint: Option<&'static str>,
    ) -> FieldWords {
        FieldWords::new(name, label, hint)
    }
    match field {
        Field::Cloud => w("云平台", None, None),
        Field::Os => w("操作系统", None, None),
        Field::Mode => w("模式", None, None),
        Field::Style => w("写法", None, None),
        Field::EniKind => w("哪块弹性网卡", None, None),
        Field::EniState => w("弹性网卡状态", None, None),
        Field::RouteTable => w(
            "路由表",
            Some("这块弹性网卡的路由表（仅辅助弹性网卡）"),
            Some("留空则为 1000 + 接口编号（eth1：1001），与阿里云官方文档中的弹性网卡路由配置一致；只有当该路由表已被占用时（`ip rule show`），才需要填写其他编号。"),
        ),
        Field::Source => w("源地址", None, None),
        Field::InstanceType => w(
            "实例规格",
            None,
            Some("决定这块弹性网卡最多能有多少个地址。输入几个字母（g7、c6、r7……），然后从列表中选择。"),
        ),
        Field::Limit => w(
            "单网卡私网 IP 上限",
            Some("单网卡私网 IP 上限（仅当实例规格不在列表中时填写）"),
            Some("见实例规格族文档或 DescribeInstanceTypes（EniPrivateIpAddressQuantity），包含主私网 IP。"),
        ),
        Field::Interface => w(
            "Linux 网络接口名",
            None,
            Some("在实例上运行 `ip a`：eth0、ens5……"),
        ),
        Field::WindowsAlias => w(
            "Windows 网络接口别名",
            None,
            Some("运行 `ipconfig /all`（或 `Get-NetAdapter`）：英文版 Windows 中是 Ethernet、Ethernet 2……，中文版 Windows 中是“以太网”“以太网 2”……"),
        ),
        Field::Connection => w(
            "NetworkManager 连接名称",
            None,
            Some("运行 `nmcli con show`：System eth0、cloud-init eth0、Wired connection 1……"),
        ),
        Field::Mac => w(
            "MAC 地址",
            Some("MAC 地址（可选）"),
            Some("`ip link` 或控制台的弹性网卡详情中可以看到；把配置与这块弹性网卡绑定在一起。"),
        ),
        Field::Cidr => w(
            "交换机网段",
            Some("交换机网段或掩码"),
            Some("在专有网络 VPC 控制台 > 交换机中查看 IPv4 网段一列（例如 192.168.1.0/24）。也可以只填掩码（255.255.255.0 或 /24），配合主私网 IP 使用。"),
        ),
        Field::Gateway => w(
            "网关",
            None,
            Some("知道网段后，会自动填入阿里云通常使用的网关（倒数第三个地址）；请在实例上用 `ip route` 确认。"),
        ),
        Field::Primary => w(
            "主私网 IP",
            None,
            Some("弹性网卡当前的私网 IP：Linux 上运行 `ip -4 addr`，Windows 上运行 `ipconfig`。"),
        ),
        Field::Secondaries => w(
            "辅助私网 IP",
            Some("辅助私网 IP"),
            Some("要添加到弹性网卡的地址。它们必须位于交换机网段内，并且尚未被占用。"),
        ),
        // Followed by the row's number.
        Field::Secondary(_) => w("辅助私网 IP", None, None),
        Field::Cidr6 => w(
            "交换机 IPv6 网段",
            Some("交换机 IPv6 网段（可选）"),
            Some("在专有网络 VPC 控制台 > 交换机中查看 IPv6 网段一列（/64，不是专有网络 VPC 的 /56）。不使用 IPv6 时，IPv6 各栏留空。"),
        ),
        Field::Primary6 => w(
            "弹性网卡 IPv6 地址",
            Some("弹性网卡自己的 IPv6 地址（可选）"),
            Some("弹性网卡已有的 IPv6 地址：Linux 上运行 `ip -6 addr`，Windows 上运行 `ipconfig`。"),
        ),
        Field::Secondaries6 => w(
            "要添加的 IPv6 地址",
            Some("要添加的 IPv6 地址（可选）"),
            Some("用逗号或空格分隔；每个地址都必须位于交换机的 IPv6 网段内，每次 `AssignIpv6Addresses` 调用最多分配 10 个。"),
        ),
        Field::Dns => w(
            "DNS 服务器",
            Some("DNS 服务器（可选）"),
            Some("用逗号或空格分隔；查看 `cat /etc/resolv.conf` 或 `ipconfig /all`。"),
        ),
        Field::Region => w(
            "地域 ID",
            Some("地域 ID（可选）"),
            Some("用于云上的命令：cn-hangzhou、ap-southeast-1……"),
        ),
        Field::EniId => w(
            "弹性网卡 ID",
            Some("弹性网卡 ID（可选）"),
            Some("在控制台的弹性网卡列表中查看：eni-…"),
        ),
        Field::InstanceId => w(
            "实例 ID",
            Some("实例 ID（可选）"),
            Some("用于云助手命令，它们在实例上运行脚本：i-…"),
        ),
    }
}

/// A text with values.
///
/// ```
/// use wizard::wording::{zh::ui::message, UiMessage};
/// assert_eq!(message(&UiMessage::RemoveRow { row: 1 }), "删除辅助私网 IP 2");
/// ```
pub fn message(m: &UiMessage) -> String {
    match m {
        UiMessage::Limit { per_eni, source, used, remaining } => {
            let whose = match source {
                LimitSource::Available => "可用（Available）状态的弹性网卡，单网卡".to_owned(),
                LimitSource::InstanceType(name) => format!("{name} 单网卡"),
                LimitSource::Typed => "按您填写的上限，单网卡".to_owned(),
                LimitSource::Unknown => "按所有实例规格中最大的上限，单网卡".to_owned(),
            };
            let start = format!(
                "上限：{whose}最多 {per_eni} 个私网 IP（含主私网 IP）。本方案使用 {used} 个："
            );
            if *remaining >= 0 {
                format!("{start}还能再添加 {remaining} 个。")
            } else {
                format!("{start}超出了 {} 个。", remaining.unsigned_abs())
            }
        }
        UiMessage::TypeLimit { per_eni } => format!("单网卡 {per_eni} 个 IP"),
        UiMessage::RemoveRow { row } => {
            format!("删除{}", words(Field::Secondary(*row)).name_of(Field::Secondary(*row)))
        }
        UiMessage::Outside { addresses } => {
            format!("不在此范围内（未画出）：{}。", addresses.join("、"))
        }
        UiMessage::RangeMap { size, marked } => {
            format!("交换机网段 {size} 个地址的示意图：已标记 {marked} 个，其余空闲。")
        }
        UiMessage::MarkTitle { addr, mark: m } => format!("{addr}：{}", mark(*m)),
        UiMessage::Block6 { block, usable } => format!("{block}：弹性网卡可以使用其中 {} 个地址（除第一个和最后 9 个以外）。/64 太大，无法逐个画出：每个地址按它离开头或结尾有多远、或位于网段的多少处标出。", crate::wording::grouped(*usable)),
        UiMessage::Place6 { place } => match place {
            crate::net6::Place::Start { offset } => format!("距开头 {offset} 个"),
            crate::net6::Place::End { from_end: 0 } => "最后一个地址".to_owned(),
            crate::net6::Place::End { from_end } => format!("最后一个地址之前 {from_end} 个"),
            crate::net6::Place::Along { permille } => {
                format!("约在 {}.{}% 处", permille / 10, permille % 10)
            }
        },
        UiMessage::Range { first, last } => format!("{first} – {last}"),
        UiMessage::ProblemCount { count } => {
            format!("还有 {count} 个问题需要修正，之后才能复制配置")
        }
        UiMessage::UnknownParameter { name } => {
            format!("无法识别的链接参数“{name}”：已忽略。")
        }
        UiMessage::FileMode { mode } => format!("权限 {mode:04o}"),
        UiMessage::RunbookTitle { os, method } => format!("辅助私网 IP：{os}，{method}"),
        UiMessage::FileAt { path, mode } => format!("文件 `{path}`，权限 {mode:04o}"),
    }
}
