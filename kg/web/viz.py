"""The budget as an interactive network: one offline HTML page a journalist can open on a laptop.

Two halves, kept apart:

- the model: :func:`network_graph` reads the built quads into a ``networkx.MultiDiGraph`` whose
  nodes are the department, its activities and projects, the 一级/二级 tier concepts and the
  indicators (targets are attributes, not nodes), and whose edges carry the relation they stand
  for. :func:`overview_graph` aggregates a corpus to departments, activities and tiers.
  ``kg.network.stats`` analyses the same model.
- the drawing: :func:`render_page` turns a model into vis-network data through pyvis and writes
  it into kg/web/assets/page.html with the vendored vis-network inlined, so the page loads nothing
  from the network.

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
import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.atomic import write_files_atomically
from kg.errors import KgError
from kg.numbers import plain
from kg.rdf import terms
from kg.rdf.namespaces import DCT, LABEL, RDF_TYPE, SKOS
from kg.rdf.quads import Literal, Quad, Term

# ==== The model ================================================================================

DEPARTMENT = "department"
ACTIVITY = "activity"
PROJECT = "project"
TIER1 = "tier1"
TIER2 = "tier2"
INDICATOR = "indicator"
KINDS = (DEPARTMENT, ACTIVITY, PROJECT, TIER1, TIER2, INDICATOR)  # also the legend's order
OWNER_KINDS = (PROJECT, ACTIVITY)  # what holds indicators

KIND_CLASSES = {
    DEPARTMENT: terms.Department,
    ACTIVITY: terms.DepartmentActivity,
    PROJECT: terms.BudgetProject,
    TIER1: terms.TierOneConcept,
    TIER2: terms.TierTwoConcept,
    INDICATOR: terms.PerformanceIndicator,
}
BROADER = SKOS + "broader"
PREF_LABEL = SKOS + "prefLabel"
NOTATION = SKOS + "notation"
DCT_SOURCE = DCT + "source"
DCT_TITLE = DCT + "title"

# The 一级 concept the "satisfaction ≥ 95" preset filters on (an IRI of ontology/tiers.ttl).
SATISFACTION_TIER = terms.TIER + "satisfaction"
SATISFACTION_PRESET = Decimal(95)

# About as many nodes as vis-network lays out in a few seconds on a laptop and keeps responsive.
from kg.web.limits import DEFAULT_MAX_NODES, MAX_NODES_HELP  # noqa: E402  (re-exported)


class FocusError(KgError):
    """``--focus`` names no project, activity or department of the graph."""


@dataclass(frozen=True)
class VizSummary:
    path: Path
    nodes: int  # nodes the page draws first (the whole graph, or the overview)
    edges: int
    overview: bool  # the graph had more than max_nodes nodes, so the overview is drawn first
    graph_nodes: int  # nodes and edges of the whole model
    graph_edges: int
    departments: int


class _Index:
    """The quads as subject → predicate → objects, one copy of each triple whatever its graph."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.values: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        self.of_type: dict[str, list[str]] = defaultdict(list)
        seen: set[tuple[str, str, Term]] = set()
        for s, p, o, _ in quads:
            if not isinstance(s, str) or (s, p, o) in seen:
                continue
            seen.add((s, p, o))
            self.values[s][p].append(o)
            if p == RDF_TYPE and isinstance(o, str):
                self.of_type[o].append(s)

    def objects(self, s: str, p: str) -> list[Term]:
        return self.values[s][p] if s in self.values else []

    def iri(self, s: str, p: str) -> str | None:
        return next((o for o in self.objects(s, p) if isinstance(o, str)), None)

    def iris(self, s: str, p: str) -> list[str]:
        return [o for o in self.objects(s, p) if isinstance(o, str)]

    def text(self, s: str, p: str) -> str | None:
        """A literal's text, preferring Chinese, then no language, then any."""
        literals = [o for o in self.objects(s, p) if isinstance(o, Literal)]
        for wanted in ("zh", None):
            for lit in literals:
                if lit.lang == wanted or (wanted == "zh" and (lit.lang or "").startswith("zh")):
                    return lit.value
        return literals[0].value if literals else None

    def label(self, s: str) -> str | None:
        return self.text(s, LABEL) or self.text(s, PREF_LABEL)

    def decimal(self, s: str, p: str) -> Decimal | None:
        text = self.text(s, p)
        try:
            return Decimal(text) if text is not None else None
        except InvalidOperation:
            return None

    def integer(self, s: str, p: str) -> int | None:
        text = self.text(s, p)
        return int(text) if text is not None and text.strip().isdigit() else None

    def subjects(self, cls: str) -> list[str]:
        return self.of_type.get(cls, [])


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# Ontology terms whose zh labels the page shows: kinds, relations and the captions of tooltips.
_CAPTIONED = (
    *KIND_CLASSES.values(), terms.hasProject, terms.hasActivity, terms.hasIndicator, terms.tier,
    terms.projectCode, terms.unitCode, terms.totalAmount, terms.fiscalAmount, terms.otherAmount,
    terms.totalExpenditure, terms.budgetYear, terms.comparator, terms.targetValue, terms.unitText,
    terms.sourceLine, terms.goal, terms.department,
)


