"""Long fuzz run of the reader: N damaged copies of the example, figures printed at the end.

    python benchmarks/fuzz.py --examples 10000 --workers 2
    python benchmarks/fuzz.py --forms --examples 10000   # other provinces' forms (tests/data/layouts)

Each copy gets 1–6 random mutations (kg.synth.mutate: dropped, duplicated, swapped, split or joined
lines, truncation, damaged numbers, dropped cells, junk lines, four encodings, three line ends).
The reader must raise its own error (kg.errors.KgError) or return records whose every value is on
the line it names; anything else is a failure, printed with its seed so it can be replayed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.errors import KgError
from kg.read.national.forms import untraceable_form_values
from kg.read.provenance import untraceable_values
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import DocumentKind
from kg.synth.mutate import mutate

EXAMPLE = (ROOT / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8")
FORMS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "layouts").glob("*.txt"))]


def run_one(seed: int, forms: bool = False) -> tuple[str, str]:
    rng = random.Random(seed)
    text = FORMS[seed % len(FORMS)] if forms else EXAMPLE  # --forms: each seed damages one of the excerpts in turn
    data, applied = mutate(text, rng, rng.randint(1, 6))
    try:
        source = source_from_bytes(data, "fuzz.txt")
        disclosure = parse_source(source)
    except KgError:
        return "reader error", ""
    except Exception:  # the finding this script exists for
        return "uncaught exception", f"seed {seed} {applied}: {traceback.format_exc(limit=3)}"
    check = untraceable_values if disclosure.kind == DocumentKind.DISCLOSURE else untraceable_form_values
    problems = check(disclosure, source)
    if problems:
        return "untraceable value", f"seed {seed} {applied}: {problems[:3]}"
    return "records", ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--forms", action="store_true", help="damage the real excerpts of other provinces' forms instead of the example")
    args = parser.parse_args()
    started = time.perf_counter()
    seeds = range(args.seed, args.seed + args.examples)
    with ProcessPoolExecutor(args.workers) as pool:
        outcomes = list(pool.map(run_one, seeds, [args.forms] * len(seeds), chunksize=50))
    seconds = time.perf_counter() - started
    counts = Counter(kind for kind, _ in outcomes)
    print(f"damaged documents: {args.examples} (seeds {args.seed}–{args.seed + args.examples - 1}), {seconds:.1f} s")
    for kind in ("records", "reader error", "untraceable value", "uncaught exception"):
        print(f"  {kind:20} {counts[kind]:6}")
    for kind, detail in outcomes:
        if detail:
            print(f"{kind}: {detail}")
    return 1 if counts["uncaught exception"] or counts["untraceable value"] else 0


if __name__ == "__main__":
    sys.exit(main())
