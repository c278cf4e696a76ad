import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from helpers import assert_isomorphic, graph_of

from kg.build import load_inputs, write_graph
from kg.cli import cli
from kg.rdf.dataset import DatasetOptions
from kg.rdf.rdfio import format_of, read_rdf

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("built")
    paths = {ext: out / f"example.{ext}" for ext in ("ttl", "nt", "jsonld", "trig", "nq")}
    result = CliRunner().invoke(cli, ["build", str(example_path), *[a for p in paths.values() for a in ("-o", str(p))]])
    assert result.exit_code == 0, result.output
    return paths


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_every_format_round_trips_to_the_built_graph(built: dict[str, Path], example_path: Path, ext: str) -> None:
    expected = load_inputs([example_path]).with_metadata(
        DatasetOptions(base="https://w3id.org/cnbudget/id/", distributions=[(p.name, format_of(p)) for p in built.values()])
    )
    assert_isomorphic(graph_of(expected), graph_of(read_rdf(built[ext])))


def test_named_graphs_in_trig(built: dict[str, Path]) -> None:
    graphs = {g for *_, g in read_rdf(built["trig"])}
    assert graphs == {None, "https://w3id.org/cnbudget/ontology", "https://w3id.org/cnbudget/id/graph/110105/623001/2026"}


def test_dataset_description(built: dict[str, Path]) -> None:
    g = rdflib.Graph().parse(built["ttl"])
    (ds,) = [s for s in g.subjects(rdflib.RDF.type, DCAT.Dataset) if (s, rdflib.PROV.wasGeneratedBy, None) in g]  # the data's, not the ontology's
    assert (ds, rdflib.RDF.type, VOID.Dataset) in g
    assert {l.language for l in g.objects(ds, rdflib.DCTERMS.title)} == {"zh", "en"}
    # Nothing kg cannot know: no licence, dates or publisher unless given (tests/test_dcat_ap.py),
    # and the department is the creator of the source document, not the publisher of the RDF.
    for predicate in (rdflib.DCTERMS.license, rdflib.DCTERMS.issued, rdflib.DCTERMS.modified, rdflib.DCTERMS.publisher):
        assert g.value(ds, predicate) is None, predicate
    source = g.value(ds, rdflib.PROV.wasDerivedFrom)
    assert str(source).startswith("https://w3id.org/cnbudget/id/source/")
    assert g.value(source, rdflib.DCTERMS.creator) == rdflib.URIRef("https://w3id.org/cnbudget/id/unit/110105/623001")
    period = g.value(ds, rdflib.DCTERMS.temporal)
    assert str(g.value(period, DCAT.startDate)) == "2026-01-01" and str(g.value(period, DCAT.endDate)) == "2026-12-31"
    # Without --download-base the files have no known address, and DCAT-AP requires one of a distribution.
    assert list(g.objects(ds, DCAT.distribution)) == []
    described = int(g.value(ds, VOID.triples))
    data = {(s, p, o) for s, p, o, c in rdflib.Dataset().parse(built["nq"]).quads() if c is not None and str(c).startswith("https://w3id.org/cnbudget/id/graph/")}
    assert described == len(data)  # the disclosure's named graph only: not the ontology, not the description
    vocabularies = {str(v) for v in g.objects(ds, VOID.vocabulary)}
    assert {"https://w3id.org/cnbudget/ontology#", "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/"} <= vocabularies


def test_jsonld_has_an_inline_context_only(built: dict[str, Path]) -> None:
    data = json.loads(built["jsonld"].read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict)
    assert data["@context"]["kg"] == "https://w3id.org/cnbudget/ontology#"
    assert "http" not in json.dumps(data["@context"]).replace('"http', "")  # no remote context URL as a value


def test_building_twice_gives_identical_bytes_across_processes(tmp_path: Path, example_path: Path) -> None:
    for name in ("out.ttl", "out.jsonld", "out.trig"):
        outputs = []
        for seed in ("1", "2"):
            out = tmp_path / seed / name
            env = {**os.environ, "PYTHONHASHSEED": seed}
            subprocess.run([sys.executable, "-m", "kg", "build", str(example_path), "-o", str(out)], check=True, env=env, capture_output=True)
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], name


