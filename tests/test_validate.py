from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import load_inputs
from kg.cli import cli
from kg.rdf import terms as kg
from kg.rdf.iris import DEFAULT_BASE
from kg.rdf.quads import Literal
from kg.rdf.validate import validate_quads

PROJECT = DEFAULT_BASE + "unit/110105/623001/2026/project/11010523T000002085303"


@pytest.fixture(scope="module")
def quads(example_path: Path) -> list:
    return load_inputs([example_path]).quads


def test_the_example_conforms(quads: list) -> None:
    report = validate_quads(quads)
    assert report.conforms and report.violations == ()


def test_a_broken_graph_names_focus_nodes_and_source_lines(quads: list) -> None:
    indicators = [o for s, p, o, _ in quads if s == PROJECT and p == kg.hasTarget]
    lines = {s: int(o.value) for s, p, o, _ in quads if p == kg.sourceLine and isinstance(o, Literal)}
    quantitative = next(i for i in indicators if any(s == i and p == kg.targetValue for s, p, _, _ in quads))
    broken = [
        q for q in quads
        if not (q[0] == quantitative and q[1] == kg.targetValue)  # a ≥ target without its value
        and not (q[0] == PROJECT and q[1] == kg.projectCode)  # a project without its code
    ]
    broken.append((indicators[0], kg.tier, kg.NS + "NotATier", quads[0][3]))  # a second, wrong tier
    report = validate_quads(broken)
    assert not report.conforms
    found = {(v.focus, v.path, v.source_line) for v in report.violations}
    assert (quantitative, None, lines[quantitative]) in found
    assert (PROJECT, "kg:projectCode", 339) in found
    assert (indicators[0], "kg:tier", lines[indicators[0]]) in found
    assert {v.focus for v in report.violations} == {quantitative, PROJECT, indicators[0]}
    assert all(v.severity == "sh:Violation" and v.message for v in report.violations)


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["validate", *args])


def test_validate_command_on_text_and_on_the_built_turtle(tmp_path: Path, example_path: Path) -> None:
    assert run(str(example_path)).exit_code == 0
    out = tmp_path / "out.ttl"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(out)]).exit_code == 0
    result = run(str(out))
    assert result.exit_code == 0 and "conforms: 0 violations" in result.output


def test_validate_command_reports_each_violation_on_one_line(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "out.nt"
    assert CliRunner().invoke(cli, ["build", str(example_path), "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    code_triple = next(line for line in text.splitlines() if line.startswith(f"<{PROJECT}> <{kg.projectCode}>"))
    out.write_text(text.replace(code_triple + "\n", ""), encoding="utf-8")
    result = run(str(out), "-f", "csv")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "severity,table,line,focus,path,message,value"
    assert lines[1].startswith(f"sh:Violation,12,339,{PROJECT},kg:projectCode,")
    # and the document's own misprint (line 432: 1 + 1 against a total of 1), a warning that does not fail it
    assert lines[2].startswith("sh:Warning,12,432,") and len(lines) == 4
    assert lines[-1] == "does not conform: 1 violation(s), 1 warning(s)"


def test_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = run(str(bad))
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: turtle syntax error")
