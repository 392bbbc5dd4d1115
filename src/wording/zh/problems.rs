//! Every problem as the page shows it in Simplified Chinese: one full
//! sentence ending in "。", the values as typed (in “ ” quotes, never
//! re-cased), and Alibaba Cloud's own console terms (交换机, 弹性网卡,
//! 主私网 IP, 辅助私网 IP, 实例规格; see `src/wording/glossary.tsv`).

use std::fmt::Write as _;

use crate::net::AddrError;
use crate::net6::{Addr6Error, Cidr6Error, PrefixError};
use crate::plan::address::Role;
use crate::plan::cloud::{Reserved, SpecialUse};
use crate::plan::problem::{IfNameError, NoDnsReason, ProblemKind};
use crate::plan::{CloudProfile, LimitSource};

/// The sentence for one problem.
///
/// ```
/// use wizard::plan::ProblemKind;
/// use wizard::wording::zh::problems::sentence;
/// assert_eq!(sentence(&ProblemKind::NoSecondaries), "请至少添加一个辅助私网 IP（或一个要添加的 IPv6 地址）。");
/// ```
pub fn sentence(kind: &ProblemKind) -> String {
    use ProblemKind::*;
    match kind {
        Required => "必填。".to_owned(),
        UnknownChoice { value, valid } => {
            format!("未知的值“{value}”：请从 {} 中选择。", valid.join(", "))
        }
        InvalidAddress { value, error } => {
            format!("“{value}”不是 IPv4 地址：{}。", addr_error(*error))
        }
        InvalidMask { value } => format!(
            "“{value}”不是有效的掩码：请使用 0 到 32 的前缀长度，或 255.255.255.0 这样连续的掩码。"
        ),
        InvalidCidr { value } => format!(
            "“{value}”不是网段或掩码：请写成 192.168.1.0/24、255.255.255.0 或 /24 的形式。"
        ),
        MaskNeedsPrimary { value } => format!(
            "“{value}”只是掩码：请填写有效的主私网 IP 以推算网段，或直接填写 CIDR 网段。"
        ),
        PrefixOutOfRange { prefix, min, max, cloud } => format!(
            "不允许使用 /{prefix}：{}{}的掩码范围是 /{min} 到 /{max}。",
            cloud_name(*cloud),
            subnet_word(*cloud)
        ),
        HostBitsSet { value, network } => {
            format!("“{value}”的主机位不为零：它表示网段 {network}。")
        }
        ForbiddenRange { network, range } => format!(
            "{network} 位于 {}/{}（{}）内，{}不能使用这个网段。",
            range.network,
            range.prefix,
            special_use(range.purpose),
            subnet_word(CloudProfile::Alibaba)
        ),
        OutsideSubnet { value, subnet } => format!("{value} 不在交换机网段 {subnet} 内。"),
        ReservedAddress { value, which, cloud } => {
            let word = subnet_word(*cloud);
            match which {
                Reserved::Network => format!("{value} 是{word}网段的网络地址。"),
                Reserved::Broadcast => format!("{value} 是{word}网段的广播地址。"),
                Reserved::Front(_) | Reserved::Back(_) => format!(
                    "{value} 由{}保留（{word}网段的{}）。",
                    cloud_name(*cloud),
                    place(*which)
                ),
            }
        }
        UnusualGateway { value, usual, cloud } => format!(
            "{value} 不是{}通常使用的网关 {usual}：请在实例上用 `ip route` 确认。",
            cloud_name(*cloud)
        ),
        IsGateway { value } => format!("{value} 是网关地址：请为弹性网卡使用它自己的地址。"),
        Duplicate { value, other } => format!("{value} 已被用作{}。", role(*other)),
        NoSecondaries => "请至少添加一个辅助私网 IP（或一个要添加的 IPv6 地址）。".to_owned(),
        TooMany { count, limit, source } => format!(
            "{count} 个地址（含主私网 IP）超出了{}。",
            limit_source(source.as_ref(), *limit)
        ),
        UnknownInstanceType { value, suggestions } => {
            let mut s = format!("未知的实例规格“{value}”");
            if suggestions.is_empty() {
                s.push_str("：请改为填写单网卡私网 IP 上限。");
            } else {
                let _ = write!(s, "：您要找的可能是 {}。", suggestions.join(", "));
            }
            s
        }
        InvalidLimit { value, min, max } => {
            format!("“{value}”不是有效的单网卡上限：请填写 {min} 到 {max} 之间的整数。")
        }
        LimitUnknown => {
            "请选择实例规格或填写它的单网卡私网 IP 上限，以便检查地址数量。".to_owned()
        }
        InvalidInterface { value, reason } => {
            format!("“{value}”不是有效的网络接口名：{}。", if_name_error(*reason))
        }
        // Debug quoting, so the control character shows as an escape (\t, \n).
        ControlCharacter { value } => format!("{value:?} 包含控制字符：请删除。"),
        InvalidMac { value } => format!(
            "“{value}”不是 MAC 地址：请写成 00:16:3e:12:34:56 这样的六组十六进制数。"
        ),
        AvailableBeyondGuide { count, guide, api } => format!("{count} 个地址（含主私网 IP）位于状态为“可用”的弹性网卡上：官方文档允许 {guide} 个，当前 AssignPrivateIpAddresses 接口文档允许最多 {api} 个。如果调用被拒绝，请先将弹性网卡绑定到实例（已绑定后按实例规格的上限计算）。"),
        TooManyDns { count, max } => {
            format!("填写了 {count} 个 DNS 服务器：最多只会使用 {max} 个。")
        }
        InvalidRegion { value } => {
            format!("“{value}”不是地域 ID：请写成 cn-hangzhou 或 ap-southeast-1 的形式。")
        }
        InvalidEniId { value } => {
            format!("“{value}”不是弹性网卡 ID：它以 eni- 开头，后面是字母和数字。")
        }
        InvalidInstanceId { value } => format!(
            "“{value}”不是实例 ID：它以 i- 开头，后面是小写字母和数字，例如 i-bp1a2b3c4d5e6f7g8h9i。"
        ),
        PrimaryEniAvailable => "主网卡始终绑定在实例上，状态总是已绑定（InUse）：请选择已绑定，或改选辅助弹性网卡。".to_owned(),
        TableNeeded { interface } => format!(
            "“{interface}”没有可用来推算路由表的设备编号（eth1 对应路由表 1001）：请填写路由表，取值为 1 到 2147483647，252 到 255 除外。"
        ),
        InvalidTable { value } => format!(
            "“{value}”不是本工具可用的路由表：请填写 1 到 2147483647 之间的整数，252 到 255（内核自用）除外，例如 1001。"
        ),
        TableIgnored => "主网卡使用 main 路由表：这里的路由表只用于辅助弹性网卡。".to_owned(),
        StaticSecondaryEniUnsupported { os } => format!(
            "{} 上的辅助弹性网卡不支持静态模式：它的配置段与主网卡共用 /etc/network/interfaces，而 ifupdown-ng 无法通过本工具的文件关闭它的 DHCP。请选择保留 DHCP 模式：辅助私网 IP 会加到它的 DHCP 配置段中。",
            super::ui::os_label(*os)
        ),
        SecondaryOnFirstInterface { interface } => format!(
            "“{interface}”通常是主网卡：请用 `ip -br link` 查看哪个接口的 MAC 地址属于辅助弹性网卡（eth1、eth2……）。"
        ),
        NoDns { suggested, reason } => {
            let list: Vec<String> = suggested.iter().map(|a| a.to_string()).collect();
            format!(
                "未填写 DNS 服务器：{}；阿里云的 DNS 服务器是 {}。",
                no_dns(*reason),
                list.join(" 和 ")
            )
        }
        DuplicateDns { value } => format!("{value} 在 DNS 服务器中重复填写了。"),
        LimitDiffers { typed, catalog, instance_type } => format!(
            "填写的上限 {typed} 与目录中 {instance_type} 的上限 {catalog} 不同：将使用填写的上限。"
        ),
        InvalidCidr6 { value, error } => {
            format!("“{value}”不是 IPv6 网段：{}。", cidr6_error(*error))
        }
        Ipv6PrefixNotVswitch { prefix, vswitch, vpc, cloud } if prefix == vpc => format!(
            "/{prefix} 是专有网络 VPC 的 IPv6 网段：每个{}使用其中的一个 /{vswitch}。请复制{}自己的 IPv6 网段（专有网络 VPC 控制台 > 交换机）。",
            subnet_word(*cloud),
            subnet_word(*cloud)
        ),
        Ipv6PrefixNotVswitch { prefix, vswitch, cloud, .. } => format!(
            "/{prefix} 不是{}的 IPv6 网段：{}{}的 IPv6 网段都是 /{vswitch}。",
            subnet_word(*cloud),
            cloud_name(*cloud),
            subnet_word(*cloud)
        ),
        HostBitsSet6 { value, network } => format!(
            "“{value}”的主机位不为零：交换机的 IPv6 网段是 {network}，请填写它。"
        ),
        InvalidAddress6 { value, error } => {
            format!("“{value}”不是 IPv6 地址：{}。", addr6_error(*error))
        }
        OutsideSubnet6 { value, subnet } => {
            format!("{value} 不在交换机的 IPv6 网段 {subnet} 内。")
        }
        ReservedAddress6 { value, which: Reserved::Network, cloud } => format!(
            "{value} 是{}IPv6 网段的子网路由器任播地址（第一个地址），由{}保留。",
            subnet_word(*cloud),
            cloud_name(*cloud)
        ),
        ReservedAddress6 { value, which, cloud } => format!(
            "{value} 由{}保留（{}IPv6 网段的{}）。",
            cloud_name(*cloud),
            subnet_word(*cloud),
            place(crate::wording::last_is_back_1(*which))
        ),
        Ipv6IsPrimary { value } => format!("{value} 已经是这块弹性网卡自己的 IPv6 地址。"),
        DuplicateIpv6 { value } => format!("{value} 在 IPv6 地址中出现了两次。"),
        Ipv6NeedsCidr => "请同时填写交换机的 IPv6 网段：IPv6 地址要按它检查。".to_owned(),
        TooManyIpv6 { count, limit, source } => format!(
            "{count} 个 IPv6 地址（含弹性网卡自己的）超出了{}。",
            ipv6_limit_source(source, *limit)
        ),
        Ipv6PerCall { count, max } => format!(
            "要添加 {count} 个 IPv6 地址：`AssignIpv6Addresses` 每次调用最多分配 {max} 个，请每次最多添加 {max} 个。"
        ),
    }
}

