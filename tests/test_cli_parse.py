import json
from pathlib import Path

import pytest
from builders import QUANTITY, SATISFACTION, disclosure, project, row
from click.testing import CliRunner

from kg.cli import cli


def run(*args: str) -> "object":
    return CliRunner().invoke(cli, list(args))


def test_parse_prints_the_counts(example_path: Path) -> None:
    result = run("parse", str(example_path))
    assert result.exit_code == 0, result.output
    counts = {line.rsplit(None, 1)[0].strip(): int(line.rsplit(None, 1)[1]) for line in result.output.splitlines()[2:]}
    assert counts == {
        "projects": 36, "project indicators": 215, "activities": 4, "activity indicators": 24,
        "decisions": 9, "warnings": 0, "skipped lines": 38, "skipped lines carrying data": 0,
    }


def test_parse_counts_as_csv(example_path: Path) -> None:
    result = run("parse", str(example_path), "--format", "csv")
    assert result.output.splitlines()[:3] == ["what,count", "projects,36", "project indicators,215"]


def test_parse_json_has_every_record_with_exact_amounts(example_path: Path) -> None:
    result = run("parse", str(example_path), "-f", "json")
    data = json.loads(result.output)
    assert len(data["projects"]) == 36
    assert sum(len(p["indicators"]) for p in data["projects"]) == 215
    assert data["department"]["fiscal_project"] == "12633.626208"
    first = data["projects"][0]
    assert (first["code"], first["total"], first["indicators"][1]["value"], first["indicators"][1]["line"]) == (
        "11010522T000000416226", "308.720000", "24", 271,
    )


def test_explain_lists_each_decision_with_evidence(example_path: Path) -> None:
    out = run("parse", str(example_path), "--explain").output
    assert out.count("page break at line") == 9
    assert "page break at line 285: lines 278–284 (automatic)" in out
    assert "  → 11010522T000000416236 基本事业费(自管): lines 282, 283, 284" in out
    assert "name tail completes “妇女之家工作经费”" in out


def test_explain_as_csv_has_one_row_per_decided_line(example_path: Path) -> None:
    lines = run("parse", str(example_path), "--explain", "-f", "csv").output.strip().splitlines()
    assert lines[0] == "page_break,line,project_code,method,evidence"
    assert len(lines) - 1 == 7 + 6 + 5 + 8 + 7 + 5 + 5 + 5 + 5


