"""Units as QUDT means them: money units against QUDT's CNY, derived per-year and per-person units,
amounts that carry their unit in the data, and 月 read as a deadline where a 时效指标 names a month.

The QUDT facts below were read from QUDT's own unit vocabulary (qudt/qudt-public-repo,
src/main/rdf/vocab/unit/VOCAB_QUDT-UNITS-ALL.ttl): unit:CCY_CNY is a qudt:CurrencyUnit of
quantitykind:Currency with qudt:conversionMultiplier 1.0; unit:YR is 31557600.0 s and unit:MO
2551442.976 s (both qudt:scalingOf unit:SEC); unit:NUM, the count, is 1.0; unit:DAY is 86400 s,
unit:KiloM 1000 m and unit:TONNE 1000 kg. 亩 (kgu:Mu) is kg's own: 1/15 of a hectare, 2000/3 m².
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
import rdflib
from helpers import graph_of
from rdflib.namespace import RDF, SKOS, XSD

from kg.analyse.analysis import analyse
from kg.analyse.months import MonthReading, month_decisions
from kg.build import load_inputs
from kg.rdf import terms
from kg.rdf.mapping import disclosure_quads
from kg.read.text import parse_disclosure
from kg.records import DecisionMethod, Disclosure, Indicator, Project
from kg.store.query import OxigraphEngine, library
from kg.store.results import render_result
from kg.vocab import amount_unit, cost_in_wan, unit_vocabulary

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
QUDT = rdflib.Namespace("http://qudt.org/schema/qudt/")
UNIT = rdflib.Namespace("http://qudt.org/vocab/unit/")
QK = rdflib.Namespace("http://qudt.org/vocab/quantitykind/")
KG = rdflib.Namespace(terms.NS)
KGU = rdflib.Namespace(terms.UNIT)
SDMX_UNIT = rdflib.URIRef("http://purl.org/linked-data/sdmx/2009/attribute#unitMeasure")
QB = rdflib.Namespace("http://purl.org/linked-data/cube#")

# QUDT's multipliers of the units kg's units are made of (see the module docstring), and 万元's own.
QUDT_MULTIPLIER = {UNIT.CCY_CNY: Decimal(1), UNIT.NUM: Decimal(1), UNIT.YR: Decimal(31557600),
                   UNIT.MO: Decimal("2551442.976"), UNIT.DAY: Decimal(86400), UNIT.KiloM: Decimal(1000),
                   UNIT.TONNE: Decimal(1000), KGU.WanYuan: Decimal(10000), KGU.Quarter: 3 * Decimal("2551442.976"), KGU.Mu: Decimal("666.6666666666666666666666666666667")}

# The example's 33 rows printed in 月, all 时效指标 "≤ N 月", read one by one (grep -n 月): the 慰问 of
# lines 392 (春节走访慰问金) and 409 (社工节日慰问) are due by February, the 八一 payment of line 402
# by August, and the other 30 ("及时支出", "发放时间" …, ≤ 12 月) within the budget year 2026.
BY_FEBRUARY = {392, 409}
BY_AUGUST = {402}
WITHIN_THE_YEAR = {277, 288, 295, 300, 306, 310, 316, 322, 328, 335, 340, 348, 352, 359, 366, 374, 377, 386,
                   396, 430, 434, 440, 449, 452, 458, 464, 472, 477, 482, 491}
EXAMPLE_DEADLINES = {**dict.fromkeys(BY_FEBRUARY, "2026-02"), **dict.fromkeys(BY_AUGUST, "2026-08"),
                     **dict.fromkeys(WITHIN_THE_YEAR, "2026-12")}


@pytest.fixture(scope="module")
def units() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "units.ttl")


@pytest.fixture(scope="module")
def example_graph(example: Disclosure) -> rdflib.Graph:
    return graph_of(disclosure_quads(example, analyse(example)))


def _multiplier(g: rdflib.Graph, unit: rdflib.URIRef) -> Decimal:
    (value,) = g.objects(unit, QUDT.conversionMultiplier)
    return Decimal(str(value))


# ---- money units against QUDT's CNY -------------------------------------------------------------

def test_yuan_is_qudts_cny_and_wan_yuan_ten_thousand_of_it(units: rdflib.Graph) -> None:
    assert (KGU.Yuan, QUDT.exactMatch, UNIT.CCY_CNY) in units
    assert (KGU.WanYuan, QUDT.scalingOf, UNIT.CCY_CNY) in units
    for unit, multiplier in ((KGU.Yuan, 1), (KGU.WanYuan, 10000)):
        assert (unit, RDF.type, QUDT.CurrencyUnit) in units and (unit, RDF.type, QUDT.Unit) in units
        assert list(units.objects(unit, QUDT.hasQuantityKind)) == [QK.Currency]
        # relative to CCY_CNY, whose own multiplier is 1.0: what QUDT's multiplier means for a currency
        assert _multiplier(units, unit) == multiplier * QUDT_MULTIPLIER[UNIT.CCY_CNY]


@pytest.mark.parametrize("unit,factors,kind", [
    (KGU.YuanPerYear, {(UNIT.CCY_CNY, 1), (UNIT.YR, -1)}, KGU.CurrencyPerTime),
    (KGU.WanYuanPerYear, {(KGU.WanYuan, 1), (UNIT.YR, -1)}, KGU.CurrencyPerTime),
    (KGU.YuanPerPerson, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.YuanPerItem, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.WanYuanPerProject, {(KGU.WanYuan, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.YuanPerPersonYear, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1), (UNIT.YR, -1)}, KGU.CurrencyPerCountTime),
    (KGU.YuanPerPersonMonth, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1), (UNIT.MO, -1)}, KGU.CurrencyPerCountTime),
    (KGU.YuanPerPersonDay, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1), (UNIT.DAY, -1)}, KGU.CurrencyPerCountTime),
    (KGU.WanYuanPerPerson, {(KGU.WanYuan, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.YuanPerPersonTime, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.YuanPerHousehold, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.WanYuanPerHousehold, {(KGU.WanYuan, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.YuanPerSession, {(UNIT.CCY_CNY, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.WanYuanPerSession, {(KGU.WanYuan, 1), (UNIT.NUM, -1)}, KGU.CurrencyPerCount),
    (KGU.WanYuanPerKilometre, {(KGU.WanYuan, 1), (UNIT.KiloM, -1)}, KGU.CurrencyPerLength),
    (KGU.YuanPerMu, {(UNIT.CCY_CNY, 1), (KGU.Mu, -1)}, KGU.CurrencyPerArea),
    (KGU.YuanPerTonne, {(UNIT.CCY_CNY, 1), (UNIT.TONNE, -1)}, KGU.CurrencyPerMass),
    (KGU.TimesPerYear, {(UNIT.NUM, 1), (UNIT.YR, -1)}, QK.Frequency),
    (KGU.TimesPerMonth, {(UNIT.NUM, 1), (UNIT.MO, -1)}, QK.Frequency),
    (KGU.TimesPerQuarter, {(UNIT.NUM, 1), (KGU.Quarter, -1)}, QK.Frequency),
])
def test_per_year_and_per_person_units_are_derived_units(units: rdflib.Graph, unit, factors, kind) -> None:
    assert (unit, RDF.type, QUDT.DerivedUnit) in units
    assert (unit, RDF.type, QUDT.CurrencyUnit) not in units  # a rate is not a currency
    assert list(units.objects(unit, QUDT.hasQuantityKind)) == [kind]
    assert (kind, RDF.type, QUDT.QuantityKind) in units or kind == QK.Frequency
    found = {(units.value(f, QUDT.hasUnit), units.value(f, QUDT.exponent).toPython()) for f in units.objects(unit, QUDT.hasFactorUnit)}
    assert found == factors
    # QUDT's multiplier is the product of the factors' multipliers, to QUDT's 34 significant digits
    with localcontext() as ctx:
        ctx.prec = 34
        expected = Decimal(1)
        for factor, exponent in factors:
            expected *= QUDT_MULTIPLIER[factor] ** exponent
        assert _multiplier(units, unit) == +expected


@pytest.mark.parametrize("unit,yuan", [
    (KGU.Yuan, 1), (KGU.WanYuan, 10000), (KGU.WanYuanPerProject, 10000), (KGU.YuanPerYear, 1),
    (KGU.WanYuanPerYear, 10000), (KGU.YuanPerPerson, 1), (KGU.YuanPerPersonYear, 1), (KGU.YuanPerPersonMonth, 1),
    (KGU.WanYuanPerKilometre, 10000), (KGU.WanYuanPerHousehold, 10000), (KGU.YuanPerMu, 1),
])
def test_kg_yuan_per_unit_is_the_money_part_and_kg_reads_it(units: rdflib.Graph, unit, yuan) -> None:
    """kg:yuanPerUnit stays kg's own number (not QUDT's multiplier), read by kg.vocab's one rule."""
    assert [v.toPython() for v in units.objects(unit, KG.yuanPerUnit)] == [yuan]
    (printed,) = sorted(str(f) for f in units.objects(unit, KG.printedForm))[:1]
    assert unit_vocabulary()[printed].yuan_per_unit == yuan


