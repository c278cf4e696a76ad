"""The ontology reference: an HTML page generated from ``ontology/*.ttl``.

``write_docs(out_dir)`` writes

* ``index.html``: our own page: an overview, a diagram of how a project reaches its indicators,
  tiers, targets, units and provenance (an inline SVG laid out here), the classes and properties, the
  tier scheme with its zh/en labels, the units with their printed forms and conversions to 元,
  the comparators and cost scopes, and every SHACL shape with its constraints and messages;
* ``ontology.html``: pyLODE's OntPub rendering of ``kg.ttl`` (OWL classes and properties only,
  which is why index.html covers the SKOS tiers, the units and the shapes itself);
* a copy of each Turtle file, which index.html links to.

Every label, tier, unit and constraint is read from the Turtle files: nothing is repeated here.
This module reads them into what the page shows; the markup is templates/ontology_reference.html
(and its parts). The pages are self-contained (inline style, no scripts, nothing loaded from the
network), and all text from the files is HTML-escaped by the templates.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SH, SKOS, XSD

from kg.atomic import write_files_atomically
from kg.errors import KgError
from kg.rdf import namespaces, terms
from kg.resources import data_dir
from kg.web.rendering import page_templates

ONTOLOGY_FILES = ("kg.ttl", "tiers.ttl", "units.ttl", "budget-cube.ttl", "shapes.ttl")
QUDT = rdflib.Namespace(namespaces.QUDT)
KG = rdflib.Namespace(terms.NS)
DCT_SOURCE = DCTERMS.source


class DocsError(KgError):
    """The reference cannot be generated (an ontology file is missing or inconsistent)."""


# ---- reading the Turtle files ---------------------------------------------------------------


@dataclass
class Ontology:
    """The four Turtle files, each as its own graph, plus the prefixes they declare."""

    kg: rdflib.Graph
    tiers: rdflib.Graph
    units: rdflib.Graph
    shapes: rdflib.Graph
    prefixes: dict[str, str]
    files: dict[str, bytes]

    @classmethod
    def read(cls, folder: Path) -> Ontology:
        graphs: dict[str, rdflib.Graph] = {}
        prefixes: dict[str, str] = {}
        files: dict[str, bytes] = {}
        for name in ONTOLOGY_FILES:
            path = folder / name
            try:
                files[name] = path.read_bytes()
                graph = rdflib.Graph(bind_namespaces="none")
                graph.parse(data=files[name].decode("utf-8"), format="turtle")
            except (OSError, UnicodeDecodeError, SyntaxError, ValueError) as error:
                raise DocsError(f"{path}: cannot read the ontology file: {error}") from error
            graphs[name.split(".")[0]] = graph
            for prefix, namespace in graph.namespaces():
                if prefix:
                    prefixes.setdefault(prefix, str(namespace))
        return cls(graphs["kg"], graphs["tiers"], graphs["units"], graphs["shapes"], prefixes, files)

    @property
    def all(self) -> rdflib.Graph:
        union = rdflib.Graph(bind_namespaces="none")
        for graph in (self.kg, self.tiers, self.units, self.shapes):
            union += graph
        return union

    def curie(self, node: rdflib.term.Node) -> str:
        """``kg:tier`` for a declared prefix (the longest namespace wins), else the full IRI."""
        text = str(node)
        best = max(((p, ns) for p, ns in self.prefixes.items() if text.startswith(ns)), key=lambda x: len(x[1]), default=None)
        if best is None or text == best[1]:
            return text
        return f"{best[0]}:{text[len(best[1]):]}"


def _text(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef, lang: str | None = None) -> str:
    values = sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and (lang is None or o.language == lang))
    return " / ".join(values)


def _iris(graph: rdflib.Graph, cls: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))


def _members(graph: rdflib.Graph, node: rdflib.term.Node) -> list[rdflib.term.Node]:
    """The classes a domain or range names: itself, or the members of its owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    return list(Collection(graph, union)) if union is not None else [node]