/// Why a string is not an IPv4 address (a clause, no full stop).
fn addr_error(e: AddrError) -> String {
    match e {
        AddrError::Empty => "内容为空".to_owned(),
        AddrError::PartCount(n) => {
            format!("它有 {n} 段，而 IPv4 地址有 4 段，例如 192.168.1.10")
        }
        AddrError::EmptyOctet => "两个点之间有一段是空的".to_owned(),
        AddrError::NotDecimal => "只能使用数字 0-9 和点，不能有空格".to_owned(),
        AddrError::LeadingZero => "有一段以 0 开头，很多工具会把它当作八进制".to_owned(),
        AddrError::OctetTooLarge => "每一段必须在 0 到 255 之间".to_owned(),
    }
}

/// What is wrong with an interface name (a clause).
fn if_name_error(e: IfNameError) -> String {
    match e {
        IfNameError::TooLong { max } => format!("最多 {max} 个字节"),
        IfNameError::Whitespace => "请去掉空白字符".to_owned(),
        IfNameError::Control => "请去掉控制字符".to_owned(),
        IfNameError::Slash => "不能包含“/”".to_owned(),
        IfNameError::Colon => {
            "不能包含“:”：eth0:0 这样的别名标签由本工具生成，请填写设备名（eth0）".to_owned()
        }
        IfNameError::Dots => "“.”和“..”不是接口名".to_owned(),
        IfNameError::Charset => {
            "请使用 `ip link` 显示的名称：字母、数字、“-”“_”“.”和“@”".to_owned()
        }
        IfNameError::NotLetterFirst => "设备名以字母开头，例如 eth0 或 ens5".to_owned(),
    }
}

