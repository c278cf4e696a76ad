"""The reader of the national template family: 项目支出绩效目标申报表 / 批复表 / 绩效目标表 and the
self-evaluation 自评表 / 评价表, as text copied from web pages, PDFs and spreadsheet previews.

Every province prints the same framework (一级 产出/效益/成本/满意度, their 二级 kinds, 三级 indicators
with a target) in its own form. The reader finds the indicator table by its header (一级指标 二级指标
三级指标 指标值 …, glued, one cell a line, or in a row), reads the columns that header names, and then
reads the rows in the shape the text has:

- ``lines``: one row a line, cells split by pipes, tabs or runs of spaces; tier cells printed once per
  group are carried down, tier names wrapped over two lines are joined;
- ``cells``: one cell a line (`` |`` ends each), empty cells as ``|`` lines: rows by the header's columns;
- ``stream``: the whole table on one line of space-separated tokens;
- ``glued``: no separator at all: rows by the shape of their values (``>=2个0个0%``).

Tier names are matched in Simplified form (names themselves stay as printed); every reading that could
be wrong (a tier not printed, a comparator not printed, glued digits split, the year or region taken
from the page) is a kg.records.Reading with its evidence. A row kg cannot read is a skipped line with
its reason, never a guess; a table cut off by the end of the text makes a partial document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any

from kg.errors import ParseError
from kg.numbers import line_ranges, parse_decimal, plain
from kg.read.completeness import named_lines
from kg.read.pages import (
    is_breadcrumb,
    is_links_heading,
    is_page_furniture,
    is_page_mark,
)
from kg.read.source import SourceText
from kg.read.tables import UNIT_CELL
from kg.read.values import (
    CMP,
    COMPARATOR_SYMBOLS,
    COMPARATOR_WORDS,
    MEASURE_UNIT_CELL,
    SUFFIX_COMPARATORS,
    UNIT_CHARS,
    WORD_COMPARATORS,
    Value,
    fold,
    read_value,
)
from kg.records import (
    BEIJING_PROJECT_CODE,
    BUDGET_PROJECT_CODE,
    QUALITATIVE,
    Activity,
    DepartmentBlock,
    Disclosure,
    DocumentKind,
    Indicator,
    IndicatorResult,
    Layout,
    Notice,
    Project,
    Reading,
    Skipped,
    Warning,
)
from kg.regions import RegionFinding, RegionMethod, find_region, regions
from kg.vocab import (
    Tier,
    tier_vocabulary,
    unit_of,
)


def _key(text: str) -> str:
    """A cell as compared with labels: folded, without spaces and colons."""
    return re.sub(r"[\s:]", "", fold(text))


# ---- tiers: the vocabulary's labels and the provinces' variants ---------------------------------

# Printed variants (folded) of the framework's tiers, by the vocabulary label they mean. Kept here,
# beside the reader that needs them, until ontology/tiers.ttl carries them as skos:altLabel.
TIER1_VARIANTS = {
    "产出目标": "产出指标", "项目完成指标": "产出指标",
    "效益目标": "效益指标", "效果指标": "效益指标", "项目效益指标": "效益指标", "效果目标": "效益指标",
    "成本目标": "成本指标", "满意度目标": "满意度指标",
}
TIER2_VARIANTS = {
    "数量目标": "数量指标", "质量目标": "质量指标", "时效目标": "时效指标",
    "经济效益目标": "经济效益指标", "社会效益目标": "社会效益指标", "生态效益目标": "生态效益指标",
    "可持续性发展影响指标": "可持续影响指标", "可持续发展影响指标": "可持续影响指标", "可持续性影响指标": "可持续影响指标",
    "可持续影响目标": "可持续影响指标", "可持续发展指标": "可持续影响指标",
    "环境效益指标": "生态效益指标", "生态环境效益指标": "生态效益指标",
    "服务对象或受益者满意度指标": "服务对象满意度指标", "服务对象满意度目标": "服务对象满意度指标",
    "受益对象满意度指标": "服务对象满意度指标", "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "社会公众满意度指标": "服务对象满意度指标", "公众满意度指标": "服务对象满意度指标",
    # the 2021 framework's 生态环境成本指标 printed shorter
    "生态成本指标": "生态环境成本指标", "环境成本指标": "生态环境成本指标",
}
# A 二级 cell printed without 指标. Read only as a whole cell: a row printed without separators is
# not split at them (数量, 质量, 时效 … begin many indicator names).
SHORT_TIER2 = {
    "数量": "数量指标", "质量": "质量指标", "时效": "时效指标", "经济效益": "经济效益指标", "社会效益": "社会效益指标",
    "生态效益": "生态效益指标", "可持续影响": "可持续影响指标", "服务对象满意度": "服务对象满意度指标",
    "社会公众满意度": "服务对象满意度指标", "社会公众或服务对象满意度": "服务对象满意度指标",
    "经济成本": "经济成本指标", "社会成本": "社会成本指标", "生态环境成本": "生态环境成本指标",
}
# A 一级 label printed where a 二级 belongs (older templates: 产出指标 › 成本指标; 满意度指标 › 满意度指标).
TIER1_AS_TIER2 = {"成本指标": "经济成本指标", "满意度指标": "服务对象满意度指标", "成本": "经济成本指标", "满意度": "服务对象满意度指标"}
SHORT_TIER1 = {"产出": "产出指标", "效益": "效益指标", "成本": "成本指标", "满意度": "满意度指标"}  # glued: 产出数量指标…
_SCORE_SUFFIX = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")


def _is_short_label(cell: str) -> bool:
    """A tier printed without 指标 (产出, 数量, 服务对象满意度): also a plausible indicator name."""
    key = _SCORE_SUFFIX.sub("", _key(cell))
    return key in SHORT_TIER1 or key in SHORT_TIER2


def tier1_of(cell: str) -> Tier | None:
    """A 一级 label, the whole cell (产出指标, 产出目标, or 产出 without 指标)."""
    key = _SCORE_SUFFIX.sub("", _key(cell))
    vocab = tier_vocabulary()
    return vocab.tier1.get(TIER1_VARIANTS.get(key) or SHORT_TIER1.get(key) or key)


def tier2_of(cell: str, *, after_tier1: bool = False) -> Tier | None:
    """A 二级 label, the whole cell; ``after_tier1``: also a 一级 label printed in the 二级 place
    (成本指标 under 产出指标)."""
    key = _SCORE_SUFFIX.sub("", _key(cell))
    vocab = tier_vocabulary()
    if after_tier1 and key in TIER1_AS_TIER2:
        return vocab.tier2[TIER1_AS_TIER2[key]]
    return vocab.tier2.get(TIER2_VARIANTS.get(key) or SHORT_TIER2.get(key) or key)


def _tier_labels() -> list[str]:
    vocab = tier_vocabulary()
    return sorted({*vocab.tier1, *vocab.tier2, *TIER1_VARIANTS, *TIER2_VARIANTS}, key=lambda label: (-len(label), label))


def _cut_tier(text: str) -> str | None:
    """The one tier label a cell is the cut start of (满意度指 → 满意度指标, 服务对象满 → 服务对象满意度指标: PDF
    text wraps a narrow tier column), or None."""
    key = _key(text)
    if len(key) < 3 or tier1_of(text) is not None or tier2_of(text) is not None:
        return None
    fits = [label for label in _tier_labels() if label.startswith(key) and label != key]
    meant = {(tier1_of(label) or tier2_of(label)) for label in fits}
    if len(meant) != 1 or None in meant:
        return None
    vocab = tier_vocabulary()  # 服务对象满意度指标 and its variant 服务对象满意度目标 are one tier: the template's label
    return min(fits, key=lambda label: (label not in vocab.tier1 and label not in vocab.tier2, label))


def _is_tier_end(text: str) -> bool:
    """A cell that is the end of a tier label wrapped onto its own line (指标, 标, 意度指标)."""
    key = _key(text)
    if tier1_of(text) is not None or tier2_of(text) is not None:
        return False  # 成本指标 ends 经济成本指标, but is a tier of its own
    return bool(key) and (re.fullmatch(r"指?标|指标[)）]?", key) is not None
                          or any(label.endswith(key) and label != key and len(key) >= 2 for label in _tier_labels()))


def _is_tier_prefix(text: str) -> bool:
    """A tier name cut by a line wrap (项目完成 / 指标)."""
    key = _key(text)
    return len(key) >= 2 and any(label.startswith(key) and label != key for label in _tier_labels())


# ---- the header: which columns the table has ------------------------------------------------------


class Col(StrEnum):
    LABEL = "label"  # the merged 绩效指标 cell left of the tiers
    SERIAL = "serial"  # 序号
    TIER1 = "tier1"
    TIER2 = "tier2"
    NAME = "name"
    NATURE = "nature"  # 指标性质: the comparator
    TARGET = "target"
    PRIOR = "prior"  # another value before this year's target: last year's actual (2021年实际实现值), the mid-term or applied-for target
    ACTUAL = "actual"
    UNIT = "unit"
    WEIGHT = "weight"  # 分值 / 权重
    SCORE = "score"  # 得分
    RATE = "rate"  # 完成率
    REASON = "reason"  # 偏差原因
    TEXT = "text"  # 指标描述, 指标说明, 依据, 备注
    GRADES = "grades"  # 优 良 中 差
    TASK = "task"  # 年度主要任务: a 部门整体支出绩效目标表's task (its activity)
    PROJECT = "project"  # 项目名称: a department's table of its projects' targets, a project a group of rows
    AMOUNT = "amount"  # the project's 资金总额, printed on its first row
    GOAL = "goal"  # the project's 年度绩效目标, printed on its first row
    # A portal's or a department's flat table (年度 | 主管部门 | 单位名称 | 项目名称 | …): what each row says of
    # the document, left of its project; read only there
    YEAR = "year"
    HOLDER = "holder"


HEADER_WORDS: tuple[tuple[str, Col], ...] = (
    ("绩效指标分类", Col.TIER1), ("一级指标", Col.TIER1), ("评价指标", Col.TIER1), ("指标类型", Col.TIER1),
    ("二级指标", Col.TIER2), ("评价内容", Col.TIER2),
    ("三级指标", Col.NAME), ("指标名称", Col.NAME), ("绩效内容", Col.NAME), ("指标内容", Col.NAME),
    ("序号", Col.SERIAL), ("指标性质", Col.NATURE), ("指标方向", Col.NATURE), ("指标属性", Col.NATURE),
    (r"指标值\(包含数字及文字描述\)", Col.TARGET), ("预算设定指标值", Col.TARGET), ("年度指标值", Col.TARGET),
    ("绩效目标值", Col.TARGET), ("年度目标值", Col.TARGET), (r"预期\d{4}年实现值", Col.TARGET), (r"\d{4}年度?预期(?:实现|目标)?值", Col.TARGET), ("绩效指标值", Col.TARGET),
    ("预期目标值", Col.TARGET), ("预期目标", Col.TARGET), ("实际完成指标值", Col.ACTUAL), (r"全年实际(?:完成)?值", Col.ACTUAL),
    (r"\d{4}年实际实现值", Col.PRIOR), (r"(?:中期|实施期)(?:绩效)?(?:指标|目标)值?", Col.PRIOR), ("申报指标值", Col.PRIOR), ("批复指标值", Col.TARGET),
    (r"\d{4}年度?(?:绩效)?(?:目标值|指标值)", Col.TARGET),  # one a year: the form's year's is the target
    (r"本年度?(?:绩效)?(?:目标值|指标值)", Col.TARGET), (r"上年度?实际(?:完成|实现)?值", Col.PRIOR),  # 上年实际值 | 本年目标值
    (r"全年(?:绩效)?指标值", Col.TARGET), (r"预期(?:绩效)?指标值", Col.TARGET), (r"全年完成值", Col.ACTUAL),
    # a self-evaluation's target under its other names (年初设定目标值 | 全年实际完成值, 计划完成值 | 实际完成值)
    (r"(?:年初(?:设定)?|全年|计划)目标值|计划完成值", Col.TARGET), (r"实际指标值|实际完成(?=$|分值|得分)", Col.ACTUAL),
    # Texts about the value, not the value: before 指标值 (the first word that matches is taken).
    (r"指标值(?:说明|确定依据|设定依据|依据)", Col.TEXT),
    ("项目完成指标值", Col.ACTUAL), ("实际完成值", Col.ACTUAL), ("实际完成情况", Col.ACTUAL),
    ("指标值", Col.TARGET), ("目标值", Col.TARGET), ("实际值", Col.ACTUAL), ("完成值", Col.ACTUAL),
    ("度量单位", Col.UNIT), ("计量单位", Col.UNIT),
    (r"(?:指标)?权重\(%\)", Col.WEIGHT), ("指标权重", Col.WEIGHT), ("权重", Col.WEIGHT), ("分值", Col.WEIGHT), (r"(?:自评|评价|实际)?得分", Col.SCORE),
    ("累计完成率", Col.RATE), ("完成率", Col.RATE),
    (r"(?:(?:偏差(?:大)?(?:或(?:目标)?未完成)?|未完成)原因(?:分析)?|原因分析|存在(?:的)?问题)(?:[及和与](?:拟采取的)?(?:改进|整改)措施)?", Col.REASON),
    ("绩效指标描述", Col.TEXT), ("绩效指标评价标准", Col.TEXT), ("评价标准确定依据", Col.TEXT), ("指标描述", Col.TEXT),
    ("指标说明", Col.TEXT), ("是否核心指标", Col.TEXT), ("指标标准或依据", Col.TEXT), ("评价标准", Col.TEXT), ("备注", Col.TEXT), ("指标解释", Col.TEXT),
    (r"评\(扣\)分标准", Col.TEXT), ("评分标准", Col.TEXT), ("扣分标准", Col.TEXT),
    ("优良中差", Col.GRADES), ("绩效指标", Col.LABEL), ("年度主要任务", Col.TASK), ("任务名称", Col.TASK),
    # A department's table of its projects (项目名称 | 资金总额 | 年度绩效目标 | 一级指标 …): after the words above,
    # so that 绩效目标值 and 年度目标值 stay targets.
    # 单位名称（项目名称）, 单位名称、项目名称: Hunan's and Yunnan's heading of that column (a unit's row, then its projects').
    (r"(?:单位名称[(、/]项目名称\)?|项目名称)", Col.PROJECT),
    (r"(?:项目|年度)?(?:资金总额|资金金额|预算金额|总金额)(?:\(万?元\))?|(?:项目金额|项目资金|资金|金额|预算数)(?:\(万?元\))?", Col.AMOUNT),
    (r"(?:年度|项目)*(?:绩效)?目标", Col.GOAL),
    (r"(?:预算|项目)?年度(?=$)|年份(?=$)", Col.YEAR),
    (r"(?:主管部门|单位名称|部门名称|预算单位|实施单位)(?=$)", Col.HOLDER),
)
_HEADER_RE = re.compile("|".join(f"({word})" for word, _ in HEADER_WORDS))
_HEADER_CELL = re.compile(f"(?:{_HEADER_RE.pattern})+")


def _header_kinds(folded: str) -> list[tuple[Col, int, int]]:
    """The header words a folded cell is made of, glued or not, with their spans."""
    return [(HEADER_WORDS[m.lastindex - 1][1], m.start(), m.end()) for m in _HEADER_RE.finditer(folded) if m.lastindex]


# ---- values: a row's cells of numbers and units (the value itself: kg.read.values) ---------------

_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")
_SCORE = re.compile(r"^\d{1,3}(?:\.\d+)?分?$")
_NOT_SCORED = re.compile(r"[—\-－/／]{1,2}")  # a row not scored prints a dash under 分值 and 得分: no score
_RATE = re.compile(r"^\d+(?:\.\d+)?%$")
_UNIT_ONLY = re.compile(rf"^{MEASURE_UNIT_CELL}$")


# A name ending in its unit, bracketed: 项目总成本（万元）, 主推技术到位率（%）.
_UNIT_IN_NAME = re.compile(r"[(（【]\s*([^()（）【】\s]{1,8})\s*[)）】]$")  # 管理人数（人）, 补助标准【元/人·年】

QUANTITATIVE = "定量"  # a 指标性质 cell saying the target is a number, with no comparator


# 指标方向 printed as words: a 正向 indicator is better the higher (its target a floor), a 反向 one the lower.
_DIRECTION = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


DEFAULT_COMPARATOR = "default comparator"  # the topic of a reading that a value printing no comparator is read as =


def default_comparator_reading(line: int, printed: str, number: Decimal | None = None) -> Reading:
    """That a value printing no comparator (8个, 100%) is read as =: said of many rows, grouped once."""
    return Reading(line, DEFAULT_COMPARATOR, f"line {line}: {printed!r} prints no comparator: read as ={'' if number is None else f' {number}'}")


def _is_comparator_cell(text: str) -> bool:
    folded = fold(text).strip()
    return re.fullmatch(CMP, folded) is not None or folded in (QUALITATIVE, QUANTITATIVE) or folded in _DIRECTION \
        or folded in COMPARATOR_WORDS or folded in _RANGE_NATURE


_RANGE_NATURE = ("区间", "区间值", "介于")  # 指标性质 | 区间 | 90-95 | %: a range, kept as 定性 text


def _printed_comparator(folded: str) -> str:
    """A 指标性质/指标方向 cell's comparator: a symbol (>= as ≥) or a word (大于等于, 不低于, 等于)."""
    return COMPARATOR_SYMBOLS.get(folded) or dict(WORD_COMPARATORS).get(folded) or folded


# ---- cells of a line ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str  # as printed, stripped
    line: int
    cut: bool = False  # the text ends inside this cell


def split_cells(text: str) -> list[str]:
    """A line's cells: split by pipes, else tabs, else runs of spaces (one or more)."""
    if "|" in text:
        return [c.strip() for c in text.split("|")]
    if "\t" in text:
        return [c.strip() for c in text.split("\t")]
    return [c for c in re.split(r"[ \u3000\xa0]+", text.strip()) if c]


_ONE_CELL_LINE = re.compile(r"^[^|]*\|\s*$")
_BREAK_LINE = re.compile(r"^\s*\|{2,}\s*$")
_EMPTY_CELL_LINE = re.compile(r"^\s*\|\s*$")

STOP_WORDS = ("注", "备注:", "总分", "合计", "预算绩效评价结果", "绩效评价结果", "最近年度", "财政资金管理科室", "财政绩效管理科室",
              "评价结论", "(二)", "(三)", "二、", "三、", "四、")
# The sign-off under a form (填表人：…, 联系电话：…, 公示期:…): a label, not the start of a name such as
# 审核结算项目数, 公示率 or 填报信息准确率, which a row prints where its 三级 is.
_SIGN_OFF = re.compile(
    r"^\s*(?:(?:公示|联系|填表|填报|审核|单位负责人|项目负责人|负责人)人?(?:签字|签名|签章|盖章|及电话|日期|时间|电话|方式|地址|单位|意见|期)?"
    r"\s*(?:[:：]|[(（]\s*(?:盖章|签字|签章|公章|章)\s*[)）])"
    r"|(?:联系|填表|填报|审核)人(?:签字|签名|及电话)?\s*$|(?:单位|项目)?负责人(?:签字|签名)\s*$"
    r"|(?:联系电话|联系方式|填报日期|填表日期|审核日期)\s*$"
    r"|\S{0,8}(?:审核|审批|审定|主管部门|财政部门|部门|单位)意见\s*(?:[:：]|$))")  # 财政部门审核意见 | 同意, 财政部门意见 | 同意


def _is_stop(text: str) -> bool:
    folded = fold(text)
    if re.match(r"^\s*(?:注|备注)\s*[:：\d]", folded) or _SIGN_OFF.match(folded):
        return True
    key = _key(text)
    if TITLE.fullmatch(key) or key in PROJECT_LABELS:  # the next form begins: its title, or its 项目名称
        return True
    titled = _OWN_TITLE.match(fold(text).strip())
    if (titled and titled["kind"].endswith("表")) or re.match(rf"^(?:{'|'.join(PROJECT_LABELS)})\s*[:：]\s*\S", fold(text).strip()):
        return True  # 2024年项目支出绩效目标表, 项目名称：高素质农民培育: the next form begins (a name may end 绩效自评报告)
    return any(key.startswith(word) for word in STOP_WORDS if word not in ("注", "备注:")) or _TOTAL_ROW.match(key) is not None


# A disclosure's next section after its forms (六、名词解释, （八）其他重要事项的情况说明), a short heading alone on
# its line: the table ends. (一、二级公路… is a name; （一）粮食生产保障 in a row is a task.)
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分)"
                      r"(?![一二三四五六七八九十\d])[\u4e00-\u9fff]{2,20}\|*$")



# A self-evaluation's total and grade below its rows (综合得分 | 86.5 | 评价等级 | 良): the whole label, then its
# figure or nothing (a name may begin so: 综合评分达标机构数量, 评价等级为二级以上机构占比).
_TOTAL_ROW = re.compile(r"^(?:综合得分|综合评分|自评得分|自评总分|评价得分|总得分|得分合计|分值合计|项目总分|总计|自评等级|评价等级|绩效等级|自评结论)"
                        r"(?:\(分\))?(?:$|\||\d)")
# A group's subtotal between the table's rows (小计 | 50 | 49.6 after the 产出 rows): its label, then only figures.
_SUBTOTAL = re.compile(r"^小计(?:\(分\))?$")  # (总分, 总计 and 合计 end the table: _is_stop)
# A site's credits below the page (技术支持：南京大汉网络有限公司): the vendor's place, not the unit's.
_SITE_CREDIT = re.compile(r"技术支持|技術支持|承办|承辦|运维|運維|设计制作|設計製作")
# A form's score under its rows, named longer (部门整体支出绩效自评得分 | 99.8 | 自评等级 | 优): the table's end only
# where figures and a grade follow it (年度考核评价得分 | ≥90分 | 93分 is an indicator).
_SCORE_LABEL = re.compile(r"^[\u4e00-\u9fff()]{0,14}?(?:自评得分|评价得分|自评分数)(?:\(分\))?$")
_GRADE_CELL = re.compile(r"^(?:[\d.,]+分?|(?:自评|评价|绩效|评定)?(?:等级|结果|结论)|优秀?|良好?|中|差|合格|不合格|[A-D]级?)$")
_FIGURE = re.compile(r"^[\d.,]+(?:%|分)?$")
# A cell filled so as not to be left blank (无, /, —): no name and no value.
_PLACEHOLDER = re.compile(r"无|/|／|\\|-|－|—+|–|空")


def _is_placeholder(cell: Cell) -> bool:
    """A cell a form fills where it has nothing to say (无, /, —), as printed or keyed."""
    return bool(_PLACEHOLDER.fullmatch(_key(cell.text)) or _PLACEHOLDER.fullmatch(fold(cell.text).strip()))
# A template's placeholder left in a name (引进亿元以上工业项目(≥**个), 项目总成本(≤**万元)): the bound its value is.
_BOUND_PLACEHOLDER = re.compile(r"[(（]\s*(?P<cmp>≥|≤|>|<|=)\s*[*＊]+")


def _is_form_score(cells: list[Cell]) -> bool:
    """A form's score under its rows (部门整体支出绩效自评得分 | 99.8 | 自评等级 | 优): a score label, then figures
    and grade words only, at most two figures unless a grade is among them (年度安全生产考核评价得分 | 90分 | 93分 |
    20 | 20 is a row). The caller also asks that no row follows (法治政府建设考核评价得分 above more rows is one)."""
    after = [_key(c.text) for c in cells[1:]]
    return bool(_SCORE_LABEL.match(_key(cells[0].text))) and bool(after) and all(_GRADE_CELL.match(k) for k in after) \
        and (sum(1 for k in after if _SCORE.match(k)) <= 2 or any(not _SCORE.match(k) for k in after))


def _comparator_of_placeholder(row: Row, line: int, printed: str, found: Found) -> str | None:
    """The comparator a value printing none takes from its name's placeholder (≥**%), with a reading; or None."""
    placeholder = _BOUND_PLACEHOLDER.search(fold(row.name.text))
    if placeholder is None:
        return None
    found.readings.append(Reading(line, "comparator", f"line {line}: {printed!r} prints no comparator; the placeholder in its "
                                  f"name {row.name.text.strip()!r} says {placeholder['cmp']}"))
    return placeholder["cmp"]


# A page's number printed between two rows of a table that runs over a page break (第2页 共3页,
# - 2 -, Page 2 of 3): not a row. A bare 2/3 is not one: it may be a value wrapped onto its line.
def _page_mark(number: int, text: str) -> Skipped | None:
    """The line skipped as a page number, or None when it is not one."""
    if is_page_mark(fold(text)):
        return Skipped(number, "a page number between the table's rows", False, text.strip())
    return None


def _outside_the_cells(number: int, lines: Sequence[str], printed_lines: Counter[str]) -> Skipped:
    """A line printed without the table's separators among its rows: a page's header or footer (a
    page number, a print time, or text printed again elsewhere on the page, as a running header is),
    skipped as no data; else skipped as a line kg cannot place, carrying data."""
    text = lines[number - 1].strip()
    compact = re.sub(r"[\s|]", "", fold(text))
    repeated = printed_lines[text] > 1 and len(compact) >= 8  # a running header; not a short wrapped ending (合格率)
    if is_page_furniture(fold(text)) or repeated:
        return Skipped(number, "a page's header or footer between the table's rows", False, text)
    if re.fullmatch(rf"(?:{'|'.join(_REMARK_LABELS)}|审核意见|主管部门意见|财政部门意见|部门意见)\s*[:：]?", compact):
        return Skipped(number, "a form's label with nothing after it (备注 left blank)", False, text)
    return Skipped(number, "a line without the table's cells between its rows: not read as a row", True, text)


# ---- the header found ----------------------------------------------------------------------------


@dataclass
class Header:
    line: int  # the first line of the header
    end_line: int  # the last line of the header
    columns: list[tuple[Col, str]]  # every column, in order, with its printed (folded) word
    style: str  # lines, cells, plain, stream or glued
    rest: str = ""  # glued or stream: the text after the header on its last line
    rest_offset: int = 0  # where ``rest`` starts in that line
    start_offset: int = 0  # where the header starts in its first line
    target_unit: str | None = None  # the unit the target column's heading gives its numbers: 指标值(万元)
    # A table of projects' amount columns as its sub-heading line names them (项目金额 over 合计 | 财政拨款 | 其他资金)
    amount_roles: tuple[str | None, ...] = ()
    # The indicator columns printed twice side by side, the other period's and the year's (中期目标 | 年度目标 above
    # them): (the printed column where the second set starts, whether the year's is the second, the evidence's line)
    halves: tuple[int, bool, int] | None = None

    @property
    def before(self) -> list[Col]:
        kinds = [c for c, _ in self.columns]
        name = kinds.index(Col.NAME) if Col.NAME in kinds else len(kinds)
        return kinds[:name]

    @property
    def after(self) -> list[Col]:
        kinds = [c for c, _ in self.columns]
        return kinds[kinds.index(Col.NAME) + 1:] if Col.NAME in kinds else []

    @property
    def names_tier2(self) -> bool:
        """指标类型 | 指标名称 | 指标值: no 三级 column; the 二级 cell is the indicator's name."""
        kinds = [c for c, _ in self.columns]
        return Col.TIER2 not in kinds and any(word in ("指标名称", "二级指标") for _, word in self.columns) and Col.TIER1 in kinds

    def describe(self) -> str:
        return " ".join(word for _, word in self.columns)


def _flat_cells(lines: Sequence[str], start: int = 0) -> list[tuple[int, str, int]]:
    """(line, cell, offset in the line) of every non-empty cell from line index ``start``."""
    out = []
    for index in range(start, len(lines)):
        text = lines[index]
        position = 0
        for cell in split_cells(text):
            if not cell:
                continue
            offset = text.find(cell, position)
            position = offset + len(cell) if offset >= 0 else position
            out.append((index + 1, cell, max(offset, 0)))
    return out


_PROJECT_COLUMNS = (Col.PROJECT, Col.AMOUNT, Col.GOAL)  # a department's table of projects: each project's cells before its tiers
_SERIAL = re.compile(r"\d{1,3}[.、]?")  # a row's 序号: 3, 3., 3、
_ROW_FACTS = (Col.YEAR, Col.HOLDER)  # left of 项目名称 in a flat table of projects, and nowhere else a column
_TOTAL_LABELS = frozenset({"合计", "总计", "小计"})  # a total row's label
_HEADING_MARK = re.compile(r"[(（](?:[A-Za-z]|分|%|％)[)）]$")
_BRACKETED_MONEY = r"[(（]\s*(万?元)\s*[)）]"  # (元), （万元）: a label's or a heading's unit
_MONEY_NOTE = re.compile(_BRACKETED_MONEY + "$")  # a heading's unit note: 指标值(万元)


def _second_indicator_set(kinds: list[Col]) -> int | None:
    """Where a header's indicator columns begin a second time (一级指标 … 指标值 | 一级指标 …), else None."""
    if kinds.count(Col.TIER1) != 2:
        return None
    second = kinds.index(Col.TIER1, kinds.index(Col.TIER1) + 1)
    return second if Col.TARGET in kinds[:second] else None


def _two_periods_side_by_side(lines: Sequence[str], kinds: list[Col], header_line: int) -> tuple[int, bool, int] | None:
    """A header printing its indicator columns twice (一级指标 … 指标值 | 一级指标 … 指标值: the central template's
    中期 and 年度 indicators side by side): where the second set starts in the printed line, and whether it
    is the year's, as the goals' headings above say (中期目标 | 年度目标: the second). None for a header
    printing them once, and where no heading above says which set is the year's (the second set's cells
    are then a row's cells not read, and warned of)."""
    if _second_indicator_set(kinds) is None:
        return None
    printed = split_cells(lines[header_line - 1])
    tier1_columns = [n for n, c in enumerate(printed) if c and _header_kinds(_key(c))[:1] and _header_kinds(_key(c))[0][0] == Col.TIER1]
    if len(tier1_columns) != 2:
        return None
    for number in range(header_line - 1, max(0, header_line - 7), -1):
        keys = [_key(c) for c in split_cells(lines[number - 1]) if c]
        year = next((n for n, k in enumerate(keys) if _YEAR_GOAL_HEADING.match(k)), None)
        other = next((n for n, k in enumerate(keys) if re.match(r"(?:中期|中长期|长期|实施期)(?:绩效)?目标", k)), None)
        if year is not None and other is not None:
            return tier1_columns[1], year > other, number
    return None


def _comparators_alone(lines: Sequence[str], header_line: int) -> bool:
    """Whether a row of the next ten lines prints a comparator in a cell of its own (≥, 不低于, 正向指标): a sign or
    a word in cells of tabs or pipes, among words split at spaces a direction only (a ≥ or a 不低于 alone there
    may be a value typed with a space)."""
    for text in lines[header_line: header_line + 10]:
        cells = [fold(cell).strip() for cell in split_cells(text) if cell]
        if "\t" in text or "|" in text:
            if any(_is_comparator_cell(cell) and cell not in (QUALITATIVE, QUANTITATIVE) for cell in cells):
                return True
        elif any(cell in _DIRECTION for cell in cells):
            return True  # among words split at spaces, a direction only (正向指标): a ≥ or 不低于 alone may be a value's
    return False


def _amount_subheadings(lines: Sequence[str], header_line: int) -> tuple[str | None, ...]:
    """The roles of a table of projects' amount columns where the line under its header names them
    (合计 | 财政拨款 | 其他资金 under 项目金额), else ()."""
    if header_line >= len(lines):
        return ()
    cells = [c for c in split_cells(lines[header_line]) if c]
    if len(cells) < 2 or not all(_key(c) in TASK_AMOUNT_ROLES for c in cells):
        return ()
    return tuple(TASK_AMOUNT_ROLES[_key(c)] for c in cells)


def _heading_parts(cell: str) -> tuple[str, str, re.Match[str] | None]:
    """A header cell folded, compact (no spaces or colons) and without its unit note (指标值(万元), the note
    returned) or its letter or unit (年度指标值（A）, 分值（分）)."""
    folded = fold(cell)
    compact = re.sub(r"[\s:]", "", folded)
    note = _MONEY_NOTE.search(compact)  # 指标值(万元): the column's unit
    if note:
        folded = compact = compact[: note.start()]
    elif (mark := _HEADING_MARK.search(compact)) and _HEADER_CELL.fullmatch(compact[: mark.start()]):
        folded = compact = compact[: mark.start()]  # 年度指标值（A）, 分值（分）: a heading's letter or unit
    return folded, compact, note


def _is_heading(cell: str) -> bool:
    return _HEADER_CELL.fullmatch(_heading_parts(cell)[1]) is not None


def _is_row_fact(cell: str) -> bool:
    """年度, 主管部门 …: a heading only left of a flat table's 项目名称 (年度 / 指标值 is a heading a break cut)."""
    kinds = _header_kinds(_heading_parts(cell)[1])
    return bool(kinds) and all(k in _ROW_FACTS for k, _, _ in kinds)


