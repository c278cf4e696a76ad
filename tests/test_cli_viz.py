"""`kg viz` and `kg stats` as a user runs them, on files and on a store."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_viz_writes_the_page(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "graph.html"
    result = run("viz", str(example_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}: 292 nodes, 526 edges\n"
    page = out.read_text(encoding="utf-8")
    assert "基层党组织服务群众" in page and "http://" not in page.split("<body", 1)[0].replace("http://www.w3.org", "")


def test_viz_focus_and_a_focus_that_matches_nothing(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "one.html"
    result = run("viz", str(example_path), "-o", str(out), "--focus", "11010523T000002085303")
    assert result.exit_code == 0 and "nodes" in result.output
    missing = run("viz", str(example_path), "-o", str(tmp_path / "x.html"), "--focus", "垃圾")
    assert missing.exit_code == 1 and missing.output.startswith("Error: focus '垃圾'") and "垃圾分类工作经费" in missing.output
    assert not (tmp_path / "x.html").exists()


def test_viz_and_stats_need_inputs_or_a_store(tmp_path: Path) -> None:
    for command in (["viz", "-o", str(tmp_path / "x.html")], ["stats"]):
        result = run(*command)
        assert result.exit_code == 2 and "give INPUT files or --store DIR, not both" in result.output


def test_stats_on_files_and_on_a_store(tmp_path: Path, example_path: Path) -> None:
    table = run("stats", str(example_path)).output
    assert table.startswith("counts by kind\n")
    data = json.loads(run("stats", str(example_path), "-f", "json").output)
    counts = {row["kind"]: row["nodes"] for row in data["counts by kind"]}
    assert counts == {"department": 1, "activity": 4, "project": 36, "tier1": 4, "tier2": 8, "indicator": 239}
    store = tmp_path / "store"
    assert run("build", str(example_path), "--store", str(store)).exit_code == 0
    from_store = json.loads(run("stats", "--store", str(store), "-f", "json").output)
    assert from_store["counts by kind"] == data["counts by kind"]


def test_stats_as_csv_is_one_table_with_its_section_first(example_path: Path) -> None:
    data = json.loads(run("stats", str(example_path), "-f", "json").output)
    rows = list(csv.DictReader(io.StringIO(run("stats", str(example_path), "-f", "csv").output)))
    assert [row["section"] for row in rows] == [name for name, section in data.items() for _ in section]
    assert {row["kind"]: row["nodes"] for row in rows if row["section"] == "counts by kind"} == {
        "department": "1", "activity": "4", "project": "36", "tier1": "4", "tier2": "8", "indicator": "239"}
    assert all(row["kind"] == "" for row in rows if row["section"] != "counts by kind")  # blank: not its column


def test_demo_writes_the_page_too(tmp_path: Path) -> None:
    result = run("demo", "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0, result.output
    assert f"Wrote the network page: {tmp_path / 'demo' / 'example.html'}" in result.output
    assert sorted(p.name for p in (tmp_path / "demo").iterdir()) == ["example.html", "example.jsonld", "example.ttl"]


def test_focused_and_overview_pages_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path, example_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the pages must not."""
    pages: dict[str, set[bytes]] = {"focus": set(), "overview": set()}
    for seed in ("1", "2", "3"):
        for kind, extra in (("focus", ["--focus", "基层政权和社区建设"]), ("overview", ["--max-nodes", "10"])):
            out = tmp_path / f"{kind}-{seed}.html"
            subprocess.run([sys.executable, "-m", "kg", "viz", str(example_path), "-o", str(out), *extra],
                           check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
            pages[kind].add(out.read_bytes())
    assert {kind: len(found) for kind, found in pages.items()} == {"focus": 1, "overview": 1}


def test_viz_of_a_store_of_several_districts_and_years_opens_on_the_map(tmp_path: Path, example_path: Path) -> None:
    from test_viz import page_data, write_corpus

    store = tmp_path / "store"
    assert run("build", *map(str, write_corpus(tmp_path / "corpus", example_path)), "--store", str(store)).exit_code == 0
    out = tmp_path / "corpus.html"
    result = run("viz", "--store", str(store), "-o", str(out), "--max-nodes", "500")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: 6 nodes, 5 edges; an overview of 5 departments")  # 北京市, 2 districts, 3 departments
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["initial"] == "overview-2026" and data["corpus"]["years"] == ["2025", "2026"]
