"""The persistent corpus store: one named graph per disclosure, idempotent, all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.cli import cli
from kg.errors import MappingError
from kg.rdf import terms
from kg.rdf.iris import is_valid_iri
from kg.rdf.rdfio import RdfError, ntriples_term
from kg.store.ingest import StoreError, expand_inputs, ingest, open_store
from kg.store.query import OxigraphEngine, run_query


def variant(example_path: Path, folder: Path, unit: str, year: int) -> Path:
    """The example as if published by another unit in another year."""
    text = example_path.read_text(encoding="utf-8").replace("623001-", f"{unit}-").replace("(2026年度)", f"({year}年度)")
    path = folder / f"{unit}_{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def satisfaction_indicators(store_dir: Path) -> set[str]:
    """The indicator names satisfaction-at-least finds in a store."""
    result = run_query("satisfaction-at-least", OxigraphEngine(open_store(store_dir)))
    column = result.variables.index("indicator")
    return {str(row[column].value) for row in result.rows}


@pytest.fixture()
def corpus(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "corpus" / "nested"
    folder.mkdir(parents=True)
    for unit, year in (("623001", 2026), ("623002", 2026), ("623001", 2025)):
        variant(example_path, folder, unit, year)
    (folder / "notes.md").write_text("not a disclosure", encoding="utf-8")
    return tmp_path / "corpus"


def graphs(store_dir: Path) -> set[str]:
    return {g.value for g in open_store(store_dir).named_graphs()}


def test_a_folder_is_loaded_one_graph_per_disclosure(tmp_path: Path, corpus: Path) -> None:
    report = ingest(tmp_path / "store", [corpus], workers=2)
    assert len(report.loaded) == 3 and report.failed == []
    base = "https://w3id.org/cnbudget/id/graph/"
    assert graphs(tmp_path / "store") == {
        "https://w3id.org/cnbudget/ontology", base + "110105/623001/2026", base + "110105/623002/2026", base + "110105/623001/2025",
    }
    engine = OxigraphEngine(open_store(tmp_path / "store"))
    assert len(run_query("satisfaction-at-least", engine).rows) == 3 * 31
    assert len(run_query("department-summary", engine).rows) == 3


def test_the_triples_said_loaded_are_the_graphs(tmp_path: Path, example_path: Path) -> None:
    """The count `kg build --store` prints is what each graph holds: the example's was one more (its root's
    dct:source written twice), a page printed twice 78 more (its project's statements twice)."""
    twice = Path(__file__).parent / "data" / "constructed-cases" / "beijing_page_printed_twice.txt"
    report = ingest(tmp_path / "store", [example_path, twice], workers=1, allow_partial=True)
    store = open_store(tmp_path / "store")
    for loaded in report.loaded:
        held = next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{loaded.graph}> {{ ?s ?p ?o }} }}")))
        assert loaded.triples == int(held[0].value), loaded.path
    assert len(report.loaded) == 2


def test_the_same_document_again_is_loaded_once_and_a_changed_one_only_with_replace(tmp_path: Path, corpus: Path) -> None:
    store_dir = tmp_path / "store"
    ingest(store_dir, [corpus], workers=1)
    before = len(open_store(store_dir))
    document = corpus / "nested" / "623002_2026.txt"
    report = ingest(store_dir, [document], workers=1)
    assert (len(report.loaded), [Path(d.path).name for d in report.unchanged], report.failed) == (0, ["623002_2026.txt"], [])
    assert len(open_store(store_dir)) == before
    # Another document with the same region, unit and year is refused, and the store keeps the first.
    document.write_text(document.read_text(encoding="utf-8").replace("受益群众满意度", "群众满意率"), encoding="utf-8")
    report = ingest(store_dir, [document], workers=1)
    (refused,) = report.failed
    assert "a different document with the same region, unit and year" in (refused.error or "") and "--replace" in (refused.error or "")
    names = satisfaction_indicators(store_dir)
    assert "群众满意率" not in names and len(open_store(store_dir)) == before
    # With --replace the later document wins: the old triples are gone.
    report = ingest(store_dir, [document], workers=1, replace=True)
    assert report.replaced == [report.loaded[0].graph] and report.failed == []
    names = satisfaction_indicators(store_dir)
    assert "群众满意率" in names and len(open_store(store_dir)) == before


