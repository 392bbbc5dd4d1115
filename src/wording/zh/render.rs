//! Simplified Chinese for the renderings' notes and headings. Commands,
//! file names, keys and values stay as they are (in backticks where a
//! reader types them); the words around them use Alibaba Cloud's console
//! terms (`src/wording/glossary.tsv`).

use crate::plan::EniKind;
use crate::plan::{EniState, LimitSource};
use crate::wording::render::{sub_list, MissingIds, NoteText, TitleText};

/// The heading, in Chinese.
pub fn title(t: &TitleText) -> String {
    use TitleText::*;
    match t {
        CheckAddressesAndRoute => "检查地址和默认路由".into(),
        AllInOneScript => "一键脚本".into(),
        StopCloudInit => "禁止 cloud-init 改写网络配置".into(),
        AddUntilReboot => "添加地址（重启前有效）".into(),
        NothingToApply => "无需额外操作".into(),
        RemoveSecondaryAddresses => "删除辅助私网 IP".into(),
        SeeHowCloudInitConfigured => "查看 cloud-init 如何配置了该接口".into(),
        TheSecondaryAddresses => "辅助私网 IP 配置".into(),
        TheStaticConfiguration => "静态配置".into(),
        CheckAndApply => "检查并生效".into(),
        ConfigurationWithoutSecondaries => "不含辅助私网 IP 的配置".into(),
        ApplyItAndRemove => "使其生效并删除地址".into(),
        FindNetworkFile => "找到配置该接口的 .network 文件".into(),
        DropinWithSecondaries => "包含辅助私网 IP 的 drop-in 文件".into(),
        StaticNetworkFile => "静态 .network 文件".into(),
        ReloadReconfigures => "重新加载：networkd 会重新配置文件有变化的接口".into(),
        RemoveDropinAndAddresses => "删除 drop-in 文件和地址".into(),
        NetworkFileWithoutSecondaries => "不含辅助私网 IP 的 .network 文件".into(),
        FindConnectionName => "找到连接名称".into(),
        ChangeProfile => "修改连接配置".into(),
        ActivateProfile => "激活连接配置".into(),
        RemoveSecondariesFromProfile => "从连接配置中删除辅助私网 IP".into(),
        ConnectionProfile => "连接配置文件".into(),
        LoadAndActivateProfile => "加载并激活连接配置".into(),
        ProfileWithoutSecondaries => "不含辅助私网 IP 的连接配置".into(),
        LoadAndActivateIt => "加载并激活".into(),
        CreateIfMissing { path } => format!("仅当 {path} 不存在时：创建它"),
        Replace { path } => format!("替换 {path}"),
        Create { path } => format!("创建 {path}"),
        NmRereadAndReactivate => "让 NetworkManager 重新读取文件并重新激活连接".into(),
        BringUpNewAliases => "只启用新的别名".into(),
        OrRestartNetworkGuide => "或者重启网络（官方文档中的命令）".into(),
        RestartNetworkGuide => "重启网络（官方文档中的命令）".into(),
        RemoveFromOs => "从操作系统中删除辅助私网 IP（在云上取消分配之前）".into(),
        KeepOriginals => "备份将要修改的文件（只备份一次：备份的是第一次修改之前的内容）".into(),
        PutBackOriginals => "把每个文件恢复为第一次修改之前的样子".into(),
        ApplyPutBack => {
            "让恢复的配置生效，并从操作系统中删除辅助私网 IP（在云上取消分配之前）".into()
        }
        BeforePutBack => "先执行（此时配置中还列有这些地址）".into(),
        MoveCloudInitStanza => "移走 cloud-init 的 DHCP 配置段（否则它会再配置一次该接口）".into(),
        BringUpEachAlias => "逐个启用别名".into(),
        RestartNetwork => "重启网络".into(),
        OrRestartNetwork => "或者重启网络".into(),
        SetDnsNoDhcp => "设置 DNS 服务器（不再有 DHCP 客户端写入）".into(),
        AddAddressesNow => "立即添加地址（重启后由配置文件保持）".into(),
        ReplaceRoutes { path } => format!("替换 {path}（默认路由）"),
        SetDnsServers => "设置 DNS 服务器".into(),
        ApplyNewConfiguration => "使新配置生效".into(),
        WindowsPrimaryThenSecondaries => "先静态设置主私网 IP，再添加辅助私网 IP".into(),
        RestartAdapterIfMissing => "仅当有地址没有出现时：重启网络适配器".into(),
        RemoveFromWindows => "从 Windows 中删除辅助私网 IP（在云上取消分配之前）".into(),
        AllInOnePowerShell => "一键 PowerShell 脚本".into(),
        CheckAddressesAndGateway => "检查地址和默认网关".into(),
        AllInOneBatch => "一键批处理文件（.cmd）".into(),
        NotAvailableForAlias => "此接口别名不可用".into(),
        InEcsConsole => "在 ECS 控制台中".into(),
        WithAliyunCli => "使用 aliyun CLI".into(),
        ApiParameters { action } => format!("API 参数（{action}）"),
        WithTerraform => "使用 Terraform".into(),
        UnassignWithAliyun => "使用 aliyun CLI 在云上取消分配".into(),
        UnassignInConsole => "在 ECS 控制台中取消分配".into(),
        NetshFirstTime => {
            "仅限第一次（DHCP 改为静态）：主私网 IP、网关和 DNS（以管理员身份运行命令提示符）"
                .into()
        }
        NetshAddSecondaries => "添加辅助私网 IP".into(),
        NotAvailableWithoutDns => "未填写 DNS 服务器时不可用".into(),
        CheckAddresses => "检查地址".into(),
        CheckEniRouting => "检查弹性网卡的路由：策略路由规则、路由表，以及每个地址的出口".into(),
        CheckIpv6Addresses => "检查 IPv6 地址和 IPv6 默认路由".into(),
        LooseRpFilter => "在此接口上使用宽松的反向路径过滤".into(),
        LoadSysctl => "立即加载".into(),
        EniTable { table } => format!("弹性网卡自己的路由表 {table}：子网路由和默认路由"),
        EniTable6 { table } => {
            format!("路由表 {table} 中的 IPv6 路由：路由器通告给出的默认路由和 IPv6 网段")
        }
        EniRules => "每个地址一条源地址规则：回包从这块弹性网卡发出".into(),
        NoMainDefault => "main 路由表中没有经过这块弹性网卡的默认路由".into(),
        CloudSetupLook => "查看 NetworkManager 版本以及是否已安装 nm-cloud-setup".into(),
        InstallCloudSetup => "如未安装，安装 nm-cloud-setup".into(),
        AliyunDropin => "启用它的 Aliyun 提供方（nm-cloud-setup.service 的附加配置文件）".into(),
        EnableCloudSetup => "启用服务及其定时器".into(),
        RunCloudSetupNow => "立即运行一次".into(),
        StopCloudSetup => "关闭 nm-cloud-setup，并按保存的连接配置重新应用".into(),
        CheckCloudSetupRouting => "检查它的规则、路由表和运行记录".into(),
        RemoveEniRouting => "删除弹性网卡的策略路由规则和路由表".into(),
        IncludeFolder { path } => format!("读取 {path} 中的文件"),
        NoLeaseDefaultRoute => "不使用 DHCP 租约下发的默认路由".into(),
        ProfileIpv4Keys => "在该文件中设置连接配置的 [ipv4] 键（先备份）".into(),
        RemoveUnlistedAliasFiles => "删除表单中已不再列出的地址的别名文件".into(),
        RemoveUnlisted => "删除表单中已不再列出的地址".into(),
        HookWithoutSecondaries => "不含辅助私网 IP 的钩子脚本（弹性网卡的路由保留）".into(),
        StanzaWithoutSecondaries => "只含主私网 IP 的弹性网卡配置段".into(),
        RestartThisEni => "停用并重新启用这块弹性网卡（只影响这一块）".into(),
        AssistantRun => "通过云助手在实例上运行脚本（aliyun CLI）".into(),
        AssistantSequence => "云上分配、配置系统、验证：一次完成（aliyun CLI）".into(),
        AssistantTerraform => "使用 Terraform 通过云助手运行（可选）".into(),
        LaunchUserData => {
            "新实例的实例自定义数据（RunInstances 的 UserData，或控制台的“实例自定义数据”）".into()
        }
        LaunchAliyun => "创建实例，然后分配辅助私网 IP（aliyun CLI）".into(),
        LaunchTerraform => "使用 Terraform 创建实例".into(),
    }
}