# ---- what the page shows (rendered by templates/ontology_reference.html) ----------------------


def _anchor(curie: str) -> str:
    """The id of a term's section: its local name for kg's own terms, so that the namespace IRI
    with a fragment (…/ontology#BudgetProject) lands on it; ``t-prefix-name`` for the others."""
    if curie.startswith("kg:") and curie[3:].isidentifier():
        return curie[3:]
    return "t-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in curie)


_DESCRIBED = {"kg", "tier", "kgu", "kgsh", "unit"}  # the prefixes of the terms the page describes


@dataclass(frozen=True)
class ReferenceTerm:
    """A term as the page shows it: a literal, a CURIE (linked to its section when the page
    describes it), a list ``( … )``, a union ``… ∪ …``, or an anonymous node ``[ ]``."""

    kind: str  # "literal", "curie", "list", "union" or "blank"
    text: str = ""
    anchor: str | None = None
    members: tuple[ReferenceTerm, ...] = ()


@dataclass(frozen=True)
class DefinedTerm:
    """A term the page defines: its CURIE, with the id that links to it land on."""

    curie: str
    anchor: str


def _term(onto: Ontology, node: rdflib.term.Node, graph: rdflib.Graph) -> ReferenceTerm:
    if isinstance(node, Literal):
        return ReferenceTerm("literal", repr(str(node)) if node.datatype is None and node.language is None else node.n3())
    if isinstance(node, BNode):
        if graph.value(node, RDF.first) is not None or node == RDF.nil:
            return ReferenceTerm("list", members=tuple(_term(onto, member, graph) for member in Collection(graph, node)))
        members = _members(graph, node)
        if members != [node]:
            return ReferenceTerm("union", members=tuple(_term(onto, m, graph) for m in members))
        return ReferenceTerm("blank")
    curie = onto.curie(node)
    described = curie != str(node) and curie.split(":")[0] in _DESCRIBED
    return ReferenceTerm("curie", curie, _anchor(curie) if described else None)


def _optional_term(onto: Ontology, node: rdflib.term.Node | None, graph: rdflib.Graph) -> ReferenceTerm | None:
    return _term(onto, node, graph) if node is not None else None


def _labels(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef = RDFS.label) -> tuple[str, str]:
    return _text(graph, subject, predicate, "zh"), _text(graph, subject, predicate, "en")


def _defined(onto: Ontology, subject: URIRef) -> DefinedTerm:
    curie = onto.curie(subject)
    return DefinedTerm(curie, _anchor(curie))


# ---- sections -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    zh_title: str
    en_title: str
    zh_description: str
    en_description: str
    version: str
    licence: str | None
    namespace: str = terms.NS
    ontology: str = terms.ONTOLOGY
    files: tuple[str, ...] = ONTOLOGY_FILES


def _overview(onto: Ontology) -> Overview:
    ont = URIRef(terms.ONTOLOGY)
    licence = onto.kg.value(ont, DCTERMS.license)
    return Overview(
        *_labels(onto.kg, ont, DCTERMS.title), *_labels(onto.kg, ont, DCTERMS.description),
        version=_text(onto.kg, ont, OWL.versionInfo), licence=str(licence) if licence is not None else None,
    )


@dataclass(frozen=True)
class _Edge:
    source: URIRef
    prop: URIRef
    target: URIRef