@pytest.mark.parametrize("ext, syntax", [("ttl", "turtle"), ("nt", "ntriples"), ("trig", "trig"), ("nq", "nquads")])
def test_a_strict_parser_accepts_the_output(built: dict[str, Path], ext: str, syntax: str) -> None:
    """rapper (Raptor) is strict about IRIs, literals and language tags."""
    result = subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(built[ext])], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_options_set_the_description(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "o.ttl"
    result = CliRunner().invoke(cli, [
        "build", str(example_path), "-o", str(out), "--base", "https://data.example.org/b/", "--issued", "2026-03-31",
        "--license", "https://example.org/licence", "--download-base", "https://data.example.org/files/",
    ])
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(out)
    (ds,) = [s for s in g.subjects(rdflib.RDF.type, DCAT.Dataset) if (s, rdflib.PROV.wasGeneratedBy, None) in g]  # the data's, not the ontology's
    assert str(ds) == "https://data.example.org/b/unit/110105/623001/2026/dataset"
    assert g.value(ds, rdflib.DCTERMS.issued) == rdflib.Literal("2026-03-31", datatype=rdflib.XSD.date)
    assert str(g.value(ds, rdflib.DCTERMS.license)) == "https://example.org/licence"
    assert str(g.value(ds, VOID.dataDump)) == "https://data.example.org/files/o.ttl"
    (dist,) = g.objects(ds, DCAT.distribution)
    assert str(g.value(dist, DCAT.mediaType)) == "https://www.iana.org/assignments/media-types/text/turtle"
    assert str(g.value(dist, DCAT.downloadURL)) == str(g.value(dist, DCAT.accessURL)) == "https://data.example.org/files/o.ttl"


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/x.txt"], "cannot tell the format to write from the extension"),
        (["-o", "{tmp}/x.ttl", "--issued", "March"], "--issued 'March' must be a year"),
        (["-o", "{tmp}/x.ttl", "--issued", "2026-13-45"], "--issued '2026-13-45' is not a day of the calendar"),
        (["-o", "{tmp}/x.ttl", "--modified", "2026-02-29"], "--modified '2026-02-29' is not a day of the calendar"),
        (["-o", "{tmp}/x.ttl", "--base", "nope"], "--base 'nope' must be an absolute http(s) IRI"),
        # an authority no RDF store takes (a port of letters, two userinfos): was a traceback from the writer
        (["-o", "{tmp}/x.ttl", "--base", "http://example.org:abc/"], "--base 'http://example.org:abc/' is not a valid IRI"),
        (["-o", "{tmp}/x.ttl", "--base", "http://a@b@c/"], "--base 'http://a@b@c/' is not a valid IRI"),
        (["--store", "{tmp}/file.txt/store"], "file.txt: cannot make the folder"),
    ],
)
def test_bad_options_write_nothing(tmp_path: Path, example_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("a file where a folder is asked for", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(example_path), *[a.format(tmp=tmp_path) for a in args]])
    assert result.exit_code == 1
    assert message in result.output and result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_a_bad_input_writes_nothing_and_keeps_the_previous_output(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "out.ttl"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(out)]).exit_code == 0
    before = out.read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_text("not a disclosure", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(example_path), str(bad), "-o", str(out)])
    assert result.exit_code == 1 and f"{bad}:1: found no 预算表12 or 预算13表 heading" in result.output
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out.ttl"]


def test_write_graph_is_all_or_nothing(tmp_path: Path, example_path: Path) -> None:
    quads = load_inputs([example_path]).quads
    with pytest.raises(Exception):
        write_graph(quads, [tmp_path / "a.ttl", tmp_path / "b.unknown"])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("second", ["text", "rdf"])
def test_two_documents_with_one_identity_are_refused_not_merged(tmp_path: Path, example_path: Path, second: str) -> None:
    """Another document with the example's region, unit and year (one amount changed) would be
    merged into the same budget and double every count: exit 1, nothing written, whether it comes
    as text or as the Turtle kg build wrote of it."""
    changed = tmp_path / "changed.txt"
    changed.write_text(example_path.read_text(encoding="utf-8").replace("308.720000", "308.730000", 1), encoding="utf-8")
    other = changed
    if second == "rdf":
        other = tmp_path / "changed.ttl"
        assert CliRunner().invoke(cli, ["build", str(changed), "-o", str(other)]).exit_code == 0
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["build", str(example_path), str(other), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.output == (f"Error: {other}: a different document with the same region, unit and year as {example_path} "
                             "(https://w3id.org/cnbudget/id/unit/110105/623001/2026); give one of them (a store keeps the later with --replace)\n")


def test_rdf_whose_iris_have_no_slash_is_rebuilt(tmp_path: Path) -> None:
    """A predicate <a:b> or <urn:x:y> (no / or #): its namespace was the empty string, which the dataset
    description gave as void:vocabulary and Oxigraph refused with a traceback."""
    source = tmp_path / "in.nt"
    source.write_text("<http://ex.org/a> <a:b> <http://ex.org/c> .\n<http://ex.org/a> <urn:x:y> \"v\" .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(source), "-o", "-", "-f", "nt"])
    assert result.exit_code == 0, result.output
    vocabularies = {line.split()[2] for line in result.stdout.splitlines() if "void#vocabulary" in line}
    assert {"<a:>", "<urn:x:>"} <= vocabularies and "<>" not in vocabularies
