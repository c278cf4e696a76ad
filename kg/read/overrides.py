"""The override file: a person's reassignment of 表12 rows to projects, keyed by source line.

    # overrides for 000_c335fd1cef659d43.txt
    [assign]
    338 = "11010523T000002085303"   # the row on line 338 belongs to 基层党组织服务群众
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from kg.errors import OverrideError
from kg.records import BEIJING_PROJECT_CODE

_CODE = re.compile(BEIJING_PROJECT_CODE)


def _line_of(text: str, key: str, pattern: str = r"\s*\"?{key}\"?\s*=") -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern.format(key=re.escape(key)), line):
            return number
    return None


def load_overrides(path: str | Path) -> dict[int, str]:
    """``{source line: project code}`` from a TOML override file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise OverrideError(path, None, f"cannot read the override file: {error}") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise OverrideError(path, int(line.group(1)) if line else None, f"not valid TOML: {error}") from error
    unknown = set(data) - {"assign"}
    if unknown:
        raise OverrideError(path, _line_of(text, sorted(unknown)[0], r"\s*\[+\s*{key}\b"), f"unknown table(s) {sorted(unknown)}; expected [assign]")
    assign = data.get("assign", {})
    if not isinstance(assign, dict):
        raise OverrideError(path, _line_of(text, "assign"), "[assign] must be a table of line = \"project code\"")
    result: dict[int, str] = {}
    for key, code in assign.items():
        where = _line_of(text, key)
        if not key.isdigit() or int(key) < 1:
            raise OverrideError(path, where, f"{key!r} is not a source line number")
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            raise OverrideError(path, where, f"{code!r} is not a project code like 11010522T000000416226")
        result[int(key)] = code
    return result


def entry_line(origin: str, source_line: int) -> int | None:
    """The line of the override file ``origin`` that reassigns ``source_line``, for an error that
    names it (None when the overrides came as a mapping, or the file cannot be read again)."""
    if not origin:
        return None
    try:
        return _line_of(Path(origin).read_text(encoding="utf-8-sig"), str(source_line))
    except (OSError, UnicodeDecodeError):
        return None
