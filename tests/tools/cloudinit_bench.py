"""cloud-init's half of the native comparison (issue 19, item 2; run by
scripts/bench.sh under /usr/bin/python3, which has Debian's cloud-init 22.4).

The same network config as benches/versus.rs: eth0 on DHCP with N
secondaries (1, 10, 49) of 192.0.2.0/24, as a netplan v2 YAML document.
One iteration, in this one process (cloud-init's own code paths, those of
`cloud-init devel net-convert`, without starting a process per render):
parse the YAML, then for each format that benches/versus.rs renders too
(eni for Debian, netplan for Ubuntu, sysconfig for RHEL and for SUSE,
networkd for Arch, network-manager for RHEL) build the network state with
that renderer and render it into a temporary directory (cloud-init's
renderers write files; ours returns text).

usage: cloudinit_bench.py [N...]      (default: 1 10 49)
Prints one JSON object per N: {"n":N,"ns_per_iter":MEDIAN,"iters":K}, the
median over 15 batches of about 0.2 s each, after a warm-up.
"""

import json
import os
import shutil
import sys
import tempfile
import time

from cloudinit import distros, safeyaml
from cloudinit.net import eni, netplan, network_manager, network_state, networkd, sysconfig

FORMATS = [
    ("debian", "eni", eni.Renderer),
    ("ubuntu", "netplan", netplan.Renderer),
    ("rhel", "sysconfig", sysconfig.Renderer),
    ("sles", "sysconfig", sysconfig.Renderer),
    ("arch", "networkd", networkd.Renderer),
    ("rhel", "network-manager", network_manager.Renderer),
]


def config(n):
    addrs = "".join('        - "192.0.2.%d/24"\n' % (11 + i) for i in range(n))
    return (
        "network:\n  version: 2\n  ethernets:\n    eth0:\n"
        "      dhcp4: true\n      addresses:\n" + addrs
    )


def renderer_config(distro_name, kind):
    distro = distros.fetch(distro_name)(distro_name, {}, None)
    cfg = distro.renderer_configs.get(kind) or {}
    if kind == "netplan":
        cfg = dict(cfg)
        cfg["postcmds"] = False  # never run netplan generate/apply
        cfg["netplan_path"] = cfg["netplan_path"][1:]
    return cfg


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1, 10, 49]
    renderers = [(kind, cls, renderer_config(d, kind)) for d, kind, cls in FORMATS]
    root = tempfile.mkdtemp(prefix="cloudinit-bench-")
    try:
        for n in sizes:
            text = config(n)

            def once():
                pre = safeyaml.load(text)["network"]
                for i, (kind, cls, cfg) in enumerate(renderers):
                    r = cls(config=cfg)
                    ns = network_state.parse_net_config_data(pre, renderer=r)
                    out = os.path.join(root, "%d-%s" % (i, kind)) + "/"
                    os.makedirs(out, exist_ok=True)
                    r.render_network_state(network_state=ns, target=out)

            start = time.perf_counter()
            k = 0
            while time.perf_counter() - start < 0.6:
                once()
                k += 1
            per_batch = max(1, k // 3)
            batches = []
            for _ in range(15):
                t = time.perf_counter()
                for _ in range(per_batch):
                    once()
                batches.append((time.perf_counter() - t) * 1e9 / per_batch)
            batches.sort()
            print(json.dumps({"n": n, "ns_per_iter": round(batches[len(batches) // 2]), "iters": per_batch * 15}))
            sys.stdout.flush()
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
