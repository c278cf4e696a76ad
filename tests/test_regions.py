"""kg.regions: the GB/T 2260 table and how a document's region is found."""

from __future__ import annotations

import pytest
from builders import QUANTITY, disclosure, project

from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.regions import Level, RegionError, RegionMethod, find_region, regions


def test_the_table_holds_every_level_with_its_parents() -> None:
    table = regions()
    assert [(r.code, r.name, r.level) for r in table.chain("110105")] == [
        ("110105", "朝阳区", Level.COUNTY), ("110100", "市辖区", Level.CITY), ("110000", "北京市", Level.PROVINCE)]
    assert table.full_name("110105") == "北京市朝阳区" and table.full_name("220104") == "吉林省长春市朝阳区"
    assert {Level(r.level) for r in table.by_code.values()} == set(Level)
    # Every region but a province has a parent that is in the table, one level up.
    order = list(Level)
    for region in table.by_code.values():
        if region.level != Level.PROVINCE:
            parent = table.by_code[region.parent or ""]
            assert order.index(parent.level) == order.index(region.level) - 1


def test_most_project_codes_give_the_region() -> None:
    found = find_region(["11010522T000000416232", "11010523T000002085303", "11010199T000000000001"], None)
    assert found is not None and (found.code, found.method) == ("110105", RegionMethod.PROJECT_CODES)
    assert found.evidence == "2 of 3 project codes start with 110105 (北京市朝阳区)" and found.alternatives == ("110101",)
    # No majority: the codes say nothing, and without a name there is no region.
    assert find_region(["11010522T000000416232", "11010199T000000000001"], None) is None


@pytest.mark.parametrize(("name", "code", "alternatives"), [
    ("北京市朝阳区人民政府大屯街道办事处", "110105", ()),
    ("长春市朝阳区财政局", "220104", ()),
    ("朝阳区民政局", "110105", ("220104",)),  # fits two regions: the lower code, and the other named
    ("阳泉市城区财政局", "140302", ()),  # a two-character county name counts beside its city's name
])
def test_the_department_name_gives_the_region(name: str, code: str, alternatives: tuple[str, ...]) -> None:
    found = find_region([], name)
    assert found is not None and (found.code, found.method, found.alternatives) == (code, RegionMethod.DEPARTMENT_NAME, alternatives)
    if alternatives:
        assert "give --region to choose" in found.evidence


def test_a_common_word_is_not_a_place() -> None:
    assert find_region([], "城区管理局") is None  # 城区 alone is a word, not 阳泉市城区


def test_the_users_region_wins_and_is_checked() -> None:
    found = find_region(["11010522T000000416232"], "长春市朝阳区财政局", given="220104")
    assert found is not None and (found.code, found.method) == ("220104", RegionMethod.OPTION)
    with pytest.raises(RegionError, match="'999999' is not a GB/T 2260 code"):
        find_region([], None, given="999999")


def test_the_reader_records_the_region_or_warns() -> None:
    def read(text: str, region: str | None = None):  # type: ignore[no-untyped-def]
        return parse_source(source_from_bytes(text.encode("utf-8"), "fixture.txt"), region=region)

    with_codes = read(disclosure([project("11010522T000000000001", "项目", "1.000000\t1.000000\t", "目标", QUANTITY)]))
    assert with_codes.region is not None and with_codes.region.code == "110105"
    without = read(disclosure([project("99999922T000000000001", "项目", "1.000000\t1.000000\t", "目标", QUANTITY)]))
    assert without.region is None
    assert any("no region" in w.message and "--region" in w.message for w in without.warnings)
    given = read(disclosure([project("99999922T000000000001", "项目", "1.000000\t1.000000\t", "目标", QUANTITY)]), "110101")
    assert given.region is not None and given.region.code == "110101"


def test_a_city_without_counties_is_a_region_of_its_own() -> None:
    """东莞市 has no county level: its code is the region, under 广东省 (the source listed it twice)."""
    assert [r.code for r in regions().chain("441900")] == ["441900", "440000"]
    found = find_region(["44190022T000000000001"], None)
    assert found is not None and found.code == "441900"
    named = find_region([], "东莞市财政局")
    assert named is not None and named.code == "441900"
