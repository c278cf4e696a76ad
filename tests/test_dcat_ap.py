"""The dataset description kg build writes is DCAT-AP 3.0, and true.

It is validated with pySHACL against the SHACL shapes of the DCAT-AP 3.0.0 release
(tests/data/dcat-ap-3.0.0/, see SOURCE.md there), with and without the options that add to it;
and it says nothing kg cannot know: no licence, dates, publisher or file address unless given.
"""

from __future__ import annotations

import dataclasses
from importlib.metadata import version
from pathlib import Path

import pyshacl
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import DCTERMS, FOAF, OWL, PROV, RDF, XSD

from kg.cli import cli
from kg.errors import MappingError
from kg.rdf.dataset import DatasetOptions, check_options, contents

SHAPES = Path(__file__).parent / "data" / "dcat-ap-3.0.0" / "dcat-ap-SHACL.ttl"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
KG = rdflib.Namespace("https://w3id.org/cnbudget/ontology#")
ONTOLOGY = rdflib.URIRef("https://w3id.org/cnbudget/ontology")
DATASET = rdflib.URIRef("https://w3id.org/cnbudget/id/unit/110105/623001/2026/dataset")
DEPARTMENT = rdflib.URIRef("https://w3id.org/cnbudget/id/unit/110105/623001")
PUBLISHER = "https://data.example.org/agent/open-data-office"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
SOURCE_URL = "https://www.bjchy.gov.cn/zwgk/2026/预算公开.pdf"
EXTENSIONS = ("nq", "ttl", "jsonld", "nt", "trig")

ALL_OPTIONS = [
    "--publisher", PUBLISHER, "--publisher-name", "Example open-data office", "--license", LICENCE,
    "--issued", "2026-03-31", "--modified", "2026-04-01", "--download-base", "https://data.example.org/files/",
    "--source-url", SOURCE_URL, "--title", "大屯街道 2026 预算",
]
VARIANTS = {
    "no options": [],
    "every option": ALL_OPTIONS,
    "publisher only": ["--publisher", PUBLISHER, "--publisher-name", "Example open-data office"],
    "download base only": ["--download-base", "https://data.example.org/files/"],
}


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


def build(folder: Path, example_path: Path, options: list[str]) -> rdflib.Dataset:
    """kg build of the example to every format; the .nq (which keeps the graphs) read back."""
    folder.mkdir(parents=True, exist_ok=True)
    outputs = [a for ext in EXTENSIONS for a in ("-o", str(folder / f"out.{ext}"))]
    result = CliRunner().invoke(cli, ["build", str(example_path), *outputs, *options])
    assert result.exit_code == 0, result.output
    return rdflib.Dataset().parse(folder / "out.nq", format="nquads")


def description(dataset: rdflib.Dataset) -> rdflib.Graph:
    """The default graph: where kg build writes the description."""
    graph = rdflib.Graph()
    for triple in dataset.graph(rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, rdflib.Dataset]:
    root = tmp_path_factory.mktemp("dcat-ap")
    return {name: build(root / str(i), example_path, options) for i, (name, options) in enumerate(VARIANTS.items())}


def violations(graph: rdflib.Graph, shapes: rdflib.Graph) -> tuple[bool, list[str]]:
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", allow_warnings=True)
    found = [
        f"{results.value(r, SH.focusNode)} {results.value(r, SH.resultPath)}: {results.value(r, SH.resultMessage)}"
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if results.value(r, SH.resultSeverity) == SH.Violation
    ]
    return conforms, sorted(found)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_the_description_conforms_to_dcat_ap_3(built: dict[str, rdflib.Dataset], shapes: rdflib.Graph, variant: str) -> None:
    graph = description(built[variant])
    conforms, found = violations(graph, shapes)
    assert found == [] and conforms
    assert (DATASET, RDF.type, DCAT.Dataset) in graph


def test_the_shapes_do_check_the_description(built: dict[str, rdflib.Dataset], shapes: rdflib.Graph) -> None:
    """Not conforming by having nothing to check: an agent without its name is a violation."""
    graph = description(built["every option"])
    graph.remove((rdflib.URIRef(PUBLISHER), FOAF.name, None))
    conforms, found = violations(graph, shapes)
    assert not conforms and any(f.startswith(PUBLISHER) and str(FOAF.name) in f for f in found), found


def test_a_catalog_only_with_a_publisher(built: dict[str, rdflib.Dataset]) -> None:
    """DCAT-AP's catalogue must have a publisher: kg writes one only for the publisher it is given."""
    assert list(description(built["no options"]).subjects(RDF.type, DCAT.Catalog)) == []
    graph = description(built["publisher only"])
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert set(graph.objects(catalog, DCAT.dataset)) == {DATASET, rdflib.URIRef(f"{DATASET}/ontology")}
    assert graph.value(catalog, DCTERMS.publisher) == graph.value(DATASET, DCTERMS.publisher) == rdflib.URIRef(PUBLISHER)
    assert graph.value(rdflib.URIRef(PUBLISHER), FOAF.name) == rdflib.Literal("Example open-data office")


