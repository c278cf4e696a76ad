from __future__ import annotations

from pathlib import Path

import pytest

from kg.read.text import parse_disclosure
from kg.records import Disclosure

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example() -> Disclosure:
    """The bundled example, parsed once for the whole session (read-only)."""
    return parse_disclosure(EXAMPLE)


@pytest.fixture(scope="session")
def example_lines() -> list[str]:
    return EXAMPLE.read_text(encoding="utf-8").split("\n")
