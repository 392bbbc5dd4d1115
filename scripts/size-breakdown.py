#!/usr/bin/env python3
"""Where the first load's wasm bytes go (issue 19: "what the bytes are spent on").

    scripts/size-breakdown.py [WASM] [DEPTH]

WASM: a module with a `name` section; by default the release build's main
module as wasm-bindgen wrote it, before wasm-opt (target/wasm-split/bindgen/
main_bg.wasm, which scripts/split-wasm.sh leaves behind: wasm-opt -Oz drops
the names). DEPTH: how many path segments of this crate's functions to group
by (default 2: `wizard::render`, `wizard::ui`, ...).

Prints the code bytes (function bodies) per crate, then per module of this
crate, and the size of the data section (string literals, tables). These are
raw bytes before wasm-opt: they say which part is large, not its gzip size.
Function names are Rust's v0 mangling (`_R...`, which the release build's
nightly writes) or the legacy one (`_ZN...`); a name of neither kind (the
wasm-bindgen shims) counts as "(other)". Generic code counts for the crate
that defines the function, not the one that instantiates it.
"""

import collections
import pathlib
import re
import sys


def leb128(b, i):
    """An unsigned LEB128 at b[i]: (value, next index)."""
    value = shift = 0
    while True:
        byte = b[i]
        i += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, i


def sections(data):
    if data[:4] != b"\0asm":
        sys.exit("size-breakdown: not a wasm module")
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb128(data, i + 1)
        yield sid, data[i : i + size]
        i += size


def imported_functions(b):
    """How many functions the import section imports (they come first in the index space)."""
    count, j = leb128(b, 0)
    funcs = 0
    for _ in range(count):
        for _name in range(2):
            n, j = leb128(b, j)
            j += n
        kind = b[j]
        j += 1
        if kind == 0:  # function: type index
            _, j = leb128(b, j)
            funcs += 1
        elif kind == 1:  # table: reftype, limits
            j += 1
            flags, j = leb128(b, j)
            _, j = leb128(b, j)
            if flags & 1:
                _, j = leb128(b, j)
        elif kind == 2:  # memory: limits
            flags, j = leb128(b, j)
            _, j = leb128(b, j)
            if flags & 1:
                _, j = leb128(b, j)
        elif kind == 3:  # global: valtype, mutability
            j += 2
        elif kind == 4:  # tag: attribute, type index
            j += 1
            _, j = leb128(b, j)
        else:
            sys.exit(f"size-breakdown: unknown import kind {kind}")
    return funcs


def function_names(b):
    """The function names of a `name` custom section's subsection 1."""
    names = {}
    n, j = leb128(b, 0)
    if b[j : j + n] != b"name":
        return names
    j += n
    while j < len(b):
        sub = b[j]
        size, j = leb128(b, j + 1)
        end = j + size
        if sub == 1:
            count, k = leb128(b, j)
            for _ in range(count):
                index, k = leb128(b, k)
                length, k = leb128(b, k)
                names[index] = b[k : k + length].decode("utf-8", "replace")
                k += length
        j = end
    return names


V0_CRATE = re.compile(r"C(?:s[0-9A-Za-z]*_)?((?:\d+_?[A-Za-z_][A-Za-z0-9_]*)+)")


def path_of(name):
    """The crate and module path a mangled name starts with (best effort)."""
    if name.startswith("_R"):
        m = V0_CRATE.search(name)
        if not m:
            return None
        ids, s = [], m.group(1)
        while s:
            d = re.match(r"\d+", s)
            if not d:
                break
            s = s[len(d.group()) :]
            n = int(d.group())
            if s.startswith("_"):  # v0 puts "_" before an identifier that starts with a digit or "_"
                s = s[1:]
            ids.append(s[:n])
            s = s[n:]
        return ids
    if name.startswith("_ZN"):
        ids, k = [], 3
        while k < len(name) and name[k].isdigit():
            d = re.match(r"\d+", name[k:]).group()
            k += len(d)
            ids.append(name[k : k + int(d)])
            k += int(d)
        return ids
    return None


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    wasm = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "target/wasm-split/bindgen/main_bg.wasm"
    depth = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if not wasm.is_file():
        sys.exit(f"size-breakdown: no {wasm}: build the release first (scripts/test.sh build)")
    imports, bodies, names, data_bytes = 0, [], {}, 0
    for sid, b in sections(wasm.read_bytes()):
        if sid == 2:
            imports = imported_functions(b)
        elif sid == 10:
            count, j = leb128(b, 0)
            for _ in range(count):
                size, j = leb128(b, j)
                bodies.append(size)
                j += size
        elif sid == 11:
            data_bytes += len(b)
        elif sid == 0:
            names.update(function_names(b))
    if not names:
        sys.exit(f"size-breakdown: {wasm} has no function names (wasm-opt drops them)")
    by_crate, by_module = collections.Counter(), collections.Counter()
    for k, size in enumerate(bodies):
        ids = path_of(names.get(imports + k, ""))
        crate = ids[0] if ids else "(other)"
        by_crate[crate] += size
        if crate == "wizard":
            by_module["::".join(ids[:depth])] += size
    code = sum(bodies)
    print(f"{wasm}: {len(bodies)} functions, code {code:,} bytes, data section {data_bytes:,} bytes")
    print(f"{'code bytes':>11}  share  crate")
    for crate, size in by_crate.most_common(12):
        print(f"{size:>11,}  {100 * size / code:4.1f}%  {crate}")
    rest = code - sum(s for _, s in by_crate.most_common(12))
    if rest:
        print(f"{rest:>11,}  {100 * rest / code:4.1f}%  (the other crates)")
    print(f"\n{'code bytes':>11}  share  module of this crate")
    for module, size in by_module.most_common(20):
        print(f"{size:>11,}  {100 * size / code:4.1f}%  {module}")


if __name__ == "__main__":
    main()