def test_the_department_creates_the_document_and_publishes_no_rdf(built: dict[str, rdflib.Dataset]) -> None:
    for variant in VARIANTS:
        graph = description(built[variant])
        assert (None, DCTERMS.publisher, DEPARTMENT) not in graph
        (source,) = graph.objects(DATASET, PROV.wasDerivedFrom)
        assert graph.value(source, DCTERMS.creator) == DEPARTMENT
        assert graph.value(DEPARTMENT, FOAF.name) == rdflib.Literal("北京市朝阳区人民政府大屯街道办事处", lang="zh")
        assert any(built[variant].quads((source, KG.sha256, None, None)))  # the document kg:sha256 names, in the data's graph


def test_no_licence_or_dates_unless_given(built: dict[str, rdflib.Dataset]) -> None:
    for variant in ("no options", "publisher only", "download base only"):
        graph = description(built[variant])
        for predicate in (DCTERMS.license, DCTERMS.issued, DCTERMS.modified, DCTERMS.rights, DCTERMS.accessRights):
            assert list(graph.subject_objects(predicate)) == [], (variant, predicate)
        assert not any("creativecommons" in str(o) for o in graph.objects())
    graph = description(built["every option"])
    assert graph.value(DATASET, DCTERMS.license) == rdflib.URIRef(LICENCE)
    assert graph.value(DATASET, DCTERMS.issued) == rdflib.Literal("2026-03-31", datatype=XSD.date)
    assert graph.value(DATASET, DCTERMS.modified) == rdflib.Literal("2026-04-01", datatype=XSD.date)
    assert set(graph.objects(DATASET, DCTERMS.title)) == {rdflib.Literal("大屯街道 2026 预算")}


def test_distributions_only_where_the_files_will_be(built: dict[str, rdflib.Dataset]) -> None:
    assert list(description(built["no options"]).objects(DATASET, DCAT.distribution)) == []
    graph = description(built["download base only"])
    urls = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(DATASET, DCAT.distribution)}
    assert urls == {f"https://data.example.org/files/out.{ext}" for ext in EXTENSIONS}
    media = sorted(str(graph.value(d, DCAT.mediaType)).removeprefix("https://www.iana.org/assignments/media-types/")
                   for d in graph.objects(DATASET, DCAT.distribution))
    assert media == ["application/ld+json", "application/n-quads", "application/n-triples", "application/trig", "text/turtle"]
    formats = sorted(str(graph.value(d, DCTERMS.format)).rsplit("/", 1)[-1] for d in graph.objects(DATASET, DCAT.distribution))
    assert formats == ["JSON_LD", "RDF_N_QUADS", "RDF_N_TRIPLES", "RDF_TRIG", "RDF_TURTLE"]
    for dist in graph.objects(DATASET, DCAT.distribution):
        assert graph.value(dist, DCAT.accessURL) == graph.value(dist, DCAT.downloadURL) != DATASET
        assert graph.value(dist, DCTERMS.license) is None


def test_the_ontology_is_not_counted_in_the_data(built: dict[str, rdflib.Dataset]) -> None:
    dataset = built["no options"]
    graph = description(dataset)
    data = {(s, p, o) for s, p, o, g in dataset.quads() if str(g).startswith("https://w3id.org/cnbudget/id/graph/")}
    ontology = set(dataset.graph(ONTOLOGY))
    assert len(data) > 1000 and len(ontology) > 100
    assert int(graph.value(DATASET, VOID.triples)) == len(data)
    onto = rdflib.URIRef(f"{DATASET}/ontology")
    assert (onto, RDF.type, DCAT.Dataset) in graph and graph.value(DATASET, DCTERMS.requires) == onto
    assert int(graph.value(onto, VOID.triples)) == len(ontology)
    assert graph.value(DATASET, DCTERMS.conformsTo) == ONTOLOGY and (ONTOLOGY, RDF.type, DCTERMS.Standard) in graph


