"""Seconds per page reading the example's PDF renderings (tests/data/pdf), PDF → extract lines
(kg.read.pdf.extract_pdf) and PDF → records (kg.build.read_disclosure), best of N runs.

    python3 benchmarks/pdf.py [--runs 5]

Target (issue #22): at most 0.1 s a page on the 2-core machine.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.build import read_disclosure
from kg.read.pdf import extract_pdf

PDFS = Path(__file__).resolve().parents[1] / "tests" / "data" / "pdf"
RENDERINGS = ("chromium-noto", "chromium-wqy", "reportlab-uming", "chromium-wqy-rotated")


def best(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
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
