"""What one named graph a disclosure costs: an existing store's statements loaded again as quads
(as kg stores them) and as triples in one default graph, side by side.

    python benchmarks/triples_vs_quads.py STORE_DIR [--work DIR]

Prints, for each shape: Oxigraph's bulk load and compaction seconds, the folder's size on disk,
and the seconds of the `indicators` listing's graph pattern (its ten triple patterns, no document
block, order or DISTINCT), read inside each document's graph for the quads and over the default
graph for the triples. The two copies are written under --work (a temporary folder by default)
and removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
from corpus import folder_size, mb
from timing import best

PREFIXES = """PREFIX kg: <https://w3id.org/cnbudget/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ROWS = """?project a kg:BudgetProject ; kg:hasTarget ?ind .
  ?ind rdfs:label ?indicator ; kg:tier ?t2 ; kg:comparator ?c ; kg:targetText ?text ; kg:sourceLine ?line .
  OPTIONAL { ?ind kg:targetValue ?number } OPTIONAL { ?ind kg:unitText ?unit } OPTIONAL { ?ind kg:sourcePage ?page }"""


def rows(store: ox.Store, query: str, union: bool) -> int:
    return sum(1 for _ in store.query(query, use_default_graph_as_union=union))  # type: ignore[union-attr]


def load(folder: Path, data: bytes, rdf_format: ox.RdfFormat) -> dict[str, float]:
    store = ox.Store(str(folder))
    started = time.perf_counter()
    store.bulk_load(data, format=rdf_format, lenient=True)
    loaded = time.perf_counter()
    store.flush()
    store.optimize()
    compacted = time.perf_counter()
    return {"load": loaded - started, "compaction": compacted - loaded, "disk": folder_size(folder)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-shapes-", dir=args.work))
    try:
        quads_data = ox.Store(str(args.store)).dump(format=ox.RdfFormat.N_QUADS)
        statements = list(ox.parse(quads_data, format=ox.RdfFormat.N_QUADS))
        triples_data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in statements), format=ox.RdfFormat.N_TRIPLES)
        print(f"{args.store}: {len(statements):,} quads, {mb(len(quads_data))} of N-Quads", flush=True)
        shapes = (
            ("quads, a named graph a document", quads_data, ox.RdfFormat.N_QUADS, f"SELECT * WHERE {{ GRAPH ?g {{ {ROWS} }} }}", True),
            ("triples, one default graph", triples_data, ox.RdfFormat.N_TRIPLES, f"SELECT * WHERE {{ {ROWS} }}", False),
        )
        for label, data, rdf_format, pattern, union in shapes:
            folder = work / label.split(",")[0]
            figures = load(folder, data, rdf_format)
            store = ox.Store(str(folder))
            query = PREFIXES + pattern
            seconds = best(2, lambda store=store, query=query, union=union: rows(store, query, union))
            found = rows(store, query, union)
            print(f"{label}: {len(store):,} statements, load {figures['load']:.1f} s, compaction {figures['compaction']:.1f} s, "
                  f"{mb(figures['disk'])} on disk; the indicators pattern {seconds:.2f} s ({found:,} rows)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
