"""Write every output kg gives on the bundled example into a folder, to compare two versions of kg.

    python scripts/compare_outputs.py OUT_DIR          # run the installed kg, write its outputs
    diff -r BEFORE_DIR AFTER_DIR                       # what changed between two versions

Used when the code is reorganised: every output must stay byte-identical except where a change
means it to differ, and the differences are listed in the change's note.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"


def kg(out_dir: Path, name: str, *args: str) -> None:
    """Run `kg ARGS` in OUT_DIR and keep its stdout, stderr and exit status under NAME."""
    result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=out_dir, capture_output=True, text=True)
    (out_dir / f"{name}.out").write_text(result.stdout, encoding="utf-8")
    (out_dir / f"{name}.err").write_text(f"exit {result.returncode}\n{result.stderr}", encoding="utf-8")


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    example = str(EXAMPLE)
    kg(out_dir, "parse-table", "parse", example)
    kg(out_dir, "parse-json", "parse", example, "-f", "json")
    kg(out_dir, "parse-explain", "parse", example, "--explain")
    kg(out_dir, "build", "build", example, "-o", "g.ttl", "-o", "g.nt", "-o", "g.jsonld", "-o", "g.trig", "-o", "g.nq")
    for fmt in ("table", "csv", "tsv", "json"):
        kg(out_dir, f"audit-{fmt}", "audit", example, "-f", fmt)
        kg(out_dir, f"trace-{fmt}", "trace", example, "-f", fmt)
    kg(out_dir, "stats", "stats", example)
    kg(out_dir, "viz", "viz", example, "-o", "graph.html")
    kg(out_dir, "validate", "validate", "g.ttl")
    names = subprocess.run([sys.executable, "-m", "kg", "queries", "-f", "csv"], capture_output=True, text=True, check=True)
    for line in names.stdout.splitlines()[1:]:
        query = line.split(",", 1)[0]
        kg(out_dir, f"query-{query}", "query", query, "--data", "g.ttl", "-f", "csv")
        kg(out_dir, f"query-{query}-text", "query", query, "--data", example, "-f", "csv")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve())
