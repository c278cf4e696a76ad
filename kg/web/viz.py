"""The budget as an interactive network: one offline HTML page a journalist can open on a laptop.

:func:`render_page` draws the networkx model of kg.network.graph: :func:`vis_data` turns it into
vis-network data, which goes into the template kg/web/templates/network.html together with the
page's script (templates/network.js) and the vendored vis-network (assets/vis-network), all
inlined, so the page loads nothing from the network.

A graph above the node limit (a corpus) is drawn as a map for each budget year (kg.network.corpus:
regions, and the departments in them with their figures), each department opening into its view
for the year; :func:`write_store_page` reads a store's model with a few queries instead of every
quad (kg.network.store).

Text from the document is untrusted. The page never puts it into HTML markup: labels are drawn
on a canvas, tooltips are plain-text ``title`` strings (vis-network 9 shows them with
``innerText``), the page's own script builds every list with ``textContent``, the data travels
as JSON inside a ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and
the few texts in the HTML itself (the heading) go through Jinja's autoescaping. A
Content-Security-Policy allows only the page's own inline scripts (by hash), so even injected
markup could run nothing and fetch nothing.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup

from kg.atomic import write_files_atomically
from kg.errors import KgError
from kg.network.corpus import (
    REGION,
    WITHIN,
    Figures,
    RegionTree,
    budget_figures,
    budget_years,
    map_graph,
)
from kg.network.graph import (
    ACTIVITY,
    BROADER,
    COST_TIER,
    DEPARTMENT,
    INDICATOR,
    KIND_CLASSES,
    KINDS,
    OWNER_KINDS,
    PROJECT,
    SATISFACTION_TIER,
    TIER1,
    TIER2,
    budget_graphs,
    local_name,
    network_graph,
)
from kg.network.store import store_graph
from kg.numbers import plain
from kg.rdf import terms
from kg.rdf.quads import Quad
from kg.records import target_as_printed
from kg.store.ingest import open_store
from kg.web.limits import DEFAULT_MAX_NODES, MAX_NODES_HELP
from kg.web.rendering import TEMPLATE_DIR, network_page_templates

# The "satisfaction ≥ 95" preset filters on the 一级 concept SATISFACTION_TIER.
SATISFACTION_PRESET = Decimal(95)


@dataclass(frozen=True)
class VizSummary:
    path: Path
    nodes: int  # nodes the page draws first (the whole graph, or the overview)
    edges: int
    overview: bool  # the graph had more than max_nodes nodes, so the overview is drawn first
    graph_nodes: int  # nodes and edges of the whole model
    graph_edges: int
    departments: int
    years: int = 0  # budget years of the overview (0: no overview)


VIS_DIR = Path(__file__).resolve().parent / "assets" / "vis-network"  # vendored vis-network (see its README.md)
FONT_FACE = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"

# Colour and shape by kind; indicators and tier concepts take the colour of their 一级 tier.
# Fonts are large because the whole graph is first shown zoomed out; indicator labels appear
# once the reader zooms in (vis-network skips labels drawn smaller than the draw threshold).
KIND_STYLE: dict[str, dict[str, Any]] = {
    DEPARTMENT: {"shape": "box", "color": "#37474f", "font": 28, "label": 40},
    ACTIVITY: {"shape": "diamond", "color": "#ef6c00", "size": 22, "font": 24, "label": 14},
    PROJECT: {"shape": "dot", "color": "#1565c0", "size": 14, "font": 20, "label": 12},
    TIER1: {"shape": "hexagon", "color": "#6a1b9a", "size": 24, "font": 22, "label": 12},
    TIER2: {"shape": "triangle", "color": "#8e24aa", "size": 15, "font": 18, "label": 12},
    INDICATOR: {"shape": "dot", "color": "#00897b", "size": 6, "font": 11, "label": 12},
}
TIER_COLOURED = (TIER1, TIER2, INDICATOR)  # these take their 一级 tier's colour, not their kind's
TIER_COLOURS = ("#2e7d32", "#c62828", "#8d6e63", "#6a1b9a", "#00838f", "#f9a825", "#5d4037", "#455a64")
OTHER_TIER_COLOUR = "#78909c"
# The map of a corpus: regions by level, above departments with their figures in their labels.
REGION_STYLE: dict[str, dict[str, Any]] = {
    "province": {"color": "#004d40", "font": 30, "text": "#ffffff"},
    "city": {"color": "#00897b", "font": 26, "text": "#ffffff"},
    "county": {"color": "#b2dfdb", "font": 24, "text": "#263238"},
}
REGION_KIND_LABEL = "行政区划"
MAP_DEPARTMENT = {"font": 18, "label": 12}  # a department on the map: smaller, it has many neighbours
EDGE_STYLE: dict[str, dict[str, Any]] = {
    terms.hasProject: {"color": "#90a4ae", "width": 1.5, "length": 160},
    terms.hasActivity: {"color": "#ef6c00", "width": 2, "length": 200},
    terms.hasTarget: {"color": "#b0bec5", "width": 1, "length": 40},
    terms.tier: {"color": "#ce93d8", "width": 0.6, "dashes": True, "physics": False},
    BROADER: {"color": "#8e24aa", "width": 2, "length": 90},
}
MAP_EDGE_STYLE: dict[str, dict[str, Any]] = {  # by the edge's ``rel`` (kg.network.corpus)
    "within": {"color": "#4db6ac", "width": 2.5},
    "region": {"color": "#b2dfdb", "width": 1.5},
}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _amount(value: Decimal | None) -> str | None:
    return f"{plain(value)} 万元" if value is not None else None


def _target(attrs: Mapping[str, Any]) -> str:
    """The target as printed: ``≥ 95 %``, or the text of a 定性 target."""
    value = attrs.get("target_text") or (plain(attrs["value"]) if attrs.get("value") is not None else "")
    return target_as_printed(attrs.get("comparator"), value, attrs.get("unit_text"))


def _where(attrs: Mapping[str, Any]) -> str | None:
    if attrs.get("line") is None:
        return None
    table = f"表{attrs['table']} " if attrs.get("table") else ""
    return f"{attrs.get('source') or ''} {table}第 {attrs['line']} 行".strip()


def figure_captions(graph: nx.MultiDiGraph) -> dict[str, str]:
    """What each of the map's figures (kg.network.corpus.Figures) counts, in the ontology's words."""
    labels: dict[str, str] = graph.graph["labels"]
    tiers = graph.graph.get("tiers", {})
    return {
        "departments": labels[terms.Department],
        "projects": labels[terms.BudgetProject],
        "activities": labels[terms.DepartmentActivity],
        "indicators": labels[terms.PerformanceTarget],
        "satisfaction": tiers.get(SATISFACTION_TIER, {}).get("label", local_name(SATISFACTION_TIER)),
        "cost": tiers.get(COST_TIER, {}).get("label", local_name(COST_TIER)),
        "errors": f"{labels[terms.AuditFinding]}（{labels[terms.ErrorSeverity]}）",
    }


def _map_tooltip(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    labels: dict[str, str] = graph.graph["labels"]
    region = attrs["kind"] == REGION
    lines = [attrs["label"], f"〔{REGION_KIND_LABEL if region else labels[terms.Department]}〕"]
    if attrs.get("place") and attrs["place"] != attrs["label"]:
        lines.append(f"{'全称' if region else labels[terms.region]}：{attrs['place']}")
    if attrs.get("code"):
        lines.append(f"{'代码' if region else labels[terms.unitCode]}：{attrs['code']}")
    lines.append(f"{labels[terms.budgetYear]}：{graph.graph['year'] or '不详'}")
    if not region and attrs.get("expenditure") is not None:
        lines.append(f"{labels[terms.totalExpenditure]}：{_amount(attrs['expenditure'])}")
    figures: Figures = attrs["figures"]
    for name, caption in figure_captions(graph).items():
        if region or name != "departments":
            lines.append(f"{caption}：{getattr(figures, name)}")
    if not region and _where(attrs):
        lines.append(f"{labels[terms.sourceLine]}：{_where(attrs)}")
    return "\n".join(lines)


def _map_label(attrs: Mapping[str, Any]) -> str:
    """A map node's name and, on a second line, its figures in short."""
    figures: Figures = attrs["figures"]
    counts = f"{figures.projects} 项目 · {figures.indicators} 指标" + (f" · {figures.errors} 错误" if figures.errors else "")
    if attrs["kind"] == REGION:
        return f"{attrs['label']}\n{figures.departments} 部门 · {counts}"
    name, place = attrs["label"], attrs.get("place")
    if place and name.startswith(place) and len(name) > len(place):
        name = name[len(place):]  # 北京市东城区交道口地区办事处 under 东城区: 交道口地区办事处
    return f"{_short(name, MAP_DEPARTMENT['label'])}\n{counts}"


