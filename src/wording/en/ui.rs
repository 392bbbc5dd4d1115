//! The page's own texts in English: the fields' names, labels and hints.

use crate::plan::Field;

/// A field's words: its name, its label in the form where that says more
/// than the name, and where to find its real value.
struct FieldWords {
    name: &'static str,
    label: Option<&'static str>,
    hint: Option<&'static str>,
}

/// Every field's words, in one table.
const fn words(field: Field) -> FieldWords {
    const fn w(
        name: &'static str,
        label: Option<&'static str>,
        hint: Option<&'static str>,
    ) -> FieldWords {
        FieldWords { name, label, hint }
    }
    match field {
        Field::Cloud => w("Cloud", None, None),
        Field::Os => w("Operating system", None, None),
        Field::Mode => w("Mode", None, None),
        Field::Style => w("Style", None, None),
        Field::EniKind => w("Which ENI", None, None),
        Field::EniState => w("ENI state", None, None),
        Field::InstanceType => w(
            "Instance type",
            None,
            Some("Sets how many addresses the ENI may hold. Type a few letters (g7, c6, r7…) and pick from the list."),
        ),
        Field::Limit => w(
            "Private IPs per ENI",
            Some("Private IPs per ENI (only for a type not in the list)"),
            Some("From the instance family's page or DescribeInstanceTypes (EniPrivateIpAddressQuantity), primary included."),
        ),
        Field::Interface => w(
            "Linux interface name",
            None,
            Some("Run `ip a` on the instance: eth0, ens5, …"),
        ),
        Field::WindowsAlias => w(
            "Windows interface alias",
            None,
            Some("Run `ipconfig /all` (or Get-NetAdapter): Ethernet, Ethernet 2, …"),
        ),
        Field::Connection => w(
            "NetworkManager connection name",
            None,
            Some("Run `nmcli con show`: System eth0, cloud-init eth0, Wired connection 1, …"),
        ),
        Field::Mac => w(
            "MAC address",
            Some("MAC address (optional)"),
            Some("Shown by `ip link` or in the console's ENI details; ties the config to this ENI."),
        ),
        Field::Cidr => w(
            "vSwitch CIDR",
            Some("vSwitch CIDR or mask"),
            Some("In the console: VPC › vSwitches, column IPv4 CIDR block (e.g. 192.168.1.0/24). A mask (255.255.255.0 or /24) works with the primary IP."),
        ),
        Field::Gateway => w(
            "Gateway",
            None,
            Some("Filled in with Alibaba's usual gateway (third address from the end) once the CIDR is known; check it with `ip route`."),
        ),
        Field::Primary => w(
            "Primary IP",
            None,
            Some("The ENI's current private IP: `ip -4 addr` on Linux, `ipconfig` on Windows."),
        ),
        Field::Secondaries => w(
            "Secondary IPs",
            Some("Secondary private IPs"),
            Some("The addresses to add to the ENI. They must lie in the vSwitch and be free."),
        ),
        // Followed by the row's number.
        Field::Secondary(_) => w("Secondary IP", None, None),
        Field::Dns => w(
            "DNS servers",
            Some("DNS servers (optional)"),
            Some("Separated by commas or spaces; `cat /etc/resolv.conf` or `ipconfig /all`."),
        ),
        Field::Region => w(
            "Region ID",
            Some("Region ID (optional)"),
            Some("For the cloud commands: cn-hangzhou, ap-southeast-1, …"),
        ),
        Field::EniId => w(
            "ENI ID",
            Some("ENI ID (optional)"),
            Some("In the console's ENI list: eni-…"),
        ),
    }
}

/// A field's name ("vSwitch CIDR", "Secondary IP 2"): the summary's links,
/// the secondary rows' labels.
///
/// ```
/// use wizard::plan::Field;
/// use wizard::wording::en::ui::field_name;
/// assert_eq!(field_name(Field::Secondary(1)), "Secondary IP 2");
/// ```
pub fn field_name(field: Field) -> String {
    let name = words(field).name;
    if let Field::Secondary(row) = field {
        format!("{name} {}", row + 1)
    } else {
        name.to_owned()
    }
}

/// A field's label (or legend) in the form: its name, or more where the
/// form says more ("vSwitch CIDR or mask").
pub fn field_label(field: Field) -> String {
    words(field).label.map_or_else(|| field_name(field), str::to_owned)
}

/// Where to find a field's real value (shown under its label), if the form says.
pub fn field_hint(field: Field) -> Option<&'static str> {
    words(field).hint
}
