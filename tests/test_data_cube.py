"""The budget tables as an RDF Data Cube, checked by the W3C Recommendation's own text.

tests/data/qb-integrity holds the integrity constraints IC-1 … IC-21 of The RDF Data Cube
Vocabulary (W3C Recommendation 16 January 2014, 11.1) as ASK queries, true when violated, and its
normalisation algorithm as two SPARQL updates (its README.md says where they come from). The
example's graph, normalised, answers false to every one; a copy broken the way a constraint
describes answers true, so the checks can fail.

The cube is multi-measure: one observation per printed row, one measure per amount column of its
shape (budget-cube.ttl), a blank cell 0 (a printed 0 named by kg:printedZero). The tests below the
constraints check that against the reader's records.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import load_inputs
from kg.rdf.budget import AMOUNT, PRINTED_ZERO, structures
from kg.rdf.iris import DEFAULT_BASE, DisclosureIris, structure_iri
from kg.rdf.quads import Quad, to_oxigraph
from kg.read.budget import LAYOUTS
from kg.records import AGGREGATE_KINDS, ITEM, Disclosure
from kg.resources import ontology_file

CHECKS = Path(__file__).parent / "data" / "qb-integrity"
CONSTRAINTS = sorted(p.stem for p in CHECKS.glob("ic-*.rq") if p.stem not in ("ic-20", "ic-21") and not p.stem.endswith("-properties"))
TEMPLATES = ("ic-20", "ic-21")  # one query per parent-child property of a qb:HierarchicalCodeList

PREFIXES = """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX kg: <https://w3id.org/cnbudget/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX obeu-measure: <http://data.openbudgets.eu/ontology/dsd/measure/>
PREFIX obeu-attribute: <http://data.openbudgets.eu/ontology/dsd/attribute/>
PREFIX function: <https://w3id.org/cnbudget/scheme/function/>
PREFIX column: <https://w3id.org/cnbudget/scheme/column/>
PREFIX line: <https://w3id.org/cnbudget/id/unit/110105/623001/2026/budget-line/>
PREFIX table: <https://w3id.org/cnbudget/id/unit/110105/623001/2026/table/>
"""


@pytest.fixture(scope="module")
def built(example_path: Path) -> list[Quad]:
    return load_inputs([example_path]).quads


def normalised(quads: list[Quad], breakage: str | None = None) -> ox.Store:
    """The graph in one store's default graph (the union the Recommendation's queries read), with the
    cube's structures, broken by an update if given, then normalised by the Recommendation's updates."""
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in to_oxigraph(quads))
    # The structures, whether or not the build loads budget-cube.ttl with the ontology yet.
    store.bulk_load(path=str(ontology_file("budget-cube.ttl")), format=ox.RdfFormat.TURTLE)
    if breakage:
        store.update(PREFIXES + breakage)
    for phase in ("normalize-phase-1.ru", "normalize-phase-2.ru"):
        store.update((CHECKS / phase).read_text(encoding="utf-8"))
    return store


def violated(store: ox.Store, name: str) -> bool:
    query = (CHECKS / f"{name}.rq").read_text(encoding="utf-8")
    if name not in TEMPLATES:
        return bool(store.query(query))
    properties = store.query((CHECKS / f"{name}-properties.rq").read_text(encoding="utf-8"))
    return any(store.query(query.replace("$p", row["p"].value)) for row in properties)


def test_the_example_is_a_well_formed_cube(built: list[Quad], example: Disclosure) -> None:
    store = normalised(built)
    assert {name: violated(store, name) for name in (*CONSTRAINTS, *TEMPLATES)} == dict.fromkeys((*CONSTRAINTS, *TEMPLATES), False)
    assert len(CONSTRAINTS) == 20  # IC-1 … IC-18, IC-19's two queries
    # Not vacuously: every printed row is an observation with a structure, and normalisation gave
    # each its data set's year, department, phase and table.
    (count,) = store.query(
        """PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX obeu-dimension: <http://data.openbudgets.eu/ontology/dsd/dimension/>
        SELECT (COUNT(?obs) AS ?n) WHERE {
            ?obs a qb:Observation ; qb:dataSet/qb:structure ?dsd ; obeu-dimension:fiscalPeriod ?year ;
                 obeu-dimension:organization ?department ; obeu-dimension:budgetPhase ?phase .
        }"""
    )
    assert int(count["n"].value) == sum(len(table.rows) for table in example.budget) == 209


BROKEN = {
    # IC-1: an observation without its data set (still a qb:Observation: kg types each explicitly).
    "ic-01": "DELETE WHERE { line:03-90 qb:dataSet ?dataset }",
    # IC-2: a table without its structure.
    "ic-02": "DELETE WHERE { table:03 qb:structure ?dsd }",
    # IC-3: a structure without its measure.
    "ic-03": "DELETE DATA { kg:dsd-procurement qb:component kg:component-amount }",
    # IC-4: a dimension without a range.
    "ic-04": "DELETE WHERE { kg:functionalClassification rdfs:range ?range }",
    # IC-5: a dimension of concepts without a code list.
    "ic-05": "DELETE WHERE { kg:rowKind qb:codeList ?list }",
    # IC-6: a dimension marked optional.
    "ic-06": 'INSERT DATA { kg:component-row-kind qb:componentRequired "false"^^<http://www.w3.org/2001/XMLSchema#boolean> }',
    # IC-11: an observation without one of its dimension values.
    "ic-11": "DELETE WHERE { line:03-90 kg:functionalClassification ?code }",
    # IC-12: a second observation with the key of another (line 91 given line 90's classifications).
    "ic-12": "DELETE { line:03-91 ?dimension ?own } INSERT { line:03-91 ?dimension ?value }"
    " WHERE { ?dimension a qb:DimensionProperty . line:03-90 ?dimension ?value . line:03-91 ?dimension ?own }",
    # IC-13: a table without the currency its structure requires of every amount.
    "ic-13": "DELETE WHERE { table:04 obeu-attribute:currency ?currency }",
    # IC-14: an observation without one of its measures (表06 line 167's 项目支出, 28).
    "ic-14": "DELETE WHERE { line:06-167 kg:amountProject ?amount }",
    # IC-19: a code outside its code list (an amount column is not a row kind).
    "ic-19a": "DELETE { line:03-90 kg:rowKind ?kind } INSERT { line:03-90 kg:rowKind column:basic }"
    " WHERE { line:03-90 kg:rowKind ?kind }",
    # IC-20: the function codes as a hierarchy from 212 alone: codes under 201, 208 … are outside it.
    "ic-20": "INSERT DATA { function: a qb:HierarchicalCodeList ; qb:hierarchyRoot function:212 ; qb:parentChildProperty skos:narrower }",
    # IC-21: the same, the hierarchy given by the inverse of skos:broader.
    "ic-21": "INSERT { function: a qb:HierarchicalCodeList ; qb:hierarchyRoot function:212 ; qb:parentChildProperty ?pcp ."
    " ?pcp owl:inverseOf skos:broader } WHERE { BIND(BNODE() AS ?pcp) }",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_copy_violates_the_constraint(built: list[Quad], name: str) -> None:
    assert violated(normalised(built, BROKEN[name]), name)


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_hierarchy_templates_hold_for_the_whole_function_hierarchy(built: list[Quad], name: str) -> None:
    """The codes kg derives from the documents form a hierarchy: from every top concept (and the
    total), skos:narrower (IC-20) and the inverse of skos:broader (IC-21) reach every code used."""
    parent_child = "skos:narrower" if name == "ic-20" else "?pcp . ?pcp owl:inverseOf skos:broader"
    store = normalised(
        built,
        f"INSERT {{ function: a qb:HierarchicalCodeList ; qb:hierarchyRoot ?root ; qb:parentChildProperty {parent_child} }}"
        " WHERE { { ?root skos:topConceptOf function: } UNION { BIND(function:_T AS ?root) } BIND(BNODE() AS ?pcp) }",
    )
    assert not violated(store, name)


def test_only_the_line_tells_two_purchases_of_table11_apart(built: list[Quad]) -> None:
    """Why 表11's structure has the line as a dimension: lines 254 and 260 print the same catalogue
    entry (物业管理服务), field (212) and kind; without the line they would be one key."""
    assert violated(normalised(built, "DELETE DATA { kg:dsd-purchased-services qb:component kg:component-source-line }"), "ic-12")


# ---- the multi-measure shape, against the reader's records ------------------------------------


def _iris(example: Disclosure) -> DisclosureIris:
    return DisclosureIris.of(example, DEFAULT_BASE)


def test_one_observation_per_printed_row(built: list[Quad], example: Disclosure) -> None:
    """Each row of the records (a side of a 表01/05 line a row of its own) is one observation of its
    table's data set, whatever it prints: 表01's blank categories and 表08's blank 合计 included."""
    iris = _iris(example)
    expected = {
        iris.budget_line(table.number, row.line, row.side): iris.table(table.number)
        for table in example.budget for row in table.rows
    }
    store = normalised(built)
    found = {
        row["obs"].value: row["dataset"].value
        for row in store.query("PREFIX qb: <http://purl.org/linked-data/cube#> SELECT ?obs ?dataset WHERE { ?obs a qb:Observation ; qb:dataSet ?dataset }")
    }
    assert found == expected and len(found) == 209
    assert iris.budget_line(1, 9, "expenditure") in found  # 一般公共服务支出, printed blank


