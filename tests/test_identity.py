"""Nothing counted twice: the same document given again — as text twice, or as text and the graph
built from it — answers every library query exactly as once, and kg says it read it once."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import load_inputs
from kg.cli import cli
from kg.errors import KgError
from kg.store.query import OxigraphEngine, library, run_query


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    """The example's graph as Turtle: no named graphs, so without the check its triples would stand
    in the union a second time beside the text's named graph."""
    out = tmp_path_factory.mktemp("identity") / "example.ttl"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(out)]).exit_code == 0
    return out


@pytest.fixture(scope="module")
def engines(example_path: Path, built: Path) -> dict[str, OxigraphEngine]:
    combinations = {"text": [example_path], "text twice": [example_path, example_path], "graph": [built],
                    "graph and text": [built, example_path], "text and graph": [example_path, built]}
    return {name: OxigraphEngine.from_quads(load_inputs(inputs).quads) for name, inputs in combinations.items()}


@pytest.mark.parametrize("name", sorted(library()))
def test_the_example_given_twice_answers_every_query_as_once(name: str, engines: dict[str, OxigraphEngine]) -> None:
    rows = {given: [tuple(map(str, row)) for row in run_query(name, engine).rows] for given, engine in engines.items()}
    assert rows["text twice"] == rows["text and graph"] == rows["text"]
    assert rows["graph and text"] == rows["graph"]


def test_a_second_copy_is_read_once_with_a_notice(tmp_path: Path, example_path: Path, built: Path) -> None:
    copy = tmp_path / "copy.txt"  # the same text, in GB18030 with CRLF line ends
    copy.write_bytes(example_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    loaded = load_inputs([example_path, copy, built])
    assert len(loaded.disclosures) == 1
    assert loaded.notices == [f"{copy}: the same document as {example_path}; read once",
                              f"{built}: the same document(s) as {example_path}; read once"]
    result = CliRunner().invoke(cli, ["query", "department-summary", "--data", str(example_path), "--data", str(copy), "-f", "csv"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    assert f"{copy}: the same document as {example_path}; read once" in result.stderr


def test_a_graph_holding_the_document_and_others_is_refused(tmp_path: Path, example_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(example_path.read_text(encoding="utf-8").replace("623001-", "623002-"), encoding="utf-8")
    both = tmp_path / "both.trig"
    assert CliRunner().invoke(cli, ["build", str(example_path), str(other), "-o", str(both)]).exit_code == 0
    with pytest.raises(KgError, match="holds 1 of its 2 documents in another input too"):
        load_inputs([example_path, both])
