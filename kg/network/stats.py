"""Figures about the graph (networkx): what it holds, how its tiers are used, whether it hangs
together, which indicator texts are copied between projects, and which targets have no value.

Each section is a :class:`kg.output.Rows`; ``kg stats`` prints them under their headings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.network.graph import (
    ACTIVITY,
    DEPARTMENT,
    INDICATOR,
    KIND_CLASSES,
    KINDS,
    PROJECT,
    TIER1,
    TIER2,
    network_graph,
    stands_aside,
)
from kg.output import Rows
from kg.rdf import terms
from kg.rdf.quads import Quad
from kg.records import target_as_printed

COUNTS = "counts by kind"
RELATIONS = "edges by relation"
TIERS = "tier concepts"
COMPONENTS = "connected components (tier concepts left out)"
SHARED_TEXTS = "identical indicator texts shared by projects"
SHARED_INDICATORS = "indicators several projects set targets for"
NO_TARGET = "indicators without a target value"


def graph_stats(quads: Iterable[Quad]) -> dict[str, Rows]:
    """Every section, by heading, in the order ``kg stats`` prints them."""
    return model_stats(network_graph(quads))


def model_stats(graph: nx.MultiDiGraph) -> dict[str, Rows]:
    """:func:`graph_stats` of a network model already made (of a store, say: kg.network.store)."""
    return {
        COUNTS: kind_counts(graph),
        RELATIONS: relation_counts(graph),
        TIERS: tier_degrees(graph),
        COMPONENTS: components(graph),
        SHARED_TEXTS: shared_indicator_texts(graph),
        SHARED_INDICATORS: shared_indicators(graph),
        NO_TARGET: indicators_without_target(graph),
    }


def kind_counts(graph: nx.MultiDiGraph) -> Rows:
    labels = graph.graph["labels"]
    counts = Counter(a["kind"] for _, a in graph.nodes(data=True))
    return Rows(("kind", "label", "nodes"), [(k, labels[KIND_CLASSES[k]], counts.get(k, 0)) for k in KINDS])


def relation_counts(graph: nx.MultiDiGraph) -> Rows:
    counts = Counter(a["label"] for _, _, a in graph.edges(data=True))
    return Rows(("relation", "edges"), sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def tier_degrees(graph: nx.MultiDiGraph) -> Rows:
    """Every 一级 and 二级 concept of the ontology, used or not: its indicators (the 二级 concept's
    in-degree in the graph; a 一级 concept counts those of its 二级 concepts) and the projects and
    activities they belong to."""
    labels = graph.graph["labels"]
    tiers = graph.graph["tiers"]
    indicators: dict[str, list[str]] = defaultdict(list)
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] == INDICATOR:
            for tier in {attrs.get("tier1"), attrs.get("tier2")} - {None}:
                indicators[tier].append(node)
    rows = []
    for iri in sorted(tiers, key=lambda t: (tiers[t]["notation"], t)):
        tier = tiers[iri]
        members = indicators.get(iri, [])
        owners = Counter(graph.nodes[owner]["kind"] for owner in {graph.nodes[i]["owner"] for i in members})
        rows.append((
            labels[terms.TierOneConcept if tier["level"] == 1 else terms.TierTwoConcept],
            tier["notation"], tier["label"], len(members), owners.get(PROJECT, 0), owners.get(ACTIVITY, 0),
        ))
    return Rows(("level", "notation", "tier", "indicators", "projects", "activities"), rows)


def components(graph: nx.MultiDiGraph) -> Rows:
    """Weakly connected components once the shared tier concepts are left out: one per
    department when every project and activity hangs from its department, more when some do not."""
    structure = graph.subgraph(n for n, a in graph.nodes(data=True) if a["kind"] not in (TIER1, TIER2))
    parts = sorted(nx.weakly_connected_components(structure), key=lambda c: (-len(c), min(c)))
    rows = []
    for number, part in enumerate(parts, 1):
        kinds = Counter(graph.nodes[n]["kind"] for n in part)
        departments = sorted(graph.nodes[n]["label"] for n in part if graph.nodes[n]["kind"] == DEPARTMENT)
        rows.append((number, len(part), kinds[DEPARTMENT], kinds[ACTIVITY], kinds[PROJECT], kinds[INDICATOR], "、".join(departments) or None))
    return Rows(("component", "nodes", "departments", "activities", "projects", "indicators", "department"), rows)


def printed_indicator(attrs: dict) -> str:
    """An indicator's whole text as printed: name, comparator, target and unit."""
    target = target_as_printed(attrs.get("comparator"), attrs.get("target_text") or "", attrs.get("unit_text"))
    return f"{attrs['label']} {target}" if target else attrs["label"]


