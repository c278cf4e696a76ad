"""README.md shows real output: a test fails when a command's output drifts from what it shows."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_tour():
    spec = importlib.util.spec_from_file_location("readme_tour", ROOT / "scripts" / "readme_tour.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_readme_outputs_are_what_the_commands_print() -> None:
    tour = load_tour()
    current = tour.README.read_text(encoding="utf-8")
    assert tour.BLOCK.search(current), "README.md has tour blocks"
    assert tour.comparable(tour.render(current)) == tour.comparable(current), "README.md drifted: run `python scripts/readme_tour.py`"


def test_readme_has_exactly_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]
    assert commands == ["pip install . && kg demo", "scripts/test.sh"]
