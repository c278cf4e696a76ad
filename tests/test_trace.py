"""Activities (预算13表) traced to projects (预算表12): links the evidence supports, and only those."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import EFFECT, QUALITY, QUANTITY, SATISFACTION, TIMELY, cost, disclosure, project, row
from click.testing import CliRunner

from kg.analyse.funding import function_links
from kg.analyse.trace import TraceError, infer_links, load_reviews, trace
from kg.cli import cli
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import Disclosure

CODE_5303 = "11010523T000002085303"
EXAMPLE_DOCUMENT = "110105,623001,北京市朝阳区人民政府大屯街道办事处,2026,"  # the four columns naming the document


def links_of(d: Disclosure, min_score: float = 0.25) -> dict[tuple[str, str], object]:
    return {(link.activity, link.project[-4:]): link for link in infer_links(d, function_links(d), min_score)}


def test_the_960_cost_target_links_its_project(example: Disclosure) -> None:
    link = links_of(example)[("基层政权和社区建设", "5303")]
    kinds = {e.kind for e in link.evidence}
    assert {"cost", "name"} <= kinds
    cost = next(e for e in link.evidence if e.kind == "cost")
    assert cost.text == "cost target 960 万元 (line 512) agrees with the project's amount 960 万元"


def test_links_on_the_example_are_the_evidenced_ones(example: Disclosure) -> None:
    assert set(links_of(example)) == {
        ("基层政权和社区建设", "5303"), ("综合治理", "7421"), ("综合治理", "6431"),
        ("城乡社区环境卫生", "7929"), ("城乡社区环境卫生", "6236"), ("社会建设", "5454"), ("社会建设", "6232"),
    }
    for link in infer_links(example, function_links(example)):
        assert link.evidence and all(e.text for e in link.evidence)
        assert abs(link.score - sum(e.weight for e in link.evidence)) < 0.01


def test_function_classification_evidence(example: Disclosure) -> None:
    """表06 proves 基本事业费(自管) is funded by 2120501 城乡社区环境卫生, the activity's name."""
    link = links_of(example)[("城乡社区环境卫生", "6236")]
    (function,) = [e for e in link.evidence if e.kind == "function"]
    assert function.text == "funded by function 2120501 城乡社区环境卫生, the activity's name (表06 line 185, exact amount)"


def test_no_link_without_evidence(example: Disclosure) -> None:
    for link in infer_links(example, function_links(example), min_score=0.0):
        assert link.score > 0 and link.evidence


def test_every_project_is_linked_or_listed_as_unclaimed(example: Disclosure) -> None:
    result = trace(example)
    claimed = {link.project for link in result.links}
    assert claimed.isdisjoint(result.unclaimed)
    assert claimed | set(result.unclaimed) == {p.code for p in example.projects}


# ---- each evidence kind on a small synthetic document -------------------------------------

TABLE_13 = """预算13表 部门整体支出绩效目标表

(2026年度)

总体资金情况（万元）\t\t预算支出总额\t财政拨款\t\t\t其他资金\t
\t\t\t合计\t基本支出\t项目支出\t合计\t基本支出
\t\t100.000000\t100.000000\t60.000000\t40.000000\t\t
\t\t活动\t绩效指标\t指标性质\t指标值\t度量单位\t
\t\t河道治理\t产出指标数量指标河道数量\t=\t7\t条\t
\t\t河道治理\t成本指标经济成本指标河道保洁成本\t≤\t30\t万元\t
\t\t图书馆\t产出指标数量指标藏书数量\t≥\t5000\t册\t"""


@pytest.fixture()
def small() -> Disclosure:
    rows = [
        project("11010522T000000000001", "甲项目", "30.000000\t30.000000", "甲目标。", "产出指标\t数量指标\t清理河道\t=\t7\t条"),
        row(QUALITY), row(TIMELY), row(EFFECT), row(SATISFACTION), row(cost("30")),
        project("11010522T000000000002", "社区图书馆运营经费", "12.000000\t12.000000", "图书借阅服务。", QUANTITY),
        row(QUALITY), row(TIMELY), row(EFFECT), row(SATISFACTION), row(cost("12")),
        project("11010522T000000000003", "其他经费", "3.000000\t3.000000", "其他。", QUANTITY),
        row(QUALITY), row(TIMELY), row(EFFECT), row(SATISFACTION), row(cost("3")),
    ]
    return parse_source(source_from_bytes(disclosure(rows, TABLE_13).encode(), "small.txt"))