def test_cost_in_wan_is_unchanged() -> None:
    def cost(value: str, unit: str) -> Decimal | None:
        return cost_in_wan(Indicator("成本指标", "经济成本指标", "x", "≤", Decimal(value), value, unit, 1))

    assert cost("3087200", "元/年") == Decimal("308.7200")
    assert cost("36.68", "万元/每项目") == Decimal("36.68")
    assert cost("2000", "元/人") is None


def test_units_are_related_to_qudt_by_qudts_own_properties(units: rdflib.Graph) -> None:
    """SKOS mapping properties relate SKOS concepts; units are not."""
    mapping = {SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch}
    assert not [t for t in units if t[1] in mapping]
    assert (KGU.Hour, QUDT.exactMatch, UNIT.HR) in units
    assert "http://qudt.org/vocab/currency/" not in (ROOT / "ontology" / "units.ttl").read_text(encoding="utf-8")


def test_month_and_months_are_printed_forms_of_the_duration() -> None:
    assert unit_vocabulary()["个月"].iri == unit_vocabulary()["月"].iri == str(UNIT.MO)
    assert amount_unit().iri == str(KGU.WanYuan)


# ---- amounts carry their unit -----------------------------------------------------------------

def test_every_amount_carries_its_unit_once_per_budget(example: Disclosure, example_graph: rdflib.Graph) -> None:
    g = example_graph
    (budget,) = g.subjects(RDF.type, KG.DepartmentBudget)
    assert list(g.objects(budget, KG.amountUnit)) == [KGU.WanYuan]
    assert len(list(g.subject_objects(KG.amountUnit))) == 1  # one triple per document, not one per amount
    for prop in (KG.totalAmount, KG.fiscalAmount, KG.otherAmount):
        for project in g.subjects(prop, None):
            assert (budget, KG.hasProject, project) in g
    assert g.value(budget, KG.totalExpenditure) is not None
    # the budget tables: the Data Cube attribute on each data set, attached there by the structure
    tables = set(g.subjects(RDF.type, QB.DataSet))
    assert tables and all(g.value(t, SDMX_UNIT) == KGU.WanYuan for t in tables)
    cube = rdflib.Graph().parse(ROOT / "ontology" / "budget-cube.ttl")
    (spec,) = cube.subjects(QB.attribute, SDMX_UNIT)
    assert cube.value(spec, QB.componentAttachment) == QB.DataSet