/// The note, in Chinese.
pub fn note(n: &NoteText) -> String {
    use NoteText::*;
    match n {
        VerifyOrderKeep { prefix, primary } => format!(
            "计划中的每个地址都必须以带 /{prefix} 的 inet 行出现。顺序可能不同：如果辅助私网 IP 在 DHCP 租约到达之前就已添加，内核会把辅助私网 IP 列在前面；对于离开子网的流量，默认路由仍以 {primary} 作为源地址（src）。"
        ),
        VerifyOrderStatic { prefix, primary, gateway } => format!(
            "计划中的每个地址都必须以带 /{prefix} 的 inet 行出现。配置中主私网 IP {primary} 写在最前面，所以它排在第一位，其他地址标记为 secondary；默认路由必须经过 {gateway}。"
        ),
        CloudInitRewrites => "cloud-init 会在启动时改写这份网络配置；没有这个文件，重启后修改就会丢失。".into(),
        CloudInitLaterEnis => "关闭 cloud-init 的网络配置后，之后再绑定到该实例的弹性网卡在启动时不会被自动配置：请自行配置（本向导的辅助弹性网卡场景），或在绑定前删除 /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg 并重启。".into(),
        SafetyNetLinux { window, dir } => format!("脚本带有安全网（用 --no-rollback 关闭）：它会脱离当前终端继续运行，输出写入 {dir} 下的日志（脚本首先打印日志路径）；在第一次修改之前，它会设置一个定时器（systemd 单元；没有 systemd 时为一个脱离终端的进程），到时把文件、地址、路由和策略规则准确恢复原样。修改之后，脚本会自行检查网关是否应答、主路由表的默认路由是否未变、元数据服务器是否像修改前一样应答；任何一项失败都会立即全部恢复。检查通过后，脚本请您在 {window} 秒内输入 yes（用 --window 秒数 指定其他时长；用 --yes 则在检查通过时直接保留、不再询问）；没有回答或会话中断时，定时器会全部恢复。在另一个会话中：touch RUN/confirm 保留修改，touch RUN/extend 再延长一个时间窗口，sh RUN/rollback.sh 立即全部恢复（RUN 是脚本打印的目录）。在修改被保留之前重启，下次启动、网络就绪后会全部恢复（一个只运行一次并会自行删除的 systemd 单元）；没有 systemd 时，重启会停止定时器，修改将保留。"),
        SafetyNetPowerShell { window } => format!("脚本带有安全网（用 -NoRollback 关闭）：在第一次修改之前，它会注册一个一次性计划任务，在 {window} 秒后（用 -Window 秒数 指定其他时长）以 SYSTEM 身份执行撤回本次运行的命令；如果到点时实例处于关机状态，开机后仍会执行。修改之后，脚本会检查网关是否应答、默认路由是否未变、元数据服务器是否像修改前一样应答（任何一项失败都会立即全部撤回），然后请您输入 yes；用 -Yes 则在检查通过时直接保留、不再询问。如需更多时间，脚本会打印相应的 Set-ScheduledTask 命令。"),
        SafetyNetNetsh { window } => format!("脚本带有安全网（用 /norollback 关闭）：在第一次修改之前，它会注册一个一次性计划任务，在 {window} 秒后用 netsh -f 恢复备份。修改之后，脚本会检查网关是否应答 ping（否则立即恢复备份），然后请您输入 yes；用 /yes 则在检查通过时直接保留、不再询问。如果计划任务已经执行，之后再输入 yes 就太晚了：备份已经恢复。"),
        KeepOriginalsOnce { dir } => format!("第一个代码块会把本步骤要写入、修改或移走的每个文件复制到 {dir}（文件原本不存在时则记下这一点），而且只复制一次：再次执行它或执行一键脚本时保留第一次的副本，因此“撤销”可以准确恢复第一次修改之前的状态。"),
        UndoPutsBackKeep { dir } => format!("“撤销”先在原处删除辅助私网 IP，再从 {dir} 把每个文件准确恢复为第一次修改之前的样子，并删除原本不存在的文件（包括 cloud-init 的开关文件，因此从下次启动起 cloud-init 重新管理网络）。如果该目录不存在，最后一个代码块会说明这一点且不做任何修改。"),
        UndoPutsBack { dir } => format!("“撤销”会从 {dir} 把每个文件准确恢复为第一次修改之前的样子，并删除原本不存在的文件：主私网 IP 重新成为 DHCP 租约，cloud-init 也重新管理网络。如果该目录不存在（修改是用其他方式做的），代码块会说明这一点且不做任何修改：请改用您自己的备份来恢复。"),
        CustomImageCarries => "用该实例创建的自定义镜像会带上这份配置和已关闭的 cloud-init：由它创建的每台实例都会占用这些地址而忽略自己的地址。创建镜像前请先执行“撤销”：它会恢复每个文件，并删除 /etc/cloud/cloud.cfg.d/99-disable-network-config.cfg。".into(),
        StaticDropsDhcpExtras { interface } => format!("主私网 IP 改为静态后，不再从 DHCP 获得地址以外的设置：DNS 搜索域、MTU、NTP 服务器。请先查看（`cat /etc/resolv.conf`、`ip link show {interface}`），并把需要的设置写入配置。"),
        CloudStatePrerequisite => "分配和取消分配辅助私网 IP 时，弹性网卡须处于“可用”或“已绑定”状态；若是主网卡，实例须处于“运行中”或“已停止”状态（不能是启动中或停止中）。".into(),
        VerifyOrderKeepSecondaryFirst { prefix, primary } => format!("每个计划中的地址都应显示为一行带 /{prefix} 的 inet。辅助私网 IP 排在前面：它们在 DHCP 租约之前添加，所以离开子网的流量以其中第一个为源地址，而不是 {primary}（见“配置”步骤中的警告）。"),
        SourceIsFirstSecondary { primary } => format!("wicked 在 DHCP 租约到达之前添加静态的辅助私网 IP，内核因此把第一个辅助私网 IP 作为子网的首个地址：离开子网的新连接（经 EIP 或 NAT 网关访问公网、源 IP 白名单）将以它为源地址，而不是 {primary}。若要保持 {primary} 为源地址，请在“高级”中将源地址选为“仅主私网 IP”：辅助私网 IP 将以 /32 添加。"),
        NetplanReload => "`netplan generate` 检查文件并写出 systemd-networkd 的配置；`networkctl reload` 随后只重新配置文件有变化的网卡。这是 `netplan apply`（官方文档的命令）的前一半：它的后一半 `networkctl reconfigure` 会在第一遍之上再做一遍，在 systemd 252 上实测偶尔会丢失 DHCP 获取的主私网 IP。`netplan apply` 在多数系统上仍然可用；无论哪种方式，通过 SSH 操作时请备好 VNC 远程连接。".into(),
        StaticNoDns => "未填写 DNS 服务器：主私网 IP 改为静态后，实例不再从 DHCP 获取 DNS 服务器。请添加 `cat /etc/resolv.conf`（Windows：`ipconfig /all`）当前显示的 DNS 服务器，例如阿里云的 100.100.2.136 和 100.100.2.138。".into(),
        IpDelAnswers { interface: i } => format!(
            "删除内核在该子网中列在最前面的地址时，其他地址（包括 DHCP 分配的主私网 IP）会一起被删除，除非 net.ipv4.conf.{i}.promote_secondaries 为 1（systemd-networkd 会在它管理的接口上设置；Debian 的 NetworkManager 和 ifupdown 镜像保持为 0）：因此撤销命令会先把它设为 1。已经不存在的地址（配置自身的生效操作已删除）会被跳过。"
        ),
        RuntimeLostOnReboot => "这些地址只保持到下一次重启或网络重启：如需长期保留，请使用其他方式。".into(),
        RuntimeFileExists => "如果看到 `RTNETLINK answers: File exists`，说明该地址已经存在。".into(),
        RuntimeFileExistsStatic { primary } => format!(
            "如果看到 `RTNETLINK answers: File exists`，说明该地址或默认路由已经存在（主私网 IP {primary} 通常已存在）：不会替换或清空任何内容。"
        ),
        RuntimeKeepsDns => "`ip` 不会设置 DNS 服务器：DNS 配置保持不变。".into(),
        RuntimeNothingToApply => "`ip addr add` 返回后地址立即生效：无需重启任何服务。".into(),
        KeepDnsFromDhcp => "保留 DHCP 模式下不会写入 DNS 服务器：它们仍由 DHCP 提供。".into(),
        NetplanSameId { interface } => format!("在 `ethernets:` 下，接口标识必须与 50-cloud-init.yaml 中一样写作 `{interface}:`；netplan 会合并使用同一标识的文件。"),
        NetplanGuideKeep => "官方文档的写法是把 50-cloud-init.yaml 改为静态配置；在保留 DHCP 模式下，本向导总是另外添加一个独立的文件，所以官方文档的写法只影响静态模式。".into(),
        NetplanGuideStatic => "官方文档的写法：按文档改写 50-cloud-init.yaml，因此它还必须保留其中配置的其他接口；安全写法不改动它，而是在 60-secondary-ips.yaml 中覆盖该接口的配置。".into(),
        NetplanOverrides => "50-cloud-init.yaml 保持不变（cloud-init 不会再改写它）：之后读取的 60-secondary-ips.yaml 关闭该接口的 dhcp4，并设置唯一的默认路由；50-cloud-init.yaml 中的其他接口保持原有配置。".into(),
        NetplanOneGateway => "如果之前已经在 50-cloud-init.yaml 中为该接口设置过网关，请先删除那个网关：两条默认路由会导致 netplan 失败。".into(),
        NetplanGateway4 => "netplan 0.99（Ubuntu 18.04、20.04）不支持 `to: default` 路由：这里使用 `gateway4`，较新的 netplan 仍能读取它，但会给出弃用警告。".into(),
        NetplanTry => "`netplan generate` 只检查文件，不做任何修改。通过 SSH 操作时，可以用 `netplan try` 代替 `netplan apply`：如果 120 秒内没有确认，它会自动回滚。".into(),
        NetworkdDropinFolder { interface, file } => format!("drop-in 目录必须以 `networkctl status {interface}` 显示的“Network File:”命名；这里假定它是 {file}。如果显示的是其他文件，请使用那个文件名加上 .d。"),
        NetworkdFirstMatch => "按文件名顺序，只有第一个匹配的 .network 文件生效：05-… 排在 cloud-init 或 netplan 写入的 10-… 文件之前，所以该接口的 DHCP 被关闭。".into(),
        NetworkdReloadOnly { interface } => format!("只运行 `networkctl reload`：它已经会重新配置文件有变化的 {interface}。紧接着再运行 `networkctl reconfigure {interface}` 会在第一次配置尚未完成时开始第二次配置，可能丢失地址（在 systemd 252 上甚至会丢失 DHCP 分配的主私网 IP，直到 networkd 重启）。只有当文件早已就位而有地址缺失时，才单独运行 `networkctl reconfigure {interface}`。"),
        NetworkdOldSystemdKeep => "在早于 244 的 systemd 上（没有 `networkctl reload`），请改为运行 `systemctl restart systemd-networkd`；systemd 244 到 247 在重新加载时可能漏掉新增或修改的 drop-in 文件：这时也请重启它。".into(),
        NetworkdOldSystemdStatic => "在早于 244 的 systemd 上（没有 `networkctl reload`），请改为运行 `systemctl restart systemd-networkd`。".into(),
        NetworkdLeaseRenews => "重新加载会重新配置该接口，并重新启动它的 DHCP：主私网 IP 的同一租约会在几秒内恢复，已打开的 SSH 会话通常不会断开。".into(),
        NetworkdLeaseDrop { primary, interface } => format!("丢弃旧的 DHCP 租约时，可能会在 networkd 刚把主私网 IP {primary} 设为静态后又把它删除：如果 10 秒后 `ip -4 addr show dev {interface}` 仍然没有它，请运行 `networkctl reconfigure {interface}`（脚本会这样做）。"),
        NetworkdUndoKeep => "`networkctl reload` 会按没有 drop-in 文件的配置重新配置该接口，并像生效步骤一样续订主私网 IP 的 DHCP 租约；即使重新加载漏掉了已删除的 drop-in 文件（早于 248 的 systemd），`ip addr del` 也会删除这些地址，已经不存在的地址也没有关系。".into(),
        NetworkdUndoStatic { interface, prefix } => format!("`networkctl reload` 会应用只含主私网 IP 的文件，并删除辅助私网 IP。如果之后 `ip -4 addr show dev {interface}` 仍然列出其中某个地址（较旧的 systemd），请用 `ip addr del ADDRESS/{prefix} dev {interface}` 删除它。"),
        // IPv6: NetworkManager and ifupdown
        NmIpv6Method => "IPv6 地址写入连接配置的 ipv6.addresses，每个都带 /64。它的 ipv6.method 保持原样（auto 或 dhcp 让弹性网卡自己的 IPv6 地址和默认路由继续来自 DHCPv6 和路由通告），但 ignore、disabled 和 link-local 除外：NetworkManager 在这些方式下不接受地址，所以方式改为 auto。".into(),
        IfupdownIpv6 { interface, label } => format!("IPv6 地址在同一文件的 {label} 配置段中，是 {interface} 上的 `up ip -6 addr replace` 和 `down ip -6 addr del` 行：ifupdown 的 inet6 static 不能通过别名添加地址，而 {interface} 自己的 inet6 static 配置段会关闭它的地址自动配置。`ifup {label}` 添加它们而不影响 {interface}。弹性网卡自己的 IPv6 地址和默认路由继续来自 DHCPv6 和路由通告（静态模式为此写入 `iface {interface} inet6 dhcp`：ifup 会一直等到 DHCPv6 服务器应答，有 IPv6 网段的交换机会应答；`dhclient -6` 没有时间限制）。"),
        IfupdownNgIpv6 { interface } => format!("IPv6 地址同样是 {interface} 配置段中的 `address` 行，每个都带 /64：ifupdown-ng 的 static 执行器用 `ip -6 addr add` 逐个添加。路由通告仍被接受（ifupdown-ng 的默认值）。弹性网卡自己的 IPv6 地址只有在 DHCP 客户端请求时才来自 DHCPv6（dhcpcd 会；Alpine 默认的 udhcpc 只支持 IPv4，静态模式不运行 DHCP 客户端）。"),
        NmcliUseName { interface, connection } => format!("请使用 `nmcli con show` 为 {interface} 列出的 NAME（常见镜像中是“System eth0”“cloud-init eth0”或“Wired connection 1”）；本方案使用 {connection}。"),
        NmcliAppend => "`ipv4.addresses` 被设置为恰好这些辅助私网 IP（表单就是完整的地址集合：从表单中删除的地址也会被删除），ipv4.method 保持 auto，所以主私网 IP 仍由 DHCP 分配。".into(),
        NmcliPrimaryFirst { primary } => format!("当 ipv4.method 为 manual 时，ipv4.addresses 的第一项就是主地址，所以 {primary} 排在最前面。"),
        NmcliConUpNotReapply => "请使用 `nmcli con up`，不要用 `nmcli device reapply`：在 NetworkManager 1.42 上，reapply 虽然报告成功，却会丢掉新增的静态地址。`con up` 会重新激活连接配置；SSH 会话通常不会断开。".into(),
        KeyfileComplete => "只修改 [ipv4] 中由本向导管理的键：method=auto 使主私网 IP 仍由 DHCP 分配，address1… 恰好是这些辅助私网 IP；连接配置的其他行（uuid、路由跃点数、DHCP 选项）保持不变。".into(),
        KeyfileManual => "只修改 [ipv4] 中由本向导管理的键：method=manual，address1 起依次是主私网 IP 和辅助私网 IP，以及网关和 DNS 服务器；连接配置的其他行（uuid、路由跃点数）保持不变。".into(),
        KeyfileOtherProfile => "修改的是连接配置自己的文件（cloud-init 镜像上是 `cloud-init-eth0.nmconnection`，id 为“cloud-init eth0”）：新建一个相同 id 的文件会成为第二个连接配置，`nmcli con up id` 会选中先找到的那个。如果两个连接配置同名，或者该连接配置不是 keyfile，脚本会拒绝执行（那时请使用 nmcli 方式）。".into(),
        KeyfileMode600 => "NetworkManager 会忽略权限不是 600 或属主不是 root 的 keyfile。`nmcli con up` 会重新激活连接配置（不要用 `nmcli device reapply`，NetworkManager 1.42 对它的处理有误）。".into(),
        IfcfgCloudInitWrites { path } => format!("在阿里云镜像上，cloud-init 会写入 {path}，并在启动时改写它：必须先写入官方文档中的 99-disable-network-config.cfg，否则重启后修改会丢失。"),
        IfcfgReplacesWhole { path } => format!("这会替换整个 {path}：如果当前文件中有您需要的其他设置（IPV6INIT、MTU、NM_CONTROLLED），请把那些行复制过来。"),
        WholeSet { interface } => format!("表单就是完整的地址集合：请列出 {interface} 应有的每一个辅助私网 IP，包括之前已配置的（从实例元数据读取时，会列出云上已分配的全部地址）。按步骤操作时，这些命令会删除表单中已不再列出的地址。一键脚本会先检查它要替换的每个文件和连接配置以及 {interface} 上的地址，只要其中有表单未列出的子网内地址，就不做任何修改并停止；加上 `--replace` 运行即可删除这些地址。"),
        EniRoutingStays { interface, table, commands } => format!("撤销会删除辅助私网 IP 及其策略路由规则。{interface} 自己的路由会保留（路由表 {table}、它的主私网 IP 的规则、宽松的反向路径过滤）：没有这些，{interface} 主私网 IP 的回包会从主网卡发出，被专有网络 VPC 丢弃。如果也要撤销这些路由，请运行 `{}`，并从配置中删除路由设置。", commands.trim_end().replace('\n', "; ")),
        RuntimeForeignRules => "systemd-networkd 248 及更高版本（Ubuntu 22.04、Debian 12 和使用 netplan 的镜像）每次重新配置接口时（包括 DHCP 续租）都会删除不是它配置的策略路由规则和路由（`ManageForeignRoutingPolicyRules=yes`、`ManageForeignRoutes=yes`）：在这些镜像上，这些命令甚至可能撑不到重启。请在那里使用 netplan 或 networkd 方式。".into(),
        // IPv6: ifcfg, wicked, Windows
        IfcfgIpv6 { path } => format!("{path} 中写入 `IPV6INIT=yes`、`DHCPV6C=yes`（弹性网卡自己的 IPv6 地址，与阿里云 IPv6 模板的写法相同），IPv6 地址写在 `IPV6ADDR_SECONDARIES` 中。`IPV6_AUTOCONF` 不设置，IPv6 默认路由由路由通告提供：NetworkManager 读到的 IPv6 方法是 `auto`，并加上这些地址；network 服务会运行 `dhclient -6` 并逐个添加这些地址。"),
        WickedIpv6 { path, bootproto } => format!("{path} 中以 `IPADDR_n` 条目列出 IPv6 地址（带 /64），`BOOTPROTO='{bootproto}'` 使弹性网卡自己的 IPv6 地址继续通过 DHCPv6 获取：wicked 把 `static` 读作只使用列出的地址、不运行 DHCPv6，而在任何 DHCP 取值下也会读取列出的地址。"),
        WindowsIpv6 { prefix, flag } => format!("每个 IPv6 地址都以 /{prefix} 和 {flag} 添加，与 IPv4 辅助私网 IP 相同。接口自己的 IPv6 设置保持不变：它的 IPv6 地址和默认路由仍来自 DHCPv6 和路由通告。"),
        WindowsEniMetric { metric } => format!("这是一块辅助弹性网卡：它的接口跃点数设置为 {metric}，高于 Windows 自动分配给以太网适配器的跃点数，所以新建连接仍走主网卡的默认路由。Windows 从持有某个地址的接口发送以该地址为源的流量（强主机模型），所以这块弹性网卡上地址的回包仍从它自己的网关发出。"),
        WindowsEniIpv6 { alias } => format!("这块辅助弹性网卡上的 IPv6 地址不需要单独的路由：Windows 只从持有某个地址的接口发送以该地址为源的流量（强主机模型，Windows 对 IPv6 和 IPv4 的默认行为），所以它们的回包从 {alias} 自己的 IPv6 默认路由（由其路由通告给出）发出，而 SkipAsSource 使新建连接不会使用它们。{alias} 的 IPv6 设置、路由和跃点数都不变。验证步骤会显示 {alias} 是否有这条路由：没有时，只有该交换机自己的 /64 内的地址能访问这些地址。"),
        IfupdownNgDeconfig { interface } => format!("当 {interface} 的租约到期或丢失时，Alpine 的 udhcpc 脚本会清空该接口的所有 IPv4 地址（`deconfig`），包括辅助私网 IP，下一次租约只会恢复主私网 IP。本向导的 udhcpc 钩子脚本（post-bound 和 post-renew）会在每次获得租约后补回缺失的辅助私网 IP。"),
        IfupdownNgEni { interface, table } => format!("/etc/network/interfaces 保留所有配置段，包括主网卡的：只多了一行 `source-directory`，由本向导的文件把辅助私网 IP 加到 {interface} 的 DHCP 配置段中（ifupdown-ng 会合并所有 `iface {interface}` 块）。/etc/udhcpc/udhcpc.conf 中的 `NO_GATEWAY` 使租约下发的默认路由不进入 main 路由表；每次获得租约后（post-bound、post-renew），udhcpc 钩子脚本会重新添加辅助私网 IP（租约结束时 udhcpc 会清空它们），并设置路由表 {table} 和策略路由规则。"),
        IfupdownNgEniNothingToApply { interface } => format!("配置步骤中的命令已经立即添加了 {interface} 的地址和路由：无需重启任何服务。下次启动时由配置文件接管，下次获得租约时由钩子脚本接管。"),
        IfupdownNgUndoSource { path } => format!("{path} 中的 `source-directory` 行会保留：它可能本来就在那里，而且本向导的文件删除后，它不会再引入本向导的任何内容。"),
        IfupdownAliasesAfterLease { interface } => format!("租约到期时，dhclient 会删除 {interface} 的主私网 IP，内核会连同别名一起删除（Debian 默认关闭 `promote_secondaries`）；下一次租约只会恢复主私网 IP。本向导的 dhclient exit 钩子脚本会在每次获得租约后补回缺失的别名。"),
        IfupdownEniIpv6 { interface, label, table, hook } => format!("IPv6 配置段 {label} 把 IPv6 地址加到 {interface} 上，然后在每次启用时（包括启动时）运行 {hook}，即本向导处理其 IPv6 路由的脚本：它最多等待 10 秒，直到得知 {interface} 的路由器（来自路由通告），把经路由器链路本地地址的 IPv6 默认路由和 IPv6 网段复制到路由表 {table}，让内核不再把经过 {interface} 的默认路由放进主路由表（`accept_ra_defrtr=0`，在重启前有效，重启时脚本会再次运行），并为每个 IPv6 地址添加一条源地址规则。内核无法把路由通告给出的路由放进其他路由表，而且复制的路由不会跟随路由器变化：如果路由器的链路本地地址变了，请运行 `ifdown {label}; ifup {label}`。"),
        IfupdownDhclientHooks { interface, table } => format!("{interface} 的 DHCP 配置段保持不变。本向导的两个 dhclient 钩子脚本会在每次获得租约时（包括启动时的第一次）处理路由：enter 钩子去掉租约中 {interface} 的网关，使经过它的默认路由不会进入 main 路由表；exit 钩子在每次 BOUND、RENEW、REBIND 和 REBOOT 之后重新设置路由表 {table}（子网路由和默认路由）和策略路由规则。下面的命令立即设置同样的路由。"),
        IfupdownEniStanza { interface, table } => format!("{interface} 的整个配置段都在本向导的文件中：主私网 IP 不带 `gateway` 行（否则 main 路由表中会多出第二条默认路由），`post-up` 行在它每次启用时设置路由表 {table} 和每个地址的规则。包含主网卡配置段的 /etc/network/interfaces 不会被改动；如果有其他文件配置了 {interface}，脚本会拒绝执行。"),
        IfupdownEniOnly { interface } => format!("只会停用并重新启用 {interface}；主网卡和您的 SSH 会话不受影响。"),
        WickedEniRouting { interface, table } => format!("wicked 每次 `ifup` 和 `ifreload` 时都会读取 ifcfg-{interface} 以及 `ifroute-{interface}` 和 `ifrule-{interface}`：子网路由和默认路由放在路由表 {table} 中，每个地址一条 `from ADDRESS lookup {table}` 规则，`DHCLIENT_SET_DEFAULT_ROUTE='no'`（保留 DHCP 模式）使租约下发的默认路由不进入 main 路由表。所有接口都会读取的全局 `routes` 文件中不写入任何内容。"),
        WickedSles11Routing { interface } => format!("SLES 11 的 sysconfig 脚本会读取 `ifroute-{interface}`，但这里没有验证它是否读取 `ifrule-{interface}`：下次重启后，请确认 `ip -4 rule show` 列出了这些规则，如果没有，请把它们加到启动脚本中。"),
        IfcfgNmRouting { interface, table } => format!("NetworkManager 从 ifcfg-{interface} 读取路由设置：`IPV4_ROUTE_TABLE={table}` 把该连接配置的所有路由（DHCP 的默认路由和子网路由，或网关）放进路由表 {table}，而不是 main 路由表；每个 `ROUTING_RULE_n` 是一条 `from ADDRESS lookup {table}` 规则。如果存在 `rule-{interface}` 或 `rule6-{interface}` 文件，它会忽略这两项（此时脚本会拒绝执行），而且它从不读取这两个文件。"),
        WickedEniIpv6 { interface, table, hook } => format!("IPv6：ifrule-{interface} 为每个 IPv6 地址写一条进入路由表 {table} 的规则 `ipv6 from ADDRESS/128`，`POST_UP_SCRIPT` 在每次 ifup 之后（包括启动时）运行 {hook}，即本向导处理 {interface} 的 IPv6 路由的脚本：它最多等待 10 秒，直到得知 {interface} 的路由器（来自路由通告），把经路由器链路本地地址的 IPv6 默认路由和 IPv6 网段复制到路由表 {table}，让内核不再把经过 {interface} 的默认路由放进主路由表（`accept_ra_defrtr=0`，在重启前有效，重启时脚本会再次运行）。wicked 无法把路由通告给出的路由放进其他路由表，而且复制的路由不会跟随路由器变化：如果路由器的链路本地地址变了，请运行 `{hook} post-up {interface}`。"),
        IfupdownNgEniIpv6 { interface, table, hook } => format!("IPv6：本向导的文件同样以 `address` 行把 IPv6 地址加到 {interface} 上，其中的 `post-up` 行在 {interface} 每次启用时（包括启动时）运行 {hook}，即本向导处理 {interface} 的 IPv6 路由的脚本：它最多等待 10 秒，直到得知 {interface} 的路由器（来自路由通告；udhcpc 不处理 IPv6），把经路由器链路本地地址的 IPv6 默认路由和 IPv6 网段复制到路由表 {table}，让内核不再把经过 {interface} 的默认路由放进主路由表（`accept_ra_defrtr=0`，在重启前有效，重启时脚本会再次运行），并为每个 IPv6 地址添加一条源地址规则。该行以 `|| true` 结尾：没有路由通告时脚本会给出提示，{interface} 仍会带着 IPv4 启用。复制的路由不会跟随路由器变化：如果路由器的链路本地地址变了，请运行 `/bin/sh {hook}`。"),
        IfcfgNmRouting6 { interface, table } => format!("IPv6 也一样：`IPV6_ROUTE_TABLE={table}` 把该连接配置的所有 IPv6 路由放进路由表 {table}，包括路由通告给出的默认路由（经路由器的链路本地地址）和 IPv6 网段；每个 `ROUTING_RULE6_n` 是 {interface} 的一个 IPv6 地址的 `from ADDRESS lookup {table}` 规则。NetworkManager 自己跟随路由器：与临时生效方法的复制不同，路由器的链路本地地址变化时无需再运行任何命令。"),
        IfcfgInitscriptsRouting { interface, table } => format!("network 服务（initscripts）在每次 `ifup {interface}` 时，用 `ip route add` 添加 `route-{interface}` 的每一行，用 `ip rule add` 添加 `rule-{interface}` 的每一行；`DEFROUTE=no` 使 DHCP 或 GATEWAY 的默认路由不进入 main 路由表：{interface} 的默认路由只在路由表 {table} 中。NetworkManager 从不读取 `rule-{interface}`：如果这台实例上由它管理 {interface}，请改用 NetworkManager 方式。"),
        IfcfgAliasParent { path } => format!("官方文档的做法：如果 {path} 不存在（有些镜像让 NetworkManager 用默认设置管理该接口），请按所示内容创建它，使别名文件有父配置；已存在的文件保持不变。cloud-init 不会改动别名文件，所以不需要修改 cloud-init。"),
        IfcfgNeedsNm { interface } => format!("当 BOOTPROTO=dhcp 时，network 服务（initscripts）会忽略 IPADDRn：这种写法只在由 NetworkManager 管理 {interface} 时有效（`nmcli -t -f RUNNING general` 输出 running）。否则请使用 ifcfg 别名文件，或使用静态模式。"),
        IfcfgGuideForm => "官方文档的写法：与文档一样使用 BOOTPROTO=static 和 NETMASK；安全写法使用 ifcfg 文档中描述的 BOOTPROTO=none 和 PREFIX（两种都可以）。".into(),
        IfcfgAliasTooLong { label } => format!("别名标签 {label} 超过 15 个字符，内核会拒绝：请对该接口使用 ifcfg（IPADDRn）方式。"),
        IfcfgAliasesObsolete => "别名文件（eth0:N）是官方文档的写法：内核文档认为别名已过时，但 initscripts 和 NetworkManager 仍会把它们读取为带标签的地址。切勿在别名文件中写 GATEWAY。".into(),
        IfcfgConnectionName { connection, interface, restart } => format!("连接名称（{connection}）就是 `nmcli con show` 为 {interface} 列出的名称；没有 NAME= 的 ifcfg 文件会被 NetworkManager 命名为“System {interface}”。官方文档中的 `{restart}` 也可以，但会重启所有连接。"),
        IfcfgReactivateStatic => "用静态主私网 IP 重新激活连接会短暂中断网络：请在 VNC 远程连接中运行，或者备好 VNC 远程连接。".into(),
        IfcfgReactivateKeep => "重新激活连接会为同一个主私网 IP 续订 DHCP 租约；SSH 会话通常不会断开。".into(),
        IfcfgGentle => "重启网络会短暂删除所有地址，可能断开您的 SSH 会话；逐个别名运行 `ifup` 只会添加新的地址（脚本就是这样做的）。".into(),
        RestartFromVnc => "重启网络会短暂删除所有地址：请通过 VNC 远程连接（Workbench 或 ECS 控制台的远程连接 > VNC）运行，不要只通过 SSH。".into(),
        IfcfgUndo => "`ip addr del` 无需重启网络即可立即删除这些地址；文件的修改保证重启后它们不会再出现。".into(),
        IfupdownAliasTooLong { label } => format!("别名标签 {label} 超过 15 个字符，内核会拒绝：请重命名该接口，或使用 ip addr（重启后失效）方式。"),
        IfupdownResolvconf => "dns-nameservers 只有在安装了 resolvconf 软件包时才生效；否则请把 DNS 服务器写入 /etc/resolv.conf。".into(),
        IfupdownOwnFile { source } => format!("辅助私网 IP 使用单独的文件，而不是修改 cloud-init 的 50-cloud-init，这样 cloud-init 可以继续改写它自己的文件。/etc/network/interfaces 必须读取这个文件：请确认其中有 `{source}` 这一行（脚本会检查）。"),
        IfupdownOrder { interface } => format!("ifup 按文件顺序读取配置段：cloud-init 的 50-cloud-init 排在 60-secondary-ips 之前，所以 {interface} 先获得 DHCP 地址，并且它仍是源地址。如果您的 {interface} 配置段在 /etc/network/interfaces 中位于 source 行之后，请把那一行移到文件末尾。"),
        IfupdownAlternative { interface, prefix } => format!("另一种做法：在您自己的配置段中写 `up ip addr add IP/{prefix} dev {interface} label {interface}:N` 和 `down ip addr del IP/{prefix} dev {interface} label {interface}:N` 行，效果相同；别名配置段是官方文档的写法，每个都可以单独启用。"),
        IfupdownGentle { restart } => format!("官方文档会重启网络（`{restart}`），这可能断开您的 SSH 会话；逐个别名运行 `ifup` 只会添加缺少的地址。每个 `ifup` 之前的 `ifdown --force` 只在地址缺少时运行：它清除 ifupdown 对某个别名的记录（该别名的地址已被之前的一次运行删除），否则 `ifup` 会提示 \"already configured\" 而不添加任何地址。"),
        IfupdownDhclientLingers => "为旧配置启动的 DHCP 客户端可能会一直运行到重启；重启一次可以干净地应用静态主私网 IP。".into(),
        IfupdownIfdownFirst => "`ifdown` 需要用到配置段，所以它在删除文件之前运行。".into(),
        IfupdownNgCloudInit => "在由 cloud-init 管理网络的地方，它会自己写入 /etc/network/interfaces，并在启动时改写它：必须先写入官方文档中的 99-disable-network-config.cfg，否则重启后修改会丢失。".into(),
        IfupdownNgReplacesWhole => "这会替换整个 /etc/network/interfaces：如果当前文件中定义了您需要的其他接口或选项，请把那些配置段复制过来。".into(),
        IfupdownNgSeveralAddresses => "ifupdown-ng 允许在一个配置段中写多行 `address IP/PREFIX`（DHCP 配置段也可以再带静态地址），所以不需要别名配置段。".into(),
        IfupdownNgNoRestart => "`rc-service networking restart`（或 `ifdown` 加 `ifup -a`）会让接口短暂停用，可能断开 SSH；用 `ip addr add` 添加地址则不会。".into(),
        WickedNoLabel { labels } => format!("{labels} 没有 LABEL：接口名和标签加起来不能超过 15 个字符。没有标签地址也能正常工作。"),
        WickedCloudInitWrites { path } => format!("cloud-init 会在启动时改写这份网络配置；没有这个文件，重启后修改就会丢失。在这些镜像上 cloud-init 会写入 {path}。"),
        WickedReplacesWhole { path } => format!("这会替换整个 {path}：如果当前文件中有您需要的其他设置（MTU、DHCLIENT 选项、IPv6），请把那些行复制过来。"),
        WickedSles11Keep => "SLES 11 没有 wicked：它较旧的 ifup 脚本可能不会在 BOOTPROTO='dhcp' 旁边添加 IPADDR_n。如果检查发现它们缺失，请使用静态模式。".into(),
        WickedGuideNetmask => "官方文档的写法：IPADDR_x 搭配点分格式的 NETMASK_x，与文档一致。NETMASK 必须是点分格式的掩码：wicked 会把“24”这样的纯数字长度读成掩码 24.0.0.0 并退回 /32，导致静态主私网 IP 与网关不通。安全写法使用 IPADDR_x='IP/PREFIX'，其中的前缀优先于任何掩码。".into(),
        WickedRoutesGlobal { path } => format!("{path} 包含系统的所有静态路由：请保留其中已有的其他行。只能有一条默认路由。"),
        WickedIfreload { restart } => format!("官方文档会重启整个网络（`{restart}`）；`wicked ifreload` 只重新应用文件有变化的接口。两者都可能让 SSH 短暂中断：请备好 VNC 远程连接。"),
        WickedStaticVnc => "应用静态主私网 IP 会重新配置接口：请在 VNC 远程连接中运行，不要只通过 SSH。".into(),
        WickedInProgress => "当接口已启用但其配置仍在进行中（DHCP 租约仍在申请，或 IPv6 地址仍在进行重复地址检测）时，`wicked ifreload` 以 162 退出，SUSE 自带的 `ifup` 将其报告为 DHCP 在后台继续：该命令接受这个退出码，由验证步骤显示每个地址是否都已就绪。".into(),
        WickedUndo => "本向导写入的 IPADDR_n 行会从文件中删除；`ip addr del` 无需重启即可立即删除这些地址。".into(),
        WindowsVnc => "请通过 VNC 远程连接（ECS 控制台 > 远程连接 > VNC）运行，不要通过 RDP：把主私网 IP 从 DHCP 改为静态会短暂中断网络，RDP 可能断开。".into(),
        WindowsNoKeepDhcp => "Windows 无法在添加静态地址的同时让主私网 IP 保留 DHCP：添加静态地址会关闭 DHCP。所以两种模式都会先静态设置主私网 IP、网关和 DNS（用 `ipconfig /all` 查看当前值）。".into(),
        WindowsSkipAsSource { flag } => format!("{flag} 使主私网 IP 保持为出站流量的源地址（阿里云网络常见问题：否则出站流量可能异常）。"),
        PowerShellKeepsDns => "未填写 DNS 服务器：这些命令会保留 DHCP 提供的 DNS 服务器（`$dns`），它们在关闭 DHCP 之前读取。请在同一个 PowerShell 窗口中运行。".into(),
        PowerShellApply => "New-NetIPAddress 立即生效，重启后依然保留：无需重启任何服务。重启网络适配器会让 RDP 短暂断开。".into(),
        PowerShellVerify { prefix } => format!("计划中的每个地址都必须显示为带 /{prefix} 的一行；辅助私网 IP 的 SkipAsSource 为 True，主私网 IP 为 False。`ipconfig` 也会列出它们。"),
        PowerShellUndo => "删除辅助私网 IP 立即生效；主私网 IP 仍保持静态（如需恢复 DHCP，请运行 `Set-NetIPInterface -Dhcp Enabled` 和 `Set-DnsClientServerAddress -ResetServerAddresses`）。".into(),
        NetshNoDns => "未填写 DNS 服务器：用 netsh 关闭 DHCP 会使服务器没有任何 DNS 服务器（Windows 激活和更新随之失败），而 netsh 无法沿用 DHCP 提供的 DNS 服务器。请把它们填入表单（`ipconfig /all` 会显示），或使用会保留它们的 PowerShell 标签页。".into(),
        NetshApply => "netsh 的修改立即生效，重启后依然保留：无需重启任何服务。禁用网络适配器会断网，直到重新启用：只能在 VNC 远程连接中操作。".into(),
        NetshVerify { prefix } => format!("计划中的每个地址都必须显示为一行 IP Address，子网前缀为 /{prefix}（在中文版 Windows 上显示为“IP 地址”，间距也可能不同）。"),
        NetshRefused => "接口别名中包含 cmd.exe 无法安全传给 netsh 的字符（\"、% 或 !）：请重命名该接口（Rename-NetAdapter），或使用 PowerShell 标签页。".into(),
        AssignFirst { primary } => format!("必须先在云上把这些地址分配给弹性网卡，操作系统才能使用它们；主私网 IP {primary} 保持不变。"),
        BindAvailableEni { eni } => format!("这是一块处于可用（Available）状态的辅助弹性网卡：请先把 {eni} 绑定到实例（官方文档的第 2 步），否则操作系统中没有可以配置的接口。"),
        BindInUseEni { eni } => format!("这是一块辅助弹性网卡：{eni} 必须已绑定到实例（状态为已绑定（InUse），官方文档的第 2 步），操作系统才能看到它。"),
        LimitChecked { per_eni, source, used, state } => limit_checked(*per_eni, source, *used, *state),
        AssignListXorCount => "AssignPrivateIpAddresses 只能在 PrivateIpAddress.N 和 SecondaryPrivateIpAddressCount 中二选一；在 Terraform 中，private_ip_addresses 和 secondary_private_ip_address_count 互斥。这里的命令逐一指定每个地址，使操作系统的配置与之完全一致。".into(),
        FillInIds { missing } => match missing {
            MissingIds::Both => "请先填写地域 ID 和弹性网卡 ID：它们为空时，这些命令会输出提示并停止。".into(),
            MissingIds::Region => "请先填写地域 ID：它为空时，这些命令会输出提示并停止。".into(),
            MissingIds::Eni => "请先填写弹性网卡 ID：它为空时，这些命令会输出提示并停止。".into(),
        },
        // IPv6 cloud side
        Ipv6EnableFirst { block } => format!("调用 AssignIpv6Addresses 之前，须先为专有网络 VPC 开启 IPv6，再为 IPv6 网段为 {block} 的交换机开启 IPv6，否则调用失败。可在专有网络控制台先为专有网络、再为交换机开启 IPv6；或用 aliyun CLI：`aliyun vpc ModifyVpcAttribute --RegionId REGION --VpcId vpc-... --EnableIPv6 true`，然后 `aliyun vpc ModifyVSwitchAttribute --RegionId REGION --VSwitchId vsw-... --EnableIPv6 true --Ipv6CidrBlock N`（N 取 0 到 255，选定交换机在专有网络 /56 中的 /64）。为交换机开启 IPv6 不会改变它的 IPv4 地址。"),
        Ipv6ListXorCount { count } => format!("AssignIpv6Addresses 只能在 Ipv6Address.N 和 Ipv6AddressCount 中二选一，每次调用最多 10 个地址：这里的命令在一次调用中逐一指定这 {count} 个 IPv6 地址，使操作系统的配置与之完全一致。"),
        Ipv6TerraformInstanceForceNew => "Terraform：alicloud_instance 的 ipv6_addresses 是 ForceNew（修改会重建实例），所以代码片段不写它；请用 aliyun CLI 或在控制台为主网卡分配 IPv6 地址。".into(),
        ApiVersion6 => "ECS API 版本 2014-05-26。Ipv6Address.N 和 Ipv6AddressCount 只能传其中一个；N 取 1 到 10。".into(),
        ConsoleAssignEach6 { addrs } => format!("在管理弹性网卡 IP 地址对话框的 IPv6 区域，每个地址单击一次增加，选择手动输入（不要选自动分配），依次填入：{}", sub_list(addrs)),
        ConsoleConfirmAssigned6 { count } => if *count == 1 { "单击确定，然后在弹性网卡详情页确认其 IPv6 地址中已列出这个地址。".into() } else { "单击确定，然后在弹性网卡详情页确认已列出其中每一个地址：IPv4 地址在辅助私网 IP 中，IPv6 地址在 IPv6 地址中。".into() },
        ConsoleUndoRemove6 { addrs, then_confirm } => format!("在 IPv6 区域，单击以下每个地址右侧的删除图标以取消分配{}：{}", if *then_confirm { "，然后单击确定" } else { "" }, sub_list(addrs)),
        LaunchIpv6NotAwaited => "首次启动只等待元数据服务器列出 IPv4 辅助私网 IP；aliyun 代码块紧接着分配 IPv6 地址（交换机须已开启 IPv6），而脚本无论云上是否已分配都会配置它们。".into(),
        ApiVersion => "ECS API 版本 2014-05-26。PrivateIpAddress.N 和 SecondaryPrivateIpAddressCount 只能传其中一个。".into(),
        ConsoleOpenRegion { region } => format!("登录 ECS 控制台，在顶部菜单栏选择地域 {region}。"),
        ConsoleCheckBound { eni } => format!("确认辅助弹性网卡 {eni} 已绑定到实例（网络与安全 > 弹性网卡：状态为已绑定；如果是可用，请在其操作列中单击绑定实例）。"),
        ConsoleGoToEnis => "在左侧导航栏，选择网络与安全 > 弹性网卡。".into(),
        ConsoleFindEni { eni, primary, kind } => match kind {
            EniKind::Primary => format!("找到弹性网卡 {eni}（主网卡，主私网 IP {primary}），在其操作列中单击管理弹性网卡 IP 地址。"),
            EniKind::Secondary => format!("找到弹性网卡 {eni}（主私网 IP {primary}），在其操作列中单击管理弹性网卡 IP 地址。"),
        },
        ConsoleAssignEach { addrs } => format!("在管理弹性网卡 IP 地址对话框的辅助私网 IPv4 地址区域，每个地址单击一次增加，选择手动输入（不要选自动分配），依次填入：{}", sub_list(addrs)),
        ConsoleConfirmAssigned { count } => if *count == 1 { "单击确定，然后在弹性网卡详情页确认其辅助私网 IP 中已列出这个地址。".into() } else { "单击确定，然后在弹性网卡详情页确认其辅助私网 IP 中已列出其中每一个地址。".into() },
        ConsoleUndoOsFirst => "先从操作系统中删除这些地址并使修改生效（上面的步骤）。".into(),
        ConsoleUndoOpen { region } => format!("登录 ECS 控制台，选择地域 {region}，在左侧导航栏选择网络与安全 > 弹性网卡。"),
        ConsoleUndoFind { eni } => format!("找到弹性网卡 {eni}，在其操作列中单击管理弹性网卡 IP 地址。"),
        ConsoleUndoRemove { addrs } => format!("在辅助私网 IPv4 地址区域，单击以下每个地址右侧的删除图标以取消分配，然后单击确定：{}", sub_list(addrs)),
        ConsolePrimaryStays { primary } => format!("主私网 IP {primary} 不能取消分配：请保留它。"),
        NetshFirstTimeOnly => "只在接口仍使用 DHCP 时运行第一段：`set address` 会替换接口的所有地址，所以接口改为静态以后（之后再添加辅助私网 IP 时），只运行 `add address` 行。脚本会自动判断。".into(),
        VerifySourceMayBeSecondary { gateway, primary } => format!("`ip -4 route get {gateway}` 显示内核为子网选择的源地址。在保留 DHCP 模式下，它可能是某个辅助私网 IP 而不是 {primary}：因为辅助私网 IP 在 DHCP 租约之前就已添加，而且 NetworkManager 会把静态地址列在前面。如果对端或白名单必须看到 {primary}，请在“高级”中把源地址选为“仅主私网 IP”。"),
        VerifyEniRouting { interface, table } => format!("{interface} 的每个地址都有一条 `from ADDRESS lookup {table}` 规则；路由表 {table} 中有子网路由和经过 {interface} 的默认路由；从每个地址执行 `ip route get` 都从 {interface} 发出；main 路由表的默认路由仍属于主网卡，且没有经过 {interface} 的默认路由。"),
        EniOwnTable { interface, table } => format!("{interface} 是辅助弹性网卡：它的子网路由和默认路由放在路由表 {table} 中，它的每个地址有一条 `from ADDRESS lookup {table}` 规则，因此这些地址的回包从 {interface} 发出。main 路由表只保留主网卡的默认路由：如果那里再有一条，所有流量（包括 SSH 和 EIP 的回包）都会从 {interface} 发出，而专有网络 VPC 会丢弃它们。"),
        RpFilterLoose { interface } => format!("在 /etc/sysctl.d 中把 {interface} 的反向路径过滤设为宽松（2）：源地址规则保证回包对称，但在严格过滤（1，RHEL 8 的默认值）下，发给它的某个地址却从另一个接口到达的包（同一交换机中的两块弹性网卡会互相应答 ARP）会被丢弃。"),
        NetplanEniOverrides { interface } => format!("50-cloud-init.yaml 保持不变：之后读取的 60-secondary-ips.yaml 关闭 {interface} 的 dhcp4，并为它设置自己的路由表；{interface} 的默认路由不会进入 main 路由表，主网卡保持原有配置。"),
        GuideFormNotForSecondaryEni => "官方文档的写法会改写 50-cloud-init.yaml，而它也配置着主网卡：对于辅助弹性网卡，本向导改为写入自己的文件。".into(),
        NetplanEniDhcpRoutes { interface } => format!("`use-routes: false` 使 {interface} 的 DHCP 下发的默认路由不进入 main 路由表（否则租约变化后，cloud-init 的跃点数 200 仍会与主网卡的默认路由竞争）；它的默认路由改为放在自己的路由表中。"),
        ExpectNoMainDefault { interface } => format!("main 路由表中没有经过 {interface} 的默认路由"),
        CloudSetupWhatItDoes { interface } => format!("nm-cloud-setup 从元数据服务器读取云上分配给每块弹性网卡的地址，并把它们加到对应接口（包括 {interface}）的运行配置中，同时使用自己的策略路由：每个地址一条进入路由表 30200 和 30400（再加上该弹性网卡在元数据中的序号）的规则，以及一条让其他流量走 main 路由表的规则 30350。每次运行都会这样做：设备启动或其租约变化时（它的 NetworkManager 调度脚本），以及每 5 分钟一次（它的定时器）。"),
        CloudSetupNothingToReview => "不会写入任何含地址的文件：nm-cloud-setup 添加的内容只存在于 NetworkManager 的运行配置中（`nmcli device show`），不在连接配置里，所以没有可检查的文件；实例得到的是云上的地址列表，而不是表单中的列表。请先在云上分配这些地址（分配步骤）。".into(),
        CloudSetupEveryEni { interface } => format!("它管理实例的每一块弹性网卡，而不只是 {interface}；带有用户数据 `org.freedesktop.nm-cloud-setup.skip=yes` 的连接配置不受它管理。用其他方式配置辅助私网 IP 会与它冲突：两者只能选其一。"),
        CloudSetupAvailability => "Aliyun 提供方随 NetworkManager 1.32 提供（RHEL 8.5 及更高版本、RHEL 9 及其衍生发行版、Fedora 35 及更高版本），软件包为 `NetworkManager-cloud-setup`；NetworkManager 版本过旧时脚本会停止。Debian 和 Ubuntu 没有 nm-cloud-setup 软件包。".into(),
        CloudSetupModeIgnored => "nm-cloud-setup 不会改变主私网 IP 的配置方式：连接配置保持原有的方式（阿里云镜像上为 DHCP），因此静态模式不适用于这种方式；表单中的网关和 DNS 服务器都不会被写入。".into(),
        CloudSetupOwnTables { interface, table } => format!("在 {interface} 上，nm-cloud-setup 使用自己的路由表（30200 和 30400 再加上该弹性网卡在元数据中的序号），而不是表单中的路由表 {table}。"),
        CloudSetupRuns => "`systemctl start` 运行它一次，并在 NetworkManager 应用了这些地址后返回；脚本只在附加配置文件有变化或缺少地址时才运行它。".into(),
        CloudSetupVerify { gateway } => format!("它的规则：每个地址都有 `from 地址 lookup 30200`（子网）和 `lookup 30400`（经 {gateway} 的默认路由），以及 30350 `lookup main suppress_prefixlength 0`；`journalctl -u nm-cloud-setup` 会显示每次运行发现和修改了什么。"),
        CloudSetupNoUndo { interface } => format!("关闭 nm-cloud-setup 本身不会删除任何东西：它没有撤销功能，它添加的内容会留在运行配置中，直到再次应用连接配置。`nmcli device reapply {interface}` 按保存的连接配置重新应用，不再包含它添加的地址和规则（重启也一样）；其他弹性网卡的接口也要各运行一次。"),
        AssistantHow { timeout, wait_minutes, confirm } => format!("云助手以 root 身份在实例上无人值守地运行同一个一键脚本，并带上 {confirm}（RunCommand，超时 {timeout} 秒）；随后命令每 5 秒查询一次结果，最多等待 {wait_minutes} 分钟（DescribeInvocationResults），输出脚本的运行结果，脚本未成功时以非零状态退出。实例须处于运行中并装有云助手 Agent（公共镜像已预装）。"),
        AssistantMissing { region, instance } => match (region, instance) {
            (true, true) => "请先填写地域 ID 和实例 ID：留空时云助手命令会提示并停止。".into(),
            (true, false) => "请先填写地域 ID：留空时云助手命令会提示并停止。".into(),
            (false, true) => "请先填写实例 ID：留空时云助手命令会提示并停止。".into(),
            (false, false) => String::new(),
        },
        AssistantInParts { parts } => format!("脚本超过了单条云助手命令的上限：这些代码块会把它分 {parts} 部分发送到实例（每部分由一条命令追加到实例上的一个文件），然后运行；Terraform 的单条命令无法承载它。"),
        AssistantTooLarge { size, limit } => format!("此脚本不能通过云助手运行：Base64 编码后为 {size} 字节，超过云助手对单条命令 {limit} 字节的上限。请改从 VNC 远程连接或 SSH 运行脚本。"),
        AssistantCannotEmbed { line } => format!("此脚本不能通过云助手运行：它含有一行 {line}，放进云助手命令后会使脚本提前结束。请改从 VNC 远程连接或 SSH 运行脚本。"),
        LaunchHow { wait, log, confirm } => format!("使用这份自定义数据创建的新实例会在首次启动时自行配置辅助私网 IP：运行同一个一键脚本，带 {confirm} 无人值守地运行一次（包括它的安全网）。云上要等实例运行后才分配辅助私网 IP（aliyun 代码块和 Terraform 的 provider 届时调用 AssignPrivateIpAddresses），所以首次启动会先等待元数据服务器列出每个计划中的地址，最多 {wait} 秒，超时后仍然配置，并说明缺少哪些地址。输出位于：{log}。主私网 IP 必须与计划一致：这些代码块会用它创建实例。"),
        LaunchWindows => "Windows 读取自定义数据的第一行：[powershell] 表示首次启动时把其余内容作为 PowerShell 脚本运行（阿里云 Windows 实例的自定义数据格式）。一个标记文件使第二次运行什么也不做。这里只用 PowerShell 的语法解析器和黄金文件检查过，从未在 Windows 上运行。".into(),
        LaunchCompressed => "脚本原样放不进自定义数据的 16 KB：它以 gzip 压缩并经 Base64 编码后放入（cloud-init write_files 的 gz+b64 编码；Windows 上用 .NET 的 GzipStream 解压），与上面的脚本逐字节相同。".into(),
        LaunchNotForSecondaryEni => "不适用于辅助弹性网卡：创建实例时只有主网卡会得到自定义数据中的地址。请先把该网卡绑定到实例，再使用脚本或云助手。".into(),
        LaunchTooLarge { size, limit } => format!("此脚本不能放入自定义数据：即使压缩后也有 {size} 字节，超过实例自定义数据在 Base64 编码前 {limit} 字节的上限。请先创建实例，再运行脚本或使用云助手。"),
        Ipv6Added { interface, prefix } => format!("IPv6 地址以 /{prefix}（交换机的 IPv6 网段）添加到 {interface}，整个网段都可直连。弹性网卡自己的 IPv6 地址和 IPv6 默认路由在两种模式下都保持镜像原来的获取方式（DHCPv6 和路由通告）：表单中没有可写入的 IPv6 网关。"),
        Ipv6NotByThisMethod => "这种方式尚不配置 IPv6：它的步骤和脚本只添加 IPv4 地址。请先在云上分配 IPv6 地址，再用此操作系统的其他方式在实例上添加，或用 `ip -6 addr add` 临时添加（重启后失效）。".into(),
        Ipv6NotOnSecondaryEni => "此方法暂不在辅助弹性网卡上配置 IPv6 地址：它的 IPv6 流量需要自己的策略路由（`ip -6 rule`，并把路由通告给出的路由放进该网卡自己的路由表），目前只有临时生效方法、ifupdown、wicked（SLES 12 及以后）、systemd-networkd、netplan 和 NetworkManager（nmcli、keyfile，以及由 NetworkManager 读取的 ifcfg 文件）会写入（Windows 不需要：它只从持有某个地址的接口发送以该地址为源的流量）。步骤和脚本只添加 IPv4 地址。".into(),
        Ipv6EniTable { interface, table } => format!("{interface} 是辅助弹性网卡：路由通告给出的 IPv6 默认路由（经路由器的链路本地地址 fe80::）和 IPv6 网段都放进路由表 {table}，而不是主路由表，并且每个 IPv6 地址一条源地址规则（`ip -6 rule`，优先级 {table}），与 IPv4 相同：从 {interface} 的地址发出的 IPv6 流量经 {interface} 离开，其他 IPv6 流量仍走主网卡的路由。"),
        NetplanRaDropin { interface, table, path } => format!("netplan 没有设置路由通告所给路由所在路由表的键（netplan 0.106 不接受 `ra-overrides`），所以在 netplan 为 {interface} 生成的 `.network` 文件旁放一个 systemd-networkd 补充配置 {path}，把这些路由放进路由表 {table}。撤销后它和路由表一样保留。"),
        RuntimeRouterCopied { interface, table } => format!("内核无法把路由通告给出的路由放进其他路由表，所以这些命令把 {interface} 的 IPv6 默认路由（经路由器的链路本地地址）复制到路由表 {table}，并让内核不再把默认路由加回主路由表（`accept_ra_defrtr=0`，与地址一样在重启前有效）。复制的路由不会跟随路由器变化：如果路由器的链路本地地址变了，请再运行一次这些命令。"),
        VerifyIpv6 { interface } => format!("每个 IPv6 地址都在 {interface} 上，带 `scope global`，既不是 `tentative`（重复地址检测仍在进行）也不是 `dadfailed`；IPv6 默认路由来自路由通告。"),
        AssistantOutput => "输出很长时，云助手可能只保留末尾部分（脚本的检查结果在最后输出）。如果这次修改使实例断网，结果可能无法返回：脚本自带的回滚仍会在实例上执行。".into(),
        CloudSetupPrimaryStatic { primary } => format!("它也会添加主私网 IP {primary}，作为租约之外的静态地址：在它启用期间，`ip -4 addr` 显示的 {primary} 不带 `dynamic`，也没有租约有效期。"),
        CloudSetupUnassign => "只要它处于启用状态，在云上取消分配的地址会在它下一次运行时（5 分钟内）从实例上消失，新分配的地址也会随之加上。".into(),
        NmRouteTable { interface, table } => format!("`ipv4.route-table {table}` 把该连接配置的所有路由放进路由表 {table}：包括 DHCP 为 {interface} 下发的默认路由和子网路由（或静态网关），所以它们都不会进入 main 路由表；每个地址一条的策略路由规则把 {interface} 上地址的回包送到那里。"),
    }
}