def _ontology_labels(index: _Index) -> dict[str, str]:
    return {iri: index.label(iri) or _local_name(iri) for iri in _CAPTIONED}


def network_graph(quads: Iterable[Quad], focus: str | None = None) -> nx.MultiDiGraph:
    """The graph model of built quads (data and ontology), optionally narrowed to ``focus``.

    Node ids are IRIs; every node has ``kind`` (one of KINDS) and ``label``. Edges are keyed by
    the relation's IRI and carry ``relation`` and its zh ``label``. ``graph.graph`` holds the
    ontology's zh labels (``labels``) and every tier concept of the ontology (``tiers``), used
    or not.
    """
    index = _Index(quads)
    labels = _ontology_labels(index)
    graph = nx.MultiDiGraph(labels=labels, tiers=_tier_concepts(index))

    def edge(u: str, v: str, relation: str, label: str | None = None) -> None:
        if not graph.has_edge(u, v, key=relation):
            graph.add_edge(u, v, key=relation, relation=relation, label=label or labels.get(relation, _local_name(relation)))

    sources = {iri: index.text(iri, DCT_TITLE) or _local_name(iri) for iri in index.subjects(terms.SourceDocument)}

    def provenance(iri: str) -> dict[str, Any]:
        source = index.iri(iri, DCT_SOURCE)
        return {
            "line": index.integer(iri, terms.sourceLine),
            "table": index.text(iri, terms.sourceTable),
            "source": sources.get(source or "", _local_name(source) if source else None),
        }

    # Departments: a kg:Department, or the budget itself when the disclosure names no department.
    budgets = sorted(index.subjects(terms.DepartmentBudget))
    top_of = {b: index.iri(b, terms.department) or b for b in budgets}
    for dept in sorted(set(index.subjects(terms.Department)) | set(top_of.values())):
        own_budgets = [b for b in budgets if top_of[b] == dept]
        code = index.text(dept, terms.unitCode)
        graph.add_node(
            dept, kind=DEPARTMENT, label=index.label(dept) or code or next((index.label(b) for b in own_budgets if index.label(b)), None) or _local_name(dept),
            code=code, years=sorted({y for b in own_budgets if (y := index.text(b, terms.budgetYear))}),
            expenditure=_sum(index.decimal(b, terms.totalExpenditure) for b in own_budgets),
            goal=next((g for b in own_budgets if (g := index.text(b, terms.goal))), None),
            **provenance(own_budgets[0] if own_budgets else dept),
        )

    projects = sorted(index.subjects(terms.BudgetProject), key=lambda p: (index.integer(p, terms.sourceLine) or 0, p))
    for project in projects:
        graph.add_node(
            project, kind=PROJECT, label=index.label(project) or index.text(project, terms.projectCode) or _local_name(project),
            code=index.text(project, terms.projectCode), amount=index.decimal(project, terms.totalAmount),
            fiscal=index.decimal(project, terms.fiscalAmount), other=index.decimal(project, terms.otherAmount),
            year=index.text(project, terms.budgetYear), goal=index.text(project, terms.goal), **provenance(project),
        )
    activities = sorted(index.subjects(terms.DepartmentActivity), key=lambda a: (index.integer(a, terms.sourceLine) or 0, a))
    for activity in activities:
        graph.add_node(activity, kind=ACTIVITY, label=index.label(activity) or _local_name(activity), code=None, **provenance(activity))

    for budget in budgets:
        for relation in (terms.hasProject, terms.hasActivity):
            for part in index.iris(budget, relation):
                if part in graph:
                    edge(top_of[budget], part, relation)
    for part in (*projects, *activities):  # parts no budget lists, but that name their department
        named = index.iri(part, terms.department)
        if named is not None and named in graph and not any(graph.nodes[u]["kind"] == DEPARTMENT for u in graph.predecessors(part)):
            edge(named, part, terms.hasProject if graph.nodes[part]["kind"] == PROJECT else terms.hasActivity)

    tiers = graph.graph["tiers"]
    used_tiers: set[str] = set()
    for owner in (*projects, *activities):
        holder = next((u for u in graph.predecessors(owner) if graph.nodes[u]["kind"] == DEPARTMENT), None)
        graph.nodes[owner]["department"] = holder
        for ind in index.iris(owner, terms.hasIndicator):
            tier2 = index.iri(ind, terms.tier)
            tier1 = tiers[tier2]["broader"] if tier2 in tiers else None
            comparator = index.iri(ind, terms.comparator)
            graph.add_node(
                ind, kind=INDICATOR, label=index.label(ind) or _local_name(ind), code=None, owner=owner, department=holder,
                tier2=tier2, tier1=tier1, comparator=(index.text(comparator, NOTATION) or _local_name(comparator)) if comparator else None,
                qualitative=comparator == terms.Qualitative,
                target_text=index.text(ind, terms.targetText), value=index.decimal(ind, terms.targetValue),
                unit_text=index.text(ind, terms.unitText), **provenance(ind),
            )
            edge(owner, ind, terms.hasIndicator)
            used_tiers |= {t for t in (tier1, tier2) if t}
    for iri in sorted(used_tiers & tiers.keys(), key=lambda t: (tiers[t]["level"], tiers[t]["notation"], t)):
        tier = tiers[iri]
        graph.add_node(iri, kind=TIER1 if tier["level"] == 1 else TIER2, label=tier["label"], code=tier["notation"], broader=tier["broader"])
    for ind, attrs in list(graph.nodes(data=True)):
        if attrs["kind"] == INDICATOR and attrs["tier2"] in graph:
            edge(ind, attrs["tier2"], terms.tier)
    for iri in used_tiers:
        broader = tiers.get(iri, {}).get("broader")
        if iri in graph and broader in graph:
            edge(iri, broader, BROADER, labels[terms.TierOneConcept])  # a 二级 concept's 一级指标

    for dept, attrs in graph.nodes(data=True):
        if attrs["kind"] == DEPARTMENT:
            attrs.update(_department_counts(graph, dept))
    if focus is not None:
        graph = graph.subgraph(focus_nodes(graph, focus)).copy()
        graph.graph["focus"] = focus
    return graph


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _tier_concepts(index: _Index) -> dict[str, dict[str, Any]]:
    """Every 一级 and 二级 concept of the ontology, by IRI: label, level, notation, broader."""
    tiers: dict[str, dict[str, Any]] = {}
    for level, cls in ((1, terms.TierOneConcept), (2, terms.TierTwoConcept)):
        for iri in index.subjects(cls):
            tiers[iri] = {
                "label": index.label(iri) or _local_name(iri), "level": level,
                "notation": index.text(iri, NOTATION) or "", "broader": index.iri(iri, BROADER) if level == 2 else None,
            }
    return tiers


