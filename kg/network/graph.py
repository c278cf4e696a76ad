"""The built graph as a networkx model: what ``kg viz`` draws and ``kg stats`` analyses.

:func:`network_graph` reads built quads (data and ontology) into a ``networkx.MultiDiGraph`` whose
nodes are the departments, their activities and projects, the 一级/二级 tier concepts and the
indicators (targets, and what a self-evaluation reports against them, are attributes, not nodes), and
whose edges carry the relation they stand for.
A department keeps its region and, per budget (one a year), that year's figures; the regions above
it are in ``graph.graph["regions"]``. :func:`focus_nodes`, :func:`department_graph` and
:func:`budget_graphs` narrow a model to part of it; kg.network.corpus draws a corpus as a map.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.numbers import sum_present
from kg.rdf import terms
from kg.rdf.namespaces import DCT, LABEL, RDF_TYPE, SKOS
from kg.rdf.quads import Literal, Quad, Term

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
    INDICATOR: terms.PerformanceTarget,
}
# The 一级 concepts a corpus page counts targets of (IRIs of ontology/tiers.ttl).
SATISFACTION_TIER = terms.TIER + "satisfaction"
COST_TIER = terms.TIER + "cost"
BROADER = SKOS + "broader"
PREF_LABEL = SKOS + "prefLabel"
NOTATION = SKOS + "notation"
DCT_SOURCE = DCT + "source"
DCT_TITLE = DCT + "title"


class FocusError(KgError):
    """``--focus`` names no project, activity or department of the graph."""


class _Index:
    """The quads as subject → predicate → objects, one copy of each triple whatever its graph."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.values: dict[str, dict[str, list[Term]]] = {}
        self.of_type: dict[str, list[str]] = defaultdict(list)
        values = self.values
        for s, p, o, _ in quads:
            if not isinstance(s, str):
                continue
            objects = values.setdefault(s, {}).setdefault(p, [])
            if o in objects:  # the same triple in another graph (a subject has few values of a predicate)
                continue
            objects.append(o)
            if p == RDF_TYPE and isinstance(o, str):
                self.of_type[o].append(s)

    def objects(self, s: str, p: str) -> list[Term]:
        return self.values.get(s, {}).get(p, [])

    def iri(self, s: str, p: str) -> str | None:
        objects = self.objects(s, p)
        if len(objects) == 1:  # nearly always
            return objects[0] if isinstance(objects[0], str) else None
        return next((o for o in objects if isinstance(o, str)), None)

    def iris(self, s: str, p: str) -> list[str]:
        return [o for o in self.objects(s, p) if isinstance(o, str)]

    def text(self, s: str, p: str) -> str | None:
        """A literal's text, preferring Chinese, then no language, then any."""
        objects = self.objects(s, p)
        if len(objects) == 1:  # nearly always
            return objects[0].value if isinstance(objects[0], Literal) else None
        literals = [o for o in objects if isinstance(o, Literal)]
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


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


# Ontology terms whose zh labels the page shows: kinds, relations and the captions of tooltips.
_CAPTIONED = (
    *KIND_CLASSES.values(), terms.hasProject, terms.hasActivity, terms.hasTarget, terms.tier,
    terms.projectCode, terms.unitCode, terms.totalAmount, terms.fiscalAmount, terms.otherAmount,
    terms.totalExpenditure, terms.budgetYear, terms.comparator, terms.targetValue, terms.unitText, terms.forIndicator,
    terms.sourceLine, terms.goal, terms.department, terms.region, terms.AuditFinding, terms.ErrorSeverity, terms.sameProjectAs,
    terms.PerformanceResult, terms.score, terms.deviationReason, terms.ProjectForm, terms.SelfEvaluation,
)


def _ontology_labels(index: _Index) -> dict[str, str]:
    return {iri: index.label(iri) or local_name(iri) for iri in _CAPTIONED}


