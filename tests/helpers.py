"""Graph assertions: compare graphs, never Turtle strings (after rdflib's GraphHelper)."""

from __future__ import annotations

from collections.abc import Iterable

import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.rdf.quads import Quad, to_rdflib


def graph_of(quads: Iterable[Quad]) -> rdflib.Graph:
    """The union of all named graphs as one rdflib Graph."""
    graph = rdflib.Graph()
    for s, p, o, _ in to_rdflib(quads).quads():
        graph.add((s, p, o))
    return graph


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph) -> None:
    """Fail with the triples only in one graph or the other, which is what a reader needs."""
    if isomorphic(expected, actual):
        return
    _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["graphs differ"]
    lines += ["  missing: " + " ".join(t.n3() for t in triple) for triple in sorted(only_expected)[:20]]
    lines += ["  extra:   " + " ".join(t.n3() for t in triple) for triple in sorted(only_actual)[:20]]
    raise AssertionError("\n".join(lines))
