"""Second opinion from cloud-init (Debian's 22.4): renders a netplan v2
network config with cloud-init's own renderers and reads the facts that
matter (DHCP or not, addresses with prefixes, default gateway) from
cloud-init's output and from ours, with one reader per format.

usage (with the python3 that has cloudinit, /usr/bin/python3):
  net_facts.py JOBS.tsv
JOBS.tsv lines: CASE <tab> IN.yaml <tab> DISTRO <tab> FORMAT <tab> OURS_ROOT
FORMAT is one of eni, sysconfig, netplan, networkd, network-manager.
OURS_ROOT holds our files at their real paths, and our commands in
OURS_ROOT/commands.sh. One cloud-init process renders every job (starting
cloud-init is slow). Prints one line per job and side (`-` for unknown):
  CASE <tab> cloud-init|ours <tab> DHCP(true|false|-) <tab> ADDR/P,… <tab> GATEWAY
or, when cloud-init fails:  CASE <tab> error <tab> MESSAGE
"""

import glob
import os
import re
import sys


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def files(root, *patterns):
    out = []
    for p in patterns:
        out.extend(sorted(glob.glob(os.path.join(root, p), recursive=True)))
    return [f for f in out if os.path.isfile(f)]


def mask_bits(m):
    try:
        n = sum(int(o) << (24 - 8 * i) for i, o in enumerate(m.split(".")))
        b = bin(n)[2:].zfill(32)
        return b.index("0") if "0" in b else 32
    except ValueError:
        return None


def facts():
    return {"dhcp": None, "addrs": [], "gateway": None}


def from_commands(root, f):
    text = read(os.path.join(root, "commands.sh"))
    for m in re.finditer(r"ip (?:-4 )?addr(?:ess)? add (\S+/\d+)", text):
        f["addrs"].append(m.group(1))
    for m in re.finditer(r"ip (?:-4 )?route (?:add|replace) default via (\S+)", text):
        f["gateway"] = m.group(1)
    for m in re.finditer(r"[+]?ipv4\.addresses\s+['\"]?([0-9./, ]+)['\"]?", text):
        f["addrs"].extend(a.strip() for a in m.group(1).split(",") if a.strip())
    # nmcli's IPv6 addresses (`ipv6.addresses A/64,B/64`), never the
    # `-ipv6.addresses` of Undo (not in the Configure step anyway).
    for m in re.finditer(r"(?<![-\w])ipv6\.addresses\s+['\"]?([0-9a-fA-F:/, ]+)['\"]?", text):
        f["addrs"].extend(a.strip() for a in m.group(1).split(",") if a.strip())
    for m in re.finditer(r"ipv4\.gateway\s+['\"]?([0-9.]+)", text):
        f["gateway"] = m.group(1)
    for m in re.finditer(r"ipv4\.method\s+['\"]?(\w+)", text):
        f["dhcp"] = m.group(1) == "auto"
    # The keyfile method: the [ipv4] keys it puts in the profile's own file
    # (`awk -v keys='method=auto\naddress1=…'`).
    for m in re.finditer(r"-v keys='([^']*)'", text):
        for kv in m.group(1).split("\\n"):
            k, _, v = kv.partition("=")
            if k == "method":
                f["dhcp"] = v == "auto"
            elif re.fullmatch(r"address\d+", k):
                f["addrs"].append(v.partition(",")[0])
            elif k == "gateway":
                f["gateway"] = v
        break
    # Its [ipv6] keys (`-v keys6='address1=…'`), with IPv6 to add.
    for m in re.finditer(r"-v keys6=(?:'([^']*)'|([^'\s]+))", text):
        for kv in (m.group(1) or m.group(2) or "").split("\\n"):
            k, _, v = kv.partition("=")
            if re.fullmatch(r"address\d+", k):
                f["addrs"].append(v.partition(",")[0])
        break