def test_each_evidence_kind(small: Disclosure) -> None:
    links = {(link.activity, link.project[-1]): link for link in infer_links(small, function_links(small), 0.0)}
    river = links[("河道治理", "1")]
    assert {e.kind for e in river.evidence} >= {"cost", "indicator"}
    assert any(e.kind == "indicator" and "both target 7 条" in e.text for e in river.evidence)
    library = links[("图书馆", "2")]
    assert any(e.kind == "name" and "“图书馆”" in e.text for e in library.evidence) or any(e.kind == "text" for e in library.evidence)
    assert ("河道治理", "3") not in links or all(e.kind == "text" for e in links[("河道治理", "3")].evidence)


def test_rounding_coincidences_of_sums_are_not_evidence(example: Disclosure) -> None:
    """325 万元 is 308.72 + 15.856667 rounded, by chance: no sum evidence for that."""
    for link in infer_links(example, function_links(example), 0.0):
        assert not any(e.kind == "cost" and "sum" in e.text for e in link.evidence)


# ---- reviewed links and the command ---------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "links.toml"
    path.write_text(text, encoding="utf-8")
    return path


# A reviewer's file: one inferred link confirmed, one rejected, one the inference did not propose.
REVIEWED = f'''
[[link]]
activity = "基层政权和社区建设"
project = "{CODE_5303}"
status = "confirmed"
note = "960 万元"

[[link]]
activity = "综合治理"
project = "11010523T000002136431"
status = "rejected"

[[link]]
activity = "社会建设"
project = "11010526T000003675737"
status = "confirmed"
'''


def test_reviews_confirm_and_reject(tmp_path: Path, example: Disclosure, example_path: Path) -> None:
    reviews = load_reviews(write(tmp_path, REVIEWED), example)
    result = trace(example, reviews)
    by_pair = {(link.activity, link.project[-4:]): link for link in result.links}
    assert by_pair[("基层政权和社区建设", "5303")].status == "confirmed"
    assert by_pair[("基层政权和社区建设", "5303")].evidence[0].text == "confirmed by a reviewer: 960 万元"
    assert ("综合治理", "6431") not in by_pair
    assert by_pair[("社会建设", "5737")].status == "confirmed" and by_pair[("社会建设", "5737")].score == 0.0
    assert "11010523T000002136431" in result.unclaimed


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[link]]\nactivity = "x"\nproject = "11010523T000002085303"\nstatus = "confirmed"\n', "no activity 'x'"),
        ('[[link]]\nactivity = "综合治理"\nproject = "1"\nstatus = "confirmed"\n', "no project '1'"),
        ('[[link]]\nactivity = "综合治理"\nproject = "11010523T000002085303"\nstatus = "maybe"\n', "status must be"),
        ('[[link]]\nactivity = "综合治理"\n', "needs activity, project and status"),
        ("[[link\n", "not valid TOML"),
    ],
)
def test_bad_review_files(tmp_path: Path, example: Disclosure, text: str, message: str) -> None:
    with pytest.raises(TraceError, match=message):
        load_reviews(write(tmp_path, text), example)


def test_trace_command(tmp_path: Path, example_path: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["trace", str(example_path)]).output
    assert text.startswith(f"{example_path}: 北京市朝阳区人民政府大屯街道办事处 (unit 623001, 2026, region 110105)\n\n活动 ")
    assert text.count("活动 ") == 4
    assert "  money   cost target 960 万元; linked projects' amounts 960 万元 (1 project(s))" in text
    assert "服务对象满意度指标: activity ≥ 90 % (511) | project ≥ 95 % (343)" in text
    assert "projects no activity claims (29):" in text
    rows = runner.invoke(cli, ["trace", str(example_path), "-f", "csv"]).output.splitlines()
    assert rows[0] == "region,unit_code,department,year,activity,project_code,project_name,score,status,methods,evidence"
    assert rows[1].startswith(f"{EXAMPLE_DOCUMENT}基层政权和社区建设,{CODE_5303},基层党组织服务群众,1.375,inferred,cost name text,cost target 960")
    assert sum(1 for r in rows[1:] if r.startswith(EXAMPLE_DOCUMENT + ",")) == 29
    one = runner.invoke(cli, ["trace", str(example_path), "--activity", "综合治理", "-f", "csv"]).output.splitlines()
    assert {r.split(",")[4] for r in one[1:]} == {"综合治理", ""}
    # Read for one activity, the trace shows that one alone: the others, whose links it did not trace,
    # printed "no project linked" (基层政权和社区建设 has the 960 万元 project).
    alone = runner.invoke(cli, ["trace", str(example_path), "--activity", "综合治理"]).output
    assert alone.count("活动 ") == 1 and "活动 综合治理 (line 513)" in alone and "no project linked" not in alone
    missing = runner.invoke(cli, ["trace", str(example_path), "--activity", "无此活动"])
    assert missing.exit_code == 1 and missing.output.startswith("Error: no activity '无此活动' in 预算13表")
    links = write(tmp_path, f'[[link]]\nactivity = "基层政权和社区建设"\nproject = "{CODE_5303}"\nstatus = "rejected"\n')
    rejected = runner.invoke(cli, ["trace", str(example_path), "--links", str(links), "-f", "csv"]).output
    assert f"基层政权和社区建设,{CODE_5303}" not in rejected and f",{CODE_5303},基层党组织服务群众,,unclaimed" in rejected


