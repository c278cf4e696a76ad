"""Copy the shared blocks of the query library (queries/blocks/*.rq) into the queries that use them.

    python scripts/gen_queries.py          # rewrite the copies
    python scripts/gen_queries.py --check  # exit 1, naming the queries whose copies differ

SPARQL has no include, and every queries/*.rq stays a whole query that a user can read, copy and
run on any SPARQL engine. A block that several queries share (the document block: whose each row
is) has its one home in queries/blocks/, and each query holds a copy between two marker lines:

    # ---- block document: queries/blocks/document.rq (scripts/gen_queries.py copies it) ----
    …
    # ---- end of block document ----

The copy takes the indentation of its opening marker. A block read more than once in a query
names its variables ``?name_N``, and the marker gives each copy its number (``block NAME N=3``:
``?x_N`` becomes ``?x_3``), since one query's copies must not share variables. A block may also
name a variable the query names otherwise: ``block NAME owner=project`` copies ``?owner`` as
``?project`` (after the numbering: ``owner=p_N`` with ``N=3`` gives ``?p_3``). A test runs
--check, so an edit made to a copy, or to a block without running this script, fails the tests.

A block may hold blocks of its own (the figures' median reads the counts five times), copied in
after its own numbering and renaming; an inner marker's ``N=N`` takes the outer copy's number.
One inner block may be left to the query: the marker's ``slot=block`` (a name with a hyphen,
which a variable's has not) puts that block wherever the blocks inside say ``block slot``:
``block figure-median group-key=city-key`` copies figure-median with city-key as its group-key.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # check_flag, beside this script
from check_flag import wants_check  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
BLOCKS = QUERIES / "blocks"

START = re.compile(r"^(?P<indent>[ \t]*)# ---- block (?P<name>[a-z0-9-]+)(?: N=(?P<number>[0-9]+|N))?(?P<renames>(?: [a-z0-9_-]+=[a-z0-9_N-]+)*): .* ----$")
RENAME = re.compile(r"([a-z_]+)=([a-z_N0-9]+)")  # a variable's new name: owner=project
SLOT = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)+)=([a-z0-9]+(?:-[a-z0-9]+)*)")  # an inner block's: group-key=city-key
NUMBERED = re.compile(r"(\?\w+?)_N\b")  # a numbered block's variables
END = "# ---- end of block {name} ----"


class BlockError(Exception):
    """A query's markers are unbalanced or name a block that queries/blocks/ does not have."""


@dataclass(frozen=True)
class Copy:
    """One query's text with its blocks copied in, and which blocks it uses."""

    text: str
    blocks: tuple[str, ...]


def start_marker(name: str, indent: str = "", number: str | None = None, renames: str = "") -> str:
    numbered = f" N={number}" if number else ""
    return f"{indent}# ---- block {name}{numbered}{renames}: queries/blocks/{name}.rq (scripts/gen_queries.py copies it) ----"


def parameters(renames: str) -> tuple[dict[str, str], dict[str, str]]:
    """A marker's parameters: the variables it renames and the blocks it puts in the inner slots."""
    variables: dict[str, str] = {}
    slots: dict[str, str] = {}
    for item in renames.split():
        if match := RENAME.fullmatch(item):
            variables[match[1]] = match[2]
        elif match := SLOT.fullmatch(item):
            slots[match[1]] = match[2]
        else:
            raise BlockError(f"{item!r} is neither a variable's new name (owner=project) nor a slot's block (group-key=city-key)")
    return variables, slots


def copied(block: str, number: str | None, renames: str) -> str:
    """A block's text as one query reads it: its variables numbered, then renamed."""
    text = NUMBERED.sub(rf"\g<1>_{number}", block) if number else block
    for old, new in parameters(renames)[0].items():
        new = new.replace("_N", f"_{number}") if number else new
        text = re.sub(rf"\?{old}\b", f"?{new}", text)
    if number:
        text = re.sub(r"^([ \t]*# ---- block [a-z0-9-]+ N=)N\b", rf"\g<1>{number}", text, flags=re.M)
    return text


def blocks(folder: Path = BLOCKS) -> dict[str, str]:
    """Each shared block by name, its text without a final newline."""
    return {path.stem: path.read_text(encoding="utf-8").rstrip("\n") for path in sorted(folder.glob("*.rq"))}


def with_blocks(text: str, shared: dict[str, str], where: str = "", slots: dict[str, str] | None = None,
                within: tuple[str, ...] = ()) -> Copy:
    """``text`` with each marked block replaced by the current text of its block (``slots``: the
    blocks an outer marker chose for the inner blocks' slots; ``within``: the blocks being copied)."""
    slots = slots or {}
    lines = text.split("\n")
    out: list[str] = []
    used: list[str] = []
    i = 0
    while i < len(lines):
        match = START.match(lines[i])
        if match is None:
            out.append(lines[i])
            i += 1
            continue
        name, indent, number, renames = match["name"], match["indent"], match["number"], match["renames"]
        name = slots.get(name, name)
        if number == "N":
            raise BlockError(f"{where}:{i + 1}: block {name!r} is numbered N outside a numbered block")
        if name not in shared:
            raise BlockError(f"{where}:{i + 1}: no block {name!r} in queries/blocks/")
        try:
            chosen = parameters(renames)[1]
        except BlockError as error:
            raise BlockError(f"{where}:{i + 1}: {error}") from None
        if name in within:
            raise BlockError(f"{where}:{i + 1}: block {name!r} holds itself: {' → '.join((*within, name))}")
        end = f"{indent}{END.format(name=name)}"
        ends = {end, f"{indent}{END.format(name=match['name'])}"}  # a slot's end names the slot until copied
        closing = next((j for j in range(i + 1, len(lines)) if lines[j] in ends), None)
        if closing is None:
            raise BlockError(f"{where}:{i + 1}: block {name!r} has no line {end.strip()!r}")
        inner = with_blocks(copied(shared[name], number, renames), shared, f"{where}:{i + 1}: block {name}",
                            {**slots, **chosen}, (*within, name))
        block = inner.text
        used += [name, *inner.blocks]
        out.append(start_marker(name, indent, number, renames))
        out += [f"{indent}{line}" if line else line for line in block.split("\n")]
        out.append(end)
        i = closing + 1
    return Copy("\n".join(out), tuple(used))


def stale(folder: Path = QUERIES) -> dict[Path, str]:
    """The queries whose copies differ from their blocks, each with its text as it should be."""
    shared = blocks(folder / "blocks")
    changed: dict[Path, str] = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        copy = with_blocks(text, shared, str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
        if copy.text != text:
            changed[path] = copy.text
    return changed


def main(argv: list[str]) -> int:
    check = wants_check(__doc__, argv)
    try:
        changed = stale()
    except BlockError as error:
        print(error, file=sys.stderr)
        return 1
    if check:
        for path in changed:
            print(f"{path.relative_to(ROOT)}: its copy of a block differs; run python scripts/gen_queries.py", file=sys.stderr)
        return 1 if changed else 0
    for path, text in changed.items():
        path.write_text(text, encoding="utf-8")
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
