"""What every row reader shares: a row and the project it belongs to, the tiers a group prints once
and its rows carry down, cells assigned to the header's columns, and where a table ends."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kg.read.national.words import (
    MONTH_DAY,
    NOT_SCORED,
    NUMBER,
    QUANTITATIVE,
    SCORE_CELL,
    SHORT_TIER1,
    SHORT_TIER2,
    UNIT_ONLY,
    Cell,
    Col,
    cut_tier,
    is_comparator_cell,
    is_short_label,
    is_stop,
    label_key,
    split_cells,
    tier1_of,
    tier2_of,
    tier_labels,
    value_shaped,
)
from kg.read.values import CMP, COMPARATOR_WORDS, fold, read_value
from kg.records import Reading, Skipped, Warning
from kg.vocab import Tier, tier_vocabulary, unit_of


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


class Tiers:
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
            if re.fullmatch(r"(?:年度|项目|部门)?绩效指标", label_key(text)):  # the label column merged down the rows
                rest.pop(0)
                continue
            if len(rest) > 2 and label_key(text) in _LABEL_PIECES and (tier1_of(rest[1].text) or tier2_of(rest[1].text, after_tier1=True)
                                                                 or (not value_shaped(rest[1].text) and value_shaped(rest[2].text))):
                rest.pop(0)  # 年度 / 绩效 / 指标 before a tier or a name and its value: that label printed a piece a line
                continue     # (text laid out by columns)
            if weighted and took1 and len(rest) > 2 and SCORE_CELL.match(label_key(text)) and tier2_of(rest[1].text, after_tier1=True):
                rest.pop(0)  # 产出指标 | 50 | 数量指标: the 一级's 分值 (a column after each tier), no part of the row
                continue
            if (whole := cut_tier(text)) is not None and len(rest) > 2:
                text = whole  # 满意度指 | 服务对象满 | 救助对象满意度: tier labels cut by their column's width
                self.completed.append(rest[0])
            t1, t2 = tier1_of(text), tier2_of(text, after_tier1=took1)
            if (t1 or t2) and is_short_label(text) and (len(rest) < 3 or value_shaped(rest[1].text)):
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
        while self.took2 is not None and len(rest) >= 3 and label_key(rest[0].text) != label_key(self.took2.text) \
                and label_key(rest[0].text).endswith("指标") and (t2 := tier2_of(rest[0].text, after_tier1=True)) is not None \
                and (self.tier1 is None or t2.broader == self.tier1.iri):
            # 生态效益指标 可持续影响指标 农村公路长效管护机制 …: a 二级 with no rows of its own, then the row's 二级
            self.empty.append(self.took2)
            self.set2(t2, rest[0].text)
            self.took2 = rest.pop(0)
        if weighted and self.took2 is not None and len(rest) >= 3 and SCORE_CELL.match(label_key(rest[0].text)) and not value_shaped(rest[1].text):
            rest.pop(0)  # 数量指标 | 20 | 维护路灯盏数: the 二级's 分值, then the name
        if self.took2 is not None and not took1 and len(rest) >= 3 and label_key(rest[0].text) == label_key(self.took2.text) \
                and not value_shaped(rest[1].text) and value_shaped(rest[2].text):
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


def is_unread_tier(text: str) -> bool:
    """A row's first cell, where its tiers belong, that reads as a tier kg does not know: a 一级 of another
    framework (投入指标, 运行成本) or a label a copy's mojibake broke (質???標)."""
    folded = label_key(text)
    if tier1_of(text) is not None or tier2_of(text) is not None:
        return False
    if re.search(r"\?{2,}|？{2,}|\ufffd", folded) and len(folded) <= 10:
        return True
    return re.fullmatch(r"[\u4e00-\u9fff]{2,6}指标", folded) is not None or folded in _OTHER_FRAMEWORK_TIERS


def last_filled_line(lines: Sequence[str]) -> int:
    """The text's last line holding anything."""
    return max(n for n, text in enumerate(lines, start=1) if text.strip())


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


