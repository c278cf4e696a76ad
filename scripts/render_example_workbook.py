#!/usr/bin/env python3
"""Render the bundled example as department workbooks look, for tests/data/xlsx/.

    python scripts/render_example_workbook.py [--out tests/data/xlsx] [--no-xls]

Writes, from the text's cells (examples/000_c335fd1cef659d43.txt) and the project assignment
read by a person (tests/data/xlsx/example-projects.tsv), never from kg's own page-break decisions:

- example-sheets.xlsx: one sheet per table (预算01表 … 预算13表), each with its heading and
  金额单位 row;
- example-one-sheet.xlsx: all tables in one sheet, one under another;
- the same two as .xls, converted by LibreOffice (``soffice --headless --convert-to xls``);
- encrypted.xlsx: a small workbook that opens with the password ``kg`` (msoffcrypto-tool), for
  the error test.

As real workbooks are: amounts are numeric cells shown through ``#,##0.000000`` (the printed
18,985.336217 is the value 18985.336217 with the format applied); header cells are merged over
the columns and rows they head; in 预算表12 the 单位名称 cell is merged over the whole table and a
project's 项目名称, 项目总额, 财政资金, 其他资金 and 绩效目标 are merged over its indicator rows, with
the name and goal fragments that the PDF's page breaks scattered joined back in line order. There
are no page breaks in a workbook, so none are rendered.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.synth.workbook import Project12, blocks_of, clean_name, write_workbook  # noqa: E402

EXAMPLE = ROOT / "examples" / "000_c335fd1cef659d43.txt"
ASSIGNMENT = ROOT / "tests" / "data" / "xlsx" / "example-projects.tsv"

HEADING = re.compile(r"\s*预算\s*(?:(\d{1,2})\s*表|表\s*(\d{1,2}))\s*(.*)")
UNIT_NOTE = re.compile(r"\s*金额单位\s*[:：].*")
PROJECT_CELL = re.compile(r"(\d{8}\s*T(?:\s*\d){12})\s*[-－—]\s*(.*)", re.S)
UNIT_CELL = re.compile(r"\d{6}\s*[-－—]\s*\S.*")
NUMBER = re.compile(r"\s*[\d,.\s]+\s*")
TIER1 = ("产出指标", "效益指标", "满意度指标", "成本指标")


def read_assignment(path: Path) -> list[tuple[list[int], str]]:
    """(lines, project code) in file order."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        spec, code = raw.split("\t")[:2]
        numbers: list[int] = []
        for part in spec.split(","):
            low, _, high = part.partition("-")
            numbers += range(int(low), int(high or low) + 1)
        out.append((numbers, code))
    return out


def table12_projects(lines: list[str], assignment: list[tuple[list[int], str]]) -> tuple[list[Project12], str]:
    """表12's projects whole, from the text's cells and the assignment: the code row's cells, the
    name's tails (in the name columns) and the goal's fragments (further right) joined in line
    order, one indicator a row; and the 单位名称 cell."""
    heading = next(i for i, t in enumerate(lines) if "\t" not in t and t.strip().startswith("预算表12"))
    end = next(i for i, t in enumerate(lines) if i > heading and "\t" not in t and HEADING.fullmatch(t))
    data = {n for n in range(heading + 2, end + 1) if lines[n - 1].strip() and not UNIT_NOTE.fullmatch(lines[n - 1])
            and "单位名称" not in lines[n - 1] and "财政资金" not in lines[n - 1]}
    assigned = {n for numbers, _ in assignment for n in numbers}
    if assigned != data:
        raise SystemExit(f"{ASSIGNMENT}: lines {sorted(data - assigned)} unassigned, {sorted(assigned - data)} not 表12 data lines")
    projects, unit_text = [], None
    for numbers, code in assignment:
        name, goal, amounts, indicators = "", "", ("", "", ""), []
        for n in numbers:
            cells = [c.strip() for c in lines[n - 1].split("\t")]
            tier = next((i for i, c in enumerate(cells) if c in TIER1), len(cells))
            left = cells[:tier]
            start = next((i for i, c in enumerate(left) if PROJECT_CELL.fullmatch(c)), None)
            if start is not None:
                match = PROJECT_CELL.fullmatch(left[start])
                assert match and re.sub(r"\s", "", match.group(1)) == code, (n, code)
                unit_text = unit_text or next((c for c in left[:start] if UNIT_CELL.fullmatch(c)), None)
                name = match.group(2) + name
                after = left[start + 1 :]
                k = 0
                while k < len(after) and (not after[k] or NUMBER.fullmatch(after[k])):
                    k += 1
                amounts = tuple((after[:k] + ["", "", ""])[:3])  # type: ignore[assignment]
                goal += "".join(c for c in after[k:] if c)
            else:
                for i, c in enumerate(left):
                    if c and i <= 1:
                        name += c  # a name's tail, in the name columns
                    elif c:
                        goal += c  # a goal's fragment, further right
            if tier < len(cells):
                tier1, tier2, ind_name, comparator, *rest = cells[tier:] + ["", "", "", "", ""]
                if comparator == "定性":  # its text sits right after 定性 or one cell further
                    indicators.append((tier1, tier2, ind_name, comparator, next((c for c in rest if c), ""), ""))
                else:
                    indicators.append((tier1, tier2, ind_name, comparator, rest[0], rest[1]))
        projects.append(Project12(code, clean_name(name), amounts, goal, indicators))
    assert unit_text, "no 单位名称 cell in 表12"
    return projects, unit_text


def to_xls(paths: list[Path], out: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc-nogui (or pass --no-xls)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xls", "--outdir", str(out), *map(str, paths)],
            check=True, capture_output=True, timeout=300,
        )
    return [out / (p.stem + ".xls") for p in paths]


def encrypted_workbook(out: Path) -> Path | None:
    try:
        import msoffcrypto
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print("msoffcrypto-tool not installed: encrypted.xlsx not made", file=sys.stderr)
        return None
    from openpyxl import Workbook

    del msoffcrypto
    book = Workbook()
    book.active.title = "预算表12"
    book.active["A1"] = "预算表12 年度项目支出绩效表"
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.xlsx"
        book.save(plain)
        path = out / "encrypted.xlsx"
        with plain.open("rb") as source, path.open("wb") as target:
            OOXMLFile(source).encrypt("kg", target)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "data" / "xlsx")
    parser.add_argument("--no-xls", action="store_true", help="Write the .xlsx files only (no LibreOffice).")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lines = EXAMPLE.read_text(encoding="utf-8-sig").split("\n")
    projects, unit = table12_projects(lines, read_assignment(ASSIGNMENT))
    blocks = blocks_of(lines, projects, unit)
    paths = [write_workbook(args.out / "example-sheets.xlsx", blocks), write_workbook(args.out / "example-one-sheet.xlsx", blocks, one_sheet=True)]
    if not args.no_xls:
        paths += to_xls(paths, args.out)
    encrypted = encrypted_workbook(args.out)
    for path in [*paths, *([encrypted] if encrypted else [])]:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