def test_a_budget_without_amounts_states_no_unit(example: Disclosure) -> None:
    bare = replace(example, projects=tuple(replace(p, total=None, fiscal=None, other=None) for p in example.projects), department=None)
    g = graph_of(disclosure_quads(bare, analyse(bare)))
    assert not list(g.subject_objects(KG.amountUnit))


# ---- 月: a month of the budget year, or a number of months ----------------------------------

def test_the_examples_rows_in_month_are_the_33_deadlines(example: Disclosure, example_lines: list[str]) -> None:
    printed_in_month = {n for n, line in enumerate(example_lines, start=1) if "月" in [c.strip() for c in line.split("\t")]}
    assert printed_in_month == set(EXAMPLE_DEADLINES) and len(printed_in_month) == 33
    decisions = month_decisions(example)
    assert {m.line: m.deadline for m in decisions} == EXAMPLE_DEADLINES
    assert all(m.reading == MonthReading.DEADLINE and m.evidence.method == DecisionMethod.AUTOMATIC for m in decisions)
    (feb,) = [m for m in decisions if m.line == 392]
    assert feb.evidence.line == 392 and "及时开展慰问" in feb.evidence.text and "2026-02" in feb.evidence.text


def test_a_deadline_replaces_the_duration_unit(example_graph: rdflib.Graph) -> None:
    g = example_graph
    by_line = {int(g.value(t, KG.sourceLine)): t for t in g.subjects(RDF.type, KG.PerformanceTarget)}
    for line, month in EXAMPLE_DEADLINES.items():
        target = by_line[line]
        assert list(g.objects(target, KG.deadline)) == [rdflib.Literal(month, datatype=XSD.gYearMonth)]
        assert g.value(target, KG.unit) is None
        assert str(g.value(target, KG.unitText)) == "月"  # as printed, with the printed value
    assert str(g.value(by_line[392], KG.targetValue)) == "2"
    # durations stay durations: "≤ 1 年" (line 272) keeps unit:YR and has no deadline
    assert g.value(by_line[272], KG.unit) == UNIT.YR and g.value(by_line[272], KG.deadline) is None
    # lighter, not heavier: a deadline takes the place of kg:unit, one triple for one
    targets = set(g.subjects(RDF.type, KG.PerformanceTarget))
    known = {t for t in targets if str(g.value(t, KG.unitText) or "") in unit_vocabulary()}
    assert len(list(g.subject_objects(KG.deadline))) + len([t for t in targets if g.value(t, KG.unit)]) == len(known)