def find_header(lines: Sequence[str]) -> Header | None:
    """The indicator table's header: a run of header words (in cells, one cell a line, or glued into
    one cell) that names the indicator (三级 or a tier) and its target."""
    cells = _flat_cells(lines)
    best: Header | None = None
    i = 0
    while i < len(cells):
        run: list[tuple[Col, str]] = []
        run_lines: list[int] = []
        run_offsets: list[int] = []
        target_unit: str | None = None
        first_line = cells[i][0]
        j = i
        rest, rest_offset, glued, last_line = "", 0, False, first_line
        start_offset = cells[i][2]
        spanning = False  # a table of projects' heading over two rows (绩效指标 over the tiers)
        while j < len(cells):
            line, cell, offset = cells[j]
            if run and line != last_line and _amount_subheadings(lines, line - 1):
                break  # 资金总额 | 财政拨款 | 其他资金 under 项目资金: the amount columns' names, not the header going on
            wrapped = j + 1 < len(cells) and cells[j + 1][0] == line + 1 and _is_heading(cell + cells[j + 1][1]) \
                and not (_is_heading(cell) and not _is_row_fact(cell) and _is_heading(cells[j + 1][1]))
            if wrapped:
                cell = cell + cells[j + 1][1]  # 年度 / 指标值, 偏差原因分析 / 及改进措施: a heading a line break cut (a copied <br>)
                j += 1
            folded, compact, note = _heading_parts(cell)
            whole = _HEADER_CELL.fullmatch(compact)
            if whole and run and [k for k, _, _ in _header_kinds(compact)] == [Col.LABEL]:
                if len(run) >= 2 and all(k in _PROJECT_COLUMNS for k, _ in run) and line == last_line:
                    # 项目名称 | 项目资金 | 年度绩效目标 | 绩效指标 over 一级指标 | 二级指标 …: a table of projects' heading
                    # in two rows, 绩效指标 spanning the tiers' columns below it
                    spanning = True
                    j += 1
                    continue
                break  # 绩效指标 opens a header (the merged cell left of it), it never continues one
            if whole:
                kinds = _header_kinds(compact)
                glued = glued or len(kinds) > 1
                run += [(k, folded[s:e]) for k, s, e in kinds]
                run_lines += [line] * len(kinds)
                run_offsets += [offset] * len(kinds)
                if note and kinds[-1][0] == Col.TARGET:
                    target_unit = note.group(1)
                last_line = line + wrapped
                j += 1
                continue
            # A long cell holding a glued header (…如下图:评价内容绩效内容绩效目标值实际完成值累计完成率产出目标…).
            inner = [m for m in _HEADER_CELL.finditer(folded) if len(_header_kinds(m.group())) >= 3]
            if not run and inner:
                m = inner[0]
                kinds = _header_kinds(m.group())
                run = [(k, m.group()[s:e]) for k, s, e in kinds]
                run_lines = [line] * len(run)
                run_offsets = [offset + m.start()] * len(run)
                glued, last_line = True, line
                rest, rest_offset = cell[m.end():], offset + m.end()
                first_line, start_offset = line, offset + m.start()
            elif run and j == i + len(run) and glued is False and line == last_line:
                rest, rest_offset = "", 0
            break
        # 年度 | 主管部门 | 单位名称 are columns only left of 项目名称 (a flat table of projects, a row each): elsewhere
        # they are what they were before they were header words, cells that end a header or precede it.
        first = next((n for n, (k, _) in enumerate(run) if k not in (*_ROW_FACTS, Col.SERIAL)), len(run))
        flat = first < len(run) and run[first][0] == Col.PROJECT and any(k in _ROW_FACTS for k, _ in run[:first]) \
            and len(set(run_lines[:first + 1])) == 1
        if not flat:
            while run and run[0][0] in _ROW_FACTS:
                run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
                if run:
                    first_line, start_offset = run_lines[0], run_offsets[0]
            first = 0
        later = next((n for n, (k, _) in enumerate(run) if n > first and k in _ROW_FACTS), None)
        if later is not None:
            run, run_lines, run_offsets = run[:later], run_lines[:later], run_offsets[:later]
        # A table of projects prints 项目名称 | 资金总额 | 年度绩效目标 on its tiers' line; such a word on a line of
        # its own above the header (年度目标 | its blank cell) is the form's label, not a column.
        anchor = next((run_lines[n] for n, (k, _) in enumerate(run) if k in (Col.NAME, Col.TIER1, Col.TIER2)), None)
        while run and run[0][0] in _PROJECT_COLUMNS and run_lines[0] != anchor and not spanning:
            run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
            if run:
                first_line, start_offset = run_lines[0], run_offsets[0]
        if len(run) > 3 and run[0][0] == Col.LABEL and run_lines[0] != run_lines[1] and len(set(run_lines[1:])) == 1:
            # 绩效指标 alone on the line above a header of cells (a page's outer table holding the indicator table
            # in its cell): the label over the table, not a column of its rows
            run, run_lines, run_offsets = run[1:], run_lines[1:], run_offsets[1:]
            first_line, start_offset = run_lines[0], run_offsets[0]
        kinds = [k for k, _ in run]
        if "指标属性" in [word for _, word in run] and (kinds.count(Col.NATURE) > 1 or not _comparators_alone(lines, last_line)):
            # 指标属性 says the comparator (≥, 反向指标) where the rows print it in a cell of its own and no 指标性质
            # column does; else it describes the indicator (定量指标, 共性指标)
            run = [(Col.TEXT, word) if kind == Col.NATURE and word == "指标属性" else (kind, word) for kind, word in run]
            kinds = [k for k, _ in run]
        if Col.NAME in kinds and Col.TARGET not in kinds and Col.GOAL in kinds[kinds.index(Col.NAME):]:
            # 三级指标 | 年度目标 | 实际完成: a 年度目标 right of the indicator's name is its value's column, no goal
            run = [(Col.TARGET, word) if kind == Col.GOAL and n > kinds.index(Col.NAME) else (kind, word) for n, (kind, word) in enumerate(run)]
            kinds = [k for k, _ in run]
        if (Col.NAME in kinds or Col.TIER1 in kinds) and (Col.TARGET in kinds or Col.GRADES in kinds) and len(kinds) >= 3:
            style = _style(lines, cells, first_line, last_line, glued, rest, j)
            if style == "stream":
                line_text = lines[last_line - 1]
                end = cells[j - 1][2] + len(cells[j - 1][1])
                rest, rest_offset = line_text[end:], end
            roles = _amount_subheadings(lines, last_line) if Col.AMOUNT in kinds and style == "lines" else ()
            halves = _two_periods_side_by_side(lines, kinds, first_line) if style == "lines" and first_line == last_line else None
            if (one_set := _second_indicator_set(kinds)) is not None:
                # one period's columns: the year's (halves), or where nothing says which, the first, the second set's
                # cells then a row's cells not read (its tier labels among them: the row reported)
                run, run_lines = run[:one_set], run_lines[:one_set]
            best = Header(first_line, last_line + bool(roles), _one_name(_sub_columns(run, run_lines)), style, rest, rest_offset,
                          start_offset, target_unit, roles, halves)
            return best
        i = max(j, i + 1) if run else i + 1
    return best


_DEPARTMENT_HEADINGS = ("主管部门", "部门名称")  # the department; 单位名称 (实施单位, 预算单位) its unit a row's project is


def _row_facts(found: Found, path: str) -> tuple[tuple[int, int] | None, tuple[str, int] | None, list[Reading]]:
    """A flat table's year and unit, as its rows print them left of 项目名称: ((year, line), (unit, line)), each
    None where no column says one. The department (主管部门) is the document's unit, else a 单位名称 all rows share
    (several are the department's units, which name no document). Rows of several years or departments are
    several documents: refused, as kg reads a document as one unit's year."""
    year: tuple[int, int] | None = None
    department: tuple[str, int] | None = None
    units: list[tuple[str, int]] = []
    readings: list[Reading] = []
    for (kind, word), values in found.row_facts.items():
        if kind == Col.HOLDER and word not in _DEPARTMENT_HEADINGS and len(values) > 1:
            shown = ", ".join(f"{value} (line {line})" for value, line in list(values.items())[:4])
            readings.append(Reading(min(values.values()), "unit", f"the {word} column names {len(values)} units ({shown}"
                                          f"{' …' if len(values) > 4 else ''}): the document is the department's, and which unit "
                                          "each project is of is not kept"))
        if kind == Col.HOLDER:
            # 郫都区农业农村局 beside 成都市郫都区农业农村局: one name, printed with its place once and without it once
            values = {v: line for v, line in values.items() if not any(o != v and o.endswith(v) for o in values)}
        several = len(values) > 1
        if several and (kind == Col.YEAR or word in _DEPARTMENT_HEADINGS):
            shown = ", ".join(f"{value} (line {line})" for value, line in list(values.items())[:4])
            raise ParseError(path, min(values.values()), f"the table's rows name several {'years' if kind == Col.YEAR else 'departments'} "
                             f"in its {word} column ({shown}{' …' if len(values) > 4 else ''}): kg reads a document as one unit's "
                             "year; split the file by them")
        value, line = next(iter(values.items()))
        if kind == Col.YEAR and (match := re.fullmatch(r"(\d{4})\s*年?度?", value)):
            year = (int(match.group(1)), line)
        elif kind == Col.HOLDER and word in _DEPARTMENT_HEADINGS:
            department = (value, line)
        elif kind == Col.HOLDER and not several:
            units.append((value, line))
    return year, department or (units[0] if units else None), readings


def _bound_meets(bound: str, at: Decimal, comparator: str, target: Decimal | None) -> bool:
    """Whether an actual printed as a bound (≥ 96, ≤ 30) meets its target whatever figure it stands for: a floor at
    or above a floor target's, a ceiling at or below a ceiling target's."""
    if target is None:
        return False
    if bound in ("≥", ">") and comparator in ("≥", ">"):
        return at > target if comparator == ">" and bound == "≥" else at >= target
    if bound in ("≤", "<") and comparator in ("≤", "<"):
        return at < target if comparator == "<" and bound == "≤" else at <= target
    return False


def _one_name(columns: list[tuple[Col, str]]) -> list[tuple[Col, str]]:
    """One column names the indicator: a second heading of that kind after it (三级指标 | 指标内容) is
    a description of it."""
    names = [n for n, (k, _) in enumerate(columns) if k == Col.NAME]
    kinds = [k for k, _ in columns]
    if not names and Col.TIER1 in kinds and Col.TIER2 in kinds and Col.TARGET in kinds[kinds.index(Col.TIER2):]:
        # 一级指标 | 二级指标 | 指标值 | 指标描述 (Zhejiang's form without a 三级 column): the 二级 names the indicator,
        # as 指标名称 does under 指标类型
        return [(Col.NAME, w) if k == Col.TIER2 else (k, w) for k, w in columns]
    return [(Col.TEXT, w) if k == Col.NAME and n in names[1:] else (k, w) for n, (k, w) in enumerate(columns)]


def _sub_columns(run: list[tuple[Col, str]], run_lines: list[int]) -> list[tuple[Col, str]]:
    """A heading over two sub-columns printed on the next line (指标值 over 2021年实际实现值 | 预期2022年实现值,
    or over 年度指标值 | 实际完成值): the sub-columns take its place, where the header's last line
    holds values' headings and a line above it a target's."""
    last = run_lines[-1] if run_lines else 0
    subs = [n for n, line in enumerate(run_lines) if line == last]
    above = [n for n, line in enumerate(run_lines) if line < last]
    values = (Col.TARGET, Col.PRIOR, Col.ACTUAL)
    if any(run[n][0] == Col.PRIOR for n in subs):
        # 指标值 over 实施期目标 | 年度目标: the year's column is the target (年度目标 names a goal elsewhere)
        run = [(Col.TARGET, word) if n in subs and kind == Col.GOAL else (kind, word) for n, (kind, word) in enumerate(run)]
    # (指标值 merged over 指标性质 | 指标值 | 度量单位: its comparator's and its unit's columns under it too)
    if not above or not all(run[n][0] in (*values, Col.WEIGHT, Col.SCORE, Col.RATE, Col.NATURE, Col.UNIT) for n in subs) \
            or not any(run[n][0] in (Col.TARGET, Col.PRIOR) for n in subs):
        return run
    parent = next((n for n in above if run[n][0] == Col.TARGET), None)
    if parent is None:
        return run
    head = [run[n] for n in above]
    at = above.index(parent)
    return head[:at] + [run[n] for n in subs] + head[at + 1:]


def _style(lines: Sequence[str], cells: list[tuple[int, str, int]], first: int, last: int, glued: bool, rest: str, end: int) -> str:
    """How the rows are printed: glued (the header's words glued), stream (many more tokens on the
    header's line), cells (one cell a line after a header of one cell a line), else lines."""
    if glued:
        return "glued"
    if end < len(cells) and cells[end][0] == last and sum(1 for c in cells[end:] if c[0] == last) > 15:
        return "stream"
    after = [n for n in range(last, min(len(lines), last + 30)) if lines[n].strip()]
    if after and last > first:
        one_cell = sum(1 for n in after if _ONE_CELL_LINE.match(lines[n]) or _BREAK_LINE.match(lines[n]) or _EMPTY_CELL_LINE.match(lines[n]))
        if one_cell * 10 >= len(after) * 6:
            return "cells"
        # No pipes at all (a PDF's text, cell by cell): the header a word a line and the rows too. An
        # empty cell leaves no line behind, so the rows are read as a stream of cells by what fits.
        header_lines = [n for n in range(first - 1, last) if lines[n].strip()]
        if all(len(split_cells(lines[n])) == 1 and "|" not in lines[n] for n in header_lines) \
                and sum(1 for n in after if "|" not in lines[n] and "\t" not in lines[n] and len(split_cells(lines[n])) == 1) * 10 >= len(after) * 9:
            return "plain"
    return "lines"


# ---- rows ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectHead:
    """A project's cells on its first row in a department's table of projects: its name, 资金总额 and
    年度绩效目标 (the rows below it, printing none, are its)."""

    name: Cell
    amount: Cell | None
    goal: Cell | None
    # the amounts after the first where the header's sub-headings name several (财政拨款, 其他资金), by role
    parts: tuple[tuple[str, Cell], ...] = ()

    @property
    def cells(self) -> int:
        """How many of the row's cells the project's own are."""
        return 1 + (self.amount is not None) + len(self.parts) + (self.goal is not None)


@dataclass
class Row:
    """One indicator row as printed: its tier cells, name and the cells after it."""

    tier1: Tier | None
    tier2: Tier | None
    tier1_printed: str | None
    tier2_printed: str | None
    name: Cell
    cells: list[Cell]  # after the name; positional (with empty cells) when ``positional``
    positional: bool = False
    tier2_from_tier1: bool = False  # a 一级 label printed in the 二级 place
    task: Cell | None = None  # a 部门整体支出绩效目标表's 年度主要任务 the row is under
    project: ProjectHead | None = None  # the project of a department's table of projects the row is under
    prior_blank: bool = False  # a row of pipes or tabs printing its 2022年实际实现值 (or 中期) cell blank: its one value is the target
    target_blank: bool = False  # … printing that cell and leaving the year's (the target's) blank: it has no target


@dataclass
class Found:
    rows: list[Row] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    cut: int | None = None  # the line the table is cut off at
    cut_likely: bool = False  # the cut told only by the text's end (a column-by-column table's last values line): said, not refused
    # A flat table's cells left of 项目名称 (年度 | 主管部门 | 单位名称): by heading, each value and its first line
    row_facts: dict[tuple[Col, str], dict[str, int]] = field(default_factory=dict)


# The pieces of the 年度绩效指标 label merged down the rows' left edge, as text laid out by columns prints it.
_LABEL_PIECES = frozenset({"年度", "绩效", "指标", "年度绩效", "绩效指", "项目", "部门", "年", "度", "绩", "效", "指", "标"})


class _Tiers:
    """The tiers in force: printed once per group, carried down to the rows below."""

    def __init__(self) -> None:
        self.tier1: Tier | None = None
        self.tier2: Tier | None = None
        self.tier1_printed: str | None = None
        self.tier2_printed: str | None = None
        self.from_tier1 = False
        self.project: ProjectHead | None = None  # the project the rows are under, in a department's table of projects

    def set1(self, tier: Tier, printed: str) -> None:
        if self.tier2 is not None and self.tier2.broader != tier.iri:
            self.tier2, self.tier2_printed = None, None
        self.tier1, self.tier1_printed = tier, printed

    def set2(self, tier: Tier, printed: str, from_tier1: bool = False) -> None:
        self.tier2, self.tier2_printed, self.from_tier1 = tier, printed, from_tier1

    def take(self, cells: list[Cell], weighted: bool = False) -> list[Cell]:
        """Consume the leading tier cells of a row; the rest of the cells (``took2``: the 二级 cell
        consumed, if any). ``weighted``: the header prints a 分值 after its tiers (一级指标 | 分值 | 二级指标 |
        分值 | 三级指标), whose numbers are no part of the row."""
        took1 = False
        self.took2: Cell | None = None
        self.took1 = False
        self.completed: list[Cell] = []  # cells read as the whole tier label they are the cut start of
        self.empty: list[Cell] = []  # 二级 labels printed with no rows of their own
        rest = list(cells)
        while rest and self.took2 is None:  # one 二级 a row, after its 一级: a later cell is the name
            text = rest[0].text
            if re.fullmatch(r"(?:年度|项目|部门)?绩效指标", _key(text)):  # the label column merged down the rows
                rest.pop(0)
                continue
            if len(rest) > 2 and _key(text) in _LABEL_PIECES and (tier1_of(rest[1].text) or tier2_of(rest[1].text, after_tier1=True)
                                                                 or (not _value_shaped(rest[1].text) and _value_shaped(rest[2].text))):
                rest.pop(0)  # 年度 / 绩效 / 指标 before a tier or a name and its value: that label printed a piece a line
                continue     # (text laid out by columns)
            if weighted and took1 and len(rest) > 2 and _SCORE.match(_key(text)) and tier2_of(rest[1].text, after_tier1=True):
                rest.pop(0)  # 产出指标 | 50 | 数量指标: the 一级's 分值 (a column after each tier), no part of the row
                continue
            if (whole := _cut_tier(text)) is not None and len(rest) > 2:
                text = whole  # 满意度指 | 服务对象满 | 救助对象满意度: tier labels cut by their column's width
                self.completed.append(rest[0])
            t1, t2 = tier1_of(text), tier2_of(text, after_tier1=took1)
            if (t1 or t2) and _is_short_label(text) and (len(rest) < 3 or _value_shaped(rest[1].text)):
                break  # 满意度, 社会公众满意度 … with a value after it: the indicator's name, not a tier
            if t2 is not None and (took1 or t1 is None):
                self.set2(t2, text, from_tier1=t1 is not None)
                self.took2 = rest[0]
            elif t1 is not None and not took1:
                self.set1(t1, text)
                took1 = True
            else:
                break
            rest.pop(0)
        if self.took2 is not None and len(rest) >= 4 and (t1 := tier1_of(rest[0].text)) is not None \
                and (t2 := tier2_of(rest[1].text, after_tier1=True)) is not None and t2.broader == t1.iri:
            # 经济效益指标 满意度指标(10分) 服务对象满意度指标 沿线群众满意度 …: a 二级 with no rows of its own, the next 一级's row
            self.empty.append(self.took2)
            self.set1(t1, rest[0].text)
            took1 = True
            self.set2(t2, rest[1].text)
            self.took2, rest = rest[1], rest[2:]
        while self.took2 is not None and len(rest) >= 3 and _key(rest[0].text) != _key(self.took2.text) \
                and _key(rest[0].text).endswith("指标") and (t2 := tier2_of(rest[0].text, after_tier1=True)) is not None \
                and (self.tier1 is None or t2.broader == self.tier1.iri):
            # 生态效益指标 可持续影响指标 农村公路长效管护机制 …: a 二级 with no rows of its own, then the row's 二级
            self.empty.append(self.took2)
            self.set2(t2, rest[0].text)
            self.took2 = rest.pop(0)
        if weighted and self.took2 is not None and len(rest) >= 3 and _SCORE.match(_key(rest[0].text)) and not _value_shaped(rest[1].text):
            rest.pop(0)  # 数量指标 | 20 | 维护路灯盏数: the 二级's 分值, then the name
        if self.took2 is not None and not took1 and len(rest) >= 3 and _key(rest[0].text) == _key(self.took2.text) \
                and not _value_shaped(rest[1].text) and _value_shaped(rest[2].text):
            # 服务对象满意度 | 服务对象满意度 | 被审计单位满意度 | ≥90%: a 一级 named as its 二级, then the 二级 printed again
            rest.pop(0)
        if self.took2 is not None and not took1 and not self.from_tier1 and self.tier1 is not None and self.tier2 is not None \
                and self.tier2.broader != self.tier1.iri:
            # A 二级 under no 一级 of its own row, carried from a row of another 一级 (the merged 一级 cell
            # printed once, lower down): its 一级 is the one it belongs to.
            self.tier1, self.tier1_printed = None, None
        self.took1 = took1
        return rest

    def row(self, name: Cell, cells: list[Cell], positional: bool = False) -> Row:
        return Row(self.tier1, self.tier2, self.tier1_printed, self.tier2_printed, name, cells, positional, self.from_tier1,
                   project=self.project)


# 一级 of other frameworks (a 绩效评价's 投入/过程 指标, the 部门整体 framework's 运行成本, 管理效率, 履职效能 …).
_OTHER_FRAMEWORK_TIERS = frozenset({"投入", "过程", "决策", "管理", "运行成本", "管理效率", "履职效能", "社会效应", "服务对象满意度", "可持续发展",
                                    # the 部门整体 framework's 二级 (产出 › 重点工作任务完成, 效益 › 履职效益)
                                    "重点工作任务完成", "重点工作任务", "履职目标实现", "履职效益", "预算执行", "预算管理", "资产管理",
                                    "重点工作履行情况", "部门履职效益", "履职情况", "部门履职"})


def _unread_tier(text: str) -> bool:
    """A row's first cell, where its tiers belong, that reads as a tier kg does not know: a 一级 of another
    framework (投入指标, 运行成本) or a label a copy's mojibake broke (質???標)."""
    folded = _key(text)
    if tier1_of(text) is not None or tier2_of(text) is not None:
        return False
    if re.search(r"\?{2,}|？{2,}|\ufffd", folded) and len(folded) <= 10:
        return True
    return re.fullmatch(r"[\u4e00-\u9fff]{2,6}指标", folded) is not None or folded in _OTHER_FRAMEWORK_TIERS


_DATE_WORD = r"\d{1,4}[年月日](?:\d{1,2}[月日])*(?:底前|底|前|末)?"  # 12月, 2023年3月, 11月底前: a date's end after a dash


def _spaced_value_joined(cells: list[Cell], header: Header) -> list[Cell]:
    """A row of space-separated words whose value was typed with spaces in it (≥ 85万平方米, 98 %, 2022年1月 - 12月):
    the value's words joined again. A comparator alone before a number (where no 指标性质 column holds it; not 达到,
    an actual's word too), a unit alone after one (where no 度量单位 column does), and a dash between two dates'
    words (a dash before anything else is a blank cell) are the value's."""
    comparators, units = Col.NATURE not in header.after, Col.UNIT not in header.after
    words = [fold(c.text).strip() for c in cells]
    out: list[Cell] = []
    skip = 0
    for n, cell in enumerate(cells):
        if skip:
            skip -= 1
            continue
        text = words[n]
        following = words[n + 1] if n + 1 < len(cells) else ""
        if comparators and (re.fullmatch(CMP, text) or (text in COMPARATOR_WORDS and not re.fullmatch(_ACTUAL_WORDS, text))) \
                and re.match(r"\d", following):
            out.append(Cell(cell.text + cells[n + 1].text, cell.line))  # ≥ 85万平方米
            skip = 1
        elif units and out and re.fullmatch(rf"(?:{CMP})?\d[\d,.]*", fold(out[-1].text).strip()) and _UNIT_ONLY.match(text) \
                and not _NUMBER.match(text):
            out[-1] = Cell(out[-1].text + cell.text, out[-1].line)  # 98 %
        elif re.search(r"\d[年月日]$", text) and n + 2 < len(cells) and re.fullmatch(r"[-－—~至]", following) \
                and re.fullmatch(_DATE_WORD, words[n + 2]):
            out.append(Cell(cell.text + cells[n + 1].text + cells[n + 2].text, cell.line))  # 2022年1月 - 12月
            skip = 2
        elif (re.search(r"\d[年月日][-－—~至]$", text) and re.fullmatch(_DATE_WORD, following)) \
                or (re.search(r"\d[年月日]$", text) and re.fullmatch(rf"[-－—~至]{_DATE_WORD}", following)):
            out.append(Cell(cell.text + cells[n + 1].text, cell.line))  # 2022年1月- 12月, 2022年1月 -12月
            skip = 1
        else:
            out.append(cell)
    return out


# The label over a table of another period's indicators (长期绩效指标), and over the year's.
_OTHER_PERIOD_TABLE = re.compile(r"(?:中长期|长期|中期|实施期)(?:绩效)?指标")
_YEAR_TABLE = re.compile(r"(?:年度|本年度?|当年)(?:绩效)?指标")