def netplan(root):
    import yaml
    f = facts()
    for path in files(root, "etc/netplan/*.yaml"):
        doc = yaml.safe_load(read(path)) or {}
        for _, eth in ((doc.get("network") or {}).get("ethernets") or {}).items():
            if "dhcp4" in eth:
                f["dhcp"] = bool(eth["dhcp4"])
            f["addrs"].extend(str(a) for a in eth.get("addresses") or [])
            if eth.get("gateway4"):
                f["gateway"] = str(eth["gateway4"])
            for r in eth.get("routes") or []:
                if str(r.get("to")) in ("default", "0.0.0.0/0"):
                    f["gateway"] = str(r.get("via"))
    return f


def networkd(root):
    f = facts()
    for path in files(root, "etc/systemd/network/**/*.network", "etc/systemd/network/**/*.conf"):
        section = ""
        for line in read(path).splitlines():
            line = line.strip()
            if line.startswith("["):
                section = line
                continue
            k, _, v = line.partition("=")
            if k == "DHCP":
                f["dhcp"] = v in ("yes", "ipv4")
            elif k == "Address":
                f["addrs"].append(v)
            elif k == "Gateway":
                f["gateway"] = v
    return f


def network_manager(root):
    f = facts()
    for path in files(root, "etc/NetworkManager/system-connections/*"):
        section = ""
        for line in read(path).splitlines():
            line = line.strip()
            if line.startswith("["):
                section = line
                continue
            k, _, v = line.partition("=")
            if section == "[ipv6]" and re.fullmatch(r"address\d*", k):
                f["addrs"].append(v.partition(",")[0])
                continue
            if section != "[ipv4]":
                continue
            if k == "method":
                f["dhcp"] = v == "auto"
            elif re.fullmatch(r"address\d*", k):
                a, _, gw = v.partition(",")
                f["addrs"].append(a)
                if gw:
                    f["gateway"] = gw
            elif k == "gateway":
                f["gateway"] = v
            elif re.fullmatch(r"route\d+", k) and v.startswith("0.0.0.0/0,"):
                f["gateway"] = v.split(",")[1]
    from_commands(root, f)
    return f


def eni(root):
    f = facts()
    for path in files(root, "etc/network/interfaces", "etc/network/interfaces.d/*"):
        mask = None
        pending = None
        for line in read(path).splitlines():
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            if w[0] == "iface" and len(w) >= 4 and w[1] != "lo":
                if pending:
                    f["addrs"].append(pending + ("/%s" % mask_bits(mask) if mask else ""))
                pending, mask = None, None
                # Only the interface's own stanza says DHCP or not; alias
                # stanzas (eth0:0) add addresses beside it.
                if w[3] == "dhcp":
                    f["dhcp"] = True
                elif w[3] == "static" and ":" not in w[1] and f["dhcp"] is None:
                    f["dhcp"] = False
            elif w[0] == "address" and len(w) > 1:
                if pending:
                    f["addrs"].append(pending + ("/%s" % mask_bits(mask) if mask else ""))
                pending, mask = w[1], None
                if "/" in pending:
                    f["addrs"].append(pending)
                    pending = None
            elif w[0] == "netmask" and len(w) > 1:
                mask = w[1]
            elif w[0] == "gateway" and len(w) > 1:
                f["gateway"] = w[1]
            elif w[0] in ("up", "post-up") and re.search(r"route add (?:default|-net 0\.0\.0\.0/0) gw (\S+)", line):
                f["gateway"] = re.search(r"gw (\S+)", line).group(1)
            elif w[0] in ("up", "post-up") and re.search(r"ip route (?:add|replace) default via (\S+)", line):
                f["gateway"] = re.search(r"via (\S+)", line).group(1)
            elif w[0] in ("up", "post-up") and "addr" in w and ("add" in w or "replace" in w):
                m = re.search(r"(?:add|replace) (\S+/\d+)", line)
                if m:
                    f["addrs"].append(m.group(1))
        if pending:
            f["addrs"].append(pending + ("/%s" % mask_bits(mask) if mask else ""))
    return f


