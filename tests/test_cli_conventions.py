"""The conventions users bring from csvkit, sqlite-utils and Oxigraph's CLI: `-` for stdin and
stdout, -e for a query's text, JSON Lines rows, counts on stderr, and nothing lost quietly."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from builders import QUALITY, QUANTITY, disclosure, project, row
from click.testing import CliRunner, Result

from kg.cli import QUERY_FORMATS, RDF_FORMATS, cli
from kg.output import Rows, fitted_widths, render_jsonl, render_table

EXAMPLE_DOCUMENT = {"region": "110105", "unit_code": "623001", "department": "北京市朝阳区人民政府大屯街道办事处", "year": "2026"}
PARTIAL = disclosure(["某某项目\t10.000000\t10.000000\t\t目标。\t" + QUANTITY, row(QUALITY)])  # 表12 rows, no project
PARTIAL_WHY = "read only in part: 表12 holds 2 row(s) with data (lines 7, 8) but no project was read from it"


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line, parse_float=Decimal) for line in text.splitlines()]


@pytest.fixture(scope="module")
def partial(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("partial") / "partial.txt"
    path.write_text(PARTIAL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> Path:
    out = tmp_path_factory.mktemp("built") / "out.ttl"
    assert run("build", str(example_path), "-o", str(out)).exit_code == 0
    return out


# ---- - for stdin and stdout -----------------------------------------------------------------


def test_parse_reads_stdin(example_path: Path) -> None:
    piped = run("parse", "-", "-f", "csv", stdin=example_path.read_bytes())
    assert piped.exit_code == 0, piped.output
    assert piped.stdout == run("parse", str(example_path), "-f", "csv").stdout


def test_build_reads_stdin_and_writes_stdout_in_the_format_named(example_path: Path) -> None:
    result = run("build", "-", "-o", "-", "--format", "nt", stdin=example_path.read_bytes())
    assert result.exit_code == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout_bytes, format="nt")
    assert result.stderr == f"wrote standard output ({len(graph)} triples)\n"
    assert any("基层党组织服务群众" in str(o) for o in graph.objects())


def test_build_writes_a_file_and_stdout_together(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run("build", str(example_path), "-o", str(out), "-o", "-", "-f", "ttl")
    assert result.exit_code == 0, result.stderr
    assert rdflib.Graph().parse(data=result.stdout, format="turtle").isomorphic(rdflib.Graph().parse(out))


@pytest.mark.parametrize("args, message", [
    (["-o", "-"], "-o - writes to standard output: name its format with --format (ttl, nt, jsonld, trig, nq)"),
    (["-o", "x.ttl", "-f", "nt"], "--format names the format of -o - (standard output); a file's format follows its extension"),
    (["-o", "-", "-o", "-", "-f", "nt"], "-o - (standard output) can be given only once"),
    (["--store", "s"], "--store loads files and folders, not - (standard input): give -o to build from stdin"),
    (["-o", "x.ttl", "--replace"], "--replace is about a --store"),
])
def test_build_output_mistakes_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["build", "-", *args], input=b"x")
    assert result.exit_code == 2 and message in result.stderr


def test_the_rdf_formats_are_the_extensions_kg_build_writes() -> None:
    from kg.rdf.rdfio import WRITTEN_EXTENSIONS
    from kg.store.results import RESULT_FORMATS

    assert tuple(f".{name}" for name in RDF_FORMATS) == WRITTEN_EXTENSIONS
    assert QUERY_FORMATS == RESULT_FORMATS


def test_stdin_is_read_once(example_path: Path) -> None:
    twice = run("audit", "-", "-", stdin=example_path.read_bytes())
    assert twice.exit_code == 2 and "- (standard input) can be read only once" in twice.stderr
    both = run("query", "-", "--data", "-", stdin=example_path.read_bytes())
    assert both.exit_code == 2 and "standard input holds the query or the data, not both" in both.stderr


def test_query_text_from_e_and_from_stdin(built: Path) -> None:
    text = "SELECT (COUNT(?p) AS ?projects) WHERE { ?p a <https://w3id.org/cnbudget/ontology#BudgetProject> }"
    given = run("query", "-e", text, "--data", str(built), "-f", "jsonl")
    assert given.exit_code == 0, given.output
    assert jsonl(given.stdout) == [{"projects": 36}]
    piped = run("query", "-", "--data", str(built), "-f", "jsonl", stdin=text.encode())
    assert piped.stdout == given.stdout
    wrong = run("query", "-e", "SELECT nonsense", "--data", str(built))
    assert wrong.exit_code == 1 and wrong.stderr.startswith("Error: -e: SPARQL syntax error")
    for args in ([], ["projects", "-e", text]):
        neither = run("query", *args, "--data", str(built))
        assert neither.exit_code == 2 and "give one query: NAME, FILE.rq, - (read from stdin) or -e SPARQL" in neither.stderr


def test_query_data_from_stdin(example_path: Path) -> None:
    result = run("query", "satisfaction-at-least", "--data", "-", "-f", "csv", stdin=example_path.read_bytes())
    assert result.exit_code == 0, result.output
    assert result.stdout == run("query", "satisfaction-at-least", "--data", str(example_path), "-f", "csv").stdout



@pytest.mark.parametrize("fmt", ["nt", "ttl", "trig", "nq", "jsonld"])
def test_graph_data_from_stdin_may_be_rdf(example_path: Path, fmt: str) -> None:
    """`kg build … -o - | kg query … --data -`: RDF on standard input, told by how it begins, was read as a
    disclosure's text and refused (found no 预算表12 …)."""
    graph = run("build", str(example_path), "-o", "-", "-f", fmt).stdout_bytes
    result = run("query", "satisfaction-at-least", "--data", "-", "-f", "csv", stdin=graph)
    assert result.exit_code == 0, result.output
    assert result.stdout == run("query", "satisfaction-at-least", "--data", str(example_path), "-f", "csv").stdout
    # a text whose first line begins <附件:…> is no IRI (no ASCII scheme): a disclosure, read as before
    from kg.rdf.rdfio import rdf_text

    assert rdf_text("<附件:2023年项目支出绩效目标表>\n".encode(), "-") is None
    assert rdf_text(b'<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE rdf:RDF>\n<rdf:RDF>', "-") is not None
    broken = run("query", "projects", "--data", "-", stdin=b"<http://ex.org/a> <http://ex.org/b> .\n")
    assert broken.exit_code == 1 and broken.stderr.startswith("Error: <stdin>: n-quads or trig syntax error"), broken.stderr

