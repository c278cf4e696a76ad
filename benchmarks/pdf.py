"""Seconds per page reading the example's PDF renderings (tests/data/pdf), PDF → extract lines
(kg.read.pdf.extract_pdf) and PDF → records (kg.build.read_disclosure), best of N runs.

    python3 benchmarks/pdf.py [--runs 5]
    python3 benchmarks/pdf.py --corpus 100 [--seed 1] [--workers 2]

Target (issue #22): at most 0.1 s a page on the 2-core machine.

``--corpus N``: N generated documents written as text and as PDF (`kg synth --format pdf`, the same
seed), each corpus loaded into a store of its own (`kg build --store`); the times, and the counts
per document graph (projects, their targets, activities, theirs) compared: they must be the same.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import best

from kg.build import read_disclosure
from kg.read.pdf import extract_pdf

PDFS = Path(__file__).resolve().parents[1] / "tests" / "data" / "pdf"
RENDERINGS = ("chromium-noto", "chromium-wqy", "reportlab-uming", "chromium-wqy-rotated")


COUNTS = """
PREFIX kg: <https://w3id.org/cnbudget/ontology#>
SELECT ?g (COUNT(DISTINCT ?p) AS ?projects) (COUNT(DISTINCT ?pt) AS ?targets) (COUNT(DISTINCT ?a) AS ?activities) (COUNT(DISTINCT ?at) AS ?activity_targets)
WHERE { GRAPH ?g { { ?p a kg:BudgetProject OPTIONAL { ?p kg:hasTarget ?pt } } UNION { ?a a kg:DepartmentActivity OPTIONAL { ?a kg:hasTarget ?at } } } }
GROUP BY ?g
"""


def store_counts(store_dir: Path) -> dict[str, tuple[int, ...]]:
    """Document graph → (projects, their targets, activities, their targets)."""
    from kg.store.ingest import open_store

    store = open_store(store_dir)
    return {row["g"].value: tuple(int(row[k].value) for k in ("projects", "targets", "activities", "activity_targets"))
            for row in store.query(COUNTS)}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def corpus(n: int, seed: int, workers: int) -> None:
    kg = [sys.executable, "-m", "kg"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        counts = {}
        for fmt in ("txt", "pdf"):
            folder, store = root / fmt, root / f"{fmt}-store"
            synth = timed([*kg, "synth", str(n), "-o", str(folder), "--seed", str(seed), "--workers", str(workers), "--format", fmt])
            files = sorted(str(p) for p in folder.glob(f"*.{fmt}"))
            pages = sum(extract_pdf(Path(f).read_bytes(), f).layout.pages for f in files) if fmt == "pdf" else 0
            ingest = timed([*kg, "build", *files, "--store", str(store), "--workers", str(workers)])
            counts[fmt] = store_counts(store)
            extra = f", {pages} pages, {ingest / pages:.3f} s a page" if pages else ""
            print(f"{fmt}: {n} documents written in {synth:.1f} s; into the store in {ingest:.1f} s ({ingest / n:.2f} s a document{extra})")
        same = counts["txt"] == counts["pdf"]
        differing = sorted(g for g in counts["txt"].keys() | counts["pdf"].keys() if counts["txt"].get(g) != counts["pdf"].get(g))
        print(f"document graphs: {len(counts['txt'])} (text), {len(counts['pdf'])} (PDF); "
              f"projects, targets, activities, activity targets per document the same: {same}"
              + (f" (differ: {', '.join(differing[:5])})" if differing else ""))
        print("totals:", [sum(v[k] for v in counts["txt"].values()) for k in range(4)], [sum(v[k] for v in counts["pdf"].values()) for k in range(4)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=int, metavar="N", help="N generated documents as text and as PDF into stores, compared")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.corpus:
        corpus(args.corpus, args.seed, args.workers)
        return
    print(f"{'rendering':<24} {'pages':>5} {'extract s':>10} {'s/page':>8} {'records s':>10} {'s/page':>8}")
    for name in RENDERINGS:
        path = PDFS / f"example-{name}.pdf"
        data = path.read_bytes()
        pages = extract_pdf(data, str(path)).layout.pages
        extract = best(args.runs, lambda data=data, path=path: extract_pdf(data, str(path)))
        records = best(args.runs, lambda path=path: read_disclosure(path))
        print(f"{name:<24} {pages:>5} {extract:>10.3f} {extract / pages:>8.4f} {records:>10.3f} {records / pages:>8.4f}")


if __name__ == "__main__":
    main()
