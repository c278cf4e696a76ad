"""The ontology reference (kg.web.docs): built from ontology/*.ttl, complete, offline and escaped."""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, URIRef
from rdflib.namespace import OWL, SH, SKOS

from kg.resources import data_dir
from kg.web.docs import ONTOLOGY_FILES, Ontology, write_docs

QUDT_UNIT = URIRef("http://qudt.org/schema/qudt/Unit")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("docs")
    return out, write_docs(out)


@pytest.fixture(scope="module")
def index(built: tuple[Path, list[Path]]) -> str:
    return (built[0] / "index.html").read_text(encoding="utf-8")


def _graph(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data_dir("ontology") / name, format="turtle")


def _subjects(graph: rdflib.Graph, cls: URIRef) -> list[URIRef]:
    found = sorted(s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))
    assert found, f"no {cls} in the ontology: the test would check nothing"
    return found


def _curie(node: URIRef) -> str:
    return Ontology.read(data_dir("ontology")).curie(node)


def test_writes_the_pages_and_the_turtle_files(built: tuple[Path, list[Path]]) -> None:
    out, written = built
    assert sorted(p.name for p in written) == sorted(["index.html", "ontology.html", *ONTOLOGY_FILES])
    for name in ONTOLOGY_FILES:
        assert (out / name).read_bytes() == (data_dir("ontology") / name).read_bytes()
    assert 'href="ontology.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_every_tier_appears_with_its_labels_and_definitions(index: str) -> None:
    tiers = _graph("tiers.ttl")
    for concept in _subjects(tiers, SKOS.Concept):
        assert _curie(concept) in index
        for predicate in (SKOS.prefLabel, SKOS.definition):
            for value in tiers.objects(concept, predicate):
                assert escape(str(value)) in index, (concept, value)


def test_every_unit_appears_with_its_printed_forms_and_conversion(index: str) -> None:
    units = _graph("units.ttl")
    kg = rdflib.Namespace("https://w3id.org/cnbudget/ontology#")
    for unit in _subjects(units, QUDT_UNIT):
        row = re.search(rf'<tr><td><code id="[^"]*">{re.escape(_curie(unit))}</code>.*?</tr>', index, re.S)
        assert row, unit
        for form in units.objects(unit, kg.printedForm):
            assert f"<code>{escape(str(form))}</code>" in row.group()
        yuan = units.value(unit, kg.yuanPerUnit)
        if yuan is not None:
            assert f"<td>{yuan}</td>" in row.group()
            assert _curie(units.value(unit, kg.costScope)) in row.group()


def test_every_class_property_and_individual_appears(index: str) -> None:
    kg = _graph("kg.ttl")
    for cls in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, URIRef("https://w3id.org/cnbudget/ontology#Comparator")):
        for term in _subjects(kg, cls):
            assert f">{_curie(term)}</code>" in index, term


def test_every_shape_appears_with_its_target_and_messages(index: str) -> None:
    shapes = _graph("shapes.ttl")
    node_shapes = _subjects(shapes, SH.NodeShape)
    for shape in node_shapes:
        assert _curie(shape) in index
        for target in shapes.objects(shape, SH.targetClass):
            assert _curie(target) in index
    for shape in [*node_shapes, *_subjects(shapes, SH.PropertyShape)]:
        assert _curie(shape) in index
        for message in shapes.objects(shape, SH.message):
            assert escape(str(message)) in index, shape


@pytest.mark.parametrize("page", ["index.html", "ontology.html"])
def test_every_link_within_a_page_lands_on_a_section_of_it(built: tuple[Path, list[Path]], page: str) -> None:
    """A term is linked only where the page describes it: kg:ErrorSeverity (an individual),
    kg:printedZero (budget-cube.ttl), kgu:CurrencyPerTime (a quantity kind) and the shapes'
    SPARQL constraints have no section of index.html, and their links led nowhere."""
    html = (built[0] / page).read_text(encoding="utf-8")
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= ids, sorted(links - ids)
    if page == "index.html":
        assert '<code>kg:ErrorSeverity</code>' in html and 'href="#ErrorSeverity"' not in html


def test_the_diagram_follows_project_to_tier_to_target(index: str) -> None:
    svg = re.search(r"<svg .*?</svg>", index, re.S).group()
    for term in ("kg:BudgetProject", "kg:hasTarget", "kg:PerformanceTarget", "kg:tier", "kg:TierTwoConcept",
                 "skos:broader", "kg:TierOneConcept", "kg:comparator", "kg:targetValue", "kg:unit", "dct:source", "kg:sourceLine"):
        assert f">{term}<" in svg, term


def test_nothing_is_loaded_from_the_network(built: tuple[Path, list[Path]]) -> None:
    for name in ("index.html", "ontology.html"):
        page = (built[0] / name).read_text(encoding="utf-8")
        assert not re.search(r"""\bsrc\s*=\s*["']?\s*(https?:)?//""", page, re.I), name
        for tag in re.findall(r"<link\b[^>]*>", page, re.I):
            assert not re.search(r"""href\s*=\s*["']?\s*(https?:)?//""", tag, re.I), (name, tag)
        assert not re.search(r"@import|url\(\s*['\"]?\s*(https?:)?//", page, re.I), name
        for script in re.findall(r"<script\b[^>]*>", page, re.I):
            assert "application/ld+json" in script, (name, script)  # data, not code


def test_text_from_the_ontology_files_is_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>&<img src=x onerror=alert(1)>'
    folder = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), folder)
    tiers = (folder / "tiers.ttl").read_text(encoding="utf-8")
    tiers = tiers.replace('"Quantity indicators"@en', '"' + hostile.replace('"', '\\"') + '"@en', 1)
    (folder / "tiers.ttl").write_text(tiers, encoding="utf-8")
    write_docs(tmp_path / "out", ontology_dir=folder)
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert escape(hostile) in page
    assert "<script>" not in page and "<img" not in page


def test_an_unreadable_ontology_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    from kg.errors import KgError

    folder = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), folder)
    (folder / "units.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(KgError, match="units.ttl"):
        write_docs(tmp_path / "out", ontology_dir=folder)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