def _department_counts(graph: nx.MultiDiGraph, dept: str) -> dict[str, Any]:
    parts = [v for v in graph.successors(dept)]
    projects = [p for p in parts if graph.nodes[p]["kind"] == PROJECT]
    return {
        "projects": len(projects),
        "activities": sum(1 for p in parts if graph.nodes[p]["kind"] == ACTIVITY),
        "indicators": sum(1 for p in parts for i in graph.successors(p) if graph.nodes[i]["kind"] == INDICATOR),
        "amount": _sum(graph.nodes[p].get("amount") for p in projects),
    }


def focus_nodes(graph: nx.MultiDiGraph, focus: str) -> set[str]:
    """A project, activity or department (by code, exact name or IRI) with all it holds.

    The department of a project or activity stays, so the focused page still says whose it is.
    """
    wanted = focus.strip()
    matches = [
        n for n, a in graph.nodes(data=True)
        if a["kind"] in (*OWNER_KINDS, DEPARTMENT) and wanted in (a.get("code"), a["label"], n)
    ]
    if not matches:
        near = sorted({a["label"] for _, a in graph.nodes(data=True) if a["kind"] in (*OWNER_KINDS, DEPARTMENT) and wanted and wanted in a["label"]})
        hint = f"; names containing it: {'、'.join(near[:5])}{' …' if len(near) > 5 else ''}" if near else ""
        raise FocusError(f"focus {wanted!r} is not the code or the name of a project, activity or department{hint}")
    keep: set[str] = set()
    for match in matches:
        keep |= {match} | nx.descendants(graph, match)
        keep |= {u for u in graph.predecessors(match) if graph.nodes[u]["kind"] == DEPARTMENT}
    return keep