/// Why the configuration needs DNS servers (a clause).
fn no_dns(reason: NoDnsReason) -> &'static str {
    match reason {
        NoDnsReason::Windows => "添加静态地址后 Windows 会关闭 DHCP，因此需要静态设置 DNS 服务器",
        NoDnsReason::Static => "没有 DNS 服务器的静态配置会失去域名解析",
    }
}

/// Why a string is not an IPv6 address (a clause).
fn addr6_error(e: Addr6Error) -> String {
    use Addr6Error as E;
    match e {
        E::Empty => "它是空的".to_owned(),
        E::Whitespace => "请删除其中的空白字符".to_owned(),
        E::Brackets => "请只写地址本身，不要 [ ] 或端口".to_owned(),
        E::ZoneId => "区域 ID（%eth0）只表示本地链路，不能用在弹性网卡的地址中，请删除它".to_owned(),
        E::Prefix => "请写不带 /前缀 的地址".to_owned(),
        E::InvalidChar(c) => format!("“{c}”不是十六进制数字或“:”"),
        E::Ipv4Address => "这是 IPv4 地址，这一栏要填 IPv6 地址".to_owned(),
        E::Ipv4Embedded => "不接受内嵌 IPv4 的写法（::ffff:192.0.2.1），请把最后两组写成十六进制（::ffff:c000:201）".to_owned(),
        E::SeveralDoubleColons => "“::”只能出现一次".to_owned(),
        E::EmptyGroup => "冒号之间有一组是空的".to_owned(),
        E::GroupTooLong => "有一组超过了四个十六进制数字".to_owned(),
        E::TooFewGroups { groups } => format!("它只有 {groups} 组且没有“::”，地址应有八组"),
        E::TooManyGroups { groups, compressed: true } => {
            format!("它有 {groups} 组和一个“::”，而“::”至少要代表一组")
        }
        E::TooManyGroups { groups, compressed: false } => {
            format!("它有 {groups} 组，地址应有八组")
        }
    }
}