def _one_row(example: Disclosure, tier2: str, comparator: str, value: str, unit: str, year: int | None = 2026) -> Disclosure:
    tier1 = "产出指标" if tier2 in ("时效指标", "数量指标") else "效益指标"
    ind = Indicator(tier1, tier2, "及时完成", comparator, Decimal(value), value, unit, 900)
    p = example.projects[0]
    return replace(example, projects=(Project(p.code, p.name, p.total, p.fiscal, p.other, p.goal, (ind,), p.line, p.lines),),
                   activities=(), year=year)


@pytest.mark.parametrize("tier2,comparator,value,unit,year,deadline", [
    ("时效指标", "≤", "2", "月", 2026, "2026-02"),
    ("时效指标", "≤", "1", "月", 2027, "2027-01"),
    ("时效指标", "≤", "12", "月", 2026, "2026-12"),
    ("时效指标", "≤", "6", "个月", 2026, None),  # 个月 is always a number of months
    ("时效指标", "≤", "18", "月", 2026, None),  # no 18th month: a duration
    ("时效指标", "≤", "0", "月", 2026, None),
    ("时效指标", "≤", "2.5", "月", 2026, None),
    ("时效指标", "≥", "2", "月", 2026, None),  # "at least 2 months" names no deadline
    ("时效指标", "=", "3", "月", 2026, None),
    ("数量指标", "≤", "2", "月", 2026, None),  # another tier: a count of months
    ("时效指标", "≤", "2", "月", None, None),  # no budget year, no month to name
])
def test_which_rows_in_month_are_deadlines(example: Disclosure, tier2, comparator, value, unit, year, deadline) -> None:
    d = _one_row(example, tier2, comparator, value, unit, year)
    assert {m.line: m.deadline for m in month_decisions(d)} == ({900: deadline} if deadline else {})
    g = graph_of(disclosure_quads(d, analyse(d)))
    (target,) = g.subjects(RDF.type, KG.PerformanceTarget)
    if deadline:
        assert g.value(target, KG.deadline) == rdflib.Literal(deadline, datatype=XSD.gYearMonth)
        assert g.value(target, KG.unit) is None
    else:
        assert g.value(target, KG.deadline) is None
        assert g.value(target, KG.unit) == UNIT.MO


