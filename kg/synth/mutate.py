"""Damage a disclosure the ways real files get damaged, for fuzzing the reader.

Used by the property-based tests and by benchmarks/fuzz.py; kept in the package so both share one
definition of "damage". Each mutation takes the lines and a random generator and returns new lines.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Lines = list[str]


def drop(lines: Lines, rng: random.Random) -> Lines:
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + 1 :]


def duplicate(lines: Lines, rng: random.Random) -> Lines:
    i = rng.randrange(len(lines))
    return lines[: i + 1] + [lines[i]] + lines[i + 1 :]


def swap(lines: Lines, rng: random.Random) -> Lines:
    if len(lines) < 2:
        return lines
    i = rng.randrange(len(lines) - 1)
    return lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2 :]


def split(lines: Lines, rng: random.Random) -> Lines:
    i = rng.randrange(len(lines))
    at = rng.randrange(len(lines[i]) + 1)
    return lines[:i] + [lines[i][:at], lines[i][at:]] + lines[i + 1 :]


def join(lines: Lines, rng: random.Random) -> Lines:
    if len(lines) < 2:
        return lines
    i = rng.randrange(len(lines) - 1)
    return lines[:i] + [lines[i] + lines[i + 1]] + lines[i + 2 :]


def truncate(lines: Lines, rng: random.Random) -> Lines:
    return lines[: rng.randrange(len(lines) + 1)]


def damage_number(lines: Lines, rng: random.Random) -> Lines:
    numbered = [i for i, line in enumerate(lines) if any(ch.isdigit() for ch in line)]
    if not numbered:
        return lines
    i = rng.choice(numbered)
    digits = [j for j, ch in enumerate(lines[i]) if ch.isdigit()]
    j = rng.choice(digits)
    junk = rng.choice(["", " ", ",", ".", "O", "l", "９", "\u00a0", "-", "1,0"])
    return lines[:i] + [lines[i][:j] + junk + lines[i][j + 1 :]] + lines[i + 1 :]


def drop_cell(lines: Lines, rng: random.Random) -> Lines:
    tabbed = [i for i, line in enumerate(lines) if "\t" in line]
    if not tabbed:
        return lines
    i = rng.choice(tabbed)
    cells = lines[i].split("\t")
    del cells[rng.randrange(len(cells))]
    return lines[:i] + ["\t".join(cells)] + lines[i + 1 :]


def insert_junk(lines: Lines, rng: random.Random) -> Lines:
    i = rng.randrange(len(lines) + 1)
    junk = "".join(rng.choice("\t 预算表12合计≥≤定性\u3000\u00a0%0123456789.,-T\x1b[31m<>&\"'") for _ in range(rng.randrange(1, 40)))
    return lines[:i] + [junk] + lines[i:]


MUTATIONS: dict[str, Callable[[Lines, random.Random], Lines]] = {
    "drop": drop, "duplicate": duplicate, "swap": swap, "split": split, "join": join, "truncate": truncate,
    "damage_number": damage_number, "drop_cell": drop_cell, "insert_junk": insert_junk,
}
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16")
LINE_ENDS = ("\n", "\r\n", "\r")


def mutate(text: str, rng: random.Random, steps: int = 3) -> tuple[bytes, list[str]]:
    """The text after ``steps`` random mutations, encoded and with line ends chosen at random."""
    lines = text.split("\n")
    applied = []
    for _ in range(steps):
        name = rng.choice(sorted(MUTATIONS))
        lines = MUTATIONS[name](lines, rng) or [""]
        applied.append(name)
    encoding = rng.choice(ENCODINGS)
    end = rng.choice(LINE_ENDS)
    applied += [encoding, repr(end)]
    return end.join(lines).encode(encoding, errors="replace"), applied
