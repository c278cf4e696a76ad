#!/usr/bin/env python3
"""Seconds to read each workbook rendering of the example (tests/data/xlsx/), by library.

    python benchmarks/spreadsheet.py [--repeat 5] [WORKBOOK ...]

Prints, per workbook, the best of --repeat runs of:

- kg: kg.read.source.read_source of a workbook (kg.read.spreadsheet: openpyxl for .xlsx, xlrd with formatting_info for .xls),
  the lines the text readers take, merged cells and number formats applied;
- records: the same and the text readers, to a Disclosure;
- calamine: python-calamine's values and merged ranges only (no number formats: it cannot print
  a cell as the workbook shows it), for comparison;
- openpyxl read-only: values only (read-only mode gives no merged ranges), for comparison.

The libraries are imported before timing, so the figures are reading, not importing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best

from kg.read.source import read_source
from kg.read.text import parse_source

DEFAULT = sorted((ROOT / "tests" / "data" / "xlsx").glob("example-*.xls*"))


def calamine(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        sheet.to_python()
        sheet.merged_cell_ranges  # noqa: B018


def openpyxl_read_only(path: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for sheet in book.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbooks", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    import openpyxl  # noqa: F401  (imported before timing)
    import xlrd  # noqa: F401

    try:
        import python_calamine  # noqa: F401  (for comparison only: pip install python-calamine)
        has_calamine = True
    except ImportError:
        has_calamine = False

    print(f"{'workbook':28} {'kg':>8} {'records':>8} {'calamine':>9} {'openpyxl-ro':>12}   seconds, best of {args.repeat}")
    for path in args.workbooks:
        kg = best(args.repeat, lambda p=path: read_source(p))
        records = best(args.repeat, lambda p=path: parse_source(read_source(p)))
        fast = f"{best(args.repeat, lambda p=path: calamine(p)):9.3f}" if has_calamine else f"{'-':>9}"
        read_only = f"{best(args.repeat, lambda p=path: openpyxl_read_only(p)):12.3f}" if path.suffix == ".xlsx" else f"{'-':>12}"
        print(f"{path.name:28} {kg:8.3f} {records:8.3f} {fast} {read_only}")


if __name__ == "__main__":
    main()