def diagram_edges(onto: Ontology) -> list[_Edge]:
    """project → kg:hasTarget → indicator → kg:tier → 二级 → skos:broader → 一级, and what an
    indicator states. Domains and ranges come from kg.ttl; a property kg.ttl does not declare
    (skos:broader, dct:source) gets its classes from how tiers.ttl and the builder use it."""

    def declared(source: URIRef, prop: URIRef) -> _Edge:
        domain, range_ = onto.kg.value(prop, RDFS.domain), onto.kg.value(prop, RDFS.range)
        if range_ is None:
            raise DocsError(f"kg.ttl declares no rdfs:range for {onto.curie(prop)}")
        if domain is not None and source not in _members(onto.kg, domain):
            raise DocsError(f"kg.ttl's rdfs:domain of {onto.curie(prop)} does not include {onto.curie(source)}")
        return _Edge(source, prop, range_)

    # The class of the concepts 二级 tiers point to with skos:broader, read from tiers.ttl.
    broader_classes = {
        cls
        for concept in onto.tiers.subjects(RDF.type, KG.TierTwoConcept)
        for parent in onto.tiers.objects(concept, SKOS.broader)
        for cls in onto.tiers.objects(parent, RDF.type)
        if cls != SKOS.Concept
    }
    if len(broader_classes) != 1:
        raise DocsError("tiers.ttl: the skos:broader of the 二级 concepts should all be of one tier class")
    indicator = KG.PerformanceTarget
    return [
        declared(KG.BudgetProject, KG.hasTarget),
        declared(KG.DepartmentActivity, KG.hasTarget),
        declared(indicator, KG.tier),
        _Edge(KG.TierTwoConcept, SKOS.broader, broader_classes.pop()),
        declared(indicator, KG.comparator),
        declared(indicator, KG.targetValue),
        declared(indicator, KG.unit),
        declared(QUDT.Unit, KG.yuanPerUnit),
        declared(QUDT.Unit, KG.costScope),
        # Provenance: the builder gives every project, activity and indicator dct:source.
        _Edge(indicator, DCT_SOURCE, KG.SourceDocument),
        declared(indicator, KG.sourceLine),
    ]


@dataclass(frozen=True)
class DiagramBox:
    x: int
    y: int
    width: int
    height: int
    curie: str
    zh: str  # the class's zh label, under its CURIE; empty: none
    datatype: bool

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class DiagramArrow:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str  # the property's CURIE, drawn at the middle of the arrow

    @property
    def label_x(self) -> float:
        return (self.x1 + self.x2) / 2

    @property
    def label_y(self) -> float:
        return (self.y1 + self.y2) / 2


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    arrows: list[DiagramArrow]
    boxes: list[DiagramBox]


