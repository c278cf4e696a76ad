"""kg store list / remove, and what kg build --store says about documents it did not load."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analyse.trace import trace
from kg.build import read_disclosure
from kg.cli import cli

GRAPH = "https://w3id.org/cnbudget/id/graph/110105/623001/2026"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_list_then_remove_a_document(tmp_path: Path, example_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run("build", str(example_path), "--store", store).exit_code == 0
    listed = run("store", "list", "--store", store, "-f", "csv")
    assert listed.exit_code == 0
    header, row = listed.stdout.splitlines()
    assert header == "region,unit_code,department,year,graph,file,sha256,partial_reasons"
    fields = row.split(",")
    assert fields[:6] == ["110105", "623001", "北京市朝阳区人民政府大屯街道办事处", "2026", GRAPH, example_path.name]
    assert fields[7] == "0"
    sha = fields[6]
    # A selector that names nothing is an error, and nothing changes.
    missing = run("store", "remove", sha[:8], "nope", "--store", store)
    assert missing.exit_code == 1 and "no document 'nope'" in missing.output
    short = run("store", "remove", sha[:4], "--store", store)  # a prefix too short to name a document
    assert short.exit_code == 1 and f"no document '{sha[:4]}' (a SHA-256 is given by its first 8 or more characters)" in short.output
    assert len(run("store", "list", "--store", store, "-f", "csv").stdout.splitlines()) == 2
    removed = run("store", "remove", sha[:8], "--store", store)
    assert removed.exit_code == 0 and f"removed {GRAPH}" in removed.stderr
    assert run("store", "list", "--store", store, "-f", "csv").stdout.splitlines() == [header]


def test_build_store_says_what_it_left_out_and_exits_1_on_a_refusal(tmp_path: Path, example_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run("build", str(example_path), "--store", store).exit_code == 0
    again = run("build", str(example_path), "--store", store)
    assert again.exit_code == 0
    assert f"already there: {example_path} is the document {GRAPH} holds; loaded once" in again.stderr
    changed = tmp_path / "changed.txt"
    changed.write_text(example_path.read_text(encoding="utf-8").replace("受益群众满意度", "群众满意率"), encoding="utf-8")
    refused = run("build", str(changed), "--store", store)
    assert refused.exit_code == 1
    assert "a different document with the same region, unit and year" in refused.stderr and "1 failed" in refused.stderr
    replaced = run("build", str(changed), "--store", store, "--replace")
    assert replaced.exit_code == 0 and f"replaced: {GRAPH}" in replaced.stderr


def test_trace_and_audit_read_a_store_and_name_each_rows_document(tmp_path: Path, example_path: Path) -> None:
    store = str(tmp_path / "store")
    assert run("build", str(example_path), "--store", store).exit_code == 0
    for command in ("trace", "audit"):
        result = run(command, "--store", store, "-f", "csv")
        assert result.exit_code == 0, result.output
        header, *rows = result.stdout.splitlines()
        assert header.startswith("region,unit_code,department,year,") and rows
        assert all(row.startswith("110105,623001,北京市朝阳区人民政府大屯街道办事处,2026,") for row in rows)
    assert run("trace", "--store", store, "--min-score", "0.5").exit_code == 2  # the links were inferred when loaded
    assert run("trace").exit_code == 2


def test_one_activitys_links_in_a_store_come_with_their_evidence(tmp_path: Path, example_path: Path) -> None:
    """`kg trace --store` printed no evidence and refused --activity. With it, the activity's links come
    with every sentence of evidence stored for them: the sentences kg trace prints from the document.
    The example's 综合治理 (line 513) has a cost target 社会治安综合治理成本 ≤ 50.56 万元 (line 519), and its
    project 11010523T000001977421 社会治安综合治理中心工作经费 shares that name."""
    store = str(tmp_path / "store")
    assert run("build", str(example_path), "--store", store).exit_code == 0
    result = run("trace", "--store", store, "--activity", "综合治理", "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    traced = trace(read_disclosure(example_path), activity="综合治理")
    assert sorted((r["project_code"], r["evidence"]) for r in rows) == sorted((link.project, e.text) for link in traced.links for e in link.evidence)
    assert {r["activity"] for r in rows} == {"综合治理"} and {r["status"] for r in rows} == {"inferred"}
    assert any(r["project_code"] == "11010523T000001977421" and "社会治安综合治理成本 (line 519)" in r["evidence"] for r in rows)
    assert run("trace", "--store", store, "--activity", "综合治理").stdout.count("社会治安综合治理中心工作经费") == sum(
        1 for r in rows if r["project_code"] == "11010523T000001977421")
    # A name no stored activity has: an error, as kg trace FILE --activity says, and no table.
    unknown = run("trace", "--store", store, "--activity", "无此活动")
    assert unknown.exit_code == 1 and unknown.stdout == "" and "no links of an activity '无此活动' in the store" in unknown.stderr


@pytest.mark.slow
def test_audit_and_trace_print_the_same_columns_from_a_store_as_from_the_document(tmp_path: Path, example_path: Path) -> None:
    """The same rows, whether read from the PDF or from a store it was loaded into: audit's pages
    right after the lines, trace's kinds of evidence (the store keeps no order of the sentences,
    so the evidence column is the document's alone)."""
    pdf = str(example_path.with_suffix(".pdf"))
    store = str(tmp_path / "store")
    assert run("build", pdf, "--store", store).exit_code == 0
    from_pdf, from_store = (run("audit", *source, "-f", "csv").stdout for source in ([pdf], ["--store", store]))
    assert from_store == from_pdf
    traced, stored = (list(csv.DictReader(io.StringIO(run("trace", *source, "-f", "csv").stdout))) for source in ([pdf], ["--store", store]))
    assert [{k: v for k, v in row.items() if k != "evidence"} for row in traced] == stored


