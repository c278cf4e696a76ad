from pathlib import Path

import pytest

from kg.errors import OverrideError
from kg.read.overrides import load_overrides
from kg.read.text import parse_disclosure

CODE_7421 = "11010523T000001977421"
CODE_5303 = "11010523T000002085303"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "overrides.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_reassigns_a_row_and_marks_the_decision(tmp_path: Path, example_path: Path) -> None:
    path = write(tmp_path, f'# line 338 belongs to 基层党组织服务群众 after all\n[assign]\n338 = "{CODE_5303}"\n')
    d = parse_disclosure(example_path, overrides=path)
    projects = {p.code: p for p in d.projects}
    assert 338 not in [i.line for i in projects[CODE_7421].indicators]
    assert [i.line for i in projects[CODE_5303].indicators] == [338, 339, 340, 341, 342, 343, 344]
    (decision,) = [x for x in d.decisions if 338 in x.lines]
    assert decision.method == "override"
    assert decision.assignment[338] == CODE_5303 and decision.assignment[336] == CODE_7421
    assert decision.evidence[0].text.startswith(f"line 338 → {CODE_5303}: set by the override file")
    # Nothing else moved.
    assert d.project_indicators == 215


def test_an_override_away_from_any_page_break_is_recorded(tmp_path: Path, example_path: Path) -> None:
    path = write(tmp_path, f'[assign]\n271 = "{CODE_7421}"\n')
    d = parse_disclosure(example_path, overrides=path)
    assert 271 in [i.line for i in {p.code: p for p in d.projects}[CODE_7421].indicators]
    assert d.decisions[-1].method == "override" and d.decisions[-1].lines == (271,)


@pytest.mark.parametrize(
    "text, message",
    [
        ('[assign]\n338 = "nonsense"\n', r"overrides.toml:2: 'nonsense' is not a project code"),
        ('[assign]\nabc = "11010523T000002085303"\n', r"overrides.toml:2: 'abc' is not a source line number"),
        ('[assign\n', r"overrides.toml:1: not valid TOML"),
        ('[other]\nx = 1\n', r"overrides.toml:1: unknown table"),
    ],
)
def test_bad_override_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        load_overrides(write(tmp_path, text))


@pytest.mark.parametrize(
    "text, message",
    [
        # the override file's line of the entry first, then the disclosure's line it names
        ('[assign]\n339 = "11010523T000001977421"\n', "overrides.toml:2: line 339 is not an indicator or fragment row"),
        ('# a note\n\n[assign]\n338 = "11010523T000002085303"\n100 = "11010523T000001977421"\n',
         "overrides.toml:5: line 100 is not an indicator or fragment row"),
        ('[assign]\n338 = "11010599T000000000000"\n', "overrides.toml:2: line 338: no project with code 11010599T000000000000"),
    ],
)
def test_overrides_must_name_real_rows_and_projects(tmp_path: Path, example_path: Path, text: str, message: str) -> None:
    with pytest.raises(OverrideError, match=message):
        parse_disclosure(example_path, overrides=write(tmp_path, text))