def test_the_build_is_a_prov_activity_of_this_kg(built: dict[str, rdflib.Dataset]) -> None:
    graph = description(built["no options"])
    activity = graph.value(DATASET, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in graph
    agents = set(graph.objects(activity, PROV.wasAssociatedWith))
    assert all((agent, RDF.type, PROV.SoftwareAgent) in graph for agent in agents) and len(agents) == 2
    (kg,) = [a for a in agents if graph.value(a, OWL.versionInfo) is not None]
    assert str(graph.value(kg, OWL.versionInfo)) == version("kg")
    (reader,) = agents - {kg}
    assert str(reader).endswith("/kg.read.text") and graph.value(reader, DCTERMS.isPartOf) == kg
    assert set(graph.objects(activity, PROV.used)) == set(graph.objects(DATASET, PROV.wasDerivedFrom)) != set()
    # No clock time: the same input gives the same bytes.
    assert (activity, PROV.startedAtTime, None) not in graph and (activity, PROV.endedAtTime, None) not in graph


def test_spatial_coverage_and_language(built: dict[str, rdflib.Dataset]) -> None:
    graph = description(built["no options"])
    region = rdflib.URIRef("https://w3id.org/cnbudget/region/110105")
    assert set(graph.objects(DATASET, DCTERMS.spatial)) == {region} and (region, RDF.type, DCTERMS.Location) in graph
    chinese = rdflib.URIRef("http://publications.europa.eu/resource/authority/language/ZHO")
    assert graph.value(DATASET, DCTERMS.language) == chinese and (chinese, RDF.type, DCTERMS.LinguisticSystem) in graph


def test_the_source_url_is_the_documents_primary_source(built: dict[str, rdflib.Dataset]) -> None:
    graph = description(built["every option"])
    (source,) = graph.objects(DATASET, PROV.wasDerivedFrom)
    assert graph.value(source, PROV.hadPrimarySource) == rdflib.URIRef(SOURCE_URL)
    assert (None, PROV.hadPrimarySource, None) not in description(built["no options"])


def test_the_same_options_give_the_same_bytes(tmp_path: Path, example_path: Path) -> None:
    for run in ("a", "b"):
        build(tmp_path / run, example_path, ALL_OPTIONS)
    for ext in EXTENSIONS:
        assert (tmp_path / "a" / f"out.{ext}").read_bytes() == (tmp_path / "b" / f"out.{ext}").read_bytes(), ext


def test_the_description_lists_the_tables_in_the_records(example) -> None:  # type: ignore[no-untyped-def]
    zh, en = contents([example])
    assert "表12 年度项目支出绩效表：36 个项目及其 215 个绩效指标" in zh and "table 13 (部门整体支出绩效目标表)" in en
    assert "tables 01, 03–11 (收支总表, 支出预算汇总表," in en and "表01、03–11（收支总表" in zh
    assert "tables 08, 09 print no amount" in en  # 表08 and 表09 of this department hold no amount
    for table in example.budget:
        assert table.title in zh and table.title in en
    zh, en = contents([dataclasses.replace(example, budget=None, activities=(), department=None)])
    assert "表12" in zh and "表13" not in zh and "01" not in zh and "table 13" not in en and "Data Cube" not in en


@pytest.mark.parametrize(
    "options, message",
    [
        (["--publisher", PUBLISHER], "--publisher needs --publisher-name"),
        (["--publisher-name", "Someone"], "--publisher-name names the --publisher"),
        (["--license", "CC BY"], "--license 'CC BY' must be an absolute IRI"),
        (["--download-base", "files/"], "--download-base 'files/' must be an absolute http(s) URL"),
        (["--source-url", "a.pdf"], "--source-url 'a.pdf' must be an absolute IRI"),
        (["--modified", "April"], "--modified 'April' must be a year"),
    ],
)
def test_options_that_would_be_untrue_write_nothing(tmp_path: Path, example_path: Path, options: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["build", str(example_path), "-o", str(tmp_path / "x.ttl"), *options])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and message in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_one_source_url_is_for_one_document(tmp_path: Path, example_path: Path) -> None:
    small = (Path(__file__).parent / "data" / "mapping" / "small.txt").read_text(encoding="utf-8")
    other = tmp_path / "other.txt"  # another unit's document (the example's unit would be refused as the same identity)
    other.write_text(small.replace("623001-", "623009-", 1), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["build", str(example_path), str(other), "-o", str(out / "x.ttl"), "--source-url", SOURCE_URL])
    assert result.exit_code == 1
    assert "--source-url applies to one disclosure, but 2 disclosure text files were given" in result.output
    assert list(out.iterdir()) == []
    with pytest.raises(MappingError):
        check_options(DatasetOptions(base="https://example.org/", source_url=SOURCE_URL), 0)


def test_a_served_store_is_described_in_dcat_ap_3_and_counts_its_data_only(tmp_path: Path, example_path: Path, shapes: rdflib.Graph) -> None:
    """kg serve --store describes a store kg build did not describe: the same rules, and the same
    triple count as the build's description (the ontology graph is not the data)."""
    from kg.rdf.quads import to_rdflib
    from kg.store.ingest import ingest, open_store
    from kg.web.descriptions import served_description, store_description

    ingest(tmp_path / "store", [example_path], workers=1)
    quads = served_description(store_description(open_store(tmp_path / "store"), "https://w3id.org/cnbudget/id/"), "http://127.0.0.1:8808")
    graph = rdflib.Graph()
    for s, p, o, _ in to_rdflib(quads).quads():
        graph.add((s, p, o))
    conforms, found = violations(graph, shapes)
    assert found == [] and conforms
    built = build(tmp_path / "built", example_path, [])
    assert graph.value(DATASET, VOID.triples) == description(built).value(DATASET, VOID.triples)
    assert (DATASET, PROV.wasDerivedFrom, None) in graph and (DATASET, DCTERMS.source, None) not in graph


def test_the_whole_written_file_conforms_too(built: dict[str, rdflib.Dataset], shapes: rdflib.Graph) -> None:
    """A portal validates what it downloads, not the description alone: the data and the ontology
    beside it (concept schemes with their titles, every classification concept with a label)."""
    graph = rdflib.Graph()
    for s, p, o, _ in built["no options"].quads():
        graph.add((s, p, o))
    conforms, found = violations(graph, shapes)
    assert found == [] and conforms
