"""The ontology reference: an HTML page generated from ``ontology/*.ttl``.

``write_docs(out_dir)`` writes

* ``index.html``: our own page: an overview, a diagram of how a project reaches its indicators,
  tiers, targets, units and provenance (inline SVG drawn here), the classes and properties, the
  tier scheme with its zh/en labels, the units with their printed forms and conversions to 元,
  the comparators and cost scopes, and every SHACL shape with its constraints and messages;
* ``ontology.html``: pyLODE's OntPub rendering of ``kg.ttl`` (OWL classes and properties only,
  which is why index.html covers the SKOS tiers, the units and the shapes itself);
* a copy of each Turtle file, which index.html links to.

Every label, tier, unit and constraint is read from the Turtle files: nothing is repeated here.
The pages are self-contained (inline style, no scripts, nothing loaded from the network), and all
text from the files is HTML-escaped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, SH, SKOS, XSD

from kg.atomic import write_files_atomically
from kg.errors import KgError
from kg.rdf import terms
from kg.resources import data_dir

ONTOLOGY_FILES = ("kg.ttl", "tiers.ttl", "units.ttl", "shapes.ttl")
QUDT = rdflib.Namespace("http://qudt.org/schema/qudt/")
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
    def read(cls, folder: Path) -> "Ontology":
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


# ---- HTML pieces ----------------------------------------------------------------------------


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _anchor(curie: str) -> str:
    """The id of a term's section: its local name for kg's own terms, so that the namespace IRI
    with a fragment (…/ontology#BudgetProject) lands on it; ``t-prefix-name`` for the others."""
    if curie.startswith("kg:") and curie[3:].isidentifier():
        return curie[3:]
    return "t-" + "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in curie)


def _table(headings: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Rows of already-escaped cells."""
    head = "".join(f"<th>{_e(h)}</th>" for h in headings)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _term(onto: Ontology, node: rdflib.term.Node, graph: rdflib.Graph) -> str:
    """A term as escaped HTML: a CURIE (linked when the page describes it), a list, or a literal."""
    if isinstance(node, Literal):
        return f"<code>{_e(repr(str(node)) if node.datatype is None and node.language is None else node.n3())}</code>"
    if isinstance(node, BNode):
        if graph.value(node, RDF.first) is not None or node == RDF.nil:
            return "( " + " ".join(_term(onto, member, graph) for member in Collection(graph, node)) + " )"
        members = _members(graph, node)
        if members != [node]:
            return " ∪ ".join(_term(onto, m, graph) for m in members)
        return "[ ]"
    curie = onto.curie(node)
    return f'<a href="#{_anchor(curie)}"><code>{_e(curie)}</code></a>' if curie != str(node) and curie.split(":")[0] in _DESCRIBED else f"<code>{_e(curie)}</code>"


_DESCRIBED = {"kg", "tier", "kgu", "kgsh", "unit"}


def _labels(graph: rdflib.Graph, subject: rdflib.term.Node, predicate: URIRef = RDFS.label) -> tuple[str, str]:
    return _text(graph, subject, predicate, "zh"), _text(graph, subject, predicate, "en")


def _defined(onto: Ontology, subject: URIRef) -> str:
    curie = onto.curie(subject)
    return f'<code id="{_e(_anchor(curie))}">{_e(curie)}</code>'


# ---- sections -------------------------------------------------------------------------------


def _overview(onto: Ontology) -> str:
    ont = URIRef(terms.ONTOLOGY)
    zh_title, en_title = _labels(onto.kg, ont, DCTERMS.title)
    zh_desc, en_desc = _labels(onto.kg, ont, DCTERMS.description)
    version = _text(onto.kg, ont, OWL.versionInfo)
    licence = onto.kg.value(ont, DCTERMS.license)
    files = "".join(f'<li><a href="{_e(name)}">{_e(name)}</a></li>' for name in ONTOLOGY_FILES)
    return (
        f"<h1>{_e(zh_title)}<br><small>{_e(en_title)}</small></h1>\n"
        f"<p>{_e(en_desc)}</p>\n<p lang=\"zh\">{_e(zh_desc)}</p>\n"
        f"<dl><dt>Namespace</dt><dd><code>{_e(terms.NS)}</code></dd>"
        f"<dt>Ontology IRI</dt><dd><code>{_e(terms.ONTOLOGY)}</code></dd>"
        f"<dt>Version</dt><dd>{_e(version)}</dd>"
        + (f"<dt>Licence</dt><dd><code>{_e(licence)}</code></dd>" if licence is not None else "")
        + "</dl>\n"
        '<p>The OWL classes and properties of <code>kg.ttl</code> are also documented by pyLODE: '
        '<a href="ontology.html">ontology.html</a>. The Turtle files:</p>\n'
        f"<ul>{files}</ul>"
    )


@dataclass(frozen=True)
class _Edge:
    source: URIRef
    prop: URIRef
    target: URIRef


def diagram_edges(onto: Ontology) -> list[_Edge]:
    """project → kg:hasIndicator → indicator → kg:tier → 二级 → skos:broader → 一级, and what an
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
    indicator = KG.PerformanceIndicator
    return [
        declared(KG.BudgetProject, KG.hasIndicator),
        declared(KG.DepartmentActivity, KG.hasIndicator),
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


def diagram_svg(onto: Ontology) -> str:
    """The edges of ``diagram_edges`` as an inline SVG: the main chain on top, targets below.

    A class is one box however many edges reach it; a datatype gets a box per edge, so that
    each literal value sits under what states it."""
    edges = diagram_edges(onto)
    box_w, box_h, gap_x, gap_y, margin = 190, 46, 110, 70, 20

    def key(edge: _Edge) -> str:
        return f"{edge.target} {edge.prop}" if str(edge.target).startswith(str(XSD)) else str(edge.target)

    chain = [KG.BudgetProject, KG.PerformanceIndicator, KG.TierTwoConcept]
    chain.append(next(e.target for e in edges if e.prop == SKOS.broader))
    positions: dict[str, tuple[int, int]] = {}
    iri_of: dict[str, URIRef] = {}
    for column, node in enumerate(chain):
        positions[str(node)], iri_of[str(node)] = (margin + column * (box_w + gap_x), margin), node
    positions[str(KG.DepartmentActivity)], iri_of[str(KG.DepartmentActivity)] = (margin, margin + box_h + gap_y), KG.DepartmentActivity
    lower = [e for e in edges if key(e) not in positions]
    of_indicator = [e for e in lower if e.source == KG.PerformanceIndicator]
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

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="diagram">',
        "<title>How a project reaches its indicators, tiers, targets, units and provenance</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    labels = []
    for edge in edges:
        source, target = str(edge.source), key(edge)
        start, end = border_point(source, center(target)), border_point(target, center(source))
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        parts.append(f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" stroke="#555" marker-end="url(#arrow)"/>')
        labels.append(f'<text x="{mx:.1f}" y="{my + 4:.1f}" text-anchor="middle" class="edge">{_e(onto.curie(edge.prop))}</text>')
    for node, (x, y) in positions.items():
        iri = iri_of[node]
        zh = _text(onto.all, iri, RDFS.label, "zh")
        datatype = str(iri).startswith(str(XSD))
        parts.append(
            f'<g><rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="6" class="{"datatype" if datatype else "class"}"/>'
            f'<text x="{x + box_w / 2}" y="{y + (19 if zh else 28)}" text-anchor="middle" class="curie">{_e(onto.curie(iri))}</text>'
            + (f'<text x="{x + box_w / 2}" y="{y + 37}" text-anchor="middle" class="zh">{_e(zh)}</text>' if zh else "")
            + "</g>"
        )
    parts += labels  # drawn last, over the lines
    parts.append("</svg>")
    return "\n".join(parts)


def _classes(onto: Ontology) -> str:
    rows = []
    for cls in _iris(onto.kg, OWL.Class):
        zh, en = _labels(onto.kg, cls)
        parents = ", ".join(_term(onto, p, onto.kg) for p in sorted(onto.kg.objects(cls, RDFS.subClassOf)))
        rows.append([_defined(onto, cls), _e(zh), _e(en), parents, _e(_text(onto.kg, cls, SKOS.definition, "en"))])
    return _table(["Class", "中文", "English", "Subclass of", "Definition"], rows)


def _properties(onto: Ontology) -> str:
    rows = []
    for kind, label in ((OWL.ObjectProperty, "object"), (OWL.DatatypeProperty, "datatype")):
        for prop in _iris(onto.kg, kind):
            zh, en = _labels(onto.kg, prop)
            domain, range_ = onto.kg.value(prop, RDFS.domain), onto.kg.value(prop, RDFS.range)
            rows.append([
                _defined(onto, prop), label, _e(zh), _e(en),
                _term(onto, domain, onto.kg) if domain is not None else "",
                _term(onto, range_, onto.kg) if range_ is not None else "",
                _e(_text(onto.kg, prop, SKOS.definition, "en")),
            ])
    return _table(["Property", "Kind", "中文", "English", "Domain", "Range", "Definition"], rows)


def _notation_key(graph: rdflib.Graph, node: rdflib.term.Node) -> tuple[int, ...]:
    notation = _text(graph, node, SKOS.notation)
    return tuple(int(part) for part in notation.split(".") if part.isdigit())


def _tiers(onto: Ontology) -> str:
    graph = onto.tiers
    scheme = next(iter(_iris(graph, SKOS.ConceptScheme)), None)
    rows = []
    concepts = sorted((c for c in _iris(graph, SKOS.Concept)), key=lambda c: _notation_key(graph, c))
    for concept in concepts:
        level = next((cls for cls in graph.objects(concept, RDF.type) if cls != SKOS.Concept), None)
        zh, en = _labels(graph, concept, SKOS.prefLabel)
        broader = graph.value(concept, SKOS.broader)
        rows.append([
            _e(_text(graph, concept, SKOS.notation)), _defined(onto, concept),
            _e(_text(onto.kg, level, RDFS.label, "zh")) if level is not None else "",
            f'<span lang="zh">{_e(zh)}</span>', _e(en),
            _e(_text(graph, concept, SKOS.altLabel, "zh")),
            _term(onto, broader, graph) if broader is not None else "",
            f'<span lang="zh">{_e(_text(graph, concept, SKOS.definition, "zh"))}</span><br>{_e(_text(graph, concept, SKOS.definition, "en"))}',
        ])
    intro = ""
    if scheme is not None:
        zh, en = _labels(graph, scheme, SKOS.prefLabel)
        intro = (
            f"<p>{_defined(onto, scheme)} {_e(zh)} / {_e(en)}: {_e(_text(graph, scheme, SKOS.definition, 'en'))} "
            f"Source: <span lang=\"zh\">{_e(_text(graph, scheme, DCTERMS.source))}</span></p>\n"
        )
    return intro + _table(["No.", "Concept", "Level", "中文", "English", "Alternative labels", "Broader", "Definition"], rows)


def _units(onto: Ontology) -> str:
    graph, rows = onto.units, []

    def order(unit: URIRef) -> tuple:
        yuan = graph.value(unit, KG.yuanPerUnit)
        return (yuan is None, str(graph.value(unit, QUDT.hasQuantityKind)), float(yuan) if yuan is not None else 0.0, str(unit))

    for unit in sorted(_iris(graph, QUDT.Unit), key=order):
        zh, en = _labels(graph, unit)
        yuan = graph.value(unit, KG.yuanPerUnit)
        scope = graph.value(unit, KG.costScope)
        forms = " ".join(f"<code>{_e(f)}</code>" for f in sorted(str(f) for f in graph.objects(unit, KG.printedForm)))
        kind = graph.value(unit, QUDT.hasQuantityKind)
        rows.append([
            _defined(onto, unit), f'<span lang="zh">{_e(zh)}</span>', _e(en), forms,
            _term(onto, kind, graph) if kind is not None else "",
            _e(str(yuan)) if yuan is not None else "",
            (_term(onto, scope, graph) + " " + _e(_text(onto.kg, scope, RDFS.label, "en"))) if scope is not None else "",
            _e(_text(graph, unit, SKOS.definition, "en")),
        ])
    return _table(["Unit", "中文", "English", "Printed forms", "Quantity kind", "kg:yuanPerUnit (元)", "kg:costScope", "Definition"], rows)


def _individuals(onto: Ontology, cls: URIRef) -> str:
    rows = []
    for individual in sorted(_iris(onto.kg, cls), key=lambda i: (_notation_key(onto.kg, i), str(i))):
        zh, en = _labels(onto.kg, individual)
        rows.append([
            _defined(onto, individual), _e(_text(onto.kg, individual, SKOS.notation)),
            f'<span lang="zh">{_e(zh)}</span>', _e(en), _e(_text(onto.kg, individual, SKOS.definition, "en")),
        ])
    return _table(["Individual", "Notation", "中文", "English", "Definition"], rows)


_NOT_CONSTRAINTS = {SH.path, SH.name, SH.description, SH.message, SH.order, SH.group, RDF.type, SH.property, SH.targetClass}


def _constraints(onto: Ontology, shape: rdflib.term.Node) -> str:
    """Every SHACL constraint of a shape (whatever its kind), as ``sh:minCount 1`` lines."""
    graph, lines = onto.shapes, []
    for predicate, value in sorted(graph.predicate_objects(shape), key=lambda pv: str(pv[0])):
        if predicate in _NOT_CONSTRAINTS or not str(predicate).startswith(str(SH)):
            continue
        if predicate in (SH["or"], SH["and"], SH.xone):
            alternatives = []
            for member in Collection(graph, value):
                path = graph.value(member, SH.path)
                alternatives.append(
                    "<li>" + (f"{_term(onto, path, graph)}: " if path is not None else "") + _constraints(onto, member) + "</li>"
                )
            lines.append(f"<code>{_e(onto.curie(predicate))}</code> one of:<ul>{''.join(alternatives)}</ul>")
        else:
            lines.append(f"<code>{_e(onto.curie(predicate))}</code> {_term(onto, value, graph)}")
    return "<br>".join(lines)


def _shapes(onto: Ontology) -> str:
    graph, out = onto.shapes, []
    for shape in _iris(graph, SH.NodeShape):
        targets = ", ".join(_term(onto, t, graph) for t in sorted(graph.objects(shape, SH.targetClass)))
        out.append(
            f"<h3>{_defined(onto, shape)} {_e(_text(graph, shape, SH.name))}</h3>\n"
            f"<p>Target class: {targets}. {_e(_text(graph, shape, SH.description))}</p>\n"
            f"<p>Message: <q>{_e(_text(graph, shape, SH.message))}</q></p>"
        )
        own = _constraints(onto, shape)
        if own:
            out.append(f"<p>Node constraints:<br>{own}</p>")
        rows = []
        properties = sorted(graph.objects(shape, SH.property), key=lambda p: onto.curie(graph.value(p, SH.path) or p))
        for prop in properties:
            path = graph.value(prop, SH.path)
            rows.append([
                _defined(onto, prop) if isinstance(prop, URIRef) else "",
                _term(onto, path, graph) if path is not None else "",
                _e(_text(graph, prop, SH.name)), _constraints(onto, prop),
                _e(_text(graph, prop, SH.description)), _e(_text(graph, prop, SH.message)),
            ])
        if rows:
            out.append(_table(["Property shape", "Path", "Name", "Constraints", "Description", "Message"], rows))
    return "\n".join(out)


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
h1 small { font-size: 60%; color: #555; }
table { border-collapse: collapse; margin: 1em 0; font-size: 90%; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
th { background: #f2f2f2; }
code { font-size: 95%; }
nav a { margin-right: 1em; }
svg.diagram { max-width: 100%; height: auto; }
svg .class { fill: #eef4ff; stroke: #4a6fa5; }
svg .datatype { fill: #fff7e6; stroke: #b7892b; }
svg .curie { font: 13px monospace; }
svg .zh { font: 13px sans-serif; fill: #333; }
svg .edge { font: 12px monospace; fill: #444; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
"""


def render_index(onto: Ontology) -> str:
    sections = [
        ("diagram", "Diagram", "<p>What a project (or an activity) states, from its indicators to their tiers, targets, units and source lines.</p>\n" + diagram_svg(onto)),
        ("classes", "Classes", _classes(onto)),
        ("properties", "Properties", _properties(onto)),
        ("tiers", "Indicator tiers (tiers.ttl)", _tiers(onto)),
        ("units", "Units of measure (units.ttl)", _units(onto)),
        ("comparators", "Comparators", _individuals(onto, KG.Comparator)),
        ("cost-scopes", "Cost scopes", _individuals(onto, KG.CostScope)),
        ("shapes", "SHACL shapes (shapes.ttl)", _shapes(onto)),
    ]
    zh_title, en_title = _labels(onto.kg, URIRef(terms.ONTOLOGY), DCTERMS.title)
    nav = "".join(f'<a href="#{key}">{_e(title)}</a>' for key, title, _ in sections) + '<a href="ontology.html">pyLODE</a>'
    body = "\n".join(f'<section id="{key}">\n<h2>{_e(title)}</h2>\n{html}\n</section>' for key, title, html in sections)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(en_title or zh_title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<nav>{nav}</nav>\n{_overview(onto)}\n{body}\n</body>\n</html>\n"
    )


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


__all__ = ["DocsError", "Ontology", "diagram_edges", "diagram_svg", "render_docs", "render_index", "write_docs"]