def department_graph(graph: nx.MultiDiGraph, dept: str) -> nx.MultiDiGraph:
    """One department with everything under it (its projects, activities, indicators, tiers)."""
    return graph.subgraph({dept} | nx.descendants(graph, dept)).copy()


def overview_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A corpus at a glance: the departments with their activities, and the 一级 tier concepts,
    with one edge from a department to each 一级 concept its indicators fall under, carrying how
    many they are (``count``). Projects and indicators are left out."""
    overview = nx.MultiDiGraph(**graph.graph)
    overview.graph["overview"] = True
    kept = [n for n, a in graph.nodes(data=True) if a["kind"] in (DEPARTMENT, ACTIVITY, TIER1)]
    overview.add_nodes_from((n, graph.nodes[n]) for n in kept)
    overview.add_edges_from(
        (u, v, k, a) for u, v, k, a in graph.edges(keys=True, data=True) if u in overview and v in overview
    )
    per_tier = Counter(
        (a["department"], a["tier1"]) for _, a in graph.nodes(data=True)
        if a["kind"] == INDICATOR and a.get("department") in overview and a.get("tier1") in overview
    )
    label = graph.graph["labels"][terms.hasIndicator]
    for (dept, tier1), count in sorted(per_tier.items()):
        overview.add_edge(dept, tier1, key=terms.hasIndicator, relation=terms.hasIndicator, label=label, count=count)
    return overview


# ==== The drawing ==============================================================================

ASSETS = Path(__file__).resolve().parent / "assets"
PAGE_DIR = ASSETS / "viz"  # the page's template and script
VIS_DIR = ASSETS / "vis-network"  # vendored vis-network (see its README.md)
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
EDGE_STYLE: dict[str, dict[str, Any]] = {
    terms.hasProject: {"color": "#90a4ae", "width": 1.5, "length": 160},
    terms.hasActivity: {"color": "#ef6c00", "width": 2, "length": 200},
    terms.hasIndicator: {"color": "#b0bec5", "width": 1, "length": 40},
    terms.tier: {"color": "#ce93d8", "width": 0.6, "dashes": True, "physics": False},
    BROADER: {"color": "#8e24aa", "width": 2, "length": 90},
}


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _amount(value: Decimal | None) -> str | None:
    return f"{plain(value)} 万元" if value is not None else None


def _target(attrs: Mapping[str, Any]) -> str:
    """The target as printed: ``≥ 95 %``, or the text of a 定性 target."""
    value = attrs.get("target_text") or (plain(attrs["value"]) if attrs.get("value") is not None else "")
    return " ".join(part for part in (attrs.get("comparator"), value, attrs.get("unit_text")) if part)


def _where(attrs: Mapping[str, Any]) -> str | None:
    if attrs.get("line") is None:
        return None
    table = f"表{attrs['table']} " if attrs.get("table") else ""
    return f"{attrs.get('source') or ''} {table}第 {attrs['line']} 行".strip()


def tooltip(graph: nx.MultiDiGraph, node: str) -> str:
    """Plain text (never HTML) shown when the pointer rests on a node, and in the side panel."""
    attrs = graph.nodes[node]
    labels: dict[str, str] = graph.graph["labels"]
    kind = attrs["kind"]
    lines = [attrs["label"], f"〔{labels[KIND_CLASSES[kind]]}〕"]

    def add(caption_iri: str | None, value: Any, caption: str | None = None) -> None:
        if value not in (None, "", []):
            lines.append(f"{caption or labels[caption_iri or '']}：{value}")

    if kind == DEPARTMENT:
        add(terms.unitCode, attrs.get("code"))
        add(terms.budgetYear, "、".join(attrs.get("years") or []))
        add(terms.totalExpenditure, _amount(attrs.get("expenditure")))
        add(None, attrs.get("projects"), labels[terms.BudgetProject])
        add(None, _amount(attrs.get("amount")), f"{labels[terms.BudgetProject]}{labels[terms.totalAmount]}")
        add(None, attrs.get("activities"), labels[terms.DepartmentActivity])
        add(None, attrs.get("indicators"), labels[terms.PerformanceIndicator])
    elif kind == PROJECT:
        add(terms.projectCode, attrs.get("code"))
        add(terms.totalAmount, _amount(attrs.get("amount")))
        add(terms.fiscalAmount, _amount(attrs.get("fiscal")))
        add(terms.otherAmount, _amount(attrs.get("other")))
        add(None, sum(1 for v in graph.successors(node) if graph.nodes[v]["kind"] == INDICATOR) or None, labels[terms.PerformanceIndicator])
        add(terms.goal, _short(attrs["goal"], 120) if attrs.get("goal") else None)
    elif kind == ACTIVITY:
        add(None, sum(1 for v in graph.successors(node) if graph.nodes[v]["kind"] == INDICATOR) or None, labels[terms.PerformanceIndicator])
    elif kind == INDICATOR:
        tiers = graph.graph["tiers"]
        tier_names = [tiers[t]["label"] for t in (attrs.get("tier1"), attrs.get("tier2")) if t in tiers]
        add(None, " / ".join(tier_names), f"{labels[terms.TierOneConcept]} / {labels[terms.TierTwoConcept]}")
        add(terms.comparator, attrs.get("comparator"))
        add(terms.targetValue, _target(attrs))
        owner = attrs.get("owner")
        if owner in graph:
            owner_attrs = graph.nodes[owner]
            add(None, " ".join(x for x in (owner_attrs.get("code"), owner_attrs["label"]) if x), labels[KIND_CLASSES[owner_attrs["kind"]]])
    else:  # a tier concept
        if kind == TIER2 and attrs.get("broader") in graph.graph["tiers"]:
            add(None, graph.graph["tiers"][attrs["broader"]]["label"], labels[terms.TierOneConcept])
        counted = sum(1 for u in graph.predecessors(node) if graph.nodes[u]["kind"] == INDICATOR)
        aggregated = sum(a.get("count", 0) for _, _, a in graph.in_edges(node, data=True))
        add(None, counted or aggregated or None, labels[terms.PerformanceIndicator])
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
    return groups


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
        label = labels[terms.TierOneConcept] if relation == BROADER else labels.get(relation, _local_name(relation))
        styles[_local_name(relation)] = {
            "label": label, "title": label, "arrows": "to", "width": style["width"],
            "color": {"color": style["color"], "opacity": 0.8, "highlight": "#ff6f00"},
            **{k: v for k, v in style.items() if k in ("length", "dashes", "physics")},
        }
    # An overview edge: how many of a department's indicators are under a 一级 concept.
    styles["count"] = {"arrows": "to", "color": {"inherit": "to", "opacity": 0.35}, "physics": False, "font": {"size": 14}}
    return styles


def _vis_edge(attrs: Mapping[str, Any]) -> dict[str, Any]:
    if "count" in attrs:
        count = attrs["count"]
        return {"rel": "count", "label": str(count), "title": f"{attrs['label']}：{count}", "width": round(1 + math.log2(count) / 2, 2)}
    return {"rel": _local_name(attrs["relation"])}


def vis_data(graph: nx.MultiDiGraph, ids: Mapping[str, str] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The nodes and edges vis-network draws, assembled with pyvis; ``ids`` shortens node ids."""
    from pyvis.network import (
        Network,  # imported here: pyvis is slow to import (IPython)
    )

    ids = ids if ids is not None else {n: n for n in graph.nodes}
    network = Network(directed=True, cdn_resources="in_line")
    tier_index = _tier_index(graph)
    positions = layout_hints(graph)
    for node in graph.nodes:
        options = _vis_node(graph, node, ids, tier_index, positions.get(node))
        network.add_node(ids[node], **options)
    for u, v, attrs in graph.edges(data=True):
        network.add_edge(ids[u], ids[v], **_vis_edge(attrs))
    nodes, edges, *_ = network.get_network_data()
    for node in nodes:  # pyvis fills in a shape; the node's group decides it
        node.pop("shape", None)
    for edge in edges:  # and an arrow, which the relation's style gives
        edge.pop("arrows", None)
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
            {"kind": k, "label": labels[KIND_CLASSES[k]], "shape": KIND_STYLE[k]["shape"],
             "color": KIND_STYLE[k]["color"] if k not in TIER_COLOURED else OTHER_TIER_COLOUR, "byTier": k in TIER_COLOURED}
            for k in KINDS
        ],
        "tiers": [
            {"id": ids[t], "label": tiers[t]["label"], "color": TIER_COLOURS[tier_index[t] % len(TIER_COLOURS)]}
            for t in in_order if tiers[t]["level"] == 1
        ],
        "tierOptions": [{"id": ids[t], "label": tiers[t]["label"], "level": tiers[t]["level"]} for t in in_order],
        "relations": {_local_name(r): labels.get(r, _local_name(r)) for r in (terms.hasProject, terms.hasActivity, terms.hasIndicator, terms.tier)},
        "captions": {"amount": labels[terms.totalAmount], "tier1": labels[terms.TierOneConcept], "tier2": labels[terms.TierTwoConcept]},
    }