def _lines_rows(lines: Sequence[str], header: Header) -> Found:
    found, tiers = Found(), _Tiers()
    pending: Cell | None = None  # a tier name cut by a line wrap
    space_split = not any("|" in lines[n] or "\t" in lines[n] for n in range(header.end_line, min(len(lines), header.end_line + 10)))
    task: Cell | None = None  # 年度主要任务 (a 部门整体 form): printed once, before the tiers of its first row
    unread_tier: Cell | None = None  # a 一级 printed that is none of the framework's (投入指标, 运行成本) or unreadable (質???標)
    name_start: Cell | None = None  # a name printed alone, its end and values on the next line
    name_column = -1  # the column of that name
    tier_line = False  # the line before held tier labels only
    placed: dict[int, Cell] = {}  # the last row's cells by their column of the printed line (tabs or pipes)
    # The header's columns as printed: a label column left of them (年度绩效指标, merged down the rows) counts.
    header_printed = split_cells(lines[header.line - 1])
    tier1_column = next((n for n, c in enumerate(header_printed) if tier1_of(c) is not None or _key(c) == "一级指标"), 0)

    def the_years(printed: list[str]) -> list[str]:
        """A line's cells in the year's set of indicator columns (the label column before them kept)."""
        if header.halves is None:
            return printed
        second, year_second, _ = header.halves
        return printed[:tier1_column] + printed[second:] if year_second else printed[:second]

    if header.halves is not None:
        found.readings.append(Reading(header.line, "period", f"line {header.line}: the indicator columns are printed twice; the "
                                      f"{'second' if header.halves[1] else 'first'} set is the year's, as the goals' headings on line "
                                      f"{header.halves[2]} say: the other period's targets are not read"))
    header_printed = the_years(header_printed)
    header_keys = [_key(c) for c in header_printed if c]
    header_line_keys = [_key(c) for c in split_cells(lines[header.line - 1]) if c.strip()]  # the whole line, labels beside it too
    # A flat table of projects (年度 | 主管部门 | 单位名称 | 项目名称 | …): the columns left of the project's, kept apart
    heading_kinds = [next(iter(_header_kinds(_key(c))), (None,))[0] if c else None for c in header_printed]
    project_column = heading_kinds.index(Col.PROJECT) if Col.PROJECT in header.before and Col.PROJECT in heading_kinds else None
    fact_columns = {n: (kind, _key(header_printed[n])) for n, kind in enumerate(heading_kinds[:project_column or 0]) if kind in _ROW_FACTS}
    header_width = max((n + 1 for n, c in enumerate(split_cells(lines[header.end_line - 1])) if c), default=0) \
        if header.end_line == header.line else max(len(header_printed), 1)  # the columns as far as its last heading
    lead = next((n for n, c in enumerate(header_printed) if c and _HEADER_CELL.fullmatch(_key(c))), 0)
    wrapped = _wrapped_tab_rows(lines, header.end_line + 1, len(lines), found.readings, [None] * lead + list(header.before))
    header_cells = _header_cells(lines, header)
    # the table's own lines (a disclosure's prose after its last form, 名词解释 …, says nothing of them)
    body = [lines[n - 1] for n in range(header.end_line + 1, min(len(lines), header.end_line + 40) + 1) if lines[n - 1].strip()]
    # Rows of tabs or pipes (as a PDF's or a workbook's are): a line without them is no row.
    separated = not space_split and sum(1 for t in body if "\t" in t or "|" in t) * 5 >= len(body) * 4
    printed_lines = Counter(line.strip() for line in lines)  # a running header is printed on every page
    above_header = {line.strip() for line in lines[: header.line - 1] if line.strip()}
    unlabelled: int | None = None  # the first row, printing no 二级 under a header with a 二级 column
    centred = False  # … and a 二级 printed lower down: the labels are in the middle of their merged cells
    labelled: set[int] = set()  # the lines printing a 二级 of their own
    tier1_alone: set[int] = set()  # the lines printing a 一级 but no 二级, below the first row
    rows_with_tier = rows_with_tier1 = 0  # rows printing a tier, and those printing their 一级
    last_tier_label = 0  # the last line holding only a 一级 label
    first_took1: bool | None = None  # whether the first row prints a 一级
    # Text laid out by columns (pdftotext -layout: runs of spaces line its cells up) prints a merged cell's
    # label in the middle of its rows: a row printing no 二级 may be the label's below as well as above.
    laid_out = space_split and Col.TIER2 in header.before and sum(1 for t in body if re.search(r"\S {3,}\S", t)) * 5 >= len(body) * 3
    for number in range(header.end_line + 1, len(lines) + 1):
        if number in wrapped:
            printed, cells = wrapped[number]
            if not cells:
                continue  # the line that ends a row wrapped from the line above
        else:
            printed = the_years(split_cells(lines[number - 1]))
            cells = [Cell(c, number) for c in printed if c]
            if "\t" not in lines[number - 1] and "|" not in lines[number - 1]:  # words split at spaces
                cells = _spaced_value_joined(cells, header)
            elif fact_columns and project_column is not None and len(printed) > project_column and any(printed[project_column:]):
                if _key(next(c for c in printed if c.strip())) not in _TOTAL_LABELS:  # (合计 | … | 1,840.00 ends the table)
                    for n, fact in fact_columns.items():
                        if printed[n].strip():
                            found.row_facts.setdefault(fact, {}).setdefault(printed[n].strip(), number)
                    cells = [Cell(c, number) for c in printed[project_column:] if c]
        if not cells:
            continue
        if separated and number not in wrapped and len(cells) >= 2 and ("\t" in lines[number - 1] or "|" in lines[number - 1]) \
                and next(n for n, c in enumerate(printed) if c) >= header_width:  # (one cell alone may be a wrapped cell's end)
            # cells right of the table's columns only (a typist's work beside the form in a workbook): no row of the table
            found.skipped.append(Skipped(number, "cells right of the table's columns only: not a row of the table; not read", True,
                                         lines[number - 1].strip()))
            continue
        if found.rows and lines[number - 1].strip() in above_header and (_next_is_header(lines, number, header_keys) or _next_is_row(lines, number)):
            # the form's title printed again at the top of the next page, over the header printed again or the
            # rows going on: a page break (a next form's title is followed by its labels)
            found.skipped.append(Skipped(number, "the form's title printed again at the top of a page (a page break)", False,
                                         lines[number - 1].strip()))
            continue
        if found.rows and header_keys and _OTHER_PERIOD_TABLE.fullmatch(header_keys[0]) and _YEAR_TABLE.fullmatch(_key(cells[0].text)) \
                and [_key(c.text) for c in cells[1:]] == header_keys[1:]:
            # 长期绩效指标 | 一级指标 … over its rows, then 年度绩效指标 | 一级指标 …: the rows so far are another period's
            # targets, the year's come under this line
            found.skipped += [Skipped(r.name.line, f"another period's target ({header_printed[0].strip()}, line {header.line}): the "
                                      f"year's are under 年度绩效指标 (line {number})", False, lines[r.name.line - 1].strip()) for r in found.rows]
            found.rows.clear()
            tiers = _Tiers()
            continue
        if found.rows and _is_form_score(cells) and not _rows_below(lines, number):
            found.skipped.append(Skipped(number, f"the form's score ({_key(cells[0].text)}) under its rows: the table ends", False,
                                         lines[number - 1].strip()))
            break
        if found.rows and _SUBTOTAL.match(_key(cells[0].text)) and all(_FIGURE.match(_key(c.text)) for c in cells[1:]):
            if not _rows_below(lines, number):
                found.skipped.append(Skipped(number, f"a subtotal row ({_key(cells[0].text)}): the last group's, the table ends",
                                             False, lines[number - 1].strip()))
                break
            found.skipped.append(Skipped(number, f"a subtotal row ({_key(cells[0].text)}): a group's weights and scores, not an indicator",
                                         False, lines[number - 1].strip()))
            continue
        if not found.rows and Col.PROJECT in header.before and _key(cells[0].text) in _TOTAL_LABELS \
                and all(_FIGURE.match(_key(c.text)) for c in cells[1:]):
            # 合计 | 1,416.00 | 1,396.00 | 20.00 above a table of projects: the projects' total, no project (the table goes on)
            found.skipped.append(Skipped(number, "the projects' total above them (合计 and its figures): no project", False,
                                         lines[number - 1].strip()))
            continue
        task_row = Col.TASK in header.before and len(cells) >= 3 and (tier1_of(cells[1].text) is not None or tier2_of(cells[1].text) is not None)
        if (_is_stop(cells[0].text) and not task_row) or (len(cells) == 1 and _SECTION.match(_key(cells[0].text))):
            break  # (a section heading alone on its line: the disclosure's next part; （二）任务 | 产出指标 … is a task's row)
        if (page := _page_mark(number, lines[number - 1])) is not None:
            found.skipped.append(page)
            continue
        if found.rows and is_links_heading(lines[number - 1]) and not _rows_below(lines, number):
            found.skipped.append(_below_the_table(lines, number))  # 相关文档 and other documents' titles under it
            break
        if found.rows and is_page_furniture(fold(lines[number - 1]), values_alone=True):
            # a print time, a web page's links below the table (not a bare 2/3 or date: a value wrapped onto its line, maybe)
            found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, lines[number - 1].strip()))
            continue
        if found.rows and TITLE.search(fold(lines[number - 1])) and re.search(r"[(（]\s*续(?:表|页)?\s*[)）]\s*$", fold(lines[number - 1])):
            # 2024年项目支出绩效目标表（续）: the title printed again over the table's next page
            found.skipped.append(Skipped(number, "the form's title printed again over its next page (续)", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) == 2 and _key(cells[0].text) in _REMARK_LABELS and not _value_shaped(cells[1].text):
            if not _rows_below(lines, number):
                found.skipped.append(_below_the_table(lines, number))  # 备注 | its text, the form's last row: no indicator
                break
            found.skipped.append(Skipped(number, "a remark (备注 | its text) among the rows: no indicator", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) == 1 and re.fullmatch(r"附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]?", fold(cells[0].text).strip()):
            found.skipped.append(_below_the_table(lines, number))  # 附件2：: no row of the table, whatever follows
            if any(TITLE.search(fold(lines[n - 1])) or _next_is_header(lines, n, header_keys) for n in range(number + 1, min(len(lines), number + 5) + 1)):
                break  # the next attachment's form below: this table ends
            continue
        if found.rows and not re.match(r"^\s*指标\s*\d+\s*[:：]", cells[0].text) \
                and _is_trailer(cells[0].text, cells[1].text if len(cells) > 1 else None) and not _rows_below(lines, number):
            found.skipped.append(_below_the_table(lines, number))  # a web page's footer, the issuer or a date below the table
            break
        if found.rows and len(cells) >= 2 and [_key(c.text) for c in cells] == header_line_keys:
            # The header's line printed again whole, its label cells too (年度绩效指标 | 年度主要任务 | 一级指标 …): a page break
            found.skipped.append(Skipped(number, "the table's header printed again (a page break)", False, lines[number - 1].strip()))
            continue
        if found.rows and len(cells) >= 2 and all(_HEADER_CELL.fullmatch(_key(c.text)) for c in cells):
            if [_key(c.text) for c in cells] != header_keys[-len(cells):]:
                # Another table's header, with other columns: this table ends, and the other is not read.
                found.skipped.append(Skipped(number, "another table's header after this table's rows: kg reads one indicator "
                                             "table a form; its rows are not read", True, lines[number - 1].strip()))
                break
            # The header printed again at the top of the next page: not a row.
            found.skipped.append(Skipped(number, "the table's header printed again (a page break)", False, lines[number - 1].strip()))
            continue
        if space_split and len(cells) == 1 and found.rows and _value_goes_on(found, cells[0], number, lines):
            continue
        following = split_cells(lines[number]) if number < len(lines) else []
        name_end_next = len(following) >= 2 and len(following[0]) <= 4 and _value_shaped(following[1]) \
            and not (tier1_of(following[0]) or tier2_of(following[0]))  # 建档立卡…参保 / 人数 ≥1.2万人: a name wrapped
        if space_split and len(cells) == 1 and found.rows and not found.rows[-1].positional and not name_end_next \
                and _continues_last_text(found, header.after, cells[0]):
            last = found.rows[-1]  # …设施采购推迟， / 计划2023年一季度补齐: the 偏差原因 wrapped onto a line of its own (PDF text)
            found.readings.append(Reading(number, "text", f"line {number}: {cells[0].text!r} begins no row; it continues the "
                                          f"{header.after[-1].value} of line {last.cells[-1].line} ({last.cells[-1].text!r}), which "
                                          "stops mid-sentence"))
            last.cells[-1] = Cell(last.cells[-1].text + cells[0].text, last.cells[-1].line)
            continue
        if not space_split and len(cells) == 1 and found.rows and _continues_text(found, header, placed, printed, number, lines):
            continue
        if Col.TASK in header.before and len(cells) >= 2 and tier1_of(cells[0].text) is None and tier2_of(cells[0].text) is None \
                and (tier1_of(cells[1].text) is not None or tier2_of(cells[1].text) is not None):
            if task is not None and _TASK_CUT.search(task.text) and found.rows and found.rows[-1].task is task \
                    and found.rows[-1].name.line == number - 1:
                # 水生态环境保护和 / 流域综合治理 on the next row: the task's name wrapped in its merged cell, not a new task
                joined = Cell(task.text + cells[0].text, task.line)
                found.rows[:] = [replace(r, task=joined) if r.task is task else r for r in found.rows]
                found.readings.append(Reading(number, "activity", f"lines {task.line}–{number}: {task.text!r} ends at a conjunction "
                                              f"and {cells[0].text!r} follows in its column: one task, {joined.text!r}"))
                task = joined
            else:
                task, tiers = cells[0], _Tiers()  # a new task: the tiers of the one before do not carry into it
            cells = cells[1:]
        if Col.PROJECT in header.before and header.before.index(Col.PROJECT) > 0 and header.before[0] == Col.SERIAL \
                and len(cells) > 1 and _SERIAL.fullmatch(fold(cells[0].text)):
            cells = cells[1:]  # 序号 | 项目名称 | …: the row's (or its project's) number, before the project's cells
        if Col.PROJECT in header.before and (head := _project_head(cells, header)) is not None:
            if tiers.project is None or _key(tiers.project.name.text) != _key(head.name.text):
                tiers = _Tiers()  # a new project (not its merged cells printed again): the tiers before do not carry into it
                tiers.project = head
            cells = cells[head.cells:]
        elif Col.PROJECT in header.before and tiers.project is not None and len(cells) > 1 + len(header.after) \
                and _key(cells[0].text) == _key(tiers.project.name.text):
            # the project's merged cells printed again on a row that prints no tier of its own
            cells = cells[tiers.project.cells:]
        if pending is not None:
            joined = pending.text + cells[0].text
            if tier1_of(joined) or tier2_of(joined):
                cells = [Cell(joined, pending.line), *cells[1:]]
            pending = None
        if all(_NUMBER.match(c.text) for c in cells) and found.rows and not found.rows[-1].positional:
            found.rows[-1].cells += cells  # a weight or score wrapped onto its own line
            continue
        if len(cells) == 1 and any(k == Col.PROJECT and "单位" in word for k, word in header.columns) \
                and _ORGANISATION_END.search(_key(cells[0].text)) and not tier1_of(cells[0].text) and not tier2_of(cells[0].text):
            # 单位名称、项目名称 | …: a unit's name alone on its row above its projects (its cells blank, as a sheet saves
            # them), no project and no data
            found.skipped.append(Skipped(number, "a unit's name above its projects (the 单位名称、项目名称 column): no project",
                                         False, lines[number - 1].strip()))
            continue
        if separated and "\t" not in lines[number - 1] and "|" not in lines[number - 1] \
                and not (len(cells) == 1 and (tier1_of(cells[0].text) or tier2_of(cells[0].text) or _is_tier_prefix(cells[0].text))):
            # A line without the table's separators inside a table of tabs or pipes: a PDF page's header or
            # footer (打印时间：…, 1 / 2, the unit's name printed on every page), else text kg cannot place.
            found.skipped.append(_outside_the_cells(number, lines, printed_lines))
            continue
        if tier_line and _key(cells[0].text) == "指标":  # the tail of a tier label the line before wrapped (社会效益 / 指标)
            cells = cells[1:]
            if not cells:
                continue
        if found.rows and all(_is_tier_end(c.text) for c in cells):
            # 服务对象满意度 / 指标 (成本 / 指标 | 指标): tier labels' ends wrapped onto a line of their own; no data
            found.skipped.append(Skipped(number, "the end of a tier label wrapped onto its own line", False, lines[number - 1].strip()))
            continue
        if len(cells) > 2 and _key(cells[0].text) == "指标" and (tier1_of(cells[1].text) or tier2_of(cells[1].text)):
            cells = cells[1:]  # 产出 / 指标 | 质量指标 | …: the 一级's end wrapped onto the next row's line, before its 二级
        if space_split and found.rows and printed_lines[lines[number - 1].strip()] >= 2 and len(cells) >= 2 \
                and not any(_value_shaped(c.text) for c in cells) and (TITLE.search(fold(lines[number - 1])) or _FORM_TITLE.search(fold(lines[number - 1]))):
            # a PDF page's running header (the unit and the form's title printed on every page): no row
            found.skipped.append(Skipped(number, "a page's header printed on every page", False, lines[number - 1].strip()))
            continue
        if Col.SERIAL in header.before and len(cells) > 1 and _SERIAL.fullmatch(fold(cells[0].text)):
            cells = cells[1:]  # the row's 序号, printed first (before its tiers, or its name)
        carried = tiers.tier2
        rest = tiers.take(cells, weighted=Col.WEIGHT in header.before)
        if tiers.took2 is not None:
            labelled.add(number)
        elif tiers.took1 and found.rows and rest:
            tier1_alone.add(number)  # a 一级 printed on a row that prints no 二级: the label in the middle of its cell
        if not found.rows and rest and first_took1 is None:
            first_took1 = tiers.took1  # the first row printing its 一级: the labels at the top of their cells, as far as that goes
        if rest and (tiers.took1 or tiers.took2):
            rows_with_tier1 += bool(tiers.took1)
            rows_with_tier += 1
        if rest and tiers.took1 and tiers.took2 is None and tiers.tier2 is not None and not space_split \
                and rows_with_tier1 == rows_with_tier >= 2 and Col.TIER2 in header.before:
            # 产出指标 | (blank) | 培训合格率 in a table printing its 一级 on every row: the 二级 left blank, not merged
            found.warnings.append(Warning(number, f"the row prints its 一级 but leaves its 二级 blank, in a table printing its tiers on "
                                          f"every row: given {tiers.tier2.label} from the row above, which may be wrong"))
        if laid_out or (not space_split and len([c for c in printed if c is not None]) >= header_width):
            pass  # tabs and pipes keeping a merged cell's blank places (its label on its first row); laid out: below
        elif not found.rows and unlabelled is None and Col.TIER2 in header.before and Col.PROJECT not in header.before \
                and tiers.tier2 is None and 2 <= len(rest) <= 1 + len(header.after) \
                and any(_value_shaped(c.text) for c in rest[1:]):
            unlabelled = number  # a whole row (a name, a value) first under the header, no tier printed nor carried
        elif unlabelled is not None and not centred and found.rows and found.rows[0].name.line == unlabelled and tiers.took2 is not None:
            centred = True
            found.warnings.append(Warning(number, f"the first row (line {unlabelled}) prints no 二级 and the 二级 "
                                          f"{tiers.took2.text.strip()!r} is printed on line {number}, below rows that print none: the "
                                          "tier labels are printed in the middle of their merged cells (text laid out by columns), so "
                                          "which rows a label belongs to cannot be told from the text; rows printing no 二级 are given "
                                          "the one above them and may be wrong (read the PDF itself, or a copy that keeps its cells)"))
        if tiers.took2 is not None and carried is not None and tiers.tier2 != carried and len(cells) - len(rest) == 1 \
                and found.rows and found.rows[-1].tier2 == carried \
                and any(not lines[n - 1].strip() for n in range(found.rows[-1].name.line + 1, number)):
            found.warnings.append(Warning(number, f"the 二级 {tiers.took2.text.strip()!r} is printed after a page break (a blank line before line "
                                          f"{number}); the rows above the break that print no 二级 are given {carried.label}, carried down, "
                                          "though a merged cell's label may be printed on the page its rows end on"))
        for cut in tiers.completed:
            found.readings.append(Reading(number, "tier", f"line {number}: {cut.text!r} read as the tier label it begins "
                                          "(its end wrapped onto the next line)"))
        found.readings += _empty_groups(tiers)
        if len(rest) < len(cells) and tier1_of(cells[0].text) is not None:
            unread_tier = None  # a 一级 of the framework: the rows below are under it
        unread_here = Col.TIER1 in header.before and len(rest) > 1 + len(header.after) and _unread_tier(rest[0].text)
        if unread_here:
            unread_tier = rest[0]
        if unread_here or (unread_tier is not None and len(rest) == len(cells)):  # printing no tier of its own: under it
            found.skipped.append(Skipped(number, f"under the tier {unread_tier.text!r} (line {unread_tier.line}), which is none of the "
                                         "framework's (产出, 效益, 满意度, 成本指标 and their 二级) or cannot be read: the row is not read",
                                         True, lines[number - 1].strip()))
            continue
        tier_line = not rest
        if not rest:
            if tiers.took1 and tiers.took2 is None:
                last_tier_label = number  # a 一级 alone on its line: its rows follow, or the text is cut (a 二级 alone may be an empty group)
            continue
        if len(rest) == 1 and _is_tier_prefix(rest[0].text) and not read_value(rest[0].text).value:
            pending = rest[0]
            continue
        took2 = tiers.took2
        if header.names_tier2 and took2 is None and len(rest) < len(cells) and tier1_of(cells[0].text) is not None \
                and _value_shaped(rest[0].text):
            # 成本指标 | ≤3860万元 | …: a 一级 with no 指标名称 beside it, its value next: the 一级 names the indicator
            found.rows.append(tiers.row(cells[0], rest))
            found.readings.append(Reading(number, "name", f"line {number}: no 指标名称 beside the 一级 {cells[0].text.strip()!r}: "
                                          "the 一级 names the indicator"))
            continue
        if header.names_tier2 and took2 is not None and took2.text in lines[took2.line - 1]:  # 指标名称 holds the 二级: it names the indicator
            if all(_is_placeholder(c) for c in rest):
                # 经济效益指标 | / | /: the form has no indicator of this 二级
                found.skipped.append(Skipped(number, f"a placeholder row ({took2.text.strip()!r} and {rest[0].text.strip()!r}): no "
                                             "indicator under this 二级", False, lines[number - 1].strip()))
                continue
            found.rows.append(tiers.row(tiers.took2, rest))
            if not space_split:  # where its cells are printed, for a cell wrapped onto the next line
                placed = _by_column(printed, rest)
            found.readings.append(Reading(tiers.took2.line, "name", f"line {tiers.took2.line}: the table has no 三级 column; "
                                          f"the 二级 {tiers.took2.text!r} under 指标名称 is the indicator's name"))
            continue
        name, after = rest[0], rest[1:]
        if _is_placeholder(name) and all(_is_placeholder(c) for c in after):
            # 经济效益指标 | 无 | 无 | 无 | — | —: the form's author filled the cells of a 二级 it has no indicator under
            found.skipped.append(Skipped(number, f"a placeholder row ({name.text.strip()!r} in every cell): no indicator under this 二级",
                                         False, lines[number - 1].strip()))
            continue
        if space_split and name_start is not None:  # joined where the next line prints no tier: the name's end, then its values
            name, name_start = _wrapped_name(found, name_start, name, number, len(rest) == len(cells), "wrapped after its comma"), None
        if space_split and not after and re.search(r"[，,、]$", name.text.strip()):
            name_start = name  # 指标1:道路、路灯、排水等基础设施完好率, / 保障园区企业正常生产经营(≥**%) ≥95%: wrapped at its comma
            continue
        if re.fullmatch(r"指?标", _key(name.text)):
            # 效益指标 | 指标 | 担 | …: the ends of cells wrapped from the row above (PDF text), not a row
            found.skipped.append(Skipped(number, "the ends of the row above's cells, wrapped onto this line: not read", True, lines[number - 1].strip()))
            continue
        if space_split:
            after = _merge_spaced(after, Col.UNIT in header.after)
            while (len(after) > len(header.after) or (len(after) > 1 and header.after[:1] == [Col.NATURE] and not _fits(Col.NATURE, after[0].text))) \
                    and not _value_shaped(after[0].text) \
                    and not re.fullmatch(r"\d{4}年(?:\d{1,2}月)?", fold(after[0].text)) and _value_shaped(after[1].text):
                # (or as many cells as columns where the first, no comparator, cannot be the 指标性质 the row left blank)
                # A space inside the name (路面技术状况指数 (PQI) ≥80): more cells than columns, a value after the word.
                found.readings.append(Reading(number, "text", f"line {number}: {name.text!r} and {after[0].text!r}, before the "
                                              "value, are one name with a space in it (the row has more cells than the table "
                                              "has columns)"))
                name, after = Cell(f"{name.text} {after[0].text}", name.line), after[1:]
            found.rows.append(replace(tiers.row(name, after), task=task))
            continue
        columns = [n for n, c in enumerate(printed) if c]
        at_name = columns[len(columns) - len(rest)]
        if not after and name_start is None and _name_goes_on(lines, number, at_name):
            # 系统上线运行 / ⇥⇥稳定率⇥≥99%…: a name wrapped onto the next line in its own column, the values there
            name_start = name
            continue
        if name_start is not None:  # joined where the next line prints no tier, the name's end in its column
            name = _wrapped_name(found, name_start, name, number, at_name == name_column and len(rest) == len(cells), "wrapped in its column")
            name_start = None
        name_column = at_name
        # Blank cells tell which of last year's (or the mid-term's) and this year's values a row prints only
        # where it prints one cell a column after its name (a copy that leaves out merged cells does not).
        beside = printed[at_name + 1:]
        if beside and not beside[-1] and lines[number - 1].rstrip().endswith("|"):
            beside = beside[:-1]
        two = header.after[:2] == [Col.PRIOR, Col.TARGET] and len(beside) == len(header.after)
        prior_blank = two and not beside[0]
        target_blank = two and bool(beside[0]) and not beside[1]
        placed = _by_column(printed, after)
        lined_up = _lined_up(printed, placed, columns[len(columns) - len(rest)], header, header_cells, number)
        if lined_up is not None:
            found.readings.append(Reading(number, "position", f"line {number}: a blank cell inside the row: its cells read by "
                                          "their place under the header"))
        found.rows.append(replace(tiers.row(name, lined_up or after, positional=lined_up is not None), task=task, prior_blank=prior_blank,
                                  target_blank=target_blank))
    if name_start is not None:  # the table ended before the name's end: reported
        found.skipped.append(Skipped(name_start.line, f"{name_start.text!r}: no target value where the header puts it", True, name_start.text))
    if laid_out and found.rows:
        last_label = max(labelled, default=0)
        unsure = [r.name.line for r in found.rows if r.name.line not in labelled and r.name.line < last_label]
        where = f"{'line' if len(unsure) == 1 else 'lines'} {line_ranges(unsure)}"
        said = (f"text laid out by columns (runs of spaces line its cells up) prints a merged cell's tier label on one of its "
                f"rows, so the rows printing no 二级 ({where}) may belong to the label below them as well as "
                "to the one above; each is given the one above")
        if unsure and found.rows[0].name.line in labelled and (first_took1 or Col.TIER1 not in header.before) and not tier1_alone:
            # the first row prints its 二级: the labels are at the top of their cells, as far as the text shows
            found.readings.append(Reading(unsure[0], "tier", f"{where}: {said}, as the first row prints its label "
                                          "(labels at the top of their cells; centred labels would give some the one below)"))
        elif unsure:
            why = (f"the first row (line {found.rows[0].name.line}) prints none" if found.rows[0].name.line not in labelled else
                   f"a 一级 is printed on a row that prints no 二级 (line {min(tier1_alone)})" if tier1_alone else
                   f"the first row (line {found.rows[0].name.line}) prints no 一级")
            found.warnings.append(Warning(unsure[0], f"{said}, though {why}: the labels are in the middle of their cells and some "
                                          "of these rows are the label's below (read the PDF itself, or a copy that keeps its cells)"))
    last_text = max((n for n in range(1, len(lines) + 1) if lines[n - 1].strip()), default=0)
    if pending is not None:
        found.cut = pending.line
    elif found.rows and last_tier_label == last_text and last_tier_label > found.rows[-1].name.line:
        found.cut = last_tier_label  # 成本指标 | the text's last line, no 二级 or row under it: the table is cut after its label
    elif not space_split and found.rows:
        _cut_last_row(lines, found)
    elif found.rows:
        _cut_last_spaced_row(lines, found)
    return found


def _by_column(printed: list[str], cells: list[Cell]) -> dict[int, Cell]:
    """A row's last cells by the column of the printed line they stand in (its filled columns, from the right)."""
    columns = [n for n, c in enumerate(printed) if c]
    return dict(zip(columns[len(columns) - len(cells):], cells))


def _cut_last_spaced_row(lines: Sequence[str], found: Found) -> None:
    """Spaces: the text ends inside its last row where that row is the text's last line and its value
    prints no unit though its name's placeholder says one (指标1:入园企业满意度(≥**%) ≥9): cut, reported."""
    row, line = found.rows[-1], _row_line(found.rows[-1])
    if line != _last_line(lines) or not row.cells:
        return
    placeholder = re.search(r"[(（][^()（）]*\*\*\s*([%‰]|[\u4e00-\u9fff]{1,3})[)）]", fold(row.name.text))
    value = read_value(row.cells[0].text)
    if placeholder and value.value is not None and value.unit is None:
        _report_cut(found, lines, f"its value {row.cells[0].text.strip()!r} prints no unit where its name says {placeholder.group(1)}: cut off")


def _row_line(row: Row) -> int:
    """The last line a row's cells are printed on."""
    return max(cell.line for cell in (row.name, *row.cells))


def _last_line(lines: Sequence[str]) -> int:
    """The text's last line holding anything."""
    return max(n for n, text in enumerate(lines, start=1) if text.strip())


def _report_cut(found: Found, lines: Sequence[str], why: str) -> None:
    """The last row, which the text ends inside, reported instead of read, and the table marked cut."""
    row = found.rows.pop()
    line = _row_line(row)
    found.skipped.append(Skipped(line, f"the text ends inside the row of {row.name.text!r}: {why}", True, lines[line - 1].strip()))
    found.cut = line


def _cut_last_row(lines: Sequence[str], found: Found) -> None:
    """The text ends inside its last row (a web page's copy kept to its first bytes: ``| 受益群众满意度 | ≥9``):
    the row is reported, not read with its cut value. Told where the row is the text's last line, every
    row before it ends in a pipe, and it prints no closing pipe and fewer cells (blank ones too) than
    the widest of them. (A row of tabs that leaves its last cells blank prints no tab for them,
    and a copy that leaves out merged cells ends its row in a pipe all the same: neither is cut.)"""
    line = _row_line(found.rows[-1])
    if line != _last_line(lines) or len(found.rows) < 3:
        return
    earlier = [lines[_row_line(r) - 1] for r in found.rows[:-1]]
    printed = lines[line - 1]
    widths = {len(split_cells(text)) for text in earlier}
    if len(split_cells(printed)) < max(widths) and all(text.rstrip().endswith("|") for text in earlier) \
            and not printed.rstrip().endswith("|"):
        _report_cut(found, lines, "its cells are cut off")


def _project_head(cells: list[Cell], header: Header) -> ProjectHead | None:
    """A department's table of projects: the row that begins a project prints its name (and its 资金总额
    and 年度绩效目标, where the table has them) before its first tier."""
    first_tier = next((n for n, c in enumerate(cells[:4 + max(0, len(header.amount_roles) - 1)]) if tier1_of(c.text) is not None or tier2_of(c.text) is not None), None)
    if not first_tier:
        return None
    head = cells[:first_tier]
    if _value_shaped(head[0].text):
        return None
    if header.amount_roles:
        # 合计 | 财政拨款 | 其他资金 under 项目金额: a number under each (a role no project has, 基本支出, left out)
        numbers = head[1: 1 + len(header.amount_roles)]
        rest = head[1 + len(numbers):]
        if len(numbers) < len(header.amount_roles) or any(read_value(c.text).value is None for c in numbers) \
                or len(rest) > (Col.GOAL in header.before) or "total" not in header.amount_roles:
            return None
        named = [(role, cell) for role, cell in zip(header.amount_roles, numbers)]
        total = next(cell for role, cell in named if role == "total")
        parts = tuple((role, cell) for role, cell in named if role is not None and cell is not total)
        unnamed = len(named) - 1 - len(parts)
        return ProjectHead(head[0], total, rest[0] if rest else None, parts) if not unnamed else None
    amount = next((c for c in head[1:] if read_value(c.text).value is not None), None) if Col.AMOUNT in header.before else None
    goal = next((c for c in head[1:] if c is not amount), None) if Col.GOAL in header.before else None
    if len(head) != 1 + (amount is not None) + (goal is not None):
        return None  # cells the table's columns do not account for
    return ProjectHead(head[0], amount, goal)


def _next_past_a_year(lines: Sequence[str], number: int) -> str | None:
    """The next line after line ``number`` holding anything but a year ((2024年度), printed under a title)."""
    return next((lines[n] for n in range(number, len(lines)) if lines[n].strip() and not _YEAR_HEADING.fullmatch(_key(lines[n]))), None)


def _next_is_row(lines: Sequence[str], number: int) -> bool:
    """Whether the next line holding anything after line ``number`` goes on with the table: it begins with
    a tier label."""
    following = _next_past_a_year(lines, number)
    first = next((c for c in split_cells(following) if c), "") if following is not None else ""
    return bool(first) and (tier1_of(first) is not None or tier2_of(first) is not None)


def _next_is_header(lines: Sequence[str], number: int, header_keys: list[str]) -> bool:
    """Whether the next line holding anything after line ``number`` is the table's header printed again."""
    following = _next_past_a_year(lines, number)
    return following is not None and [_key(c) for c in split_cells(following) if c] == [k for k in header_keys if k]


def _wrapped_name(found: Found, start: Cell, name: Cell, number: int, joins: bool, how: str) -> Cell:
    """A name begun on an earlier line (``start``), its end on this one (``name``): one name, with a reading,
    where ``joins``; else the start is reported as a row without its value, and this line's name is its own."""
    if joins:
        found.readings.append(Reading(number, "text", f"lines {start.line}–{number}: {start.text!r} and {name.text!r} are one name, {how}"))
        return Cell(start.text + name.text, start.line)
    found.skipped.append(Skipped(start.line, f"{start.text!r}: no target value where the header puts it", True, start.text))
    return name


def _name_goes_on(lines: Sequence[str], number: int, column: int) -> bool:
    """Whether the next line holding anything goes on with a name printed alone on line ``number`` (tabs
    or pipes): it prints nothing left of that column, its text in that column, and values after it."""
    following = next((n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)
    if following is None or column < 1:
        return False
    printed = split_cells(lines[following - 1])
    return len(printed) > column + 1 and not any(printed[:column]) and bool(printed[column]) \
        and not (tier1_of(printed[column]) or tier2_of(printed[column])) and any(_value_shaped(c) for c in printed[column + 1:])


def _header_cells(lines: Sequence[str], header: Header) -> list[str]:
    """The header's headings one a column, as printed with tabs or pipes, blank margins dropped: its
    line, or two lines where a heading stands over sub-columns (指标值 over 年度指标值 | 实际完成值), each
    column headed by its lower line's word where it prints one. Empty when the header is not so."""
    if lines[header.line - 1][: header.start_offset].strip(" \t|\u3000") or header.end_line - header.line > 1:
        return []  # a header after other text on its line (glued, or the table on one line)
    rows = [split_cells(lines[n - 1]) for n in range(header.line, header.end_line + 1)]
    width = max(len(r) for r in rows)
    cells = [next((r[n] for r in reversed(rows) if n < len(r) and r[n]), "") for n in range(width)]
    while cells and not cells[-1]:
        cells.pop()
    while cells and not cells[0]:
        cells.pop(0)
    return cells


def _lined_up(printed: list[str], placed: dict[int, Cell], name_at: int, header: Header, header_cells: list[str],
              number: int) -> list[Cell] | None:
    """A row of tabs or pipes that leaves a cell blank inside it (no 实际完成值, no 年度指标值), under a
    header of one cell a column: the cells after its name by position, blanks kept, where nothing is
    printed past the last heading's place. (A row may leave out its merged tier cells, so positions
    count from the name.) Else None, and the cells are given to columns by what each can hold: a
    blank would shift the values after it one column left."""
    width = len(header.after)
    if len(header_cells) != len(header.columns) or not all(header_cells) or not placed:
        return None
    last = max(placed)
    if last > name_at + width or all(printed[n] for n in range(name_at + 1, last + 1)):
        return None
    return [placed.get(n, Cell("", number)) for n in range(name_at + 1, name_at + 1 + width)]


def _prints_every_column(cells: list[str], before: list[Col | None]) -> bool:
    """A row printed with all its columns: beginning with a blank merged cell, left of the 三级 heading
    only blank cells, tier labels or a task's name under 年度主要任务, and the name under the heading.
    A web page's copy that leaves merged cells out starts with text and puts the name further left;
    its rows are never taken for a wrapped one."""
    name_at = len(before)
    if not cells or cells[0]:
        return False  # only a row that prints its merged cells blank shows it keeps every column
    if len(cells) > name_at and (not cells[name_at] or tier1_of(cells[name_at]) or tier2_of(cells[name_at])):
        return False
    return all(not c or tier1_of(c) or tier2_of(c) or before[n] in (Col.TASK, Col.LABEL, None) for n, c in enumerate(cells[:name_at]))


def _wrapped_tab_rows(lines: Sequence[str], first_line: int, last_line: int, readings: list[Reading],
                      before: list[Col | None] | None = None) -> dict[int, tuple[list[str], list[Cell]]]:
    """Rows of a tab-separated table with a cell wrapped onto the next line (a long 三级 name or
    年度指标值): the row's line stops inside the cell, and the next line begins with the cell's end.
    Where the two lines' cells, the cut cell counted once, are exactly the table's width (the
    number of cells most of its lines print), they are one row: by line, its cells (the first
    line's) and nothing (the second's); with a reading."""
    numbers = [n for n in range(first_line, last_line + 1) if "\t" in lines[n - 1] and "|" not in lines[n - 1]]
    counts = Counter(len(lines[n - 1].rstrip("\r\n").split("\t")) for n in numbers)
    if not counts:
        return {}
    width, most = counts.most_common(1)[0]
    if most < 2:
        return {}
    out: dict[int, tuple[list[str], list[Cell]]] = {}
    following = {a: b for a, b in zip(numbers, numbers[1:]) if all(not lines[n - 1].strip() for n in range(a + 1, b))}
    for first, second in following.items():
        if first in out:
            continue
        head = [c.strip() for c in lines[first - 1].rstrip("\r\n").split("\t")]
        tail = [c.strip() for c in lines[second - 1].rstrip("\r\n").split("\t")]
        trimmed = len(tail)
        while trimmed > 1 and not tail[trimmed - 1]:
            trimmed -= 1
        if len(head) >= width or width not in (len(head) + len(tail) - 1, len(head) + trimmed - 1) \
                or not head[-1] or not tail[0] or tier1_of(tail[0]) or tier2_of(tail[0]) or _is_stop(tail[0]) \
                or _value_shaped(head[-1]) or _value_shaped(tail[0]) \
                or (before is not None and not _prints_every_column(head, before)):
            continue  # a value ends a row whole; a row that leaves merged cells out is not a wrapped one
        printed = [*head[:-1], head[-1] + tail[0], *tail[1:]]
        cells = [Cell(c, first) for c in head[:-1] if c] + [Cell(head[-1] + tail[0], first)] + [Cell(c, second) for c in tail[1:] if c]
        out[first], out[second] = (printed, cells), ([], [])
        readings.append(Reading(first, "text", f"lines {first}–{second}: the row stops inside {head[-1]!r} and line {second} "
                                      f"begins with {tail[0]!r}; together their cells are the table's {width} columns: one row, "
                                      "the cell wrapped"))
    return out


def _continues_text(found: Found, header: Header, placed: dict[int, Cell], printed: list[str], number: int,
                    lines: Sequence[str]) -> bool:
    """A line holding one cell, in the column where the row above printed its 偏差原因 or other text:
    that text wrapped onto this line (加强组织协调… under 受疫情影响…，下一步将). Joined to it, with a
    reading; False when the cell is anything else (a new row, a value, a name)."""
    column = next(n for n, c in enumerate(printed) if c)
    above = placed.get(column)
    row = found.rows[-1]
    if above is None and placed and column > max(placed) and re.search(r"[，,、]$", placed[max(placed)].text.strip()):
        above = placed[max(placed)]  # printed a tab further right than the text it continues, which stops at a comma
    previous = lines[number - 2].rstrip() if number >= 2 else ""
    if placed and "|" in previous and not previous.endswith("|") and lines[number - 1].rstrip().endswith("|"):
        above = placed[max(placed)]  # … | 居民电子健康档案建档率 / (以常住人口计) |: the row's last cell, left open, goes on
    if above is None or above not in row.cells:
        return False
    assigned, _ = assign(row.cells, header.after, row.positional)
    if not any(cell is above and col in (Col.REASON, Col.TEXT) for col, cell in assigned.items()):
        return False
    joined = Cell(above.text + printed[column], above.line)
    row.cells[row.cells.index(above)] = joined
    placed[column] = joined
    found.readings.append(Reading(number, "text", f"line {number}: {printed[column]!r} continues the cell above it (line "
                                  f"{above.line}), its text wrapped"))
    return True


def _value_goes_on(found: Found, cell: Cell, number: int, lines: Sequence[str]) -> bool:
    """A short word alone on the line after a row of spaces whose last cell is a value in words, a date
    or a description (2022年10月底 / 前, 2021年12月底前全部 / 发放到位): that cell wrapped onto this line, where
    the word is a deadline's or a bound's end, or is printed under that cell (PDF text keeps the columns;
    a word under the name's column is the name's end, reported). Joined to it, with a reading."""
    row = found.rows[-1]
    text = cell.text.strip()
    if not row.cells or row.cells[-1].line != number - 1:
        return False
    last = row.cells[-1]
    above = last.text.strip()
    # under the cell, where that cell was cut by its column's width (a long text, or one ending at a comma); a short
    # complete value (显著增强) over a word is the next row's value printed above it (持续 / … 完善), not this one's end
    under = lines[number - 1].find(text) >= lines[number - 2].rfind(above) - 2 and (len(above) >= 8 or bool(re.search(r"[，,、；;]$", above)))
    ends = len(text) <= 4 and re.search(r"(?:前|到位|完成|以上|以下|以内)$", text) is not None  # (工程按期完成 is a name)
    if not (ends or under) \
            or len(text) > 6 or re.search(r"\d", text) \
            or tier1_of(text) or tier2_of(text) or _is_tier_prefix(text) or re.fullmatch(r"指?标", text) or _is_stop(text) \
            or read_value(last.text).value is not None or _UNIT_ONLY.match(fold(last.text)):
        return False
    row.cells[-1] = Cell(last.text + text, last.line)
    found.readings.append(Reading(number, "text", f"line {number}: {text!r} ends the last cell {last.text!r} of the line above "
                                  "(a value or its description), wrapped onto its own line"))
    return True


def _merge_spaced(cells: list[Cell], unit_column: bool, known_units: bool = False) -> list[Cell]:
    """Runs of spaces split ``≥ 95 %`` and ``不低于 95%``: a bare comparator (a sign or a word) joins the number after it, and (without a
    度量单位 column) a number joins the unit after it: with ``known_units`` (a stream of tokens, where a score may stand
    before a name made of unit characters: 10 学校) only a unit of the vocabulary."""
    out: list[Cell] = []
    for cell in cells:
        comparator = out and (re.fullmatch(CMP, fold(out[-1].text)) or fold(out[-1].text) in COMPARATOR_WORDS)
        unit = _UNIT_ONLY.match(fold(cell.text)) and (not known_units or unit_of(fold(cell.text).strip()) is not None)
        if comparator and re.match(r"\d", cell.text) or out and not unit_column and _NUMBER.match(out[-1].text.lstrip("≥≤<>=")) and unit \
                and not _NUMBER.match(cell.text):
            out[-1] = Cell(out[-1].text + cell.text, cell.line)
        else:
            out.append(cell)
    return out


# The end of a value wrapped onto its own line (2023年11月30日 / 前): a deadline's or a bound's word.
_VALUE_TAIL = re.compile(r"(?:底前|以前|之前|前|以内|内|止|及以上|及以下|以上|以下|完成|到位)")


def _cells_rows(lines: Sequence[str], header: Header) -> Found:
    """One cell a line: ``X |`` is a cell, ``|`` an empty one, ``||||`` ends a row."""
    found, tiers = Found(), _Tiers()
    slots: list[Cell | None] = []  # None: a row break
    last = max((n for n in range(len(lines)) if lines[n].strip()), default=-1) + 1
    wrapped: Cell | None = None  # the start of a cell printed over several lines
    for number in range(header.end_line + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip():
            continue
        if (page := _page_mark(number, text)) is not None:
            found.skipped.append(page)
            continue
        nxt = _next_text(lines, number)
        tail = nxt is not None and _ONE_CELL_LINE.match(nxt) is not None and _VALUE_TAIL.fullmatch(nxt.rsplit("|", 1)[0].strip()) is not None
        if "|" not in text and tail and wrapped is None:
            wrapped = Cell(text.strip(), number)  # 2023年11月30日 / 前 |: a value wrapped, its end on the next line
            continue
        if "|" not in text and slots and (_is_trailer(text.strip(), nxt)
                                          or is_page_furniture(fold(text), values_alone=True)):
            # the issuer, its seal or the date below the table, printed without the cells' pipes: the table ends;
            # a page's header or footer between its rows is set aside
            if _rows_below(lines, number):
                found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, text.strip()))
                continue
            found.skipped.append(_below_the_table(lines, number))
            break
        if wrapped is not None:
            if _ONE_CELL_LINE.match(text) and not _EMPTY_CELL_LINE.match(text):
                ending = text.rsplit("|", 1)[0].strip()
                slots.append(Cell(wrapped.text + ending, wrapped.line))
                found.readings.append(Reading(wrapped.line, "text", f"lines {wrapped.line}–{number}: {wrapped.text!r} has no "
                                              f"closing | and {ending!r} ends the cell: read as one cell, its text wrapped"))
                wrapped = None
                continue
            if "|" not in text and number != last and not _value_shaped(text):
                wrapped = Cell(wrapped.text + text.strip(), wrapped.line)  # wrapped over a third line
                continue
            slots.append(wrapped)
            wrapped = None
        if _BREAK_LINE.match(text):
            slots.append(None)
        elif _EMPTY_CELL_LINE.match(text):
            slots.append(Cell("", number))
        elif _ONE_CELL_LINE.match(text):
            slots.append(Cell(text.rsplit("|", 1)[0].strip(), number))
        elif "|" in text:
            slots += [Cell(c, number) for c in split_cells(text)[:-1]]
        elif number == last:  # no closing pipe on the last line: cut off
            slots.append(Cell(text.strip(), number, cut=True))
        elif _value_shaped(text):
            slots.append(Cell(text.strip(), number))  # a number or value lost its pipe: a cell of its own
        else:  # text without its closing pipe: wrapped, when the next line ends the cell
            wrapped = Cell(text.strip(), number)
    if wrapped is not None:
        slots.append(wrapped)
    width = len(header.after)
    i = 0
    while i < len(slots):
        slot = slots[i]
        i += 1
        if slot is None or not slot.text:
            continue
        if _is_stop(slot.text):
            break
        if slot.cut:
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the table: {slot.text!r} is cut off", True, slot.text))
            break
        if not tiers.take([slot]):
            continue
        if Col.SERIAL in header.before and re.fullmatch(r"\d{1,3}", slot.text):
            continue
        row: list[Cell] = []
        while i < len(slots) and len(row) < width and slots[i] is not None:
            row.append(slots[i])  # type: ignore[arg-type]
            i += 1
        if any(c.cut for c in row):
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the row of {slot.text!r}: its cells are cut off", True, slot.text))
            break
        if len(row) < width and i >= len(slots):
            found.cut = slot.line
            found.skipped.append(Skipped(slot.line, f"the text ends inside the row of {slot.text!r}", True, slot.text))
            break
        found.rows.append(tiers.row(slot, row, positional=True))
    return found


def _value_shaped(text: str) -> bool:
    """A cell that is a number or a value (5, >=219, 95%): a line holding one without its closing |
    lost the pipe; it does not start a cell wrapped over lines."""
    return _SCORE.match(fold(text).strip()) is not None or read_value(text).value is not None


def _empty_groups(tiers: _Tiers) -> list[Reading]:
    """Readings of the 二级 labels a row's tiers printed with no rows of their own (a form's empty group)."""
    return [Reading(cell.line, "tier", f"line {cell.line}: 二级 {cell.text.strip()!r} is printed with no row of its own: "
                    "an empty group of the form, the row is the next 二级's") for cell in tiers.empty]


def _stream_rows(tokens: list[Cell], header: Header) -> Found:
    """The table on one line of tokens: a row is a name and the header's columns after it."""
    found, tiers = Found(), _Tiers()
    after = header.after
    i = 0
    while i < len(tokens):
        if _is_stop(tokens[i].text):
            break
        rest = tiers.take(tokens[i:])
        found.readings += _empty_groups(tiers)
        if not rest:
            break
        i = len(tokens) - len(rest)
        name = tokens[i]
        taken = _stream_columns(tokens, i + 1, after)
        if taken is None:
            if len(tokens) - i - 1 >= len(after):  # cells enough, but not of the header's columns
                found.skipped.append(Skipped(name.line, f"the cells after {name.text!r} do not fit the header's columns "
                                             f"({' '.join(t.text for t in tokens[i + 1: i + 1 + len(after)])}): a cell left empty, "
                                             "or a cell wrapped; this row and the rest of the table are not read", True, name.text))
            else:
                found.cut = name.line
                found.skipped.append(Skipped(name.line, f"the text ends inside the row of {name.text!r}: its values are missing", True, name.text))
            break
        cells, i = taken
        found.rows.append(tiers.row(name, cells))
    return found


# What a target or an actual printed in words says (明显改善, 按时完成, 是), or a deadline (2023年12月底前): where a
# one-cell-a-line table has no score column to keep its rows in step, a cell in a value's place that
# says none of this is a name or a value wrapped onto a line of its own, not a value.
_VALUE_WORDS = re.compile(
    r"明显|显著|有效|大幅|逐步|稳步|持续|不断|进一步|有所|基本|全面|全部|按时|及时|足额|按期|如期|规范|良好|优良|优秀|合格|达标|达到|完成"
    r"|实现|提升|提高|改善|增强|加强|降低|减少|下降|保障|满足|符合|稳定|可持续|长期|健全|完善|建立|落实|促进|推动|增加|增长|扩大|确保|保持"
    r"|杜绝|以上|以下|以内|不低于|不高于|不超过|不少于|^[是否无有好优良中差高低]$|\d{4}年|\d{1,2}月|\d{1,2}日|底前|之前|以前|日前|年底|月底"
    r"|季度|全年|当年|日内|天内|工作日|每月|每年|每季|每周|每天|每日|满意|^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?"
    r"|全覆盖|长效|常态|干净|整洁|有序|畅通|正常运行|安全运行|零事故|无事故|未发生|不发生|零发生|零投诉|无投诉"
    r"|^[无零]\S{0,8}(?:事故|事件|案件|投诉|问题|违规|违纪)$")
# How an indicator's name ends (达标率, 达标情况, 生活水平): a cell ending so is a name, whatever words it holds.
_NAME_ENDING = re.compile(r"(?:率|数|量|度|情况|时间|时限|人数|面积|次数|里程|长度|标准|水平|效果|效益|能力|意识|条件|环境|质量|规模|比例|比重|成本"
                          r"|费用|金额|资金|知晓率|覆盖率)$")


def _reads_as_value(text: str) -> bool:
    """A cell in a value's place that reads as a value: a number or value, a deadline, or a target in words."""
    folded = fold(text).strip()
    return _value_shaped(text) or (_VALUE_WORDS.search(folded) is not None and not _NAME_ENDING.search(folded))


# Text below a table that is no row of it (a page's footer, the issuer and its seal, a date).
# A web page's words below its text, each a label (来源：), a link (【打印】, 打印本页) or alone in its cell: a
# row's name may begin with the same word (关闭燃煤小锅炉数量, 承办省级赛事数量, 打印及印刷费用).
_TRAILER = re.compile(r"^[【\[]?(?:发布机构|发布时间|发布日期|信息来源|来源|打印|关闭|分享|附件\s*\d{0,2}|相关附件|相关文档|责任编辑|浏览次数|访问次数|主办|承办|协办"
                      r"|网站标识码|网站标志码|字体|字号|上一篇|下一篇|附件下载|相关下载|下载附件|文件下载)\s*(?:[:：】\]]|$)"
                      r"|^[【\[]?(?:打印本页|打印此页|打印页面|关闭窗口|关闭本页|分享到|扫一扫)"
                      r"|^[^，。,；;]{1,8}[:：]\s*$|ICP备|[(（]\s*盖章\s*[)）]|^\d{4}年\d{1,2}月\d{1,2}日$"
                      r"|(?:厅|局|委员会|人民政府|政府|办公室|中心)\s*(?:主办|承办|协办|主管|制作|维护)\s*$")  # 广东省农业农村厅主办
# An issuer's name (某县财政局, 某县人民政府办公室): below a table, with nothing after it but a date or another
# such line; a name ending so (检查乡镇（街道）办事处) with a value after it is a row's.
_ISSUER = re.compile(r"(?<!格|布|结|全|大|时|当|开|骗|赌|棋|饭|牌)(?:局|委员会|人民政府|政府|办公室|办事处)$")


# A site's footer (主办单位：某财政局 地址：… 联系电话：…): below a table unless a value follows the label's cell (地址：各社区
# 服务站 | ≥10个 is a row).
_SITE_FOOTER = re.compile(r"^(?:主办单位|承办单位|协办单位|维护单位|联系电话|联系地址|地址|邮编|邮政编码)\s*(?:[:：]|$)")


def _is_trailer(text: str, after: str | None) -> bool:
    """Whether a cell, followed by ``after`` (the next cell, None at the end), is text below a table."""
    folded = fold(text).strip()
    if _TRAILER.search(folded):
        return True
    if _SITE_FOOTER.search(folded):
        return after is None or not _reads_as_value(after)
    return bool(_ISSUER.search(folded)) and (after is None or bool(_TRAILER.search(fold(after).strip())) or bool(_ISSUER.search(fold(after).strip())))


def _next_text(lines: Sequence[str], number: int) -> str | None:
    """The next line after line ``number`` that holds anything, stripped."""
    return next((lines[n - 1].strip() for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip()), None)


def _rows_below(lines: Sequence[str], number: int) -> bool:
    """Whether a line after line ``number`` names a tier: the table's rows go on below it (a page's
    header or footer between them, not the text below the table)."""
    return any(tier1_of(c) or tier2_of(c) for n in range(number + 1, len(lines) + 1) for c in split_cells(lines[n - 1]) if c)


def _below_the_table(lines: Sequence[str], number: int) -> Skipped:
    """Text below a table (a web page's footer, the issuer, its seal, a date), from line ``number`` on."""
    text = lines[number - 1].strip()
    return Skipped(number, f"text below the table ({text[:40]!r}): not a row", False, text)


def _plain_rows(lines: Sequence[str], header: Header) -> Found:
    """One cell a line without pipes: each line a cell (spaces inside a name kept), a row its name
    and then one cell a column, every column printed but a last 偏差原因/备注, which may be blank. Page
    furniture and the header printed again after a page break are set aside; another table's header,
    a form's title or the text below the table (its issuer, seal, date) ends the table; a row whose
    cells do not fit the header's columns ends it too, with the rest reported: an empty cell leaves
    no line, so nothing after it can be placed. Without a score column to keep the rows in step, a
    value's cell must read as a value. Merged tiers printed at the middle of their rows (no tier
    above the first row) are refused: the text cannot tell which rows each belongs to."""
    tokens: list[Cell] = []
    found = Found()
    heading = [_key(lines[n - 1]) for n in range(header.line, header.end_line + 1) if lines[n - 1].strip()]
    numbers = [n for n in range(header.end_line + 1, len(lines) + 1) if lines[n - 1].strip()]
    above = {line.strip() for line in lines[: header.line - 1] if len(re.sub(r"\s", "", line)) >= 8}  # the page's title, printed again
    page_counted = 0  # the page counts (1/2, 2/2) set aside so far
    i = 0
    while i < len(numbers):
        number = numbers[i]
        text = lines[number - 1].strip()
        if (page := _page_mark(number, text)) is not None:
            found.skipped.append(page)
            i += 1
            continue
        if is_page_furniture(fold(text), values_alone=True) or (text in above and tokens):
            # a print time, a page count, or the page's title printed again at the top of the next page
            found.skipped.append(Skipped(number, "a page's header or footer between the table's rows", False, text))
            i += 1
            continue
        count = re.fullmatch(r"(\d{1,3})\s*/\s*(\d{1,3})", fold(text))
        following = lines[numbers[i + 1] - 1].strip() if i + 1 < len(numbers) else None
        if count and int(count.group(1)) == page_counted + 1 and int(count.group(1)) <= int(count.group(2)) and tokens \
                and _reads_as_value(tokens[-1].text) and (following is None or tier1_of(following) or tier2_of(following)):
            # 1/2 after a row's value, before a tier or at the end, each page's count one more than the last: the
            # page count, not a value (3/4 first is a share)
            found.skipped.append(Skipped(number, "a page count between the table's rows", False, text))
            page_counted += 1
            i += 1
            continue
        if tokens and len(text) <= 5 and not (tier1_of(text) or tier2_of(text)) \
                and (tier1_of(tokens[-1].text + text) or tier2_of(tokens[-1].text + text)):
            # a tier's name wrapped in its narrow column (社会效益 / 指标): one cell
            found.readings.append(Reading(tokens[-1].line, "text", f"lines {tokens[-1].line}–{number}: {tokens[-1].text!r} and {text!r} read "
                                          "as one tier name, wrapped"))
            tokens[-1] = Cell(tokens[-1].text + text, tokens[-1].line)
            i += 1
            continue
        if [_key(lines[n - 1]) for n in numbers[i: i + len(heading)]] == heading:
            found.skipped += [Skipped(n, "the table's header printed again (a page break)", False, lines[n - 1].strip())
                              for n in numbers[i: i + len(heading)]]
            i += len(heading)
            continue
        if tokens and all(_HEADER_CELL.fullmatch(_key(lines[n - 1])) for n in numbers[i: i + 2]) and len(numbers[i: i + 2]) == 2:
            found.skipped.append(Skipped(number, "another table's header after this table's rows: kg reads one indicator table a form; "
                                         "its rows are not read", True, text))
            break
        tokens.append(Cell(text, number))
        i += 1
    after = header.after
    anchored = any(col in (Col.WEIGHT, Col.SCORE, Col.RATE) for col in after)
    tiers = _Tiers()
    at = 0
    while at < len(tokens):
        if _is_stop(tokens[at].text):
            break
        rest = tiers.take(tokens[at:])
        at = len(tokens) - len(rest)
        if not rest:
            break
        name = tokens[at]
        if not found.rows and tiers.tier1 is None and tiers.tier2 is None \
                and any(tier1_of(t.text) or tier2_of(t.text) for t in tokens[at + 1:]):
            # No tier above the first row, tiers further down: merged tier cells printed at the middle of
            # their rows (a PDF's text), so the text cannot tell which rows each belongs to.
            found.skipped.append(Skipped(name.line, f"the first row ({name.text!r}) has no tier above it and tiers are printed "
                                         "further down: the table prints its merged tier cells at the middle of their rows, "
                                         "so no row's tier can be told from the text", True, name.text))
            break
        following = tokens[at + 1].text if at + 1 < len(tokens) else None
        if (_is_stop(name.text) or _is_trailer(name.text, following) or TITLE.search(fold(name.text)) or _FORM_TITLE.search(fold(name.text))) \
                and not _rows_below(lines, name.line):
            found.skipped.append(_below_the_table(lines, name.line))
            break
        # A text column last (偏差原因, 备注) may be left blank, which leaves no line: its cell is the
        # next line unless that line begins a row that fits (or a tier, or the end of the text).
        required = after[:-1] if after and after[-1] in (Col.REASON, Col.TEXT) else after
        cells = tokens[at + 1: at + 1 + len(required)]
        if (len(cells) < len(required) or _plain_misfit(name, cells, required, anchored)) and _continues_last_text(found, after, name):
            last = found.rows[-1]
            found.readings.append(Reading(name.line, "text", f"line {name.line}: {name.text!r} begins no row that fits; it continues "
                                          f"the {after[-1].value} of line {last.cells[-1].line} ({last.cells[-1].text!r}), which stops mid-sentence"))
            last.cells[-1] = Cell(last.cells[-1].text + name.text, last.cells[-1].line)
            at += 1
            continue
        if len(cells) < len(required):
            found.cut = name.line
            found.skipped.append(Skipped(name.line, f"the text ends inside the row of {name.text!r}: its values are missing", True, name.text))
            break
        misfit = _plain_misfit(name, cells, required, anchored)
        if misfit:
            # A tier label further down starts a row again for certain: the lines up to it are reported,
            # and the table is read on from there.
            again = next((n for n in range(at + 1, len(tokens)) if tier1_of(tokens[n].text) or tier2_of(tokens[n].text)), None)
            if again is not None and (again - at > 6 or any(
                    _label_match(t.text, _ALL_LABELS) or TITLE.search(fold(t.text)) or _FORM_TITLE.search(fold(t.text))
                    or _HEADER_CELL.fullmatch(_key(t.text)) or _is_stop(t.text) for t in tokens[at: again])):
                again = None  # not a row's cells before it: another form, the text below the table
            where = f"the lines up to the next tier ({tokens[again].text!r}, line {tokens[again].line})" if again is not None else "the rest of the table"
            found.skipped.append(Skipped(name.line, f"the cells after {name.text!r} do not fit the header's columns "
                                         f"({' '.join(c.text for c in cells)}): {misfit}; this row and {where} are not read "
                                         "(a cell left empty or wrapped onto a line of its own)", True, name.text))
            if again is None:
                break
            found.skipped += [Skipped(t.line, f"after the row of {name.text!r}, which does not fit the header's columns: not read", True, t.text)
                              for t in tokens[at + 1: again]]
            at = again
            continue
        at += 1 + len(required)
        if len(required) < len(after):
            text = tokens[at] if at < len(tokens) else None
            ahead = tokens[at + 1: at + 1 + len(required)]
            blank = text is None or bool(tier1_of(text.text) or tier2_of(text.text)) or _is_stop(text.text) \
                or (len(ahead) == len(required) and _plain_misfit(text, ahead, required, anchored) is None) \
                or (bool(ahead) and _value_shaped(ahead[0].text) and not _value_shaped(text.text))  # a name, its value next
            if not blank:
                assert text is not None
                # The line may as well be a wrapped value's end (改善 under 得到明显) or a wrapped name's start
                # (享受高龄补贴的80周岁以上老 / 年人人数): that is no text column's to keep.
                joined = Cell(text.text + ahead[0].text, text.line) if ahead else None
                wrapped = (not anchored and len(text.text.strip()) <= 4 and _reads_as_value(text.text) and text.text.strip() not in ("无", "-", "—", "/")) \
                    or (joined is not None and len(text.text) >= 6 and not re.search(r"[。；;!！]$", text.text)
                        and _plain_misfit(joined, tokens[at + 2: at + 2 + len(required)], required, anchored) is None
                        and len(tokens[at + 2: at + 2 + len(required)]) == len(required))
                if wrapped:
                    found.skipped.append(Skipped(name.line, f"the line after the row of {name.text!r} ({text.text!r}) may be its "
                                                 f"{after[-1].value} or a name or value wrapped onto its line: this row and the rest "
                                                 "of the table are not read", True, name.text))
                    break
                cells = [*cells, text]
                at += 1
        found.rows.append(tiers.row(name, cells, positional=True))
    if found.rows:
        found.readings.append(Reading(header.end_line, "tier", f"lines {found.rows[0].name.line}–{found.rows[-1].name.line}: one cell a line, "
                                      "each row given the tiers printed above it (a PDF's text may print a merged tier cell at the middle "
                                      "of its rows)"))
    return found


def _continues_last_text(found: Found, after: Sequence[Col], text: Cell) -> bool:
    """Whether a line that begins no row is the rest of the row above's 偏差原因/备注, wrapped: that row
    printed its text column, whose text stops mid-sentence (at a ，, or ten characters or more without a
    closing 。；: a short text may be the next row's name taken for it)."""
    if not found.rows or not after or after[-1] not in (Col.REASON, Col.TEXT):
        return False
    last = found.rows[-1]
    said = last.cells[-1].text.strip()
    # at a comma; or long, without a closing 。, and the line goes on with a clause of its own (更新，下年加强核查)
    mid_sentence = bool(re.search(r"[，,、]$", said)) or (len(said) >= 10 and not re.search(r"[。；;！!]$", said)
                                                      and re.search(r"[，,；;]", text.text) is not None)
    return len(last.cells) == len(after) and mid_sentence \
        and not (tier1_of(text.text) or tier2_of(text.text)) and not _value_shaped(text.text) and text.line == last.cells[-1].line + 1


def _plain_misfit(name: Cell, cells: list[Cell], after: list[Col], anchored: bool) -> str | None:
    """Why a row of one-cell-a-line text does not fit the header's columns, or None."""
    if _value_shaped(name.text):
        return f"a value where its name belongs ({name.text!r})"
    for col, cell in zip(after, cells):
        if tier1_of(cell.text) or tier2_of(cell.text):
            return f"a tier ({cell.text!r}) inside the row"
        if col in (Col.WEIGHT, Col.SCORE, Col.RATE, Col.NATURE, Col.UNIT) and not _fits(col, cell.text):
            return f"{cell.text!r} under {col.value}"
        if col in (Col.TARGET, Col.ACTUAL) and not anchored and not _reads_as_value(cell.text):
            return f"{cell.text!r} in a value's place reads as no value"
    return None


def _stream_columns(tokens: list[Cell], i: int, after: list[Col]) -> tuple[list[Cell], int] | None:
    """The cells of one row from token ``i``; None when the tokens run out before its target."""
    cells: list[Cell] = []
    for col in after:
        if i >= len(tokens):
            break
        token = tokens[i]
        if tier1_of(token.text) or tier2_of(token.text) or _is_stop(token.text):
            break
        if col in (Col.TEXT, Col.REASON):
            if _stream_columns(tokens, i + 1, after) is not None:  # the token starts the next row: the cell is empty
                continue
            if i + 1 < len(tokens) and _value_shaped(tokens[i + 1].text) and not _value_shaped(token.text):
                continue  # a word with a value after it is the next row's name (its row may not fit): the cell is empty
            cells.append(token)
            i += 1
        elif _fits(col, token.text) or col in (Col.TARGET, Col.ACTUAL):
            cells.append(token)
            i += 1
        elif col in (Col.WEIGHT, Col.SCORE, Col.RATE):
            return None  # a score column without a number: not a row
    if not cells:
        return None
    required = [c for c in after if c in (Col.TARGET, Col.WEIGHT, Col.SCORE)]
    if len(cells) < len(required):
        return None
    return cells, i


def _bare_number(text: str) -> bool:
    """A number printed with no unit, comparator or words (15, 36000): a value, a 分值 or a 得分 alike."""
    return _NUMBER.match(fold(text).strip()) is not None


def _unitless(text: str) -> bool:
    """A target that is a number with no unit (36000, ≥21000, 不少于3000): its actual may print none either."""
    value = read_value(text)
    return value.value is not None and value.unit is None


def _fits(col: Col, text: str) -> bool:
    folded = fold(text).strip()
    if col == Col.NATURE:
        return _is_comparator_cell(text)
    if col == Col.UNIT:
        return _UNIT_ONLY.match(folded) is not None and not _NUMBER.match(folded)
    if col in (Col.WEIGHT, Col.SCORE):
        return _SCORE.match(folded) is not None or _NOT_SCORED.fullmatch(folded) is not None
    if col == Col.RATE:  # a rate, or a dash where none is computed (a deadline's 2022年12月 against 2022年11月)
        return _RATE.match(folded) is not None or _NOT_SCORED.fullmatch(folded) is not None
    return bool(folded)


def _actual_left_blank(filled: Sequence[Cell], columns: Sequence[Col]) -> bool:
    """A row that leaves its 实际完成值 blank where a blank leaves no cell (PDF text, spaces): after a target
    with a unit or in words, only the 分值 and 得分 (≥95% 10 10, 明显提升 10 9 …) as bare numbers, a weight
    (at most 30) and a score not above it; a 偏差原因 may follow. (≥95% 96 10 keeps 96 as the actual.)"""
    if Col.ACTUAL not in columns or Col.TARGET not in columns or columns.index(Col.ACTUAL) != columns.index(Col.TARGET) + 1:
        return False
    at = columns.index(Col.TARGET)
    if at >= len(filled):
        return False
    scored = [col for col in columns[at + 2:] if col in (Col.WEIGHT, Col.SCORE)]
    after = filled[at + 1:]
    if columns[at + 2: at + 2 + len(scored)] != scored or len(scored) != 2 or len(after) not in (2, 3):
        return False
    numbers = [fold(c.text).strip() for c in after[:2]]
    if not all(_NUMBER.match(n) for n in numbers) or (len(after) == 3 and (Col.REASON not in columns or _value_shaped(after[2].text))):
        return False
    target = read_value(filled[at].text)
    weight, score = Decimal(numbers[0]), Decimal(numbers[1])
    return (target.value is None or target.unit is not None) and weight <= 30 and score <= weight


# Columns that hold a bare number: a value under one of them may be the number after a target.
_NUMBER_COLUMNS = (Col.ACTUAL, Col.WEIGHT, Col.SCORE, Col.RATE)


def _two_values(filled: Sequence[Cell], columns: Sequence[Col]) -> bool:
    """Both of 指标值's sub-columns filled (last year's value, then this year's target): the row's
    first two cells there are values, where one value leaves text or nothing after it. Where a
    column that holds a number follows (分值 …), the row must fill it too: 280人次 | 10 is a target
    and its weight."""
    at = columns.index(Col.PRIOR)
    pair = filled[at: at + 2]
    numbers_after = sum(1 for col in columns[at + 2:] if col in _NUMBER_COLUMNS)
    return len(pair) == 2 and columns[at + 1: at + 2] == [Col.TARGET] and len(filled) >= at + 2 + numbers_after \
        and (all(read_value(c.text).value is not None for c in pair) or all(_qualitative_value(c.text) for c in pair))


# What a 指标标准或依据 cell says, and a qualitative value does not: 明显改善 | 持续改善 are last year's
# value and this year's target; 明显改善 | 行业标准 a target and its basis.
_BASIS_WORDS = re.compile(r"标准|依据|规定|要求|文件|办法|计划|方案|规划|通知|意见|测算|参照|按照|根据")


def _qualitative_value(text: str) -> bool:
    """A cell that reads as a qualitative value (a date, or a few words such as 持续改善), not as a
    basis or description."""
    folded = fold(text).strip()
    if read_value(folded).value is not None or _BASIS_WORDS.search(folded):
        return False
    return re.fullmatch(rf"(?:\d{{4}}年)?{_MONTH_DAY}", folded) is not None \
        or re.fullmatch(r"[\u4e00-\u9fff]{2,8}", folded) is not None


def assign(cells: Sequence[Cell], after: Sequence[Col], positional: bool) -> tuple[dict[Col, Cell], list[Cell]]:
    """The row's cells by column: positionally (one cell a line, empties printed) or by what each cell
    can be (a comparator, a unit, a score), skipping the columns a row leaves empty."""
    columns = list(after)
    if positional:
        return {col: cell for col, cell in zip(columns, cells) if cell.text and col not in (Col.PRIOR,)}, []
    filled = [c for c in cells if c.text]
    if Col.PRIOR in columns and len(filled) < len(columns) and not _two_values(filled, columns):
        columns.remove(Col.PRIOR)  # one value under 指标值's two sub-columns: this year's target
    if _actual_left_blank(filled, columns):
        columns.remove(Col.ACTUAL)
    out: dict[Col, Cell] = {}
    i = 0
    for col in columns:
        if i >= len(filled):
            break
        if _fits(col, filled[i].text):
            if col not in out or (col == Col.NATURE and fold(out[col].text).strip() == QUANTITATIVE):
                out[col] = filled[i]  # (定量 | ≥ under 指标性质 | 指标方向: the comparator says more)
            i += 1
    return out, filled[i:]


# ---- glued rows: by the shape of their values -----------------------------------------------------

_GLUED_WORD_CMP = "|".join(word for word, _ in WORD_COMPARATORS if word != "达到")
# A date with its month (2023年12月前, 2023年11月): a 定性 target or an actual in words, not the number 2023.
_MONTH_DAY = r"\d{1,2}月(?:\d{1,2}日)?(?:底前|以前|之前|前|底)?"  # 12月底前, 11月30日前
_NUMBER_THEN_WORDS = re.compile(r"\s*\d[\d,]*(?:\.\d+)?\s*[\u4e00-\u9fff]")
# What begins with a number and is no count: a date, a year, a month, a time of day, a period (2024年, 3月底, 1-2月, 5年内),
# a building's or a document's number (2号楼主体结构封顶).
_NOT_A_COUNT = rf"(?:\d+\s*号|(?:19|20)\d\d\s*(?:年|[.．/-]\d)|{_MONTH_DAY}|\d{{1,2}}\s*[-—~至]\s*\d{{1,2}}\s*月|\d+\s*(?:个)?(?:工作日|日|天|周|月|年|季度|小时|分钟))"
_DATE = rf"\d{{4}}年{_MONTH_DAY}"
_ACTUAL_WORDS = "已完成|未完成|基本完成|全部完成|完成|已达到|未达到|达到|已达标|未达标|达标|已实现|未实现|实现|是|否"
_GLUED_COL = {
    Col.TARGET: rf"(?:(?:{CMP})?(?P<td>{_DATE})|(?P<cmp>{CMP}|{_GLUED_WORD_CMP})?(?P<t>\d+(?:\.\d+)?)(?P<tu>%|‰|[{UNIT_CHARS}/*·]{{1,6}}?)?(?P<suf>及以上|及以下|以上|以下|以内)?)",
    # An actual in words (已完成, 达到): a few fixed words, so that a name's own words are not taken for one.
    Col.ACTUAL: rf"(?:(?P<a>\d+(?:\.\d+)?)(?P<au>%|‰|[{UNIT_CHARS}/*·]{{1,6}}?)?|(?P<ad>{_DATE})|(?P<aw>{_ACTUAL_WORDS}))",
    Col.RATE: r"(?P<r>\d+(?:\.\d+)?%)",
    # A 分值 or 得分 is at most 100: 158260平方米 after ≥8000平方米 is 15 and 8260平方米, not 158 and 260.
    Col.WEIGHT: r"(?P<w>100|\d{1,2}(?:\.\d+)?)",
    Col.SCORE: r"(?P<s>100|\d{1,2}(?:\.\d+)?)",
}
_GROUP_LABEL = re.compile(r"^项目年度绩效目标[(（](?:定量|定性)(?:指标|目标)[)）]")
_OTHER_TIER = re.compile(r"^[\u4e00-\u9fff]{2,4}指标")
_NAME = r"(?P<name>[^,，。;；:：!！?？]{1,60}?)"


def _glued_pattern(after: Sequence[Col], whole_line: bool) -> re.Pattern[str] | None:
    parts = []
    if any(after.count(col) > 1 for col in _GLUED_COL):
        return None  # a header naming a value column twice: no row shape to read glued values by
    for col in after:
        if col in _GLUED_COL:
            parts.append(_GLUED_COL[col])
        elif col == Col.GRADES:
            return None
    if Col.TARGET not in after:
        return None
    return re.compile(_NAME + "".join(parts) + ("$" if whole_line else ""))


def _strip_tiers(folded: str, tiers: _Tiers, printed: str) -> int:
    """Consume tier labels glued at the start of a row; how many characters they took."""
    at = 0
    group = _GROUP_LABEL.match(folded)
    if group:
        at = group.end()
    took1 = False
    while True:
        rest = folded[at:]
        hit = None
        for label in _tier_labels():
            if rest.startswith(label):
                hit = label
                break
        if hit is None and took1:
            # A 二级 printed short right after its 一级 (满意度目标服务对象满意度见习人员满意度>=90%): a tier when a
            # name follows it; where the value follows at once, the short label is the row's name.
            for short in sorted(SHORT_TIER2, key=len, reverse=True):
                t2 = tier2_of(SHORT_TIER2[short], after_tier1=True)
                if rest.startswith(short) and t2 is not None and re.match(r"[^\d<>≤≥=＜＞]{2,}", rest[len(short):]):
                    tiers.set2(t2, printed[at: at + len(short)])
                    at += len(short)
                    break
            return at
        if hit is None and not took1:
            for short, full in SHORT_TIER1.items():
                if rest.startswith(short) and any(rest[len(short):].startswith(t) for t in tier_vocabulary().tier2):
                    tiers.set1(tier_vocabulary().tier1[full], printed[at: at + len(short)])
                    at += len(short)
                    took1 = True
                    break
            else:
                return at
            continue
        if hit is None:
            return at
        text = printed[at: at + len(hit)]
        t2 = tier2_of(hit, after_tier1=took1)
        t1 = tier1_of(hit)
        if t2 is not None and (took1 or t1 is None):
            tiers.set2(t2, text, from_tier1=t1 is not None)
        elif t1 is not None and not took1:
            tiers.set1(t1, text)
            took1 = True
        else:
            return at
        at += len(hit)


def _glued_rows(lines: Sequence[str], header: Header, found_rows: Found) -> list[tuple[Row, re.Match[str], str, int]]:
    """Rows without separators: each line after the header (and the rest of the header's line) is
    read as rows whose values end them (``…数量>=2个0个0%``)."""
    tiers = _Tiers()
    out: list[tuple[Row, re.Match[str], str, int]] = []
    segments: list[tuple[int, str, int]] = []
    if header.rest.strip():
        segments.append((header.end_line, header.rest, header.rest_offset))
    segments += [(n, lines[n - 1], 0) for n in range(header.end_line + 1, len(lines) + 1) if lines[n - 1].strip()]
    for number, printed, offset in segments:
        whole = offset == 0
        pattern = _glued_pattern(header.after, whole_line=whole)
        if pattern is None:
            found_rows.skipped.append(Skipped(number, "glued values under a header kg has no row shape for (优/良/中/差 grades, or a column "
                                              "named twice): kg cannot tell the cells apart", True, printed.strip()))
            continue
        folded = fold(printed)
        at = 0
        if whole and _is_stop(printed):
            break
        if whole and (page := _page_mark(number, printed)) is not None:
            found_rows.skipped.append(page)
            continue
        read_any = False
        while at < len(folded):
            start = at + _strip_tiers(folded[at:], tiers, printed[at:])
            rest = folded[start:]
            if whole and _OTHER_TIER.match(rest) and tier2_of(_OTHER_TIER.match(rest).group()) is None:  # type: ignore[union-attr]
                label = _OTHER_TIER.match(rest).group()  # type: ignore[union-attr]
                found_rows.skipped.append(Skipped(number, f"{label} is not a tier of the national framework and the row prints no target value: not an indicator", False, printed.strip()))
                at = len(folded)
                read_any = True
                break
            match = pattern.match(folded, start)
            if match is None:
                break
            groups = match.groupdict()
            bare_target = groups.get("t") and not (groups.get("tu") or groups.get("suf"))
            if (bare_target and groups.get("a") and match.end("t") == match.start("a")) \
                    or (groups.get("a") and not groups.get("au") and groups.get("r") and match.end("a") == match.start("r")):
                # …明顯提升明顯提升100% (one number cut into a target 1, an actual 0 and a rate 0%), 數量28次35125%
                # (35 | 125% or 351 | 25%?): digits glued with nothing between them, nothing tells where one ends
                found_rows.skipped.append(Skipped(number, f"{printed[match.start(): match.end()]!r}: digits glued with nothing between "
                                                  f"them ({', '.join(groups[g] for g in ('t', 'a', 'r') if groups.get(g))}): its target, actual and rate "
                                                  "cannot be told apart", True, printed.strip()))
                at = match.end()
                read_any = True
                continue
            name = Cell(printed[match.start("name"): match.end("name")].strip(), number)
            out.append((tiers.row(name, []), match, printed, number))
            read_any = True
            at = match.end()
        remainder = folded[at:].strip()
        if whole and remainder and not read_any:
            if _is_stop(printed) or not re.search(r"\d", remainder):
                break
            found_rows.skipped.append(Skipped(number, "a row of no known shape: no target value found where the header's columns put it", True, printed.strip()))
        elif remainder and any(remainder.startswith(label) for label in _tier_labels()):
            found_rows.skipped.append(Skipped(number, f"a row kg cannot read after the last one read: {printed[at:at + 30]!r}…", True, printed.strip()))
    return out


# ---- the form's header: project, unit, year, amounts ----------------------------------------------

PROJECT_LABELS = ("项目名称", "资金名称", "专项资金名称", "项目名")
UNIT_LABELS = ("实施单位", "项目实施单位", "项目承担单位", "承担单位", "项目申报单位", "申报单位", "项目单位", "单位信息", "预算单位", "单位名称",
               "评价对象单位", "被评价单位", "填报单位", "部门(单位)名称", "部门名称")
_SEAL = re.compile(r"^[(（]\s*(?:盖章|公章|签章|章)\s*[)）]\s*[:：]?\s*|\s*[(（]\s*(?:盖章|公章|签章|章)\s*[)）]\s*$")  # 填报单位（盖章）：某县林业局

SUPERVISOR_LABELS = ("主管部门", "项目主管部门", "省级主管部门", "市级主管部门", "县级主管部门")
CODE_LABELS = ("项目编码", "项目编号", "项目代码")
GOAL_LABELS = ("年度绩效目标(文字)", "年度目标", "年度绩效目标", "绩效目标", "整体目标", "年初设定目标", "绩效目标总体描述", "总体目标", "项目绩效目标",
               "项目绩效总目标", "项目总体目标", "绩效总目标", "年度总体绩效目标", "年度总体目标", "预期目标",
               "项目目标", "项目年度目标", "项目年度绩效目标", "总体绩效目标")
# Another period's goal printed below the year's (实施期目标, 长期目标 …): its label ends the year's goal.
_OTHER_GOAL = re.compile(r"^\s*(?:项目)?(?:实施期|中长期|长期|中期|总体|整体|分年度)?(?:绩效)?目标\s*"
                         r"(?:[(（]\s*\d{4}[^)）]{0,12}[)）])?\s*[:：]?\s*$"
                         r"|^\s*(?:项目)?(?:实施期|中长期|长期|中期)(?:绩效)?目标")
# An item of a goal printed as a list: 目标1:, 1., 1、, (1).
_GOAL_ITEM = re.compile(r"^\s*(?:目标\s*\d+\s*[:：]|\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）])")
# A self-evaluation's goal row: 年度总体目标 | 预期目标 (年初设定目标) | 实际完成情况 (完成情况综述), the texts
# under them on the row below, in that order.
_OUTCOME_LABELS = ("年度总体目标完成情况综述", "全年实际完成情况", "全年完成情况", "实际完成情况", "完成情况综述", "完成情况")
TOTAL_LABELS = ("年度资金总额", "项目总额", "资金总额", "项目金额", "项目资金总额", "年度资金")
FISCAL_LABELS = ("其中财政拨款", "其中本年财政拨款", "财政拨款小计", "财政拨款", "本年财政拨款", "财政资金")
OTHER_LABELS = ("其他资金", "其他收入")
TITLE = re.compile(r"((?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效目标(?:申报|批复)?表|项目支出绩效目标申报表|项目支出绩效目标批复表|绩效目标申报表|绩效目标批复表|绩效目标自评表|"
                   r"项目支出绩效自评表|绩效自评表|绩效评价指标表|绩效目标表|自评报告|评价结果)")
PROJECT_CODE = re.compile(BEIJING_PROJECT_CODE)
_BUDGET_CODE = re.compile(BUDGET_PROJECT_CODE)
_CODE_BEFORE_NAME = re.compile(rf"^(?P<code>{BUDGET_PROJECT_CODE})\s*[-－—]\s*(?P<name>\S.*)$")  # 51330024R000000012345-食品安全…
# A code of another province's scheme, printed under 项目编码: digits with at most two letters among them.
_OTHER_PROJECT_CODE = re.compile(r"(?=(?:\d*[A-Za-z]){0,2}\d*$)[0-9A-Za-z]{10,32}")
_ALL_LABELS = (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, *GOAL_LABELS, *TOTAL_LABELS, *FISCAL_LABELS, *OTHER_LABELS,
               "项目负责人", "项目经办人", "项目联系人", "联系电话", "项目属性", "项目期", "项目类型", "其他资金", "项目资金", "资金情况",
               "年度总体目标", *_OUTCOME_LABELS, "预期目标", "项目负责人及联系电话")


def _unit_rank(label: str) -> int:
    """How directly a label names the project's unit: 实施单位 (who carries the project out) first, then
    the unit that applies for or owns it (申报单位, 项目单位, 单位名称 …), 填报单位 (who filled the form in) last."""
    if label in ("实施单位", "项目实施单位", "项目承担单位", "承担单位"):
        return 0
    return 2 if label == "填报单位" else 1


# A goal label of the whole period (项目总体目标, 绩效总目标 …): a year's goal printed beside it is the goal.
_PERIOD_GOAL_LABELS = ("总体目标", "整体目标", "项目总体目标", "项目绩效总目标", "绩效总目标", "绩效目标总体描述", "项目绩效目标")


# The period a label names in brackets (年度目标（2025年）, 中期目标（2025-2027年）): part of the label.
_PERIOD_AFTER_LABEL = re.compile(r"^[(（]\s*\d{4}\s*年?度?\s*(?:[-—–~～至到]\s*\d{4}\s*年?度?\s*)?[)）]\s*[:：]?\s*")


_LIST_NUMBER = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*")


def _label_match(cell: str, labels: Iterable[str]) -> tuple[str, str] | None:
    """(label, text after it in the same cell) when a cell starts with one of the labels."""
    key = re.sub(r"[\s]", "", fold(cell)).replace("：", ":")
    numbered = _LIST_NUMBER.match(key)  # 一、项目名称：…, 1.项目名称：…: a numbered list of labels
    bare = key[numbered.end():].replace(":", "") if numbered else key.replace(":", "")
    for label in sorted(labels, key=len, reverse=True):
        if bare.startswith(label) and (not numbered or key[numbered.end():].startswith(label + ":")):
            # the text after the label in the printed cell (numbered: only a label and its colon, not a heading
            # such as (二)绩效目标情况)
            folded = fold(cell)
            idx = 0
            for ch in (key[: numbered.end()].replace(":", "") if numbered else "") + label:  # past the list's number, then the label
                idx = folded.find(ch, idx) + 1
            rest = _PERIOD_AFTER_LABEL.sub("", cell[idx:].lstrip(" :：\u3000"))
            return label, rest
    return None


@dataclass
class Facts:
    title: str | None = None
    title_line: int | None = None
    project: tuple[str, int] | None = None
    code: tuple[str, int] | None = None
    unit: tuple[str, int] | None = None
    unit_label: str = ""  # the label it was read under
    goal_label: str = ""  # the label the goal was read under
    unit_code: str | None = None
    goal: tuple[str, int] | None = None
    amounts: dict[str, tuple[Decimal, str, int]] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # lines above the table holding data kg could not place
    unit_from_supervisor: bool = False  # no unit printed: the 主管部门 is read as the unit


# A form's title glued before a unit's code in the cell under 单位信息 (绩效目标表402017-某局): a PDF's title printed
# tight above the table.
_TITLE_GLUED_TO_CODE = re.compile(r"^(?:\d{4}年度?)?[^\d]{0,14}绩效目标(?:申报|批复)?表\s*(?=\d{6}\s*[-－—])")


def _value_after(cells: list[tuple[int, str, int]], index: int, rest: str) -> tuple[str, int] | None:
    """The value of a label: the rest of its cell, else the next cell unless that is another label."""
    line = cells[index][0]
    if rest:
        return rest, line
    if index + 1 < len(cells):
        nxt_line, nxt, _ = cells[index + 1]
        if _label_match(nxt, _ALL_LABELS) is None and nxt_line - line <= 2 \
                and (not _HEADER_CELL.fullmatch(_key(nxt)) or _OTHER_GOAL.match(fold(nxt))):  # 总体目标 | 实施期目标 | 年度目标
            return nxt, nxt_line
    return None


def _column(lines: Sequence[str], line: int, offset: int) -> int | None:
    """The column a cell starts in, on a line printed with pipes or tabs (empty cells counted); None
    on a line of spaces or one cell a line."""
    text = lines[line - 1]
    separator = "|" if "|" in text else "\t" if "\t" in text else None
    return None if separator is None else text[:offset].count(separator)


_YEAR_GOAL_HEADING = re.compile(r"^(?:年度|本年度?|当年)(?:绩效)?目标(?:\(\d{4}[^)]{0,12}\))?$")  # 年度目标（2024年）


def _headings_after(cells: list[tuple[int, str, int]], index: int) -> tuple[int, list[tuple[int, str, int]]]:
    """The goals' headings a goal label heads (总体目标 | 中长期目标 | 年度目标), and where they start: the label
    itself where it is the year's heading (年度目标 | 中长期目标)."""
    first = index if _YEAR_GOAL_HEADING.match(_key(cells[index][1])) else index + 1
    headings: list[tuple[int, str, int]] = []
    for cell in cells[first:]:
        if not (_OTHER_GOAL.match(fold(cell[1])) or _YEAR_GOAL_HEADING.match(_key(cell[1]))):
            break
        headings.append(cell)
    return first, headings


def _year_text_beside(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None:
    """A goal label whose texts stand beside it under two periods' headings printed on the line above
    (实施期目标（2023-2025年） | 年度目标（2024年） / 总体目标 | text | text, PDF text in columns): the year's text,
    by its place under its heading, with its lines wrapped below; None where the page is not so."""
    line = cells[index][0]
    above = [c for c in cells if c[0] == line - 1]
    year = next((c for c in above if _YEAR_GOAL_HEADING.match(_key(c[1]))), None)
    if year is None or not any(_OTHER_GOAL.match(fold(c[1])) for c in above if c is not year):
        return None
    found = []
    for number in range(line, line + 4):
        row = [c for c in cells if c[0] == number and (number != line or c[2] > cells[index][2])]
        if not row or (number != line and any(_label_match(c[1], _ALL_LABELS) or _HEADER_CELL.fullmatch(_key(c[1])) for c in row)):
            break
        cell = min(row, key=lambda c: abs(c[2] - year[2]))
        if number != line and abs(cell[2] - year[2]) >= 12:
            break  # the line goes on with the other period's text only
        found.append(cell[1].strip())
    return ("".join(found), line) if found else None


def _has_year_heading(cells: list[tuple[int, str, int]], index: int) -> bool:
    return any(_YEAR_GOAL_HEADING.match(_key(text)) for _, text, _ in _headings_after(cells, index)[1])


def _goal_under_year_heading(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None | bool:
    """A goal label over two goals' headings (总体目标 | 中长期目标 | 年度目标): the text under 年度目标, None
    where its cell is blank, False where the texts cannot be placed under the headings. The headings on the label's line: the rows below, by column (pipes
    or tabs keep blank cells; a row of spaces must print one cell under each heading); the headings
    one a line (one cell a line): the cells after them, one under each."""
    line = cells[index][0]
    first, headings = _headings_after(cells, index)
    at = next((n for n, (_, text, _) in enumerate(headings) if _YEAR_GOAL_HEADING.match(_key(text))), None)
    if at is None:
        return None
    after = cells[first + len(headings):]
    if any(h[0] != line for h in headings):  # one heading a line: one cell under each, a line each
        under = after[: len(headings)]
        ends = after[len(headings)][1] if len(after) > len(headings) else ""
        if len(under) == len(headings) and len({c[0] for c in under}) == len(under) \
                and not any(_label_match(c[1], _ALL_LABELS) or _HEADER_CELL.fullmatch(_key(c[1])) for c in under) \
                and (not ends or _label_match(ends, _ALL_LABELS) or _HEADER_CELL.fullmatch(_key(ends)) or tier1_of(ends)):
            return under[at][1].strip(), under[at][0]
        return False  # a text wrapped onto more lines than one under each heading: not placed
    printed = lines[line - 1]
    heading_cells = split_cells(printed) if "|" in printed or "\t" in printed else None
    column = next(n for n, c in enumerate(heading_cells) if c and _YEAR_GOAL_HEADING.match(_key(c))) if heading_cells else 0
    found: list[str] = []
    first_line: int | None = None
    for number in sorted({c[0] for c in after}):
        row = [c[1] for c in after if c[0] == number]
        if any(_label_match(c, _ALL_LABELS) or _HEADER_CELL.fullmatch(_key(c)) for c in row):
            break
        if heading_cells is not None:  # by column, blank cells kept: under the headings, with or without the label's merged cell
            positional = split_cells(lines[number - 1])
            if len(positional) not in (len(heading_cells), len(heading_cells) - 1):
                break
            text = positional[column - (len(heading_cells) - len(positional))].strip()
        elif len(row) == len(headings):
            text = row[at].strip()
        elif found:  # a line of spaces holding fewer cells: each under the heading it starts nearest to (a wrapped text)
            nearest = [min(range(len(headings)), key=lambda n: abs(headings[n][2] - c[2])) for c in after if c[0] == number]
            text = "".join(c[1].strip() for c, n in zip([c for c in after if c[0] == number], nearest) if n == at)
            if not text and not re.search(r"[。；;]$", found[-1]):
                return False  # the year's text stops mid-sentence and its end cannot be placed
        else:
            break
        if text:
            found.append(text)
            first_line = number if first_line is None else first_line
    return ("".join(found), first_line) if found and first_line is not None else None


def _goal_under_headings(cells: list[tuple[int, str, int]], index: int, lines: Sequence[str]) -> tuple[str, int] | None | bool:
    """The goal of a self-evaluation's goal row: past the 实际完成情况 heading beside its own, the
    first cell of the row below (the outcome's text follows it); False where texts one a line cannot be
    placed under the two headings."""
    line = cells[index][0]
    following = index + 1
    while following < len(cells) and _label_match(cells[following][1], _OUTCOME_LABELS) is not None:
        following += 1
    if following == index + 1 or following >= len(cells):
        return None
    found_line, text, offset = cells[following]
    column = _column(lines, line, cells[index][2])
    if column is not None and found_line != line and _column(lines, found_line, offset) is not None:
        # The headings' row over the texts' row, in columns: the text under 预期目标's column, or none.
        headings = [_column(lines, line, c[2]) for c in cells if c[0] == line]
        texts = [_column(lines, found_line, c[2]) for c in cells if c[0] == found_line]
        if len(headings) >= 3 and texts and texts == headings[:len(texts)] and len(texts) < len(headings) and column != headings[0]:
            # 年度总体目标 | 预期目标 | 实际完成情况 over texts from the first column on (the outcome maybe blank): the label's merged cell
            # left out of the texts' row (a browser's copy of a rowspan), each text one column left of its heading
            column = headings[headings.index(column) - 1]
        under = [c for c in cells if c[0] == found_line and _column(lines, found_line, c[2]) == column]
        if not under:
            return None  # 预期目标 left blank: the outcome beside it is no goal
        found_line, text, offset = under[0]
    if found_line - line > 6 or _label_match(text, _ALL_LABELS) is not None or _HEADER_CELL.fullmatch(_key(text)):
        return None
    if len(split_cells(lines[found_line - 1])) == 1 and found_line != line:
        return _goal_of_one_cell_lines(cells, following, lines)
    return text, found_line


def _goal_of_one_cell_lines(cells: list[tuple[int, str, int]], start: int, lines: Sequence[str]) -> tuple[str, int] | bool:
    """One cell a line under 预期目标 | 实际完成情况: the goal is the first text and the outcome the second;
    texts over more lines are placed where their numbered items start again (1.… 2.… | 1.… 2.…) or where
    the first of two sentences ends, and otherwise not at all (False: the caller says so)."""
    texts: list[tuple[int, str, int]] = []
    for cell in cells[start:]:
        if _label_match(cell[1], _ALL_LABELS) is not None or _HEADER_CELL.fullmatch(_key(cell[1])) or tier1_of(cell[1]) \
                or len(split_cells(lines[cell[0] - 1])) != 1:
            break
        texts.append(cell)
    if len(texts) <= 2:
        return texts[0][1], texts[0][0]
    items = [re.match(r"\s*[(（]?(\d{1,2})\s*(?:[、)）]|[.．](?!\d))", text) for _, text, _ in texts]  # 1.5万人次 is no item
    ends = [n for n, (_, text, _) in enumerate(texts) if re.search(r"[。.]\s*$", text)]
    if items[0] is not None and items[0].group(1) == "1":
        restart = next((n for n in range(1, len(texts)) if items[n] is not None and items[n].group(1) == "1"), None)
        if restart is None or any(item is None for item in items[:restart]):
            return False
    elif len(ends) == 2 and ends[1] == len(texts) - 1:
        restart = ends[0] + 1  # two texts wrapped, each ending its sentence: the goal's ends first
    else:
        return False
    return "".join(text.strip() for _, text, _ in texts[:restart]), texts[0][0]


# Labels a glued form prints inside another label's cell (主管部门X实施单位Y, 项目资金（万元）年度资金总额：320).
_GLUED_LABELS = re.compile("|".join(sorted({*UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, *TOTAL_LABELS, *FISCAL_LABELS,
                                            *OTHER_LABELS, "其中"}, key=len, reverse=True)))


# A fiscal part named by its level or source (中央财政资金, 区级财政资金, 上级补助 …).
_FISCAL_PART = re.compile(r"(?:中央|省级|省|市级|市|县级|县|区级|区|本级|乡镇|上级|市县|州级|旗级)(?:财政|配套)?(?:资金|拨款|补助)")


def _fiscal_in_parts(cell: str, line_text: str) -> bool:
    """Whether a 财政资金 label names one part of it by level (其中：中央财政资金100万元，省级财政资金50万元 …; 区级
    财政资金536万元，上级补助1000万元): a second part follows on the line, and the first is no 财政拨款 of its own."""
    folded, line_folded = fold(cell), fold(line_text)
    first = _FISCAL_PART.search(folded)
    if first is None or re.sub(r"^[\s:：其中]*", "", folded[: first.start()]):
        return False
    at = line_folded.find(folded[first.start(): first.end()])
    return at >= 0 and len(_FISCAL_PART.findall(line_folded[at:])) >= 2


# An amount's part after it in the same cell (180万元，其中财政拨款), and where such a label starts (其中：区级…).
_PART_AFTER_AMOUNT = re.compile(r"\d\s*万?元?\s*[，,；;(（]\s*其中")
_PART_START = re.compile(r"其中\s*[:：]?\s*[\u4e00-\u9fff]{0,4}$")


def _unglued(cell: tuple[int, str, int]) -> list[tuple[int, str, int]]:
    """A cell that begins with a project, unit or amount label and holds another such label further on
    (cells glued without separators): one cell per label. Other cells (a goal's text) stay whole."""
    line, text, offset = cell
    folded = fold(text)
    first = _label_match(text, (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, "项目资金"))
    if first is None and _amount_role(text) is None and not _PART_AFTER_AMOUNT.search(folded):
        return [cell]
    # After a colon a label is the value of none (主管部门：…), except the amounts a 项目资金： label heads.
    after_colon_ok = first is not None and first[0] == "项目资金"
    starts = [m.start() for m in _GLUED_LABELS.finditer(folded) if m.start() > 0 and (after_colon_ok or folded[m.start() - 1] not in "：:")]
    # 其中:财政拨款 and 其中：区级财政资金 are one label: it starts at 其中.
    starts = sorted({(m.start() if (m := _PART_START.search(folded[:at])) else at) for at in starts} - {0})
    if not starts:
        return [cell]
    bounds = [0, *starts, len(text)]
    return [(line, text[a:b], offset + a) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


def _wrapped_labels(cells: list[tuple[int, str, int]], lines: Sequence[str]) -> list[tuple[int, str, int]]:
    """A label wrapped over two lines of one cell each (年度 | 目标, as a PDF's narrow column prints it): one
    cell, where neither half is a label and the two make one."""
    out: list[tuple[int, str, int]] = []
    index = 0
    while index < len(cells):
        cell = cells[index]
        if index + 1 < len(cells):
            following = cells[index + 1]
            alone = following[0] == cell[0] + 1 and all(len(split_cells(lines[c[0] - 1])) == 1 for c in (cell, following))
            joined = _key(cell[1] + following[1])
            if alone and len(_key(cell[1])) <= 4 and len(_key(following[1])) <= 4 \
                    and _label_match(cell[1], _ALL_LABELS) is None and _label_match(following[1], _ALL_LABELS) is None \
                    and any(joined == label for label in _ALL_LABELS):
                out.append((cell[0], cell[1] + following[1], cell[2]))
                index += 2
                continue
        out.append(cell)
        index += 1
    return out


def read_facts(lines: Sequence[str], header_line: int, start_offset: int = 0) -> Facts:
    facts = Facts()
    cells = []
    for cell in _flat_cells(lines[:header_line]):
        if cell[0] == header_line and cell[2] >= start_offset:
            break  # the header's own line: only what comes before the header (a table on one line)
        if cell[1].strip("| ") and not is_breadcrumb(lines[cell[0] - 1]):
            cells += _unglued(cell)
    cells = _wrapped_labels(cells, lines)
    supervisor = None
    ordinals, column, printed_once = _annual_amounts(cells, facts.readings)
    for number, text in enumerate(lines[:header_line], start=1):
        match = TITLE.search(fold(text))
        if match and facts.title is None:
            facts.title, facts.title_line = text[match.start(): match.end()], number
    if facts.title is None:
        for number, text in enumerate(lines, start=1):
            match = TITLE.search(fold(text))
            if match:
                facts.title, facts.title_line = text[match.start(): match.end()], number
                break
    headings_read: set[int] = set()  # cells read as two goals' headings (中长期目标 | 年度目标): no labels
    funds_heading: int | None = None  # the cell 项目资金（万元） with a number beside it
    for index, (line, cell, _) in enumerate(cells):
        for labels, slot in ((PROJECT_LABELS, "project"), (UNIT_LABELS, "unit"), (CODE_LABELS, "code"), (GOAL_LABELS, "goal")):
            hit = _label_match(cell, labels) if index not in headings_read else None
            if slot == "unit" and hit is None and (bare := re.match(r"^\s*单位\s*[:：]\s*(\S.*)$", cell)) \
                    and not re.match(r"\s*(?:万?元|人民币)", fold(bare.group(1))):
                hit = ("单位", bare.group(1))  # 单位：某县应急管理局 beside 预算年度： (单位：万元 is the amounts' unit)
            if hit and hit[0] == "预期目标" and _key(cell) != "预期目标" and not re.match(r"^\s*预期目标\s*[:：]", fold(cell)):
                hit = None  # 预期目标值 and the like: a heading, not the goal's label (预期目标：… is one)
            if hit and slot == "goal" and (TITLE.search(fold(cell)) or _FORM_TITLE.search(fold(cell))):
                hit = None  # the form's title (项目绩效目标表), not the goal's label
            if hit and slot == "unit" and facts.unit is not None and _unit_rank(hit[0]) < _unit_rank(facts.unit_label) \
                    and (better := _value_after(cells, index, hit[1])) and better[0].strip():
                if _SEAL.sub("", better[0]).strip() != facts.unit[0].strip():
                    facts.readings.append(Reading(better[1], "unit", f"line {better[1]}: the {hit[0]} {better[0].strip()!r} is the unit, "
                                                  f"not the {facts.unit_label} {facts.unit[0]!r} (line {facts.unit[1]})"))
                facts.unit = None  # 实施单位 printed below 申报单位 or 填报单位: the unit that carries the project out
            if hit and slot == "goal" and facts.goal is not None and facts.goal_label in _PERIOD_GOAL_LABELS \
                    and hit[0] not in _PERIOD_GOAL_LABELS and (annual := _value_after(cells, index, hit[1])) and annual[0].strip() \
                    and _label_match(annual[0], _ALL_LABELS) is None and not _OTHER_GOAL.match(fold(annual[0])):
                facts.readings.append(Reading(annual[1], "goal", f"line {annual[1]}: the goal is the {hit[0]}'s, not the "
                                              f"{facts.goal_label}'s (line {facts.goal[1]}), another period's"))
                facts.goal = None  # 项目总体目标 then 年度目标: the year's
            if hit and getattr(facts, slot) is None:
                if slot == "unit":
                    facts.unit_label = hit[0]
                    hit = (hit[0], _SEAL.sub("", hit[1]))
                beside = _year_text_beside(cells, index, lines) if slot == "goal" else None
                if beside is not None:
                    # 实施期目标（…） | 年度目标（2024年） headings on the line above, the texts under them beside the label
                    facts.readings.append(Reading(beside[1], "goal", f"line {beside[1]}: the goal is the text under 年度目标 on the line "
                                                  "above, not the other period's beside it"))
                    facts.goal, facts.goal_label = beside, hit[0]
                    continue
                value = _value_after(cells, index, hit[1])
                if slot == "goal" and value is not None and _label_match(value[0], _ALL_LABELS) is not None \
                        and _YEAR_GOAL_HEADING.match(_key(cell)) is None:
                    value = None  # 年度总体目标预期目标实际完成情况 glued: headings, not the goal
                if value is None and slot == "unit" and not hit[1] and index + 1 < len(cells) and cells[index + 1][0] - line <= 2 \
                        and _TITLE_GLUED_TO_CODE.match(fold(cells[index + 1][1])):
                    value = (cells[index + 1][1], cells[index + 1][0])  # (a title before a unit's code reads as a label)
                if value is not None and slot == "unit":
                    value = (_SEAL.sub("", value[0]), value[1])  # 某县林业局（盖章）
                    if (glued := _TITLE_GLUED_TO_CODE.match(fold(value[0]))) is not None:
                        # 绩效目标表402017-某局: the form's title, printed tight above the table, glued into the cell in a PDF
                        facts.readings.append(Reading(value[1], "unit", f"line {value[1]}: {value[0][: glued.end()]!r} before the unit's "
                                                      "code is the form's title glued into the cell: not the unit's"))
                        value = (value[0][glued.end():], value[1])
                if value is not None and slot == "project" and _LIST_HEADING.match(_key(value[0])):
                    value = None  # 年度主要任务 | 项目名称 | 主要内容 | 预算金额: a task list's headings, no project's name
                in_a_row = value is None and slot == "goal"  # under its heading, beside the outcome: one cell
                periods = slot == "goal" and value is not None and _OTHER_GOAL.match(fold(value[0])) is not None
                if periods and not _has_year_heading(cells, index):
                    # 总体目标 | 长期目标 | its text, the year's goal on a line of its own below: the
                    # long-term goal is no heading over the year's, whose own label is read further on.
                    periods, value = False, None
                elif periods:
                    # 总体目标 | 中长期目标 | 年度目标 over the two goals: the year's is the text under 年度目标.
                    in_a_row = True
                    headings_read |= {n for n in range(index + 1, len(cells)) if n - index <= 3
                                      and (_OTHER_GOAL.match(fold(cells[n][1])) or _YEAR_GOAL_HEADING.match(_key(cells[n][1])))}
                    placed = _goal_under_year_heading(cells, index, lines)
                    said = f"under 年度目标, beside {cells[index + 1][1].strip()!r} (another period's goal)"
                    if placed is False:
                        facts.warnings.append(Warning(line, f"the goals under the headings of line {line} (中长期目标 | 年度目标) are "
                                                      "printed over more lines than one under each heading: no goal read"))
                        value = None
                    else:
                        value = placed  # type: ignore[assignment]
                        facts.readings.append(Reading(value[1] if value else line, "goal", f"line {value[1]}: the goal is the text {said}"
                                                      if value else f"line {line}: no goal: the cell {said} is blank"))
                if in_a_row and value is None and not periods:
                    under = _goal_under_headings(cells, index, lines)
                    if under is False:
                        facts.warnings.append(Warning(line, f"the texts under {hit[0]} and the outcome's heading (line {line}) are printed "
                                                      "one a line over more lines than one each: no goal read"))
                    elif under:
                        value = under  # type: ignore[assignment]
                        facts.readings.append(Reading(value[1], "goal", f"line {value[1]}: the goal is the text under {hit[0]}, "
                                                      "beside the outcome's heading"))
                if value and value[0].strip():
                    found = (value[0].strip(), value[1])
                    setattr(facts, slot, _goal_continued(lines, found, header_line, facts.readings) if slot == "goal" and not in_a_row else found)
                    if slot == "goal":
                        facts.goal_label = hit[0]
        hit = _label_match(cell, SUPERVISOR_LABELS)
        if hit and supervisor is None:
            supervisor = _value_after(cells, index, hit[1])
        role_rest = _amount_role(cell)
        if role_rest is None and funds_heading is None and _funds_heading_beside_a_number(cells, index):
            funds_heading = index  # 项目资金（万元） | 380 | 其中：财政拨款 | 380: the total's, unless a label of its own says it
        if role_rest is not None and role_rest[0] == "fiscal" and "fiscal" not in facts.amounts and _fiscal_in_parts(cell, lines[line - 1]):
            facts.warnings.append(Warning(line, f"财政拨款 printed in parts, by level or source ({lines[line - 1].strip()[:60]!r}): "
                                          "its parts are not summed and it is not read"))
            facts.amounts["fiscal"] = None  # type: ignore[assignment]  # marked: no later label reads it either
            continue
        if role_rest is not None and role_rest[0] not in facts.amounts and ordinals.get(index, column) == column:
            amount = None
            if index in printed_once:  # 财政拨款 1000 300: both periods' numbers after one label, the year's in its place
                amount = _amount(cells, index, role_rest[1], lines, facts.readings, nth=column)
            if amount is None:
                amount = _amount(cells, index, role_rest[1], lines, facts.readings, nth=-column - 1 if column < 0 else 0)
            if amount is not None:
                facts.amounts[role_rest[0]] = amount
    if funds_heading is not None and "total" not in facts.amounts:
        total = _amount(cells, funds_heading, "", lines, facts.readings)
        if total is not None:
            facts.amounts = {"total": total, **facts.amounts}  # the total first, as its label would have put it
    facts.amounts = {role: amount for role, amount in facts.amounts.items() if amount is not None}
    if "fiscal" not in facts.amounts:
        # 其中：一般公共预算 1,762.40 / 政府性基金拨款 100.00 and no 财政拨款: the fiscal funds by budget, not summed
        # into 财政拨款 (which budgets it takes is not printed), so reported rather than lost
        by_line: dict[int, list[str]] = {}
        for index, (line, cell, _) in enumerate(cells):
            funds = _FUND_BUDGET.fullmatch(_key(cell))
            if funds and any(read_value(text).value is not None for n, (at, text, _) in enumerate(cells) if at == line and n != index):
                by_line.setdefault(line, []).append(funds.group(1))
        for line, names in by_line.items():
            facts.skipped.append(Skipped(line, f"{'、'.join(names)}: parts of 财政拨款 by budget, and 财政拨款 itself is not printed: "
                                         "the parts are not summed and not read", True, lines[line - 1].strip()))
    below = _amounts_below(lines, header_line)  # labels over their values: by column, not the next cell
    if below.found:
        facts.amounts.update(below.found)
        at = min(line for _, _, line in below.found.values())
        how = "in order (the row leaves out the cell before them)" if at in below.shifted else "column by column"
        facts.readings.append(Reading(at, "amount", f"line {at}: the amounts under the labels of line {at - 1}, {how}: "
                                      + ", ".join(f"{role} {text}" for role, (_, text, _) in below.found.items())))
    for line in sorted(below.unplaced):
        facts.skipped.append(Skipped(line, f"the numbers under the amount labels of line {line - 1} do not line up with them: "
                                     "not read", True, lines[line - 1].strip()))
    if below.units:
        facts.readings.append(Reading(below.units[0], "amount", f"{named_lines(below.units)}: the amounts of the department's units "
                                      "below its 合计 are not kept (the department's are)"))
    if facts.unit is None and supervisor is not None and supervisor[0].strip():
        facts.readings.append(Reading(supervisor[1], "unit", f"line {supervisor[1]}: no 实施单位 printed; the 主管部门 {supervisor[0]!r} is read as the unit"))
        facts.unit = (supervisor[0].strip(), supervisor[1])
        facts.unit_from_supervisor = True
    if facts.project is not None and (coded := _CODE_BEFORE_NAME.match(fold(facts.project[0]).strip())) is not None:
        # 51330024R000000012345-食品安全抽检监测经费: a budget system's code before the name, as 表12 prints Beijing's
        facts.readings.append(Reading(facts.project[1], "code", f"line {facts.project[1]}: the project code {coded['code']!r} "
                                      "printed before the name is the code, not part of the name"))
        if facts.code is None:
            facts.code = (coded["code"], facts.project[1])
        elif re.sub(r"\s", "", fold(facts.code[0])) != coded["code"]:
            facts.warnings.append(Warning(facts.project[1], f"the code {coded['code']!r} printed before the project's name is not "
                                          f"its 项目编码 {facts.code[0]!r} (line {facts.code[1]}): the 项目编码 is kept"))
        facts.project = (coded["name"].strip(), facts.project[1])
    if facts.code is None:
        for line, cell, _ in cells:
            found = _BUDGET_CODE.search(cell)
            if found:
                facts.code = (found.group(), line)
                break
    if facts.code is not None and not PROJECT_CODE.fullmatch(facts.code[0]):
        printed = re.sub(r"\s", "", fold(facts.code[0]))
        if _OTHER_PROJECT_CODE.fullmatch(printed):
            # a province's own scheme (51010723R000000123456): the project's code, though it says no region
            facts.readings.append(Reading(facts.code[1], "code", f"line {facts.code[1]}: the 项目编码 {printed!r} is of another "
                                          "scheme than Beijing's (no region is read from it)"))
            facts.code = (printed, facts.code[1])
        else:
            facts.code = None  # text under a code's label that is no code (无, a name), or none printed: no code
    if facts.unit is not None:
        unit_text = re.sub(r"^\[\d+\]", "", facts.unit[0]).strip()
        coded = UNIT_CELL.fullmatch(unit_text)
        if coded:
            facts.unit_code, unit_text = coded.group(1), coded.group(2).strip()
        else:
            unit_text = re.sub(r"^\d{3,6}\s*[-－—]\s*", "", unit_text)
        facts.unit = (unit_text, facts.unit[1])
        following = lines[facts.unit[1]].strip() if facts.unit[1] < len(lines) else ""
        if (not _ORGANISATION_END.search(unit_text) and re.fullmatch(r"[\u4e00-\u9fff（）()]{1,8}", following)
                and _ORGANISATION_END.search(unit_text + following) and not any(label in following for label in _ALL_LABELS)):
            # 实施单位 | 湖南省森林病虫害防治检 / 疫总站 alone on the next line: the name wrapped by its cell's width
            # (text laid out by columns prints the rest of a wrapped cell on a line of its own)
            facts.readings.append(Reading(facts.unit[1] + 1, "unit", f"lines {facts.unit[1]}–{facts.unit[1] + 1}: {unit_text!r} ends "
                                          f"no organisation's name and with {following!r}, alone on the next line, it does: read as one name"))
            facts.unit = (unit_text + following, facts.unit[1])
    return facts


# A form's last rows' labels for remarks (备注 | its text): no indicator's name.
_REMARK_LABELS = ("备注", "说明", "附注", "备注说明")


# Words a 备注 prints that bound the target (98.00% | 不低于); not 低于, 超过, 达到, which a self-evaluation's
# 备注 says of its result.
_BOUND_WORDS = frozenset({"不低于", "不少于", "不小于", "大于或等于", "大于等于", "至少", "不高于", "不超过", "不多于", "不大于",
                          "小于或等于", "小于等于", "至多"})


# How an organisation's name ends (局, 中心, 检疫总站, 委员会 …): a unit's name cut before it is wrapped.
_ORGANISATION_END = re.compile(r"(?:局|厅|委|办|院|中心|站|所|馆|队|校|学|园|场|处|室|会|社|团|部|司|府|组|台|公司|街道|镇|乡|村|区|县|市|省|署|庭|库|营|行|矿|厂|店|本级|机关)"
                               r"(?:[(（][^)）]{1,12}[)）])?$")


_MID_TERM_TOTAL = re.compile(r"^(?:中期|中长期|实施期|项目期)(?:资金)?总(?:额|金额|投入)")


def _annual_amounts(cells: list[tuple[int, str, int]], readings: list[Reading]) -> tuple[dict[int, int], int, set[int]]:
    """Amounts printed for two periods (中期资金总额 1200 年度资金总额 400, and 财政拨款 twice, side by side, a
    row or a cell a line each): the year's. Returns, by cell index, each amount label's place among the
    labels of its role (a mid-term total counting as a total) and the year's place (0 where only one
    period is printed); a role printed once keeps its label (the third: those labels, whose line may hold
    both periods' numbers after them, 财政拨款 1000 300). Where the periods head columns of numbers
    (no number on their line), the headings are no labels (place -1) and the year's place is returned
    as -(place + 1): each row's label takes the number in that column."""
    places: dict[int, int] = {}
    seen: dict[str, list[int]] = {}
    column = 0
    for index, (line, text, _) in enumerate(cells):
        mid = _MID_TERM_TOTAL.match(_key(text)) is not None
        role = "total" if mid else (found[0] if (found := _amount_role(text)) is not None else None)
        if role is None:
            continue
        same = seen.setdefault(role, [])
        places[index] = len(same)
        same.append(index)
        if role == "total" and not mid and not column and any(_MID_TERM_TOTAL.match(_key(cells[i][1])) for i in same[:-1]):
            column = places[index]
            first = cells[same[0]]
            headed = first[0] == line and not any(read_value(c[1]).value is not None for c in cells if c[0] == line)
            readings.append(Reading(line, "amount", f"line {line}: {first[1].strip()!r} (line {first[0]}) and {text.strip()!r} "
                                    + ("head two columns: each amount below is the one in the year's column" if headed else
                                       "printed for two periods: the amounts are the year's, each the second of its kind")))
            if headed:  # the periods head columns of numbers (资金总额 | 1200 | 400 below): each row's numbers by column
                return {i: -1 for i in places if cells[i][0] == line}, -column - 1, set()
    if not column:
        return {}, 0, set()
    role_of = {i: role for role, indexes in seen.items() for i in indexes}
    once = {i for i in places if len(seen[role_of[i]]) <= column}
    return {i: (column if i in once else p) for i, p in places.items()}, column, once


# 项目资金（万元）: a heading over 年度资金总额 and its parts, or the total's own label where a number follows it
_FUNDS_HEADING_TEXT = r"项目资金(?:[(（]万?元[)）])?"
_FUNDS_HEADING = re.compile(_FUNDS_HEADING_TEXT)
_AMOUNT_ROLES = (
    ("total", re.compile(r"^(?:项目|部门)?(?:年度)?(?:资金总额|项目总额|项目金额|项目总金额|总金额|预算金额|预算总额|金额|总额)(?![\u4e00-\u9fff])"
                         rf"|^{_FUNDS_HEADING_TEXT}(?=\d)")),  # 项目资金(万元)：180 in one cell
    ("other", re.compile(r"^(?:[(（][一二三四五1-5][)）]|[一二三四五1-5][、.．])?(?:其中)?(?:本年度|当年)?(?:其他资金|其他收入|自有资金|单位自筹|自筹资金)")),
    # 1.财政拨款, (1)财政资金: numbered in digits, the label itself (2.省级财政资金 is a part by level, not the 财政拨款)
    ("fiscal", re.compile(r"^(?:(?:[(（][一二三四][)）]|[一二三四][、.．])?(?:其中)?[^\d其]{0,6}?|(?:[(（][1-4][)）]|[1-4][、.．])(?:其中)?)"
                          r"(?:财政拨款|财政资金)(?:小计)?")),
)


def _funds_heading_beside_a_number(cells: list[tuple[int, str, int]], index: int) -> bool:
    """Whether the cell is the heading 项目资金（万元） with a number in the next cell of its line: then it is the
    total's label. Over labels of its own (项目资金 | 年度资金总额： | 380) it heads them and labels no amount."""
    line, text, _ = cells[index]
    if not _FUNDS_HEADING.fullmatch(_key(text)) or index + 1 >= len(cells):
        return False
    after_line, after, _ = cells[index + 1]
    # (a year beside it heads a column of years' amounts: 项目资金 | 2022 | 2023 over 年度资金总额 | 380 | 400)
    return after_line == line and read_value(after).value is not None and not re.fullmatch(r"\s*(?:19|20)\d\d\s*", after)


def _amount_role(cell: str) -> tuple[str, str] | None:
    """(total | fiscal | other, the text after the label in the cell) of an amount's label cell."""
    folded = fold(cell)
    for role, pattern in _AMOUNT_ROLES:
        match = pattern.match(re.sub(r"[\s:：]", "", folded))
        if match:
            # the label's end in the printed cell: as many non-space, non-colon characters as it has
            count, end = 0, 0
            for end, ch in enumerate(folded, start=1):
                if not re.match(r"[\s:：]", ch):
                    count += 1
                if count == match.end():
                    break
            return role, cell[end:].lstrip(" :：\u3000")
    return None


# The unit an amount's label or section prints for the numbers under it: (元), (万元), 单位：元.
_MONEY_UNIT = re.compile(_BRACKETED_MONEY + r"|单位\s*[:：]?\s*(万?元)(?![/\w])")


def amount_unit_said(lines: Sequence[str], line: int, label: str = "") -> str | None:
    """The money unit (元 or 万元) said nearest above an amount printed without one: in its label,
    else on its line or the lines before (a section heading, the form's 金额单位); None if none is."""
    for text in (label, *(lines[n] for n in range(line - 1, max(-1, line - 13), -1))):
        said = [m.group(1) or m.group(2) for m in _MONEY_UNIT.finditer(fold(text))]
        if said:
            return said[-1]
    return None


# A self-evaluation's amount columns (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分).
_INITIAL_BUDGET = re.compile(r"^年初(?:预算数|预算|预算金额|预算资金)$")


def _budget_columns(cells: list[tuple[int, str, int]], index: int) -> tuple[list[str], int]:
    """The headings of the budget columns an amount's label sits under (年初预算数, 全年预算数, 全年执行数 …,
    printed on a line above it), or none, and their line."""
    line = cells[index][0]
    above = [c for c in cells[max(0, index - 40): index] if line - 4 <= c[0] < line or c[0] == line]
    starts = [n for n, (_, text, _) in enumerate(above) if _INITIAL_BUDGET.match(_key(text))]
    if not starts:
        return [], 0
    headings: list[str] = []
    for at, text, _ in above[starts[-1]:]:
        if at != above[starts[-1]][0] or not re.search(r"预算|执行数|执行金额|支出", text):
            break  # the budget columns end where the scores' begin (分值, 执行率, 得分)
        headings.append(text.strip())
    return headings, above[starts[-1]][0]


def _under_headings(lines: Sequence[str], line: int, label: str, headings: list[str], headings_line: int) -> list[str] | None:
    """The cells of a label's line under the headings (a line of pipes or tabs, blank cells kept): by
    the headings' columns where the label sits left of them, else the cells after the label (a web
    copy that left out a merged cell); None on a line of spaces."""
    found = _label_cell(lines[line - 1], label)
    if found is None:
        return None
    row, at = found
    columns = [n for n, c in enumerate(split_cells(lines[headings_line - 1])) if c.strip() in headings][: len(headings)]
    if len(columns) == len(headings) and at < columns[0]:
        return [row[n] if n < len(row) else "" for n in columns]
    return row[at + 1: at + 1 + len(headings)]


def _amount_part(text: str) -> str:
    """The amount a cell begins with, without what follows it: a bracket or separator left at its edge by
    ungluing (120万元（ | 其中：…), the next part (536.00万元，上级补助…) or a note (260万元（含上年结转…）)."""
    text = re.sub(r"^[(（]+", "", text.strip())
    return re.split(r"[，；;（(）)]|,(?!\d)", text)[0].strip()


def _amount(cells: list[tuple[int, str, int]], index: int, rest: str, lines: Sequence[str],
            readings: list[Reading] | None = None, nth: int = 0) -> tuple[Decimal, str, int] | None:
    """A form's amount: the first number after its label, in 万元 (converted by the unit printed in the
    cell, else by the unit its label, section heading or the form's 金额单位 says: 万元 if none). Under a
    self-evaluation's budget columns, that is the 年初预算数; a reading gives the others as printed."""
    label = cells[index][1]
    if (unit_note := re.match(r"\s*" + _BRACKETED_MONEY + r"\s*[:：]?\s*", fold(rest))) is not None:
        rest = rest[unit_note.end():]  # 项目总金额（元）：12,860,000.00: the label's unit, then its amount
        label = label + f"（{unit_note.group(1)}）"
    # 项目金额：385万元（其中财政拨款385万元）, glued labels read apart: an amount's bracket left at its edge
    rest = _amount_part(rest)
    candidates = [(cells[index][0], rest)] if rest else []
    # the next cells, a bracket or separator at their edge left by ungluing (120万元（ | 其中：财政资金…)
    candidates += [(line, _amount_part(text)) for line, text, _ in cells[index + 1: index + 3]]
    headings, headings_line = _budget_columns(cells, index)
    if len(headings) > 1 and readings is not None:
        line_of_label = cells[index][0]
        positional = _under_headings(lines, line_of_label, label, headings, headings_line)
        if positional is not None:  # pipes or tabs: a blank cell is a column left blank
            printed = [(line_of_label, text) for text in positional]
        else:
            printed = [(line, text) for line, text in [*candidates[:1 if rest else 0], *((c[0], c[1]) for c in cells[index + 1: index + 1 + len(headings)])]
                       if read_value(text).value is not None][: len(headings)]
        chosen = next((n for n, (_, text) in enumerate(printed) if read_value(text).value is not None), None)
        if len(printed) > 1 and chosen is not None:
            why = "the budget the targets were set with" if chosen == 0 else f"{headings[0]} being blank"
            readings.append(Reading(line_of_label, "amount", f"line {line_of_label}: {label.strip()} prints "
                                    + ", ".join(f"{h} {t.strip() or '(blank)'}" for h, (_, t) in zip(headings, printed))
                                    + f": the amount is the {headings[chosen]}, {why}"))
    if nth:  # under columns headed by periods: the number in the year's column of the label's line
        numbers = [(line, text) for line, text, _ in cells[index + 1:] if line == cells[index][0]]
        if len(numbers) > nth and read_value(numbers[nth][1]).value is not None:
            return _money(numbers[nth][1], numbers[nth][0], label, lines)
        return None
    row = [c for c in cells if c[0] == cells[index][0]]
    # A row of amount labels and no numbers (资金总额 | 财政拨款 | 其他资金): its values are under it, by
    # column (_amounts_below); the next line's first cell is no value of its last label.
    labels_row = sum(1 for c in row if _amount_role(c[1]) is not None or _key(c[1]) in ("基本支出", "项目支出")) > 1 \
        and not any(read_value(c[1]).value is not None for c in row)  # (资金总额 | 基本支出 | 项目支出: the total's split by kind)
    for line, text in candidates:
        if line - cells[index][0] > 1 or (labels_row and line != cells[index][0]):
            break
        if _MONEY_UNIT.fullmatch(fold(text).strip()) or re.fullmatch(r"万?元", fold(text).strip()):
            label += text  # the label's unit printed as a cell of its own: 项目金额 | (元) | 1,640,000.00
            continue
        if (sourced := _FUND_SOURCE.fullmatch(fold(text).strip())) is not None:
            text = sourced["amount"]  # 其他资金 | 群众筹资15: the amount after the words saying whose money it is
        value = read_value(text)
        if value.value is not None and value.comparator is None:
            return _money(text, line, label, lines)
        if (_label_match(text, _ALL_LABELS) is not None or not _NUMBER.match(fold(text))) and text.strip():
            return None  # another label or text: the amount is blank
    return None


def _label_cell(printed: str, label: str) -> tuple[list[str], int] | None:
    """A line of pipes or tabs as its cells, blank ones kept, and where the label's cell is among them
    (None on a line of spaces, where a blank cell leaves nothing, or without the label)."""
    if "|" not in printed and "\t" not in printed:
        return None
    cells = split_cells(printed)
    at = next((n for n, c in enumerate(cells) if c and _key(label) in _key(c)), None)
    return None if at is None else (cells, at)


def _money(text: str, line: int, label: str, lines: Sequence[str]) -> tuple[Decimal, str, int] | None:
    """An amount cell in 万元, by the unit printed in it, else the one its label, section heading or
    the form's 金额单位 says (万元 if none); None when it is no amount or its unit is not money."""
    value = read_value(text)
    if value.value is None or value.comparator is not None:
        return None
    if value.unit is None:
        value = replace(value, unit=amount_unit_said(lines, line, label))
    yuan = unit_of(value.unit)
    if value.unit and (yuan is None or yuan.yuan_per_unit is None):
        return None
    wan = yuan.in_wan(value.value) if yuan is not None else value.value
    return (wan if wan is not None else value.value), text, line


# Whose money an amount is, printed before it (群众筹资15, 村民自筹 3.5万元, 单位配套20).
_FUND_SOURCE = re.compile(r"(?:群众|村民|社会|单位|企业|农户|乡镇)?(?:筹资|自筹|筹集|配套|投劳折资)\s*[:：]?\s*(?P<amount>\d.*)")


@dataclass
class _AmountsBelow:
    """Amounts read under a row of their labels, the lines of values read in order (their row left
    out the cell before them), and the lines of numbers under such a row that do not line up."""

    found: dict[str, tuple[Decimal, str, int]] = field(default_factory=dict)
    shifted: set[int] = field(default_factory=set)
    unplaced: set[int] = field(default_factory=set)
    units: list[int] = field(default_factory=list)  # the units' own rows under the department's 合计 (not kept)


def _no_closing_empties(cells: list[str]) -> list[str]:
    """A row's cells without the empty ones a closing | or tab leaves at its end."""
    while cells and not cells[-1]:
        cells = cells[:-1]
    return cells


# 财政拨款's parts by budget (一般公共预算拨款, 政府性基金预算拨款, 国有资本经营预算拨款), as a label.
_FUND_BUDGET = re.compile(r"(?:其中)?(一般公共预算|政府性基金|国有资本经营预算)(?:预算)?(?:拨款|收入|资金)?(?:\(万?元\))?")  # (matched as _key leaves it: no colon)
_UNIT_COLUMN_HEADINGS = ("单位名称", "单位", "预算单位", "预算单位名称", "单位（部门）名称", "部门（单位）名称")


def _amounts_below(lines: Sequence[str], before: int) -> _AmountsBelow:
    """Amount labels printed side by side in one row (资金总额 | 财政拨款 | 其他资金) over their values in
    the row below, by column (tabs or pipes): each label's amount is the cell under it."""
    out = _AmountsBelow()
    found, shifted = out.found, out.shifted
    for number in range(1, before - 1):
        text, below = lines[number - 1], lines[number]
        if not ("\t" in text or "|" in text) or not ("\t" in below or "|" in below):
            continue
        cells, values = _no_closing_empties(split_cells(text)), _no_closing_empties(split_cells(below))
        labels = {n: role[0] for n, cell in enumerate(cells) if cell and (role := _amount_role(cell)) and not role[1]}
        # 资金总额 | 基本支出 | 项目支出: the total's split by kind, under labels of their own (not kept: the model
        # splits 财政拨款 and 其他资金, not the total), whose columns are no stray numbers
        kinds = {n for n, cell in enumerate(cells) if _key(cell) in ("基本支出", "项目支出")} if labels else set()
        # 单位名称 | 资金总额 | 财政拨款 | 其他资金 over 合计 | 5,620.00 | …: the department's row of a table of its units'
        # amounts (another unit's row first is no total of the department's: reported below)
        units = {n for n, cell in enumerate(cells) if _key(cell) in _UNIT_COLUMN_HEADINGS} if labels else set()
        named = {n for n in units if n < len(values) and values[n].strip()}
        total_row = bool(named) and all(_key(values[n]) in _TOTAL_LABELS for n in named)
        filled = {n for n, c in enumerate(values) if c.strip()} - kinds - named
        if named and not total_row and any(read_value(values[n]).value is not None for n in filled):
            out.unplaced.add(number + 1)  # a unit's own row under the labels, not the department's 合计
            continue
        # A row of labels and no numbers, over a row of numbers and nothing else (not a task list's
        # rows), each number under a label. A web page's copy leaves out the merged cell before the
        # numbers (项目资金 | 年度资金总额 | 财政拨款 | 其他资金 over 1200 | 1000 | 200): where the row holds
        # nothing but as many numbers as there are labels, and the labels end their row, in order.
        columns = sorted(labels)
        if not (len(labels) < 2 or filled <= set(labels)) and len(filled) == len(values) == len(labels) \
                and columns == list(range(len(cells) - len(columns), len(cells))):
            values = [""] * (len(cells) - len(values)) + values
            filled = set(columns)
            shifted.add(number + 1)
        numbers = all((v := read_value(values[n])).value is not None and v.comparator is None for n in filled)
        if len(labels) + len(kinds) < 2 or any(_NUMBER.match(fold(c).strip()) for c in cells) or not filled or not numbers:
            continue
        if not filled <= set(labels):
            out.unplaced.add(number + 1)
            continue
        for n, role in labels.items():
            if n in filled and role not in found:
                amount = _money(values[n], number + 1, cells[n], lines)
                if amount is not None:
                    found[role] = amount
        if total_row:  # the units' rows below the 合计: a name, then numbers under the labels
            following = number + 2
            while following <= before - 1 and (row := _no_closing_empties(split_cells(lines[following - 1]))) \
                    and any(n < len(row) and row[n].strip() for n in units) \
                    and all(n < len(row) and read_value(row[n]).value is not None for n in filled):
                out.units.append(following)
                following += 1
    return out


# ---- region and year -----------------------------------------------------------------------------

_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|盟|旗)$")


@cache
def _region_names() -> list[tuple[str, str, bool]]:
    """(name, code, full) for every region: its full name, and the name without its 省/市/县/区."""
    out = []
    for region in regions().by_code.values():
        if region.name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        out.append((region.name, region.code, True))
        if region.name.endswith("自治州") and len(region.name) > 5:  # 甘孜藏族自治州 is 甘孜州 in everyday use
            out.append((region.name[:2] + "州", region.code, True))
        short = _SUFFIX.sub("", region.name)
        if len(short) >= 2 and short != region.name:
            out.append((short, region.code, False))
    return out


def place_region(texts: Sequence[tuple[int, str]], where: str = "the page") -> RegionFinding | None:
    """The region the page names: the most specific region named (its full name, or its short name
    beside its city's or province's), preferring those whose higher regions are named too."""
    folded = [(line, fold(text)) for line, text in texts]
    fulls = sorted({name for name, _, full in _region_names() if full and any(name in text for _, text in folded)}, key=len, reverse=True)
    named: dict[str, tuple[str, int, bool]] = {}
    for name, code, full in _region_names():
        for line, text in folded:
            if not full:  # a short name inside a longer full name (甘孜 in 甘孜藏族自治州) names nothing of its own
                for longer in fulls:
                    if name in longer and name != longer:
                        text = text.replace(longer, "\0" * len(longer))
            if name in text:
                if code not in named or (full and not named[code][2]):
                    named[code] = (name, line, full)
                break
    table = regions()

    def support(code: str) -> int:
        return sum(1 for r in table.chain(code) if r.code in named)

    fits = [code for code, (name, _, full) in named.items()
            if (full and (len(name) >= 3 or support(code) >= 2)) or (not full and support(code) >= 2)]
    if not fits:
        return None
    level = {"county": 0, "city": 1, "province": 2}
    best = max(support(c) for c in fits)
    top = sorted((c for c in fits if support(c) == best), key=lambda c: (level[str(table.get(c).level)], c))  # type: ignore[union-attr]
    chosen = top[0]
    others = tuple(c for c in top[1:] if level[str(table.get(c).level)] == level[str(table.get(chosen).level)])  # type: ignore[union-attr]
    if others:
        # Places of one higher region named side by side (the seven cities a provincial fund serves):
        # the page is that region's, when it names it in full, not one of its places'.
        shared = [r.code for r in table.chain(chosen)[1:] if all(r.code in {x.code for x in table.chain(c)} for c in others)]
        parent = next((c for c in shared if c in named and named[c][2]), None)
        if parent is not None:
            pname, pline, _ = named[parent]
            places = "、".join(named[c][0] for c in (chosen, *others))
            return RegionFinding(parent, RegionMethod.DEPARTMENT_NAME, f"{where} names {len(others) + 1} places of {table.full_name(parent)} "
                                 f"({places}) and {pname} itself (line {pline}): read as {table.full_name(parent)}", ())
    name, line, _ = named[chosen]
    evidence = f"{where} names {name} (line {line}): {table.full_name(chosen)}"
    if others:
        evidence += "; it fits " + "、".join(f"{c} {table.full_name(c)}" for c in others) + " as well: give --region to choose"
    return RegionFinding(chosen, RegionMethod.DEPARTMENT_NAME, evidence, others)


def short_places(unit_name: str) -> list[str]:
    """The two-character county (攸县, 嵩县) a unit's name begins with, as '攸县 (430223 湖南省株洲市攸县)': too
    short to be taken for the page's region without its city or province named, and worth saying so."""
    table = regions()
    folded = fold(unit_name).strip()
    return list(dict.fromkeys(f"{name} ({code} {table.full_name(code)})" for name, code, full in _region_names()
                              if full and len(name) == 2 and name.endswith("县") and folded.startswith(name)))


_YEAR_PRINTED = re.compile(r"[(（]\s*(20\d{2})\s*年度?\s*[)）]")
# 年度：2024, 预算年度：2024年; 项目年度 | 2024 (a cell of its own beside the label, as a workbook or a page prints it)
_YEAR_LABEL = re.compile(r"(?<![上下本前去今明])(?<!立项)(?<!开始)(?<!结束)(?<!起始)(?<!完成)(?<!实施)(?<!截止)(?<!竣工)(?<!开工)(?:预算|项目|绩效)?年度(?:\s*[:：]\s*(20\d{2})(?!\d)|[ ]*[\t|][ ]*(20\d{2})(?:年度?)?[ ]*(?=$|[\t|]))")
_YEAR_TITLE = re.compile(r"(20\d{2})\s*年度")
_YEAR_DATE = re.compile(r"(20\d{2})\s*年")
# A year naming what follows it (定西市安定区2020年农村危房改造项目): the year of a project or a report, before a
# date on the page (评价工作组于2021年4月…: when the evaluation was done); not 年底, 年内, 年前, 年末 (dates too)
_YEAR_NAMING = re.compile(r"(20\d{2})\s*年(?![底内前末初中度])(?=[\u4e00-\u9fff])")
_YEAR_AMOUNT = re.compile(r"(20\d{2})\s*年(?:度)?(?:金额|预算金额|资金需求)")  # 资金需求 | 2021年金额: the year the money is for
_FILED = re.compile(r"(?:填报|填表|编制|打印|发布)?日期\W{0,3}$")  # 填报日期：2023年9月26日: when the form was filled in


# A project's period over several years (项目期限 2023年1月至2025年12月): neither end is the budget year (a
# period within one year, 2024年1月-2024年12月, is that year).
_PERIOD_AFTER = re.compile(r"[^至到\-—–~～]{0,8}[至到\-—–~～]\s*(20\d{2})")
_PERIOD_BEFORE = re.compile(r"(20\d{2})[^至到\-—–~～]{0,8}[至到\-—–~～]\s*$")


def _in_a_period(folded: str, match: re.Match[str]) -> bool:
    """Whether a date is an end of a period of several years (2023年1月至2025年12月)."""
    other = _PERIOD_BEFORE.search(folded[: match.start()]) or _PERIOD_AFTER.match(folded, match.end())
    return other is not None and other.group(1) != match.group(1)


def find_year(lines: Sequence[str], header_line: int) -> tuple[int, int, Reading | None] | None:
    """The budget year: ``(2021年度)`` as the form prints it, else ``2019年度`` in the text before the
    table, else a date on the page (``2023年12月前``), each with its line; the last two are readings."""
    head = list(enumerate(lines[:header_line], start=1))
    for number, text in head:
        match = _YEAR_PRINTED.search(fold(text)) or _YEAR_LABEL.search(fold(text))
        if match:
            return int(match.group(1) or match.group(2)), number, None
    for pattern, what in ((_YEAR_TITLE, "the text before the table says"), (_YEAR_AMOUNT, "the amount's column is headed"),
                          (_YEAR_NAMING, "a name on the page says"), (_YEAR_DATE, "a date on the page says")):
        for number, text in list(enumerate(lines, start=1)):
            folded = fold(text)
            # A form's filing date is not its year (a budget is filed the year before).
            match = next((m for m in pattern.finditer(folded) if not _FILED.search(folded[: m.start()])
                          and not (pattern is _YEAR_DATE and _in_a_period(folded, m))), None)
            if match:
                year = int(match.group(1))
                return year, number, Reading(number, "year", f"line {number}: the form prints no (年度); {what} {match.group()!r}: read as budget year {year}")
    return None


# ---- rows → indicators ---------------------------------------------------------------------------


def _infer_tier2(row: Row, value: Value) -> tuple[Tier, str]:
    """The 二级 of a row printed without one, by its 一级 and the words of its name and value."""
    vocab = tier_vocabulary()
    name = fold(row.name.text)
    t1 = row.tier1
    if t1 is not None and t1.iri == vocab.cost.iri:
        return vocab.tier2["经济成本指标"], "under 成本指标 the template's 二级 is 经济成本指标"
    if "满意" in name or (t1 is not None and t1.iri == vocab.satisfaction.iri):
        return vocab.tier2["服务对象满意度指标"], "a satisfaction indicator" + (" (满意 in its name)" if "满意" in name else "")
    if t1 is not None and t1.iri == vocab.effect.iri:
        for words, label in (("经济|收入|增收|产值", "经济效益指标"), ("生态|环境|绿化|污染", "生态效益指标"), ("持续|长效|长期", "可持续影响指标")):
            if re.search(words, name):
                return vocab.tier2[label], f"under 效益指标, its name has {re.search(words, name).group()}"  # type: ignore[union-attr]
        return vocab.tier2["社会效益指标"], "under 效益指标, the template's most common 二级"
    if t1 is None and re.search("成本|费用", name) and value.unit and "元" in value.unit:
        return vocab.tier2["经济成本指标"], f"its name has {re.search('成本|费用', name).group()} and its unit is money"  # type: ignore[union-attr]
    timely = re.search("及时|时限|时间|进度|时效|按时|完成时", name)
    if timely:
        return vocab.tier2["时效指标"], f"its name has {timely.group()}"
    if t1 is None and value.value is None:
        return vocab.tier2["社会效益指标"], "a qualitative target with no tier printed"
    if name.endswith("率") or (value.unit or "").strip() in ("%", "％"):
        return vocab.tier2["质量指标"], "a rate" + (" (%)" if value.unit else " (…率)")
    return vocab.tier2["数量指标"], "a count" + (f" ({value.unit})" if value.unit else "")


def _indicator(row: Row, header: Header, found: Found, weighted: bool = True) -> Indicator | None:
    filled = [c for c in row.cells if c.text]
    at = header.after.index(Col.TARGET) if Col.TARGET in header.after else -1
    if weighted and not row.positional and len(filled) == 1 and at >= 0 and header.after[at + 1: at + 2] == [Col.WEIGHT] and at == 0 \
            and _NUMBER.match(fold(filled[0].text).strip()) and Decimal(fold(filled[0].text).strip().replace(",", "")) <= 30:
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: one bare number ({filled[0].text.strip()}) where a value and its "
                                     "权重 stand: the value left blank or the 权重 left out cannot be told apart", True, row.name.text))
        return None
    if row.target_blank:
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: this year's value is blank; the value beside it is the other "
                                     f"column's ({header.columns[[k for k, _ in header.columns].index(Col.PRIOR)][1]}), not its target",
                                     True, row.name.text))
        return None
    # a row read by position keeps its blank last-year cell in its place: only a row of filled cells drops the column
    columns, leftover = assign(row.cells, [c for c in header.after if not (row.prior_blank and not row.positional and c == Col.PRIOR)],
                               row.positional)
    text_col = header.after[-1] if header.after else None
    filled = [c for c in row.cells if c.text]
    if leftover and not row.positional and text_col in (Col.REASON, Col.TEXT) and (said := columns.get(text_col)) is not None \
            and filled.index(leftover[0]) > 0 and filled[filled.index(leftover[0]) - 1] is said \
            and not any(_value_shaped(c.text) or tier1_of(c.text) or tier2_of(c.text) for c in leftover):
        # 雨季道路 中断影响清运 under 偏差原因 (words split at spaces): the last column's text has a space in it
        found.readings.append(Reading(said.line, "text", f"line {said.line}: {' '.join(c.text for c in (said, *leftover))!r} after "
                                      f"the row's last column are one {text_col.value} with spaces in it"))
        columns[text_col] = Cell(" ".join(c.text for c in (said, *leftover)), said.line)
        leftover = []
    sign = columns.get(Col.TARGET)
    if sign is not None and leftover and (re.fullmatch(CMP, fold(sign.text).strip()) or fold(sign.text).strip() in COMPARATOR_WORDS) \
            and _NUMBER.match(fold(leftover[0].text).strip()):
        # ≥ | 320 | 公里 under one 指标值 heading merged over three cells: one value typed in three
        rest = fold(leftover[1].text).strip() if len(leftover) > 1 else ""
        # its unit (公里), or the rest of a value in words the number begins (2023 | 年12月底前)
        unit = leftover[1:2] if rest and not _NUMBER.match(rest) and (_UNIT_ONLY.match(rest) or (
            len(rest) <= 10 and re.match(r"[\u4e00-\u9fff]", rest) and not _value_shaped(rest))) else []
        parts = [sign, leftover[0], *unit]
        columns[Col.TARGET] = Cell("".join(c.text.strip() for c in parts), sign.line)
        found.readings.append(Reading(sign.line, "value", f"line {sign.line}: {' | '.join(c.text.strip() for c in parts)!r}, the "
                                      "comparator, the number and the unit in cells of their own: one value"))
        leftover = leftover[len(parts) - 1:]
    misplaced = next((c for c in leftover if tier1_of(c.text) is not None or (tier2_of(c.text) is not None and _key(c.text).endswith("指标"))), None)
    if misplaced is not None and not row.positional:
        # 森林防火能力提升 | 1200 | … | 产出指标 | 数量指标 | …: tiers after what the header calls the name and the
        # value, the row printing columns the header does not name (a project's name and amount): not an indicator
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the tier label {misplaced.text.strip()!r} comes after the "
                                     "cells read as its value: the row prints columns the header does not name; not read", True,
                                     row.name.text))
        return None
    if not row.positional and Col.SCORE in header.after and Col.SCORE not in columns and Col.ACTUAL in columns and Col.WEIGHT in columns \
            and Col.TARGET in columns and not leftover and _bare_number(columns[Col.ACTUAL].text) and _unitless(columns[Col.TARGET].text):
        # 36000 15 12 under 年度指标值 实际完成值 分值 得分: three numbers for four columns, none with a unit — the blank
        # one may be the 实际完成值 as well as the 得分; the target is the first, the rest is not read at a guess
        found.warnings.append(Warning(row.name.line, f"{row.name.text.strip()!r}: after the target {columns[Col.TARGET].text.strip()!r} "
                                      f"only {columns[Col.ACTUAL].text.strip()!r} and {columns[Col.WEIGHT].text.strip()!r}, bare numbers, "
                                      "for 实际完成值, 分值 and 得分: which is blank cannot be told; the result is not read"))
        for col in (Col.ACTUAL, Col.WEIGHT):
            del columns[col]
    if not row.positional and Col.ACTUAL in header.after and Col.ACTUAL not in columns and Col.WEIGHT in columns \
            and _actual_left_blank([c for c in row.cells if c.text], [c for c in header.after if c != Col.PRIOR]):
        found.readings.append(Reading(row.name.line, "position", f"line {row.name.line}: after the target only "
                                      f"{columns[Col.WEIGHT].text} and {columns[Col.SCORE].text}, bare numbers: read as 分值 and 得分, "
                                      "the 实际完成值 left blank (a blank cell leaves no text)"))
    target = columns.get(Col.TARGET)
    if target is None:
        grades = columns.get(Col.GRADES)
        target = grades
    if target is None:
        # 指标1:, ……: a template's empty row
        template = re.fullmatch(r"指标\s*\d+\s*[:：]?|[.…·。]{2,}", fold(row.name.text).strip()) is not None
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: no target value where the header puts it"
                                     + (" (an empty row of the template)" if template else ""), not template, row.name.text))
        return None
    if (re.search(r"\*\*", target.text) and not re.search(r"\d", target.text)) or re.fullmatch(r"\s*[.…·。]{2,}\s*", target.text):
        # ≥**%: the template's placeholder left where the target belongs
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the template's placeholder {target.text.strip()!r} where its "
                                     "target belongs: no target printed", True, row.name.text))
        return None
    if re.fullmatch(r"指标\s*\d+\s*[:：]?", fold(row.name.text).strip()):
        found.warnings.append(Warning(row.name.line, f"{row.name.text.strip()!r}, the template's placeholder, names the indicator of "
                                      f"{target.text.strip()!r}: its name was not filled in"))
    nature = columns.get(Col.NATURE)
    value = read_value(target.text)
    value_line = target.line
    if value.note is not None:
        found.readings.append(Reading(target.line, "value", f"line {target.line}: {target.text.strip()!r}: the target is "
                                      f"{value.comparator or '='} {plain(value.value) if value.value is not None else ''}{value.unit or ''}; "
                                      f"the words in brackets after it ({value.note}) are a note, kept in the printed text"))
    dated = re.fullmatch(r"\s*(?:19|20)\d{2}[.．](?:0?[1-9]|1[0-2])\s*", target.text)
    if dated and value.value is not None and row.tier2 is not None and row.tier2.label == "时效指标":
        # 2024.06 under a 时效指标 is a month of a year (a deadline), not the number 2024.06
        found.readings.append(Reading(target.line, "value", f"line {target.line}: {target.text.strip()!r} under 时效指标 read as a "
                                      "year and month (定性), not a number"))
        value = replace(value, value=None, comparator=None, unit=None)
    if value.value is None and _UNIT_ONLY.match(fold(target.text).strip()) and not row.positional:
        # 人, %: a unit alone where the value stands — the row's cells do not line up with the header's columns
        # (a value typed with a space beside a 指标属性 column, say): not read at a guess
        found.skipped.append(Skipped(row.name.line, f"{row.name.text!r}: the cell under the value's column is a unit alone "
                                     f"({target.text.strip()!r}): the row's cells do not line up with the header; not read", True,
                                     row.name.text))
        return None
    if nature is not None and fold(nature.text).strip() == QUALITATIVE or value.value is None:
        comparator, number = QUALITATIVE, None
        if value.value is None and re.match(rf"\s*(?:{CMP}|{'|'.join(COMPARATOR_WORDS)})\s*\d", fold(target.text)) \
                and not re.search(_MONTH_DAY, fold(target.text)):
            # ≥1:1.2, ≥3.5分贝: a bound on a number whose form or unit kg does not read
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} prints a comparator and a number kg cannot read "
                                          "(a range, a ratio, an unknown unit): kept as 定性 text, its bound not queryable"))
        elif value.value is None and re.fullmatch(r"\s*(?:\S*\d[\d,.]*\S*\s+)+\S*\d[\d,.]*\S*\s*", fold(target.text)):
            # 100 95: two indicators typed as two paragraphs of one cell (a Word table), or two values of a row
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} holds several values in one cell (two indicators "
                                          "typed in one row?): kept as 定性 text, not read as a number"))
        elif value.value is None and re.match(r"\s*[?？�]+\s*\d", fold(target.text)):
            # ?9200人: a comparator a mirror's encoding turned into ? (≥, ≤): which it was is not printed
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} begins with an unreadable sign before its number (a "
                                          "comparator lost to the page's encoding?): kept as 定性 text, its number not queryable"))
        elif value.value is None and _NUMBER_THEN_WORDS.match(fold(target.text)) and not re.match(_NOT_A_COUNT, fold(target.text).strip()):
            # 34大项, 100余家: a number before words kg knows as no unit — a count the query cannot compare
            found.warnings.append(Warning(target.line, f"{target.text.strip()!r} begins with a number kg reads no unit after: "
                                          "kept as 定性 text, its number not queryable"))
        said = fold(nature.text).strip() if nature is not None else ""
        if said in _RANGE_NATURE:
            found.readings.append(Reading(nature.line, "value", f"line {nature.line}: {said} beside {target.text.strip()!r}: a range, "  # type: ignore[union-attr]
                                          "kept as 定性 text (with the unit its 度量单位 cell prints)"))
        elif said not in ("", QUALITATIVE, QUANTITATIVE):
            # 不低于 | 上年水平: a bound on a target in words, which the model keeps only as a number's comparator
            found.readings.append(Reading(nature.line, "comparator", f"line {nature.line}: {nature.text.strip()!r} beside a target "  # type: ignore[union-attr]
                                          f"in words ({target.text.strip()!r}): read as 定性, the bound said here only"))
    else:
        comparator, number = value.comparator, value.value
        if comparator is None and nature is not None and fold(nature.text).strip() in _DIRECTION:
            comparator = _DIRECTION[fold(nature.text).strip()]
            found.readings.append(Reading(nature.line, "comparator", f"line {nature.line}: 指标方向 {nature.text.strip()!r} read as "
                                          f"{comparator} {number} ({'the higher' if comparator == '≥' else 'the lower'} the better)"))
        elif comparator is None and nature is not None and fold(nature.text).strip() != QUANTITATIVE:
            comparator = _printed_comparator(fold(nature.text).strip())
        elif comparator in ("≥", ">", "≤", "<") and nature is not None and fold(nature.text).strip() in _DIRECTION \
                and _DIRECTION[fold(nature.text).strip()] != {">": "≥", "<": "≤"}.get(comparator, comparator):
            found.warnings.append(Warning(nature.line, f"指标方向 {nature.text.strip()!r} and the printed sign of {target.text.strip()!r} "
                                          "disagree: the sign is kept"))
        if comparator is None:
            comparator = _comparator_of_placeholder(row, target.line, target.text, found)
        remark = columns.get(Col.TEXT)
        if comparator is None and remark is not None and Col.ACTUAL not in header.after \
                and (fold(remark.text).strip() in ("≥", "≤", ">=", "<=", "≧", "≦") or fold(remark.text).strip() in _BOUND_WORDS):
            # 98.00% | 不低于 under 备注 (a WPS or Excel form putting the direction in a column of its own)
            comparator = _printed_comparator(fold(remark.text).strip())
            found.readings.append(Reading(remark.line, "comparator", f"line {remark.line}: {remark.text.strip()!r} beside "
                                          f"{target.text.strip()!r}, which prints no comparator: read as {comparator} {number}"))
        if comparator is None:
            comparator = "="
            found.readings.append(default_comparator_reading(target.line, target.text, number))
    unit = value.unit if comparator != QUALITATIVE else None
    unit_cell = columns.get(Col.UNIT)
    if unit is None and comparator != QUALITATIVE:  # a number printed without its unit: where else it is
        if unit_cell is not None:
            unit = unit_cell.text
        elif Col.UNIT in header.after:
            pass  # the row leaves its 度量单位 blank
        elif (named := _UNIT_IN_NAME.search(fold(row.name.text))) is not None and unit_of(named.group(1)) is not None \
                and not (named.group(1) == "年" and re.fullmatch(r"(?:19|20)\d\d", fold(target.text).strip())):
            # a unit kg knows: not a placeholder ((≥**人)), an index ((PQI)) or a qualifier ((年度), (本级))
            unit = row.name.text[named.start(1): named.end(1)]
            found.readings.append(Reading(target.line, "unit", f"line {target.line}: {target.text!r} prints no unit; its name "
                                          f"{row.name.text!r} says {unit}"))
        elif header.target_unit is not None:
            unit = header.target_unit
            found.readings.append(Reading(target.line, "unit", f"line {target.line}: {target.text!r} prints no unit; its column's "
                                          f"heading says {header.target_unit}"))
        else:
            # A table with no 度量单位 column printing a row's unit in the cell after its number (280 | 人次):
            # that cell is the unit, not the next column's text.
            after = row.cells[row.cells.index(target) + 1:] if target in row.cells else []
            following = next((c for c in after if c.text), None)
            if following is not None and _UNIT_ONLY.match(fold(following.text)) and not _NUMBER.match(fold(following.text)) \
                    and re.search(r"[%‰‱A-Za-z\u4e00-\u9fff]", fold(following.text)):  # not a "/" or "-" a form prints in an empty cell
                unit = following.text
                columns = {col: cell for col, cell in columns.items() if cell is not following}
                found.readings.append(Reading(following.line, "unit", f"line {following.line}: {target.text!r} prints no unit; the "
                                              f"cell after it, {following.text!r}, is its unit"))
    tier2 = row.tier2
    if tier2 is None:
        tier2, why = _infer_tier2(row, value)
        printed = f" under {row.tier1_printed}" if row.tier1_printed else ""
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: no 二级 printed{printed} for {row.name.text!r}: read as {tier2.label} ({why})"))
    elif row.tier2_printed and _key(row.tier2_printed) != tier2.label:
        why = "a 一级 label printed in the 二级 place" if row.tier2_from_tier1 else "a variant of the template's label"
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: 二级 {row.tier2_printed!r} read as {tier2.label} ({why})"))
    vocab = tier_vocabulary()
    tier1 = row.tier1 if row.tier1 is not None else vocab.get(tier2.broader) if tier2.broader else None
    if row.tier2_from_tier1 and tier1 is not None and tier2.broader and tier1.iri != tier2.broader:
        # 产出指标 | 成本指标 (an older template's 成本 under 产出): the 二级 is the framework's 经济成本指标, and its
        # 一级 成本指标, as where the 一级 is printed once above it (merged) and 成本指标 reads as a 一级.
        tier1 = vocab.get(tier2.broader)
        found.readings.append(Reading(row.name.line, "tier", f"line {row.name.line}: under {row.tier1_printed or tier1}, "
                                      f"{row.tier2_printed!r} is the framework's 一级 {tier1.label if tier1 else ''}"))
    result = None
    actual = columns.get(Col.ACTUAL)
    score = columns.get(Col.SCORE)
    reason = columns.get(Col.REASON)
    if actual is None and Col.ACTUAL in header.after and (score is not None or reason is not None):
        # 实际完成值 left blank, with a 得分 or a 偏差原因 (数据未统计): a result all the same, its actual
        # not printed, so that the score and the reason are not lost with it.
        actual = Cell("", (score or reason).line)  # type: ignore[union-attr]
        found.readings.append(Reading(actual.line, "result", f"line {actual.line}: {row.name.text!r} prints no 实际完成值 but a "
                                      f"{'得分' if score is not None else '偏差原因'}: a result without an actual"))
    if actual is not None:
        got = read_value(actual.text)
        if got.value is not None and got.comparator not in (None, "=") and not _bound_meets(got.comparator, got.value, comparator, number):
            # <95% against ≥95%, 低于10% against 不低于10%: an actual stated as a bound that does not show the target met is
            # no figure to set against it (read as the bound, it counted as met); kept as printed, not compared. (≥95%
            # against ≥95% meets it whatever the figure: kept.)
            found.warnings.append(Warning(actual.line, f"{row.name.text!r}: the actual {actual.text.strip()!r} is a bound "
                                                       f"({got.comparator}), not a figure: kept as printed, not compared with the target"))
            got = replace(got, value=None)
        if got.value is not None and got.unit is None and (unit_cell is None or not unit_cell.text.strip()) \
                and unit in ("%", "％") and number is not None and number > 1 and 0 < got.value <= 1:
            # 0.96 against ≥95%: a fraction (96%) or a figure on another scale; read as 0.96%, it was "missed"
            found.warnings.append(Warning(actual.line, f"{row.name.text!r}: the actual {actual.text.strip()!r} prints no unit "
                                                       f"against a target in % ({target.text.strip()}): a fraction, or a "
                                                       "figure of another scale: kept as printed, not compared"))
            got = replace(got, value=None)
        if got.value is not None and got.unit is None and unit_cell is not None and unit_cell.text.strip():
            got = replace(got, unit=unit_cell.text.strip())  # 126 under 实际完成值, 场 under the row's 度量单位
        result = IndicatorResult(
            value=got.value, value_text=actual.text, line=actual.line,
            score=parse_decimal(fold(score.text).rstrip("分")) if score is not None and not _NOT_SCORED.fullmatch(fold(score.text).strip()) else None,
            deviation_reason=reason.text if reason is not None and not _NOT_SCORED.fullmatch(fold(reason.text).strip()) else None,
            unit=got.unit,  # (a dash under 偏差原因: none given)
        )
    if leftover and not row.positional:
        found.warnings.append(Warning(row.name.line, f"cells not read after the row of {row.name.text!r}: {' | '.join(c.text for c in leftover)}"))
    cells = tuple(c.text for c in (row.name, *row.cells))
    printed = target.text
    if nature is not None and fold(nature.text).strip() in _RANGE_NATURE and unit_cell is not None and unit_cell.text.strip():
        printed = f"{target.text.strip()}{unit_cell.text.strip()}"  # 区间 | 90-95 | %: the range with its unit, 90-95%
    return Indicator(
        tier1=tier1.label if tier1 is not None else "", tier2=tier2.label, name=row.name.text, comparator=comparator,
        value=number, value_text=printed, unit=unit,
        line=row.name.line, cells=cells, result=result, value_line=value_line if value_line != row.name.line else None,
    )


