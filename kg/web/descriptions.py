"""The descriptions kg serve gives of itself: the SPARQL service description at /sparql, and the
DCAT / VoID dataset description at /.well-known/void (kg build's, or one made from the store)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.rdf import terms
from kg.rdf.iris import budget_dataset_iri, corpus_dataset_iri, source_iri
from kg.rdf.namespaces import (
    DCAT,
    DCT,
    PROV,
    RDF_TYPE,
    RDFS,
    SD,
    VOID,
    W3_FORMATS,
    XSD,
    namespace_of,
)
from kg.rdf.quads import BlankNode, Literal, Quad, Term
from kg.store.query import module_query
from kg.web.negotiation import GRAPH_TYPES, SOLUTION_TYPES

QUERY_DIR = Path(__file__).resolve().parent / "queries"  # what a served store's description asks of it

# The IRIs of result formats (https://www.w3.org/ns/formats/); not a namespace kg writes elsewhere.


def service_description(endpoint: str, allow_update: bool, void_url: str) -> list[Quad]:
    """The SPARQL 1.1 Service Description of this endpoint."""
    out: list[Quad] = []

    def add(s: str | BlankNode, p: str, o: Term) -> None:
        out.append((s, p, o, None))  # type: ignore[arg-type]

    add(endpoint, RDF_TYPE, SD + "Service")
    add(endpoint, SD + "endpoint", endpoint)
    add(endpoint, SD + "supportedLanguage", SD + "SPARQL11Query")
    if allow_update:
        add(endpoint, SD + "supportedLanguage", SD + "SPARQL11Update")
    add(endpoint, SD + "feature", SD + "UnionDefaultGraph")
    for media in (*SOLUTION_TYPES, *GRAPH_TYPES):
        add(endpoint, SD + "resultFormat", W3_FORMATS + str(media.w3_format))
    dataset = BlankNode("dataset")
    graph = BlankNode("defaultGraph")
    add(endpoint, SD + "defaultDataset", dataset)
    add(dataset, RDF_TYPE, SD + "Dataset")
    add(dataset, SD + "defaultGraph", graph)
    add(graph, RDF_TYPE, SD + "Graph")
    add(endpoint, RDFS + "seeAlso", void_url)
    return out


def served_description(description: Sequence[Quad], origin: str) -> list[Quad]:
    """The dataset description with where this server offers it: its endpoint and IRI look-up."""
    datasets = sorted({s for s, p, o, _ in description if p == RDF_TYPE and o == VOID + "Dataset" and isinstance(s, str)})
    endpoint = origin + "/sparql"
    extra: list[Quad] = []
    for dataset in datasets:
        extra += [
            (dataset, VOID + "sparqlEndpoint", endpoint, None),
            (dataset, VOID + "uriLookupEndpoint", origin + "/resource?iri=", None),
            (endpoint, RDF_TYPE, DCAT + "DataService", None),
            (endpoint, DCT + "title", Literal("SPARQL 1.1 endpoint (kg serve)", lang="en"), None),
            (endpoint, DCAT + "endpointURL", endpoint, None),
            (endpoint, RDF_TYPE, RDFS + "Resource", None),  # DCAT-AP's class constraint on endpointURL
            (endpoint, DCAT + "servesDataset", dataset, None),
            (endpoint, DCT + "conformsTo", "https://www.w3.org/TR/sparql11-protocol/", None),
            ("https://www.w3.org/TR/sparql11-protocol/", RDF_TYPE, DCT + "Standard", None),  # as DCAT-AP's class constraint needs
        ]
    return list(description) + extra


def store_description(store: ox.Store, base: str) -> list[Quad]:
    """A DCAT / VoID description of a store, for one served without the one ``kg build`` writes.

    The dataset IRI follows kg.rdf.dataset.dataset_iri: ``…/{unit}/{year}/dataset`` for one
    disclosure, ``{base}dataset/{hash of the documents' SHA-256}`` for several.
    """
    def select(text: str) -> list[list[Any]]:
        solutions = store.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return [[s[v] for v in solutions.variables] for s in solutions]

    shas = sorted(row[0].value for row in select(module_query(QUERY_DIR, "document-digests").text))
    budgets = [row[0].value for row in select(module_query(QUERY_DIR, "department-budgets").text)]
    dataset = budget_dataset_iri(budgets[0]) if len(shas) == 1 and len(budgets) == 1 else corpus_dataset_iri(base, shas)
    # The data only, as kg build counts it: the ontology graph is kg's, not the documents'. (A
    # Turtle file served is one graph, its ontology and description too: they are counted.)
    count = select(module_query(QUERY_DIR, "data-triples").text)[0][0]
    out: list[Quad] = []

    def add(p: str, o: Term, s: str = dataset) -> None:
        out.append((s, p, o, None))

    add(RDF_TYPE, DCAT + "Dataset")
    add(RDF_TYPE, VOID + "Dataset")
    add(DCT + "title", Literal(f"Budget performance goals and indicators: {len(shas)} disclosure(s)", lang="en"))
    add(DCT + "title", Literal(f"预算绩效目标与指标（{len(shas)} 份预算公开文件）", lang="zh"))
    add(DCT + "description", Literal(f"Projects, activities, performance targets and indicators and budget amounts read from {len(shas)} Chinese departmental budget disclosure(s), every value with its source file and line.", lang="en"))
    add(DCT + "description", Literal(f"由 {len(shas)} 份部门预算公开文件读出的项目、活动、绩效指标与目标值及预算金额，每个值标注来源文件与行号。", lang="zh"))
    add(DCT + "conformsTo", terms.ONTOLOGY)
    add(RDF_TYPE, DCT + "Standard", terms.ONTOLOGY)
    add(VOID + "triples", Literal(str(int(count.value)), XSD + "integer"))
    add(VOID + "uriSpace", Literal(base))
    namespaces = {namespace_of(predicate.value) for (predicate,) in select(module_query(QUERY_DIR, "predicates").text)}
    for namespace in sorted(namespaces):
        add(VOID + "vocabulary", namespace)
    for sha in shas:  # prov:wasDerivedFrom, as kg build says it: DCAT-AP keeps dct:source for datasets
        add(PROV + "wasDerivedFrom", source_iri(base, sha))
    return out


__all__ = ["served_description", "service_description", "store_description"]
