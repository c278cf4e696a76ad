"""SHACL validation of a built graph against ontology/shapes.ttl, with pySHACL.

Like pySHACL's own ``validate``, this returns the verdict, the machine-readable report graph and
the results for people, and never prints or exits. Each result names its focus node's source
table and line, so a reader can find the row in the document. Violations (sh:Violation) make a
graph fail; warnings (sh:Warning, sh:Info: what a document may print so, as amounts that do not
add up) are reported beside them and leave it conforming.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import ShapesError
from kg.output import Rows
from kg.rdf import terms as kg
from kg.rdf.namespaces import DCT, SH, SKOS
from kg.rdf.quads import Quad, to_rdflib
from kg.resources import ontology_file

QB_DATASET = "http://purl.org/linked-data/cube#dataSet"


@dataclass(frozen=True, order=True)
class Violation:
    source_line: int | None
    source_table: str | None
    focus: str
    path: str | None
    severity: str
    message: str
    value: str | None


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]  # sh:Violation results only
    graph: "rdflib.Graph"  # noqa: F821 - the sh:ValidationReport, for tools
    warnings: tuple[Violation, ...] = ()  # sh:Warning and sh:Info results

    def rows(self) -> Rows:
        return Rows(
            ["severity", "table", "line", "focus", "path", "message", "value"],
            [[v.severity, v.source_table, v.source_line, v.focus, v.path, v.message, v.value]
             for v in sorted(self.violations + self.warnings, key=_order)],
        )


def _short(iri: str | None) -> str | None:
    if iri is None:
        return None
    for prefix, ns in (("kg:", kg.NS), ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"), ("sh:", SH), ("dct:", DCT)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def _path(report: "rdflib.Graph", path: object) -> str | None:  # noqa: F821
    """A result path as people write it: kg:unit, or ^kg:hasTarget for an inverse path."""
    import rdflib

    if path is None:
        return None
    inverse = report.value(path, rdflib.URIRef(SH + "inversePath")) if isinstance(path, rdflib.BNode) else None
    return "^" + (_short(str(inverse)) or "") if inverse is not None else _short(str(path))


def _order(v: Violation) -> tuple:
    return (v.source_line or 0, v.focus, v.path or "", v.message)


def validate_quads(quads: Sequence[Quad]) -> Report:
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    for s, p, o, _ in to_rdflib(quads).quads():
        data.add((s, p, o))
    try:
        shapes = rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    except Exception as error:  # a broken shapes file is the installation's fault, not the data's
        raise ShapesError(f"{ontology_file('shapes.ttl')}: cannot load the SHACL shapes: {error}") from error
    # inplace: the data graph is this function's own, and no shape has a sh:rule that would add to it,
    # so pySHACL need not copy it first (which advanced=True would otherwise do: 0.1 s a disclosure).
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True,
    )
    sh = rdflib.Namespace(SH)
    line_of = {s: int(o) for s, o in data.subject_objects(rdflib.URIRef(kg.sourceLine))}
    # A table is a resource numbered by its skos:notation: a table is in itself, what is read from
    # it names it (kg:sourceTable), a budget line by its data set, a target (and its result) by its owner.
    tables = {t for cls in (kg.SourceTable, kg.BudgetTable) for t in data.subjects(rdflib.RDF.type, rdflib.URIRef(cls))}
    table_of = {t: str(n) for t, n in data.subject_objects(rdflib.URIRef(SKOS + "notation")) if t in tables}
    table_of |= {s: table_of[t] for s, t in data.subject_objects(rdflib.URIRef(kg.sourceTable)) if t in table_of}
    for via in (QB_DATASET, kg.hasTarget, kg.hasResult):
        for s, o in data.subject_objects(rdflib.URIRef(via)):
            node, table = (s, o) if via == QB_DATASET else (o, s)
            if table in table_of:
                table_of.setdefault(node, table_of[table])
    found = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        value = report.value(result, sh.value)
        found.append(
            Violation(
                source_line=line_of.get(focus),
                source_table=table_of.get(focus),
                focus=str(focus),
                path=_path(report, path),
                severity=_short(str(report.value(result, sh.resultSeverity))) or "",
                message=str(report.value(result, sh.resultMessage) or ""),
                value=str(value) if value is not None else None,
            )
        )
    violations = tuple(sorted((v for v in found if v.severity == "sh:Violation"), key=_order))
    warnings = tuple(sorted((v for v in found if v.severity != "sh:Violation"), key=_order))
    return Report(bool(conforms), violations, report, warnings)
