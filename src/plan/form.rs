//! The raw form: every value exactly as the user typed or chose it.

use std::fmt;

use crate::catalog::os::DEFAULT_OS;

/// The form as typed. Every field is a string (choices included), so that a
/// bad value from a URL or from storage is kept and shown as a field error,
/// never dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// Cloud profile id (`alibaba`).
    pub cloud: String,
    /// OS id from the catalog (`ubuntu22`).
    pub os: String,
    /// `keep` (DHCP primary, add secondaries) or `static`.
    pub mode: String,
    /// `safe` (default) or `guide` (the guide's own example form).
    pub style: String,
    /// ENI kind: `primary` or `secondary`.
    pub eni_kind: String,
    /// ENI state: `available` or `inuse`.
    pub eni_state: String,
    /// The routing table of a secondary ENI, optional (default 1000 + the
    /// interface's device index: eth1 → 1001).
    pub route_table: String,
    /// Whether a secondary may be the source of new connections: `any`
    /// (default) or `primary` (the secondaries as /32).
    pub source: String,
    /// Instance type (`ecs.g7.large`), optional.
    pub instance_type: String,
    /// Private IPv4 per ENI typed by the user (for a type not in the catalog), optional.
    pub limit: String,
    /// Linux interface name.
    pub interface: String,
    /// Windows interface alias.
    pub windows_alias: String,
    /// NetworkManager connection name.
    pub connection: String,
    /// MAC address, optional.
    pub mac: String,
    /// vSwitch CIDR (`192.168.1.0/24`) or a mask (`255.255.255.0`, `/24`, `24`).
    pub cidr: String,
    /// Default gateway.
    pub gateway: String,
    /// Primary private IP.
    pub primary: String,
    /// Secondary IPs, one entry per row (a row may hold a pasted list).
    pub secondaries: Vec<String>,
    /// The vSwitch's IPv6 CIDR block (`2408:4005:3a8:6300::/64`), optional:
    /// empty, with the two IPv6 fields below, means no IPv6.
    pub cidr6: String,
    /// The IPv6 address the ENI already has, optional.
    pub primary6: String,
    /// The IPv6 addresses to add, separated by commas, spaces or newlines
    /// (like a pasted secondary row); optional.
    pub secondaries6: String,
    /// DNS servers, separated by commas, spaces or newlines; optional.
    pub dns: String,
    /// Region id, optional.
    pub region: String,
    /// ENI id, optional.
    pub eni_id: String,
    /// Instance id (`i-…`), optional: the Cloud Assistant commands run the
    /// script on it.
    pub instance_id: String,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            cloud: "alibaba".into(),
            os: DEFAULT_OS.as_str().into(),
            mode: "keep".into(),
            style: "safe".into(),
            eni_kind: "primary".into(),
            eni_state: "inuse".into(),
            route_table: String::new(),
            source: "any".into(),
            instance_type: String::new(),
            limit: String::new(),
            interface: "eth0".into(),
            windows_alias: "Ethernet".into(),
            connection: "System eth0".into(),
            mac: String::new(),
            cidr: String::new(),
            gateway: String::new(),
            primary: String::new(),
            secondaries: vec![String::new()],
            cidr6: String::new(),
            primary6: String::new(),
            secondaries6: String::new(),
            dns: String::new(),
            region: String::new(),
            eni_id: String::new(),
            instance_id: String::new(),
        }
    }
}

impl Form {
    /// The guide's example: 192.168.1.0/24, gateway .253, primary .201,
    /// secondaries .202 and .203.
    ///
    /// ```
    /// let plan = wizard::plan::validate(&wizard::plan::Form::guide_example()).unwrap();
    /// assert_eq!(plan.secondaries.len(), 2);
    /// ```
    pub fn guide_example() -> Form {
        Form {
            cidr: "192.168.1.0/24".into(),
            gateway: "192.168.1.253".into(),
            primary: "192.168.1.201".into(),
            secondaries: vec!["192.168.1.202".into(), "192.168.1.203".into()],
            ..Form::default()
        }
    }

    /// Every IPv6 address to add, as typed, split on commas, whitespace and
    /// newlines, empty pieces dropped.
    ///
    /// ```
    /// let form = wizard::plan::Form { secondaries6: "2001:db8::5, 2001:db8::6".into(), ..Default::default() };
    /// assert_eq!(form.secondary6_items(), ["2001:db8::5", "2001:db8::6"]);
    /// ```
    pub fn secondary6_items(&self) -> Vec<&str> {
        split_list(&self.secondaries6)
    }

    /// Every secondary address as typed, rows split on commas, whitespace and
    /// newlines, empty pieces dropped, each with the row it came from.
    pub fn secondary_items(&self) -> Vec<(usize, &str)> {
        self.secondaries
            .iter()
            .enumerate()
            .flat_map(|(row, text)| split_list(text).into_iter().map(move |s| (row, s)))
            .collect()
    }
}