def test_each_measure_is_the_printed_amount_or_a_blank_zero(built: list[Quad], example: Disclosure) -> None:
    """Every measure of the structure on every observation (IC-14): the amount as printed (a column
    decision's amount in the column it settled), or, for a blank cell, 0; a printed 0 (and only a
    printed 0) is named by kg:printedZero, so every other 0 is a blank cell."""
    iris = _iris(example)
    values: dict[tuple[str, str], list[Decimal]] = {}
    printed_zero: set[tuple[str, str]] = set()
    for s, p, o, _ in built:
        if not (isinstance(s, str) and "/budget-line/" in s):
            continue
        if p == PRINTED_ZERO:
            printed_zero.add((s, o))
        elif getattr(o, "datatype", None) == "http://www.w3.org/2001/XMLSchema#decimal":
            values.setdefault((s, p), []).append(Decimal(o.value))
    printed = zeros = 0
    for table in example.budget:
        structure = structures()[structure_iri(table.number)]
        for row in table.rows:
            obs = iris.budget_line(table.number, row.line, row.side)
            amounts = {structure.measure(a.role): a.value for a in row.amounts}
            for measure, _ in structure.measures:
                if measure in amounts:
                    assert values.pop((obs, measure)) == [amounts[measure]], (obs, measure)
                    if amounts[measure] == 0:
                        printed_zero.remove((obs, measure))
                    printed += 1
                else:
                    assert values.pop((obs, measure)) == [Decimal(0)], (obs, measure)
                    assert (obs, measure) not in printed_zero
                    zeros += 1
    assert values == {} and printed_zero == set()  # no other measure, no other printed zero
    assert (printed, zeros) == (306, 404)  # the amounts the text prints; the blank cells of the rows