def test_overrides_option(tmp_path: Path, example_path: Path) -> None:
    overrides = tmp_path / "o.toml"
    overrides.write_text('[assign]\n338 = "11010523T000002085303"\n', encoding="utf-8")
    out = run("parse", str(example_path), "--explain", "--overrides", str(overrides)).output
    assert "page break at line 337: lines 333–336, 338 (override)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "x.txt:1: the file is empty: expected a budget disclosure as text"),
        ("just some text\n".encode(), "x.txt:1: found no 预算表12 or 预算13表 heading and no 绩效目标表 kg can read (1 lines read): "
         "the text holds no 绩效目标表 title and no indicator header (一级指标 二级指标 三级指标 指标值)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.txt:3: binary data (a NUL byte): not a text file"),
        ("预算表12 年度项目支出绩效表\n\n金额单位：万元\n".encode(), "x.txt:3: the file ends inside 预算表12: truncated (预算13表 is missing)"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_1(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    result = run("parse", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path.parent}/{message}\n"


def test_truncated_example_is_refused_and_read_in_part_on_request(tmp_path: Path, example_path: Path) -> None:
    """A text ending inside 预算表12 is refused, naming the cut; with --allow-partial its projects are read
    (a user may hold 表12's pages alone)."""
    lines = example_path.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "x.txt"
    path.write_text("\n".join(lines[:400]), encoding="utf-8")
    result = run("parse", str(path))
    assert result.exit_code == 1
    assert f"{path}:400: warning: the file ends inside 预算表12: truncated (预算13表 is missing)\n" in result.output
    assert result.output.endswith(f"Error: {path}: read only in part: the file ends inside 预算表12: truncated (预算13表 is missing); "
                                  f"`kg parse {path} -f json` shows what was skipped, --allow-partial accepts it\n")
    accepted = run("parse", str(path), "--allow-partial", "-f", "json")
    assert accepted.exit_code == 0
    # the cut is the document's, not a line's: line 400 (a row kg read) is not among the lines skipped
    assert json.loads(accepted.stdout)["cut"] == "the file ends inside 预算表12: truncated (预算13表 is missing)"
    assert 400 not in [s["line"] for s in json.loads(accepted.stdout)["skipped"] if s["carries_data"]]
    projects = json.loads(accepted.stdout)["projects"]
    assert [p["code"] for p in projects][:3] == ["11010522T000000416226", "11010522T000000416232", "11010522T000000416236"]
    assert all(p["line"] < 400 for p in projects)


@pytest.mark.parametrize(("end", "warning"), [
    # 综合治理 (lines 513–519) prints 产出 at 513–515, then 效益, 满意度, 成本, as every activity does.
    (515, "515: warning: 预算13表 ends with activity 综合治理 (from line 513) without the 效益指标、满意度指标、成本指标 "
          "every other activity has: the text may be cut off here (truncated)"),
    (529, "529: warning: 预算13表 ends with activity 社会建设 (from line 526) without the 满意度指标、成本指标 "
          "every other activity has: the text may be cut off here (truncated)"),
    (506, "506: warning: 预算13表 has no activity row: the text may be cut off here (truncated)"),  # its column header
    (519, None),  # after 综合治理's 成本 row: a whole activity, nothing tells
])
def test_a_text_cut_off_inside_table13_is_read_with_a_warning_at_the_cut(tmp_path: Path, example_path: Path, end: int,
                                                                         warning: str | None) -> None:
    """预算13表 is the last table: a text cut between two of its rows still reads as a disclosure,
    and only the other activities tell that the last one stops early."""
    lines = example_path.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "x.txt"
    path.write_text("\n".join(lines[:end]), encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0
    cuts = [line for line in result.stderr.splitlines() if "cut off" in line]
    assert cuts == ([f"{path}:{warning}"] if warning else [])


def test_gb18030_copy_reads_the_same_and_encoding_can_be_forced(tmp_path: Path, example_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(example_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    assert run("parse", str(path), "-f", "csv").output == run("parse", str(example_path), "-f", "csv").output
    forced = run("parse", str(path), "--encoding", "utf-8")
    assert forced.exit_code == 1
    assert forced.output.startswith(f"Error: {path}:3: not valid utf-8 text")
    assert run("parse", str(path), "--encoding", "nonsense").output == f"Error: {path}: unknown encoding 'nonsense'\n"


def test_demo_reads_the_bundled_example() -> None:
    result = run("demo")
    assert result.exit_code == 0
    assert result.output.startswith("Read 000_c335fd1cef659d43.txt: 北京市朝阳区人民政府大屯街道办事处 (623001), budget year 2026\n")


def test_every_command_has_help_with_an_example() -> None:
    for name, command in cli.commands.items():
        assert command.help and "Example: kg " in command.help, name


def test_explain_shows_rows_before_any_project_code(tmp_path: Path) -> None:
    """Rows printed above 表12's first project code are given to the first project: --explain crashed on that
    decision (its evidence was plain text, not a row's)."""
    path = tmp_path / "x.txt"
    path.write_text(disclosure([row(SATISFACTION), project("11010522T000000000001", "甲项目", "10.000000\t10.000000", "甲目标。", QUANTITY)]),
                    encoding="utf-8")
    result = run("parse", str(path), "--explain", "--allow-partial")
    assert result.exit_code == 0, result.output
    assert "line 7 comes before any project code: given to the first project, 11010522T000000000001" in result.output
