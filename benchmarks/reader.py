"""Per-document CPU of an ingest's worker, stage by stage: read, analyse, map to quads, write N-Quads.

Over N generated disclosures (kg synth, one process, after a warm-up), each stage's mean in
milliseconds a document, and the slowest functions of the whole when ``--profile`` is given.
The worker's share of an ingest is the sum; the store's bulk load is measured by corpus.py.

    python benchmarks/reader.py --documents 60
    python benchmarks/reader.py --documents 60 --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import platform
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.analyse.analysis import analyse  # noqa: E402
from kg.build import read_disclosure  # noqa: E402
from kg.rdf.iris import DEFAULT_BASE  # noqa: E402
from kg.rdf.mapping import disclosure_quads  # noqa: E402
from kg.rdf.rdfio import nquads  # noqa: E402
from kg.synth.generate import write_corpus  # noqa: E402

STAGES = ("read", "analyse", "quads", "N-Quads")


def stage_seconds(paths: list[Path]) -> dict[str, float]:
    """Seconds spent in each stage over all ``paths``."""
    spent = dict.fromkeys(STAGES, 0.0)
    for path in paths:
        started = time.perf_counter()
        disclosure = read_disclosure(str(path))
        read = time.perf_counter()
        analysis = analyse(disclosure)
        analysed = time.perf_counter()
        quads = list(disclosure_quads(disclosure, analysis, DEFAULT_BASE))
        mapped = time.perf_counter()
        nquads(quads)
        written = time.perf_counter()
        for stage, seconds in zip(STAGES, (read - started, analysed - read, mapped - analysed, written - mapped)):
            spent[stage] += seconds
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also print the N functions of most own time")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}")
    with tempfile.TemporaryDirectory(prefix="kg-reader-") as folder:
        paths = write_corpus(args.documents, Path(folder), seed=args.seed, workers=1)
        stage_seconds(paths[:3])  # warm-up: vocabularies and regular expressions load once a process
        spent = stage_seconds(paths)
        for stage in STAGES:
            print(f"{stage:<8} {spent[stage] / len(paths) * 1000:6.1f} ms a document")
        print(f"{'total':<8} {sum(spent.values()) / len(paths) * 1000:6.1f} ms a document ({len(paths)} documents)")
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(stage_seconds, paths)
            pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
