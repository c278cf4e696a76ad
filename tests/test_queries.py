"""Each library query on the example, on both engines, with results a reader can check."""

from __future__ import annotations

import importlib.util
import io
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib
from builders import QUANTITY, disclosure, project, row
from click.testing import CliRunner
from rdflib.query import Result

from kg.build import load_inputs
from kg.cli import cli
from kg.errors import QueryError
from kg.numbers import plain
from kg.records import Disclosure
from kg.store.query import OxigraphEngine, QueryResult, RdflibEngine, library, load_query, parse_query_file, run_query
from kg.store.results import render_result


ROOT = Path(__file__).resolve().parents[1]
DOCUMENT_COLUMNS = ["region", "unit_code", "department", "year"]  # first in every library query: the row's document
EXAMPLE_DOCUMENT = {"region": "110105", "unit_code": "623001", "department": "北京市朝阳区人民政府大屯街道办事处", "year": "2026"}


def both_engines(quads: list) -> dict[str, object]:
    """The same quads behind each engine the library queries must agree on."""
    return {"oxigraph": OxigraphEngine.from_quads(quads), "rdflib": RdflibEngine(quads)}


@pytest.fixture(scope="module")
def engines(example_path: Path) -> dict[str, object]:
    return both_engines(load_inputs([example_path]).quads)


@pytest.fixture(scope="module")
def ox(engines: dict) -> OxigraphEngine:
    return engines["oxigraph"]


def values(result: QueryResult) -> list[dict[str, str]]:
    """Rows as {variable: value as printed in CSV}."""
    return [dict(zip(result.variables, row)) for row in _csv_rows(result)]


def _csv_rows(result: QueryResult) -> list[list[str]]:
    import csv

    return list(csv.reader(io.StringIO(render_result(result, "csv"))))[1:]


def test_the_library_has_at_least_ten_documented_queries() -> None:
    queries = library()
    assert len(queries) >= 10
    for q in queries.values():
        assert q.title and q.title != q.name and q.description, q.name