def link_columns(row: dict[str, str]) -> list[str]:
    """A trace row's link, as queries/trace.rq and kg trace -f csv both give it (unclaimed: no status in the graph)."""
    return [row["activity"], row["project_code"], row["project_name"], row["score"], "" if row["status"] == "unclaimed" else row["status"]]


def test_the_graph_holds_the_trace_and_the_query_gives_it(example_path: Path, example: Disclosure) -> None:
    """queries/trace.rq gives the links and unclaimed projects kg trace prints, from the graph."""
    import csv
    import io

    from kg.build import load_inputs
    from kg.rdf import terms
    from kg.store.query import OxigraphEngine, run_query
    from kg.store.results import render_result

    quads = load_inputs([example_path]).quads
    from kg.rdf.namespaces import RDF_TYPE

    assert sum(1 for _, p, o, g in quads if p == RDF_TYPE and o == terms.ActivityLink and g != terms.ONTOLOGY) == len(trace(example).links)
    assert all(o == terms.InferredLink for _, p, o, _ in quads if p == terms.linkStatus)
    from_graph = list(csv.DictReader(io.StringIO(render_result(run_query("trace", OxigraphEngine.from_quads(quads)), "csv"))))
    from_cli = list(csv.DictReader(io.StringIO(CliRunner().invoke(cli, ["trace", str(example_path), "-f", "csv"]).output)))
    assert [link_columns(row) for row in from_graph] == [link_columns(row) for row in from_cli]
    assert from_graph[0]["methods"] == "cost name text"


def test_a_review_error_names_the_line_of_its_entry(tmp_path: Path, example: Disclosure) -> None:
    good = f'activity = "综合治理"\nproject = "{CODE_5303}"\nstatus = "confirmed"\n'
    bad = f'activity = "无"\nproject = "{CODE_5303}"\nstatus = "confirmed"\n'
    text = f'# reviewed\n# [[link]] in a comment is no entry\n\n[[link]]\n{good}note = """two\n[[link]] lines"""\n\n  [["link"]]  # quoted\n{bad}'
    with pytest.raises(TraceError, match=r"links\.toml: \[\[link\]\] #2: no activity '无'"):  # a header inside a note: no line
        load_reviews(write(tmp_path, text), example)
    text = f'# reviewed\n# [[link]] in a comment is no entry\n\n[[link]]\n{good}\n  [["link"]]  # quoted\n{bad}'
    with pytest.raises(TraceError, match=r"links\.toml:9: \[\[link\]\] #2: no activity '无'"):
        load_reviews(write(tmp_path, text), example)
    inline = f'link = [{{ activity = "无", project = "{CODE_5303}", status = "confirmed" }}]\n'
    with pytest.raises(TraceError, match=r"links\.toml: \[\[link\]\] #1: no activity '无'"):
        load_reviews(write(tmp_path, inline), example)


