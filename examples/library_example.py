"""Using kg as a library (no CLI): build the graph of the bundled example, run two library
queries and draw a small figure.

    python examples/library_example.py [OUT.svg]

The figure is the indicator tier tree (一级 → 二级, sized by how many indicators each tier has),
held as a networkx graph and written as an SVG drawn here: matplotlib is not one of kg's
dependencies, and a hand-drawn SVG gives the same bytes everywhere, so a test can check it.
"""

from __future__ import annotations

import sys
import tempfile
from html import escape
from pathlib import Path

import networkx as nx

from kg.build import load_inputs
from kg.resources import example_path
from kg.store.query import OxigraphEngine, QueryResult, run_query


def cell(term: object) -> str:
    return "" if term is None else getattr(term, "value", str(term))


def print_result(title: str, result: QueryResult) -> None:
    print(f"== {title}: {len(result.rows)} rows")
    print("\t".join(result.variables))
    for row in result.rows:
        print("\t".join(cell(t) for t in row))


def tier_tree(result: QueryResult) -> nx.DiGraph:
    """一级 → 二级 edges from the indicators-per-tier result, each node with its indicator count."""
    columns = {name: i for i, name in enumerate(result.variables)}
    tree = nx.DiGraph()
    for row in result.rows:
        tier1, tier2, count = (cell(row[columns[c]]) for c in ("tier1", "tier2", "indicators"))
        tree.add_node(tier1, level=1, indicators=tree.nodes[tier1]["indicators"] + int(count) if tier1 in tree else int(count))
        tree.add_node(tier2, level=2, indicators=int(count))
        tree.add_edge(tier1, tier2)
    return tree


def draw_svg(tree: nx.DiGraph, path: Path) -> None:
    """Tier 1 on the left, its tier-2 children on the right, bars as long as the counts."""
    row_h, left_x, right_x, bar_scale = 28, 20, 260, 3
    tops = [n for n in tree if tree.nodes[n]["level"] == 1]
    children = [c for t in tops for c in tree.successors(t)]
    y_of = {child: 30 + i * row_h for i, child in enumerate(children)}
    for top in tops:
        ys = [y_of[c] for c in tree.successors(top)]
        y_of[top] = sum(ys) / len(ys)
    width = right_x + 200 + bar_scale * max(tree.nodes[c]["indicators"] for c in children) + 60
    height = 30 + len(children) * row_h
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">']
    for top, child in tree.edges:
        parts.append(f'<line x1="{left_x + 120}" y1="{y_of[top] - 4:.1f}" x2="{right_x - 6}" y2="{y_of[child] - 4}" stroke="#999"/>')
    for node in tree:
        level, count = tree.nodes[node]["level"], tree.nodes[node]["indicators"]
        x = left_x if level == 1 else right_x
        parts.append(f'<text x="{x}" y="{y_of[node]:.1f}">{escape(node)} ({count})</text>')
        if level == 2:
            parts.append(f'<rect x="{right_x + 200}" y="{y_of[node] - 14}" width="{bar_scale * count}" height="14" fill="#4a6fa5"/>')
    parts.append("</svg>\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def main(argv: list[str]) -> None:
    built = load_inputs([example_path()])
    engine = OxigraphEngine.from_quads(built.quads)
    satisfaction = run_query("satisfaction-at-least", engine, {"threshold": "95"})
    print_result("satisfaction-at-least (threshold 95)", satisfaction)
    per_tier = run_query("indicators-per-tier", engine)
    print_result("indicators-per-tier", per_tier)
    figure = Path(argv[0]) if argv else Path(tempfile.gettempdir()) / "kg-tiers.svg"
    draw_svg(tier_tree(per_tier), figure)
    print(f"figure: {figure}")


if __name__ == "__main__":
    main(sys.argv[1:])