def _gen_queries():
    spec = importlib.util.spec_from_file_location("gen_queries", ROOT / "scripts" / "gen_queries.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_every_copy_of_a_shared_block_is_its_current_text() -> None:
    """What several queries share (whose each row is, the figures' counts) has one home in
    queries/blocks/; the queries hold copies that scripts/gen_queries.py writes."""
    gen = _gen_queries()
    assert gen.stale() == {}
    used = {name for path in (ROOT / "queries").glob("*.rq")
            for name in gen.with_blocks(path.read_text(encoding="utf-8"), gen.blocks()).blocks}
    assert used == set(gen.blocks()), "every block is used"


def test_a_copy_edited_alone_or_a_block_changed_alone_is_found(tmp_path: Path) -> None:
    gen = _gen_queries()
    folder = tmp_path / "queries"
    shutil.copytree(ROOT / "queries", folder)
    query = folder / "indicators.rq"
    query.write_text(query.read_text(encoding="utf-8").replace("OPTIONAL { ?root kg:budgetYear ?year }",
                                                               "OPTIONAL { ?root kg:year ?year }"), encoding="utf-8")
    assert list(gen.stale(folder)) == [query]
    block = folder / "blocks" / "target-counts.rq"
    block.write_text(block.read_text(encoding="utf-8").replace("?x_N < 0.01", "?x_N < 0.001"), encoding="utf-8")
    fixed = gen.stale(folder)
    assert [p.name for p in fixed] == ["city-figures.rq", "department-figures.rq", "indicators.rq", "province-figures.rq"]
    per_copy = block.read_text(encoding="utf-8").count("?x_N < 0.001")
    for copy in ("?x_1 < 0.001", "?x_3 < 0.001", "?x_5 < 0.001"):  # each copy numbered as its marker says
        assert fixed[folder / "city-figures.rq"].count(copy) == per_copy, copy


def test_a_block_inside_a_block_is_numbered_by_its_copy_and_its_slot_filled_by_the_query() -> None:
    """The figures' median reads the counts five times (figure-values N=1 … 5, each holding its own
    target-counts and group key); the group key is the query's: a department, a city, a province."""
    gen = _gen_queries()
    shared = {"outer": "{\n  # ---- block inner N=2: x ----\n  # ---- end of block inner ----\n}",
              "inner": "?a_N kg:p ?b_N .\n# ---- block slot-key N=N: x ----\n# ---- end of block slot-key ----",
              "city-key": "BIND(SUBSTR(?r_N, 1, 4) AS ?key_N)"}
    text = "\n".join([gen.start_marker("outer", "", None, " slot-key=city-key"), "# ---- end of block outer ----"])
    copy = gen.with_blocks(text, shared)
    assert "?a_2 kg:p ?b_2 ." in copy.text and "BIND(SUBSTR(?r_2, 1, 4) AS ?key_2)" in copy.text
    assert gen.start_marker("city-key", "", "2") in copy.text  # the query shows which block filled the slot
    assert copy.blocks == ("outer", "inner", "city-key")
    assert gen.with_blocks(copy.text, shared).text == copy.text  # a copy is its own fixed point
    looped = {"a": "x\n# ---- block b: x ----\n# ---- end of block b ----", "b": "# ---- block a: x ----\n# ---- end of block a ----"}
    with pytest.raises(gen.BlockError, match="block 'a' holds itself: a → b → a"):
        gen.with_blocks("\n".join([gen.start_marker("a"), "# ---- end of block a ----"]), looped)
    for marker in ("slot-key=city_key", "x1=y", "x=a-b"):  # neither a variable's name nor a block's, whole
        with pytest.raises(gen.BlockError, match=f"'{marker}' is neither"):
            gen.with_blocks("\n".join([gen.start_marker("outer", "", None, f" {marker}"), "# ---- end of block outer ----"]), shared)
    with pytest.raises(gen.BlockError, match="no block 'slot-key'"):
        gen.with_blocks("\n".join([gen.start_marker("outer"), "# ---- end of block outer ----"]), shared)
    for kind, key in (("department", "BIND(?dept_5 AS ?key_5)"), ("city", "1, 4) AS ?key_5)"), ("province", "1, 2) AS ?key_5)")):
        assert key in (ROOT / "queries" / f"{kind}-figures.rq").read_text(encoding="utf-8"), kind


def test_a_block_names_a_variable_as_the_query_does() -> None:
    """The stand-aside rule reads ?owner; a listing names its project ?project, a figure's copy ?p_3."""
    gen = _gen_queries()
    block = "FILTER NOT EXISTS { ?owner kg:sameProjectAs ?described_N . ?owners kg:x ?owner_name }"
    assert gen.copied(block, None, " owner=project") == "FILTER NOT EXISTS { ?project kg:sameProjectAs ?described_N . ?owners kg:x ?owner_name }"
    assert gen.copied(block, "3", " owner=p_N") == "FILTER NOT EXISTS { ?p_3 kg:sameProjectAs ?described_3 . ?owners kg:x ?owner_name }"
    text = "\n".join([gen.start_marker("stands-aside", "  ", "2", " owner=previous_owner"), "  # ---- end of block stands-aside ----"])
    copy = gen.with_blocks(text, {"stands-aside": block})
    assert "?previous_owner kg:sameProjectAs ?described_2" in copy.text and copy.text.startswith(gen.start_marker("stands-aside", "  ", "2", " owner=previous_owner"))


def test_a_store_from_before_documents_stated_their_region_names_it_by_the_department(example_path: Path) -> None:
    """A document states its region (dct:spatial) since this version; one loaded before only
    through its department: the rows of both name the region."""
    quads = [q for q in load_inputs([example_path]).quads if q[1] != "http://purl.org/dc/terms/spatial"]
    for name in ("documents", "indicators", "units"):
        rows = values(run_query(name, OxigraphEngine.from_quads(quads)))
        assert rows and {r["region"] for r in rows} == {"110105"}, name


@pytest.mark.parametrize("name", sorted(library()))
def test_every_row_names_its_document(ox: OxigraphEngine, name: str) -> None:
    """Every library query starts with the same four columns, and on the example each row names it
    (a figure per city or province names the city or province, and its year). On Oxigraph: that rdflib
    gives the same rows is test_both_engines_give_the_same_rows."""
    group = {"city-figures": "110100", "province-figures": "110000"}.get(name)
    expected = {**EXAMPLE_DOCUMENT, "region": group, "unit_code": "", "department": ""} if group else EXAMPLE_DOCUMENT
    result = run_query(name, ox)
    assert result.variables[:4] == DOCUMENT_COLUMNS, name
    rows = values(result)
    assert [{k: r[k] for k in DOCUMENT_COLUMNS} for r in rows] == [expected] * len(rows), name


@pytest.mark.parametrize("name", sorted(library()))
def test_both_engines_give_the_same_rows(engines: dict, name: str) -> None:
    results = {key: render_result(run_query(name, engine), "csv") for key, engine in engines.items()}
    assert results["oxigraph"] == results["rdflib"]
    # One document has no earlier year (tests/test_across_years.py) and no self-evaluation (tests/test_national.py).
    if name not in ("target-changes", "activity-target-changes", "amount-changes", "targets-missed", "restated-targets", "unlinked-forms"):
        assert results["oxigraph"].count("\r\n") > 1, "the query returns rows on the example"


def test_indicators_are_all_215_rows_of_table_12(ox: OxigraphEngine, example: Disclosure) -> None:
    result = run_query("indicators", ox)
    assert result.variables == [*DOCUMENT_COLUMNS, "project_code", "project_name", "tier1", "tier2", "indicator", "comparator", "value", "unit", "source_line", "source_page"]
    rows = values(result)
    expected = [
        {
            **EXAMPLE_DOCUMENT, "project_code": p.code, "project_name": p.name, "tier1": i.tier1, "tier2": i.tier2, "indicator": i.name,
            "comparator": i.comparator, "value": plain(i.value) if i.value is not None else i.value_text,
            "unit": i.unit or "", "source_line": str(i.line), "source_page": "",  # a page only for a PDF (tests/test_pdf.py)
        }
        for p in example.projects for i in p.indicators
    ]
    assert rows == sorted(expected, key=lambda r: int(r["source_line"]))
    by_line = {r["source_line"]: r for r in rows}
    assert by_line["292"]["value"] == "1000" and by_line["475"]["value"] == "29.78"
    assert by_line["270"]["value"] == "各领域基层党组织作用发挥成效明显" and by_line["270"]["comparator"] == "定性"


def test_activity_indicators(ox: OxigraphEngine) -> None:
    rows = values(run_query("activity-indicators", ox))
    assert len(rows) == 24
    assert rows[0] == {**EXAMPLE_DOCUMENT, "activity": "基层政权和社区建设", "tier1": "产出指标", "tier2": "数量指标", "indicator": "辖区党支部数量",
                       "comparator": "≥", "value": "130", "unit": "个", "source_line": "507"}
    assert (rows[-1]["source_line"], rows[-1]["value"], rows[-1]["unit"]) == ("531", "325", "万元")  # the last line, with no final newline


def test_projects(ox: OxigraphEngine) -> None:
    rows = {r["project_code"]: r for r in values(run_query("projects", ox))}
    assert len(rows) == 36
    assert (rows["11010526T000003770132"]["total_wan"], rows["11010526T000003770132"]["fiscal_wan"]) == ("29.778", "29.778")
    assert (rows["11010524T000003131920"]["fiscal_wan"], rows["11010524T000003131920"]["other_wan"]) == ("", "0.4")
    assert rows["11010522T000000416236"]["goal"].startswith("保障2026年公共道路保洁")


def test_satisfaction_at_least(ox: OxigraphEngine) -> None:
    at_95 = values(run_query("satisfaction-at-least", ox))
    assert len(at_95) == 31 and {r["kind"] for r in at_95} == {"project"}
    assert all(Decimal(r["value"]) >= 95 and r["unit"] == "%" for r in at_95)
    at_90 = values(run_query("satisfaction-at-least", ox, {"threshold": "90"}))
    assert len(at_90) == 40
    assert sorted(r["name"] for r in at_90 if r["kind"] == "activity") == sorted(["基层政权和社区建设", "综合治理", "城乡社区环境卫生", "社会建设"])
    assert len(values(run_query("satisfaction-at-least", ox, {"threshold": "100.5"}))) == 0


def test_projects_without_cost_target(ox: OxigraphEngine) -> None:
    rows = values(run_query("projects-without-cost-target", ox))
    assert [(r["project_code"], r["indicators"]) for r in rows] == [("11010522T000000485205", "5")]


def test_cost_target_vs_budget(ox: OxigraphEngine) -> None:
    rows = {r["source_line"]: r for r in values(run_query("cost-target-vs-budget", ox))}
    assert len(rows) == 30  # 38 cost targets, less the 5 per person or item, less 3 in activities
    assert (rows["489"]["target_wan"], rows["489"]["amount_wan"], rows["489"]["difference_wan"]) == ("511.4", "419.901145", "91.498855")
    assert (rows["325"]["target"], rows["325"]["unit"], rows["325"]["target_wan"], rows["325"]["difference_wan"]) == ("5000", "元/年", "0.5", "-0.5")
    assert rows["274"]["difference_wan"] == "0"  # 3087200 元/年 is 308.72 万元
    assert "331" not in rows and "391" not in rows  # 元/人: not comparable with the project total


def test_indicators_per_tier(ox: OxigraphEngine) -> None:
    rows = values(run_query("indicators-per-tier", ox))
    counts = {r["tier2"]: (int(r["project_indicators"]), int(r["activity_indicators"])) for r in rows}
    assert counts["数量指标"] == (36, 4) and counts["可持续影响指标"] == (3, 0) and counts["社会成本指标"] == (0, 1)
    assert sum(p for p, _ in counts.values()) == 215 and sum(a for _, a in counts.values()) == 24
    assert [r["tier_code"] for r in rows] == sorted(r["tier_code"] for r in rows)


def test_qualitative_targets(ox: OxigraphEngine, example: Disclosure) -> None:
    rows = values(run_query("qualitative-targets", ox))
    assert len(rows) == 60
    assert sum(1 for r in rows if r["kind"] == "activity") == 12
    assert {**EXAMPLE_DOCUMENT, "kind": "project", "code": "11010522T000000486198", "name": "独生子女父母奖励", "tier2": "社会效益指标",
            "indicator": "落实计生奖励和经济帮助", "target_text": "保障独生子女家庭合法权益", "source_line": "313"} in rows


def test_department_summary(ox: OxigraphEngine) -> None:
    (row,) = values(run_query("department-summary", ox))
    assert row == {
        **EXAMPLE_DOCUMENT, "total_wan": "18985.336217", "fiscal_total_wan": "18982.836217", "fiscal_basic_wan": "6349.210009",
        "fiscal_project_wan": "12633.626208", "other_total_wan": "2.5", "other_basic_wan": "2.5", "projects": "36",
        "project_amounts_wan": "4478.080808", "activities": "4", "indicators": "239",
    }


def test_project_indicators_by_code(ox: OxigraphEngine) -> None:
    assert [r["source_line"] for r in values(run_query("project-indicators", ox))] == ["339", "340", "341", "342", "343", "344"]
    rows = values(run_query("project-indicators", ox, {"code": "11010522T000000416236"}))
    assert [r["source_line"] for r in rows] == ["282", "283", "286", "287", "288", "289", "290"]


def test_page_break_decisions(ox: OxigraphEngine) -> None:
    rows = values(run_query("page-break-decisions", ox))
    assert len({r["first_line"] for r in rows}) == 9
    assert len(rows) == 7 + 6 + 5 + 8 + 7 + 5 + 5 + 5 + 5
    assert any(r["first_line"] == "278" and r["evidence"].startswith("line 284 (text only) → 11010522T000000416236") for r in rows)


def test_units(ox: OxigraphEngine) -> None:
    rows = {r["unit_text"]: r for r in values(run_query("units", ox))}
    assert rows["%"]["unit"] == "http://qudt.org/vocab/unit/PERCENT" and rows["%"]["indicators"] == "62"
    assert rows["万元/每项目"]["yuan_per_unit"] == "10000"
    assert all(r["unit"] for text, r in rows.items() if text != "月"), "every unit of the example is in ontology/units.ttl"
    # The example's 33 targets in 月 are each read as a month of the year (kg:deadline, no kg:unit):
    # the query reports the unit kg mapped, not one the printed text could have meant (it said
    # unit:MO, a number of months, which the graph never states).
    deadlines = ox.select("PREFIX kg: <https://w3id.org/cnbudget/ontology#> SELECT ?t WHERE { GRAPH ?g { ?t kg:deadline ?d ; kg:unitText \"月\" } }", {})
    assert (rows["月"]["unit"], rows["月"]["indicators"]) == ("", str(len(deadlines.rows))) == ("", "33")


def test_units_maps_a_unit_printed_in_traditional_characters(tmp_path: Path) -> None:
    """A form printing 萬元 and 戶: the graph links them to kgu:WanYuan and kgu:Household (unit_of
    reads them in Simplified form), but `units` joined the printed text to the ontology's printed
    forms and showed them unmapped."""
    path = tmp_path / "trad.txt"
    path.write_text("項目支出績效目標表\n(2024年度)\n項目名稱\t道路養護\n實施單位\t110105-北京市朝阳区某街道\n"
                    "一級指標\t二級指標\t三級指標\t指標值\n產出指標\t數量指標\t受益農戶\t≥120戶\n"
                    "成本指標\t經濟成本指標\t項目總成本\t≤240萬元\n", encoding="utf-8")
    quads = load_inputs([path]).quads
    for name, engine in both_engines(quads).items():
        rows = {r["unit_text"]: (r["unit"], r["yuan_per_unit"], r["indicators"]) for r in values(run_query("units", engine))}
        assert rows == {"戶": ("https://w3id.org/cnbudget/unit/Household", "", "1"),
                        "萬元": ("https://w3id.org/cnbudget/unit/WanYuan", "10000", "1")}, name


def test_repeated_and_missing_indicator_kinds(ox: OxigraphEngine) -> None:
    repeated = [(r["project_code"][-6:], r["tier2"], r["first_line"], r["last_line"]) for r in values(run_query("repeated-indicator-kinds", ox))]
    assert repeated == [("416226", "数量指标", "271", "276"), ("416236", "数量指标", "286", "287")]
    missing = [(r["project_code"][-6:], r["missing"]) for r in values(run_query("missing-indicator-kinds", ox))]
    assert missing == [("416232", "数量指标"), ("416304", "数量指标"), ("485205", "成本指标")]


# ---- result formats -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_w3c_result_formats_parse_back(ox: OxigraphEngine, fmt: str) -> None:
    """rdflib's parsers for the W3C SPARQL 1.1 result formats read what kg writes."""
    result = run_query("satisfaction-at-least", ox, {"threshold": "90"})
    text = render_result(result, fmt)
    parsed = Result.parse(io.StringIO(text) if fmt != "xml" else io.BytesIO(text.encode()), format=fmt)
    assert [str(v) for v in parsed.vars] == result.variables
    rows = list(parsed)
    assert len(rows) == 40
    first = dict(zip([str(v) for v in parsed.vars], rows[0]))
    assert str(first["indicator"]) == "受益群众满意度"
    if fmt in ("json", "xml", "tsv"):  # these keep datatypes and language tags
        assert first["value"] == rdflib.Literal("90", datatype=rdflib.XSD.decimal)
        assert first["name"] == rdflib.Literal("社区党建经费", lang="zh")


def test_tsv_escapes_and_csv_quotes(ox: OxigraphEngine) -> None:
    from kg.rdf.quads import Literal
    from kg.store.results import to_csv, to_tsv

    result = QueryResult(["a", "b"], [[Literal('say "hi"\tthere\nnow'), Literal("x,y", lang="zh")]])
    assert to_tsv(result) == '?a\t?b\n"say \\"hi\\"\\tthere\\nnow"\t"x,y"@zh\n'
    assert to_csv(result) == 'a,b\r\n"say ""hi""\tthere\nnow","x,y"\r\n'


# ---- parameters and errors ------------------------------------------------------------------


def test_parameters_are_bound_as_terms_never_spliced(ox: OxigraphEngine) -> None:
    hostile = '11010523T000002085303" } UNION { ?project ?p ?o'
    assert values(run_query("project-indicators", ox, {"code": hostile})) == []
    with pytest.raises(QueryError, match=r"--param threshold='95 } ; DROP' is not a valid xsd:decimal"):
        run_query("satisfaction-at-least", ox, {"threshold": "95 } ; DROP"})
    with pytest.raises(QueryError, match=r"has no parameter 'nope' \(it takes threshold\)"):
        run_query("satisfaction-at-least", ox, {"nope": "1"})


def test_limit_drops_the_order_and_keeps_n_rows(ox: OxigraphEngine) -> None:
    assert len(run_query("indicators", ox, limit=5).rows) == 5
    assert len(run_query("indicators", ox, limit=0).rows) == 0
    assert "ORDER BY" not in __import__("kg.store.query", fromlist=["query"]).limited(load_query("indicators").text, 5)


def test_query_files_must_declare_params_they_use(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="declares param 'x' that the query never uses"):
        parse_query_file("# param: x xsd:decimal 1\nSELECT * WHERE { ?s ?p ?o }", "q")
    with pytest.raises(QueryError, match="bad param header"):
        parse_query_file("# param: x float 1\nSELECT * WHERE { ?s ?p ?x }", "q")


# ---- the command ----------------------------------------------------------------------------


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_query_command_csv(example_path: Path) -> None:
    result = run("query", "satisfaction-at-least", "--data", str(example_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "region,unit_code,department,year,kind,code,name,indicator,comparator,value,unit,source_line"
    assert len(lines) == 1 + 31
    assert lines[1] == "110105,623001,北京市朝阳区人民政府大屯街道办事处,2026,project,11010522T000000416232,公益事业经费(体制),受益群众满意度,≥,95,%,279"
    more = run("query", "satisfaction-at-least", "--data", str(example_path), "-f", "csv", "--param", "threshold=90")
    assert len(more.output.splitlines()) == 1 + 40


def test_query_command_on_a_built_rdf_file_and_a_query_file(tmp_path: Path, example_path: Path) -> None:
    out = tmp_path / "g.ttl"
    assert run("build", str(example_path), "-o", str(out)).exit_code == 0
    query = tmp_path / "count.rq"
    query.write_text("PREFIX kg: <https://w3id.org/cnbudget/ontology#>\nSELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:BudgetProject }\n", encoding="utf-8")
    result = run("query", str(query), "--data", str(out), "-f", "tsv")
    assert result.output == "?n\n36\n"
    assert run("query", str(query), "--data", str(out), "--engine", "rdflib", "-f", "tsv").output == "?n\n36\n"


ASK_PROJECT = "PREFIX kg: <https://w3id.org/cnbudget/ontology#> ASK {{ ?p kg:projectCode \"{code}\" }}"
CONSTRUCT_CODES = ("PREFIX kg: <https://w3id.org/cnbudget/ontology#> CONSTRUCT { ?p kg:projectCode ?c } "
                   "WHERE { ?p a kg:BudgetProject ; kg:projectCode ?c ; kg:goal ?g . FILTER(CONTAINS(?g, \"垃圾分类\")) }")


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_query_answers_ask_and_construct_as_well_as_select(example_path: Path, engine: str) -> None:
    """kg query took SELECT only ("only SELECT queries are supported here"): an ASK prints its answer (the
    W3C JSON and XML forms on request), a CONSTRUCT its triples as rows, or as RDF with -f ttl, nt or jsonld."""
    data = ["--data", str(example_path), "--engine", engine]
    assert run("query", "-e", ASK_PROJECT.format(code="11010522T000000416232"), *data).output == "true\n"
    assert run("query", "-e", ASK_PROJECT.format(code="11010522T000000000000"), *data).output == "false\n"
    assert run("query", "-e", ASK_PROJECT.format(code="11010522T000000416232"), *data, "-f", "json").output == '{"head": {}, "boolean": true}\n'
    assert "<boolean>false</boolean>" in run("query", "-e", ASK_PROJECT.format(code="x"), *data, "-f", "xml").output
    # the projects whose goal names 垃圾分类: line 489's 垃圾分类工作经费 (its code printed 11010526T00000377 7929), no other
    rows = run("query", "-e", CONSTRUCT_CODES, *data, "-f", "csv").output.splitlines()
    assert rows[0] == "subject,predicate,object" and len(rows) == 2
    assert rows[1].endswith(",https://w3id.org/cnbudget/ontology#projectCode,11010526T000003777929")
    turtle = run("query", "-e", CONSTRUCT_CODES, *data, "-f", "ttl").output
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert {(str(s), str(o)) for s, _, o in graph} == {(rows[1].split(",")[0], "11010526T000003777929")}
    assert len(rdflib.Graph().parse(data=run("query", "-e", CONSTRUCT_CODES, *data, "-f", "jsonld").output, format="json-ld")) == 1
    for args, message in ((["-e", CONSTRUCT_CODES, "-f", "json"], "use --format jsonld"),
                          (["satisfaction-at-least", "-f", "ttl"], "--format ttl is for CONSTRUCT and DESCRIBE")):
        refused = run("query", *args, *data)
        assert refused.exit_code == 1 and message in refused.output and refused.output.count("\n") == 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["nope"], "Error: no query named 'nope'; `kg queries` lists them (or give a .rq file)"),
        (["satisfaction-at-least", "--param", "threshold=high"], "Error: --param threshold='high' is not a valid xsd:decimal"),
        (["{bad}"], "Error: {bad}: SPARQL syntax error: error at 1:22"),  # the file, and the line and column in it (the end of its 21 characters)
    ],
)
def test_query_errors_are_one_line(tmp_path: Path, example_path: Path, args: list[str], message: str) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    result = run("query", *[a.replace("{bad}", str(bad)) for a in args], "--data", str(example_path))
    assert result.exit_code == 1
    assert result.output.startswith(message.replace("{bad}", str(bad))) and result.output.count("\n") == 1