def network_graph(quads: Iterable[Quad], focus: str | None = None) -> nx.MultiDiGraph:
    """The graph model of built quads (data and ontology), optionally narrowed to ``focus``.

    Node ids are IRIs; every node has ``kind`` (one of KINDS) and ``label``. Edges are keyed by
    the relation's IRI and carry ``relation`` and its zh ``label``. ``graph.graph`` holds the
    ontology's zh labels (``labels``) and every tier concept of the ontology (``tiers``), used
    or not.
    """
    index = _Index(quads)
    labels = _ontology_labels(index)
    graph = nx.MultiDiGraph(labels=labels, tiers=_tier_concepts(index), regions={})

    def edge(u: str, v: str, relation: str, label: str | None = None) -> None:
        if not graph.has_edge(u, v, key=relation):
            graph.add_edge(u, v, key=relation, relation=relation, label=label or labels.get(relation) or local_name(relation))

    sources = {iri: index.text(iri, DCT_TITLE) or local_name(iri) for iri in index.subjects(terms.SourceDocument)}

    def provenance(iri: str, owner: str | None = None) -> dict[str, Any]:
        """Document, table and line; a target's table is its owner's (``owner``), its document its own."""
        source = index.iri(iri, DCT_SOURCE)
        table = index.iri(iri, terms.sourceTable) or (index.iri(owner, terms.sourceTable) if owner else None)
        return {
            "line": index.integer(iri, terms.sourceLine),
            "table": index.text(table, NOTATION) if table else None,  # the table's number, "12"
            "source": sources.get(source or "", local_name(source) if source else None),
        }

    # Departments: a kg:Department, or the budget itself when the disclosure names no department.
    budgets = sorted(index.subjects(terms.DepartmentBudget))
    top_of = {b: index.iri(b, terms.department) or b for b in budgets}
    by_department: dict[str, list[str]] = defaultdict(list)
    for b in budgets:
        by_department[top_of[b]].append(b)
    errors = Counter(
        index.iri(f, terms.findingFor) for f in index.subjects(terms.AuditFinding) if index.iri(f, terms.severity) == terms.ErrorSeverity
    )
    for dept in sorted(set(index.subjects(terms.Department)) | set(top_of.values())):
        own_budgets = by_department.get(dept, [])
        code = index.text(dept, terms.unitCode)
        region = index.iri(dept, terms.region)
        graph.add_node(
            dept, kind=DEPARTMENT, label=index.label(dept) or code or next((index.label(b) for b in own_budgets if index.label(b)), None) or local_name(dept),
            code=code, years=sorted({y for b in own_budgets if (y := index.text(b, terms.budgetYear))}),
            expenditure=sum_present(index.decimal(b, terms.totalExpenditure) for b in own_budgets),
            goal=next((g for b in own_budgets if (g := index.text(b, terms.goal))), None),
            region=region,
            budgets=[
                {"budget": b, "year": index.text(b, terms.budgetYear), "expenditure": index.decimal(b, terms.totalExpenditure),
                 "goal": index.text(b, terms.goal), "errors": errors[b], **provenance(b)}
                for b in sorted(own_budgets, key=lambda b: (index.text(b, terms.budgetYear) or "", b))
            ],
            **provenance(own_budgets[0] if own_budgets else dept),
        )
        _add_regions(graph.graph["regions"], index, region)

    projects = sorted(index.subjects(terms.BudgetProject), key=lambda p: (index.integer(p, terms.sourceLine) or 0, p))
    # A project form's or self-evaluation's own project: said so wherever the model shows it.
    form_of = {part: cls for cls in (terms.ProjectForm, terms.SelfEvaluation) for root in index.subjects(cls) for part in index.iris(root, terms.hasProject)}
    for project in projects:
        graph.add_node(
            project, kind=PROJECT, label=index.label(project) or index.text(project, terms.projectCode) or local_name(project),
            code=index.text(project, terms.projectCode), amount=index.decimal(project, terms.totalAmount),
            fiscal=index.decimal(project, terms.fiscalAmount), other=index.decimal(project, terms.otherAmount),
            year=index.text(project, terms.budgetYear), goal=index.text(project, terms.goal), form=form_of.get(project), **provenance(project),
        )
    activities = sorted(index.subjects(terms.DepartmentActivity), key=lambda a: (index.integer(a, terms.sourceLine) or 0, a))
    for activity in activities:
        graph.add_node(activity, kind=ACTIVITY, label=index.label(activity) or local_name(activity), code=None, **provenance(activity))

    for budget in budgets:
        for relation in (terms.hasProject, terms.hasActivity):
            for part in index.iris(budget, relation):
                if part in graph:
                    edge(top_of[budget], part, relation)
                    graph.nodes[part].setdefault("budget", budget)  # which year's view shows it
    for part in (*projects, *activities):  # parts no budget lists, but that name their department
        named = index.iri(part, terms.department)
        if named is not None and named in graph and not any(graph.nodes[u]["kind"] == DEPARTMENT for u in graph.predecessors(part)):
            edge(named, part, terms.hasProject if graph.nodes[part]["kind"] == PROJECT else terms.hasActivity)

    # A form's or self-evaluation's project to the budget's it is, where that budget is in the model.
    for project in projects:
        same = index.iri(project, terms.sameProjectAs)
        if same is not None and same in graph:
            edge(project, same, terms.sameProjectAs)

    tiers = graph.graph["tiers"]
    used_tiers: set[str] = set()
    for owner in (*projects, *activities):
        holder = next((u for u in graph.predecessors(owner) if graph.nodes[u]["kind"] == DEPARTMENT), None)
        graph.nodes[owner]["department"] = holder
        for ind in index.iris(owner, terms.hasTarget):
            tier2 = index.iri(ind, terms.tier)
            tier1 = tiers[tier2]["broader"] if tier2 in tiers else None
            comparator = index.iri(ind, terms.comparator)
            graph.add_node(
                ind, kind=INDICATOR, label=index.label(ind) or local_name(ind), code=None, owner=owner, department=holder,
                tier2=tier2, tier1=tier1, comparator=(index.text(comparator, NOTATION) or local_name(comparator)) if comparator else None,
                qualitative=comparator == terms.Qualitative,
                target_text=index.text(ind, terms.targetText), value=index.decimal(ind, terms.targetValue),
                unit_text=index.text(ind, terms.unitText), measures=index.iri(ind, terms.forIndicator),
                result=_result(index, index.iri(ind, terms.hasResult)), **provenance(ind, owner),
            )
            edge(owner, ind, terms.hasTarget)
            used_tiers |= {t for t in (tier1, tier2) if t}
    # How many targets of the model measure each indicator (kg:forIndicator): shown with a target.
    graph.graph["targets_of_indicator"] = Counter(
        attrs["measures"] for _, attrs in graph.nodes(data=True) if attrs["kind"] == INDICATOR and attrs.get("measures"))
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
        graph = induced_graph(graph, focus_nodes(graph, focus))
        graph.graph["focus"] = focus
    return graph