def tooltip(graph: nx.MultiDiGraph, node: str) -> str:
    """Plain text (never HTML) shown when the pointer rests on a node, and in the side panel."""
    if graph.graph.get("map"):
        return _map_tooltip(graph, node)
    attrs = graph.nodes[node]
    labels: dict[str, str] = graph.graph["labels"]
    kind = attrs["kind"]
    form = f" · {labels[attrs['form']]}" if attrs.get("form") else ""  # a form's or self-evaluation's own project
    lines = [attrs["label"], f"〔{labels[KIND_CLASSES[kind]]}{form}〕"]

    def add(caption_iri: str | None, value: Any, caption: str | None = None) -> None:
        if value not in (None, "", []):
            lines.append(f"{caption or labels[caption_iri or '']}：{value}")

    if kind == DEPARTMENT:
        add(terms.region, RegionTree(graph.graph.get("regions", {})).place(attrs.get("region")))
        add(terms.unitCode, attrs.get("code"))
        add(terms.budgetYear, "、".join(attrs.get("years") or []))
        add(terms.totalExpenditure, _amount(attrs.get("expenditure")))
        add(None, attrs.get("projects"), labels[terms.BudgetProject])
        add(None, _amount(attrs.get("amount")), f"{labels[terms.BudgetProject]}{labels[terms.totalAmount]}")
        add(None, attrs.get("activities"), labels[terms.DepartmentActivity])
        add(None, attrs.get("indicators"), labels[terms.PerformanceTarget])
    elif kind == PROJECT:
        add(terms.projectCode, attrs.get("code"))
        add(terms.totalAmount, _amount(attrs.get("amount")))
        add(terms.fiscalAmount, _amount(attrs.get("fiscal")))
        add(terms.otherAmount, _amount(attrs.get("other")))
        add(None, sum(1 for v in graph.successors(node) if graph.nodes[v]["kind"] == INDICATOR) or None, labels[terms.PerformanceTarget])
        add(terms.goal, _short(attrs["goal"], 120) if attrs.get("goal") else None)
    elif kind == ACTIVITY:
        add(None, sum(1 for v in graph.successors(node) if graph.nodes[v]["kind"] == INDICATOR) or None, labels[terms.PerformanceTarget])
    elif kind == INDICATOR:
        tiers = graph.graph["tiers"]
        tier_names = [tiers[t]["label"] for t in (attrs.get("tier1"), attrs.get("tier2")) if t in tiers]
        add(None, " / ".join(tier_names), f"{labels[terms.TierOneConcept]} / {labels[terms.TierTwoConcept]}")
        add(terms.comparator, attrs.get("comparator"))
        add(terms.targetValue, _target(attrs))
        result = attrs.get("result") or {}
        add(terms.PerformanceResult, result.get("text"))
        add(terms.score, plain(result["score"]) if result.get("score") is not None else None)
        add(terms.deviationReason, _short(result["deviation"], 120) if result.get("deviation") else None)
        sharing = graph.graph.get("targets_of_indicator", {}).get(attrs.get("measures"), 0)
        if sharing > 1:  # the same indicator (二级 kind, name, unit) measured by other targets too
            add(terms.forIndicator, f"与本图另 {sharing - 1} 个目标值同一指标")
        owner = attrs.get("owner")
        if owner in graph:
            owner_attrs = graph.nodes[owner]
            add(None, " ".join(x for x in (owner_attrs.get("code"), owner_attrs["label"]) if x), labels[KIND_CLASSES[owner_attrs["kind"]]])
    else:  # a tier concept
        if kind == TIER2 and attrs.get("broader") in graph.graph["tiers"]:
            add(None, graph.graph["tiers"][attrs["broader"]]["label"], labels[terms.TierOneConcept])
        counted = sum(1 for u in graph.predecessors(node) if graph.nodes[u]["kind"] == INDICATOR)
        aggregated = sum(a.get("count", 0) for _, _, a in graph.in_edges(node, data=True))
        add(None, counted or aggregated or None, labels[terms.PerformanceTarget])
    add(terms.sourceLine, _where(attrs))
    return "\n".join(lines)


