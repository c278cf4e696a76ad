"""Checks on the ontology data files: ontology/kg.ttl, tiers.ttl, units.ttl and shapes.ttl.

The SHACL tests read validation results from the report graph (sh:focusNode, sh:resultPath,
sh:sourceShape), never from message wording.
"""

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
SHAPES_DATA_DIR = Path(__file__).parent / "data" / "shapes"

KG = Namespace("https://w3id.org/cnbudget/ontology#")
KGSH = Namespace("https://w3id.org/cnbudget/shapes#")
KGU = Namespace("https://w3id.org/cnbudget/unit/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
QUDT = Namespace("http://qudt.org/schema/qudt/")
EX = Namespace("https://example.org/cnbudget/test/")
ONTOLOGY_IRI = URIRef("https://w3id.org/cnbudget/ontology")

ONTOLOGY_FILES = sorted(ONTOLOGY_DIR.glob("*.ttl"))

# Local names other code depends on.
REQUIRED_CLASSES = {
    "Department", "DepartmentBudget", "BudgetProject", "DepartmentActivity", "PerformanceTarget",
    "Comparator", "SourceDocument", "AssignmentDecision", "TierOneConcept", "TierTwoConcept", "CostScope",
    "SourceTable", "TextFragment", "DecisionMethod", "LinkStatus", "EvidenceKind",
}
REQUIRED_OBJECT_PROPERTIES = {
    "department", "hasProject", "hasActivity", "hasTarget", "tier", "comparator", "unit",
    "costScope", "assignedTo", "decisionFor", "decidedBy", "sourceTable", "decisionMethod", "linkStatus", "evidenceKind",
}
REQUIRED_DATATYPE_PROPERTIES = {
    "budgetYear", "unitCode", "projectCode", "totalAmount", "fiscalAmount", "otherAmount",
    "totalExpenditure", "fiscalTotal", "fiscalBasic", "fiscalProject", "otherTotal", "otherBasic",
    "goal", "targetValue", "targetText", "unitText", "printedForm", "yuanPerUnit", "sourceLine",
    "evidence", "score", "sha256", "expectedAmount", "foundAmount",
}
COMPARATORS = {
    "AtLeast": "≥", "AtMost": "≤", "EqualTo": "=", "GreaterThan": ">", "LessThan": "<", "Qualitative": "定性",
}


def load(*paths: Path) -> Graph:
    g = Graph()
    for p in paths:
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def kg_graph() -> Graph:
    return load(ONTOLOGY_DIR / "kg.ttl")


@pytest.fixture(scope="module")
def units_graph() -> Graph:
    return load(ONTOLOGY_DIR / "units.ttl")


@pytest.fixture(scope="module")
def ont_graph() -> Graph:
    return load(ONTOLOGY_DIR / "tiers.ttl", ONTOLOGY_DIR / "kg.ttl", ONTOLOGY_DIR / "units.ttl")


@pytest.fixture(scope="module")
def shapes_graph() -> Graph:
    return load(ONTOLOGY_DIR / "shapes.ttl")


def langs(g: Graph, s, p) -> list:
    return [o.language for o in g.objects(s, p) if isinstance(o, Literal)]


# ---- parsing --------------------------------------------------------------------------------

def test_expected_ontology_files_present():
    names = {p.name for p in ONTOLOGY_FILES}
    assert {"kg.ttl", "tiers.ttl", "units.ttl", "shapes.ttl"} <= names


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_parses_as_turtle_with_rdflib(path):
    g = Graph()
    g.parse(path, format="turtle")  # rdflib's Turtle parser raises on any syntax error
    assert len(g) > 0


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=lambda p: p.name)
def test_parses_as_turtle_with_pyoxigraph(path):
    import pyoxigraph  # a hard dependency of kg: missing, the test must fail, not skip
    triples = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(load(path))


def test_no_owl_imports():
    g = load(*ONTOLOGY_FILES)
    assert list(g.triples((None, OWL.imports, None))) == []


# ---- kg.ttl ---------------------------------------------------------------------------------

