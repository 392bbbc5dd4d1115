"""Checks a PowerShell artifact with tree-sitter-pwsh (VALIDATORS.md).

usage: pwsh_check.py FILE --primary IP --secondaries IP,IP [--order] [--parse-only]

1. Parses FILE; any ERROR or MISSING node is a finding (line:col and text).
2. Every New-NetIPAddress that names a secondary (or a variable, as in a
   loop over the secondaries) passes -SkipAsSource $true; one that names the
   primary does not; every secondary appears in the text as a literal.
3. With --order: the primary address, the default gateway (New-NetRoute
   0.0.0.0/0 or -DefaultGateway) and the DNS servers
   (Set-DnsClientServerAddress) are set before the first secondary is added.

Prints one finding per line and exits 1 if there is any; exits 0 silently.
"""

import argparse
import re
import sys

import tree_sitter
import tree_sitter_pwsh

LANG = tree_sitter.Language(tree_sitter_pwsh.language())


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def text(src, node):
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def unquote(s):
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "'\"":
        return s[1:-1]
    return s


def commands(src, root):
    """(start_byte, name lower-case, [(param lower-case or None, value text)])."""
    out = []
    for n in walk(root):
        if n.type != "command":
            continue
        name = None
        args = []
        for c in n.children:
            if c.type == "command_name":
                name = text(src, c).lower()
            elif c.type == "command_elements":
                pending = None
                for e in c.children:
                    if e.type == "command_argument_sep":
                        continue
                    t = text(src, e)
                    if e.type == "command_parameter":
                        if pending is not None:
                            args.append((pending, None))
                        if ":" in t[1:]:
                            p, v = t.split(":", 1)
                            args.append((p.lower(), v))
                            pending = None
                        else:
                            pending = t.lower()
                    else:
                        args.append((pending, t))
                        pending = None
                if pending is not None:
                    args.append((pending, None))
        if name:
            out.append((n.start_byte, name, args))
    return out


def arg(args, param):
    for p, v in args:
        if p == param:
            return v
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--primary", required=True)
    ap.add_argument("--secondaries", required=True)
    ap.add_argument("--order", action="store_true")
    ap.add_argument("--parse-only", action="store_true", help="only the ERROR/MISSING check")
    a = ap.parse_args()
    secondaries = [s for s in a.secondaries.split(",") if s]
    src = open(a.file, "rb").read()
    tree = tree_sitter.Parser(LANG).parse(src)
    findings = []
    for n in walk(tree.root_node):
        if n.type == "ERROR" or n.is_missing:
            line, col = n.start_point
            kind = "MISSING " + n.type if n.is_missing else "ERROR"
            snippet = text(src, n).splitlines()[0][:80] if text(src, n) else ""
            findings.append(f"{a.file}:{line + 1}:{col + 1}: tree-sitter-pwsh: {kind} near {snippet!r}")
    body = src.decode("utf-8", "replace")
    if a.parse_only:
        secondaries = []
    for s in secondaries:
        if not re.search(r"(?<![0-9.])" + re.escape(s) + r"(?![0-9.])", body):
            findings.append(f"{a.file}: the secondary {s} does not appear")
    # Simple assignments ($primary = '192.168.1.201') resolve variable arguments.
    known = {m.group(1).lower(): m.group(2) for m in re.finditer(r"^\s*\$(\w+)\s*=\s*'([0-9.]+)'\s*$", body, re.M)}
    cmds = commands(src, tree.root_node)
    first_secondary = None
    primary_at = gateway_at = dns_at = None
    for at, name, args in ([] if a.parse_only else cmds):
        if name == "new-netipaddress":
            ip = arg(args, "-ipaddress")
            ip = unquote(ip) if ip else ip
            if ip and ip.startswith("$") and ip[1:].lower() in known:
                ip = known[ip[1:].lower()]
            skip = arg(args, "-skipassource")
            skip_true = skip is not None and skip.lower() in ("$true", "1")
            line = body[:at].count("\n") + 1
            if ip == a.primary:
                if skip_true:
                    findings.append(f"{a.file}:{line}: the primary {ip} is added with SkipAsSource $true")
                primary_at = at if primary_at is None else primary_at
                if arg(args, "-defaultgateway") is not None:
                    gateway_at = at if gateway_at is None else gateway_at
            else:
                if not skip_true:
                    findings.append(f"{a.file}:{line}: New-NetIPAddress -IPAddress {ip} without -SkipAsSource $true")
                if ip is not None and not ip.startswith("$") and ip not in secondaries:
                    findings.append(f"{a.file}:{line}: New-NetIPAddress adds {ip}, which is not planned")
                first_secondary = at if first_secondary is None else first_secondary
        elif name == "new-netroute":
            dest = arg(args, "-destinationprefix")
            if dest and unquote(dest) == "0.0.0.0/0":
                gateway_at = at if gateway_at is None else gateway_at
        elif name == "set-dnsclientserveraddress":
            dns_at = at if dns_at is None else dns_at
    if a.order:
        if first_secondary is None:
            findings.append(f"{a.file}: no New-NetIPAddress adds a secondary")
        else:
            for what, at in (("primary address", primary_at), ("default gateway", gateway_at), ("DNS servers", dns_at)):
                if at is None:
                    findings.append(f"{a.file}: the {what} is never set")
                elif at > first_secondary:
                    line = body[:first_secondary].count("\n") + 1
                    findings.append(f"{a.file}: the {what} is set after the first secondary (line {line})")
    for f in findings:
        print(f)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