def _result(index: _Index, result: str | None) -> dict[str, Any] | None:
    """What a self-evaluation reports against a target (kg:hasResult): the value as printed, its score
    and the reason given for a deviation; None where the target has no result."""
    if result is None:
        return None
    return {"text": index.text(result, terms.actualText), "score": index.decimal(result, terms.score),
            "deviation": index.text(result, terms.deviationReason)}


def _tier_concepts(index: _Index) -> dict[str, dict[str, Any]]:
    """Every 一级 and 二级 concept of the ontology, by IRI: label, level, notation, broader."""
    tiers: dict[str, dict[str, Any]] = {}
    for level, cls in ((1, terms.TierOneConcept), (2, terms.TierTwoConcept)):
        for iri in index.subjects(cls):
            tiers[iri] = {
                "label": index.label(iri) or local_name(iri), "level": level,
                "notation": index.text(iri, NOTATION) or "", "broader": index.iri(iri, BROADER) if level == 2 else None,
            }
    return tiers


def _add_regions(regions: dict[str, dict[str, Any]], index: _Index, region: str | None) -> None:
    """A region concept and those above it (skos:broader), by IRI: label, notation, broader."""
    while region is not None and region not in regions:
        broader = index.iri(region, BROADER)
        regions[region] = {"label": index.label(region) or local_name(region), "notation": index.text(region, NOTATION) or local_name(region), "broader": broader}
        region = broader