def test_queries_lists_the_library() -> None:
    output = run("queries", "-f", "csv").output
    assert "satisfaction-at-least,Satisfaction targets at or above a threshold,\"threshold (xsd:decimal, default 95)\"" in output
    assert len(output.splitlines()) == len(library()) + 1


@pytest.mark.parametrize("ext", ["ttl", "trig", "jsonld"])
def test_queries_on_a_built_file_give_the_rows_of_the_text(tmp_path: Path, example_path: Path, ox: OxigraphEngine, ext: str) -> None:
    """A built file already holds the ontology: reading it must not double any row. Its triples
    have no graph (but in TriG), and the queries that read a row inside GRAPH ?g must still find them."""
    out = tmp_path / f"g.{ext}"
    assert run("build", str(example_path), "-o", str(out)).exit_code == 0
    from_file = OxigraphEngine.from_quads(load_inputs([out]).quads)
    for name in library():
        got, expected = run_query(name, from_file), run_query(name, ox)
        if name == "documents" and ext != "trig":  # only TriG keeps the named graph a document was in
            column = got.variables.index("graph")
            assert [row[column] for row in got.rows] == [None]
            for row in expected.rows:
                row[column] = None
        assert render_result(got, "csv") == render_result(expected, "csv"), name
    assert len(run_query("indicators", from_file).rows) == 215