def diagram_layout(onto: Ontology) -> Diagram:
    """Where the boxes and arrows of ``diagram_edges`` go: the main chain on top, targets below.

    A class is one box however many edges reach it; a datatype gets a box per edge, so that
    each literal value sits under what states it."""
    edges = diagram_edges(onto)
    box_w, box_h, gap_x, gap_y, margin = 190, 46, 110, 70, 20

    def key(edge: _Edge) -> str:
        return f"{edge.target} {edge.prop}" if str(edge.target).startswith(str(XSD)) else str(edge.target)

    chain = [KG.BudgetProject, KG.PerformanceTarget, KG.TierTwoConcept]
    chain.append(next(e.target for e in edges if e.prop == SKOS.broader))
    positions: dict[str, tuple[int, int]] = {}
    iri_of: dict[str, URIRef] = {}
    for column, node in enumerate(chain):
        positions[str(node)], iri_of[str(node)] = (margin + column * (box_w + gap_x), margin), node
    positions[str(KG.DepartmentActivity)], iri_of[str(KG.DepartmentActivity)] = (margin, margin + box_h + gap_y), KG.DepartmentActivity
    lower = [e for e in edges if key(e) not in positions]
    of_indicator = [e for e in lower if e.source == KG.PerformanceTarget]
    of_unit = [e for e in lower if e.source == QUDT.Unit]
    row_y = margin + 2 * (box_h + gap_y)
    for column, edge in enumerate(of_indicator):
        positions[key(edge)], iri_of[key(edge)] = (margin + column * (box_w + 30), row_y), edge.target
    unit_x, unit_y = positions[str(QUDT.Unit)]
    for offset, edge in enumerate(of_unit):
        x = unit_x + (offset - (len(of_unit) - 1) / 2) * (box_w + 30)
        positions[key(edge)], iri_of[key(edge)] = (int(x), unit_y + box_h + gap_y), edge.target
    width = max(x for x, _ in positions.values()) + box_w + margin
    height = max(y for _, y in positions.values()) + box_h + margin

    def center(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return x + box_w / 2, y + box_h / 2

    def border_point(node: str, toward: tuple[float, float]) -> tuple[float, float]:
        cx, cy = center(node)
        dx, dy = toward[0] - cx, toward[1] - cy
        scale = min((box_w / 2) / abs(dx) if dx else float("inf"), (box_h / 2) / abs(dy) if dy else float("inf"))
        return cx + dx * scale, cy + dy * scale

    arrows = []
    for edge in edges:
        source, target = str(edge.source), key(edge)
        start, end = border_point(source, center(target)), border_point(target, center(source))
        arrows.append(DiagramArrow(*start, *end, onto.curie(edge.prop)))
    boxes = [
        DiagramBox(x, y, box_w, box_h, onto.curie(iri_of[node]), _text(onto.all, iri_of[node], RDFS.label, "zh"), str(iri_of[node]).startswith(str(XSD)))
        for node, (x, y) in positions.items()
    ]
    return Diagram(width, height, arrows, boxes)


def diagram_svg(onto: Ontology) -> str:
    """The diagram of ``diagram_edges`` as an inline SVG (templates/ontology_reference_parts.html)."""
    parts = page_templates().get_template("ontology_reference_parts.html").module
    return str(parts.diagram_svg(diagram_layout(onto)))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ClassRow:
    term: DefinedTerm
    zh: str
    en: str
    parents: list[ReferenceTerm]
    definition: str


def _classes(onto: Ontology) -> list[ClassRow]:
    return [
        ClassRow(_defined(onto, cls), *_labels(onto.kg, cls), [_term(onto, p, onto.kg) for p in sorted(onto.kg.objects(cls, RDFS.subClassOf))],
                 _text(onto.kg, cls, SKOS.definition, "en"))
        for cls in _iris(onto.kg, OWL.Class)
    ]


@dataclass(frozen=True)
class PropertyRow:
    term: DefinedTerm
    kind: str  # "object" or "datatype"
    zh: str
    en: str
    domain: ReferenceTerm | None
    range: ReferenceTerm | None
    definition: str


def _properties(onto: Ontology) -> list[PropertyRow]:
    return [
        PropertyRow(
            _defined(onto, prop), label, *_labels(onto.kg, prop), _optional_term(onto, onto.kg.value(prop, RDFS.domain), onto.kg),
            _optional_term(onto, onto.kg.value(prop, RDFS.range), onto.kg), _text(onto.kg, prop, SKOS.definition, "en"),
        )
        for kind, label in ((OWL.ObjectProperty, "object"), (OWL.DatatypeProperty, "datatype"))
        for prop in _iris(onto.kg, kind)
    ]


def _notation_key(graph: rdflib.Graph, node: rdflib.term.Node) -> tuple[int, ...]:
    notation = _text(graph, node, SKOS.notation)
    return tuple(int(part) for part in notation.split(".") if part.isdigit())


@dataclass(frozen=True)
class TierScheme:
    term: DefinedTerm
    zh: str
    en: str
    definition: str
    source: str


@dataclass(frozen=True)
class TierRow:
    notation: str
    term: DefinedTerm
    level: str  # the zh label of its tier class (一级指标, 二级指标)
    zh: str
    en: str
    alternatives: str
    broader: ReferenceTerm | None
    definition_zh: str
    definition_en: str


@dataclass(frozen=True)
class Tiers:
    scheme: TierScheme | None
    rows: list[TierRow]


def _tiers(onto: Ontology) -> Tiers:
    graph = onto.tiers
    rows = []
    for concept in sorted(_iris(graph, SKOS.Concept), key=lambda c: _notation_key(graph, c)):
        level = next((cls for cls in graph.objects(concept, RDF.type) if cls != SKOS.Concept), None)
        rows.append(TierRow(
            _text(graph, concept, SKOS.notation), _defined(onto, concept),
            _text(onto.kg, level, RDFS.label, "zh") if level is not None else "",
            *_labels(graph, concept, SKOS.prefLabel), _text(graph, concept, SKOS.altLabel, "zh"),
            _optional_term(onto, graph.value(concept, SKOS.broader), graph), *_labels(graph, concept, SKOS.definition),
        ))
    scheme = next(iter(_iris(graph, SKOS.ConceptScheme)), None)
    if scheme is None:
        return Tiers(None, rows)
    return Tiers(TierScheme(_defined(onto, scheme), *_labels(graph, scheme, SKOS.prefLabel), _text(graph, scheme, SKOS.definition, "en"),
                            _text(graph, scheme, DCTERMS.source)), rows)


@dataclass(frozen=True)
class UnitRow:
    term: DefinedTerm
    zh: str
    en: str
    printed_forms: list[str]
    quantity_kind: ReferenceTerm | None
    yuan: str
    cost_scope: ReferenceTerm | None
    cost_scope_label: str
    definition: str


def _units(onto: Ontology) -> list[UnitRow]:
    graph = onto.units

    def order(unit: URIRef) -> tuple:
        yuan = graph.value(unit, KG.yuanPerUnit)
        return (yuan is None, str(graph.value(unit, QUDT.hasQuantityKind)), float(yuan) if yuan is not None else 0.0, str(unit))

    rows = []
    for unit in sorted(_iris(graph, QUDT.Unit), key=order):
        yuan = graph.value(unit, KG.yuanPerUnit)
        scope = graph.value(unit, KG.costScope)
        rows.append(UnitRow(
            _defined(onto, unit), *_labels(graph, unit), sorted(str(f) for f in graph.objects(unit, KG.printedForm)),
            _optional_term(onto, graph.value(unit, QUDT.hasQuantityKind), graph), str(yuan) if yuan is not None else "",
            _optional_term(onto, scope, graph), _text(onto.kg, scope, RDFS.label, "en") if scope is not None else "",
            _text(graph, unit, SKOS.definition, "en"),
        ))
    return rows


@dataclass(frozen=True)
class IndividualRow:
    term: DefinedTerm
    notation: str
    zh: str
    en: str
    definition: str


def _individuals(onto: Ontology, cls: URIRef) -> list[IndividualRow]:
    return [
        IndividualRow(_defined(onto, individual), _text(onto.kg, individual, SKOS.notation), *_labels(onto.kg, individual),
                      _text(onto.kg, individual, SKOS.definition, "en"))
        for individual in sorted(_iris(onto.kg, cls), key=lambda i: (_notation_key(onto.kg, i), str(i)))
    ]


_NOT_CONSTRAINTS = {SH.path, SH.name, SH.description, SH.message, SH.order, SH.group, RDF.type, SH.property, SH.targetClass}


@dataclass(frozen=True)
class Constraint:
    """One SHACL constraint: ``sh:minCount 1``, or ``sh:or`` and the alternatives it offers."""

    curie: str
    value: ReferenceTerm | None = None
    alternatives: tuple[Alternative, ...] | None = None  # sh:or, sh:and, sh:xone


@dataclass(frozen=True)
class Alternative:
    path: ReferenceTerm | None
    constraints: tuple[Constraint, ...]


def _constraints(onto: Ontology, shape: rdflib.term.Node) -> tuple[Constraint, ...]:
    """Every SHACL constraint of a shape (whatever its kind)."""
    graph, found = onto.shapes, []
    for predicate, value in sorted(graph.predicate_objects(shape), key=lambda pv: str(pv[0])):
        if predicate in _NOT_CONSTRAINTS or not str(predicate).startswith(str(SH)):
            continue
        if predicate in (SH["or"], SH["and"], SH.xone):
            alternatives = tuple(
                Alternative(_optional_term(onto, graph.value(member, SH.path), graph), _constraints(onto, member))
                for member in Collection(graph, value)
            )
            found.append(Constraint(onto.curie(predicate), alternatives=alternatives))
        else:
            found.append(Constraint(onto.curie(predicate), _term(onto, value, graph)))
    return tuple(found)


@dataclass(frozen=True)
class PropertyShapeRow:
    term: DefinedTerm | None  # none for a blank node
    path: ReferenceTerm | None
    name: str
    constraints: tuple[Constraint, ...]
    description: str
    message: str


@dataclass(frozen=True)
class Shape:
    term: DefinedTerm
    name: str
    targets: list[ReferenceTerm]
    description: str
    message: str
    constraints: tuple[Constraint, ...]  # of the node itself
    properties: list[PropertyShapeRow]


def _shapes(onto: Ontology) -> list[Shape]:
    graph, shapes = onto.shapes, []
    for shape in _iris(graph, SH.NodeShape):
        properties = sorted(graph.objects(shape, SH.property), key=lambda p: onto.curie(graph.value(p, SH.path) or p))
        shapes.append(Shape(
            _defined(onto, shape), _text(graph, shape, SH.name), [_term(onto, t, graph) for t in sorted(graph.objects(shape, SH.targetClass))],
            _text(graph, shape, SH.description), _text(graph, shape, SH.message), _constraints(onto, shape),
            [
                PropertyShapeRow(
                    _defined(onto, prop) if isinstance(prop, URIRef) else None, _optional_term(onto, graph.value(prop, SH.path), graph),
                    _text(graph, prop, SH.name), _constraints(onto, prop), _text(graph, prop, SH.description), _text(graph, prop, SH.message),
                )
                for prop in properties
            ],
        ))
    return shapes


def _defined_anchors(part: object) -> set[str]:
    """The ids of every term ``part`` (a section, or lists and dataclasses of them) defines."""
    if isinstance(part, DefinedTerm):
        return {part.anchor}
    if isinstance(part, (list, tuple)):
        return set().union(*map(_defined_anchors, part)) if part else set()
    if is_dataclass(part) and not isinstance(part, type):
        return set().union(*(_defined_anchors(getattr(part, f.name)) for f in fields(part)))
    return set()


def render_index(onto: Ontology) -> str:
    """index.html: the reference's own page. A term is linked where the page has its section (an
    individual, a SPARQL constraint or a term of budget-cube.ttl may have none)."""
    sections = dict(
        overview=_overview(onto), diagram=diagram_layout(onto), classes=_classes(onto), properties=_properties(onto),
        tiers=_tiers(onto), units=_units(onto), comparators=_individuals(onto, KG.Comparator),
        cost_scopes=_individuals(onto, KG.CostScope), shapes=_shapes(onto),
    )
    return page_templates().get_template("ontology_reference.html").render(anchors=_defined_anchors(list(sections.values())), **sections)


def render_pylode(kg_ttl: Path) -> str:
    """pyLODE's OntPub page of kg.ttl. pyLODE's loader calls logging.basicConfig(DEBUG) when it is
    imported; the root logger is put back so that kg's own output stays quiet."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    try:
        return OntPub(ontology=str(kg_ttl)).make_html()
    except Exception as error:  # pyLODE raises its own and rdflib's errors
        raise DocsError(f"pyLODE cannot document {kg_ttl}: {error}") from error


def render_docs(ontology_dir: Path | None = None) -> dict[str, bytes]:
    """The files of the ontology reference by name (index.html, ontology.html, the Turtle files)."""
    folder = ontology_dir if ontology_dir is not None else data_dir("ontology")
    onto = Ontology.read(folder)
    files = {"index.html": render_index(onto).encode("utf-8"), "ontology.html": render_pylode(folder / "kg.ttl").encode("utf-8")}
    files.update(onto.files)
    return files


def write_docs(out_dir: Path, ontology_dir: Path | None = None) -> list[Path]:
    """Write the ontology reference into ``out_dir``; returns the files written (all, or none)."""
    outputs = [(out_dir / name, data) for name, data in render_docs(ontology_dir).items()]
    write_files_atomically(outputs)
    return [path for path, _ in outputs]


__all__ = ["DocsError", "Ontology", "diagram_edges", "diagram_layout", "diagram_svg", "render_docs", "render_index", "write_docs"]