def test_ontology_header(kg_graph):
    g = kg_graph
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert (ONTOLOGY_IRI, OWL.versionInfo, Literal("0.1.0")) in g
    dct = Namespace("http://purl.org/dc/terms/")
    assert sorted(langs(g, ONTOLOGY_IRI, dct.title)) == ["en", "zh"]
    assert sorted(langs(g, ONTOLOGY_IRI, dct.description)) == ["en", "zh"]
    assert (ONTOLOGY_IRI, dct.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g


def test_required_terms_declared(kg_graph):
    g = kg_graph

    def local_names(rdf_type):
        return {str(s)[len(str(KG)):] for s in g.subjects(RDF.type, rdf_type) if str(s).startswith(str(KG))}

    assert REQUIRED_CLASSES <= local_names(OWL.Class)
    assert REQUIRED_OBJECT_PROPERTIES <= local_names(OWL.ObjectProperty)
    assert REQUIRED_DATATYPE_PROPERTIES <= local_names(OWL.DatatypeProperty)


def test_every_class_and_property_is_labelled_and_defined(kg_graph):
    g = kg_graph
    terms = set()
    for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property):
        terms |= {s for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}
    assert terms, "kg.ttl declares no classes or properties"
    problems = []
    for term in sorted(terms):
        if not str(term).startswith(str(KG)):
            problems.append(f"{term}: declared in kg.ttl but outside the kg: namespace")
            continue
        for p in (RDFS.label, SKOS.definition):
            got = langs(g, term, p)
            for lang in ("zh", "en"):
                if got.count(lang) != 1:
                    problems.append(f"{term}: {got.count(lang)} {p.n3(g.namespace_manager)}@{lang}")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in g:
            problems.append(f"{term}: no rdfs:isDefinedBy the ontology")
    assert not problems, "\n".join(problems)


def test_declared_ranges(kg_graph):
    g = kg_graph
    expected = {
        "budgetYear": XSD.gYear, "unitCode": XSD.string, "projectCode": XSD.string,
        "goal": RDF.langString, "targetValue": XSD.decimal, "targetText": XSD.string,
        "unitText": XSD.string, "printedForm": XSD.string, "yuanPerUnit": XSD.decimal,
        "sourceLine": XSD.positiveInteger, "sourceTable": KG.SourceTable, "decisionMethod": KG.DecisionMethod,
        "evidence": XSD.string, "score": XSD.decimal, "sha256": XSD.string,
        "tier": KG.TierTwoConcept, "comparator": KG.Comparator, "unit": QUDT.Unit,
        "costScope": KG.CostScope, "assignedTo": KG.BudgetProject, "decisionFor": KG.SourceDocument,
        "decidedBy": KG.AssignmentDecision, "linkStatus": KG.LinkStatus, "evidenceKind": KG.EvidenceKind,
        "expectedAmount": XSD.decimal, "foundAmount": XSD.decimal,
    }
    for name in ("totalAmount", "fiscalAmount", "otherAmount", "totalExpenditure", "fiscalTotal",
                 "fiscalBasic", "fiscalProject", "otherTotal", "otherBasic"):
        expected[name] = XSD.decimal
    wrong = {n: list(g.objects(KG[n], RDFS.range)) for n, r in expected.items()
             if list(g.objects(KG[n], RDFS.range)) != [r]}
    assert not wrong


def test_comparator_individuals(kg_graph):
    g = kg_graph
    assert set(g.subjects(RDF.type, KG.Comparator)) == {KG[n] for n in COMPARATORS}
    for name, symbol in COMPARATORS.items():
        c = KG[name]
        assert list(g.objects(c, SKOS.notation)) == [Literal(symbol)], name
        assert sorted(langs(g, c, RDFS.label)) == ["en", "zh"], name
        assert sorted(langs(g, c, SKOS.definition)) == ["en", "zh"], name


def test_cost_scope_individuals(kg_graph):
    g = kg_graph
    assert set(g.subjects(RDF.type, KG.CostScope)) == {KG.WholeProject, KG.PerUnit}
    for c in (KG.WholeProject, KG.PerUnit):
        assert sorted(langs(g, c, RDFS.label)) == ["en", "zh"]
        assert sorted(langs(g, c, SKOS.definition)) == ["en", "zh"]


# ---- units.ttl ------------------------------------------------------------------------------

