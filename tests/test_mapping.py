from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from helpers import assert_isomorphic, graph_of

from kg.analyse.analysis import analyse
from kg.errors import MappingError
from kg.rdf import terms as kg
from kg.rdf.iris import DEFAULT_BASE, check_base
from kg.rdf.mapping import disclosure_quads
from kg.rdf.quads import BlankNode, Literal
from kg.read.text import parse_disclosure
from kg.records import Disclosure

DATA = Path(__file__).parent / "data" / "mapping"


def test_small_fixture_maps_to_the_expected_graph() -> None:
    disclosure = parse_disclosure(DATA / "small.txt")
    actual = graph_of(disclosure_quads(disclosure, analyse(disclosure), "https://example.org/id/"))
    expected = rdflib.Graph().parse(DATA / "expected.ttl")
    assert_isomorphic(expected, actual)


def test_one_named_graph_per_disclosure_and_no_blank_nodes(example: Disclosure) -> None:
    quads = list(disclosure_quads(example, analyse(example)))
    assert {g for *_, g in quads} == {DEFAULT_BASE + "graph/110105/623001/2026"}
    assert not any(isinstance(t, BlankNode) for s, _, o, _ in quads for t in (s, o))
    # Data is minted under the base; classification and region concepts have global scheme IRIs.
    schemes = ("https://w3id.org/cnbudget/scheme/", "https://w3id.org/cnbudget/region/")
    assert all(isinstance(s, str) and s.startswith((DEFAULT_BASE, *schemes)) for s, *_ in quads)
    assert any(s.startswith("https://w3id.org/cnbudget/scheme/function/") for s, *_ in quads)


def test_iris_are_stable_and_unique(example: Disclosure) -> None:
    first = sorted(disclosure_quads(example, analyse(example)), key=repr)
    assert first == sorted(disclosure_quads(example, analyse(example)), key=repr)
    indicators = {s for s, p, o, _ in first if p.endswith("#type") and o == kg.PerformanceTarget}
    assert len(indicators) == 215 + 24


def test_every_indicator_of_the_example_with_tiers_and_target(example: Disclosure) -> None:
    g = graph_of(disclosure_quads(example, analyse(example)))
    by_line = {}
    for ind in g.subjects(rdflib.RDF.type, rdflib.URIRef(kg.PerformanceTarget)):
        line = int(g.value(ind, rdflib.URIRef(kg.sourceLine)))
        owner = g.value(None, rdflib.URIRef(kg.hasTarget), ind)  # a target's table is its owner's, numbered
        table = str(g.value(g.value(owner, rdflib.URIRef(kg.sourceTable)), rdflib.SKOS.notation))
        by_line[(table, line)] = ind
    records = [("12", i) for p in example.projects for i in p.indicators] + [("13", i) for a in example.activities for i in a.indicators]
    assert len(by_line) == len(records)
    tier2_labels = {
        str(t): str(label) for t, label in rdflib.Graph().parse(Path(__file__).parents[1] / "ontology" / "tiers.ttl").subject_objects(rdflib.SKOS.prefLabel) if label.language == "zh"
    }
    for table, record in records:
        node = by_line[(table, record.line)]
        assert str(g.value(node, rdflib.RDFS.label)) == record.name
        assert tier2_labels[str(g.value(node, rdflib.URIRef(kg.tier)))] == record.tier2
        assert str(g.value(node, rdflib.URIRef(kg.targetText))) == record.value_text
        value = g.value(node, rdflib.URIRef(kg.targetValue))
        assert (Decimal(str(value)) if value is not None else None) == record.value
        unit = g.value(node, rdflib.URIRef(kg.unitText))
        assert (str(unit) if unit is not None else None) == record.unit


def test_amounts_are_exact_decimals(example: Disclosure) -> None:
    g = graph_of(disclosure_quads(example, analyse(example)))
    project = rdflib.URIRef(DEFAULT_BASE + "unit/110105/623001/2026/project/11010526T000003770132")
    total = g.value(project, rdflib.URIRef(kg.totalAmount))
    assert total.datatype == rdflib.XSD.decimal and total.toPython() == Decimal("29.778")
    assert g.value(project, rdflib.URIRef(kg.otherAmount)) is None  # blank, so absent


def test_base_option() -> None:
    assert check_base("https://data.example.gov.cn/budget/") == "https://data.example.gov.cn/budget/"
    for bad in ("bad", "https://x.org/no-slash", "ftp://x.org/", "https://x .org/"):
        with pytest.raises(MappingError, match="must be an absolute http"):
            check_base(bad)


def test_literals_are_typed_or_tagged(example: Disclosure) -> None:
    for s, p, o, _ in disclosure_quads(example, analyse(example)):
        if isinstance(o, Literal) and o.lang:
            assert o.lang == "zh"
        if p in (kg.totalAmount, kg.fiscalAmount, kg.otherAmount, kg.targetValue):
            assert o.datatype and o.datatype.endswith("#decimal")