def test_build_with_reviewed_links_puts_confirmed_links_in_the_graph(tmp_path: Path, example_path: Path) -> None:
    """kg build --links: confirmed links become kg:servesActivity, rejected ones leave the graph,
    and queries/trace.rq on the built file gives what kg trace --links prints."""
    import csv
    import io

    import rdflib

    from kg.rdf import terms

    links = write(tmp_path, REVIEWED)
    out = tmp_path / "reviewed.ttl"
    runner = CliRunner()
    result = runner.invoke(cli, ["build", str(example_path), "--links", str(links), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(out)
    K = rdflib.Namespace(terms.NS)
    served = {(str(p).rsplit("/", 1)[-1], str(graph.value(a, rdflib.RDFS.label))) for p, a in graph.subject_objects(K.servesActivity)}
    assert served == {(CODE_5303, "基层政权和社区建设"), ("11010526T000003675737", "社会建设")}
    statuses = {(str(graph.value(link, K.contributingProject)).rsplit("/", 1)[-1], str(graph.value(graph.value(link, K.linkStatus), rdflib.SKOS.notation)))
                for link in graph.subjects(rdflib.RDF.type, K.ActivityLink)}
    assert (CODE_5303, "confirmed") in statuses and ("11010526T000003675737", "confirmed") in statuses
    assert not any(code == "11010523T000002136431" for code, _ in statuses)  # rejected: no link at all
    assert {s for _, s in statuses} == {"confirmed", "inferred"}

    from_graph = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["query", "trace", "--data", str(out), "-f", "csv"]).stdout)))
    from_cli = list(csv.DictReader(io.StringIO(runner.invoke(cli, ["trace", str(example_path), "--links", str(links), "-f", "csv"]).stdout)))
    assert sorted(map(link_columns, from_graph)) == sorted(map(link_columns, from_cli))

    unreviewed = tmp_path / "plain.ttl"
    runner.invoke(cli, ["build", str(example_path), "-o", str(unreviewed)])
    assert not list(rdflib.Graph().parse(unreviewed).subject_objects(K.servesActivity))


def test_reviewed_links_are_about_one_disclosure(tmp_path: Path, example_path: Path) -> None:
    links = write(tmp_path, f'[[link]]\nactivity = "综合治理"\nproject = "{CODE_5303}"\nstatus = "confirmed"\n')
    copy = tmp_path / "copy.txt"
    copy.write_bytes(example_path.read_bytes())
    runner = CliRunner()
    two = runner.invoke(cli, ["build", str(example_path), str(copy), "--links", str(links), "-o", str(tmp_path / "x.ttl")])
    assert two.exit_code == 1 and "--links applies to one disclosure, but 2 disclosure text files were given" in two.output
    store = runner.invoke(cli, ["build", str(example_path), "--links", str(links), "--store", str(tmp_path / "s")])
    assert store.exit_code == 2 and "--store takes none of -o, --overrides and --links" in store.output
    assert not (tmp_path / "x.ttl").exists() and not (tmp_path / "s").exists()


def test_function_evidence_on_generated_documents() -> None:
    """Generated documents know which function class funds each project (their truth): every
    function evidence names that class, it is the activity's name, and each project 表06 links to
    a function named like an activity is linked to that activity with this evidence."""
    from kg.analyse.funding import function_links
    from kg.synth.generate import generate

    found = 0
    for index in range(80):  # the evidence in at least ten of its links: about one document in eight
        text, truth = generate(11, index)
        d = parse_source(source_from_bytes(text.encode("utf-8"), f"{index}.txt"))
        functions = truth["synth"]["project_functions"]
        evidenced = set()
        for link in infer_links(d, function_links(d)):
            for e in link.evidence:
                if e.kind == "function":
                    code, name = functions[link.project].split("-", 1)
                    assert e.text.startswith(f"funded by function {code} {name}, the activity's name (表06 line ")
                    assert name == link.activity or name in link.activity or link.activity in name
                    evidenced.add((link.activity, link.project))
                    found += 1
        activities = {a.name for a in d.activities}
        for fl in function_links(d).links:
            for code in fl.projects:
                name = functions[code].split("-", 1)[1]
                assert fl.function_code == functions[code].split("-", 1)[0]  # 表06 proves the truth
                if name in activities:
                    assert (name, code) in evidenced
    assert found >= 10


@pytest.mark.parametrize("form", ["project-form-beijing-2026.txt", "self-evaluation-beijing-2026.txt"])
def test_a_forms_project_is_not_listed_as_unclaimed(form: str) -> None:
    """A project's 绩效目标表 or self-evaluation has no activities to claim its project: kg trace listed it
    under "projects no activity claims", though the budget's trace (where the activities are) may
    claim it. A form's trace says it has no activities."""
    path = Path(__file__).parent / "data" / form
    d = parse_source(source_from_bytes(path.read_bytes(), path.name))
    assert d.projects and trace(d).unclaimed == []
    result = CliRunner().invoke(cli, ["trace", str(path)])
    assert result.exit_code == 0 and "no activity claims" not in result.output and "no activities to trace" in result.output