def layout_hints(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Start positions read off the networkx model, so vis-network's physics only polishes them.

    Each department sits in the middle of its own disc: its activities and projects on a ring,
    each one's indicators fanned outwards from it. The tier concepts stand apart in a column on
    the right, each 一级 above its 二级 concepts, like a key: were they pulled by their indicators,
    every indicator would gather at its tier instead of around its project (the page keeps them
    out of the physics). Linear in the size of the graph, unlike a spring layout, so a corpus of
    many departments is laid out in no time.
    """
    if graph.graph.get("map"):
        return map_geometry(graph)[0]
    kinds = {n: a["kind"] for n, a in graph.nodes(data=True)}
    positions: dict[str, tuple[float, float]] = {}

    def owned(node: str, kind_set: tuple[str, ...]) -> list[str]:
        return [v for v in dict.fromkeys(graph.successors(node)) if kinds[v] in kind_set and v not in positions]

    def place_disc(centre: tuple[float, float], owners: list[str]) -> None:
        radius = max(220.0, 26.0 * len(owners))
        for i, owner in enumerate(owners):
            angle = 2 * math.pi * i / max(len(owners), 1)
            ox, oy = centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)
            positions[owner] = (ox, oy)
            leaves = owned(owner, (INDICATOR,))
            for j, leaf in enumerate(leaves):
                spread = angle + math.pi * ((j + 0.5) / len(leaves) - 0.5)
                positions[leaf] = (ox + 70 * math.cos(spread), oy + 70 * math.sin(spread))

    departments = [n for n in graph.nodes if kinds[n] == DEPARTMENT]
    discs = [(d, owned(d, OWNER_KINDS)) for d in departments]
    if discs:
        cell = 2 * max(max(220.0, 26.0 * len(owners)) for _, owners in discs) + 400
        columns = math.ceil(math.sqrt(len(discs)))
        for number, (dept, owners) in enumerate(discs):
            centre = (cell * (number % columns), cell * (number // columns))
            positions[dept] = centre
            place_disc(centre, [o for o in owners if o not in positions])
    # Whatever no department holds (an RDF input without budgets, say) goes in a row below.
    loose = [n for n in graph.nodes if kinds[n] in OWNER_KINDS and n not in positions]
    bottom = max((y for _, y in positions.values()), default=0.0) + 400
    for number, owner in enumerate(loose):
        positions[owner] = (300.0 * number, bottom)
        for j, leaf in enumerate(owned(owner, (INDICATOR,))):
            positions[leaf] = (300.0 * number + 40 * (j % 5), bottom + 60 + 40 * (j // 5))

    tiers = graph.graph.get("tiers", {})
    column = [n for n in graph.nodes if kinds[n] in (TIER1, TIER2)]
    column.sort(key=lambda t: (tiers.get(graph.nodes[t].get("broader") or t, {}).get("notation", ""), kinds[t] != TIER1, graph.nodes[t].get("code") or "", t))
    if column:
        xs = [x for x, _ in positions.values()] or [0.0]
        ys = [y for _, y in positions.values()] or [0.0]
        step = 100.0
        left = max(xs) + 260
        top = (min(ys) + max(ys)) / 2 - step * (len(column) - 1) / 2
        for number, tier in enumerate(column):
            positions[tier] = (left + (0 if kinds[tier] == TIER1 else 110), top + step * number)
    for node in graph.nodes:  # anything else (an indicator whose owner is not drawn)
        positions.setdefault(node, (0.0, 0.0))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


MAP_GAP = 50.0  # between two blocks of the map
MAP_ROW = 70.0  # the height of a department's box, with room between two
MAP_ASPECT = 1.6  # width to height of a block of the map


def _text_width(text: str, font: float) -> float:
    """About how wide a line is drawn: a CJK character is as wide as the font is high, others half."""
    return font * sum(1.0 if ord(c) > 0x2E7F else 0.55 for c in text)


def _grid(sizes: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], float, float]:
    """Blocks of the given (width, height) in rows and columns, the whole about as wide as a screen
    (MAP_ASPECT): each one's offset of its top left corner, and the width and height of the whole."""
    if not sizes:
        return [], 0.0, 0.0
    mean_w = sum(w for w, _ in sizes) / len(sizes) + MAP_GAP
    mean_h = sum(h for _, h in sizes) / len(sizes) + MAP_GAP
    columns = max(1, min(len(sizes), math.ceil(math.sqrt(len(sizes) * mean_h * MAP_ASPECT / mean_w))))
    widths = [max(w for w, _ in sizes[c::columns]) for c in range(columns)]
    heights = [max(h for _, h in sizes[r:r + columns]) for r in range(0, len(sizes), columns)]
    offsets = [(sum(widths[:n % columns]) + MAP_GAP * (n % columns), sum(heights[:n // columns]) + MAP_GAP * (n // columns)) for n in range(len(sizes))]
    return offsets, sum(widths) + MAP_GAP * (columns - 1), sum(heights) + MAP_GAP * (len(heights) - 1)


def map_geometry(graph: nx.MultiDiGraph) -> tuple[dict[str, tuple[float, float]], dict[str, int]]:
    """Positions and font sizes on the map of a corpus, like an organisation chart: each region
    above a block of the regions under it, a district above its departments in columns; the top
    regions (and departments without one) side by side. A region's name is drawn large enough to
    be read when its whole block is in view. The map takes no part in the physics."""
    children: dict[str, list[str]] = {n: [] for n in graph.nodes}
    for u, v in graph.edges():  # a map's edges point up: department → region → the region above
        children[v].append(u)
    size: dict[str, tuple[float, float]] = {}
    grids: dict[str, tuple[list[tuple[float, float]], float, float]] = {}
    fonts: dict[str, int] = {}
    for node in nx.topological_sort(graph):  # a node after everything under it
        lines = _map_label(graph.nodes[node]).split("\n")
        if graph.nodes[node]["kind"] != REGION:
            fonts[node] = MAP_DEPARTMENT["font"]
            size[node] = (max(_text_width(line, fonts[node]) for line in lines) + 30, MAP_ROW - 20)
            continue
        grid = grids[node] = _grid([size[k] for k in children[node]])
        fonts[node] = int(min(max(REGION_STYLE[graph.nodes[node]["level"]]["font"], grid[1] / 36), 110))
        own_w = max(_text_width(line, fonts[node]) for line in lines) + 2 * fonts[node]
        own_h = 3.2 * fonts[node] + MAP_GAP
        size[node] = (max(own_w, grid[1]), own_h + grid[2])
    positions: dict[str, tuple[float, float]] = {}

    def place(node: str, left: float, top: float) -> None:
        width, height = size[node]
        if node not in grids:
            positions[node] = (left + width / 2, top + height / 2)
            return
        offsets, grid_w, grid_h = grids[node]
        positions[node] = (left + width / 2, top + 1.6 * fonts[node])
        grid_left, grid_top = left + (width - grid_w) / 2, top + height - grid_h
        for kid, (dx, dy) in zip(children[node], offsets, strict=True):
            place(kid, grid_left + dx, grid_top + dy)

    roots = [n for n in graph.nodes if graph.out_degree(n) == 0]
    offsets, _, _ = _grid([size[r] for r in roots])
    for root, (dx, dy) in zip(roots, offsets, strict=True):
        place(root, dx, dy)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}, fonts


def _tier_index(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Each tier concept's 一级 tier, as its position in skos:notation order (picks the colour)."""
    tiers = graph.graph.get("tiers", {})
    firsts = sorted((t for t in tiers if tiers[t]["level"] == 1), key=lambda t: (tiers[t]["notation"], t))
    index = {t: i for i, t in enumerate(firsts)}
    index |= {t: index[tiers[t]["broader"]] for t in tiers if tiers[t]["level"] == 2 and tiers[t]["broader"] in index}
    return index


def _group(kind: str, tier: int | None) -> str:
    if kind not in TIER_COLOURED:
        return kind
    return f"{kind}-{tier}" if tier is not None else f"{kind}-other"


def vis_groups(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """vis-network groups: the look of each kind (and, for tiers and indicators, each 一级 tier),
    so that every node carries only its own data."""
    tiers = sorted(set(_tier_index(graph).values()))
    groups: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        style = KIND_STYLE[kind]
        for tier in ([*tiers, None] if kind in TIER_COLOURED else [None]):
            colour = style["color"] if kind not in TIER_COLOURED else (TIER_COLOURS[tier % len(TIER_COLOURS)] if tier is not None else OTHER_TIER_COLOUR)
            font: dict[str, Any] = {"size": style["font"], "face": FONT_FACE, "color": "#ffffff" if kind == DEPARTMENT else "#263238"}
            if kind != DEPARTMENT:
                font |= {"strokeWidth": 3, "strokeColor": "#ffffff"}
            group: dict[str, Any] = {
                "shape": style["shape"], "font": font,
                "color": {"background": colour, "border": colour, "highlight": {"background": "#ffd54f", "border": "#ff6f00"},
                          "hover": {"background": colour, "border": "#ff6f00"}},
            }
            if kind == DEPARTMENT:
                group |= {"margin": 12, "widthConstraint": {"maximum": 420}, "borderWidth": 2, "mass": 3}
            elif kind != PROJECT:  # a project's size follows its amount (vis-network's value scaling)
                group["size"] = style["size"]
            if kind in (TIER1, TIER2):
                group["physics"] = False  # the tier column stays where it is put (see layout_hints)
            groups[_group(kind, tier)] = group
    for level, style in REGION_STYLE.items():
        groups[f"{REGION}-{level}"] = {
            "shape": "ellipse", "margin": 14, "borderWidth": 2, "physics": False,
            "font": {"size": style["font"], "face": FONT_FACE, "color": style["text"], "multi": False},
            "color": {"background": style["color"], "border": "#004d40", "highlight": {"background": "#ffd54f", "border": "#ff6f00"},
                      "hover": {"background": style["color"], "border": "#ff6f00"}},
        }
    return groups


def _vis_map_node(graph: nx.MultiDiGraph, node: str, ids: Mapping[str, str], position: tuple[float, float], font: int) -> dict[str, Any]:
    """A region or department of the map: its figures in its label and tooltip (and in ``fig``
    for the page's script), and the view it opens (``open``)."""
    attrs = graph.nodes[node]
    region = attrs["kind"] == REGION
    vis: dict[str, Any] = {
        "label": _map_label(attrs),
        "group": f"{REGION}-{attrs['level']}" if region else DEPARTMENT,
        "title": tooltip(graph, node),
        "kind": attrs["kind"],
        "name": attrs["label"],
        "code": attrs.get("code"),
        "place": attrs.get("place"),
        "open": None if region else ids.get(attrs["budget"]),
        "fig": attrs["figures"].as_dict(),
        "font": {"size": font},
        "physics": False,  # the map is laid out already (map_geometry)
        "x": position[0],
        "y": position[1],
    }
    return {k: v for k, v in vis.items() if v is not None}


def _vis_node(graph: nx.MultiDiGraph, node: str, ids: Mapping[str, str], tier_index: Mapping[str, int], position: tuple[float, float] | None) -> dict[str, Any]:
    attrs = graph.nodes[node]
    kind = attrs["kind"]
    tier1 = attrs.get("tier1") if kind == INDICATOR else (node if kind == TIER1 else attrs.get("broader"))
    tier2 = attrs.get("tier2") if kind == INDICATOR else (node if kind == TIER2 else None)
    value = attrs.get("value")
    vis: dict[str, Any] = {
        "label": _short(attrs["label"], KIND_STYLE[kind]["label"]),
        "group": _group(kind, tier_index.get(tier1 or "")),
        "title": tooltip(graph, node),  # plain text: vis-network shows it with innerText
        # Our own fields, for the page's search and filters (vis-network ignores them).
        "kind": kind,
        "name": attrs["label"],
        "code": attrs.get("code"),
        "owner": ids.get(attrs.get("owner") or ""),
        "dept": ids.get(attrs.get("department") or ""),
        "tier1": ids.get(tier1 or ""),
        "tier2": ids.get(tier2 or ""),
        "cmp": attrs.get("comparator") if kind == INDICATOR else None,
        "val": float(value) if kind == INDICATOR and value is not None else None,
    }
    if kind == PROJECT and attrs.get("amount") is not None:
        vis["value"] = max(float(attrs["amount"]), 0.0)  # vis-network sizes the dot by value
    else:
        # vis-network 9 resets the font size of a node without a value to the global default
        # once any node has one, unless the node states its own size.
        vis["font"] = {"size": KIND_STYLE[kind]["font"]}
    if position is not None:
        vis["x"], vis["y"] = position
    return {k: v for k, v in vis.items() if v is not None}


def _edge_styles(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The look and label of each relation; every edge carries only its ends and relation."""
    labels: dict[str, str] = graph.graph["labels"]
    styles = {}
    for relation, style in EDGE_STYLE.items():
        label = labels[terms.TierOneConcept] if relation == BROADER else labels.get(relation, local_name(relation))
        styles[local_name(relation)] = {
            "label": label, "title": label, "arrows": "to", "width": style["width"],
            "color": {"color": style["color"], "opacity": 0.8, "highlight": "#ff6f00"},
            **{k: v for k, v in style.items() if k in ("length", "dashes", "physics")},
        }
    for rel, style in MAP_EDGE_STYLE.items():
        label = WITHIN if rel == "within" else labels[terms.region]
        styles[rel] = {"title": label, "arrows": "to", "width": style["width"], "physics": False,
                       "color": {"color": style["color"], "opacity": 0.9, "highlight": "#ff6f00"}}
    return styles


@cache
def _relation_name(relation: str) -> str:
    return local_name(relation)


def _vis_edge(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {"rel": attrs.get("rel") or _relation_name(attrs["relation"])}


def vis_data(graph: nx.MultiDiGraph, ids: Mapping[str, str] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges vis-network draws (its DataSet items); ``ids`` shortens node ids. Each
    node carries only its own data: its group gives its shape and colour, an edge's relation its
    look (see :func:`vis_groups`, :func:`_edge_styles`)."""
    ids = ids if ids is not None else {n: n for n in graph.nodes}
    tier_index = _tier_index(graph)
    on_map = graph.graph.get("map")
    positions, fonts = map_geometry(graph) if on_map else (layout_hints(graph), {})
    nodes = [
        {"id": ids[node], **(_vis_map_node(graph, node, ids, positions[node], fonts[node]) if on_map
                             else _vis_node(graph, node, ids, tier_index, positions.get(node)))}
        for node in graph.nodes
    ]
    edges = [{"from": ids[u], "to": ids[v], **_vis_edge(attrs)} for u, v, attrs in graph.edges(data=True)]
    return nodes, edges


def vis_options(graph: nx.MultiDiGraph, node_count: int) -> dict[str, Any]:
    """vis-network options: physics that settles quickly, then stops (the page turns it off)."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},  # networkx gives the start positions
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -45, "centralGravity": 0.008, "springLength": 60,
                                 "springConstant": 0.08, "damping": 0.6, "avoidOverlap": 0.3},
            "maxVelocity": 60,
            "minVelocity": 1.5,
            # The start positions are good already: a large graph needs fewer (costlier) iterations.
            "stabilization": {"enabled": True, "iterations": 400 if node_count <= 400 else max(120, 160_000 // node_count), "updateInterval": 20, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": node_count > 600, "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": False},
        # No "font" here: vis-network 9 lets a global node font override the groups' fonts.
        "nodes": {"scaling": {"min": 10, "max": 46, "label": {"enabled": False, "drawThreshold": 6}}},
        "groups": vis_groups(graph),
        "edges": {"smooth": False, "font": {"size": 9, "face": FONT_FACE, "color": "#78909c", "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.35}}, "scaling": {"label": {"drawThreshold": 8}}},
    }


def _legend(graph: nx.MultiDiGraph, ids: Mapping[str, str]) -> dict[str, Any]:
    labels: dict[str, str] = graph.graph["labels"]
    tiers = graph.graph.get("tiers", {})
    tier_index = _tier_index(graph)
    in_order = sorted((t for t in tiers if t in ids), key=lambda t: (tiers[t]["notation"], t))
    return {
        "kinds": [
            {"kind": REGION, "label": REGION_KIND_LABEL, "shape": "ellipse", "color": REGION_STYLE["city"]["color"], "byTier": False},
            *({"kind": k, "label": labels[KIND_CLASSES[k]], "shape": KIND_STYLE[k]["shape"],
               "color": KIND_STYLE[k]["color"] if k not in TIER_COLOURED else OTHER_TIER_COLOUR, "byTier": k in TIER_COLOURED}
              for k in KINDS),
        ],
        "tiers": [
            {"id": ids[t], "label": tiers[t]["label"], "color": TIER_COLOURS[tier_index[t] % len(TIER_COLOURS)]}
            for t in in_order if tiers[t]["level"] == 1
        ],
        "tierOptions": [{"id": ids[t], "label": tiers[t]["label"], "level": tiers[t]["level"]} for t in in_order],
        "relations": {local_name(r): labels.get(r, local_name(r)) for r in (terms.hasProject, terms.hasActivity, terms.hasTarget, terms.tier)},
        "captions": {"amount": labels[terms.totalAmount], "tier1": labels[terms.TierOneConcept], "tier2": labels[terms.TierTwoConcept],
                     "figures": "、".join(figure_captions(graph)[f] for f in ("projects", "indicators", "errors"))},
    }


def _heading(graph: nx.MultiDiGraph, maps: Mapping[str, nx.MultiDiGraph] | None = None) -> tuple[str, str]:
    """The page's title and a line under it, from the departments drawn (and, for a corpus, the
    top regions of its maps)."""
    departments = sorted((a for _, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT), key=lambda a: a["label"])
    years = sorted({y for a in departments for y in a.get("years") or []})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
    tops = sorted({(a["code"] or "", a["label"]) for m in (maps or {}).values() for n, a in m.nodes(data=True)
                   if a["kind"] == REGION and m.out_degree(n) == 0})
    if tops:
        title = "、".join(label for _, label in tops[:3]) + (" 等" if len(tops) > 3 else "") + f" {len(departments)} 个部门"
    elif len(departments) == 1:
        title = departments[0]["label"]
    elif departments:
        title = f"{departments[0]['label']} 等 {len(departments)} 个部门"
    else:
        title = "预算绩效目标"
    subtitle = f"{span}年度 预算项目·活动·绩效指标网络" if span else "预算项目·活动·绩效指标网络"
    if graph.graph.get("focus"):
        subtitle += f"（聚焦：{graph.graph['focus']}）"
    return title, subtitle


@cache
def _inlined(path: Path) -> str:
    """A file's text, checked to be safe to inline into the page's <script> or <style>."""
    text = path.read_text(encoding="utf-8")
    # The vendored build ends with a source-map comment; nothing should even hint at a fetch.
    # Split on "\n" only: str.splitlines() would also break at the U+2028 and control characters
    # that the minified code holds inside string literals.
    lines = [line for line in text.split("\n") if not line.startswith(("//# sourceMappingURL=", "/*# sourceMappingURL="))]
    text = "\n".join(lines)
    if "</script" in text.lower() or "</style" in text.lower():
        raise KgError(f"{path} cannot be inlined: it contains a closing </script> or </style> tag")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def _view(graph: nx.MultiDiGraph, ids: Mapping[str, str], **extra: Any) -> dict[str, Any]:
    nodes, edges = vis_data(graph, ids)
    return {"nodes": nodes, "edges": edges, **extra}


def _corpus_views(graph: nx.MultiDiGraph, ids: dict[str, str]) -> tuple[dict[str, dict[str, Any]], dict[str, Any], dict[str, nx.MultiDiGraph]]:
    """A corpus above the node limit: a map for each budget year and a view for each department's
    budget (one year), with what the page's year and department selectors list."""
    views: dict[str, dict[str, Any]] = {}
    budgets: list[dict[str, Any]] = []
    for dept, budget, view in budget_graphs(graph):
        key = ids[budget] = f"b{len(budgets)}"  # a budget is no node: its id names its view
        year = next(e["year"] for e in graph.nodes[dept]["budgets"] if e["budget"] == budget) or ""
        views[key] = _view(view, ids, year=year)
        budgets.append({"id": key, "dept": ids[dept], "label": graph.nodes[dept]["label"], "code": graph.nodes[dept].get("code") or "",
                        "year": year, "nodes": view.number_of_nodes()})
    figures = budget_figures(graph)
    maps = {year: map_graph(graph, year, figures) for year in budget_years(graph)}
    overviews = {}
    for year, year_map in maps.items():
        for node in year_map.nodes:
            ids.setdefault(node, f"r{len(ids)}")  # regions are no nodes of the model
        overviews[year] = f"overview-{year}"
        views[overviews[year]] = _view(year_map, ids, map=True, year=year)
        for node, attrs in year_map.nodes(data=True):
            if attrs["kind"] == DEPARTMENT:
                entry = next(b for b in budgets if b["id"] == ids[attrs["budget"]])
                entry["place"] = attrs.get("place") or ""
    corpus = {"years": list(maps), "year": list(maps)[-1] if maps else "", "overviews": overviews, "budgets": budgets}
    return views, corpus, maps


def render_graph(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[str, VizSummary]:
    """The whole HTML page for a model, and what it draws (``path`` of the summary is empty).

    Above ``max_nodes`` the page opens on the map of the latest budget year."""
    if max_nodes < 1:
        raise KgError(f"the node limit must be at least 1, not {max_nodes}")
    departments = [n for n, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT]
    ids = {node: f"n{number}" for number, node in enumerate(graph.nodes)}  # short: the page holds many
    overview = graph.number_of_nodes() > max_nodes
    corpus: dict[str, Any] | None = None
    maps: dict[str, nx.MultiDiGraph] = {}
    if overview:
        views, corpus, maps = _corpus_views(graph, ids)
        initial = corpus["overviews"][corpus["year"]] if maps else "all"
        first = maps[corpus["year"]] if maps else graph
    if not maps:
        views, initial, first = {"all": _view(graph, ids)}, "all", graph
    title, subtitle = _heading(graph, maps)
    satisfaction = graph.graph.get("tiers", {}).get(SATISFACTION_TIER)
    data = {
        "views": views,
        "initial": initial,
        "corpus": corpus,
        "graphNodes": graph.number_of_nodes(),
        "maxNodes": max_nodes,
        "legend": _legend(graph, ids),
        "edgeStyles": _edge_styles(graph),
        "satisfaction": {"tier": ids[SATISFACTION_TIER], "min": float(SATISFACTION_PRESET), "label": f"{satisfaction['label']} ≥ {plain(SATISFACTION_PRESET)}"}
        if satisfaction and SATISFACTION_TIER in ids else None,
        "options": vis_options(graph, max((len(v["nodes"]) for v in views.values()), default=0)),
    }
    vis_script = _inlined(VIS_DIR / "vis-network.min.js")
    page_script = _inlined(TEMPLATE_DIR / "network.js")
    page = network_page_templates().get_template("network.html").render(
        title=title,
        subtitle=subtitle,
        vis_css=Markup(_inlined(VIS_DIR / "vis-network.min.css")),
        vis_script=Markup(vis_script),
        page_script=Markup(page_script),
        data=data,
        script_hashes=" ".join((_csp_hash(vis_script), _csp_hash(page_script))),
    )
    summary = VizSummary(
        path=Path(), nodes=first.number_of_nodes(), edges=first.number_of_edges(), overview=bool(maps),
        graph_nodes=graph.number_of_nodes(), graph_edges=graph.number_of_edges(), departments=len(departments), years=len(maps),
    )
    return page, summary


def quads_page(quads: Iterable[Quad], focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[str, VizSummary]:
    """The whole HTML page of built quads (self-contained, offline, safe with hostile text) and what it draws."""
    return render_graph(network_graph(quads, focus), max_nodes)


def render_page(quads: Iterable[Quad], focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The whole HTML page of built quads."""
    return quads_page(quads, focus, max_nodes)[0]


def store_page(store_dir: str | Path, focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[str, VizSummary]:
    """The page of a store (``kg build --store``) and what it draws: its model is read with a few queries
    (kg.network.store), not quad by quad, so a corpus of hundreds of documents is drawn in seconds."""
    return render_graph(store_graph(open_store(store_dir), focus), max_nodes)


def write_page(quads: Iterable[Quad], path: str | Path, focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> VizSummary:
    """Write the page to ``path`` (UTF-8, atomically) and say what it draws."""
    return _write(quads_page(quads, focus, max_nodes), path)


def write_store_page(store_dir: str | Path, path: str | Path, focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> VizSummary:
    """:func:`write_page` for a store (:func:`store_page`)."""
    return _write(store_page(store_dir, focus, max_nodes), path)


def _write(rendered: tuple[str, VizSummary], path: str | Path) -> VizSummary:
    page, summary = rendered
    path = Path(path)
    write_files_atomically([(path, page.encode("utf-8"))])
    return dataclasses.replace(summary, path=path)


__all__ = [
    "DEFAULT_MAX_NODES",
    "MAX_NODES_HELP",
    "VIS_DIR",
    "VizSummary",
    "figure_captions",
    "layout_hints",
    "map_geometry",
    "quads_page",
    "render_graph",
    "render_page",
    "store_page",
    "tooltip",
    "vis_data",
    "vis_groups",
    "vis_options",
    "write_page",
    "write_store_page",
]