def test_a_partial_document_is_refused_and_never_replaces_a_complete_one(tmp_path: Path, example_path: Path) -> None:
    store_dir = tmp_path / "store"
    ingest(store_dir, [example_path], workers=1)
    before = len(open_store(store_dir))
    partial = tmp_path / "partial.txt"  # a 表12 row of no known shape: a line with data skipped
    text = example_path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "受益群众满意度" in line)
    partial.write_text(text.replace(row, row.replace("≥", "约"), 1), encoding="utf-8")
    (refused,) = ingest(store_dir, [partial], workers=1, replace=True).failed
    assert "read only in part" in (refused.error or "") and "--allow-partial" in (refused.error or "")
    (refused,) = ingest(store_dir, [partial], workers=1, replace=True, allow_partial=True).failed
    assert "does not replace the complete document in the store" in (refused.error or "")
    assert len(open_store(store_dir)) == before
    # Accepted where nothing complete is stored: the graph says it was read only in part.
    report = ingest(tmp_path / "other", [partial], workers=1, allow_partial=True)
    assert len(report.loaded) == 1
    reasons = list(open_store(tmp_path / "other").quads_for_pattern(None, ox.NamedNode(terms.partialReason), None, None))
    assert len(reasons) == 1 and "skipped" in reasons[0].object.value


