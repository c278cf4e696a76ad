"""Corpus benchmark: ingest, query latency and the rdflib baseline, figures printed as a table.

    python benchmarks/corpus.py                   # the full run: 300, 1k and 10k documents
    python benchmarks/corpus.py --sizes 300 1000  # a quicker run
    python benchmarks/corpus.py --markdown        # also print the table as Markdown for README.md

What it measures (targets from the project's corpus issue, on a 2-core, 24 GB machine):
- ingest of N generated disclosures (`kg synth`) into the on-disk Oxigraph store: wall time,
  documents/s, quads/s and quads a document, peak RSS of all processes together, store size on disk;
- latency of every library query over the largest corpus (median of 5, in-process on an open store;
  a query still running after --query-cap seconds, all its runs together, is stopped and reported so),
  the satisfaction query's full CSV, its first 100 rows (`--limit 100`), and one project's indicators
  by code; and `indicators` over 300 documents when 300 is one of the sizes;
- `kg build` of the bundled example to Turtle, end to end in a new process;
- at the --baseline sizes (300 and 1k) the same parse + ingest into rdflib's in-memory store, with
  the speed and memory ratios.
Each phase runs in a child process so that its peak RSS is its own. Every figure with a target is
marked ✓ or ✗ against it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class PeakRss:
    """Samples the summed RSS of this process and all its children every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ---- phases (each run in a child process: `python corpus.py --phase NAME ARGS…`) -------------


def phase_ingest(corpus: str, store: str, workers: int) -> dict:
    from kg.store.ingest import ingest

    with PeakRss() as rss:
        report = ingest(store, [corpus], workers=workers)
    return {
        "documents": len(report.loaded), "failed": len(report.failed), "seconds": report.seconds,
        "triples": report.triples, "peak_rss": rss.peak, "disk": folder_size(Path(store)),
    }


def phase_rdflib(corpus: str, workers: int) -> dict:
    """The same pipeline (documents parsed and mapped to N-Quads in worker processes), with
    rdflib's in-memory Dataset as the store instead of Oxigraph on disk."""
    import rdflib

    from kg.rdf.iris import DEFAULT_BASE
    from kg.store.ingest import expand_inputs, prepared_in_order

    started = time.perf_counter()
    with PeakRss() as rss:
        dataset = rdflib.Dataset()
        documents = 0
        for doc in prepared_in_order(expand_inputs([corpus]), DEFAULT_BASE, None, workers):
            if doc.error is None:
                dataset.parse(data=doc.nquads, format="nquads")
                documents += 1
        triples = len(dataset)
    return {"documents": documents, "seconds": time.perf_counter() - started, "triples": triples, "peak_rss": rss.peak}


def phase_query(store: str, name: str, code: str) -> None:
    """Run one library query up to five times, printing each run's seconds and rows as it ends
    (the parent stops this process at its time cap and keeps the runs printed so far). A query
    that takes a project code is asked for ``code``, one the corpus has."""
    from kg.store.ingest import open_store
    from kg.store.query import OxigraphEngine, library, run_query

    engine = OxigraphEngine(open_store(store))
    query = library()[name]
    params = {"code": str(code)} if any(p.name == "code" for p in query.params) else {}
    for _ in range(5):
        started = time.perf_counter()
        rows = len(run_query(query, engine, params).rows)
        print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}), flush=True)