def _weight_and_score(weight: str, score: str) -> tuple[str, str]:
    """A 分值 and its 得分 glued (1010): the split the pattern took if it can be one (the 分值 at most
    100, the 得分 at most the 分值), else the one that can, digits shared evenly first (10 and 10,
    not 101 and 0); as taken when no split can be."""
    def fits(w: str, s: str) -> bool:
        return bool(w) and bool(s) and not (len(s) > 1 and s.startswith("0")) and Decimal(w) <= 100 and Decimal(s) <= Decimal(w)
    if "." in weight + score or fits(weight, score):
        return weight, score
    digits = weight + score
    splits = sorted((abs(2 * n - len(digits)), digits[:n], digits[n:]) for n in range(1, len(digits)) if n <= 3 and len(digits) - n <= 3)
    return next(((w, s) for _, w, s in splits if fits(w, s)), (weight, score))


def _glued_indicator(row: Row, match: re.Match[str], printed: str, line: int, header: Header, found: Found,
                     score_widths: Counter[int]) -> Indicator | None:
    groups = match.groupdict()
    target = "td" if groups.get("td") else "t"
    t_start, t_end = match.span(target)
    number_text = printed[t_start:t_end]
    cmp_text = groups.get("cmp")
    unit = printed[match.start("tu"): match.end("tu")] if groups.get("tu") else None
    suffix = groups.get("suf")
    weight = groups.get("w") if "w" in groups else None
    if target == "t" and weight is not None and not unit and not suffix and match.end("t") == match.start("w"):
        digits = groups["t"] + groups["w"]
        width = score_widths.most_common(1)[0][0] if score_widths else None
        if width is not None and len(digits) > width and len(digits[-width:]) > 1 and digits[-width:].startswith("0"):
            # 18605 among scores of 2 digits: 05 is no score as printed (a 5 is printed 5): which split cannot be told
            found.skipped.append(Skipped(line, f"{digits!r}: a target and a score glued; the other rows' scores have {width} digits but "
                                         f"{digits[-width:]!r} is none, and another width cannot be told: not read", True, printed.strip()))
            return None
        if width is None or len(digits) <= width:
            found.skipped.append(Skipped(line, f"{digits!r}: a target and a score glued with nothing between them, and no other row shows the score's width", True, printed.strip()))
            return None
        number_text = printed[t_start: t_start + len(digits) - width]
        found.readings.append(Reading(line, "split", f"line {line}: {digits!r} is a target glued to its score: read as {number_text} and score {digits[-width:]} (the other rows' scores have {width} digits)"))
    name = row.name.text
    if Col.TEXT in header.after[: header.after.index(Col.TARGET)]:
        explained = re.search(r"达到\S{0,4}值$", fold(name))
        if explained:
            name = name[: explained.start()]
    value_end = (match.end("suf") if suffix else match.end("tu") if unit else t_start + len(number_text))
    value_start = match.start("cmp") if cmp_text else t_start
    value_text = printed[value_start:value_end]
    comparator = (COMPARATOR_SYMBOLS.get(cmp_text) or dict(WORD_COMPARATORS).get(cmp_text, cmp_text)) if cmp_text else (SUFFIX_COMPARATORS[suffix] if suffix else None)
    if target == "td":
        comparator = QUALITATIVE  # a date, as read_value reads it in a cell of its own
    elif comparator is None:
        comparator = _comparator_of_placeholder(row, line, value_text, found)
        if comparator is None:
            comparator = "="
            found.readings.append(default_comparator_reading(line, value_text))
    tier2 = row.tier2
    value = Value(comparator, None if target == "td" else parse_decimal(number_text), value_text, unit)
    if tier2 is None:
        tier2, why = _infer_tier2(replace(row, name=Cell(name, line)), value)
        found.readings.append(Reading(line, "tier", f"line {line}: no 二级 printed for {name!r}: read as {tier2.label} ({why})"))
    elif row.tier2_printed and _key(row.tier2_printed) != tier2.label:
        found.readings.append(Reading(line, "tier", f"line {line}: 二级 {row.tier2_printed!r} read as {tier2.label} (a variant of the template's label)"))
    tier1 = row.tier1 if row.tier1 is not None else tier_vocabulary().get(tier2.broader) if tier2.broader else None
    result = None
    score = groups.get("s")
    if score and groups.get("w"):
        weight, score = _weight_and_score(groups["w"], score)
        if weight != groups["w"]:
            found.readings.append(Reading(line, "split", f"line {line}: {groups['w'] + groups['s']!r} is a 分值 glued to its 得分: read as "
                                          f"{weight} and {score} (a 分值 is at most 100 and a 得分 at most its 分值)"))
    if groups.get("aw") is not None or groups.get("ad") is not None:
        words = "aw" if groups.get("aw") is not None else "ad"
        result = IndicatorResult(value=None, value_text=printed[match.start(words): match.end(words)], line=line,
                                 score=parse_decimal(score) if score else None, unit=None)
    elif groups.get("a") is not None:
        a_start, a_end = match.span("a")
        a_unit_end = match.end("au") if groups.get("au") else a_end
        result = IndicatorResult(
            value=parse_decimal(groups["a"]), value_text=printed[a_start:a_unit_end], line=line,
            score=parse_decimal(score) if score else None,
            unit=printed[match.start("au"): match.end("au")] if groups.get("au") else None,
        )
    return Indicator(tier1.label if tier1 else "", tier2.label, name, comparator, value.value, value_text, unit, line,
                     (printed[match.start(): match.end()],), result)