def wrapped_tab_rows(lines: Sequence[str], first_line: int, last_line: int, readings: list[Reading],
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
                or not head[-1] or not tail[0] or tier1_of(tail[0]) or tier2_of(tail[0]) or is_stop(tail[0]) \
                or value_shaped(head[-1]) or value_shaped(tail[0]) \
                or (before is not None and not _prints_every_column(head, before)):
            continue  # a value ends a row whole; a row that leaves merged cells out is not a wrapped one
        printed = [*head[:-1], head[-1] + tail[0], *tail[1:]]
        cells = [Cell(c, first) for c in head[:-1] if c] + [Cell(head[-1] + tail[0], first)] + [Cell(c, second) for c in tail[1:] if c]
        out[first], out[second] = (printed, cells), ([], [])
        readings.append(Reading(first, "text", f"lines {first}–{second}: the row stops inside {head[-1]!r} and line {second} "
                                      f"begins with {tail[0]!r}; together their cells are the table's {width} columns: one row, "
                                      "the cell wrapped"))
    return out


def merge_spaced(cells: list[Cell], unit_column: bool, known_units: bool = False) -> list[Cell]:
    """Runs of spaces split ``≥ 95 %`` and ``不低于 95%``: a bare comparator (a sign or a word) joins the number after it, and (without a
    度量单位 column) a number joins the unit after it: with ``known_units`` (a stream of tokens, where a score may stand
    before a name made of unit characters: 10 学校) only a unit of the vocabulary."""
    out: list[Cell] = []
    for cell in cells:
        comparator = out and (re.fullmatch(CMP, fold(out[-1].text)) or fold(out[-1].text) in COMPARATOR_WORDS)
        unit = UNIT_ONLY.match(fold(cell.text)) and (not known_units or unit_of(fold(cell.text).strip()) is not None)
        if comparator and re.match(r"\d", cell.text) or out and not unit_column and NUMBER.match(out[-1].text.lstrip("≥≤<>=")) and unit \
                and not NUMBER.match(cell.text):
            out[-1] = Cell(out[-1].text + cell.text, cell.line)
        else:
            out.append(cell)
    return out


def empty_groups(tiers: Tiers) -> list[Reading]:
    """Readings of the 二级 labels a row's tiers printed with no rows of their own (a form's empty group)."""
    return [Reading(cell.line, "tier", f"line {cell.line}: 二级 {cell.text.strip()!r} is printed with no row of its own: "
                    "an empty group of the form, the row is the next 二级's") for cell in tiers.empty]


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


def reads_as_value(text: str) -> bool:
    """A cell in a value's place that reads as a value: a number or value, a deadline, or a target in words."""
    folded = fold(text).strip()
    return value_shaped(text) or (_VALUE_WORDS.search(folded) is not None and not _NAME_ENDING.search(folded))


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


def is_trailer(text: str, after: str | None) -> bool:
    """Whether a cell, followed by ``after`` (the next cell, None at the end), is text below a table."""
    folded = fold(text).strip()
    if _TRAILER.search(folded):
        return True
    if _SITE_FOOTER.search(folded):
        return after is None or not reads_as_value(after)
    return bool(_ISSUER.search(folded)) and (after is None or bool(_TRAILER.search(fold(after).strip())) or bool(_ISSUER.search(fold(after).strip())))


def rows_below(lines: Sequence[str], number: int) -> bool:
    """Whether a line after line ``number`` names a tier: the table's rows go on below it (a page's
    header or footer between them, not the text below the table)."""
    return any(tier1_of(c) or tier2_of(c) for n in range(number + 1, len(lines) + 1) for c in split_cells(lines[n - 1]) if c)


def below_the_table(lines: Sequence[str], number: int) -> Skipped:
    """Text below a table (a web page's footer, the issuer, its seal, a date), from line ``number`` on."""
    text = lines[number - 1].strip()
    return Skipped(number, f"text below the table ({text[:40]!r}): not a row", False, text)


def continues_last_text(found: Found, after: Sequence[Col], text: Cell) -> bool:
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
        and not (tier1_of(text.text) or tier2_of(text.text)) and not value_shaped(text.text) and text.line == last.cells[-1].line + 1


_RATE = re.compile(r"^\d+(?:\.\d+)?%$")


def fits_column(col: Col, text: str) -> bool:
    folded = fold(text).strip()
    if col == Col.NATURE:
        return is_comparator_cell(text)
    if col == Col.UNIT:
        return UNIT_ONLY.match(folded) is not None and not NUMBER.match(folded)
    if col in (Col.WEIGHT, Col.SCORE):
        return SCORE_CELL.match(folded) is not None or NOT_SCORED.fullmatch(folded) is not None
    if col == Col.RATE:  # a rate, or a dash where none is computed (a deadline's 2022年12月 against 2022年11月)
        return _RATE.match(folded) is not None or NOT_SCORED.fullmatch(folded) is not None
    return bool(folded)


def actual_left_blank(filled: Sequence[Cell], columns: Sequence[Col]) -> bool:
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
    if not all(NUMBER.match(n) for n in numbers) or (len(after) == 3 and (Col.REASON not in columns or value_shaped(after[2].text))):
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
    return re.fullmatch(rf"(?:\d{{4}}年)?{MONTH_DAY}", folded) is not None \
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
    if actual_left_blank(filled, columns):
        columns.remove(Col.ACTUAL)
    out: dict[Col, Cell] = {}
    i = 0
    for col in columns:
        if i >= len(filled):
            break
        if fits_column(col, filled[i].text):
            if col not in out or (col == Col.NATURE and fold(out[col].text).strip() == QUANTITATIVE):
                out[col] = filled[i]  # (定量 | ≥ under 指标性质 | 指标方向: the comparator says more)
            i += 1
    return out, filled[i:]


_GROUP_LABEL = re.compile(r"^项目年度绩效目标[(（](?:定量|定性)(?:指标|目标)[)）]")


def strip_tiers(folded: str, tiers: Tiers, printed: str) -> int:
    """Consume tier labels glued at the start of a row; how many characters they took."""
    at = 0
    group = _GROUP_LABEL.match(folded)
    if group:
        at = group.end()
    took1 = False
    while True:
        rest = folded[at:]
        hit = None
        for label in tier_labels():
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