def test_the_structures_list_the_measures_their_shape_prints() -> None:
    """A structure's measures are the amount columns of its table's layout, in the reader's roles
    (its column concepts' notations); a layout of one amount a row has obeu-measure:amount."""
    for number, layout in LAYOUTS.items():
        structure = structures()[structure_iri(number)]
        roles = set(layout.amounts.values())
        if number in (1, 5, 4, 11):  # one amount a row (表01/05: one a side)
            assert structure.measures == ((AMOUNT, None),), number
        else:
            assert {column for _, column in structure.measures} == roles, number
            assert all(structure.measure(role) for role in roles)
    cube = ox.Store()
    cube.bulk_load(path=str(ontology_file("budget-cube.ttl")), format=ox.RdfFormat.TURTLE)
    # Each kg measure is an OpenBudgets.eu amount, with its column concept.
    assert not cube.query(PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        ASK { ?measure a qb:MeasureProperty . FILTER(?measure != obeu-measure:amount)
              FILTER NOT EXISTS { ?measure rdfs:subPropertyOf obeu-measure:amount ; qb:concept/skos:inScheme column: } }""")


def test_totals_never_share_a_key_with_their_parts(built: list[Quad], example: Disclosure) -> None:
    """A subtotal or total row's key (its values of the structure's dimensions, after normalisation)
    is no item row's key in its table: the row kind and the schemes' total concept keep them apart."""
    store = normalised(built)
    iris = _iris(example)
    keys = {}
    for row in store.query(
        """PREFIX qb: <http://purl.org/linked-data/cube#>
        SELECT ?obs ?dimension ?value WHERE {
            ?obs qb:dataSet/qb:structure/qb:component/qb:dimension ?dimension . ?obs ?dimension ?value }"""
    ):
        keys.setdefault(row["obs"].value, set()).add((row["dimension"].value, row["value"]))
    checked = 0
    for table in example.budget:
        items = {frozenset(keys[iris.budget_line(table.number, r.line, r.side)]) for r in table.rows if r.kind == ITEM}
        for row in table.rows:
            if row.kind in AGGREGATE_KINDS:
                assert frozenset(keys[iris.budget_line(table.number, row.line, row.side)]) not in items, (table.number, row.line)
                checked += 1
    assert checked == 15  # 表01, 05: 本年…合计 and 总计 a side; the 合计 of 03, 04, 06, 07, 08, 09, 11
    # Told a part, the 合计 of 表03 (line 105) takes line 90's key: the constraint sees it.
    as_item = (
        "DELETE { line:03-105 ?dimension ?own } INSERT { line:03-105 ?dimension ?value }"
        " WHERE { ?dimension a qb:DimensionProperty . line:03-90 ?dimension ?value . line:03-105 ?dimension ?own }"
    )
    assert violated(normalised(built, as_item), "ic-12")


def test_a_blank_cell_is_not_left_out(built: list[Quad]) -> None:
    """A blank cell's 0 is what keeps the cube whole: without it (表06 line 167 prints no 基本支出),
    the observation lacks a measure of its structure."""
    assert violated(normalised(built, "DELETE WHERE { line:06-167 kg:amountBasic ?zero }"), "ic-14")