# ---- the whole form ------------------------------------------------------------------------------


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_PINYIN_LOST = re.compile(r"(?<=\?)[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")  # ???jī): its character and '(' lost
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
PINYIN_MINIMUM = 5  # a page with fewer is not a mirror's pinyin copy: nothing is removed


def pinyin_readings(lines: Sequence[str]) -> tuple[int, int]:
    """(pinyin readings after a character, readings whose character and '(' were lost to ???) that a
    doc-sharing mirror printed inside the words (績(jī)效指標(biāo)); (0, 0) unless there are at least
    PINYIN_MINIMUM of them and most carry a tone mark (so that ``长度(m)`` is never taken for one)."""
    found = [m.group() for text in lines for m in _PINYIN.finditer(text)]
    if len(found) < PINYIN_MINIMUM or sum(1 for f in found if _TONE.search(f)) * 2 < len(found):
        return 0, 0
    return len(found), sum(len(_PINYIN_LOST.findall(text)) for text in lines)


def strip_pinyin(text: str) -> str:
    return _PINYIN_LOST.sub("", _PINYIN.sub("", text))


def _header_wrapped_below(lines: list[str]) -> list[Reading]:
    """A header of PDF text whose headings wrap in their narrow columns, the ends on the next line
    (年度指标 实际完成 … 偏差原因分析 / 值 值 及改进措施): the ends are joined to the headings they complete, in
    order, and their line left empty (in place), with a reading. Only where every end completes one."""
    readings: list[Reading] = []
    for n in range(len(lines) - 1):
        if "|" in lines[n] or "\t" in lines[n]:
            continue
        cells = split_cells(lines[n])
        if sum(1 for c in cells if _HEADER_CELL.fullmatch(_key(c))) < 3:
            continue
        ends = split_cells(lines[n + 1])
        if not ends or len(ends) > len(cells) or any(len(e) > 6 or _HEADER_CELL.fullmatch(_key(e)) and len(e) > 2 for e in ends):
            continue
        joined, at = list(cells), 0
        for end in ends:
            # the next heading this end completes: one cut short, or a whole one it lengthens (偏差原因分析 + 及改进措施)
            at = next((k for k in range(at, len(cells)) if _HEADER_CELL.fullmatch(_key(cells[k] + end))
                       and _key(cells[k] + end) not in (_key(c) for c in cells) and (not _HEADER_CELL.fullmatch(_key(cells[k]))
                       or len(_header_kinds(_key(cells[k] + end))) == 1)), -1)
            if at < 0:
                break
            joined[at] = cells[at] + end
            at += 1
        if at < 0 or any(not _HEADER_CELL.fullmatch(_key(c)) for c in joined):
            continue
        readings.append(Reading(n + 1, "header", f"lines {n + 1}–{n + 2}: the headings' ends printed on the line below "
                                f"({' '.join(ends)}) are read as part of the headings above: {' '.join(joined)}"))
        lines[n], lines[n + 1] = " ".join(joined), ""
    return readings