def sysconfig(root):
    f = facts()
    for path in files(root, "etc/sysconfig/**/ifcfg-*"):
        kv = {}
        for line in read(path).splitlines():
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, _, v = line.partition("=")
            kv[k] = v.strip().strip("'\"")
        boot = kv.get("BOOTPROTO", "").lower()
        if boot.startswith("dhcp"):
            f["dhcp"] = True
        elif boot in ("static", "none") and f["dhcp"] is None:
            f["dhcp"] = False
        for k, v in kv.items():
            if not k.startswith("IPADDR") or not v:
                continue
            suffix = k[len("IPADDR"):]
            if "/" in v:
                f["addrs"].append(v)
                continue
            p = kv.get("PREFIX" + suffix) or kv.get("PREFIXLEN" + suffix)
            if not p and kv.get("NETMASK" + suffix):
                m = kv["NETMASK" + suffix]
                p = str(mask_bits(m)) if "." in m else m
            f["addrs"].append(v + ("/" + p if p else ""))
        # IPv6 (RHEL): IPV6ADDR and the words of IPV6ADDR_SECONDARIES, as
        # NetworkManager's ifcfg-rh and initscripts' ifup-ipv6 read them.
        for k in ("IPV6ADDR", "IPV6ADDR_SECONDARIES"):
            f["addrs"].extend(kv.get(k, "").split())
        if kv.get("GATEWAY"):
            f["gateway"] = kv["GATEWAY"]
    # RHEL route-IF in the key form cloud-init writes for several subnets
    # (ADDRESSn=0.0.0.0 NETMASKn=0.0.0.0 GATEWAYn=GW is the default route).
    for path in files(root, "etc/sysconfig/network-scripts/route-*"):
        kv = dict(l.strip().split("=", 1) for l in read(path).splitlines() if "=" in l and not l.strip().startswith("#"))
        for k, v in kv.items():
            n = k[len("ADDRESS"):]
            if k.startswith("ADDRESS") and v == "0.0.0.0" and kv.get("GATEWAY" + n):
                f["gateway"] = kv["GATEWAY" + n]
    for path in files(root, "etc/sysconfig/network/routes", "etc/sysconfig/network/ifroute-*"):
        for line in read(path).splitlines():
            w = line.split()
            if len(w) >= 2 and w[0] in ("default", "0.0.0.0/0", "0.0.0.0"):
                f["gateway"] = w[1]
    return f


READERS = {
    "netplan": netplan,
    "networkd": networkd,
    "network-manager": network_manager,
    "eni": eni,
    "sysconfig": sysconfig,
}


def show(f):
    dhcp = "-" if f["dhcp"] is None else ("true" if f["dhcp"] else "false")
    return "%s\t%s\t%s" % (dhcp, ",".join(f["addrs"]) or "-", f["gateway"] or "-")


def main():
    from cloudinit.cmd.devel import net_convert

    parser = net_convert.get_parser()
    for line in read(sys.argv[1]).splitlines():
        if not line.strip():
            continue
        case, inp, distro, fmt, ours = line.split("\t")
        # cloud-init's output goes beside the job's input (the caller's temp dir).
        out = os.path.join(os.path.dirname(os.path.abspath(inp)), "cloud-init-" + fmt)
        args = parser.parse_args(["-p", inp, "-k", "yaml", "-D", distro, "-O", fmt, "-d", out + "/"])
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = open(os.devnull, "w")
        try:
            net_convert.handle_args("net-convert", args)
            err = None
        except BaseException as e:  # report, never hide
            err = "%s: %s" % (type(e).__name__, e)
        finally:
            sys.stdout, sys.stderr = saved
        if err:
            print("%s\terror\t%s" % (case, err.replace("\n", " ")))
        else:
            print("%s\tcloud-init\t%s" % (case, show(READERS[fmt](out))))
        print("%s\tours\t%s" % (case, show(READERS[fmt](ours))))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