def test_printed_forms_are_unique():
    g = load(*ONTOLOGY_FILES)
    units_by_form = defaultdict(set)
    for unit, form in g.subject_objects(KG.printedForm):
        assert isinstance(form, Literal) and form.datatype is None and form.language is None, (unit, form)
        units_by_form[str(form)].add(unit)
    assert units_by_form
    clashes = {f: u for f, u in units_by_form.items() if len(u) > 1}
    assert not clashes


def test_every_unit_is_complete(units_graph):
    g = units_graph
    units = set(g.subjects(RDF.type, QUDT.Unit))
    assert units
    for u in units:
        assert sorted(langs(g, u, RDFS.label)) == ["en", "zh"], u
        assert sorted(langs(g, u, SKOS.definition)) == ["en", "zh"], u
        assert list(g.objects(u, KG.printedForm)), u
        assert len(list(g.objects(u, QUDT.hasQuantityKind))) >= 1, u
    # every subject with a printed form is typed as a unit
    assert set(g.subjects(KG.printedForm, None)) <= units


@pytest.mark.parametrize("unit,forms", [
    (UNIT.PERCENT, {"%", "％", "百分比"}), (UNIT.M2, {"平方米", "㎡", "m²"}), (UNIT.KiloM2, {"平方公里"}),
    (UNIT.YR, {"年"}), (UNIT.MO, {"月", "个月"}), (UNIT.DAY, {"天", "日"}), (UNIT.MIN, {"分钟"}),
    (UNIT.M, {"米", "m"}), (UNIT.KiloM, {"公里", "千米", "km"}), (UNIT.M3, {"立方米", "m³"}), (UNIT.HA, {"公顷"}),
    (UNIT.KiloGM, {"千克", "公斤", "kg"}), (UNIT.TONNE, {"吨"}), (UNIT.PERMILLE, {"‰"}),
    (KGU.WanSquareMetre, {"万平方米", "万㎡", "万m²"}), (KGU.Mu, {"亩"}), (KGU.WanMu, {"万亩"}), (KGU.WanTonne, {"万吨"}),
    (KGU.WanPerson, {"万人"}), (KGU.WanPersonTime, {"万人次"}), (KGU.WanHousehold, {"万户"}),
    (KGU.Yuan, {"元", "¥", "￥"}), (KGU.WanYuan, {"万元"}), (KGU.WanYuanPerProject, {"万元/每项目", "万元/项目"}),
    (KGU.YuanPerYear, {"元/年"}), (KGU.WanYuanPerYear, {"万元/年"}), (KGU.YuanPerPerson, {"元/人"}),
    (KGU.YuanPerItem, {"元/个"}),
    (KGU.YuanPerPersonYear, {"元/人年", "元/人·年", "元/人*年", "元/人/年", "元/人.年", "元/生·年", "元/生/年"}),
    (KGU.YuanPerPersonMonth, {"元/人月", "元/人·月", "元/人*月", "元/人/月", "元/人.月"}),
    (KGU.YuanPerPersonDay, {"元/人天", "元/人·天", "元/人/天", "元/人·日"}), (KGU.WanYuanPerPerson, {"万元/人"}),
    (KGU.YuanPerPersonTime, {"元/人次"}), (KGU.YuanPerHousehold, {"元/户"}), (KGU.WanYuanPerHousehold, {"万元/户"}),
    (KGU.YuanPerSession, {"元/场", "元/场次"}), (KGU.WanYuanPerSession, {"万元/场"}),
    (KGU.WanYuanPerKilometre, {"万元/公里", "万元/km"}), (KGU.YuanPerMu, {"元/亩"}), (KGU.YuanPerTonne, {"元/吨"}),
    (KGU.Item, {"个"}), (KGU.Person, {"人", "名"}),
    (KGU.PersonTime, {"人次"}), (KGU.Time, {"次"}), (KGU.Set, {"台"}), (KGU.Strip, {"条"}),
    (KGU.Household, {"户"}), (KGU.Piece, {"件"}), (KGU.Place, {"处"}), (KGU.Session, {"场", "场次"}),
    (KGU.Hour, {"小时"}), (KGU.Room, {"间"}), (KGU.Issue, {"期"}), (KGU.Institution, {"所"}), (KGU.Batch, {"批次"}),
    (KGU.Structure, {"座"}), (KGU.Class, {"班"}), (KGU.Lamp, {"盏"}), (KGU.Establishment, {"家"}), (KGU.Suite, {"套"}),
    (KGU.EquipmentSet, {"台套"}), (KGU.Transaction, {"笔"}), (KGU.Volume, {"册"}), (KGU.Incident, {"起"}), (KGU.Case, {"例"}),
    (KGU.Course, {"门"}), (KGU.Article, {"篇"}), (KGU.Matter, {"项"}), (KGU.Vehicle, {"辆"}), (KGU.Sheet, {"张"}),
    (KGU.WorkingDay, {"个工作日", "工作日"}), (KGU.ClassHour, {"学时", "课时"}), (KGU.Quarter, {"季度"}),
    (UNIT["MicroGM-PER-M3"], {"微克/立方米", "μg/m³", "μg/m3"}), (KGU.YiYuan, {"亿元"}),
    (KGU.TimesPerYear, {"次/年"}), (KGU.TimesPerMonth, {"次/月"}), (KGU.TimesPerQuarter, {"次/季度", "次/季"}),
])
def test_unit_printed_forms(units_graph, unit, forms):
    assert {str(f) for f in units_graph.objects(unit, KG.printedForm)} == forms