# Characters spread over a cell's width one space apart (项 目 名 称, a PDF's 分散对齐), not cells (two or more
# spaces apart, or tabs and pipes).
_SPREAD = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff])+(?![\u4e00-\u9fff])")


# Two characters spread over a cell that are one word (产 出 / 指 标): a tier's or a label's halves.
_SPREAD_PAIRS = frozenset({"产出", "效益", "成本", "指标", "质量", "数量", "时效", "社会", "生态", "经济", "满意", "项目", "单位", "金额",
                           "年度", "目标", "名称", "部门", "资金", "预算", "其中", "其他"})


def _spread_characters(lines: list[str]) -> list[Reading]:
    """A PDF whose labels and tiers are spread over their cells' width (项 目 名 称, 产 出 / 指 标): their
    characters joined, in place, with a reading, where at least three lines print such runs (a text of
    cells one space apart prints none)."""
    def joined(match: re.Match[str]) -> str:
        word = match.group().replace(" ", "")
        return word if len(word) >= 3 or word in _SPREAD_PAIRS else match.group()  # 个 是: two cells (a unit, 是否核心指标)

    spread = [n for n, text in enumerate(lines) if "|" not in text and "\t" not in text
              and any(joined(m) != m.group() for m in _SPREAD.finditer(text))]
    if len(spread) < 3:
        return []
    for n in spread:
        lines[n] = _SPREAD.sub(joined, lines[n])
    shown = ", ".join(str(n + 1) for n in spread[:8]) + (f" and {len(spread) - 8} more" if len(spread) > 8 else "")
    return [Reading(spread[0] + 1, "text", f"lines {shown}: characters printed one space apart (项 目 名 称) are read as one word each")]


