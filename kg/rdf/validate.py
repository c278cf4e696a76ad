"""SHACL validation of a built graph against ontology/shapes.ttl, with pySHACL.

Like pySHACL's own ``validate``, this returns the verdict, the machine-readable report graph and
the results for people, and never prints or exits. Each result names its focus node's source
table and line, so a reader can find the row in the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.errors import ShapesError
from kg.output import Rows
from kg.rdf import terms as kg
from kg.rdf.namespaces import SH
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
    violations: tuple[Violation, ...]
    graph: "rdflib.Graph"  # noqa: F821 - the sh:ValidationReport, for tools

    def rows(self) -> Rows:
        return Rows(
            ["severity", "table", "line", "focus", "path", "message", "value"],
            [[v.severity, v.source_table, v.source_line, v.focus, v.path, v.message, v.value] for v in self.violations],
        )


def _short(iri: str | None) -> str | None:
    if iri is None:
        return None
    for prefix, ns in (("kg:", kg.NS), ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"), ("sh:", SH)):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


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
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True)
    sh = rdflib.Namespace(SH)
    line_of = {s: int(o) for s, o in data.subject_objects(rdflib.URIRef(kg.sourceLine))}
    table_of = {s: str(o) for s, o in data.subject_objects(rdflib.URIRef(kg.sourceTable))}
    for line, table in data.subject_objects(rdflib.URIRef(QB_DATASET)):  # a budget line: its table's
        if table in table_of:
            table_of.setdefault(line, table_of[table])
    violations = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        value = report.value(result, sh.value)
        violations.append(
            Violation(
                source_line=line_of.get(focus),
                source_table=table_of.get(focus),
                focus=str(focus),
                path=_short(str(path)) if path is not None else None,
                severity=_short(str(report.value(result, sh.resultSeverity))) or "",
                message=str(report.value(result, sh.resultMessage) or ""),
                value=str(value) if value is not None else None,
            )
        )
    return Report(bool(conforms), tuple(sorted(violations, key=lambda v: (v.source_line or 0, v.focus, v.path or "", v.message))), report)