# ---- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_rows_are_flat_objects_with_exact_numbers() -> None:
    rows = Rows(["name", "amount", "count", "empty"], [["a\nb", Decimal("18985.336217000"), 3, None], ["“引号”", Decimal("1E+3"), 0, "x"]])
    text = render_jsonl(rows)
    assert text == '{"name":"a\\nb","amount":18985.336217,"count":3,"empty":null}\n{"name":"“引号”","amount":1000,"count":0,"empty":"x"}\n'
    assert jsonl(text)[0]["amount"] == Decimal("18985.336217")


def test_jsonl_from_every_command_that_prints_rows(example_path: Path, built: Path) -> None:
    counts = jsonl(run("parse", str(example_path), "-f", "jsonl").stdout)
    assert counts[0] == {"what": "projects", "count": 36}
    text = ("PREFIX kg: <https://w3id.org/cnbudget/ontology#> SELECT ?project ?code ?total (COUNT(?i) AS ?indicators) "
            "WHERE { ?project kg:projectCode ?code ; kg:totalAmount ?total ; kg:hasTarget ?i . "
            "FILTER(?code = \"11010526T000003777929\") } GROUP BY ?project ?code ?total")
    (project,) = jsonl(run("query", "-e", text, "--data", str(built), "-f", "jsonl").stdout)
    assert project["project"].startswith("https://") and project["project"].endswith("/project/11010526T000003777929")
    assert {k: project[k] for k in ("code", "total", "indicators")} == {"code": "11010526T000003777929", "total": Decimal("419.901145"), "indicators": 6}
    findings = jsonl(run("audit", str(example_path), "-f", "jsonl").stdout)
    assert list(findings[0])[:6] == ["region", "unit_code", "department", "year", "severity", "check"]
    assert {k: findings[0][k] for k in EXAMPLE_DOCUMENT} == EXAMPLE_DOCUMENT
    links = jsonl(run("trace", str(example_path), "-f", "jsonl").stdout)
    assert list(links[0]) == [*EXAMPLE_DOCUMENT, "activity", "project_code", "project_name", "score", "status", "methods", "evidence"]
    assert links[0]["methods"] == "cost name text"  # its evidence: the cost target, the indicator's name, the texts
    assert links[0]["score"] == Decimal("1.375")
    stats = jsonl(run("stats", str(built), "-f", "jsonl").stdout)
    assert {"section": "counts by kind", "kind": "project", "label": "预算项目", "nodes": 36} in stats
    assert jsonl(run("queries", "-f", "jsonl").stdout)[0].keys() == {"name", "title", "parameters"}


