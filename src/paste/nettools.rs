//! The kernel routing table as net-tools and BusyBox print it: `route -n`
//! (`Destination Gateway Genmask Flags Metric Ref Use Iface`) and
//! `netstat -rn` (`… Flags MSS Window irtt Iface`).

use std::net::Ipv4Addr;

use super::findings::{Builder, Lines, Route};
use super::text::{ipv4, mask, Line};
use super::Tool;

/// Whether a line is the table's title, its header or one of its rows.
pub(crate) fn is_table(line: &Line) -> bool {
    let t = line.text.trim();
    t == "Kernel IP routing table" || header_tool(t).is_some() || row(t).is_some()
}

/// The tool a header line belongs to.
fn header_tool(t: &str) -> Option<Tool> {
    let w: Vec<&str> = t.split_whitespace().collect();
    if w.len() < 5 || w[..4] != ["Destination", "Gateway", "Genmask", "Flags"] {
        return None;
    }
    match w[4] {
        "Metric" => Some(Tool::RouteN),
        "MSS" => Some(Tool::NetstatRn),
        _ => None,
    }
}

/// A row: destination, gateway, genmask, flags, three numbers, interface.
struct Row<'a> {
    dest: Ipv4Addr,
    gateway: Ipv4Addr,
    prefix: u8,
    fifth: Option<u32>,
    iface: &'a str,
}

fn row(t: &str) -> Option<Row<'_>> {
    let w: Vec<&str> = t.split_whitespace().collect();
    if w.len() != 8 {
        return None;
    }
    let flags_ok = !w[3].is_empty() && w[3].bytes().all(|b| b"UGHRDMACL!".contains(&b));
    if !flags_ok || !w[4..7].iter().all(|n| n.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    Some(Row {
        dest: ipv4(w[0])?,
        gateway: ipv4(w[1])?,
        prefix: mask(w[2])?,
        fifth: w[4].parse().ok(),
        iface: w[7],
    })
}

/// One table, its tool taken from the header (or the command line's hint;
/// `route -n` when neither says).
pub(crate) struct TableReader {
    tool: Option<Tool>,
    hint: Option<Tool>,
    lines: Option<Lines>,
}

impl TableReader {
    pub fn new(hint: Option<Tool>) -> TableReader {
        TableReader {
            tool: None,
            hint: hint.filter(|t| matches!(t, Tool::RouteN | Tool::NetstatRn)),
            lines: None,
        }
    }

    /// The tool of this table.
    pub fn tool(&self) -> Tool {
        self.tool.or(self.hint).unwrap_or(Tool::RouteN)
    }

    pub fn feed(&mut self, line: &Line, b: &mut Builder) -> bool {
        let t = line.text.trim();
        if t == "Kernel IP routing table" {
            // A second table starts a block of its own.
            if self.lines.is_some() {
                return false;
            }
        } else if let Some(tool) = header_tool(t) {
            if self.tool.is_some() {
                return false;
            }
            self.tool = Some(tool);
        } else if let Some(r) = row(t) {
            let tool = self.tool();
            b.route(Route {
                origin: line.origin(tool),
                destination: r.dest,
                prefix: r.prefix,
                gateway: (!r.gateway.is_unspecified()).then_some(r.gateway),
                dev: Some(r.iface.to_owned()),
                // netstat's fifth column is the MSS; without a header, the
                // metric is not known.
                metric: (self.tool.or(self.hint) == Some(Tool::RouteN))
                    .then_some(r.fifth)
                    .flatten(),
                src: None,
            });
        } else {
            return false;
        }
        let l = line.span();
        self.lines = Some(self.lines.map_or(l, |x| x.span(l)));
        true
    }
}