def stands_aside(graph: nx.MultiDiGraph, owner: str) -> bool:
    """A form's or self-evaluation's project whose budget's project is in the model (kg:sameProjectAs):
    it restates that project, so a count of the department's projects, money and targets leaves it out,
    as the library queries do (queries/blocks/stands-aside.rq)."""
    return any(key == terms.sameProjectAs for _, _, key in graph.out_edges(owner, keys=True))


def _department_counts(graph: nx.MultiDiGraph, dept: str) -> dict[str, Any]:
    parts = [v for v in graph.successors(dept) if not stands_aside(graph, v)]
    projects = [p for p in parts if graph.nodes[p]["kind"] == PROJECT]
    return {
        "projects": len(projects),
        "activities": sum(1 for p in parts if graph.nodes[p]["kind"] == ACTIVITY),
        "indicators": sum(1 for p in parts for i in graph.successors(p) if graph.nodes[i]["kind"] == INDICATOR),
        "amount": sum_present(graph.nodes[p].get("amount") for p in projects),
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


def induced_graph(graph: nx.MultiDiGraph, keep: set[str], order: Mapping[str, int] | None = None) -> nx.MultiDiGraph:
    """The nodes in ``keep`` and the edges among them, in ``graph``'s order.

    networkx's ``subgraph(keep).copy()`` iterates the set, whose order changes with the hash seed
    from one run to the next; the page must be the same bytes every time. ``order`` (each node's
    position in ``graph``, from :func:`node_order`) saves a pass over the whole graph when many
    parts of one graph are taken."""
    nodes = sorted(keep, key=order.__getitem__) if order is not None else [n for n in graph.nodes if n in keep]
    induced = nx.MultiDiGraph()
    induced.graph.update(graph.graph)
    induced.add_nodes_from((node, graph.nodes[node]) for node in nodes)
    induced.add_edges_from((u, v, key, attrs) for u in nodes for _, v, key, attrs in graph.out_edges(u, keys=True, data=True) if v in keep)
    return induced


def node_order(graph: nx.MultiDiGraph) -> dict[str, int]:
    return {node: number for number, node in enumerate(graph.nodes)}


def department_graph(
    graph: nx.MultiDiGraph, dept: str, budget: str | None = None, order: Mapping[str, int] | None = None,
) -> nx.MultiDiGraph:
    """One department with everything under it (its projects, activities, indicators, tiers).

    With ``budget`` (one of the department's ``budgets``), only that year's projects and
    activities, and the department's figures are that budget's."""
    parts = [
        v for v in dict.fromkeys(graph.successors(dept))
        if graph.nodes[v]["kind"] in OWNER_KINDS and (budget is None or graph.nodes[v].get("budget") in (budget, None))
    ]
    keep = {dept, *parts}
    for part in parts:
        keep |= nx.descendants(graph, part)
    view = induced_graph(graph, keep, order)
    if budget is not None:
        entry = next(e for e in graph.nodes[dept]["budgets"] if e["budget"] == budget)
        attrs = view.nodes[dept]
        attrs.update(
            years=[entry["year"]] if entry["year"] else [], expenditure=entry["expenditure"], goal=entry["goal"],
            line=entry["line"], table=entry["table"], source=entry["source"], **_department_counts(view, dept),
        )
    return view


def budget_graphs(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, nx.MultiDiGraph]]:
    """(department, budget, view) for every budget of every department, in the graph's order: the
    views a corpus page opens into, one a department and year."""
    order = node_order(graph)
    for dept, attrs in graph.nodes(data=True):
        if attrs["kind"] == DEPARTMENT:
            for entry in attrs["budgets"]:
                yield dept, entry["budget"], department_graph(graph, dept, entry["budget"], order)


__all__ = [
    "ACTIVITY", "BROADER", "COST_TIER", "DEPARTMENT", "INDICATOR", "KINDS", "KIND_CLASSES", "OWNER_KINDS", "PROJECT",
    "SATISFACTION_TIER", "TIER1", "TIER2", "FocusError", "budget_graphs", "department_graph", "focus_nodes", "induced_graph",
    "local_name", "network_graph", "node_order", "stands_aside",
]
