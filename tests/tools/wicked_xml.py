#!/usr/bin/env python3
"""Prints what `wicked show-config` says, one fact a line, for tests/readers.rs.

Reads wicked's XML on stdin (several <interface> elements, and element names
such as <ipv4:static> with no namespace declared, so a namespace-aware parser
would refuse it: expat without namespace processing reads it as is). Prints
tab-separated rows, in document order:

    interface NAME ORIGIN
    ipv4 true|false               (<ipv4><enabled>)
    dhcp4 true|false              (<ipv4:dhcp><enabled>; absent: no row)
    addr LOCAL LABEL              (each <ipv4:static><address>; LABEL or -)
    route DESTINATION GATEWAY TABLE  (each <ipv4:static><route>; - when absent;
                                  TABLE its <kern><table>, main when absent)
    rule PRIORITY FROM TABLE      (each <ipv4:static><rule> that looks up a table)
    dhcp6 true|false              (<ipv6:dhcp><enabled>; absent: no row)
    addr6 LOCAL                   (each <ipv6:static><address>)
    rule6 PRIORITY FROM TABLE     (each <ipv6:static><rule> that looks up a table)
    unknown PATH                  (an element under <ipv4:static> or
                                  <ipv6:static> not read here)
"""

import sys
import xml.parsers.expat


class Node:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = attrs
        self.children = []
        self.text = ""

    def find(self, tag):
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag):
        return [c for c in self.children if c.tag == tag]

    def value(self, *path):
        node = self
        for tag in path:
            node = node.find(tag) if node is not None else None
        return node.text.strip() if node is not None else None


def parse(text):
    holder = Node("", {})
    stack = [holder]
    p = xml.parsers.expat.ParserCreate()

    def start(tag, attrs):
        n = Node(tag, attrs)
        stack[-1].children.append(n)
        stack.append(n)

    def end(_tag):
        stack.pop()

    def chars(data):
        stack[-1].text += data

    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.Parse("<root>" + text + "</root>", True)
    return holder.children[0]


def rule_row(kind, c):
    """The row of a <rule> that looks up a table."""
    return "%s\t%s\t%s\t%s" % (
        kind,
        c.value("match", "priority") or "-",
        c.value("match", "from") or "all",
        c.value("action", "table") or "-",
    )


def main():
    root = parse(sys.stdin.read())
    for iface in root.findall("interface"):
        print("interface\t%s\t%s" % (iface.value("name"), iface.attrs.get("origin", "-")))
        enabled = iface.value("ipv4", "enabled")
        if enabled is not None:
            print("ipv4\t%s" % enabled)
        dhcp = iface.find("ipv4:dhcp")
        if dhcp is not None:
            print("dhcp4\t%s" % (dhcp.value("enabled") or "-"))
        dhcp6 = iface.find("ipv6:dhcp")
        if dhcp6 is not None:
            print("dhcp6\t%s" % (dhcp6.value("enabled") or "-"))
        for static in iface.findall("ipv6:static"):
            for c in static.children:
                if c.tag == "address":
                    print("addr6\t%s" % c.value("local"))
                elif c.tag == "rule" and c.value("action", "type") == "lookup":
                    print(rule_row("rule6", c))
                else:
                    print("unknown\tipv6:static/%s" % c.tag)
        for static in iface.findall("ipv4:static"):
            for c in static.children:
                if c.tag == "address":
                    print("addr\t%s\t%s" % (c.value("local"), c.value("label") or "-"))
                elif c.tag == "route":
                    gw = c.value("nexthop", "gateway") or "-"
                    table = c.value("kern", "table") or "main"
                    print("route\t%s\t%s\t%s" % (c.value("destination") or "-", gw, table))
                elif c.tag == "rule" and c.value("action", "type") == "lookup":
                    print(rule_row("rule", c))
                else:
                    print("unknown\tipv4:static/%s" % c.tag)


if __name__ == "__main__":
    main()