def _heading(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """The page's title and a line under it, from the departments drawn."""
    departments = sorted((a for _, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT), key=lambda a: a["label"])
    years = sorted({y for a in departments for y in a.get("years") or []})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (years[0] if years else "")
    if len(departments) == 1:
        title = departments[0]["label"]
    elif departments:
        title = f"{departments[0]['label']} 等 {len(departments)} 个部门"
    else:
        title = "预算绩效目标"
    subtitle = f"{span}年度 预算项目·活动·绩效指标网络" if span else "预算项目·活动·绩效指标网络"
    if graph.graph.get("focus"):
        subtitle += f"（聚焦：{graph.graph['focus']}）"
    return title, subtitle


def _json_for_script(value: Any) -> str:
    """JSON that can sit inside <script> whatever the document's text: no ``</script>``, no ``<!--``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@cache
def _asset(name: str) -> str:
    text = (ASSETS / name).read_text(encoding="utf-8")  # name: a path under kg/web/assets/
    # The vendored build ends with a source-map comment; nothing should even hint at a fetch.
    # Split on "\n" only: str.splitlines() would also break at the U+2028 and control characters
    # that the minified code holds inside string literals.
    lines = [line for line in text.split("\n") if not line.startswith(("//# sourceMappingURL=", "/*# sourceMappingURL="))]
    text = "\n".join(lines)
    if "</script" in text.lower() or "</style" in text.lower():
        raise KgError(f"kg/web/assets/{name} cannot be inlined: it contains a closing </script> or </style> tag")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_graph(graph: nx.MultiDiGraph, max_nodes: int = DEFAULT_MAX_NODES) -> tuple[str, VizSummary]:
    """The whole HTML page for a model, and what it draws (``path`` of the summary is empty)."""
    import jinja2

    if max_nodes < 1:
        raise KgError(f"the node limit must be at least 1, not {max_nodes}")
    departments = sorted((n for n, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT), key=lambda n: (graph.nodes[n]["label"], n))
    ids = {node: f"n{number}" for number, node in enumerate(graph.nodes)}  # short: the page holds many
    overview = graph.number_of_nodes() > max_nodes
    views: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if overview:
        first = overview_graph(graph)
        views["overview"] = dict(zip(("nodes", "edges"), vis_data(first, ids)))
        for dept in departments:
            views[ids[dept]] = dict(zip(("nodes", "edges"), vis_data(department_graph(graph, dept), ids)))
    else:
        first = graph
        views["all"] = dict(zip(("nodes", "edges"), vis_data(graph, ids)))
    title, subtitle = _heading(graph)
    satisfaction = graph.graph.get("tiers", {}).get(SATISFACTION_TIER)
    data = {
        "views": views,
        "initial": "overview" if overview else "all",
        "departments": [
            {"id": ids[d], "label": graph.nodes[d]["label"], "code": graph.nodes[d].get("code") or "",
             "nodes": len(views[ids[d]]["nodes"]) if overview else None}
            for d in departments
        ],
        "graphNodes": graph.number_of_nodes(),
        "maxNodes": max_nodes,
        "legend": _legend(graph, ids),
        "edgeStyles": _edge_styles(graph),
        "satisfaction": {"tier": ids[SATISFACTION_TIER], "min": float(SATISFACTION_PRESET), "label": f"{satisfaction['label']} ≥ {plain(SATISFACTION_PRESET)}"}
        if satisfaction and SATISFACTION_TIER in ids else None,
        "options": vis_options(graph, first.number_of_nodes()),
    }
    vis_script = _asset("vis-network/vis-network.min.js")
    page_script = _asset("viz/page.js")
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(PAGE_DIR)), autoescape=True, keep_trailing_newline=True)
    page = environment.get_template("page.html").render(
        title=title,
        subtitle=subtitle,
        vis_css=jinja2.utils.markupsafe.Markup(_asset("vis-network/vis-network.min.css")),
        vis_script=jinja2.utils.markupsafe.Markup(vis_script),
        page_script=jinja2.utils.markupsafe.Markup(page_script),
        data=jinja2.utils.markupsafe.Markup(_json_for_script(data)),
        script_hashes=" ".join((_csp_hash(vis_script), _csp_hash(page_script))),
    )
    summary = VizSummary(
        path=Path(), nodes=first.number_of_nodes(), edges=first.number_of_edges(), overview=overview,
        graph_nodes=graph.number_of_nodes(), graph_edges=graph.number_of_edges(), departments=len(departments),
    )
    return page, summary


def render_page(quads: Iterable[Quad], focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> str:
    """The whole HTML page of built quads: self-contained, offline, safe with hostile text."""
    return render_graph(network_graph(quads, focus), max_nodes)[0]


def write_page(quads: Iterable[Quad], path: str | Path, focus: str | None = None, max_nodes: int = DEFAULT_MAX_NODES) -> VizSummary:
    """Write the page to ``path`` (UTF-8, atomically) and say what it draws."""
    page, summary = render_graph(network_graph(quads, focus), max_nodes)
    path = Path(path)
    write_files_atomically([(path, page.encode("utf-8"))])
    return VizSummary(path, summary.nodes, summary.edges, summary.overview, summary.graph_nodes, summary.graph_edges, summary.departments)


__all__ = [
    "DEFAULT_MAX_NODES",
    "KINDS",
    "MAX_NODES_HELP",
    "FocusError",
    "VizSummary",
    "department_graph",
    "focus_nodes",
    "layout_hints",
    "network_graph",
    "overview_graph",
    "render_graph",
    "render_page",
    "tooltip",
    "vis_data",
    "write_page",
]