def test_a_unit_the_ontology_does_not_know_is_counted_without_a_unit(tmp_path: Path) -> None:
    """The count is taken before the units are joined: an unknown unit must not pick up every unit."""
    path = tmp_path / "unknown-unit.txt"
    odd = QUANTITY.replace("\t个", "\t斤")
    path.write_text(disclosure([project("11010522T000000000001", "甲项目", "1.000000\t1.000000", "目标", odd), row(QUANTITY)]), encoding="utf-8")
    quads = load_inputs([path]).quads
    for name, engine in both_engines(quads).items():
        rows = values(run_query("units", engine))
        assert [(r["unit_text"], r["unit"], r["yuan_per_unit"], r["indicators"]) for r in rows if r["unit_text"] == "斤"] == [("斤", "", "", "1")], name


def test_a_budget_without_indicators_counts_zero_on_both_engines(tmp_path: Path) -> None:
    """The indicators are summed per owner: a budget with none must show 0, not a blank (Oxigraph's SUM of nothing)."""
    path = tmp_path / "one-project.txt"
    path.write_text(disclosure([project("11010522T000000000001", "甲项目", "1.000000\t1.000000", "目标", QUANTITY)]), encoding="utf-8")
    quads = [q for q in load_inputs([path]).quads if q[1] != "https://w3id.org/cnbudget/ontology#hasTarget"]
    for name, engine in both_engines(quads).items():
        rows = values(run_query("department-summary", engine))
        assert [(r["projects"], r["indicators"]) for r in rows] == [("1", "0")], name