def test_list_names_a_forms_region_department_and_year(tmp_path: Path) -> None:
    """A self-evaluation form (not a budget) is listed with what it prints: 濉溪县民政局's 2019
    form names its department ("[155]濉溪县民政局", a county of code 340621) and year (2019年度)."""
    form = Path(__file__).parent / "data" / "layouts" / "suixi_2019_linshijiuzhu-zipingbiao.txt"
    store = str(tmp_path / "store")
    assert run("build", str(form), "--store", store, "--allow-partial").exit_code == 0  # it ends mid-table
    header, row = run("store", "list", "--store", store, "-f", "csv").stdout.splitlines()
    columns = dict(zip(header.split(","), row.split(",")))
    assert (columns["region"], columns["department"], columns["year"]) == ("340621", "濉溪县民政局", "2019")
    assert columns["file"] == form.name


def test_a_run_that_loads_nothing_writes_no_store(tmp_path: Path) -> None:
    """Every document refused: no new store holding the ontology alone (a later run took it for a store
    of these documents), a non-zero exit, and the summary says no store was written."""
    notice = tmp_path / "notice.txt"
    notice.write_text("会议通知\n请各单位准时参加。\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run("build", str(notice), "--store", str(store))
    assert result.exit_code == 1 and not store.exists()
    assert f"loaded 0 disclosure(s), 0 triples, no store written at {store};" in result.stderr


def test_a_forms_refusal_names_what_its_identity_is(tmp_path: Path) -> None:
    """Another self-evaluation of the same project (93% → 94% reported) is refused as a document of the same
    region, unit, year, kind and project: "the same region, unit and year" left the kind and project out,
    and the budget of that year loads beside it."""
    evaluation = Path(__file__).parent / "data" / "self-evaluation-beijing-2026.txt"
    changed = tmp_path / "self-evaluation-changed.txt"
    changed.write_text(evaluation.read_text(encoding="utf-8").replace("\t93%\t", "\t94%\t"), encoding="utf-8")
    store = str(tmp_path / "store")
    assert run("build", str(evaluation), "--store", store).exit_code == 0
    refused = run("build", str(changed), "--store", store)
    assert refused.exit_code == 1
    assert "a different document with the same region, unit, year, kind (self-evaluation) and project (" in refused.stderr
