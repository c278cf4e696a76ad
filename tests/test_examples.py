"""examples/: the library example runs and prints what the library returns, and the generated
examples (sample.ttl, queries.md) match what the code produces now."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib

from kg.build import load_inputs
from kg.store.query import OxigraphEngine, library, run_query

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine(example_path: Path) -> OxigraphEngine:
    return OxigraphEngine.from_quads(load_inputs([example_path]).quads)


def _load_generator():
    spec = importlib.util.spec_from_file_location("gen_examples", ROOT / "scripts" / "gen_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_library_example_prints_both_results_and_draws_the_tier_tree(tmp_path: Path, engine: OxigraphEngine) -> None:
    figure = tmp_path / "tiers.svg"
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "library_example.py"), str(figure)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    satisfaction = run_query("satisfaction-at-least", engine, {"threshold": "95"})
    per_tier = run_query("indicators-per-tier", engine)
    assert satisfaction.rows and per_tier.rows
    assert f"== satisfaction-at-least (threshold 95): {len(satisfaction.rows)} rows" in lines
    assert f"== indicators-per-tier: {len(per_tier.rows)} rows" in lines
    # The example's first 95% satisfaction target: 公益事业经费(体制), line 279 of the document.
    assert "110105\t623001\t北京市朝阳区人民政府大屯街道办事处\t2026\tproject\t11010522T000000416232\t公益事业经费(体制)\t受益群众满意度\t≥\t95\t%\t279" in lines
    for row in per_tier.rows:
        assert "\t".join("" if t is None else t.value for t in row) in lines
    assert lines[-1] == f"figure: {figure}"
    svg = ET.parse(figure).getroot()
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    tier2 = per_tier.variables.index("tier2")
    count = per_tier.variables.index("indicators")
    for row in per_tier.rows:
        assert f"{row[tier2].value} ({row[count].value})" in texts


def test_generated_examples_are_up_to_date() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_examples.py"), "--check"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def test_the_check_fails_when_an_example_drifts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gen = _load_generator()
    for name in ("SAMPLE", "QUERIES"):
        copy = tmp_path / getattr(gen, name).name
        copy.write_bytes(getattr(gen, name).read_bytes())
        monkeypatch.setattr(gen, name, copy)
    monkeypatch.setattr(gen, "ROOT", tmp_path)
    assert gen.main(["--check"]) == 0
    gen.QUERIES.write_text(gen.QUERIES.read_text(encoding="utf-8").replace("| 279 |", "| 280 |", 1), encoding="utf-8")
    assert gen.main(["--check"]) == 1


def test_sample_is_a_cut_of_the_built_graph(example_path: Path) -> None:
    from kg.rdf.dataset import DatasetOptions
    from kg.rdf.iris import DEFAULT_BASE

    sample = rdflib.Graph().parse(ROOT / "examples" / "sample.ttl", format="turtle")
    built = rdflib.Graph()
    quads = load_inputs([example_path]).with_metadata(DatasetOptions(base=DEFAULT_BASE, distributions=(("out.ttl", _turtle()),)))
    from tests.helpers import graph_of

    built = graph_of(quads)
    assert len(sample) > 50
    assert all(triple in built for triple in sample)
    kg = rdflib.Namespace("https://w3id.org/cnbudget/ontology#")
    (project,) = sample.subjects(rdflib.RDF.type, kg.BudgetProject)
    assert set(sample.objects(project, kg.hasTarget)) == set(built.objects(project, kg.hasTarget))


def test_queries_md_shows_every_library_query() -> None:
    text = (ROOT / "examples" / "queries.md").read_text(encoding="utf-8")
    for name, query in library().items():
        assert f"## {name}: {query.title}" in text
    assert "fails on the example" not in text


def _turtle():
    from kg.rdf.rdfio import FORMATS

    return next(f for f in FORMATS if f.name == "turtle")