def timed_query(store: str, name: str, code: str, cap: float) -> dict:
    """Median of up to five runs of a library query, each in a child process stopped after
    ``cap`` seconds in all: a query that never finishes is reported as "more than the cap"."""
    child = subprocess.Popen(
        [sys.executable, __file__, "--phase", "query", store, name, code], stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    runs: list[dict] = []
    reader = threading.Thread(target=lambda: runs.extend(json.loads(line) for line in child.stdout), daemon=True)
    reader.start()
    stopped = False
    try:
        child.wait(timeout=cap)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        stopped = True
    reader.join()
    if not stopped and child.returncode != 0:
        raise SystemExit(f"query {name} failed (exit {child.returncode})")
    if not runs:
        return {"median": None, "rows": None, "runs": 0, "cap": cap}
    return {"median": statistics.median(r["seconds"] for r in runs), "rows": runs[0]["rows"], "runs": len(runs), "cap": cap}


def phase_queries(store: str, cap: float = 120.0) -> dict:
    from kg.store.ingest import open_store
    from kg.store.query import OxigraphEngine, library, run_query
    from kg.store.results import render_result

    engine = OxigraphEngine(open_store(store))
    code = next(iter(engine.store.query(
        "SELECT ?c WHERE { ?p <https://w3id.org/cnbudget/ontology#projectCode> ?c } LIMIT 1", use_default_graph_as_union=True
    )))[0].value
    timings = {name: timed_query(store, name, code, cap) for name in library()}
    started = time.perf_counter()
    csv = render_result(run_query("satisfaction-at-least", engine), "csv")
    full_csv = time.perf_counter() - started
    first = []
    for _ in range(5):
        started = time.perf_counter()
        run_query("satisfaction-at-least", engine, limit=100)
        first.append(time.perf_counter() - started)
    by_code = []
    for _ in range(5):
        started = time.perf_counter()
        run_query("project-indicators", engine, {"code": code})
        by_code.append(time.perf_counter() - started)
    return {
        "queries": timings, "satisfaction_csv": full_csv, "satisfaction_rows": csv.count("\n") - 1,
        "first_100": statistics.median(first), "by_code": statistics.median(by_code),
    }


def phase_example_build() -> dict:
    out = Path(tempfile.mkdtemp()) / "example.ttl"
    example = ROOT / "examples" / "000_c335fd1cef659d43.txt"
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg", "build", str(example), "-o", str(out)], check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - started)
    return {"seconds": statistics.median(runs)}


PHASES = {
    "ingest": phase_ingest, "rdflib": phase_rdflib, "queries": phase_queries, "query": phase_query,
    "example": phase_example_build,
}


def phase_argument(text: str) -> int | float | str:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def run_phase(name: str, *args: object) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--phase", name, *map(str, args)], capture_output=True, text=True, cwd=ROOT,
    )
    if result.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---- the run ---------------------------------------------------------------------------------


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 10000])
    parser.add_argument("--baseline", type=int, nargs="+", default=[300, 1000], help="sizes also run on rdflib's memory store")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--work", type=Path, default=None, help="folder for corpora and stores [default: a temporary one]")
    parser.add_argument("--query-cap", type=float, default=60.0,
                        help="seconds one library query may take over the largest corpus, all its runs together (the target)")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.phase:
        result = PHASES[args.phase](*map(phase_argument, rest))
        if result is not None:
            print(json.dumps(result))
        return 0

    from kg.synth.generate import write_corpus

    cpu = platform.processor() or platform.machine()
    machine = f"{psutil.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GB, Python {platform.python_version()}, {platform.system()}"
    print(f"machine: {machine}", flush=True)
    lines: list[tuple[str, str, str]] = []  # (measure, figure, target with ✓ or ✗)

    def record(measure: str, figure: str, target: str = "", met: bool | None = None) -> None:
        """Keep a figure for the final table, and print it now: a long run shows what it has so far."""
        if target and met is not None:
            target = f"{target} {'✓' if met else '✗'}"
        lines.append((measure, figure, target))
        print(f"{measure}: {figure}" + (f"   [target {target}]" if target else ""), flush=True)

    def record_query(name: str, size: int, timing: dict, bound: float | None) -> None:
        """A library query's median (timed_query), or that it was stopped, against ``bound`` seconds."""
        target = f"≤ {bound:.0f} s" if bound is not None else ""
        if timing["median"] is None:
            record(f"query {name} over {size:,}", f"> {timing['cap']:.0f} s (stopped)", target, False)
        else:
            record(f"query {name} over {size:,} ({timing['rows']:,} rows, median of {timing['runs']})",
                   f"{timing['median']:.2f} s", target, bound is not None and timing["median"] <= bound)

    example = run_phase("example")  # first: the quietest moment of the run
    record("kg build of the example to Turtle, new process", f"{example['seconds']:.2f} s", "≤ 1 s", example["seconds"] <= 1)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    biggest = max(args.sizes)
    corpus = work / f"corpus-{biggest}"
    started = time.perf_counter()
    write_corpus(biggest, corpus, seed=1, workers=args.workers)
    record(f"generate {biggest:,} documents (kg synth)", f"{time.perf_counter() - started:.1f} s")
    documents = sorted(corpus.glob("*.txt"))
    for size in sorted(args.sizes):
        subset = work / f"subset-{size}"
        if size == biggest:
            subset = corpus
        else:
            subset.mkdir(exist_ok=True)
            for path in documents[:size]:
                target = subset / path.name
                if not target.exists():
                    os.link(path, target)
        store = work / f"store-{size}"
        shutil.rmtree(store, ignore_errors=True)
        ingest = run_phase("ingest", subset, store, args.workers)
        per_doc = ingest["triples"] / max(1, ingest["documents"])
        at_10k = size == 10000
        record(
            f"ingest {size:,} into Oxigraph on disk",
            f"{ingest['seconds']:.1f} s, {ingest['documents'] / ingest['seconds']:.0f} docs/s, "
            f"{ingest['triples'] / ingest['seconds']:,.0f} quads/s, {per_doc:,.0f} quads a document, {ingest['failed']} failed",
            "≤ 300 s" if at_10k else "", ingest["seconds"] <= 300 if at_10k else None,
        )
        record(f"ingest {size:,}: peak memory of all processes", mb(ingest["peak_rss"]),
               "≤ 2.5 GB" if at_10k else "", ingest["peak_rss"] <= 2.5 * 2**30 if at_10k else None)
        record(f"ingest {size:,}: store on disk", mb(ingest["disk"]),
               "≤ 5 GB" if at_10k else "", ingest["disk"] <= 5 * 2**30 if at_10k else None)
        if size in args.baseline:
            base = run_phase("rdflib", subset, args.workers)
            speed = base["seconds"] / ingest["seconds"]
            lean = base["peak_rss"] / ingest["peak_rss"]
            record(f"ingest {size:,} into rdflib memory (baseline)", f"{base['seconds']:.1f} s, peak {mb(base['peak_rss'])}")
            record(f"ingest {size:,}: Oxigraph against rdflib", f"{speed:.1f}× faster, {lean:.1f}× leaner",
                   "≥ 5× faster, ≥ 3× leaner", speed >= 5 and lean >= 3)
        if size == 300:
            record_query("indicators", size, timed_query(str(store), "indicators", "", args.query_cap), 2.0)
        if size == biggest:
            q = run_phase("queries", store, args.query_cap)
            record(f"satisfaction-at-least, full CSV ({q['satisfaction_rows']:,} rows)", f"{q['satisfaction_csv']:.2f} s",
                   "≤ 20 s" if at_10k else "", q["satisfaction_csv"] <= 20)
            record("satisfaction-at-least --limit 100", f"{q['first_100'] * 1000:.0f} ms", "≤ 300 ms", q["first_100"] <= 0.3)
            record("project-indicators by code (in-process)", f"{q['by_code'] * 1000:.1f} ms", "≤ 50 ms", q["by_code"] <= 0.05)
            for name, timing in sorted(q["queries"].items()):
                # The targets are for 10k documents.
                record_query(name, size, timing, (10.0 if name == "indicators-per-tier" else 60.0) if at_10k else None)

    print()
    width = max(len(m) for m, _, _ in lines)
    for measure, figure, target in lines:
        print(f"{measure:<{width}}  {figure}" + (f"   [target {target}]" if target else ""))
    if args.markdown:
        print(f"\n_Machine: {machine}._\n\n| measure | figure | target |\n| --- | --- | --- |")
        for measure, figure, target in lines:
            print(f"| {measure} | {figure} | {target} |")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