/// Why a string is not an IPv6 CIDR block (a clause).
fn cidr6_error(e: Cidr6Error) -> String {
    match e {
        Cidr6Error::Empty => "它是空的".to_owned(),
        Cidr6Error::Whitespace => "请删除其中的空白字符".to_owned(),
        Cidr6Error::MissingPrefix => "请加上前缀，交换机的网段以 /64 结尾".to_owned(),
        Cidr6Error::Address(e) => format!("“/”前的地址有误：{}", addr6_error(e)),
        Cidr6Error::Prefix(PrefixError::Empty) => "“/”后面没有内容".to_owned(),
        Cidr6Error::Prefix(PrefixError::NotDecimal) => "“/”后的前缀应是 0 到 128 的数字".to_owned(),
        Cidr6Error::Prefix(PrefixError::LeadingZero) => "前缀有前导零".to_owned(),
        Cidr6Error::Prefix(PrefixError::TooLarge) => "前缀大于 128".to_owned(),
        Cidr6Error::HostBitsSet { network } => format!("主机位不为零，它表示 {network}"),
    }
}

/// Whose IPv6 limit it is, after "超出了".
fn ipv6_limit_source(source: &LimitSource, limit: u32) -> String {
    match source {
        LimitSource::Available => format!("可用（Available）状态的弹性网卡的上限 {limit}"),
        LimitSource::InstanceType(t) => format!("{t} 的上限 {limit}（单网卡 IPv6 地址数）"),
        // Not given for IPv6 (the typed limit is IPv4's); worded all the same.
        LimitSource::Typed => format!("为这块弹性网卡填写的上限 {limit}"),
        LimitSource::Unknown => format!("所有实例规格中最大的上限 {limit}"),
    }
}

/// Whose limit it is, after "超出了".
fn limit_source(source: Option<&LimitSource>, limit: u32) -> String {
    match source {
        Some(LimitSource::Available) => format!("可用（Available）状态的弹性网卡的上限 {limit}"),
        Some(LimitSource::InstanceType(t)) => {
            format!("{t} 的上限 {limit}（单网卡私网 IPv4 地址数）")
        }
        Some(LimitSource::Typed) => format!("为这块弹性网卡填写的上限 {limit}"),
        Some(LimitSource::Unknown) => {
            format!("所有实例规格中最大的上限 {limit}（请选择您的实例规格，以检查它自己的上限）")
        }
        None => format!("任何弹性网卡的上限 {limit}（最大的实例规格也只支持 {limit} 个）"),
    }
}

/// Where an address was typed, after "已被用作".
fn role(r: Role) -> String {
    match r {
        Role::Gateway => "网关".to_owned(),
        Role::Primary => "主私网 IP".to_owned(),
        Role::Secondary(i) => format!("辅助私网 IP {}", i + 1),
    }
}

/// Chinese numerals for the reserved places (第二个, 倒数第三个).
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A count as a reader says it: a numeral up to ten, digits after (set
/// apart by spaces, as digits are in Chinese text).
fn numeral(n: u32) -> String {
    n.checked_sub(1)
        .and_then(|i| NUMERALS.get(i as usize))
        .map_or_else(|| format!(" {n} "), |s| (*s).to_owned())
}

/// A reserved address by its place: "第二个地址", "倒数第三个地址".
fn place(which: Reserved) -> String {
    match which {
        Reserved::Network => "第一个地址".to_owned(),
        Reserved::Broadcast => "最后一个地址".to_owned(),
        Reserved::Front(0) | Reserved::Back(0) => "一个保留地址".to_owned(),
        Reserved::Front(n) => format!("第{}个地址", numeral(n)),
        Reserved::Back(n) => format!("倒数第{}个地址", numeral(n)),
    }
}

/// What a forbidden block is for.
fn special_use(purpose: SpecialUse) -> &'static str {
    match purpose {
        SpecialUse::SharedAddressSpace => "共享地址空间",
        SpecialUse::Multicast => "组播地址",
        SpecialUse::Loopback => "环回地址",
        SpecialUse::LinkLocal => "链路本地地址",
    }
}

/// The cloud's name ("阿里云通常使用的网关").
fn cloud_name(cloud: CloudProfile) -> &'static str {
    match cloud {
        CloudProfile::Alibaba => "阿里云",
    }
}

/// What the cloud calls a subnet.
fn subnet_word(cloud: CloudProfile) -> &'static str {
    match cloud {
        CloudProfile::Alibaba => "交换机",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_by_numeral() {
        assert_eq!(place(Reserved::Back(2)), "倒数第二个地址");
        assert_eq!(place(Reserved::Back(10)), "倒数第十个地址");
        assert_eq!(place(Reserved::Back(40)), "倒数第 40 个地址");
        assert_eq!(place(Reserved::Front(4)), "第四个地址");
        assert_eq!(place(Reserved::Front(0)), "一个保留地址");
    }
}
