"""The words and patterns the national forms print, and the cells of a line: tier names and their
variants (一级 产出/效益/成本/满意度, their 二级 kinds), column headings, labels (项目名称, 主管部门 …),
comparators, titles and trailers. One home for what every reader of the family matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from kg.read.pages import is_page_mark
from kg.read.values import CMP, COMPARATOR_WORDS, MEASURE_UNIT_CELL, fold, read_value
from kg.records import BEIJING_PROJECT_CODE, QUALITATIVE, Skipped
from kg.vocab import Tier, tier_vocabulary


def label_key(text: str) -> str:
    """A cell as compared with labels: folded, without spaces and colons."""
    return re.sub(r"[\s:]", "", fold(text))


# ---- tiers: the vocabulary's labels and the provinces' variants ---------------------------------

# Printed variants (folded) of the framework's tiers, by the vocabulary label they mean. Kept in
# the national reader's words until ontology/tiers.ttl carries them as skos:altLabel.
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


def is_short_label(cell: str) -> bool:
    """A tier printed without 指标 (产出, 数量, 服务对象满意度): also a plausible indicator name."""
    key = _SCORE_SUFFIX.sub("", label_key(cell))
    return key in SHORT_TIER1 or key in SHORT_TIER2


def tier1_of(cell: str) -> Tier | None:
    """A 一级 label, the whole cell (产出指标, 产出目标, or 产出 without 指标)."""
    key = _SCORE_SUFFIX.sub("", label_key(cell))
    vocab = tier_vocabulary()
    return vocab.tier1.get(TIER1_VARIANTS.get(key) or SHORT_TIER1.get(key) or key)


def tier2_of(cell: str, *, after_tier1: bool = False) -> Tier | None:
    """A 二级 label, the whole cell; ``after_tier1``: also a 一级 label printed in the 二级 place
    (成本指标 under 产出指标)."""
    key = _SCORE_SUFFIX.sub("", label_key(cell))
    vocab = tier_vocabulary()
    if after_tier1 and key in TIER1_AS_TIER2:
        return vocab.tier2[TIER1_AS_TIER2[key]]
    return vocab.tier2.get(TIER2_VARIANTS.get(key) or SHORT_TIER2.get(key) or key)


def tier_labels() -> list[str]:
    vocab = tier_vocabulary()
    return sorted({*vocab.tier1, *vocab.tier2, *TIER1_VARIANTS, *TIER2_VARIANTS}, key=lambda label: (-len(label), label))


def cut_tier(text: str) -> str | None:
    """The one tier label a cell is the cut start of (满意度指 → 满意度指标, 服务对象满 → 服务对象满意度指标: PDF
    text wraps a narrow tier column), or None."""
    key = label_key(text)
    if len(key) < 3 or tier1_of(text) is not None or tier2_of(text) is not None:
        return None
    fits = [label for label in tier_labels() if label.startswith(key) and label != key]
    meant = {(tier1_of(label) or tier2_of(label)) for label in fits}
    if len(meant) != 1 or None in meant:
        return None
    vocab = tier_vocabulary()  # 服务对象满意度指标 and its variant 服务对象满意度目标 are one tier: the template's label
    return min(fits, key=lambda label: (label not in vocab.tier1 and label not in vocab.tier2, label))


def is_tier_end(text: str) -> bool:
    """A cell that is the end of a tier label wrapped onto its own line (指标, 标, 意度指标)."""
    key = label_key(text)
    if tier1_of(text) is not None or tier2_of(text) is not None:
        return False  # 成本指标 ends 经济成本指标, but is a tier of its own
    return bool(key) and (re.fullmatch(r"指?标|指标[)）]?", key) is not None
                          or any(label.endswith(key) and label != key and len(key) >= 2 for label in tier_labels()))


def is_tier_prefix(text: str) -> bool:
    """A tier name cut by a line wrap (项目完成 / 指标)."""
    key = label_key(text)
    return len(key) >= 2 and any(label.startswith(key) and label != key for label in tier_labels())


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


HEADER_CELL = re.compile(f"(?:{_HEADER_RE.pattern})+")


def header_kinds(folded: str) -> list[tuple[Col, int, int]]:
    """The header words a folded cell is made of, glued or not, with their spans."""
    return [(HEADER_WORDS[m.lastindex - 1][1], m.start(), m.end()) for m in _HEADER_RE.finditer(folded) if m.lastindex]


ROW_FACTS = (Col.YEAR, Col.HOLDER)  # left of 项目名称 in a flat table of projects, and nowhere else a column


# ---- values: a row's cells of numbers and units (the value itself: kg.read.values) ---------------

NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


SCORE_CELL = re.compile(r"^\d{1,3}(?:\.\d+)?分?$")


NOT_SCORED = re.compile(r"[—\-－/／]{1,2}")  # a row not scored prints a dash under 分值 and 得分: no score


UNIT_ONLY = re.compile(rf"^{MEASURE_UNIT_CELL}$")


QUANTITATIVE = "定量"  # a 指标性质 cell saying the target is a number, with no comparator


# 指标方向 printed as words: a 正向 indicator is better the higher (its target a floor), a 反向 one the lower.
DIRECTION = {"正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤"}


def is_comparator_cell(text: str) -> bool:
    folded = fold(text).strip()
    return re.fullmatch(CMP, folded) is not None or folded in (QUALITATIVE, QUANTITATIVE) or folded in DIRECTION \
        or folded in COMPARATOR_WORDS or folded in RANGE_NATURE


RANGE_NATURE = ("区间", "区间值", "介于")  # 指标性质 | 区间 | 90-95 | %: a range, kept as 定性 text


def value_shaped(text: str) -> bool:
    """A cell that is a number or a value (5, >=219, 95%): a line holding one without its closing |
    lost the pipe; it does not start a cell wrapped over lines."""
    return SCORE_CELL.match(fold(text).strip()) is not None or read_value(text).value is not None


# A date with its month (2023年12月前, 2023年11月): a 定性 target or an actual in words, not the number 2023.
MONTH_DAY = r"\d{1,2}月(?:\d{1,2}日)?(?:底前|以前|之前|前|底)?"  # 12月底前, 11月30日前


ACTUAL_WORDS = "已完成|未完成|基本完成|全部完成|完成|已达到|未达到|达到|已达标|未达标|达标|已实现|未实现|实现|是|否"


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


ONE_CELL_LINE = re.compile(r"^[^|]*\|\s*$")


BREAK_LINE = re.compile(r"^\s*\|{2,}\s*$")


EMPTY_CELL_LINE = re.compile(r"^\s*\|\s*$")


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


def is_stop(text: str) -> bool:
    folded = fold(text)
    if re.match(r"^\s*(?:注|备注)\s*[:：\d]", folded) or _SIGN_OFF.match(folded):
        return True
    key = label_key(text)
    if TITLE.fullmatch(key) or key in PROJECT_LABELS:  # the next form begins: its title, or its 项目名称
        return True
    titled = OWN_TITLE.match(fold(text).strip())
    if (titled and titled["kind"].endswith("表")) or re.match(rf"^(?:{'|'.join(PROJECT_LABELS)})\s*[:：]\s*\S", fold(text).strip()):
        return True  # 2024年项目支出绩效目标表, 项目名称：高素质农民培育: the next form begins (a name may end 绩效自评报告)
    return any(key.startswith(word) for word in STOP_WORDS if word not in ("注", "备注:")) or _TOTAL_ROW.match(key) is not None


# A self-evaluation's total and grade below its rows (综合得分 | 86.5 | 评价等级 | 良): the whole label, then its
# figure or nothing (a name may begin so: 综合评分达标机构数量, 评价等级为二级以上机构占比).
_TOTAL_ROW = re.compile(r"^(?:综合得分|综合评分|自评得分|自评总分|评价得分|总得分|得分合计|分值合计|项目总分|总计|自评等级|评价等级|绩效等级|自评结论)"
                        r"(?:\(分\))?(?:$|\||\d)")


TOTAL_ROW_LABELS = frozenset({"合计", "总计", "小计"})  # a total row's label


# A page's number printed between two rows of a table that runs over a page break (第2页 共3页,
# - 2 -, Page 2 of 3): not a row. A bare 2/3 is not one: it may be a value wrapped onto its line.
def page_mark(number: int, text: str) -> Skipped | None:
    """The line skipped as a page number, or None when it is not one."""
    if is_page_mark(fold(text)):
        return Skipped(number, "a page number between the table's rows", False, text.strip())
    return None


# ---- the form's header: project, unit, year, amounts ----------------------------------------------

BRACKETED_MONEY = r"[(（]\s*(万?元)\s*[)）]"  # (元), （万元）: a label's or a heading's unit


PROJECT_LABELS = ("项目名称", "资金名称", "专项资金名称", "项目名")


UNIT_LABELS = ("实施单位", "项目实施单位", "项目承担单位", "承担单位", "项目申报单位", "申报单位", "项目单位", "单位信息", "预算单位", "单位名称",
               "评价对象单位", "被评价单位", "填报单位", "部门(单位)名称", "部门名称")


SUPERVISOR_LABELS = ("主管部门", "项目主管部门", "省级主管部门", "市级主管部门", "县级主管部门")


CODE_LABELS = ("项目编码", "项目编号", "项目代码")


GOAL_LABELS = ("年度绩效目标(文字)", "年度目标", "年度绩效目标", "绩效目标", "整体目标", "年初设定目标", "绩效目标总体描述", "总体目标", "项目绩效目标",
               "项目绩效总目标", "项目总体目标", "绩效总目标", "年度总体绩效目标", "年度总体目标", "预期目标",
               "项目目标", "项目年度目标", "项目年度绩效目标", "总体绩效目标")


# A self-evaluation's goal row: 年度总体目标 | 预期目标 (年初设定目标) | 实际完成情况 (完成情况综述), the texts
# under them on the row below, in that order.
OUTCOME_LABELS = ("年度总体目标完成情况综述", "全年实际完成情况", "全年完成情况", "实际完成情况", "完成情况综述", "完成情况")


TOTAL_LABELS = ("年度资金总额", "项目总额", "资金总额", "项目金额", "项目资金总额", "年度资金")


FISCAL_LABELS = ("其中财政拨款", "其中本年财政拨款", "财政拨款小计", "财政拨款", "本年财政拨款", "财政资金")


OTHER_LABELS = ("其他资金", "其他收入")


TITLE = re.compile(r"((?:部门|单位)(?:\(单位\))?整体(?:支出)?绩效目标(?:申报|批复)?表|项目支出绩效目标申报表|项目支出绩效目标批复表|绩效目标申报表|绩效目标批复表|绩效目标自评表|"
                   r"项目支出绩效自评表|绩效自评表|绩效评价指标表|绩效目标表|自评报告|评价结果)")


PROJECT_CODE = re.compile(BEIJING_PROJECT_CODE)


ALL_LABELS = (*PROJECT_LABELS, *UNIT_LABELS, *SUPERVISOR_LABELS, *CODE_LABELS, *GOAL_LABELS, *TOTAL_LABELS, *FISCAL_LABELS, *OTHER_LABELS,
               "项目负责人", "项目经办人", "项目联系人", "联系电话", "项目属性", "项目期", "项目类型", "其他资金", "项目资金", "资金情况",
               "年度总体目标", *OUTCOME_LABELS, "预期目标", "项目负责人及联系电话")


# The period a label names in brackets (年度目标（2025年）, 中期目标（2025-2027年）): part of the label.
_PERIOD_AFTER_LABEL = re.compile(r"^[(（]\s*\d{4}\s*年?度?\s*(?:[-—–~～至到]\s*\d{4}\s*年?度?\s*)?[)）]\s*[:：]?\s*")


_LIST_NUMBER = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])\s*")


def label_match(cell: str, labels: Iterable[str]) -> tuple[str, str] | None:
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


YEAR_GOAL_HEADING = re.compile(r"^(?:年度|本年度?|当年)(?:绩效)?目标(?:\(\d{4}[^)]{0,12}\))?$")  # 年度目标（2024年）


# How an organisation's name ends (局, 中心, 检疫总站, 委员会 …): a unit's name cut before it is wrapped.
ORGANISATION_END = re.compile(r"(?:局|厅|委|办|院|中心|站|所|馆|队|校|学|园|场|处|室|会|社|团|部|司|府|组|台|公司|街道|镇|乡|村|区|县|市|省|署|庭|库|营|行|矿|厂|店|本级|机关)"
                               r"(?:[(（][^)）]{1,12}[)）])?$")


# ---- the whole form: a mirror's pinyin, titles, a department's task list -------------------------


PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


PINYIN_MINIMUM = 5  # a page with fewer is not a mirror's pinyin copy: nothing is removed


FORM_TITLE = re.compile(r"绩效\S{0,8}表\s*[|]?\s*$")  # 项目支出绩效目标设定表 and the like, ending a line


YEAR_HEADING = re.compile(r"[(（]?\d{4}年度?[)）]?")


# A form's own title line (项目支出绩效目标表, 2024年项目支出绩效自评表, 部门整体支出绩效目标表 …), not a table of
# contents naming several (八、部门整体支出绩效目标表 九、项目支出绩效目标表).
OWN_TITLE = re.compile(r"^(?![\d一二三四五六七八九十]+[.．、)）]|[(（][一二三四五六七八九十\d]+[)）])[^、，。;；]{0,30}"
                        r"(?P<kind>绩效目标(?:申报|批复|设定)?表|绩效(?:自评|评价)(?:表|报告)|绩效目标自评表)\s*(?:[(（]\s*\d{4}年度?\s*[)）])?[\s|]*$")


# The amount columns of a department's task list (总额 | 财政拨款 | 其他资金): the figures they are, or None.
TASK_AMOUNT_ROLES: dict[str, str | None] = {
    "总额": "total", "合计": "total", "资金总额": "total", "预算总额": "total", "小计": "total",
    "财政拨款": "fiscal", "财政资金": "fiscal", "其他资金": "other", "基本支出": None, "项目支出": None,
}


# A task's name cut where it wraps in its cell: at a conjunction or a list's comma (水生态环境保护和 / 流域综合治理).
TASK_CUT = re.compile(r"(?:和|与|及|以及|、|，|,)$")
