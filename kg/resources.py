"""Where the data files live: ontology/, queries/ and examples/.

They sit at the top of the repository and are copied into ``kg/_data/`` when the wheel is built,
so the same lookup serves an installed kg and a source checkout (editable install, tests).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

EXAMPLE_NAME = "000_c335fd1cef659d43.txt"


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``ontology``, ``queries`` or ``examples``), installed or in the source tree."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's data folder {name!r} is missing from the installation")


def ontology_file(name: str) -> Path:
    return data_dir("ontology") / name


def example_path() -> Path:
    """The bundled example disclosure (a 2026 Beijing street office), the default input."""
    return data_dir("examples") / EXAMPLE_NAME
