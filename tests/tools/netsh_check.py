"""Checks netsh/cmd artifacts line by line against the netsh forms the
project renders (every netsh call must be one of them; names quoted).

usage: netsh_check.py FILE --secondaries IP,IP --mask MASK [--adds]

A line that calls netsh may start with `if "%missing%"=="1" ` guards, and
may continue with `| findstr …`, `>nul`, `|| …` or `> "FILE"`; the netsh
command itself must match one of FORMS, with every interface name a
double-quoted string and every address a dotted quad. With --adds, every
secondary must be added exactly once with `skipassource=true` and MASK.
Prints one finding per line; exits 1 if there is any.
"""

import argparse
import re
import sys

Q = r'"[^"%]+"'  # a quoted name (cmd cannot carry " or % inside)
IP = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}"

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
    r"netsh -f \S+",
]
GUARD = re.compile(r'^(?:if (?:not )?"%\w+%"=="\w*" )+')
TAIL = re.compile(r'\s*(?:\|\s*findstr .*|>\s*nul.*|\|\|.*|>\s*"[^"]*"|>\s*\S+)$')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--secondaries", required=True)
    ap.add_argument("--mask", required=True)
    ap.add_argument("--adds", action="store_true")
    a = ap.parse_args()
    secondaries = [s for s in a.secondaries.split(",") if s]
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
        if "add" in m.groupdict() and m.group("add"):
            added.append(m.group("add"))
            if m.group("mask") != a.mask:
                findings.append(f"{a.file}:{no}: mask {m.group('mask')} is not the plan's {a.mask}")
            if m.group("add") not in secondaries:
                findings.append(f"{a.file}:{no}: adds {m.group('add')}, which is not a planned secondary")
    if a.adds:
        for s in secondaries:
            n = added.count(s)
            if n != 1:
                findings.append(f"{a.file}: the secondary {s} is added {n} times with skipassource=true (want 1)")
    for f in findings:
        print(f)
    sys.exit(1 if findings else 0)


if __name__ == "__main__":
    main()
