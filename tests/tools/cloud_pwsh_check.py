#!/usr/bin/env python3
"""Parse PowerShell files with tree-sitter-pwsh; exit 1 on any ERROR or MISSING node.

Usage: cloud_pwsh_check.py FILE...   (used by tests/cloud.rs)
Needs the PyPI packages tree-sitter (0.26) and tree-sitter-pwsh (0.38).
"""
import sys

import tree_sitter
import tree_sitter_pwsh


def problems(tree):
    """Yield (row, column, kind) for every ERROR or MISSING node."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.type == "ERROR":
            yield node.start_point[0] + 1, node.start_point[1] + 1, "syntax error"
        elif node.is_missing:
            yield node.start_point[0] + 1, node.start_point[1] + 1, "missing " + node.type
        stack.extend(node.children)


def main(paths):
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_pwsh.language()))
    bad = 0
    for path in paths:
        with open(path, "rb") as f:
            tree = parser.parse(f.read())
        for row, col, kind in problems(tree):
            print(f"{path}:{row}:{col}: {kind}")
            bad += 1
    return 1 if bad or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
