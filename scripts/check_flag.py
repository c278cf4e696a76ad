"""The one option the generator scripts take: `--check` (exit 1 when the files drift) or nothing
(rewrite them); `--help` prints the script's docstring, and anything else is refused."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def wants_check(doc: str | None, argv: Sequence[str] | None = None) -> bool:
    """Whether the script was asked to check (``--check``) rather than rewrite its files."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 and say what differs when the files are stale")
    return bool(parser.parse_args(argv).check)
