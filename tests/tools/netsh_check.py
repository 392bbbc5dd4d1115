"""Checks netsh/cmd artifacts line by line against the netsh forms the
project renders (every netsh call must be one of them; names quoted).

usage: netsh_check.py FILE --secondaries IP,IP --mask MASK
       [--secondaries6 IP6,IP6 --prefix6 N] [--adds]

A line that calls netsh may start with `if "%missing%"=="1" ` guards, and
may continue with `| findstr …`, `>nul`, `|| …` or `> "FILE"`; the netsh
command itself must match one of FORMS, with every interface name a
double-quoted string and every address a dotted quad. With --adds, every
secondary must be added exactly once with `skipassource=true` and MASK,
and every IPv6 address once with `/N` and `skipassource=true`.
Prints one finding per line; exits 1 if there is any.
"""

import argparse
import re
import sys

Q = r'"[^"%]+"'  # a quoted name (cmd cannot carry " or % inside)
IP = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}"
IP6 = r"[0-9a-f:]*:[0-9a-f:]*"  # an IPv6 address as the wizard prints it (RFC 5952)

FORMS = [
    rf"netsh interface set interface name={Q} admin=(?:enabled|disabled)",
    rf"netsh interface ipv4 set address name={Q} static {IP} {IP}(?: {IP})?",
    rf"netsh interface ipv4 set address name={Q} (?:source=)?dhcp",
    rf"netsh interface ipv4 set dnsservers name={Q} static {IP} primary validate=no",
    rf"netsh interface ipv4 set dnsservers name={Q} (?:source=)?dhcp",
    rf"netsh interface ipv4 add dnsservers name={Q} {IP} index=\d validate=no",
    rf"netsh interface ipv4 add address name={Q} (?P<add>{IP}) (?P<mask>{IP}) skipassource=true",
    rf"netsh interface ipv4 delete address name={Q} addr={IP}",
    rf"netsh interface ipv4 set interface interface={Q} metric=\d+",
    rf"netsh interface ipv4 show (?:addresses|config|route|interfaces)(?: name={Q})?",
    r"netsh interface ipv4 dump",
    rf"netsh interface ipv6 add address interface={Q} address=(?P<add6>{IP6})/(?P<plen>\d+) skipassource=true",
    rf"netsh interface ipv6 delete address interface={Q} address={IP6}",
    rf"netsh interface ipv6 show addresses interface={Q}",
    r"netsh -f \S+",
]
GUARD = re.compile(r'^(?:if (?:not )?"%\w+%"=="\w*" )+')
TAIL = re.compile(r'\s*(?:\|\s*findstr .*|>\s*nul.*|\|\|.*|>\s*"[^"]*"|>\s*\S+)$')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--secondaries", required=True)
    ap.add_argument("--mask", required=True)
    ap.add_argument("--secondaries6", default="")
    ap.add_argument("--prefix6", default="64")
    ap.add_argument("--adds", action="store_true")
    a = ap.parse_args()
    secondaries = [s for s in a.secondaries.split(",") if s]
    secondaries6 = [s for s in a.secondaries6.split(",") if s]
    added6 = []
    findings = []
    added = []
    for no, raw in enumerate(open(a.file, encoding="utf-8").read().splitlines(), 1):
        line = raw.strip()
        if not re.search(r"(^|[\s(])netsh\s", line) or line.lower().startswith(("rem ", "::", "echo ")):
            continue
        cmd = GUARD.sub("", line)
        cmd = re.sub(r"^\(?", "", cmd)
        while True:
            stripped = TAIL.sub("", cmd)
            if stripped == cmd:
                break
            cmd = stripped
        m = None
        for form in FORMS:
            m = re.fullmatch(form, cmd)
            if m:
                break
        if not m:
            findings.append(f"{a.file}:{no}: not a known netsh form: {raw}")
            continue
        for key, size, want, planned, got, what in (
            ("add", "mask", a.mask, secondaries, added, "secondary"),
            ("add6", "plen", a.prefix6, secondaries6, added6, "IPv6 address"),
        ):
            if key in m.groupdict() and m.group(key):
                got.append(m.group(key))
                if m.group(size) != want:
                    findings.append(f"{a.file}:{no}: {size} {m.group(size)} is not the plan's {want}")
                if m.group(key) not in planned:
                    findings.append(f"{a.file}:{no}: adds {m.group(key)}, which is not a planned {what}")
    if a.adds:
        for what, planned, got in (("secondary", secondaries, added), ("IPv6 address", secondaries6, added6)):
            for s in planned:
                n = got.count(s)
                if n != 1:
                    findings.append(f"{a.file}: the {what} {s} is added {n} times with skipassource=true (want 1)")
    for f in findings:
        print(f)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