def shared_indicator_texts(graph: nx.MultiDiGraph) -> Rows:
    """Indicator texts (name, comparator, target and unit, all as printed) that two or more
    projects share word for word: boilerplate copied between projects shows up here."""
    tiers = graph.graph["tiers"]
    projects: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _, attrs in graph.nodes(data=True):
        if attrs["kind"] == INDICATOR and graph.nodes[attrs["owner"]]["kind"] == PROJECT and not stands_aside(graph, attrs["owner"]):
            tier = tiers.get(attrs.get("tier2") or "", {}).get("label", "")
            projects[(printed_indicator(attrs), tier)].add(attrs["owner"])
    shared = [(text, tier, owners) for (text, tier), owners in projects.items() if len(owners) > 1]
    shared.sort(key=lambda item: (-len(item[2]), item[0], item[1]))
    rows = [
        (text, tier, len(owners), "、".join(sorted(graph.nodes[o].get("code") or graph.nodes[o]["label"] for o in owners)))
        for text, tier, owners in shared
    ]
    return Rows(("indicator", "tier", "projects", "project codes"), rows)


def shared_indicators(graph: nx.MultiDiGraph) -> Rows:
    """What several projects measure (one kg:PerformanceIndicator: the same 二级 kind, normalised name
    and unit, however each printed it), with the targets they set for it: where targets can be
    compared across projects, departments and years without matching strings."""
    tiers = graph.graph["tiers"]
    targets: dict[str, list[dict]] = defaultdict(list)
    for _, attrs in graph.nodes(data=True):
        if attrs["kind"] == INDICATOR and attrs.get("measures") and graph.nodes[attrs["owner"]]["kind"] == PROJECT \
                and not stands_aside(graph, attrs["owner"]):
            targets[attrs["measures"]].append(attrs)
    rows = []
    for measured in targets.values():
        owners = {attrs["owner"] for attrs in measured}
        if len(owners) < 2:
            continue
        first = min(measured, key=lambda attrs: (attrs.get("source") or "", attrs.get("line") or 0))
        set_as = Counter(target_as_printed(a.get("comparator"), a.get("target_text") or "", a.get("unit_text")) for a in measured)
        rows.append((
            first["label"], tiers.get(first.get("tier2") or "", {}).get("label", ""), len(owners), len(measured),
            "; ".join(f"{text} ×{n}" for text, n in sorted(set_as.items(), key=lambda item: (-item[1], item[0]))),
        ))
    rows.sort(key=lambda row: (-row[2], row[0], row[1]))
    return Rows(("indicator", "tier", "projects", "targets", "targets set"), rows)


def indicators_without_target(graph: nx.MultiDiGraph) -> Rows:
    """Indicators with no numeric target (kg:targetValue): a quantitative one is a gap to check
    (listed first), a 定性 one states its target in words (shown in "target text")."""
    rows = []
    for _, attrs in graph.nodes(data=True):
        if attrs["kind"] != INDICATOR or attrs.get("value") is not None:
            continue
        owner = graph.nodes[attrs["owner"]]
        rows.append((
            bool(attrs.get("qualitative")), attrs.get("source") or "", attrs.get("line") or 0,
            (owner.get("code"), owner["label"], attrs["label"], attrs.get("comparator"), attrs.get("target_text"), attrs.get("line")),
        ))
    rows.sort(key=lambda row: row[:3])
    return Rows(("owner code", "owner", "indicator", "comparator", "target text", "line"), [row[3] for row in rows])


__all__ = ["COMPONENTS", "COUNTS", "NO_TARGET", "RELATIONS", "SHARED_INDICATORS", "SHARED_TEXTS", "TIERS", "graph_stats", "model_stats", "printed_indicator"]
