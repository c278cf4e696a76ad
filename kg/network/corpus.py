"""A corpus as a map: its regions (province, city, district) with their departments under them,
one budget year at a time, each node carrying its figures for that year.

This is what a corpus page opens on. A department of the map opens into its view for the year
(:func:`kg.network.graph.budget_graphs`), where the tier concepts are; the map has none, since
every department would hang from the same four 一级 concepts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

import networkx as nx

from kg.network.graph import (
    BROADER,
    COST_TIER,
    DEPARTMENT,
    INDICATOR,
    OWNER_KINDS,
    PROJECT,
    SATISFACTION_TIER,
)
from kg.rdf import terms
from kg.regions import regions as known_regions

REGION = "region"
LEVELS = ("province", "city", "county")
WITHIN = "上级地区"  # the label of a region's edge to the region above it (skos:broader)


def region_level(code: str, depth: int) -> str:
    """A region's level by its GB/T 2260 code (110000 a province, 110100 a city, 110105 a county or
    district), or by its depth on the map for a code of another shape."""
    if len(code) == 6 and code.isdigit():
        return LEVELS[0] if code.endswith("0000") else LEVELS[1] if code.endswith("00") else LEVELS[2]
    return LEVELS[min(depth, len(LEVELS) - 1)]


@dataclass(frozen=True)
class Figures:
    """What a department's budget for one year holds, or the sum over a region's departments."""

    departments: int = 0
    projects: int = 0
    activities: int = 0
    indicators: int = 0
    satisfaction: int = 0  # indicators under the 一级 concept 满意度指标
    cost: int = 0  # indicators under the 一级 concept 成本指标
    errors: int = 0  # audit findings of severity 错误

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def budget_figures(graph: nx.MultiDiGraph) -> dict[str, Figures]:
    """Each budget's figures (by the budget's IRI), counted in the network model."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] not in OWNER_KINDS or attrs.get("budget") is None:
            continue
        figures = counts[attrs["budget"]]
        figures["projects" if attrs["kind"] == PROJECT else "activities"] += 1
        for indicator in graph.successors(node):
            held = graph.nodes[indicator]
            if held["kind"] == INDICATOR:
                figures["indicators"] += 1
                figures["satisfaction"] += held.get("tier1") == SATISFACTION_TIER
                figures["cost"] += held.get("tier1") == COST_TIER
    found = {}
    for _, attrs in graph.nodes(data=True):
        if attrs["kind"] == DEPARTMENT:
            for entry in attrs["budgets"]:
                found[entry["budget"]] = Figures(departments=1, errors=entry["errors"], **counts.get(entry["budget"], {}))
    return found


def budget_years(graph: nx.MultiDiGraph) -> list[str]:
    """The budget years of the departments, in order."""
    return sorted({e["year"] for _, a in graph.nodes(data=True) if a["kind"] == DEPARTMENT for e in a["budgets"] if e["year"]})


class RegionTree:
    """The regions of a model (``graph.graph["regions"]``) as the map shows them: each under its
    skos:broader, skipping the placeholder levels GB/T 2260 names by their kind (北京市's 市辖区),
    which say nothing a reader needs."""

    def __init__(self, regions: Mapping[str, dict[str, Any]]) -> None:
        self.regions = regions
        known = known_regions()

        def placeholder(iri: str) -> bool:
            broader = regions[iri]["broader"]
            if broader not in regions:
                return False
            code, above = regions[iri]["notation"], regions[broader]["notation"]
            return known.get(code) is not None and known.get(above) is not None and known.full_name(code) == known.full_name(above)

        self.parent: dict[str, str | None] = {}
        for iri in regions:
            if not placeholder(iri):
                up = regions[iri]["broader"]
                while up in regions and placeholder(up):
                    up = regions[up]["broader"]
                self.parent[iri] = up if up in regions else None

    def shown(self, region: str | None) -> str | None:
        """The region itself, or the one above it that the map shows (None: no region)."""
        while region is not None and region in self.regions and region not in self.parent:
            region = self.regions[region]["broader"]
        return region if region in self.parent else None

    def chain(self, region: str) -> list[str]:
        """A shown region and those above it, the top first."""
        found = [region]
        while (up := self.parent[found[-1]]) is not None:
            found.append(up)
        return found[::-1]

    def place(self, region: str | None) -> str | None:
        """A region's full name, from the top: 北京市朝阳区, 吉林省长春市朝阳区."""
        shown = self.shown(region)
        return "".join(self.regions[r]["label"] for r in self.chain(shown)) if shown is not None else None


def map_graph(graph: nx.MultiDiGraph, year: str, figures: Mapping[str, Figures] | None = None) -> nx.MultiDiGraph:
    """The corpus in ``year``: every department with a budget that year under its region, and the
    regions above it up to the province. Nodes carry ``figures`` (a :class:`Figures`) and their
    full place name (``place``); a department also the ``budget`` it opens into, a region its
    ``level``. Edges: department → region (kg:region, 所在地区), region → the region above it."""
    figures = figures if figures is not None else budget_figures(graph)
    tree = RegionTree(graph.graph.get("regions", {}))
    labels: dict[str, str] = graph.graph["labels"]
    view = nx.MultiDiGraph(**graph.graph)
    view.graph.update(map=True, year=year)

    departments = []
    totals: dict[str, Figures] = defaultdict(Figures)
    for dept, attrs in graph.nodes(data=True):
        entries = [e for e in attrs["budgets"] if e["year"] == year] if attrs["kind"] == DEPARTMENT else []
        if entries:
            total = sum((figures[e["budget"]] for e in entries), Figures())
            region = tree.shown(attrs.get("region"))
            departments.append((region or "", attrs.get("code") or "", dept, region, entries[0], total))
            for above in tree.chain(region) if region is not None else ():
                totals[above] += total

    for region in sorted(totals, key=lambda r: (len(tree.chain(r)), tree.regions[r]["notation"], r)):
        code = tree.regions[region]["notation"]
        view.add_node(
            region, kind=REGION, label=tree.regions[region]["label"], code=code, level=region_level(code, len(tree.chain(region)) - 1),
            place=tree.place(region), figures=totals[region],
        )
        if tree.parent[region] is not None:
            view.add_edge(region, tree.parent[region], key=BROADER, relation=BROADER, rel="within", label=WITHIN)
    for _, _, dept, region, entry, total in sorted(departments, key=lambda d: d[:3]):
        attrs = graph.nodes[dept]
        view.add_node(
            dept, kind=DEPARTMENT, label=attrs["label"], code=attrs.get("code"), region=region, budget=entry["budget"],
            years=[year], expenditure=entry["expenditure"], figures=total, place=tree.place(region),
            line=entry["line"], table=entry["table"], source=entry["source"],
        )
        if region is not None:
            view.add_edge(dept, region, key=terms.region, relation=terms.region, rel="region", label=labels[terms.region])
    return view


__all__ = ["LEVELS", "REGION", "WITHIN", "Figures", "RegionTree", "budget_figures", "budget_years", "map_graph", "region_level"]