def normalised_lines(lines: Sequence[str]) -> tuple[list[str], list[Reading], list[Warning]]:
    """The lines as read: a mirror's pinyin readings removed (a recorded normalisation of the source,
    counted, with an example and its line), else the lines as printed; characters spread over a cell
    joined; a header's headings wrapped onto the line below joined."""
    count, lost = pinyin_readings(lines)
    if not count:
        joined = list(lines)
        return joined, [*_spread_characters(joined), *_header_wrapped_below(joined)], []
    changed = [n for n, text in enumerate(lines, start=1) if strip_pinyin(text) != text]
    first = changed[0]
    example = _PINYIN.search(lines[first - 1])
    shown = lines[first - 1][max(0, example.start() - 2): example.end() + 4] if example else ""  # type: ignore[union-attr]
    said = (f"{count} pinyin readings printed inside the words by a doc-sharing mirror (line {first}: {shown!r}) are removed before "
            f"reading" + (f", and {lost} whose character and '(' the mirror lost to '???' ('???jī)')" if lost else "")
            + "; names and values are the text without them")
    shown_lines = ", ".join(map(str, changed[:8])) + (f" and {len(changed) - 8} more" if len(changed) > 8 else "")
    stripped = [strip_pinyin(t) for t in lines]
    return (stripped, [Reading(first, "pinyin", f"lines {shown_lines}: {said}"), *_header_wrapped_below(stripped)],
            [Warning(first, f"the text is normalised: {count + lost} pinyin readings removed (see the readings)")])


def describe_found(lines: Sequence[str]) -> str:
    """What a page holds that looks like part of a performance table, for a refusal's one line."""
    words: list[str] = []
    for number, text in enumerate(lines, start=1):
        for kind, s, e in _header_kinds(fold(text)):
            word = fold(text)[s:e]
            if kind in (Col.NAME, Col.TARGET, Col.TIER1, Col.TIER2) and len(words) < 6:
                words.append(f"{word} (line {number})")
    title = next(((n, m.group()) for n, t in enumerate(lines, start=1) if (m := TITLE.search(fold(t)))), None)
    parts = []
    if title:
        parts.append(f"the title {title[1]} (line {title[0]})")
    if words:
        parts.append("the header words " + ", ".join(words))
        lines_of = {w.rsplit("(line ", 1)[1] for w in words}
        if len(lines_of) > 1:
            parts.append("but no header row joining them and no column-by-column table kg can pair (a 三级指标 line, then a 年度目标值 "
                         "line and as many values as names)")
    pinyin = sum(len(_PINYIN.findall(text)) for text in lines)
    if pinyin >= PINYIN_MINIMUM:
        parts.append(f"{pinyin} pinyin readings printed inside the words (績(jī)效指標(biāo)…)")
    return "; ".join(parts) if parts else "no 绩效目标表 title and no indicator header (一级指标 二级指标 三级指标 指标值)"


def looks_national(source: SourceText) -> bool:
    return find_header(source.lines) is not None


_DEPARTMENT_TITLE = re.compile(r"(?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效目标")
# A department's self-evaluation: its figures, goal and indicators (with their results) as a whole.
_DEPARTMENT_EVALUATION = re.compile(r"(?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效(?:自评|评价)")


@dataclass
class _Table:
    """What one of the readers found: the table's first line, its indicators (with the task each is
    under, for a 部门整体 form), the layout's name and why."""

    line: int
    start_offset: int
    indicators: list[tuple[Indicator, Cell | None]]
    found: Found
    style: str
    how: str  # the rows as read, for the layout's reason
    describe: str  # the header, for the layout's reason
    kinds: list[Col] = field(default_factory=list)
    project: tuple[str, int] | None = None  # a project named where no 项目名称 is printed (a reader's own finding)
    second_header: int | None = None  # the header of another form's table after this one's rows
    last_row: int = 0  # this table's last indicator line
    heads: list[ProjectHead | None] = field(default_factory=list)  # each indicator's project, in a department's table of projects
    amount_columns: int = 0  # a table of projects' amount columns under their sub-headings (合计 | 财政拨款 | 其他资金)


# The readers of two more shapes, built on this module (kg.read.columns, kg.read.grades): handed in by
# the dispatch (kg.read.text), so that this module does not import its own users.
ColumnsReader = Callable[[str, Sequence[str]], Any]
GradesReader = Callable[[Sequence[str]], Any]


def _read_table(source: SourceText, lines: Sequence[str], read_columns: ColumnsReader | None, read_graded: GradesReader | None) -> _Table:
    """The indicator table by the first reader that knows its shape, or the refusal saying what the
    page holds."""
    header = find_header(lines)
    if header is None or (Col.GRADES in header.after and header.style == "glued"):
        columns = read_columns(source.path, lines) if header is None and read_columns is not None else None
        if columns is not None:
            return _Table(columns.header_line, 0, [(i, None) for i in columns.indicators], columns.found, "columns",
                          "a table printed column by column, names and values paired by position", columns.description)
        graded = read_graded(lines) if read_graded is not None else None
        if graded is not None and (graded.indicators or graded.found.skipped):
            offset = fold(lines[graded.header_line - 1]).find("评价标准")
            return _Table(graded.header_line, max(offset, 0), [(i, None) for i in graded.indicators], graded.found, "grades",
                          graded.how, graded.description, project=graded.project)
        if header is None:
            raise ParseError(source.path, 1, f"found no 预算表12 or 预算13表 heading and no 绩效目标表 kg can read ({len(lines)} lines read): "
                             f"the text holds {describe_found(source.lines)}")
        raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): the 优/良/中/差 thresholds, names and descriptions "
                         "are glued with nothing between them: kg cannot tell them apart")
    found = Found()
    header = _the_years_column(source, lines, header, found)
    indicators: list[tuple[Indicator, Cell | None]] = []
    heads: list[ProjectHead | None] = []
    at, last = None, 0  # another form's header after this table's last row
    if header.style == "glued":
        glued = _glued_rows(lines, header, found)
        widths = Counter(len(m.group("w")) for _, m, _, _ in glued if "w" in m.groupdict() and m.group("w")
                         and (m.groupdict().get("tu") or m.groupdict().get("suf")))
        for row, match, printed, number in glued:
            ind = _glued_indicator(row, match, printed, number, header, found, widths)
            if ind is not None:
                indicators.append((ind, None))
    else:
        if header.style == "cells":
            rows = _cells_rows(lines, header)
        elif header.style == "stream":
            tokens = [Cell(t, header.end_line) for t in re.split(r"[ \u3000\xa0]+", header.rest.strip()) if t]
            tokens += [Cell(c, n) for n in range(header.end_line + 1, len(lines) + 1) for c in split_cells(lines[n - 1]) if c]
            # ≥ 8个, 8 个: a sign or a unit spaced from its number (10 学校 is a score and a name)
            rows = _stream_rows(_merge_spaced(tokens, Col.UNIT in header.after, known_units=True), header)
        elif header.style == "plain":
            rows = _plain_rows(lines, header)
        else:
            rows = _lines_rows(lines, header)
        found.skipped += rows.skipped
        found.readings += rows.readings
        found.warnings += rows.warnings
        found.cut = rows.cut
        found.row_facts = rows.row_facts
        if Col.PRIOR in header.after:
            kinds = [k for k, _ in header.columns if k in (Col.PRIOR, Col.TARGET)]
            which = "first" if Col.TARGET in kinds and kinds.index(Col.TARGET) < kinds.index(Col.PRIOR) else "second"
            found.readings.append(Reading(header.end_line, "value", f"line {header.end_line}: 指标值 has two sub-columns "
                                          f"({' | '.join(w for k, w in header.columns if k in (Col.PRIOR, Col.TARGET))}); a row's one value is read as this year's "
                                          f"target, and of two values the {which}"))
        if Col.PROJECT in header.before and header.style != "lines":
            raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): a table of projects printed "
                             f"{'one cell a line' if header.style in ('cells', 'plain') else 'without separators'}; kg reads one whose "
                             "rows are lines of tabs or pipes")
        weighted = sum(1 for row in rows.rows if len([c for c in row.cells if c.text]) >= 2) >= 2  # rows printing a value and a 权重
        for row in rows.rows:
            ind = _indicator(row, header, found, weighted)
            if ind is not None:
                indicators.append((ind, row.task))
                heads.append(row.project)
        last = max((ind.line for ind, _ in indicators), default=header.end_line)
        again = find_header(lines[last:])
        if again is not None:  # another form's table below this one's end (after its sign-off, say)
            at = last + again.line
            found.skipped.append(Skipped(at, f"a second indicator table ({again.describe()}) after the first one's rows: kg reads the "
                                         "forms of a text as one document only where each prints the same unit, and no other title, "
                                         "year or region; split the text to read it", True, lines[at - 1].strip(), Notice.SECOND_TABLE))
    style = {"lines": "one row a line", "cells": "one cell a line", "plain": "one cell a line, empty cells not printed",
             "stream": "the table on one line of tokens", "glued": "cells glued without separators"}
    return _Table(header.line, header.start_offset, indicators, found, header.style, f"rows read as {style[header.style]}", header.describe(),
                  [k for k, _ in header.columns], second_header=at, last_row=last, heads=heads, amount_columns=len(header.amount_roles))


def _the_years_column(source: SourceText, lines: Sequence[str], header: Header, found: Found) -> Header:
    """A target column a year (2023年目标值 | 2024年目标值 | 2025年目标值): the form's year's is the target, the
    others are read as text, with a reading; refused where the form prints no year naming one."""
    dated = {n: int(m.group(1)) for n, (kind, word) in enumerate(header.columns)
             if kind == Col.TARGET and (m := re.match(r"(\d{4})年", word))}
    if len(dated) < 2:
        return header
    # the form's year, not one its headings print (2023年目标值 would name itself)
    year = find_year([text if n + 1 not in range(header.line, header.end_line + 1) else "" for n, text in enumerate(lines)], header.line)
    chosen = [n for n, y in dated.items() if year is not None and y == year[0]]
    if len(chosen) != 1:
        raise ParseError(source.path, header.line, f"{header.describe()} (line {header.line}): a target column for each of the years "
                         f"{', '.join(str(y) for y in dated.values())}, and the form's year names none of them; give the year's column alone")
    found.readings.append(Reading(header.line, "value", f"line {header.line}: a target column a year; the target is under "
                                  f"{header.columns[chosen[0]][1]} (the form's year, line {year[1]}), the other years' values are not read"))
    return replace(header, columns=[(Col.TEXT if n in dated and n != chosen[0] else kind, word) for n, (kind, word) in enumerate(header.columns)])


def parse_national(source: SourceText, *, region: str | None = None, year: int | None = None, unit: str | None = None,
                   read_columns: ColumnsReader | None = None, read_graded: GradesReader | None = None) -> Disclosure:
    """A form of the national family → a Disclosure of kind project-form or self-evaluation, with one
    project (its targets and, from a self-evaluation, their results); a 部门整体支出绩效目标表 → one
    of kind department-form, with the department's figures and its tasks as activities.

    A text holding several forms one after another (a department's page of its projects' forms) gives
    one document with a project a form, where each prints the first one's unit and no other title,
    year or region; else the forms after the first are reported."""
    return _parse_forms(source, region=region, year=year, unit=unit, read_columns=read_columns, read_graded=read_graded).disclosure


@dataclass(frozen=True)
class _Form:
    disclosure: Disclosure
    next_form: int | None  # the line where another form begins after this one's table
    unit_from_supervisor: bool  # no unit printed: the 主管部门 read as the unit


def _parse_forms(source: SourceText, *, region: str | None, year: int | None, unit: str | None,
                 read_columns: ColumnsReader | None, read_graded: GradesReader | None) -> _Form:
    """The text's first form, with the forms after it that are of its document (each read alone)."""
    options: dict[str, Any] = {"year": year, "unit": unit, "read_columns": read_columns, "read_graded": read_graded}
    first = _parse_form(source, region=region, **options)
    if first.next_form is None:
        return first
    start = first.next_form
    head = replace(source, lines=source.lines[: start - 1] + ("",) * (len(source.lines) - start + 1))
    tail = replace(source, lines=("",) * (start - 1) + source.lines[start - 1:])
    try:
        one = _parse_form(head, region=region, **options)
        rest = _parse_forms(tail, region=region, **options)
    except ParseError as error:
        return _not_joined(first, f"the form from line {start} cannot be read ({error.message})")
    why = _why_not_one_document(one, rest)
    if why is not None:
        return _not_joined(first, why)
    d = one.disclosure
    if rest.disclosure.region is None and d.region is not None:
        # The later forms print no place of their own: the first form's.
        rest = _parse_forms(tail, region=d.region.code, **options)
    more = rest.disclosure
    names = ", ".join(repr(p.name) for p in more.projects)
    joined = Reading(start, "form", f"line {start}: another form begins ({names}): of the same kind, unit, year and region as the "
                     "first, its project is read into this document")
    return _Form(replace(
        d, projects=d.projects + more.projects,
        # each form's own word once (a region not named, said by every form), and no later form's missing
        # year where the document has one
        warnings=tuple(sorted({(w.line, w.message): w for w in (*d.warnings, *more.warnings)
                               if not (d.year is not None and w.kind is Notice.NO_YEAR)}.values(),
                              key=lambda w: (w.line or 0, w.message))),
        skipped=tuple(sorted(d.skipped + more.skipped, key=lambda s: s.line)),
        readings=d.readings + (joined,) + more.readings, cut=more.cut or d.cut,
        layout=replace(d.layout, reason=f"{d.layout.reason}; {len(d.projects) + len(more.projects)} forms, a project each"),
    ), None, one.unit_from_supervisor)


def _why_not_one_document(one: _Form, rest: _Form) -> str | None:
    """Why the forms after the first (``rest``: the second, with those after it that are of its document)
    are not of the first one's document, or None where they are: of its kind and title (a 申报表 and its
    批复表 are two documents), each printing the same unit (and no other year or title: the page's are
    theirs), a project each with a name of its own. A unit read from the 主管部门 (none printed) says
    nothing of it."""
    d, nxt = one.disclosure, rest.disclosure
    forms = (DocumentKind.PROJECT_FORM, DocumentKind.SELF_EVALUATION)
    names = [_key(p.name).removesuffix("项目") for p in (*d.projects, *nxt.projects)]
    checks = (
        (d.kind == nxt.kind and d.kind in forms and not d.activities and not nxt.activities,
         f"it is a {nxt.kind.value}, the first a {d.kind.value} (kg joins project forms, or self-evaluations, alone)"),
        (d.unit_name is not None and not one.unit_from_supervisor and not rest.unit_from_supervisor,
         "a form prints no 实施单位 or unit of its own (a 主管部门 may have several units' forms)"),
        ((nxt.unit_name, nxt.unit_code) == (d.unit_name, d.unit_code), f"it prints another unit ({nxt.unit_name!r}, the first {d.unit_name!r})"),
        (d.year is not None and nxt.year in (None, d.year), f"its year ({nxt.year}) is not the first's ({d.year})"),
        (nxt.region is None or (d.region is not None and nxt.region.code == d.region.code), "it names another region"),
        (nxt.title in (None, d.title), f"its title ({nxt.title}) is not the first's ({d.title})"),
        (all(names) and len(set(names)) == len(names), "a project has no name, or two the same name"),
    )
    return next((why for holds, why in checks if not holds), None)


def _not_joined(first: _Form, why: str) -> _Form:
    """The first form alone, the next form's table reported with why it is not read into the document."""
    d = first.disclosure
    skipped = tuple(replace(s, reason=f"a second form's indicator table after the first one's rows, not read into this document: {why}; "
                            "split the text to read it alone") if s.kind is Notice.SECOND_TABLE else s for s in d.skipped)
    return replace(first, disclosure=replace(d, skipped=skipped))


def _form_start(lines: Sequence[str], table: _Table) -> int | None:
    """Where the form whose table comes after this one's begins: its title or 项目名称, printed after
    this table's last row and before that table's header (None: the other table has no form of its own)."""
    if table.second_header is None:
        return None
    for number in range(table.last_row + 1, table.second_header):
        text = lines[number - 1]
        cells = [c for c in split_cells(text) if c]
        if TITLE.search(fold(text)) or _FORM_TITLE.search(fold(text)) or _YEAR_HEADING.fullmatch(_key(text)) \
                or (cells and _label_match(cells[0], (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS)) is not None):
            return number  # its title, its year, or its first label (单位名称 above its title)
    return None


_FORM_TITLE = re.compile(r"绩效\S{0,8}表\s*[|]?\s*$")  # 项目支出绩效目标设定表 and the like, ending a line
_YEAR_HEADING = re.compile(r"[(（]?\d{4}年度?[)）]?")


