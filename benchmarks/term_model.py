"""Why kg keeps its own light RDF terms on the corpus path: the example's quads built as kg's
tuples and written as N-Quads, against the same quads built as pyoxigraph objects and serialised
by Oxigraph. Prints the figures (best of --repeat runs).

    python benchmarks/term_model.py [--repeat 5]
"""

from __future__ import annotations

import argparse

import pyoxigraph as ox
from timing import best

from kg.analyse.analysis import analyse
from kg.rdf.mapping import disclosure_quads
from kg.rdf.quads import to_oxigraph
from kg.rdf.rdfio import nquads
from kg.read.text import parse_disclosure
from kg.resources import example_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    disclosure = parse_disclosure(example_path())
    analysis = analyse(disclosure)
    quads = list(disclosure_quads(disclosure, analysis))
    ox_quads = list(to_oxigraph(quads))
    figures = {
        "map to kg tuples": best(repeat, lambda: list(disclosure_quads(disclosure, analysis))),
        "kg tuples → pyoxigraph.Quad": best(repeat, lambda: list(to_oxigraph(quads))),
        "kg tuples → N-Quads (kg's writer)": best(repeat, lambda: nquads(quads)),
        "pyoxigraph.Quad → N-Quads (Oxigraph)": best(repeat, lambda: ox.serialize(ox_quads, format=ox.RdfFormat.N_QUADS)),
    }
    print(f"the example: {len(quads)} quads; best of {repeat}")
    for name, seconds in figures.items():
        print(f"{name:40} {seconds * 1000:8.1f} ms  ({seconds / len(quads) * 1e6:.2f} µs a quad)")
    tuples = figures["map to kg tuples"] + figures["kg tuples → N-Quads (kg's writer)"]
    objects = figures["map to kg tuples"] + figures["kg tuples → pyoxigraph.Quad"] + figures["pyoxigraph.Quad → N-Quads (Oxigraph)"]
    print(f"map and write as kg tuples: {tuples * 1000:.1f} ms; through pyoxigraph terms: {objects * 1000:.1f} ms")


if __name__ == "__main__":
    main()
