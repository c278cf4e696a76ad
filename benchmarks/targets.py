"""The corpus issue's query targets over an existing store, timed in-process through the library.

    python benchmarks/targets.py STORE_DIR

The same measurements as corpus.py's query phase, for a store built some other way (the load
test's, or one kept with corpus.py --work): the satisfaction query's full CSV (and how much of
it Oxigraph takes), its first 100 rows, one project's indicators by code, indicators-per-tier.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.store.ingest import open_store
from kg.store.query import OxigraphEngine, bind, library, run_query, with_values
from kg.store.results import render_result

store = sys.argv[1]
engine = OxigraphEngine(open_store(store))
t = time.perf_counter(); r = run_query("satisfaction-at-least", engine); q = time.perf_counter() - t
t2 = time.perf_counter(); csv = render_result(r, "csv"); c = time.perf_counter() - t2
print(f"satisfaction-at-least full: {len(r.rows)} rows, query+convert {q:.2f} s, CSV render {c:.2f} s, total {q+c:.2f} s", flush=True)
first = []
for _ in range(5):
    t = time.perf_counter(); run_query("satisfaction-at-least", engine, limit=100); first.append(time.perf_counter() - t)
print(f"satisfaction-at-least --limit 100: median {statistics.median(first)*1000:.0f} ms", flush=True)
code = next(iter(open_store(store).query("SELECT ?c WHERE { ?p <https://w3id.org/cnbudget/ontology#projectCode> ?c } LIMIT 1", use_default_graph_as_union=True)))[0].value
by = []
for _ in range(5):
    t = time.perf_counter(); n = len(run_query("project-indicators", engine, {"code": code}).rows); by.append(time.perf_counter() - t)
print(f"project-indicators by code: median {statistics.median(by)*1000:.1f} ms ({n} rows)", flush=True)
tiers = []
for _ in range(3):
    t = time.perf_counter(); n = len(run_query("indicators-per-tier", engine).rows); tiers.append(time.perf_counter() - t)
print(f"indicators-per-tier: median {statistics.median(tiers):.2f} s ({n} rows)", flush=True)
stored = library()["satisfaction-at-least"]
raw_store = open_store(store)
t = time.perf_counter()
n = sum(1 for _ in raw_store.query(with_values(stored.text, bind(stored, {})), use_default_graph_as_union=True))
print(f"satisfaction-at-least inside Oxigraph alone (no conversion to Python terms): {time.perf_counter() - t:.2f} s ({n} rows)", flush=True)
