"""The budget tables as an RDF Data Cube, checked by the W3C Recommendation's own text.

tests/data/qb-integrity holds the integrity constraints IC-1 … IC-21 of The RDF Data Cube
Vocabulary (W3C Recommendation 16 January 2014, 11.1) as ASK queries, true when violated, and its
normalisation algorithm as two SPARQL updates (its README.md says where they come from). The
example's graph, normalised, answers false to every one; a copy broken the way a constraint
describes answers true, so the checks can fail.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import load_inputs
from kg.rdf.quads import Quad, to_oxigraph
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


def test_the_example_is_a_well_formed_cube(built: list[Quad]) -> None:
    store = normalised(built)
    assert {name: violated(store, name) for name in (*CONSTRAINTS, *TEMPLATES)} == dict.fromkeys((*CONSTRAINTS, *TEMPLATES), False)
    assert len(CONSTRAINTS) == 20  # IC-1 … IC-18, IC-19's two queries
    # Not vacuously: every amount is an observation with a structure, and normalisation gave each
    # its data set's year, department, phase and table.
    (count,) = store.query(
        """PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX obeu-dimension: <http://data.openbudgets.eu/ontology/dsd/dimension/>
        SELECT (COUNT(?obs) AS ?n) WHERE {
            ?obs a qb:Observation ; qb:dataSet/qb:structure ?dsd ; obeu-dimension:fiscalPeriod ?year ;
                 obeu-dimension:organization ?department ; obeu-dimension:budgetPhase ?phase .
        }"""
    )
    assert int(count["n"].value) == 306


BROKEN = {
    # IC-1: an observation without its data set (still a qb:Observation: kg types each explicitly).
    "ic-01": "DELETE WHERE { line:03-90-4 qb:dataSet ?dataset }",
    # IC-2: a table without its structure.
    "ic-02": "DELETE WHERE { table:03 qb:structure ?dsd }",
    # IC-3: a structure without its measure.
    "ic-03": "DELETE DATA { kg:dsd-procurement qb:component kg:component-amount }",
    # IC-4: a dimension without a range.
    "ic-04": "DELETE WHERE { kg:amountColumn rdfs:range ?range }",
    # IC-5: a dimension of concepts without a code list.
    "ic-05": "DELETE WHERE { kg:rowKind qb:codeList ?list }",
    # IC-6: a dimension marked optional.
    "ic-06": 'INSERT DATA { kg:component-row-kind qb:componentRequired "false"^^<http://www.w3.org/2001/XMLSchema#boolean> }',
    # IC-11: an observation without one of its dimension values.
    "ic-11": "DELETE WHERE { line:03-90-4 kg:functionalClassification ?code }",
    # IC-12: a second observation with the key of another (the 合计 of line 90 said to be a 基本支出).
    "ic-12": "DELETE { line:03-90-3 kg:amountColumn ?column } INSERT { line:03-90-3 kg:amountColumn ?basic }"
    " WHERE { line:03-90-3 kg:amountColumn ?column . line:03-90-4 kg:amountColumn ?basic }",
    # IC-13: a table without the currency its structure requires of every amount.
    "ic-13": "DELETE WHERE { table:04 obeu-attribute:currency ?currency }",
    # IC-14: an observation without its measure.
    "ic-14": "DELETE WHERE { line:06-167-7 obeu-measure:amount ?amount }",
    # IC-19: a code outside its code list (an expenditure type is not an amount column).
    "ic-19a": "DELETE { line:03-90-4 kg:amountColumn ?column } INSERT { line:03-90-4 kg:amountColumn kg:BasicExpenditure }"
    " WHERE { line:03-90-4 kg:amountColumn ?column }",
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