def test_failures_are_reported_and_the_rest_loaded(tmp_path: Path, corpus: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    (corpus / "truncated.txt").write_text("预算表12 年度项目支出绩效表\n\n", encoding="utf-8")
    report = ingest(tmp_path / "store", [corpus], workers=2)
    assert len(report.loaded) == 3
    assert sorted(Path(f.path).name for f in report.failed) == ["broken.txt", "truncated.txt"]
    assert all(f.error and f.error.startswith(f.path) for f in report.failed)


def test_the_same_document_twice_in_one_run_loads_once(tmp_path: Path, example_path: Path) -> None:
    copy = tmp_path / "copy.txt"  # the same text in another encoding and with CRLF line ends
    copy.write_bytes(example_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    report = ingest(tmp_path / "store", [example_path, copy], workers=1)
    assert ([Path(d.path).name for d in report.loaded], [Path(d.path).name for d in report.unchanged]) == ([example_path.name], ["copy.txt"])
    assert report.replaced == [] and report.failed == []
    assert len(run_query("indicators", OxigraphEngine(open_store(tmp_path / "store"))).rows) == 215


def test_two_different_documents_with_one_identity_in_one_run(tmp_path: Path, example_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(example_path.read_text(encoding="utf-8").replace("受益群众满意度", "群众满意率"), encoding="utf-8")
    report = ingest(tmp_path / "store", [example_path, other], workers=1)
    assert [Path(d.path).name for d in report.loaded] == [example_path.name]
    assert "given earlier in this run" in (report.failed[0].error or "")
    report = ingest(tmp_path / "replaced", [example_path, other], workers=1, replace=True)
    assert len(report.loaded) == 2 and report.replaced == [report.loaded[0].graph]
    names = satisfaction_indicators(tmp_path / "replaced")
    assert "群众满意率" in names and "受益群众满意度" not in names


def test_a_failed_new_store_leaves_nothing_behind(tmp_path: Path, corpus: Path) -> None:
    def interrupt(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(tmp_path / "store", [corpus], workers=1, progress=interrupt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def test_a_new_store_is_closed_before_it_takes_its_name(tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store left open while its folder is renamed goes on writing (compactions, its manifest)
    under the old name and fails there; RocksDB locks a store it has open, so opening it must work."""
    renamed: list[Path] = []
    rename = Path.rename

    def rename_closed(self: Path, target: Path) -> Path:
        ox.Store(str(self))  # raises OSError while another Store of this process holds the lock
        renamed.append(self)
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", rename_closed)
    ingest(tmp_path / "store", [corpus], workers=1)
    assert len(renamed) == 1 and (tmp_path / "store").is_dir()


def test_a_folder_of_other_files_is_not_made_a_store(tmp_path: Path, corpus: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme").write_text("hi", encoding="utf-8")
    with pytest.raises(StoreError, match="notes: a folder of other files, not a kg store"):
        ingest(folder, [corpus], workers=1)
    assert [p.name for p in folder.iterdir()] == ["readme"]
    with pytest.raises(StoreError, match="notes: no kg store here"):
        open_store(folder)


def test_inputs_expand_globs_and_refuse_missing_paths(corpus: Path) -> None:
    assert [p.name for p in expand_inputs([str(corpus / "**" / "*_2026.txt")])] == ["623001_2026.txt", "623002_2026.txt"]
    with pytest.raises(StoreError, match="no such file or folder"):
        expand_inputs([corpus / "missing.txt"])
    with pytest.raises(StoreError, match="the pattern matches no file"):
        expand_inputs([str(corpus / "*.none")])


def test_opening_a_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no kg store here"):
        open_store(tmp_path / "nothing")


def test_cli_build_store_and_query_store(tmp_path: Path, corpus: Path) -> None:
    runner = CliRunner()
    store_dir = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store_dir), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "loaded 3 disclosure(s)" in result.output and "0 failed" in result.output
    out = runner.invoke(cli, ["query", "department-summary", "--store", str(store_dir), "-f", "csv"]).output
    assert [line.split(",")[:4] for line in out.splitlines()[1:]] == [
        ["110105", "623001", "北京市朝阳区人民政府大屯街道办事处", "2025"], ["110105", "623001", "北京市朝阳区人民政府大屯街道办事处", "2026"],
        ["110105", "623002", "北京市朝阳区人民政府大屯街道办事处", "2026"],
    ]
    usage = runner.invoke(cli, ["query", "indicators"])
    assert usage.exit_code == 2 and "give --data INPUT (one or more) or --store DIR, not both" in usage.output


@pytest.fixture(scope="module")
def corpus_docs(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> list[Path]:
    folder = tmp_path_factory.mktemp("docs")
    return [variant(example_path, folder, unit, year) for unit, year in (("623001", 2026), ("623002", 2026), ("623001", 2025))]


@pytest.fixture(scope="module")
def corpus_store(corpus_docs: list[Path]) -> Path:
    store_dir = corpus_docs[0].parent.parent / "corpus-store"
    ingest(store_dir, corpus_docs, workers=1)
    return store_dir


@pytest.mark.parametrize("name", sorted(__import__("kg.store.query", fromlist=["query"]).library()))
def test_a_store_answers_as_the_union_of_its_documents(corpus_store: Path, corpus_docs: list[Path], name: str) -> None:
    """A department is described in each of its documents' graphs; the union must not repeat rows."""
    from collections import Counter

    from kg.build import load_inputs
    from kg.store.results import render_result

    def rows(engine: OxigraphEngine) -> list[str]:
        return render_result(run_query(name, engine), "csv").splitlines()[1:]

    per_document = [rows(OxigraphEngine.from_quads(load_inputs([doc]).quads)) for doc in corpus_docs]
    corpus = rows(OxigraphEngine(open_store(corpus_store)))
    group = {"city-figures": "110100", "province-figures": "110000"}.get(name)
    if group:  # per city or province and year: the documents' district is one group, no department named
        years = sorted({doc.stem.split("_")[1] for doc in corpus_docs})
        assert [r.split(",")[:4] for r in corpus] == [[group, "", "", year] for year in years], name
        assert sum(int(r.split(",")[4]) for r in corpus) == len(corpus_docs), "each document's department counted once"
        return
    for doc, doc_rows in zip(corpus_docs, per_document):  # alone, a document names itself in every row
        unit, year = doc.stem.split("_")
        assert {tuple(r.split(",")[:4]) for r in doc_rows} <= {("110105", unit, "北京市朝阳区人民政府大屯街道办事处", year)}, name
    assert Counter(corpus) == sum((Counter(r) for r in per_document), Counter())


BASES = ["https://kg.example.org/unit/623001/2026/project/", "http://[::1]:8000/kg/"]  # a name, an IPv6 host


@given(
    st.sampled_from(BASES),
    st.one_of(st.text(max_size=16), st.text(st.characters(max_codepoint=127), max_size=16)),
)
@settings(max_examples=3000, deadline=None)
def test_every_iri_the_writer_accepts_oxigraph_accepts(base: str, tail: str) -> None:
    """The store bulk-loads kg's N-Quads without Oxigraph's IRI check (lenient), so the writer's
    own check must refuse everything Oxigraph would."""
    iri = base + tail
    if is_valid_iri(iri):
        ox.NamedNode(iri)  # raises ValueError on an IRI Oxigraph refuses
    else:
        with pytest.raises(RdfError, match="not a valid IRI"):
            ntriples_term(iri)


@pytest.mark.parametrize("base", BASES)
def test_the_writer_accepts_the_iris_kg_mints(base: str) -> None:
    assert is_valid_iri(base + "graph/110105/623001/2026") and is_valid_iri(base + "source/ab12#x")


def test_a_base_oxigraph_refuses_is_refused_before_loading(tmp_path: Path, corpus: Path) -> None:
    # the one base check (kg.rdf.iris.check_base) every command runs, the store's too
    with pytest.raises(MappingError, match="not a valid IRI"):
        ingest(tmp_path / "store", [corpus], base="https://kg.example.org:port/", workers=1)
    assert not (tmp_path / "store").exists()


def test_a_folder_is_searched_for_every_kind_kg_reads(tmp_path: Path) -> None:
    """Saved pages and Word documents in a folder are loaded like texts, PDFs and workbooks (they were
    passed over: loaded 0, exit 0)."""
    data = Path(__file__).parent / "data"
    folder = tmp_path / "forms"
    (folder / "pages").mkdir(parents=True)
    for source, name in ((data / "webpages" / "constructed-huangshi_2022_xiangmu-pifubiao.html", "pages/huangshi.HTML"),
                         (data / "webpages" / "constructed-jinzhai-kaifaqu_2021_xiangmu-shenbaobiao.mhtml", "jinzhai.mht"),
                         (data / "worddocs" / "constructed-guichi-tangxi_2022_xiangmu-zipingbiao.docx", "guichi.docx")):
        (folder / name).write_bytes(source.read_bytes())
    (folder / "notes.md").write_text("not a disclosure", encoding="utf-8")
    assert sorted(p.name for p in expand_inputs([folder])) == ["guichi.docx", "huangshi.HTML", "jinzhai.mht"]
    result = CliRunner().invoke(cli, ["build", "--store", str(tmp_path / "store"), str(folder)])
    assert result.exit_code == 0, result.output
    assert "loaded 3 disclosure(s)" in result.output


# A graph as an earlier kg mapped it: no counts, and no word that it has them.
EARLIER_KG = ("PREFIX kg: <https://w3id.org/cnbudget/ontology#> "
              "DELETE { GRAPH ?g { ?count ?p ?o } } WHERE { GRAPH ?g { ?count a kg:TargetValueCount ; ?p ?o } } ; "
              "DELETE WHERE { GRAPH ?g { ?source kg:targetsCounted ?counted } }")


def test_a_store_from_before_targets_were_counted_is_said_so(tmp_path: Path, corpus: Path, example_path: Path) -> None:
    """A store an earlier kg built holds no kg:TargetValueCount: the figures it gives say so, and
    documents of this kg are not put beside its own (theirs would be counted, its not)."""
    store_dir = tmp_path / "store"
    # a project form with no satisfaction target and no whole-project cost target: nothing to count
    uncounted = Path(__file__).parent / "data" / "layouts" / "ganzi-shijianju_2023_mubiaobiao-xlsxpreview-zhibiaoxingzhi.txt"
    assert not ingest(store_dir, [corpus, uncounted], workers=1).failed
    runner = CliRunner()
    current = runner.invoke(cli, ["query", "department-figures", "--store", str(store_dir), "-f", "csv"])
    assert current.exit_code == 0 and "warning" not in current.stderr
    assert len(list(open_store(store_dir).query("PREFIX kg: <https://w3id.org/cnbudget/ontology#> SELECT ?f WHERE { ?f a kg:ProjectForm }",
                                                use_default_graph_as_union=True))) == 1  # it is in the store, uncounted
    store = ox.Store(str(store_dir))  # as an earlier kg left it: the same documents, no counts
    store.update(EARLIER_KG)
    store.flush()
    del store
    figures = runner.invoke(cli, ["query", "department-figures", "--store", str(store_dir), "-f", "csv"])
    assert figures.exit_code == 0
    assert figures.stderr.startswith(f"{store_dir}: warning: 4 document(s) (https://w3id.org/cnbudget/id/") and (
        "were mapped by an earlier kg, which did not count targets (kg:TargetValueCount): these figures leave out their targets"
        in figures.stderr)
    listing = runner.invoke(cli, ["query", "indicators", "--store", str(store_dir), "-f", "csv"])
    assert listing.exit_code == 0 and listing.stderr == ""  # a query that reads no count
    before = {q for q in open_store(store_dir)}
    with pytest.raises(StoreError, match="4 document.s. .* were mapped by an earlier kg, .*; build the store again from its documents"):
        ingest(store_dir, [variant(example_path, tmp_path, "623009", 2026)], workers=1)
    assert {q for q in open_store(store_dir)} == before


def test_an_rdf_file_from_before_targets_were_counted_is_said_so(tmp_path: Path, example_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(example_path), "-o", str(tmp_path / "now.nq")]).exit_code == 0
    store = ox.Store()
    store.load(path=str(tmp_path / "now.nq"), format=ox.RdfFormat.N_QUADS)
    store.update(EARLIER_KG)
    store.dump(str(tmp_path / "earlier.nq"), format=ox.RdfFormat.N_QUADS)
    for name, warned in (("now.nq", False), ("earlier.nq", True)):
        result = runner.invoke(cli, ["query", "department-figures", "--data", str(tmp_path / name), "-f", "csv"])
        assert result.exit_code == 0 and ("were mapped by an earlier kg" in result.stderr) == warned, name
