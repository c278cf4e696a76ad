"""A library listing run once over the whole store against once per document, the query's dataset
restricted to that document's graph (and the ontology's), the answers concatenated in graph order.

    python benchmarks/per_document.py STORE_DIR [QUERY ...] [--repeat N]

For each query (default: indicators): the rows and seconds of each way (the best of --repeat
runs), the seconds to the first row per document, and whether both ways gave the same rows in the
same order. A listing whose rows stay inside one document could be run this way; the figures say
whether Oxigraph answers it faster so.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyoxigraph as ox
from timing import best

from kg.rdf.iris import DEFAULT_BASE
from kg.rdf.terms import ONTOLOGY
from kg.store.query import bind, load_query, with_values


def whole(store: ox.Store, text: str) -> list[tuple[object, ...]]:
    return [tuple(s) for s in store.query(text, use_default_graph_as_union=True)]  # type: ignore[union-attr]


def per_document(store: ox.Store, text: str, graphs: list[ox.NamedNode]) -> list[tuple[object, ...]]:
    ontology = ox.NamedNode(ONTOLOGY)
    rows: list[tuple[object, ...]] = []
    for graph in graphs:
        rows.extend(tuple(s) for s in store.query(text, default_graph=[graph, ontology], named_graphs=[graph]))  # type: ignore[union-attr]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("queries", nargs="*", default=["indicators"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = ox.Store.read_only(str(args.store))
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(DEFAULT_BASE + "graph/")),
                    key=lambda g: g.value)
    print(f"{args.store}: {len(graphs):,} documents")
    for name in args.queries:
        stored = load_query(name)
        text = with_values(stored.text, bind(stored, {}))  # the parameters' defaults
        once, each = whole(store, text), per_document(store, text, graphs)
        first = time.perf_counter()
        next(iter(store.query(text, default_graph=[graphs[0], ox.NamedNode(ONTOLOGY)], named_graphs=[graphs[0]])), None)  # type: ignore[call-overload]
        first_row = time.perf_counter() - first
        whole_s = best(args.repeat, lambda: whole(store, text))
        each_s = best(args.repeat, lambda: per_document(store, text, graphs))
        print(f"{name}: {len(once):,} rows once in {whole_s:.2f} s; {len(each):,} rows per document in {each_s:.2f} s "
              f"(first document's first row {first_row * 1000:.0f} ms); same rows in the same order: {once == each}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
