#!/usr/bin/env python3
"""Proves that a hostile value stays one PowerShell string literal.

Used by tests/hostile.rs. Reads a manifest (one case directory per line).
Each case directory holds:

  base.ps1     the artifact rendered with a harmless sentinel value
  hostile.ps1  the same artifact rendered with the hostile value
  from, to     the sentinel and the hostile value (UTF-8, no trailing newline)

For each case, both files are parsed with tree-sitter-pwsh and the case
fails unless: the hostile parse has no ERROR or MISSING node; both trees have
the same shape (the same node types in the same order, leaves aside); and
every string literal and comment of the hostile tree equals the base's with
the sentinel replaced by the hostile value (string literals compared by their
decoded value, so quoting must be exact). Prints one `FAIL dir: reason` line
per failing case and exits 1 if any failed; prints `ok N` otherwise.
"""

import sys

import tree_sitter
import tree_sitter_pwsh

# PowerShell treats all of these as a single quote inside '...'.
SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"
# ... and these as a double quote inside "...".
DOUBLE_QUOTES = '"\u201c\u201d\u201e'

PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))


def quote(s):
    """The wizard's PowerShell quoting (render::quote::pwsh)."""
    return "'" + "".join(c + c if c in SINGLE_QUOTES else c for c in s) + "'"


def decode_verbatim(text):
    """The value of a '...' literal, or None when the quoting is broken."""
    if len(text) < 2 or text[0] not in SINGLE_QUOTES or text[-1] not in SINGLE_QUOTES:
        return None
    body = text[1:-1]
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c in SINGLE_QUOTES:
            if i + 1 < len(body) and body[i + 1] in SINGLE_QUOTES:
                out.append(body[i + 1])
                i += 2
                continue
            return None  # a lone quote would end the string in real PowerShell
        out.append(c)
        i += 1
    return "".join(out)


def decode_expandable(node, text):
    """The value of a "..." literal with nothing expandable inside, else None."""
    if node.named_child_count:
        return None
    if len(text) < 2 or text[0] not in DOUBLE_QUOTES or text[-1] not in DOUBLE_QUOTES:
        return None
    body = text[1:-1]
    if any(c in body for c in "$`" + DOUBLE_QUOTES):
        return None
    return body


def summarise(source):
    """(shape, literals, has_error) of a parse."""
    tree = PARSER.parse(source.encode("utf-8"))
    shape = []
    literals = []
    error = []

    def walk(node):
        if node.is_error or node.is_missing:
            error.append(f"{'missing' if node.is_missing else 'error'} node at {node.start_point}")
        shape.append(node.type)
        text = node.text.decode("utf-8", "replace")
        if node.type == "verbatim_string_characters":
            literals.append(("verbatim", decode_verbatim(text), text))
            return
        if node.type == "expandable_string_literal":
            literals.append(("expandable", decode_expandable(node, text), text))
            return
        if node.type == "comment":
            literals.append(("comment", text, text))
            return
        if node.child_count == 0 and node.type in ("generic_token", "command_name", "command_parameter"):
            literals.append((node.type, text, text))
        for child in node.children:
            walk(child)

    walk(tree.root_node)
    return shape, literals, error


def check(case):
    def read(name):
        with open(f"{case}/{name}", encoding="utf-8", newline="") as f:
            return f.read()

    base, hostile, old, new = read("base.ps1"), read("hostile.ps1"), read("from"), read("to")
    b_shape, b_lits, b_err = summarise(base)
    h_shape, h_lits, h_err = summarise(hostile)
    if b_err:
        return f"the base artifact does not parse: {b_err[0]}"
    if h_err:
        return f"does not parse: {h_err[0]}"
    if b_shape != h_shape:
        return "the syntax tree changed shape: the value is not one literal"
    for (bkind, bval, btext), (hkind, hval, htext) in zip(b_lits, h_lits):
        if htext == btext and old not in btext:
            continue  # untouched by the value
        if hval is None:
            return f"broken or expandable string literal {htext[:80]!r}"
        if bval is None:
            return f"the base has a broken or expandable string literal {btext[:80]!r}"
        want = bval.replace(old, new)
        # A command quoted inside a string (a rollback line shown to the
        # user) holds the value as a quoted literal of its own.
        nested = bval.replace(quote(old), quote(new))
        if bkind != hkind or hval not in (want, nested):
            return f"{hkind} reads {hval[:80]!r}, expected {want[:80]!r}"
    return None


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = [line.rstrip("\n") for line in f if line.strip()]
    failed = 0
    for case in cases:
        reason = check(case)
        if reason:
            failed += 1
            print(f"FAIL {case}: {reason}")
    if failed:
        sys.exit(1)
    print(f"ok {len(cases)}")


if __name__ == "__main__":
    main()