def test_an_override_settles_a_row_and_is_recorded_as_one(example: Disclosure) -> None:
    analysis = analyse(example, month_overrides={392: MonthReading.DURATION})
    (m392,) = [m for m in analysis.months if m.line == 392]
    assert m392.reading == MonthReading.DURATION and m392.deadline is None
    assert m392.evidence.method == DecisionMethod.OVERRIDE and "override" in m392.evidence.text
    g = graph_of(disclosure_quads(example, analysis))
    target = next(t for t in g.subjects(RDF.type, KG.PerformanceTarget) if int(g.value(t, KG.sourceLine)) == 392)
    assert g.value(target, KG.unit) == UNIT.MO and g.value(target, KG.deadline) is None
    # a deadline the rule cannot name stays a duration, and says why
    d = _one_row(example, "时效指标", "≥", "2", "月")
    (m,) = month_decisions(d, {900: MonthReading.DEADLINE})
    assert m.reading == MonthReading.DURATION and m.evidence.method == DecisionMethod.OVERRIDE


# ---- queries convert through the data, not /10000 -------------------------------------------------

def test_no_query_hard_codes_ten_thousand() -> None:
    for path in [*QUERIES.glob("*.rq"), *(ROOT / "kg").rglob("queries/*.rq")]:  # the library's, and those kg runs for itself
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        assert "10000" not in body, path.name


@pytest.fixture(scope="module")
def ox_engine(example_path: Path) -> OxigraphEngine:
    return OxigraphEngine.from_quads(load_inputs([example_path]).quads)


def test_cost_target_vs_budget_gives_the_figures_it_gave_with_10000(ox_engine: OxigraphEngine) -> None:
    """The query as it was, dividing by a hard-coded 10000, and as it is, converting through the data."""
    text = library()["cost-target-vs-budget"].text
    old = text.replace("  ?budget kg:hasProject ?project ; kg:amountUnit/kg:yuanPerUnit ?amount_yuan .\n", "")
    old = old.replace("?yuan / ?amount_yuan", "?yuan / 10000")
    assert "10000" in old and old != text
    new_rows = render_result(ox_engine.select(text, {}), "csv")
    old_rows = render_result(ox_engine.select(old, {}), "csv")
    assert new_rows == old_rows and new_rows.count("\r\n") > 1


# The figures' counts (kg:TargetValueCount) as the stored targets give them, converted through the
# ontology's units: the rule the figures queries applied to every target before kg counted them.
COUNTED_FROM_TARGETS = """
PREFIX kg: <https://w3id.org/cnbudget/ontology#>
PREFIX kgu: <https://w3id.org/cnbudget/unit/>
PREFIX tier: <https://w3id.org/cnbudget/scheme/tier/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?owner ?tier ?x (COUNT(DISTINCT ?i) AS ?n)
WHERE {
  { ?t skos:broader tier:satisfaction . ?i kg:tier ?t ; kg:targetValue ?x . BIND(tier:satisfaction AS ?tier) }
  UNION
  { ?t skos:broader tier:cost . ?i kg:tier ?t ; kg:targetValue ?v ; kg:unit ?u .
    ?u kg:costScope kg:WholeProject ; kg:yuanPerUnit ?yuan . kgu:WanYuan kg:yuanPerUnit ?wan .
    BIND(?v * ?yuan / ?wan AS ?x) BIND(tier:cost AS ?tier) }
  ?p kg:hasTarget ?i .
  { ?owner a kg:DepartmentBudget ; kg:hasProject ?p }
  UNION
  { VALUES ?form { kg:ProjectForm kg:DepartmentForm } ?document a ?form ; kg:hasProject ?p . BIND(?p AS ?owner) }
}
GROUP BY ?owner ?tier ?x
"""

