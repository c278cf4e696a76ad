"""Load test of `kg serve`: concurrent clients run the query library against a corpus store.

    python benchmarks/load_test.py --store STORE_DIR [--clients 8] [--seconds 60]
    python benchmarks/load_test.py --documents 10000 --work /tmp/kg-load   # builds the corpus first

The server runs in a child process on 127.0.0.1 (a free port) and the clients here talk only to
it: nothing else is ever a target. The run is bounded twice, by time (--seconds) and by request
count (--max-requests), and stops by itself; then the server is stopped. Each request is one
library query with its parameters' defaults bound and, where it has none, ``LIMIT 1000`` (kept
after its ORDER BY, so the whole result is still computed and sorted). Printed at the end:
throughput, latency p50 / p90 / p99 / max, and errors (any status but 200, or no answer).

--documents builds the corpus with kg.synth.generate (synthetic disclosures in the example's layout) and
loads it into a store with kg.store.ingest.ingest, both kept in --work for the next run. Reading 10,000
documents takes a long time on a busy 2-core machine; with --distinct P only the first P are read
and mapped, and the store gets --documents graphs by repeating them, each copy under its own unit
code and source hash (so every graph, department and project is distinct, and the store has the
size and shape of a corpus of --documents disclosures).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from kg.store.query import bind, library, limited, with_values  # noqa: E402

LOOPBACK = "127.0.0.1"
SERVER = """
import sys
from kg.web.serve import create_app, serve
serve(create_app(sys.argv[1], timeout_s=float(sys.argv[3]), max_rows=int(sys.argv[4])), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def workload(quick: int | None = None) -> list[tuple[str, str]]:
    """(name, query text) for each library query: defaults bound, LIMIT 1000 where it has none.

    ``quick``: the first N rows without the final ORDER BY instead (what `kg query --limit N`
    asks), which a store can stream without computing the whole result.
    """
    out = []
    for name, query in sorted(library().items()):
        text = with_values(query.text, bind(query, {})).rstrip()
        if quick is not None:
            text = limited(text, quick).rstrip()
        elif "LIMIT" not in text.rsplit("}", 1)[-1].upper():
            text += "\nLIMIT 1000"
        out.append((name, text + "\n"))
    return out


def build_store(documents: int, work: Path, workers: int) -> Path:
    from kg.store.ingest import ingest
    from kg.synth.generate import write_corpus

    corpus, store = work / f"corpus-{documents}", work / f"store-{documents}"
    if store.is_dir() and any(store.iterdir()):
        return store
    if not (corpus.is_dir() and len(list(corpus.glob("*.txt"))) == documents):
        started = time.perf_counter()
        write_corpus(documents, corpus, seed=0, workers=workers)
        print(f"wrote {documents} documents in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30 or done == total:
            last[0] = time.perf_counter()
            print(f"  loaded {done}/{total}", flush=True)

    report = ingest(store, sorted(corpus.glob("*.txt")), workers=workers, progress=progress)
    print(f"loaded {len(report.loaded)} documents ({report.triples} triples, {len(report.failed)} failed) in {time.perf_counter() - started:.0f} s", flush=True)
    return store


def build_replicated_store(documents: int, distinct: int, work: Path, workers: int) -> Path:
    """A store of ``documents`` graphs made from the first ``distinct`` synthetic documents, read once."""
    import re
    from concurrent.futures import ProcessPoolExecutor

    import pyoxigraph as ox

    from kg.build import ontology_quads
    from kg.rdf.quads import to_oxigraph
    from kg.store.ingest import prepare
    from kg.synth.generate import write_corpus

    store = work / f"store-{documents}-from-{distinct}"
    if store.is_dir() and any(store.iterdir()):
        return store
    corpus = work / f"corpus-{documents}"
    if corpus.is_dir() and len(list(corpus.glob("*.txt"))) >= distinct:
        paths = sorted(corpus.glob("*.txt"))[:distinct]
    else:
        paths = write_corpus(distinct, work / f"corpus-{distinct}", seed=0, workers=workers)
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        prepared = [p for p in pool.map(prepare, [str(p) for p in paths], chunksize=8) if p.error is None and "/graph/source/" not in str(p.graph)]
    print(f"read {len(prepared)} of {len(paths)} documents in {time.perf_counter() - started:.0f} s", flush=True)
    staging = work / f".{store.name}.loading"
    import shutil

    shutil.rmtree(staging, ignore_errors=True)
    target = ox.Store(str(staging))
    target.bulk_load(ox.serialize(to_oxigraph(ontology_quads()), format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    started = time.perf_counter()
    batch: list[bytes] = []
    quads = 0
    for index in range(documents):
        doc = prepared[index % len(prepared)]
        copy = index // len(prepared)
        data = doc.nquads
        if copy:
            unit = str(doc.graph).rsplit("/", 2)[-2].encode()
            sha = re.search(rb"/source/([0-9a-f]{64})", data).group(1)  # type: ignore[union-attr]
            new_unit, new_sha = unit + b"-%d" % copy, sha + b"-%d" % copy
            # The unit code stands in the department's, its budget's and its graph's IRIs (after the region).
            for old_text, new_text in ((b"/" + unit + b"/", b"/" + new_unit + b"/"), (b"/" + unit + b">", b"/" + new_unit + b">"),
                                       (b'"' + unit + b'"', b'"' + new_unit + b'"'), (sha, new_sha)):
                data = data.replace(old_text, new_text)
        batch.append(data)
        quads += doc.triples
        if len(batch) >= 500 or index == documents - 1:
            target.bulk_load(b"".join(batch), format=ox.RdfFormat.N_QUADS)
            batch = []
    target.flush()
    target.optimize()
    del target
    staging.rename(store)
    print(f"loaded {documents} graphs ({quads} quads) in {time.perf_counter() - started:.0f} s", flush=True)
    return store


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)
    by_query: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[f"{name}: {error}"] += 1
            else:
                self.latencies.append(seconds)
                self.by_query.setdefault(name, []).append(seconds)


def client(url: str, queries: list[tuple[str, str]], offset: int, deadline: float, budget: list[int], results: Results, timeout: float) -> None:
    with httpx.Client(base_url=url, timeout=timeout) as http:
        index = offset
        while time.monotonic() < deadline:
            with results.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            name, text = queries[index % len(queries)]
            index += 1
            started = time.perf_counter()
            try:
                response = http.post("/sparql", data={"query": text}, headers={"Accept": "application/sparql-results+json"})
                error = None if response.status_code == 200 else f"HTTP {response.status_code} {response.text[:120].strip()}"
            except httpx.HTTPError as problem:
                error = type(problem).__name__
            results.add(name, time.perf_counter() - started, error)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--store", type=Path, help="an existing store (kg build --store)")
    source.add_argument("--documents", type=int, help="build a synthetic corpus of this many documents first")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-load"), help="where --documents keeps its corpus and store")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=100_000, help="stop after this many requests in all")
    parser.add_argument("--timeout", type=float, default=60.0, help="the server's query time limit (s)")
    parser.add_argument("--max-rows", type=int, default=100_000)
    parser.add_argument("--quick", type=int, metavar="N", help="run each query for its first N rows, without its final ORDER BY")
    parser.add_argument("--distinct", type=int, help="with --documents: read only this many documents and repeat them")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes that build the corpus")
    args = parser.parse_args()
    if not (1 <= args.clients <= 256 and 0 < args.seconds <= 3600 and 1 <= args.max_requests <= 10_000_000):
        parser.error("--clients 1…256, --seconds up to 3600, --max-requests up to 10,000,000")

    if args.store:
        store = args.store
    elif args.distinct:
        store = build_replicated_store(args.documents, args.distinct, args.work, args.workers)
    else:
        store = build_store(args.documents, args.work, args.workers)
    port = free_port()
    url = f"http://{LOOPBACK}:{port}"
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(store), str(port), str(args.timeout), str(args.max_rows)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None:
                print(f"the server stopped (exit {server.returncode})", file=sys.stderr)
                return 1
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                print("the server did not start within 300 s", file=sys.stderr)
                return 1
            time.sleep(0.5)

        queries = workload(args.quick)
        results = Results()
        budget = [args.max_requests]
        started = time.monotonic()
        end = started + args.seconds
        # Clients start spread over the library, so that a short run reaches every query, not
        # only the first few.
        threads = [threading.Thread(target=client, args=(url, queries, i * len(queries) // args.clients, end, budget, results, args.timeout * 2 + 30), daemon=True)
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + args.timeout * 2 + 60)
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()

    done = len(results.latencies)
    errors = sum(results.errors.values())
    print(f"store: {store}")
    shape = f"first {args.quick} rows, unordered" if args.quick is not None else "ordered, LIMIT 1000"
    print(f"clients: {args.clients}, {elapsed:.1f} s, {len(queries)} library queries in turn from spread starting points ({shape}); query time limit {args.timeout:g} s")
    print(f"requests: {done + errors} ({done} answered, {errors} errors); throughput {done / elapsed:.2f} queries/s")
    if results.latencies:
        lat = results.latencies
        print(f"latency: p50 {percentile(lat, 50) * 1000:.0f} ms, p90 {percentile(lat, 90) * 1000:.0f} ms, "
              f"p99 {percentile(lat, 99) * 1000:.0f} ms, max {max(lat) * 1000:.0f} ms")
        print("per query (median ms, count):")
        for name, values in sorted(results.by_query.items()):
            print(f"  {name:32s} {statistics.median(values) * 1000:8.0f} {len(values):6d}")
    for error, count in results.errors.most_common(10):
        print(f"error x{count}: {error}")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