@pytest.mark.parametrize("unit,yuan,scope", [
    (KGU.Yuan, 1, KG.WholeProject), (KGU.WanYuan, 10000, KG.WholeProject),
    (KGU.WanYuanPerProject, 10000, KG.WholeProject), (KGU.YuanPerYear, 1, KG.WholeProject),
    (KGU.WanYuanPerYear, 10000, KG.WholeProject), (KGU.YuanPerPerson, 1, KG.PerUnit),
    (KGU.YuanPerItem, 1, KG.PerUnit), (KGU.YuanPerPersonYear, 1, KG.PerUnit),
    (KGU.YuanPerPersonMonth, 1, KG.PerUnit), (KGU.YuanPerPersonDay, 1, KG.PerUnit), (KGU.WanYuanPerPerson, 10000, KG.PerUnit),
    (KGU.YuanPerPersonTime, 1, KG.PerUnit), (KGU.YuanPerHousehold, 1, KG.PerUnit), (KGU.WanYuanPerHousehold, 10000, KG.PerUnit),
    (KGU.YuanPerSession, 1, KG.PerUnit), (KGU.WanYuanPerSession, 10000, KG.PerUnit),
    (KGU.WanYuanPerKilometre, 10000, KG.PerUnit), (KGU.YuanPerMu, 1, KG.PerUnit), (KGU.YuanPerTonne, 1, KG.PerUnit),
    (KGU.YiYuan, 100000000, KG.WholeProject),
])
def test_money_units(units_graph, unit, yuan, scope):
    g = units_graph
    assert [v.toPython() for v in g.objects(unit, KG.yuanPerUnit)] == [yuan]
    assert list(g.objects(unit, KG.costScope)) == [scope]


def test_every_money_unit_has_a_cost_scope_and_a_multiplier(units_graph):
    g = units_graph
    money = set(g.subjects(KG.yuanPerUnit, None))
    assert money
    for u in money:
        (yuan,) = g.objects(u, KG.yuanPerUnit)
        assert yuan.datatype == XSD.decimal, u
        assert len(list(g.objects(u, KG.costScope))) == 1, u
        # QUDT's multiplier, relative to QUDT's coherent unit: kg:yuanPerUnit for 元 and 万元, not for
        # 元/年 (CNY per second); tests/test_units_qudt.py checks each against QUDT's factors
        assert len(list(g.objects(u, QUDT.conversionMultiplier))) == 1, u


# ---- tiers.ttl + kg.ttl ---------------------------------------------------------------------

def test_every_tier_two_concept_has_one_tier_one_broader(ont_graph):
    g = ont_graph
    assert (KG.TierTwoConcept, RDF.type, OWL.Class) in g
    assert (KG.TierOneConcept, RDF.type, OWL.Class) in g
    tier_two = set(g.subjects(RDF.type, KG.TierTwoConcept))
    assert tier_two
    for c in tier_two:
        broader = list(g.objects(c, SKOS.broader))
        assert len(broader) == 1, c
        assert (broader[0], RDF.type, KG.TierOneConcept) in g, c


# ---- shapes.ttl -----------------------------------------------------------------------------