def _parse_form(source: SourceText, *, region: str | None, year: int | None, unit: str | None,
                read_columns: ColumnsReader | None, read_graded: GradesReader | None) -> _Form:
    """One form (the first of the text) and the line where another form begins after it, if one does."""
    lines, normalised, normalised_warnings = normalised_lines(source.lines)
    table = _read_table(source, lines, read_columns, read_graded)
    found = table.found
    own = _from_the_forms_start(lines, table.line)
    facts = read_facts(own, table.line, table.start_offset)
    # A department's form: its tasks in the table, or (the template's own shape) its title.
    department_form = (Col.TASK in table.kinds and any(_DEPARTMENT_TITLE.search(fold(t)) for t in lines[: table.line])) \
        or (_DEPARTMENT_TITLE.search(fold(facts.title or "")) is not None and facts.project is None) \
        or (facts.project is None and any(_DEPARTMENT_EVALUATION.search(fold(t)) for t in lines[: table.line]))
    if table.style == "columns" and (facts.project or facts.unit):
        # The labels above a table printed column by column are printed so too (资金名称 省级业务主管部 /
        # 门 资金类型 …): the cell after a label is not its value.
        shown = "; ".join(f"{cell!r} after its label (line {line})" for cell, line in [x for x in (facts.project, facts.unit) if x])
        facts.warnings.append(Warning(table.line, f"the form's labels are printed column by column too: {shown} is not read as the "
                                      "project's name or unit"))
        facts.project, facts.unit, facts.unit_code = None, None, None
    evaluation = Col.ACTUAL in table.kinds or bool(re.search("自评|评价", fold(facts.title or "")))
    indicators = [ind for ind, _ in table.indicators]
    # The text ends inside its table: rows after the cut are not there, so the document is read only in part
    # (the same whether the cut falls in a row, which is then skipped, or after a tier label).
    cut = f"the text ends inside the indicator table (line {found.cut}): truncated" if found.cut is not None and not found.cut_likely else None
    if found.cut is not None and found.cut_likely:
        found.warnings.append(Warning(found.cut, "the text ends on a line of the indicator table's values: it may be truncated (its "
                                                 "complete rows are read)"))
    elif found.cut is not None:
        found.warnings.append(Warning(found.cut, "the text ends inside the indicator table: truncated (its complete rows are read)"))
    elif source.unterminated and table.indicators:
        # A copy kept to a page's first bytes ends inside a line: where that line is the last row's, its last cell
        # (≥9 of ≥90%, 元/人 of 元/人·年) may be cut, which nothing else shows. Said, not refused: an editor may
        # save a whole text without its last line break.
        last_text = _last_line(lines)
        last_row = max(max(ind.line, ind.value_line or 0, ind.result.line if ind.result else 0) for ind, _ in table.indicators)
        if last_row == last_text:
            found.warnings.append(Warning(last_text, "the text ends on this row, with no line break after it: if the copy was cut "
                                                     "here, the row's last cell may be incomplete"))
    if not indicators:
        what = "; ".join(s.reason for s in found.skipped[:2]) or "no row under it"
        raise ParseError(source.path, table.line, f"an indicator table ({table.describe}, line {table.line}) but no complete indicator row: {what}")
    warnings = normalised_warnings + found.warnings + facts.warnings
    found.skipped += facts.skipped
    readings = normalised + facts.readings + _grouped(found.readings)
    # Year, unit, region: what the form prints, else what the user says, else a reading from the page.
    # The year the form prints for itself ((2024年度), 年度：2024 below its title), else the page's, read from its top.
    own_year = find_year(own, table.line)
    year_found = own_year if own_year is not None and own_year[2] is None else find_year(lines, table.line)
    year_value, year_line = (year_found[0], year_found[1]) if year_found else (None, None)
    row_year, row_unit, row_readings = _row_facts(found, source.path)
    readings += row_readings
    if row_year is not None and year_value is None:
        year_value, year_line = row_year
    elif row_year is not None and row_year[0] != year_value:
        warnings.append(Warning(row_year[1], f"the table's rows say {row_year[0]} (line {row_year[1]}); the page says {year_value} "
                                             f"(line {year_line}), which is used"))
    if year is not None:
        if year_value is not None and year_value != year:
            warnings.append(Warning(year_line, f"the form says {year_value}; --year {year} is used"))
        year_value, year_line = year, None
    elif year_found and year_found[2] is not None:
        readings.append(year_found[2])
    if year_value is None:
        warnings.append(Warning(None, "no budget year printed (such as “(2021年度)”); give --year", Notice.NO_YEAR))
    unit_code, unit_name, unit_line = facts.unit_code, facts.unit[0] if facts.unit else None, facts.unit[1] if facts.unit else None
    if unit_name is None and unit_code is None and row_unit is not None:
        unit_name, unit_line = row_unit
    if unit is not None:
        coded = re.match(r"^(\d{6})(?:\s*[-－—]\s*(.+))?$", unit.strip())
        if coded:
            unit_code, unit_name = coded.group(1), coded.group(2) or unit_name
        else:
            unit_name = unit.strip()
        unit_line = None
    if unit_name is None and unit_code is None and (titled := _unit_in_a_title(lines, table.line)) is not None:
        unit_name, unit_line = titled
        readings.append(Reading(unit_line, "unit", f"line {unit_line}: no unit printed; the title names the unit {unit_name!r}"))
    if unit_name is None and unit_code is None:
        warnings.append(Warning(None, "no unit printed (实施单位, 主管部门, 单位信息 …); give --unit"))
    code = facts.code[0] if facts.code else ""
    beijing_code = code if PROJECT_CODE.fullmatch(code) else ""
    if region is not None or beijing_code:
        found_region = find_region([beijing_code] if beijing_code else [], unit_name, region)
    else:
        found_region = None
    if found_region is None:
        # The unit's own name first (杭州市西湖区发展和改革局): the page may name another place, the one a
        # project serves (对口支援四川省甘孜州乡城县).
        found_region = place_region([(unit_line or 1, unit_name)], "the unit") if unit_name else None
        if found_region is None or found_region.alternatives:
            # A district's name several cities share (鼓楼区): the page's other places settle it.
            found_region = place_region([(n, lines[n - 1]) for n in range(1, min(table.line, len(lines)) + 1)]) or found_region
        if found_region is not None and found_region.alternatives:
            # still more than one: the page's text below the table too (a footer: 沈阳市和平区人民政府 版权所有)
            found_region = place_region([(n, _SITE_CREDIT.split(fold(lines[n - 1]))[0]) for n in range(1, len(lines) + 1)]) or found_region
        if found_region is not None and found_region.alternatives:
            warnings.append(Warning(None, f"region {found_region.code} chosen by name, though others fit: {found_region.evidence}"))
        elif found_region is not None:
            readings.append(Reading(None, "region", f"region {found_region.code}: {found_region.evidence}"))
    if found_region is None:
        short = short_places(unit_name or "")
        warnings.append(Warning(None, f"no region: the form names {'、'.join(short[:3])}, a name too short to be taken for a place "
                                "without its city or province; give --region" if short else
                                "no region: the form names no place kg knows; give --region"))
    amounts = facts.amounts
    for _, text, line in amounts.values():
        if not re.search("万元|元", fold(text)):
            said = amount_unit_said(own, line)
            if said is None:
                readings.append(Reading(line, "amount", f"line {line}: {text!r} prints no unit: read as 万元 (the forms' 金额单位)"))
            elif said == "元":
                readings.append(Reading(line, "amount", f"line {line}: {text!r} prints no unit: read as 元, which its label or "
                                        "section says, and converted to 万元"))
    if "total" in amounts and "fiscal" in amounts and amounts["total"][0] < amounts["fiscal"][0]:
        warnings.append(Warning(amounts["total"][2], f"年度资金总额 {amounts['total'][1]} is less than its 财政拨款 {amounts['fiscal'][1]} (line {amounts['fiscal'][2]})"))
    elif "total" in amounts and "fiscal" in amounts and "other" not in amounts and amounts["total"][0] != amounts["fiscal"][0] \
            and (unread := _amount_beside(lines, amounts, table.line)) is not None:
        # 总额 150 | 其中：财政拨款 100 | 其他: 50: the rest printed under a label kg does not read as 其他资金 (a form may
        # print no other part at all: 项目金额 164万元 | 其中：当年市级财政资金 132万元)
        warnings.append(Warning(unread, f"年度资金总额 {amounts['total'][1]} is more than its 财政拨款 {amounts['fiscal'][1]} and no "
                                f"其他资金 is read, but line {unread} prints another amount: under a label kg does not read"))
    elif all(role in amounts for role in ("total", "fiscal", "other")) and amounts["total"][0] != amounts["fiscal"][0] + amounts["other"][0]:
        # 总额 150万元 | 一、财政拨款 100万元 | 二、自有资金 30万元 | 三、其他 20万元: a part under a label kg does not read
        warnings.append(Warning(amounts["total"][2], f"年度资金总额 {amounts['total'][1]} is not 财政拨款 {amounts['fiscal'][1]} + "
                                f"其他资金 {amounts['other'][1]} (lines {amounts['fiscal'][2]}, {amounts['other'][2]}): a part may be "
                                "printed under a label kg does not read"))
    projects: tuple[Project, ...] = ()
    activities: tuple[Activity, ...] = ()
    department = None
    if department_form:
        # A department's self-evaluation is a self-evaluation of the department as a whole (its
        # indicators an activity's, with their results), read as its target form is.
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.DEPARTMENT_FORM
        activities, department = _department(lines, table, facts, found, readings, warnings, unit_name, unit_line)
    elif any(table.heads):
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.PROJECT_FORM
        projects = _table_of_projects(lines, table, found, unit_code, facts)
    else:
        kind = DocumentKind.SELF_EVALUATION if evaluation else DocumentKind.PROJECT_FORM
        name = facts.project[0] if facts.project else ""
        name_line = facts.project[1] if facts.project else None
        if not name:
            titled = table.project or _project_in_title(lines, table.line)
            if titled is not None:
                name, name_line = titled
                readings.append(Reading(name_line, "project", f"line {name_line}: no 项目名称 cell; the title names the project {name!r}"))
            else:
                warnings.append(Warning(None, "no 项目名称 printed: the project has no name"))
        project_line = name_line or (facts.code[1] if facts.code else table.line)
        projects = (Project(
            code=code, name=name, total=amounts["total"][0] if "total" in amounts else None,
            fiscal=amounts["fiscal"][0] if "fiscal" in amounts else None, other=amounts["other"][0] if "other" in amounts else None,
            goal=facts.goal[0] if facts.goal else "", indicators=tuple(indicators), line=project_line,
            lines=tuple(sorted({project_line, *(i.line for i in indicators)})), unit_code=unit_code,
            amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
        ),)
    why = f"the header {table.describe} at line {table.line}" + (f", the title {facts.title} (line {facts.title_line})" if facts.title else "")
    layout = Layout(f"national/{table.style}", f"{why}; no 预算表12/预算13表 heading; {table.how}; a {kind.value}"
                    + (" (it prints actual values)" if Col.ACTUAL in table.kinds else ""))
    return _Form(Disclosure(
        path=source.path, sha256=source.sha256, encoding=source.encoding, unit_code=unit_code, unit_name=unit_name, unit_line=unit_line,
        year=year_value, year_line=year_line, tables=(), projects=projects, department=department, activities=activities, decisions=(),
        warnings=tuple(sorted(warnings, key=lambda w: (w.line or 0, w.message))),
        skipped=tuple(sorted(found.skipped, key=lambda s: s.line)), budget=None, region=found_region, kind=kind, layout=layout,
        readings=tuple(readings), title=facts.title, cut=cut,
    ), _form_start(lines, table), facts.unit_from_supervisor and unit is None)


def _centred_task_names(table: _Table) -> list[Warning]:
    """Rows above the first 年度主要任务 name show the names printed in the middle of their merged cells (a
    PDF's extraction, a centred copy): each row between two names may then be the lower name's, not the
    upper's it is read as. Said at each name, with the rows in doubt (kg cannot tell where a cell began)."""
    rows = table.indicators
    if not rows or rows[0][1] is not None:
        return []
    names: list[Cell] = []
    for _, task in rows:
        if task is not None and (not names or (names[-1].line, names[-1].text) != (task.line, task.text)):
            names.append(task)
    out = []
    for upper, lower in zip(names, names[1:]):
        doubt = [ind.line for ind, task in rows if task is not None and (task.line, task.text) == (upper.line, upper.text) and ind.line > upper.line]
        if doubt:
            out.append(Warning(lower.line, f"the 年度主要任务 names are printed in the middle of their cells (rows above the first, line "
                                           f"{rows[0][0].line}): {named_lines(doubt)} above {lower.text!r} are read as {upper.text!r}'s "
                                           "but may be its; check them in the source (a copy that keeps its merged cells)"))
    return out


def _table_of_projects(lines: Sequence[str], table: _Table, found: Found, unit_code: str | None, facts: Facts) -> tuple[Project, ...]:
    """A department's table of its projects (项目名称 | 资金总额 | 年度绩效目标 | 一级指标 …): a project a group
    of rows, named, funded and given its goal on its first row. Rows above the first project's are
    reported. A form of one project with such a column takes what its rows do not print (its amounts,
    its goal) from the labels above the table."""
    groups: dict[str, tuple[ProjectHead, list[Indicator]]] = {}  # by name: a copy may repeat a merged cell on every row
    heading = next((word for kind, word in zip(table.kinds, table.describe.split()) if kind == Col.AMOUNT), "")
    headless: list[Indicator] = []  # rows before the first project's
    among: list[Indicator] = []  # a name and amounts only, between projects
    for (indicator, _), head in zip(table.indicators, table.heads):
        if head is None:
            headless.append(indicator)
            continue
        if table.amount_columns and _amounts_only(indicator, table.amount_columns):
            # 湖南省林业科学院 | 280 | 280 | 0 between two projects: a unit's or group's row of amounts, no indicator
            among.append(indicator)
            continue
        groups.setdefault(head.name.text.strip(), (head, []))[1].append(indicator)
    projects = []
    alone = len(groups) == 1
    for head, indicators in groups.values():
        money = _money(head.amount.text, head.amount.line, heading, lines) if head.amount is not None else None
        amounts = {"total": money} if money else (dict(facts.amounts) if alone else {})
        for role, cell in head.parts:  # 财政拨款, 其他资金 under the amount's sub-headings
            if (part := _money(cell.text, cell.line, heading, lines)) is not None:
                amounts[role] = part
        goal = head.goal.text if head.goal is not None else (facts.goal[0] if alone and facts.goal else "")
        projects.append(Project(
            code=facts.code[0] if alone and facts.code else "", name=head.name.text,
            total=amounts["total"][0] if "total" in amounts else None, fiscal=amounts["fiscal"][0] if "fiscal" in amounts else None,
            other=amounts["other"][0] if "other" in amounts else None, goal=goal, indicators=tuple(indicators), line=head.name.line,
            lines=tuple(sorted({head.name.line, *(i.line for i in indicators)})), unit_code=unit_code,
            amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
        ))
    # A unit's own row (湖南省林业局本级 | 1850 | 1850 | 0) heads its projects: its amount is theirs added up, those
    # below it to the next such row (two projects at least, or a row named as a unit: one project's amount equal
    # to a row's is no evidence). Else whose the row is, is not printed.
    rows = sorted(headless + among, key=lambda i: i.line)
    for n, indicator in enumerate(rows):
        figures = [_money(cell, indicator.line, heading, lines) for cell in indicator.cells[1:]]
        below = rows[n + 1].line if n + 1 < len(rows) else len(lines) + 1
        theirs = [p for p in projects if indicator.line < p.line < below]
        added = sum((p.total for p in theirs if p.total is not None), Decimal(0))
        named = _key(indicator.name).endswith("本级") or _ORGANISATION_END.search(_key(indicator.name)) is not None
        if theirs and (len(theirs) >= 2 or named) and figures and all(figures) and figures[0][0] == added:  # type: ignore[index]
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a row of amounts only above {len(theirs)} project"
                                         f"{'s' if len(theirs) > 1 else ''}, its {plain(added)} their 项目金额 added up: the unit's own row",
                                         False, lines[indicator.line - 1].strip()))
        elif indicator in among:
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a name and amounts only, among the projects: a unit's "
                                         "or a group's row, not an indicator; not read", True, lines[indicator.line - 1].strip()))
        else:
            found.skipped.append(Skipped(indicator.line, f"{indicator.name!r}: a row before the first project's name in a table of "
                                         "projects: whose it is is not printed", True, lines[indicator.line - 1].strip()))
    return tuple(projects)


# A title that opens with its unit's name and the year (子洲县交通运输局2024年项目支出绩效目标表).
_TITLE_UNIT = re.compile(r"^\s*(?P<unit>[\u4e00-\u9fff（）()]{2,30}?(?:局|委员会|委|厅|办公室|中心|院|所|站|人民政府|办事处|馆|队|学校|大学|"
                         r"医院|联合会))\s*(?:\d{4}年度?)(?:部门)?(?:预算)?[^，。；]{0,12}(?:绩效|预算)(?![^，。；]*(?:评价|报告|结果|自评))[^，。；]{0,12}(?:表|公开|绩效目标)(?:[(（][^()（）]{0,12}[)）])?$")  # a form's
# own title or its disclosure's (…绩效目标表, …绩效目标公开, …绩效目标), not an evaluation's or a news page's


def _unit_in_a_title(lines: Sequence[str], table_line: int) -> tuple[str, int] | None:
    """The unit a title above the table names (its first such line), where the form prints none."""
    for number in range(1, table_line):
        match = _TITLE_UNIT.match(fold(lines[number - 1]).strip())
        if match and not re.search(r"财政(?:局|厅|委员会|委)$", match.group("unit")):
            # (a 财政局's title over the forms it publishes (…市级部门预算项目绩效目标公开) names the publisher, not the unit)
            return lines[number - 1].strip()[match.start("unit"): match.end("unit")], number
    return None


def _amount_beside(lines: Sequence[str], amounts: dict[str, tuple[Decimal, str, int]], header_line: int) -> int | None:
    """The line next to the amounts read (within two lines of the 财政拨款's, above the indicator table's
    header) printing a number none of them is."""
    read = {text.strip() for _, text, _ in amounts.values()}
    read_lines = {line for _, _, line in amounts.values()}
    fiscal_line = amounts["fiscal"][2]
    for number in range(max(1, fiscal_line - 2), min(len(lines), fiscal_line + 2, header_line - 1) + 1):
        previous = ""
        for cell in split_cells(lines[number - 1]):
            labelled = re.match(r"^[^\d]*[:：]\s*", cell.strip())
            text = cell.strip()[labelled.end() if labelled else 0 :]
            # On a line an amount was read from, a number straight after another figure is the same row's
            # next column (a 自评表's 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分), not a part under
            # a label of its own.
            in_columns = number in read_lines and not labelled and re.search(r"\d", previous) is not None
            if text and text not in read and _AMOUNT_CELL.fullmatch(text) and not in_columns \
                    and not re.fullmatch(r"1\d{10}|0\d{6,}", text):  # (not a phone number: 13907781234, 07718888888)
                return number
            if cell.strip():
                previous = cell.strip()
    return None


_AMOUNT_CELL = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|元)?")


def _amounts_only(indicator: Indicator, columns: int) -> bool:
    """Whether a row read as an indicator prints a name and amounts only, as many as the amount columns."""
    values = [read_value(cell) for cell in indicator.cells[1:] if cell.strip()]
    return len(values) == columns and all(v.value is not None and v.comparator is None and v.unit in (None, "万元", "元") for v in values)


def _from_the_forms_start(lines: Sequence[str], header_line: int) -> list[str]:
    """The lines a form's labels are read from: from its own title down (the last title above its
    table), and the lines just above the title that name a unit (单位：某县农业农村局); the lines above
    them blank (in place). A department's disclosure prints its money tables, overview and lists of
    projects above its forms: their 合计, 财政拨款 and 年度目标 are no project's."""
    # The last title above the form's own 项目名称 (a page's title printed again, or a caption, between the
    # labels and the header is not where the form begins), else the last title above the header.
    label = max((n for n in range(1, header_line) if (cells := [c for c in split_cells(lines[n - 1]) if c])
                 and _label_match(cells[0], PROJECT_LABELS) is not None and not _HEADER_CELL.fullmatch(_key(lines[n - 1]))), default=header_line)
    start = max((n for n in range(1, label) if _OWN_TITLE.search(fold(lines[n - 1]))), default=1)
    while start > 1 and re.match(rf"^\s*(?:{'|'.join(UNIT_LABELS)}|单位)\s*[:：]", fold(lines[start - 2])) \
            and not re.search(r"\d", lines[start - 2]):
        start -= 1
    return ["" if n < start else text for n, text in enumerate(lines, start=1)]


# A form's own title line (项目支出绩效目标表, 2024年项目支出绩效自评表, 部门整体支出绩效目标表 …), not a table of
# contents naming several (八、部门整体支出绩效目标表 九、项目支出绩效目标表).
_OWN_TITLE = re.compile(r"^(?![\d一二三四五六七八九十]+[.．、)）]|[(（][一二三四五六七八九十\d]+[)）])[^、，。;；]{0,30}"
                        r"(?P<kind>绩效目标(?:申报|批复|设定)?表|绩效(?:自评|评价)(?:表|报告)|绩效目标自评表)\s*(?:[(（]\s*\d{4}年度?\s*[)）])?[\s|]*$")


_TASK_LIST = re.compile(r"^(?:年度)?主要任务$")
# The headings of a task list's columns after its 任务名称 or 项目名称 (主要内容 | 预算金额（万元）).
_LIST_HEADING = re.compile(r"^(?:主要内容|实施内容|任务内容|项目内容|预算金额|预算数|资金金额)(?:\(万?元\))?$")
# The amount columns of a department's task list (总额 | 财政拨款 | 其他资金): the figures they are, or None.
TASK_AMOUNT_ROLES: dict[str, str | None] = {
    "总额": "total", "合计": "total", "资金总额": "total", "预算总额": "total", "小计": "total",
    "财政拨款": "fiscal", "财政资金": "fiscal", "其他资金": "other", "基本支出": None, "项目支出": None,
}


def _department(lines: Sequence[str], table: _Table, facts: Facts, found: Found, readings: list[Reading], warnings: list[Warning],
                unit_name: str | None, unit_line: int | None) -> tuple[tuple[Activity, ...], DepartmentBlock]:
    """A 部门整体支出绩效目标表's tasks (年度主要任务, each an activity with the indicators printed under
    it) and the department's figures (资金总额 / 财政拨款 / 其他资金, 年度总体目标)."""
    # The task list (任务名称 | 主要内容 | 预算金额 …): where each task's name is printed.
    listed: dict[str, int] = {}
    in_list = False
    task_amounts: list[str | None] = []  # the roles of the task list's amount columns, in order
    task_total: int | None = None  # the line of its 金额合计 row
    starts = [n for n in range(1, table.line) if (cells := [c for c in split_cells(lines[n - 1]) if c]) and _TASK_LIST.match(_key(cells[0]))]
    wrapped = _wrapped_tab_rows(lines, starts[0] + 1, table.line - 1, readings) if starts else {}
    for number in range(1, table.line):
        cells = [c.text for c in wrapped[number][1]] if number in wrapped else [c for c in split_cells(lines[number - 1]) if c]
        if number in starts:
            in_list = True
            continue
        if in_list and cells:
            if all(_key(c) in TASK_AMOUNT_ROLES for c in cells):
                task_amounts = [TASK_AMOUNT_ROLES[_key(c)] for c in cells]  # 总额 | 财政拨款 | 其他资金: the list's amount columns
                continue
            if _key(cells[0]) in ("金额合计", "合计", "总计", "资金合计"):
                task_total = number  # the department's figures, as the tasks add up
                continue
            if tier1_of(cells[0]) or _label_match(cells[0], _ALL_LABELS) or _key(cells[0]).startswith("年度绩效指标"):
                in_list = False
                continue
            name = cells[1] if re.fullmatch(r"\d{1,3}", cells[0]) and len(cells) > 1 else cells[0]
            previous = next(reversed(listed), None)
            if len(cells) == 1 and previous is not None and _TASK_CUT.search(previous) and listed[previous] == number - 1:
                listed[previous + _key(name)] = listed.pop(previous)  # the task's name wrapped onto a row of its own
                continue
            listed.setdefault(_key(name), number)
    if listed and Col.TASK in table.kinds:
        readings.append(Reading(min(listed.values()), "activity", f"lines {', '.join(map(str, sorted(listed.values())))}: the 年度主要任务 "
                                f"list names {len(listed)} task(s); each task is an activity, its 主要内容 and 预算金额 are not kept "
                                "(an activity carries its name and indicators, as 预算13表's do)"))
    by_task: dict[str, tuple[Cell, list[Indicator]]] = {}
    if Col.TASK not in table.kinds:
        # The national template's own shape: the tasks listed, the indicators the department's as a
        # whole (no 年度主要任务 column): one activity, named by the department (else the title).
        whole = Cell(unit_name, unit_line or table.line) if unit_name else Cell(facts.title or "部门整体支出", facts.title_line or table.line)
        by_task[_key(whole.text)] = (whole, [ind for ind, _ in table.indicators])
        readings.append(Reading(table.line, "activity", f"line {table.line}: the indicator table has no 年度主要任务 column: its "
                                f"{len(table.indicators)} indicator(s) are the department's as a whole, one activity named {whole.text!r}"
                                + (f"; the tasks listed (lines {', '.join(map(str, sorted(listed.values())))}) have none under them"
                                   if listed else "")))
        listed = {_key(whole.text): whole.line}
    for ind, task in ([] if Col.TASK not in table.kinds else table.indicators):
        if task is None:
            found.skipped.append(Skipped(ind.line, f"{ind.name!r}: an indicator printed before any 年度主要任务: no activity to give it to", True, ind.name))
            continue
        by_task.setdefault(_key(task.text), (task, []))[1].append(ind)
    warnings += _centred_task_names(table)
    activities = []
    for key, (task, inds) in by_task.items():
        line = listed.get(key)
        if line is None:
            line = task.line
            if listed:  # a form printing no list of its tasks names them in its indicator table only
                warnings.append(Warning(task.line, f"the task {task.text!r} of the indicator table is not in the 年度主要任务 list: its "
                                                   "activity is named by the indicator table"))
        activities.append(Activity(task.text, tuple(inds), line))
    for key, line in listed.items():
        if key not in by_task:
            warnings.append(Warning(line, f"the task on line {line} has no indicator under it: not an activity (an activity needs its indicators)"))
    amounts = dict(facts.amounts)
    if not amounts and task_total is not None:
        figures = [c for c in split_cells(lines[task_total - 1])[1:] if c and parse_decimal(c) is not None]
        if task_amounts and len(figures) == len(task_amounts):
            # in 万元, by the unit the list's heading says (预算金额（元）)
            read = {role: _money(text, task_total, "", lines) for role, text in zip(task_amounts, figures) if role}
            amounts = {role: money for role, money in read.items() if money is not None}
            readings.append(Reading(task_total, "amount", f"line {task_total}: the department's figures are the task list's "
                                    f"金额合计, under its columns: " + ", ".join(f"{role} {text}" for role, (_, text, _) in amounts.items())))
        else:
            warnings.append(Warning(task_total, f"the task list's 金额合计 ({' '.join(figures)}) is not read: its figures do not "
                                    "line up with the list's amount columns (总额 | 财政拨款 | 其他资金)"))
    goal = _label_value(lines, table.line, ("年度总体目标", "整体绩效目标", "年度整体绩效目标"))
    if (periods := _year_goal_beside_long_term(lines, table.line)) is not None:
        # 中长期目标 | 年度目标 under the goal's label (as columns, or as rows): the year's is the department's goal
        goal = periods
        readings.append(Reading(goal[1], "goal", f"line {goal[1]}: the goal is printed for 中长期目标 and 年度目标: the "
                                "year's (年度目标) is read"))
    if goal is not None:
        said: list[Reading] = []
        goal = _goal_continued(lines, goal, table.line, said)
        if facts.goal is None or facts.goal[0] != goal[0]:
            readings += said  # else the form's facts said it already
    elif facts.goal is not None:
        goal = facts.goal  # under 预期目标, beside 实际完成情况 (a self-evaluation), or another goal label
    lines_of_amounts = sorted({line for _, _, line in amounts.values()})
    # The figures are one row, or rows one under another (资金总额 / 其中：财政拨款 / 其他资金).
    together = [n for k, n in enumerate(lines_of_amounts) if n - lines_of_amounts[0] == k]
    for role, (_, text, line) in list(amounts.items()):
        if line not in together:
            del amounts[role]
            found.skipped.append(Skipped(line, f"the department's {role} amount {text!r} is not on the line of its other figures "
                                         f"(line {lines_of_amounts[0]}): not read", True, text))
    department = DepartmentBlock(
        total=amounts["total"][0] if "total" in amounts else None, fiscal_total=amounts["fiscal"][0] if "fiscal" in amounts else None,
        fiscal_basic=None, fiscal_project=None, other_total=amounts["other"][0] if "other" in amounts else None, other_basic=None,
        goal=goal[0] if goal else None, amounts_line=lines_of_amounts[0] if lines_of_amounts else None, goal_line=goal[1] if goal else None,
        name=unit_name, name_line=unit_line, amounts_printed=tuple((role, text, line) for role, (_, text, line) in amounts.items()),
    )
    return tuple(activities), department


def _label_value(lines: Sequence[str], before: int, labels: tuple[str, ...]) -> tuple[str, int] | None:
    cells = _flat_cells(lines[: before - 1])
    for index, (_, cell, _) in enumerate(cells):
        hit = _label_match(cell, labels)
        if hit:
            value = _value_after(cells, index, hit[1])
            if value and value[0].strip():
                return value[0].strip(), value[1]
    return None


# A task's name cut where it wraps in its cell: at a conjunction or a list's comma (水生态环境保护和 / 流域综合治理).
_TASK_CUT = re.compile(r"(?:和|与|及|以及|、|，|,)$")
_LONG_TERM_GOAL = re.compile(r"^(?:中长期|长期|实施期|中期)(?:绩效)?目标$")


def _year_goal_beside_long_term(lines: Sequence[str], before: int) -> tuple[str, int] | None:
    """A department's goal printed for two periods: 中长期目标 | 年度目标 as column headings with the texts
    on the row below, or as row labels each before its text. The 年度目标's text and its line, else None."""
    for number in range(1, before):
        cells = split_cells(lines[number - 1])
        keys = [_key(c) for c in cells]
        if not any(_LONG_TERM_GOAL.match(k) for k in keys) or "年度目标" not in keys:
            continue
        at = keys.index("年度目标")
        if at + 1 < len(keys) and keys[at + 1] and not _LONG_TERM_GOAL.match(keys[at + 1]):
            return cells[at + 1].strip(), number  # 年度目标 | its text, on the line of the 中长期目标's heading
        below = split_cells(lines[number]) if number < before - 1 else []
        if len(below) == len(cells) and below[at].strip():
            return below[at].strip(), number + 1  # the headings' row, then the texts under them
        return None
    labelled = [n for n in range(1, before) if any(_LONG_TERM_GOAL.match(_key(c)) for c in split_cells(lines[n - 1]))]
    for number in range(labelled[0] + 1 if labelled else before, before):
        cells = [c for c in split_cells(lines[number - 1]) if c.strip()]
        if len(cells) >= 2 and _key(cells[0]) == "年度目标":
            return cells[1].strip(), number  # 中长期目标 | its text, …, then 年度目标 | its text: rows of their own
    return None


def _goal_continued(lines: Sequence[str], goal: tuple[str, int], before: int, readings: list[Reading]) -> tuple[str, int]:
    """A goal printed over several lines (目标1 …, then 目标2 …; a long text wrapped): with the lines
    after its own that hold one cell of text (or, without pipes or tabs, a line of text), joined as
    printed, up to a blank or empty line, a label, a header word, a number or the table (line
    ``before``). Only where the goal ends its line: beside another column's text (年初设定目标 |
    完成情况综述) the lines below hold both."""
    text, line = goal
    last = line
    if not lines[line - 1].rstrip(" |\t\u3000").endswith(text):
        return goal
    width = len(text)
    through: list[str] = []  # lines of a text wrapped over three or more, each as wide as the first, waiting for the line that ends it
    for number in range(line + 1, before):
        printed = lines[number - 1]
        cells = [c for c in split_cells(printed) if c]
        if not cells or _page_mark(number, printed) is not None or (len(cells) > 1 and ("|" in printed or "\t" in printed)):
            break
        piece = cells[0] if len(cells) == 1 else printed.strip()
        # The goal goes on where its text stops mid-sentence (wrapped), or where its list goes on
        # (目标1 … then 目标2 …, 1. … then 2. …); a finished sentence followed by anything else (the
        # next paragraph, a label, a page's header) ends it.
        # A long text cut where its cell ended, and a line that finishes its sentence (a unit's name or
        # a seal under an unfinished goal is no part of it).
        unfinished = not re.search(r"[。！？!?]\s*$", text + "".join(through)) and len(text) >= 20
        finishes = re.search(r"[。；;！？!?]\s*$", piece) is not None
        wrapped = unfinished and finishes
        # A line as wide as the first that does not finish the sentence either: the text goes on, if a
        # later line finishes it (kept aside until then; a text never finished keeps its first line).
        full_width = unfinished and not finishes and not through[3:] and len(piece) >= max(20, width * 0.8)
        listed = not through and _GOAL_ITEM.match(fold(text)) is not None and _GOAL_ITEM.match(fold(piece)) is not None
        separated = "|" in lines[line - 1] or "\t" in lines[line - 1]
        if not (wrapped or listed or full_width) or len(piece) < 2 or _value_shaped(piece) \
                or (separated and not listed and "|" not in printed and "\t" not in printed) \
                or (not listed and re.match(r"^[^，。,]{1,8}[:：]", piece)) or TITLE.search(fold(piece)) \
                or is_page_furniture(fold(piece)) \
                or any(_label_match(c, _ALL_LABELS) or _HEADER_CELL.fullmatch(_key(c)) for c in cells) \
                or _OTHER_GOAL.match(fold(piece)) or re.match(r"^\s*[(（]?[一二三四五六七八九十]{1,3}[)）、]", piece) \
                or piece.rstrip().endswith((":", "：")) or "金额单位" in piece or "指标" in piece:
            break  # 实施期目标 …, (二)绩效目标完成情况, 如下表所示:, 年度绩效指标 — not the goal's text
        if full_width and not listed:
            through.append(piece)
            continue
        text += "".join(through) + piece
        through = []
        last = number
    if last != line:
        readings.append(Reading(line, "text", f"lines {line}–{last}: the goal goes on below its first line, up to "
                                f"{'the table' if last + 1 == before else repr(lines[last].strip()[:20])}: read as one goal"))
    return text, line


def _grouped(readings: list[Reading]) -> list[Reading]:
    """The same reading of many rows said once, with their lines (no comparator printed; the same
    variant of a tier label)."""
    def lines_of(rs: list[Reading]) -> str:
        lines = sorted({r.line for r in rs if r.line is not None})
        shown = ", ".join(map(str, lines[:12])) + (f" and {len(lines) - 12} more" if len(lines) > 12 else "")
        return f"line {shown}" if len(lines) == 1 else f"lines {shown}"

    groups: dict[tuple[str, str], list[Reading]] = {}
    for r in readings:
        text = _NO_COMPARATOR if r.topic == DEFAULT_COMPARATOR else re.sub(r"^line \d+: ", "", r.text)
        groups.setdefault((r.topic, text), []).append(r)
    return [Reading(rs[0].line, topic, f"{lines_of(rs)}: {text}") if len(rs) > 1 or topic == DEFAULT_COMPARATOR else rs[0]
            for (topic, text), rs in groups.items()]


_NO_COMPARATOR = "the value prints no comparator (such as 8个, 100%): read as ="


def _project_in_title(lines: Sequence[str], header_line: int) -> tuple[str, int] | None:
    """A project named in the page's title: ``关于“2018生物实验教学中心建设项目”``,
    ``2019年度宁晋县高中助学金项目绩效评价指标表``."""
    for number, text in enumerate(lines[:header_line], start=1):
        folded = fold(text)
        quoted = re.search(r"[“\"](.{2,40}?项目)[”\"]", folded)
        if quoted:
            return text[quoted.start(1): quoted.end(1)], number
        titled = re.match(r"^(?:\d{4}年度?)?(.{2,40}?项目)(?:\d{4}年度)?(?:绩效|支出)", folded)
        if titled:
            return text[titled.start(1): titled.end(1)], number
    return None


def untraceable_form_values(disclosure: Disclosure, source: SourceText) -> list[str]:
    """The fuzzing contract for forms: every name, value, unit, result and amount is on the line it
    names (a form with one cell a line prints a row's value on a line of its own: ``value_line``),
    or begins there and goes on over the lines below (a cell wrapped, a goal printed as a list)."""
    problems: list[str] = []
    # A mirror's pinyin readings removed before reading (a recorded reading, topic "pinyin"): the
    # values are on their lines once the same readings are removed, and only then.
    normalised = any(r.topic == "pinyin" for r in disclosure.readings)
    lines = [strip_pinyin(t) for t in source.lines] if normalised else source.lines

    def compact(text: str) -> str:
        return re.sub(r"\s+", "", text)

    def on(line: int | None, needle: str, what: str) -> None:
        """On its line; or, a cell wrapped (one cell a line, a tab row, a goal printed as a list),
        beginning on its line and going on over the lines below."""
        if line is None or not needle:
            return
        if not 1 <= line <= len(lines):
            problems.append(f"{what}: line {line} does not exist")
            return
        first = compact(lines[line - 1]).rstrip("|")
        wanted, text, below = compact(needle), first, line
        while below < len(lines) and len(text) < len(first) + len(wanted):
            text += compact(lines[below]).rstrip("|")
            below += 1
        # A number kept as a value (a department's amounts) is on its line as the reader folds it
        # (812.９0), and without its thousands separators (1,062.40).
        plain = re.sub(r"(?<=\d),(?=\d{3})", "", fold(text))
        if not any(0 <= t.find(w) < max(len(first), 1) for t, w in ((text, wanted), (fold(text), fold(wanted)), (plain, fold(wanted)))):
            problems.append(f"{what}: {needle!r} is not on line {line}")

    def indicators(owner: Iterable[Indicator]) -> None:
        for ind in owner:
            on(ind.line, ind.name, "indicator name")
            on(ind.value_line or ind.line, ind.value_text, "indicator value")
            if ind.result is not None:
                on(ind.result.line, ind.result.value_text, "result")

    for project in disclosure.projects:
        on(project.line, project.code, "project code")
        for _, text, line in project.amounts_printed:
            on(line, text, "amount")
        indicators(project.indicators)
    for activity in disclosure.activities:
        on(activity.line, activity.name, "activity name")
        indicators(activity.indicators)
    dept = disclosure.department
    if dept is not None:
        on(dept.goal_line, dept.goal or "", "department goal")
        on(dept.name_line, dept.name or "", "department name")
        for _, text, line in dept.amounts_printed:
            on(line, text, "department amount")
        if not dept.amounts_printed:
            for value in (dept.total, dept.fiscal_total, dept.other_total):
                if value is not None and dept.amounts_line is not None:
                    on(dept.amounts_line, _plain(value), "department amount")
    return problems


def _plain(value: Decimal) -> str:
    """A 万元 amount as the form prints it (862.40), for the trace: the number's digits."""
    return format(value, "f")


def readings_text(disclosure: Disclosure) -> str:
    """`kg parse --explain` of a form: every automatic reading with its evidence, one a line."""
    out = [f"{disclosure.layout.name}: {disclosure.layout.reason}"] if disclosure.layout else []
    out += [f"  {r.topic}: {r.text}" for r in disclosure.readings]
    return "\n".join(out) + "\n"
