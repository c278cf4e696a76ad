from pathlib import Path

import pytest

from kg.errors import ParseError
from kg.read.source import read_source, source_from_bytes, split_lines

TEXT = "预算13表 部门整体支出绩效目标表\n第二行\t单元格\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_are_found_on_their_own(data: bytes, encoding: str) -> None:
    source = source_from_bytes(data, "x.txt")
    assert source.encoding == encoding
    assert source.lines == ("预算13表 部门整体支出绩效目标表", "第二行\t单元格")


def test_crlf_and_cr_line_ends_number_lines_like_an_editor() -> None:
    assert split_lines("a\r\nb\rc\nd") == ("a", "b", "c", "d")
    assert split_lines("a\n\nb\n") == ("a", "", "b")


def test_forced_encoding_is_used() -> None:
    data = TEXT.encode("gb18030")
    assert source_from_bytes(data, "x.txt", "gb18030").lines[1] == "第二行\t单元格"
    with pytest.raises(ParseError, match=r"x.txt:1: not valid utf-8 text"):
        source_from_bytes(data, "x.txt", "utf-8")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", r"x.txt:1: the file is empty"),
        (b"  \n\n", r"x.txt:1: the file is empty"),
        (b"line one\nline\x00two", r"x.txt:2: binary data"),
        (b"ok\nok\n\xff\xfe\xfd\x80\n", r"x.txt:3: not valid utf-8-sig or gb18030 text"),
        # 预算 and the first byte of another character: a text cut off, not another encoding
        (b"ok\n\xe9\xa2\x84\xe7\xae\x97\xe5", r"x.txt:2: the file ends inside a UTF-8 character \(0xe5\): truncated"),
    ],
)
def test_unreadable_input_names_file_and_line(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        source_from_bytes(data, "x.txt")


def test_a_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read the file"):
        read_source(tmp_path / "nothing.txt")