def test_shapes_are_documented(shapes_graph):
    g = shapes_graph
    shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(g.objects(None, SH.property))
    assert shapes
    for s in shapes:
        assert isinstance(s, URIRef), f"anonymous shape {s}"
        for p in (SH.name, SH.description, SH.message):
            values = list(g.objects(s, p))
            assert values, f"{s} has no {p}"
            assert all("\n" not in str(v) for v in values), f"{s} {p} spans lines"


def validate(data: Graph, ont_graph: Graph, shapes_graph: Graph):
    """Validate data + tiers + kg + units, with tiers + kg + units also as ont_graph.

    The vocabularies are merged into the data graph because pyshacl's ont_graph mix-in copies
    only OWL/RDFS axioms and owl:NamedIndividual nodes: without the merge the rdf:type
    kg:TierTwoConcept triples of tiers.ttl would be invisible to sh:class.
    """
    import pyshacl

    data_graph = Graph()
    for triple in data:
        data_graph.add(triple)
    for triple in ont_graph:
        data_graph.add(triple)
    conforms, report, _text = pyshacl.validate(
        data_graph, shacl_graph=shapes_graph, ont_graph=ont_graph, advanced=True, inference="none",
    )
    results = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        results.add((report.value(r, SH.focusNode), report.value(r, SH.resultPath), report.value(r, SH.sourceShape)))
    return conforms, results


def test_valid_fixture_conforms(ont_graph, shapes_graph):
    conforms, results = validate(load(SHAPES_DATA_DIR / "valid.ttl"), ont_graph, shapes_graph)
    assert conforms, results
    assert results == set()


def test_invalid_fixture_names_exactly_the_broken_nodes(ont_graph, shapes_graph):
    conforms, results = validate(load(SHAPES_DATA_DIR / "invalid.ttl"), ont_graph, shapes_graph)
    assert not conforms
    assert {focus for focus, _path, _shape in results} == {
        EX["ind-qualitative"], EX["ind-activity"], EX["project"], EX["ind-satisfaction"],
    }
    assert results == {
        # no kg:tier
        (EX["ind-qualitative"], KG.tier, KGSH["PerformanceTarget-tier"]),
        # quantitative (≤) without kg:targetValue; an sh:or result is about the node, so no path
        (EX["ind-activity"], None, KGSH.QuantitativeIndicatorShape),
        # project code with an inner space
        (EX["project"], KG.projectCode, KGSH["BudgetProject-projectCode"]),
        # kg:targetValue typed xsd:string: wrong datatype, and so no decimal target either
        (EX["ind-satisfaction"], KG.targetValue, KGSH["PerformanceTarget-targetValue"]),
        (EX["ind-satisfaction"], None, KGSH.QuantitativeIndicatorShape),
    }


def test_qualitative_indicator_with_target_value_fails(ont_graph, shapes_graph):
    data = load(SHAPES_DATA_DIR / "valid.ttl")
    data.add((EX["ind-qualitative"], KG.targetValue, Literal("1", datatype=XSD.decimal)))
    conforms, results = validate(data, ont_graph, shapes_graph)
    assert not conforms
    assert results == {(EX["ind-qualitative"], None, KGSH.QualitativeIndicatorShape)}


def test_second_decimal_target_value_fails(ont_graph, shapes_graph):
    data = load(SHAPES_DATA_DIR / "valid.ttl")
    data.add((EX["ind-satisfaction"], KG.targetValue, Literal("90", datatype=XSD.decimal)))
    conforms, results = validate(data, ont_graph, shapes_graph)
    assert not conforms
    assert results == {(EX["ind-satisfaction"], KG.targetValue, KGSH["PerformanceTarget-targetValue"])}


def test_integer_typed_source_line_fails(ont_graph, shapes_graph):
    data = load(SHAPES_DATA_DIR / "valid.ttl")
    data.remove((EX["ind-qualitative"], KG.sourceLine, None))
    data.add((EX["ind-qualitative"], KG.sourceLine, Literal(280)))  # xsd:integer, not positiveInteger
    conforms, results = validate(data, ont_graph, shapes_graph)
    assert not conforms
    assert results == {(EX["ind-qualitative"], KG.sourceLine, KGSH["PerformanceTarget-sourceLine"])}
