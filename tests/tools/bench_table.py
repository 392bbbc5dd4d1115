"""Prints scripts/bench.sh's figures as one Markdown table set: the JSON
files of target/bench (browser.json from tests/e2e/bench/figures.mjs,
native.json from benches/versus.rs, cloud-init.json from
tests/tools/cloudinit_bench.py); a part that did not run is left out.

usage: bench_table.py DIR
"""

import json
import os
import sys


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    text = text.strip()
    if text.startswith("{") and "\n{" in text:  # JSON lines
        return [json.loads(l) for l in text.splitlines() if l.strip().startswith("{")]
    return json.loads(text) if text else None


def kib(b):
    return "%.1f KiB" % (b / 1024)


def ms(x):
    return x if isinstance(x, str) else "%.0f" % x


def browser(b):
    out = []
    out.append(
        "Browser: %s, Chromium %s, %s CPU, %s GiB; %s loads per page and profile, %s interactions per row."
        % (b["date"][:10], b["chromium"], b["cpus"], b["memory_gib"], b["loads"], b["interactions"])
    )
    out.append("")
    out.append("| page | first load, gzip | brotli | navigation → first field usable (median ms) | slow phone (4× CPU, 1.6 Mbps, 150 ms RTT) | Lighthouse mobile: performance | accessibility | best practices |")
    out.append("|---|---|---|---|---|---|---|---|")
    lh = b.get("lighthouse") or {}
    for name, p in b["pages"].items():
        s = lh.get(name) or {}
        scores = [str(s.get(k, "-")) if "error" not in s else "-" for k in ("performance", "accessibility", "best-practices")]
        out.append(
            "| %s (%s) | %s | %s | %s | %s | %s |"
            % (
                name,
                ", ".join(p["files"]),
                kib(p["gzip"]),
                kib(p["brotli"]),
                ms(p["usable_ms"]["median"]),
                ms(p["usable_slow_ms"]["median"]),
                " | ".join(scores),
            )
        )
    pages = b["pages"]
    if "app" in pages and "minimal" in pages:
        out.append("")
        out.append(
            "First load, app / minimal Leptos app: %.2f× gzip, %.2f× brotli (target ≤ 2×); slow phone %.2f× the time."
            % (
                pages["app"]["gzip"] / pages["minimal"]["gzip"],
                pages["app"]["brotli"] / pages["minimal"]["brotli"],
                pages["app"]["usable_slow_ms"]["median"] / pages["minimal"]["usable_slow_ms"]["median"],
            )
        )
    for name, s in lh.items():
        if "error" in s:
            out.append("Lighthouse %s: %s" % (name, s["error"]))
    out.append("")
    out.append("Input → next paint (Event Timing `duration`, the INP measure), ms; `<16`: under the API's 16 ms threshold, not reported:")
    out.append("")
    out.append("| interaction | secondaries | CPU 1×: p50 | p75 | CPU 4×: p50 | p75 |")
    out.append("|---|---|---|---|---|---|")
    rows = {}
    for r in b["input"]:
        rows.setdefault((r["kind"], r["secondaries"]), {})[r["cpu"]] = r
    for (kind, n), by in rows.items():
        cells = []
        for cpu in ("1x", "4x"):
            r = by.get(cpu)
            cells += [ms(r["p50"]), ms(r["p75"])] if r else ["-", "-"]
        out.append("| %s | %d | %s |" % (kind, n, " | ".join(cells)))
    return out


def native(ours, theirs):
    out = ["", "Native: the same network config (eth0 on DHCP and N secondaries), parsed, validated and rendered by this crate's six methods whose formats cloud-init also writes, against cloud-init 22.4's six renderers in process. Like work: the methods' recipes, whose Configure files are what cloud-init writes (plus the commands, checks and notes each recipe holds); the whole rendering: every step, the script, Undo and Verify:", ""]
    out.append("| secondaries | cloud-init 22.4 | this crate, like work (file bytes) | cloud-init / like work | this crate, whole rendering (bytes) | cloud-init / whole rendering |")
    out.append("|---|---|---|---|---|---|")
    t = {r["n"]: r for r in theirs or []}
    for r in ours:
        c = t.get(r["n"])
        ratio = lambda ns: "%.0f×" % (c["ns_per_iter"] / ns) if c else "-"
        files = r.get("files_ns_per_iter")
        out.append(
            "| %d | %s | %s | %s | %.1f µs (%s) | %s |"
            % (
                r["n"],
                "%.1f µs" % (c["ns_per_iter"] / 1000) if c else "-",
                "%.1f µs (%s)" % (files / 1000, "{:,}".format(r["files_bytes"])) if files else "-",
                ratio(files) if files else "-",
                r["ns_per_iter"] / 1000,
                "{:,}".format(r["bytes"]),
                ratio(r["ns_per_iter"]),
            )
        )
    return out


def main():
    d = sys.argv[1]
    lines = []
    b = load(os.path.join(d, "browser.json"))
    if b:
        lines += browser(b)
    n = load(os.path.join(d, "native.json"))
    if n:
        lines += native(n if isinstance(n, list) else [n], (lambda c: c if isinstance(c, list) or c is None else [c])(load(os.path.join(d, "cloud-init.json"))))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