STORED_COUNTS = """
PREFIX kg: <https://w3id.org/cnbudget/ontology#>
SELECT ?owner ?tier ?x ?n WHERE { ?count kg:countsTargetsOf ?owner ; kg:countedTier ?tier ; kg:countedValue ?x ; kg:targetCount ?n }
"""


def test_the_counts_are_the_targets_converted_through_the_data(example_path: Path) -> None:
    """A budget counts its projects' satisfaction and whole-project cost targets, a project form its
    project's, a self-evaluation none: over the example, every layout and the Beijing forms."""
    inputs = [example_path, *sorted((ROOT / "tests" / "data" / "layouts").glob("*.txt")),
              ROOT / "tests" / "data" / "project-form-beijing-2026.txt", ROOT / "tests" / "data" / "self-evaluation-beijing-2026.txt"]
    engine = OxigraphEngine.from_quads(load_inputs(inputs).quads)

    def counts(query: str) -> set[tuple[str, str, Decimal, int]]:
        result = engine.select(query, {})
        assert result.variables == ["owner", "tier", "x", "n"]
        return {(owner, tier, Decimal(x.value), int(n.value)) for owner, tier, x, n in result.rows}  # type: ignore[union-attr]

    expected = counts(COUNTED_FROM_TARGETS)
    assert counts(STORED_COUNTS) == expected
    assert {tier.rsplit("/", 1)[-1] for _, tier, _, _ in expected} == {"satisfaction", "cost"}
    owners = {owner for owner, *_ in expected}
    assert "https://w3id.org/cnbudget/id/unit/110105/623001/2026" in owners  # the example's budget
    assert len({o for o in owners if "/project/" in o}) >= 5 and any(n > 1 for *_, n in expected)  # forms' projects


def test_cost_target_vs_budget_figures(ox_engine: OxigraphEngine) -> None:
    rows = list(csv.DictReader(io.StringIO(render_result(ox_engine.select(library()["cost-target-vs-budget"].text, {}), "csv"))))
    first = next(r for r in rows if r["source_line"] == "274")  # ≤ 3087200 元/年 against 308.72 万元
    assert (first["unit"], Decimal(first["target_wan"]), Decimal(first["amount_wan"]), Decimal(first["difference_wan"])) == (
        "元/年", Decimal("308.72"), Decimal("308.72"), Decimal(0))


def test_units_other_provinces_print_are_mapped(units: rdflib.Graph) -> None:
    """Units the forms of other provinces print (公里, 万平方米, 次/月, 元/户 …) were kept as text only, without a
    kg:unit, so a query by unit missed them; a unit in a name, （公里）, was not read at all."""
    vocabulary = unit_vocabulary()
    for printed, iri in (("公里", UNIT.KiloM), ("km", UNIT.KiloM), ("万平方米", KGU.WanSquareMetre), ("次/月", KGU.TimesPerMonth),
                         ("元/户", KGU.YuanPerHousehold), ("元/人*月", KGU.YuanPerPersonMonth), ("‰", UNIT.PERMILLE),
                         ("个工作日", KGU.WorkingDay), ("万人次", KGU.WanPersonTime), ("亿元", KGU.YiYuan)):
        assert vocabulary[printed].iri == str(iri), printed
        assert (iri, RDF.type, QUDT.Unit) in units
    form = parse_disclosure(str(ROOT / "tests" / "data" / "constructed-cases" / "plain_form.txt"))
    g = graph_of(disclosure_quads(form, analyse(form)))
    (road,) = g.subjects(KG.targetText, rdflib.Literal("≥1260公里"))
    assert g.value(road, KG.unit) == UNIT.KiloM