/// Splits pasted text on commas, semicolons and any whitespace, dropping empty pieces.
///
/// ```
/// assert_eq!(wizard::plan::form::split_list("10.0.0.5, 10.0.0.6\n10.0.0.7"),
///            ["10.0.0.5", "10.0.0.6", "10.0.0.7"]);
/// ```
pub fn split_list(text: &str) -> Vec<&str> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Declares [`Field`] from one table: each field's variant, its URL query
/// parameter (short and stable: documented in the README) and the [`Form`]
/// slot that holds its text (none for the secondary list, which holds
/// rows). Generates `Field`, `Field::ALL`, `Field::param`, `Form::text` and
/// `Form::text_mut`. A field's name for people is wording
/// ([`crate::wording::field_name`]).
macro_rules! fields {
    (@get $form:expr, $slot:ident) => { Some(&$form.$slot) };
    (@get $form:expr,) => { None };
    (@get_mut $form:expr, $slot:ident) => { Some(&mut $form.$slot) };
    (@get_mut $form:expr,) => { None };
    ($($(#[$doc:meta])* $variant:ident => $param:literal $(in $slot:ident)?,)+) => {
        /// A field of the form; problems are tied to one. `param` is the
        /// field's URL query parameter, which the page also uses in
        /// `data-error-for` and in its element ids.
        ///
        /// Fields sort in form order, each secondary row right after
        /// [`Field::Secondaries`] (problems are listed in that order).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Field {
            $($(#[$doc])* $variant,)+
            /// One secondary row, by index into [`Form::secondaries`].
            Secondary(usize),
        }

        impl Field {
            /// Every field that has its own URL parameter (one per field),
            /// in form order.
            pub const ALL: &'static [Field] = &[$(Field::$variant),+];

            /// The URL query parameter.
            ///
            /// ```
            /// use wizard::plan::Field;
            /// assert_eq!((Field::Gateway.param(), Field::Secondary(3).param()), ("gw", "sec"));
            /// ```
            pub const fn param(self) -> &'static str {
                match self {
                    $(Field::$variant => $param,)+
                    Field::Secondary(_) => Field::Secondaries.param(),
                }
            }
        }

        impl Form {
            /// The text of a single-valued field; `None` for the secondary
            /// list, which holds several rows.
            ///
            /// ```
            /// use wizard::plan::{Field, Form};
            /// assert_eq!(Form::default().text(Field::Interface), Some("eth0"));
            /// assert_eq!(Form::default().text(Field::Secondaries), None);
            /// ```
            pub fn text(&self, field: Field) -> Option<&str> {
                match field {
                    $(Field::$variant => fields!(@get self, $($slot)?),)+
                    Field::Secondary(_) => None,
                }
            }

            /// The text of a single-valued field, to change it; `None` for
            /// the secondary list.
            pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
                match field {
                    $(Field::$variant => fields!(@get_mut self, $($slot)?),)+
                    Field::Secondary(_) => None,
                }
            }
        }
    };
}

fields! {
    Cloud => "cloud" in cloud,
    Os => "os" in os,
    Mode => "mode" in mode,
    Style => "style" in style,
    EniKind => "eni" in eni_kind,
    EniState => "state" in eni_state,
    /// A secondary ENI's routing table.
    RouteTable => "table" in route_table,
    /// Which addresses may be the source of new connections.
    Source => "src" in source,
    InstanceType => "type" in instance_type,
    Limit => "limit" in limit,
    Interface => "if" in interface,
    WindowsAlias => "alias" in windows_alias,
    Connection => "con" in connection,
    Mac => "mac" in mac,
    Cidr => "cidr" in cidr,
    Gateway => "gw" in gateway,
    Primary => "ip" in primary,
    /// The secondary list as a whole (count, "at least one"); its rows are
    /// [`Field::Secondary`].
    Secondaries => "sec",
    /// The vSwitch's IPv6 CIDR block.
    Cidr6 => "cidr6" in cidr6,
    /// The ENI's own IPv6 address.
    Primary6 => "ip6" in primary6,
    /// The IPv6 addresses to add, as one list.
    Secondaries6 => "sec6" in secondaries6,
    Dns => "dns" in dns,
    Region => "region" in region,
    EniId => "eniid" in eni_id,
    /// The instance the Cloud Assistant commands run the script on.
    InstanceId => "iid" in instance_id,
}

impl Field {
    /// Where the field sorts: its place in [`Field::ALL`], then the row.
    fn rank(self) -> (usize, usize) {
        let (field, row) = match self {
            Field::Secondary(i) => (Field::Secondaries, i.saturating_add(1)),
            f => (f, 0),
        };
        (Field::ALL.iter().position(|&f| f == field).unwrap_or(usize::MAX), row)
    }
}

impl Ord for Field {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl PartialOrd for Field {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Field {
    /// The field's English name (for logs and test failures).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::wording::field_name(crate::wording::Locale::En, *self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_sort_in_form_order_rows_after_the_list() {
        let mut v = vec![
            Field::Dns,
            Field::Secondary(1),
            Field::Primary,
            Field::Secondary(0),
            Field::Secondaries,
            Field::Cloud,
        ];
        crate::small_sort::sort_by_key(&mut v, |&f| f);
        assert_eq!(
            v,
            [
                Field::Cloud,
                Field::Primary,
                Field::Secondaries,
                Field::Secondary(0),
                Field::Secondary(1),
                Field::Dns
            ]
        );
        assert!(Field::Secondary(usize::MAX) < Field::Dns);
    }

    #[test]
    fn every_parameter_is_distinct_and_every_field_but_the_list_has_a_slot() {
        let mut form = Form::default();
        for (i, &f) in Field::ALL.iter().enumerate() {
            assert!(Field::ALL[..i].iter().all(|g| g.param() != f.param()), "{f:?}");
            assert_eq!(form.text_mut(f).is_none(), f == Field::Secondaries, "{f:?}");
        }
    }
}
