from decimal import Decimal

import pytest

from kg.read.indicators import RowShapeError, parse_target, split_glued_tiers


@pytest.mark.parametrize(
    "glued, tier1, tier2, name",
    [
        ("产出指标数量指标辖区党支部数量", "产出指标", "数量指标", "辖区党支部数量"),
        ("满意度指标服务对象满意度指标受益对象满意度", "满意度指标", "服务对象满意度指标", "受益对象满意度"),
        ("成本指标社会成本指标垃圾分类工作成本", "成本指标", "社会成本指标", "垃圾分类工作成本"),
        # 生态环境成本指标 must win over a shorter label that also starts the rest.
        ("成本指标生态环境成本指标碳排放", "成本指标", "生态环境成本指标", "碳排放"),
        ("效益指标可持续影响指标设备使用年限", "效益指标", "可持续影响指标", "设备使用年限"),
    ],
)
def test_glued_tiers_split_by_the_vocabulary(glued: str, tier1: str, tier2: str, name: str) -> None:
    split = split_glued_tiers(glued)
    assert split is not None
    match, rest = split
    assert (match.tier1.label, match.tier2.label, rest) == (tier1, tier2, name)


@pytest.mark.parametrize("glued", ["数量指标辖区党支部数量", "产出指标辖区党支部数量", "其他"])
def test_glued_cells_without_both_tiers_are_not_guessed(glued: str) -> None:
    assert split_glued_tiers(glued) is None


def args(comparator: str, *rest: str) -> tuple:
    return ("产出指标", "数量指标", "覆盖社区数量", comparator, rest, 7, ())


def test_quantitative_target() -> None:
    ind = parse_target(*args("≥", "24", "个"))
    assert (ind.comparator, ind.value, ind.value_text, ind.unit, ind.line) == ("≥", Decimal(24), "24", "个", 7)


def test_stray_space_in_value_and_no_unit() -> None:
    ind = parse_target(*args("≤", "29. 78", ""))
    assert ind.value == Decimal("29.78") and ind.unit is None and ind.value_text == "29. 78"


@pytest.mark.parametrize("rest", [("好", ""), ("", "好"), ("好",)])
def test_qualitative_text_right_after_or_one_cell_further(rest: tuple[str, ...]) -> None:
    ind = parse_target(*args("定性", *rest))
    assert ind.qualitative and ind.value is None and ind.value_text == "好" and ind.unit is None


@pytest.mark.parametrize("printed, symbol", [(">=", "≥"), ("＞", ">"), ("<=", "≤"), ("＝", "=")])
def test_comparator_spellings(printed: str, symbol: str) -> None:
    assert parse_target(*args(printed, "1", "个")).comparator == symbol


@pytest.mark.parametrize(
    "comparator, rest, message",
    [
        ("约", ("1", "个"), "not a comparator"),
        ("≥", ("很多", "个"), "not a number"),
        ("≥", ("", "1"), "no value right after"),
        ("≥", ("1", "个", "多余"), "unexpected cells"),
        ("定性", ("", "", "好"), "one text cell"),
        ("定性", ("好", "坏"), "one text cell"),
    ],
)
def test_rows_of_no_known_shape_are_refused(comparator: str, rest: tuple[str, ...], message: str) -> None:
    with pytest.raises(RowShapeError, match=message):
        parse_target(*args(comparator, *rest))