/// A step's heading, in Chinese.
pub fn step_title(kind: crate::render::StepKind) -> String {
    use crate::render::StepKind::*;
    match kind {
        Assign => "在云上分配地址",
        Configure => "配置操作系统",
        Apply => "使配置生效",
        Verify => "验证",
        Undo => "撤销",
    }
    .into()
}

/// The note on the per-ENI limit that validation checked.
fn limit_checked(per_eni: u32, source: &LimitSource, used: usize, state: EniState) -> String {
    let from = match source {
        LimitSource::Available => "可用（Available）状态的弹性网卡".to_owned(),
        LimitSource::InstanceType(t) => format!("实例规格 {t}"),
        LimitSource::Typed => "您填写的数值".to_owned(),
        LimitSource::Unknown => "所有实例规格中最大的上限".to_owned(),
    };
    let free = (per_eni as usize).saturating_sub(used);
    let mut text = format!(
        "已按单网卡 {per_eni} 个私网 IPv4 地址检查（{from}，含主私网 IP）：本方案使用 {used} 个，还剩 {free} 个。"
    );
    if state == EniState::Available {
        text.push_str("可用（Available）状态的弹性网卡最多 10 个；绑定后按实例规格的上限计算。");
    } else if *source == LimitSource::Unknown {
        text.push_str("未填写实例规格：请在表单中选择它，以检查它自己的上限。");
    } else if *source == LimitSource::Typed {
        text.push_str("实时的数值是 DescribeInstanceTypes 中的 EniPrivateIpAddressQuantity。");
    }
    text
}