# ---- audit and trace: the document first, counts on stderr -----------------------------------


def test_audit_names_the_document_and_counts_on_stderr(example_path: Path) -> None:
    result = run("audit", str(example_path), "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "region,unit_code,department,year,severity,check,tables,lines,expected,found,message,explanation"
    assert result.stdout.splitlines()[1].startswith("110105,623001,北京市朝阳区人民政府大屯街道办事处,2026,warning,category-vs-fiscal,")
    assert result.stderr == "2 errors, 12 warnings, 2 info\n"
    assert run("audit", str(example_path), "--strict").exit_code == 1


def test_audit_of_several_documents(tmp_path: Path, example_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(example_path.read_text(encoding="utf-8").replace("623001-", "623009-"), encoding="utf-8")
    result = run("audit", str(example_path), str(other), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    findings = jsonl(result.stdout)
    assert [sum(1 for f in findings if f["unit_code"] == code) for code in ("623001", "623009")] == [16, 16]
    assert result.stderr == "4 errors, 24 warnings, 4 info in 2 documents\n"


def test_audit_table_is_never_cut_when_piped(example_path: Path) -> None:
    table = run("audit", str(example_path)).stdout
    assert "the printed 基本支出 and 项目支出 totals (line 105) add up to 18,985.336217, as the rows do;" in table
    assert "…" not in table


def test_a_table_fitted_to_a_terminal() -> None:
    assert fitted_widths([10, 50, 80], 200) == [10, 50, 80]
    assert fitted_widths([10, 50, 80], 64) == [10, 25, 25]  # 60 columns for the cells, 4 between them
    rows = Rows(["a", "long"], [["x", "很长的文字" * 20], ["y", "short"]])
    lines = render_table(rows, max_width=None, width=40).splitlines()
    assert max(len(line) + sum(1 for ch in line if ord(ch) > 0x2e80) for line in lines) <= 40
    assert lines[2].endswith("…") and lines[3] == "y  short"


def test_trace_of_two_documents(tmp_path: Path, example_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(example_path.read_text(encoding="utf-8").replace("623001-", "623009-"), encoding="utf-8")
    rows = jsonl(run("trace", str(example_path), str(other), "-f", "jsonl").stdout)
    assert [sum(1 for r in rows if r["unit_code"] == code) for code in ("623001", "623009")] == [len(rows) // 2] * 2
    text = run("trace", str(example_path), str(other), "--activity", "综合治理").stdout
    assert text.count("活动 综合治理") == 2
    assert f"\n{other}: 北京市朝阳区人民政府大屯街道办事处 (unit 623009, 2026, region 110105)\n\n活动 " in text
    links = tmp_path / "links.toml"
    links.write_text('[[link]]\nactivity = "综合治理"\nproject = "11010523T000002085303"\nstatus = "confirmed"\n', encoding="utf-8")
    reviewed = run("trace", str(example_path), str(other), "--links", str(links))
    assert reviewed.exit_code == 1 and "--links applies to one disclosure, but 2 disclosure text files were given" in reviewed.stderr


# ---- nothing lost quietly ---------------------------------------------------------------------


def test_warnings_reach_stderr_one_line_each(tmp_path: Path, example_path: Path) -> None:
    lines = example_path.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "junk.txt"
    path.write_text("\n".join(lines[:300] + ["\t\t\t\t额外的目标文字"] + lines[300:]), encoding="utf-8")
    result = run("parse", str(path), "--allow-partial")
    assert result.exit_code == 0
    assert result.stderr == f"{path}:301: warning: 表12 text '额外的目标文字' on a page that already shows its project's text: not joined\n"
    whole = tmp_path / "whole.txt"  # read whole, with a warning: told, and accepted
    whole.write_text(disclosure([project("11010522T000000416226", "项目", "10.000000\t10.000000\t", "目标。", QUANTITY)]), encoding="utf-8")
    built = run("build", str(whole), "-o", str(tmp_path / "whole.ttl"))
    assert built.exit_code == 0
    assert built.stderr.splitlines()[0] == f"{whole}: warning: no unit code (a cell like 623001-单位名称) anywhere in the document"


def test_a_partial_document_is_refused_unless_allowed(partial: Path, tmp_path: Path) -> None:
    parsed = run("parse", str(partial))
    assert parsed.exit_code == 1
    assert "projects                         0" in parsed.stdout  # what was read is still shown
    assert f"{partial}:7: warning: 表12 row of no known shape" in parsed.stderr
    assert parsed.stderr.splitlines()[-1] == (
        f"Error: {partial}: {PARTIAL_WHY}; `kg parse {partial} -f json` shows what was skipped, --allow-partial accepts it"
    )
    assert run("parse", str(partial), "--allow-partial").exit_code == 0
    out = tmp_path / "partial.ttl"
    assert run("build", str(partial), "-o", str(out)).exit_code == 1 and not out.exists()
    assert run("build", str(partial), "-o", str(out), "--allow-partial").exit_code == 0 and out.exists()
    for command in (["query", "projects", "--data", str(partial)], ["audit", str(partial)], ["trace", str(partial)],
                    ["viz", str(partial), "-o", str(tmp_path / "p.html")], ["stats", str(partial)]):
        refused = run(*command)
        assert refused.exit_code == 1 and PARTIAL_WHY in refused.stderr, command
        assert run(*command, "--allow-partial").exit_code == 0, command
    validated = run("validate", str(partial))
    assert validated.exit_code == 2 and PARTIAL_WHY in validated.stderr
    from_stdin = run("parse", "-", stdin=PARTIAL.encode())
    assert "`kg parse - -f json` (the same text on stdin)" in from_stdin.stderr and from_stdin.exit_code == 1


def test_build_store_exits_1_when_a_document_failed(tmp_path: Path, example_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_bytes(example_path.read_bytes())
    (folder / "broken.txt").write_text("just some text\n", encoding="utf-8")
    result = run("build", str(folder), "--store", str(tmp_path / "store"), "--workers", "1")
    assert result.exit_code == 1
    assert f"failed: {folder / 'broken.txt'}:1: " in result.stderr
    assert "loaded 1 disclosure(s)" in result.stderr and "; 0 already there; 1 failed;" in result.stderr
    again = run("build", str(folder / "good.txt"), "--store", str(tmp_path / "store"), "--workers", "1")
    assert again.exit_code == 0 and "loaded 0 disclosure(s), 0 triples" in again.stderr and "; 1 already there; 0 failed;" in again.stderr


def test_build_store_takes_the_reader_options(tmp_path: Path, partial: Path) -> None:
    refused = run("build", str(partial), "--store", str(tmp_path / "store"), "--workers", "1")
    assert refused.exit_code == 1 and f"failed: {partial}: read only in part" in refused.stderr
    accepted = run("build", str(partial), "--store", str(tmp_path / "store"), "--workers", "1", "--allow-partial", "--region", "110105")
    assert accepted.exit_code == 0 and "loaded 1 disclosure(s)" in accepted.stderr


def test_region_option(example_path: Path) -> None:
    data = json.loads(run("parse", str(example_path), "--region", "110105", "-f", "json").stdout)
    assert data["region"]["code"] == "110105" and data["region"]["method"] == "option"
    wrong = run("parse", str(example_path), "--region", "999999")
    assert wrong.exit_code == 1 and wrong.stderr.startswith("Error: --region '999999' is not a GB/T 2260 code kg knows")


def test_build_store_replaces_a_document_only_with_replace(tmp_path: Path, example_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run("build", str(example_path), "--store", store, "--workers", "1").exit_code == 0
    changed = tmp_path / "changed.txt"
    changed.write_text(example_path.read_text(encoding="utf-8").replace("受益群众满意度", "群众满意率"), encoding="utf-8")
    refused = run("build", str(changed), "--store", store, "--workers", "1")
    assert refused.exit_code == 1 and "--replace loads this one instead" in refused.stderr
    replaced = run("build", str(changed), "--store", store, "--workers", "1", "--replace")
    assert replaced.exit_code == 0 and "replaced: https://w3id.org/cnbudget/id/graph/110105/623001/2026: " in replaced.stderr


def test_a_dash_output_is_standard_output_or_refused(tmp_path: Path, example_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o -` is standard output where one file is written (kg viz's page); where a command writes a folder
    of files (docs, synth, demo) it is refused, not taken for a folder named `-`."""
    monkeypatch.chdir(tmp_path)
    page = CliRunner().invoke(cli, ["viz", str(example_path), "-o", "-"])
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>") and "wrote standard output" in page.stderr
    for args in (["docs", "-o", "-"], ["synth", "1", "-o", "-"], ["demo", "--output", "-"]):
        refused = CliRunner().invoke(cli, args)
        assert refused.exit_code == 2 and "cannot hold them" in refused.output, args
    assert list(tmp_path.iterdir()) == []
    assert CliRunner().invoke(cli, ["synth", "1", "--output", "corpus"]).exit_code == 0 and (tmp_path / "corpus").is_dir()
