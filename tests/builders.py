"""Small disclosures written inline, for testing one stage at a time."""

from __future__ import annotations

HEADER_12 = "单位名称\t项目名称\t项目总额\t其中：\t\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t本年绩效指标值\t绩效度量单位"
HEADER_12B = "\t\t\t财政资金\t其他资金\t\t\t\t\t\t\t"

TABLE_13 = """预算13表 部门整体支出绩效目标表

(2026年度)

部门名称\t\t\t\t\t\t\t
总体资金情况（万元）\t\t预算支出总额\t财政拨款\t\t\t其他资金\t
\t\t\t合计\t基本支出\t项目支出\t合计\t基本支出
\t\t100.000000\t100.000000\t60.000000\t40.000000\t\t
整体绩效目标\t整体绩效目标\t完成各项工作。\t\t\t\t\t
\t\t活动\t绩效指标\t指标性质\t指标值\t度量单位\t
\t\t社区建设\t产出指标数量指标辖区社区数量\t=\t24\t个\t
\t\t社区建设\t满意度指标服务对象满意度指标受益对象满意度\t≥\t90\t%\t"""


def disclosure(table12_rows: list[str], table13: str = TABLE_13) -> str:
    """A disclosure with the given 表12 rows (``""`` is a page break) and a small 表13."""
    head = ["预算表12 年度项目支出绩效表", "", "金额单位：万元", "", HEADER_12, HEADER_12B]
    return "\n".join(head + table12_rows + ["", table13]) + "\n"


def project(code: str, name: str, amounts: str, goal: str, indicator: str) -> str:
    return f"{code}-{name}\t{amounts}\t{goal}\t{indicator}"


def row(indicator: str, lead: int = 4, left: str = "") -> str:
    """An indicator row after ``lead`` empty cells; ``left`` fills the cell before the indicator."""
    return "\t" * (lead - 1) + left + "\t" + indicator if lead else indicator


# Complete sets of indicator cells, one per 二级 kind the template expects.
QUANTITY = "产出指标\t数量指标\t覆盖社区数量\t≥\t24\t个"
QUALITY = "产出指标\t质量指标\t工作成效\t定性\t\t辖区安全稳定"
TIMELY = "产出指标\t时效指标\t按时支出\t≤\t12\t月"
EFFECT = "效益指标\t社会效益指标\t提升幸福感\t定性\t居民满意\t"
SATISFACTION = "满意度指标\t服务对象满意度指标\t受益对象满意度\t≥\t95\t%"


def cost(value: str, unit: str = "万元/每项目") -> str:
    return f"成本指标\t经济成本指标\t按照预算控制成本\t≤\t{value}\t{unit}"
