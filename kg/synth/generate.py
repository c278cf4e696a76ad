"""Synthetic disclosures with their truth: text in the example's layout, and what the reader must return.

``generate(seed, index)`` returns one disclosure as the PDF extraction prints it (tab-separated
rows; the tables of examples/000_c335fd1cef659d43.txt: 预算01表, 03表 … 11表, 预算表12 and 预算13表,
with the example's columns, header rows and labels, and no 02表, as there) and its truth. The truth
holds the reader's fields (``to_jsonable`` of the Disclosure restricted to TRUTH_FIELDS, Decimals
as the reader prints them: "308.720000") and a ``synth`` block: the damage put in (counts by
kind), the deliberate errors (cost targets that disagree with the amount, a blank 财政资金, a total
off in 表01 or 表03), the budget totals, and the 表03 lines whose 基本支出 is printed in the 项目支出
column (as the example's extraction does). The money adds up across the tables otherwise: rows
to 合计, 表01 to 表05 to 表13, the projects of 表12 to 表13's 项目支出. Each document has its own
``random.Random(seed + index)``, so any one can be regenerated alone and a corpus can be split
across processes; ``write_corpus`` writes NNNNN_<unit>_<year>.txt with a sibling .truth.json.

The damage is the example's: project codes printed with an inner space, names with spaces put in,
amounts as ``1,000.000000`` and ``29. 778000``, decimal commas in 表03 (``3,384700``), 定性 texts one
cell to the right, leading empty cells that change from page to page, tiers glued into one cell
in 表13, and page breaks (a blank line) every 20–35 rows of 表12 that split projects both ways:

- the project's text on the page before, its last rows on the page after (with the tail of the
  name and of the goal on the first of them, or without text);
- the project's first rows (with the head of the goal, on one of them or on a row of its own) on
  the page before, its code, name, amounts and the rest of the goal on the page after;
- a break between two projects.

A split is generated only when the reader's evidence decides it: for every other way of cutting
the rows between the two projects, the evidence (duplicate 二级 kinds, missing template kinds,
cost targets that agree with the amount, merged-cell text printed once per page) must be no
better on any count and worse on one that is not a second 数量指标. This is checked here with
the vocabularies and number rules (kg.vocab, kg.numbers), not with the reader's weights, so the
corpus tests the reader rather than mirroring it. A page holds at least MIN_PAGE_ROWS rows, more
than can lie between two code rows, so each project meets at most one break and every split is
decided on its own.

A corpus in series (``write_corpus(n, dir, districts=3, years=(2024, 2025))``, ``Series``) has the
same units in several Beijing districts and years instead: each unit a document per year, its
project codes starting with its district's GB/T 2260 code and kept from year to year, with some
amounts and targets changed, a few projects dropped and a few added, as the truth records (see
``generate_in_series``).
"""

from __future__ import annotations

import json
import os
import random
from bisect import bisect
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from kg.atomic import make_folder, write_files_atomically
from kg.errors import KgError
from kg.numbers import agrees_at_printed_precision, plain
from kg.records import Disclosure, to_jsonable
from kg.synth.changes import changes_between
from kg.synth.pdf import document_pdf
from kg.synth.workbook import document_workbook
from kg.vocab import tier_vocabulary, unit_vocabulary, yuan_to_wan

TRUTH_SUFFIX = ".truth.json"
FORMATS = ("txt", "xlsx", "pdf")  # kg synth --format: text as the PDF extraction gives it, a department workbook, or the PDF
# The reader's fields the truth holds, in to_jsonable's shape (nested records restricted too).
TRUTH_FIELDS = ("unit_code", "unit_name", "year", "projects", "department", "activities")
PROJECT_FIELDS = ("code", "name", "total", "fiscal", "other", "goal", "indicators", "line")
INDICATOR_FIELDS = ("tier1", "tier2", "name", "comparator", "value", "value_text", "unit", "line")
ACTIVITY_FIELDS = ("name", "indicators", "line")

YEARS = (2019, 2027)
PAGE_ROWS = (20, 35)  # rows of 表12 between two page breaks, as drawn
MIN_PAGE_ROWS = 18  # never fewer: more than the ≤ 16 rows between two code rows (8 indicators, a goal row)
PROJECTS = (20, 50)
MAX_SHIFT = 3  # how far a break may move from its drawn row to find a decidable split
WRITER_THREADS = 4  # per process: overlaps the fsync of atomic writes

QUALITATIVE = "定性"
MICRO = 1_000_000  # amounts are kept in millionths of 万元, as printed (six places)


# ---- vocabularies -------------------------------------------------------------------------
# Tier labels and units come from ontology/*.ttl through kg.vocab; here they are named by the
# last segment of their IRI (tier ``output-quantity``, unit ``PERCENT``).


@dataclass(frozen=True)
class _TierInfo:
    label1: str  # 一级 label
    label2: str  # 二级 label
    group: str  # the template kind: each 产出 二级 alone, the other 一级 as one kind
    tier1: str  # key of the 一级


@dataclass(frozen=True)
class _UnitInfo:
    printed: tuple[str, ...]
    yuan_per_unit: Decimal | None
    whole_project: bool


def _key(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1]


@cache
def _tiers() -> dict[str, _TierInfo]:
    vocab = tier_vocabulary()
    by_iri = {t.iri: t for t in vocab.tiers}
    found: dict[str, _TierInfo] = {}
    for tier in vocab.tiers:
        if tier.level != 2 or tier.broader is None:
            continue
        top = by_iri[tier.broader]
        group = _key(tier.iri) if _key(top.iri) == "output" else _key(top.iri)
        found[_key(tier.iri)] = _TierInfo(top.label, tier.label, group, _key(top.iri))
    return found


@cache
def _units() -> dict[str, _UnitInfo]:
    return {_key(u.iri): _UnitInfo(u.printed, u.yuan_per_unit, u.whole_project) for u in unit_vocabulary().values()}


@cache
def _expected_groups() -> tuple[str, ...]:
    return tuple(sorted({t.group for t in _tiers().values()}))


QUANTITY = "output-quantity"

# Indicator templates by 二级 kind: (三级 name, comparators, value, unit key). A value is
# ("int", low, high), ("dec", low, high, places), ("of", choices…) or, for 定性, the texts.
_TEMPLATES: dict[str, tuple[tuple[str, str, tuple[Any, ...], str | None], ...]] = {
    "output-quantity": (
        ("覆盖社区数量", "≥=", ("int", 8, 40), "Item"),
        ("服务社区数量", "≥=", ("int", 8, 40), "Item"),
        ("辖区社区数量", "≥=", ("int", 8, 40), "Item"),
        ("保洁面积", "=", ("dec", 20000, 300000, 2), "M2"),
        ("绿化面积", "=", ("dec", 10000, 200000, 2), "M2"),
        ("服务用房面积", "≥", ("int", 300, 8000), "M2"),
        ("举办活动次数", "≥", ("int", 1, 40), "Time"),
        ("参与活动人数", "≥", ("int", 10, 3000), "Person"),
        ("慰问人数", "=", ("int", 1, 400), "Person"),
        ("培训人次", "≥", ("int", 30, 5000), "PersonTime"),
        ("购置设备数量", "=", ("int", 1, 300), "Set"),
        ("河道数量", "=", ("int", 1, 6), "Strip"),
        ("走访困难家庭户数", "≥", ("int", 10, 600), "Household"),
        ("办理事项数量", "≥", ("int", 20, 3000), "Piece"),
        ("维修点位数量", "≥", ("int", 2, 80), "Place"),
        ("开展宣传活动场次", "≥", ("int", 2, 40), "Session"),
        ("志愿服务时长", "≥", ("int", 100, 6000), "Hour"),
        ("辖区面积", "=", ("dec", 2, 30, 3), "KiloM2"),
        ("工程数量", "=", ("int", 1, 5), "Item"),
        ("项目服务涉及样本量", "≥", ("int", 200, 5000), "Person"),
    ),
    "output-quality": (
        ("工作达标率", "≥", ("int", 80, 99), "PERCENT"),
        ("验收合格率", "=", ("of", "100"), "PERCENT"),
        ("发放准确率", "=", ("of", "100"), "PERCENT"),
        ("设备质量合格率", "≥", ("int", 90, 99), "PERCENT"),
        ("培训活动参训率", "≥", ("int", 85, 99), "PERCENT"),
        ("数据准确率", "≥", ("int", 90, 99), "PERCENT"),
        ("工作成效", QUALITATIVE, ("辖区公共安全稳定", "各项工作顺利开展", "统计工作、人大代表工作、侨联工作顺利开展"), None),
        ("社区机构运转情况", QUALITATIVE, ("社区正常运转", "顺利运转，工作正常开展"), None),
        ("活动开展质量", QUALITATIVE, ("中心功能区域设施完好，服务专业，活动质量高", "活动内容丰富，居民积极参与"), None),
        ("按照相关政策及标准申请", QUALITATIVE, ("严格审核，确保合规",), None),
    ),
    "output-timeliness": (
        ("按照工作进度及时支出", "≤", ("of", "12"), "MO"),
        ("按照工作进展及时支出", "≤", ("of", "12"), "MO"),
        ("按照工作安排及时支出", "≤", ("of", "12"), "MO"),
        ("按计划完成项目", "≤", ("of", "1"), "YR"),
        ("及时发放", "≤", ("int", 5, 30), "DAY"),
        ("节日前及时发放", "≤", ("int", 1, 12), "MO"),
        ("问题处置时限", "≤", ("int", 2, 72), "Hour"),
    ),
    "effect-social": (
        ("社区工作开展情况", QUALITATIVE, ("社区工作正常开展，切实服务居民", "服务居民能力明显提升"), None),
        ("提升居民幸福感", QUALITATIVE, ("居民幸福感、安全感稳步提升", "落实市区重点工作,提升居民幸福感、安全感"), None),
        ("维护辖区公共安全，提升居民幸福感", QUALITATIVE, ("保障辖区安全，提升居民安全感",), None),
        ("加强基层党组织建设", QUALITATIVE, ("协助社区解决群众“急难愁盼”问题", "夯实基层党组织战斗堡垒作用"), None),
        ("问题整改率", "≥", ("int", 80, 100), "PERCENT"),
        ("政策知晓率", "≥", ("int", 70, 95), "PERCENT"),
    ),
    "effect-economic": (
        ("带动就业人数", "≥", ("int", 5, 200), "Person"),
        ("节约行政运行成本", QUALITATIVE, ("行政运行成本有效降低",), None),
    ),
    "effect-ecological": (
        ("辖区环境质量", QUALITATIVE, ("辖区环境卫生水平大幅度提升", "生态环境持续改善"), None),
        ("垃圾分类准确率", "≥", ("int", 75, 98), "PERCENT"),
    ),
    "effect-sustainable": (
        ("设备使用年限", "≥", ("int", 3, 10), "YR"),
        ("长效机制建立情况", QUALITATIVE, ("建立健全长效管理机制", "建立连续跟踪的数据库,形成年度报告与政策评估报告"), None),
    ),
    "cost-social": (
        ("对社会发展的负面影响", QUALITATIVE, ("无明显负面影响",), None),
    ),
    "satisfaction-beneficiary": (
        ("受益对象满意度", "≥", ("of", "85", "90", "95"), "PERCENT"),
        ("受益群众满意度", "≥", ("of", "90", "95"), "PERCENT"),
        ("服务对象满意率", "≥", ("of", "90", "95"), "PERCENT"),
        ("居民满意度", "≥", ("of", "85", "90", "95"), "PERCENT"),
        ("使用人员满意度", "≥", ("of", "90", "95"), "PERCENT"),
    ),
}
_COST_NAMES = ("按照预算控制成本", "按照预算总额控制成本", "按照预算金额控制成本", "依据预算总额控制成本",
               "按照项目预算控制总成本", "项目预算控制数", "按照预算控制总成本，禁止不必要支出，保证效益最大化")
_PER_UNIT_COSTS = (("发放标准", "=", ("of", "1000", "2000", "500"), "YuanPerPerson"),
                   ("人均补助标准", "≤", ("of", "1200", "2400", "3600"), "YuanPerPersonYear"),
                   ("单个点位维护成本", "≤", ("int", 500, 5000), "YuanPerItem"))
# Whole-project cost units with how often they are used (the example uses 万元/每项目 and 元/年).
_COST_UNITS = (("WanYuanPerProject", 60), ("YuanPerYear", 30), ("WanYuan", 5), ("WanYuanPerYear", 5))
_COST_UNIT_KEYS = tuple(u for u, _ in _COST_UNITS)
_COST_UNIT_WEIGHTS = tuple(accumulate(w for _, w in _COST_UNITS))  # cumulative
_EXTRA_EFFECTS = ("effect-sustainable", "effect-economic", "effect-ecological")

_DISTRICTS = (("110101", "东城区"), ("110102", "西城区"), ("110105", "朝阳区"), ("110106", "丰台区"),
              ("110107", "石景山区"), ("110108", "海淀区"), ("110109", "门头沟区"), ("110111", "房山区"),
              ("110112", "通州区"), ("110113", "顺义区"), ("110114", "昌平区"), ("110115", "大兴区"),
              ("110116", "怀柔区"), ("110117", "平谷区"), ("110118", "密云区"), ("110119", "延庆区"))
_STREETS = ("大屯", "望京", "和平里", "安贞", "亚运村", "奥运村", "小关", "酒仙桥", "麦子店", "团结湖",
            "三里屯", "左家庄", "八里庄", "劲松", "潘家园", "双井", "建外", "呼家楼", "六里屯", "香河园",
            "东华门", "景山", "交道口", "北新桥", "什刹海", "月坛", "金融街", "德胜", "新街口", "卢沟桥",
            "方庄", "马家堡", "学院路", "中关村", "燕园", "清河", "回龙观", "天通苑", "亦庄", "旧宫")
# (name pattern, 行政运行 functional subject)
_BUREAUS = (("民政局", "2080201-行政运行"), ("城市管理委员会", "2120101-行政运行"),
            ("卫生健康委员会", "2100101-行政运行"), ("教育委员会", "2050101-行政运行"),
            ("文化和旅游局", "2070101-行政运行"), ("应急管理局", "2240101-行政运行"),
            ("司法局", "2040601-行政运行"), ("统计局", "2010501-行政运行"), ("园林绿化局", "2130201-行政运行"))

_PROJECT_CORES = (
    "社区党建", "公益事业", "基本事业", "民生家园建设", "责任规划师劳务", "两新组织党建", "独生子女父母奖励",
    "计划生育暖心活动", "街道临时救助", "社区工作者独生子女父母一次性奖励", "社会治安综合治理中心工作",
    "基层党组织服务群众", "基层综合工作", "基层公共安全工作", "人口抽样调查", "党群服务中心运行", "河长制工作",
    "“侨之家”工作", "企业军转干部春节走访慰问", "困侨救助", "“八一”走访慰问", "社工关爱", "社区工作者系列培训",
    "社会组织参与社会治理", "能力提升设备采购", "固定样本跟访调查", "妇女之家工作", "社区机构运转",
    "办事处层面服务用房运转", "老旧小区基础设施维修专项整治", "非一套表单位劳资抽样调查", "区乡人大换届选举工作",
    "社区党组织换届选举工作", "垃圾分类工作", "背街小巷环境整治", "城市精细化管理", "社区养老服务驿站运营",
    "残疾人温馨家园运行", "网格化管理", "12345接诉即办", "应急物资储备", "安全生产检查", "消防安全宣传",
    "流动人口服务管理", "公共文化活动", "全民健身设施维护", "绿化养护", "道路保洁", "冬季扫雪铲冰",
    "老年人助餐服务", "退役军人服务站运转", "法律顾问服务", "信访维稳工作", "统计工作", "档案数字化",
    "政务服务中心运行", "社区议事厅建设", "垃圾分类驿站运维", "地下空间管理", "群租房整治", "违法建设拆除",
    "街巷长工作", "小区停车治理", "便民服务网点建设", "公益事业(体制)", "基本事业费(自管)",
)
_PROJECT_SUFFIXES = ("经费", "工作经费", "项目", "专项经费", "服务项目", "补助", "运维经费", "补贴", "")
_SUFFIX_WEIGHTS = tuple(accumulate((40, 15, 15, 8, 6, 5, 4, 3, 4)))  # cumulative
_PROJECT_PREFIXES = ("区委社会工作部还原-", "市区体制下划专项-", "统计局还原-", "区民政局拨-", "退役军人事务局拨")
_TOPICS = ("党建", "公益事业", "环境卫生", "社区治理", "安全生产", "民生保障", "统计调查", "计划生育", "侨务",
           "换届选举", "垃圾分类", "城市管理", "养老服务", "文化活动", "应急管理", "河湖管理")
_GOAL_CLAUSES = (
    "通过合理使用{t}经费", "进一步夯实社区党组织战斗堡垒作用", "提升居民群众的获得感、幸福感、安全感",
    "保障{t}工作有序开展", "确保资金规范高效使用", "推动基层治理体系和治理能力现代化", "完善{t}长效管理机制",
    "提升公共服务水平", "维护辖区安全稳定", "营造优美宜居环境", "加强和改进党的群团工作", "切实服务辖区居民",
    "提高{t}工作质量和效率", "为政府制定相关政策提供可靠数据支撑", "增强社区工作者职业归属感与幸福感",
    "健全{t}服务体系", "推动辖区各项事业高质量发展", "落实市区重点工作部署", "聚焦{t}重点任务",
    "以阵地化服务、常态化活动、规范化资金管理为核心", "围绕{t}核心任务开展工作", "建立健全{t}长效机制",
    "引导群众积极参与{t}", "形成共建共治共享的社区治理新格局", "消除安全隐患", "确保各项工作平稳有序开展",
    "用于{t}日常工作开支", "优先确保国家和市区有关政策和重点工作的落实", "体现政策温暖和政府关怀",
)
_DEPARTMENT_GOALS = (
    "根据{u}经济和社会发展要求，围绕{a}等工作，确保各项工作任务圆满完成，促进地区经济和社会各项事业高质量全面发展。",
    "紧紧围绕{a}等重点任务，统筹推进各项工作，提升公共服务水平和治理效能，增强辖区群众获得感、幸福感、安全感。",
    "坚持以人民为中心，聚焦{a}，规范预算资金管理，提高资金使用效益，保障{u}各项职能有效履行。",
)
_ACTIVITIES = ("基层政权和社区建设", "综合治理", "城乡社区环境卫生", "社会建设", "党建引领", "民生保障",
               "公共安全", "城市管理", "文化体育服务", "行政运行保障", "社会事务", "经济发展服务", "平安建设",
               "生态环境保护", "应急管理")

# 表01/表05: the 26 expenditure classes in the order the table prints them, by 类 code.
_CLASSES = (("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
            ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
            ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"), ("212", "城乡社区支出"),
            ("213", "农林水支出"), ("214", "交通运输支出"), ("215", "资源勘探工业信息等支出"),
            ("216", "商业服务业等支出"), ("217", "金融支出"), ("219", "援助其他地区支出"),
            ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"), ("222", "粮油物资储备支出"),
            ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"), ("229", "其他支出"),
            ("232", "债务付息支出"), ("233", "债务发行费用支出"), ("234", "抗疫特别国债安排的支出"))
_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六",
             "十七", "十八", "十九", "二十", "二十一", "二十二", "二十三", "二十四", "二十五", "二十六")
_INCOME_01 = ("一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入", "财政专户管理资金收入",
              "事业收入", "上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入")
_INCOME_05 = ("一般公共预算资金", "政府性基金预算资金", "国有资本经营预算资金")

# Basic expenditure: (政府经济分类, 部门经济分类, functional subject or "admin", 万元 range).
_PERSONNEL = (
    ("50101-工资奖金津补贴", "30101-基本工资", "admin", 100, 1500),
    ("50101-工资奖金津补贴", "30102-津贴补贴", "admin", 100, 2000),
    ("50101-工资奖金津补贴", "30103-奖金", "admin", 50, 900),
    ("50101-工资奖金津补贴", "30107-绩效工资", "admin", 50, 1000),
    ("50102-社会保障缴费", "30108-机关事业单位基本养老保险缴费", "2080505-机关事业单位基本养老保险缴费支出", 50, 600),
    ("50102-社会保障缴费", "30109-职业年金缴费", "2080506-机关事业单位职业年金缴费支出", 20, 300),
    ("50102-社会保障缴费", "30110-职工基本医疗保险缴费", "2101101-行政单位医疗", 30, 500),
    ("50102-社会保障缴费", "30112-其他社会保障缴费", "admin", 1, 20),
    ("50103-住房公积金", "30113-住房公积金", "admin", 50, 500),
    ("50905-离退休费", "30302-退休费", "2080501-行政单位离退休", 5, 80),
)
_PUBLIC = (
    ("50201-办公经费", "30201-办公费", "admin", 1, 40),
    ("50201-办公经费", "30205-水费", "admin", 1, 20),
    ("50201-办公经费", "30206-电费", "admin", 5, 60),
    ("50201-办公经费", "30207-邮电费", "admin", 1, 20),
    ("50201-办公经费", "30208-取暖费", "admin", 5, 50),
    ("50201-办公经费", "30209-物业管理费", "admin", 10, 150),
    ("50201-办公经费", "30211-差旅费", "admin", 1, 15),
    ("50201-办公经费", "30228-工会经费", "admin", 10, 100),
    ("50201-办公经费", "30239-其他交通费用", "admin", 10, 120),
    ("50202-会议费", "30215-会议费", "admin", 0.5, 8),
    ("50203-培训费", "30216-培训费", "2050803-培训支出", 1, 20),
    ("50206-公务接待费", "30217-公务接待费", "admin", 0.3, 5),
    ("50208-公务用车运行维护费", "30231-公务用车运行维护费", "admin", 3, 30),
    ("50209-维修(护)费", "30213-维修(护)费", "admin", 1, 20),
    ("50299-其他商品和服务支出", "30299-其他商品和服务支出", "admin", 5, 120),
)
_PROJECT_ECONOMIC = (
    ("50205-委托业务费", "30227-委托业务费", 50), ("50306-设备购置", "31002-办公设备购置", 8),
    ("50203-培训费", "30216-培训费", 5), ("50901-社会福利和救助", "30306-救济费", 5),
    ("50901-社会福利和救助", "30309-奖励金", 4), ("50199-其他工资福利支出", "30199-其他工资福利支出", 8),
    ("50201-办公经费", "30201-办公费", 6), ("50299-其他商品和服务支出", "30299-其他商品和服务支出", 8),
    ("50209-维修(护)费", "30213-维修(护)费", 4), ("50205-委托业务费", "30226-劳务费", 4),
)
_ECONOMIC_WEIGHTS = tuple(accumulate(w for _, _, w in _PROJECT_ECONOMIC))  # cumulative
_PROJECT_FUNCTIONS = (
    "2010199-其他人大事务支出", "2010302-一般行政管理事务", "2010508-统计抽样调查", "2012902-一般行政管理事务",
    "2013202-一般行政管理事务", "2013405-华侨事务", "2070199-其他文化和旅游支出", "2080206-社会组织管理",
    "2080299-其他民政管理事务支出", "2082001-临时救助支出", "2100799-其他计划生育事务支出", "2111201-可再生能源",
    "2120102-一般行政管理事务", "2120199-其他城乡社区管理事务支出", "2120201-城乡社区规划与管理",
    "2120501-城乡社区环境卫生", "2129999-其他城乡社区支出", "2130399-其他水利支出", "2240106-安全监管",
)
_SERVICES = (
    ("02-政府履职辅助性服务", "0211-后勤服务", "物业管理服务"), ("02-政府履职辅助性服务", "0211-后勤服务", "餐饮服务"),
    ("01-公共服务", "0106-生态保护和环境治理服", "公共清扫保洁服务"),
    ("01-公共服务", "0106-生态保护和环境治理服", "垃圾分类及清运服务"),
    ("01-公共服务", "0115-公共信息与宣传服务", "公共公益宣传服务"), ("01-公共服务", "0116-行业管理服务", "行业规划服务"),
    ("01-公共服务", "0110-社会治理服务", "社会组织建设与管理服务"),
)

HEADER_12 = ("单位名称\t项目名称\t项目总额\t其中：\t\t绩效目标\t一级指标\t二级指标\t三级指标\t绩效指标性质\t"
             "本年绩效指标值\t绩效度量单位", "\t\t\t财政资金\t其他资金\t\t\t\t\t\t\t")


# ---- amounts ------------------------------------------------------------------------------


def _pick(rng: random.Random, items: Sequence[Any]) -> Any:
    """rng.choice without its overhead: documents draw hundreds of these."""
    return items[int(rng.random() * len(items))]


def _weighted(rng: random.Random, items: Sequence[Any], cumulative: Sequence[float]) -> Any:
    """rng.choices(items, cum_weights=cumulative)[0] without its overhead."""
    return items[bisect(cumulative, rng.random() * cumulative[-1])]


def _between(rng: random.Random, low: int, high: int) -> int:
    """rng.randint(low, high) without its overhead."""
    return low + int(rng.random() * (high - low + 1))


def _truth_amount(micro: int) -> str:
    """An amount as the reader gives it: Decimal("1000.000000") → "1000.000000"."""
    return f"{micro // MICRO}.{micro % MICRO:06d}"


def _printed(micro: int) -> str:
    """As the tables print it: thousands separators, six places."""
    return f"{micro // MICRO:,}.{micro % MICRO:06d}"


def _cell(micro: int) -> str:
    return _printed(micro) if micro else ""


def _decimal(micro: int) -> Decimal:
    return Decimal(micro).scaleb(-6)


def _draw_amount(rng: random.Random, low: float, high: float) -> int:
    """Log-uniform between low and high 万元; some round, as budgets often are."""
    value = low * (high / low) ** rng.random()
    shape = rng.random()
    if shape < 0.25 and value >= 1:
        return int(round(value)) * MICRO
    if shape < 0.4:
        return int(round(value * 100)) * (MICRO // 100)
    return max(1, int(value * MICRO))


# ---- records being generated --------------------------------------------------------------


class _Indicator:
    """An indicator being generated, with what the reader must return for it."""

    __slots__ = ("tier", "label1", "label2", "group", "name", "comparator", "value", "value_text", "unit",
                 "yuan_per_unit", "line", "_agrees")

    def __init__(self, tier: str, name: str, comparator: str, value: str | None, value_text: str, unit: str | None,
                 yuan_per_unit: Decimal | None = None) -> None:
        info = _tiers()[tier]
        self.tier, self.label1, self.label2, self.group = tier, info.label1, info.label2, info.group
        self.name, self.comparator, self.value, self.value_text, self.unit = name, comparator, value, value_text, unit
        self.yuan_per_unit = yuan_per_unit  # set for whole-project cost targets only
        self.line = 0
        self._agrees: dict[int, bool] = {}

    def retarget(self, comparator: str, value: str | None, value_text: str) -> None:
        """Another year's target (a corpus in series)."""
        self.comparator, self.value, self.value_text = comparator, value, value_text
        self._agrees = {}

    def agrees(self, project: _Project) -> bool:
        """Whether this whole-project cost target agrees with the project's amount at its printed precision."""
        found = self._agrees.get(project.total)
        if found is None:
            assert self.value is not None and self.yuan_per_unit is not None
            cost_wan = yuan_to_wan(Decimal(self.value), self.yuan_per_unit)
            found = self._agrees[project.total] = agrees_at_printed_precision(cost_wan, project.total_decimal)
        return found

    def cells(self, qualitative_style: str, trailing: bool) -> list[str]:
        if self.comparator == QUALITATIVE:
            if qualitative_style == "shifted":
                return [self.label1, self.label2, self.name, QUALITATIVE, "", self.value_text]
            if qualitative_style == "padded":
                return [self.label1, self.label2, self.name, QUALITATIVE, self.value_text, ""]
            return [self.label1, self.label2, self.name, QUALITATIVE, self.value_text]
        cells = [self.label1, self.label2, self.name, self.comparator, self.value_text, self.unit or ""]
        if trailing:
            cells.append("")
        return cells

    def truth(self) -> dict[str, Any]:
        return {"tier1": self.label1, "tier2": self.label2, "name": self.name, "comparator": self.comparator,
                "value": self.value, "value_text": self.value_text, "unit": self.unit, "line": self.line}


@dataclass
class _Project:
    code: str
    code_printed: str
    name: str
    total: int
    fiscal: int | None
    other: int | None
    goal: str
    indicators: list[_Indicator]
    function: str
    economic: tuple[str, str]
    spaced_name: bool
    broken_amounts: bool  # printed "29. 778000"
    fiscal_printed: bool = True  # False: 财政资金 left blank although the money is fiscal
    line: int = 0
    damage: dict[str, int] = field(default_factory=dict)  # what drawing this project counted
    errors: list[dict[str, Any]] = field(default_factory=list)  # its deliberate errors

    @property
    def total_decimal(self) -> Decimal:
        return _decimal(self.total)


class _Row:
    """One row of 表12 as laid out: whose it is, which indicator, which text it prints."""

    __slots__ = ("project", "indicator", "page", "start", "name_part", "goal_part", "fragment")

    def __init__(self, project: int, indicator: _Indicator | None, page: int, start: bool = False,
                 goal_part: str | None = None, fragment: str | None = None) -> None:
        self.project, self.indicator, self.page, self.start = project, indicator, page, start
        self.name_part: str | None = None  # the start row's name, or a name tail
        self.goal_part = goal_part
        self.fragment = fragment  # which damage a text-only part is, for the bookkeeping

    @property
    def has_text(self) -> bool:
        return self.start or bool(self.name_part or self.goal_part)


@dataclass
class _Doc:
    rng: random.Random
    unit_code: str
    unit_name: str
    year: int
    admin_function: str
    damage: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    moved_cells: list[int] = field(default_factory=list)  # 表03 lines with 基本支出 printed as 项目支出

    def count(self, kind: str, n: int = 1) -> None:
        self.damage[kind] = self.damage.get(kind, 0) + n

    def emit(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)


# ---- text pieces ----------------------------------------------------------------------------


def _insert_spaces(rng: random.Random, text: str, count: int) -> str:
    """Spaces as the extraction puts them into names, never between two Latin letters or digits."""
    latin = [c.isascii() and c.isalnum() for c in text]
    places = [i for i in range(1, len(text)) if not (latin[i - 1] and latin[i])]
    chosen = sorted(rng.sample(places, min(count, len(places))), reverse=True)
    for i in chosen:
        text = text[:i] + " " + text[i:]
    return text


def _split_point(rng: random.Random, text: str, margin: int) -> int | None:
    """Where a page break may cut ``text``: both parts keep a Chinese character and no edge space."""
    cjk = [i for i, c in enumerate(text) if "\u4e00" <= c <= "\u9fff"]
    if not cjk:
        return None
    low, high = max(margin, cjk[0] + 1), min(len(text) - margin, cjk[-1])
    points = [i for i in range(low, high + 1) if not text[i - 1].isspace() and not text[i].isspace()]
    return _pick(rng, points) if points else None


def _goal(rng: random.Random, topic: str) -> str:
    clauses = rng.sample(_GOAL_CLAUSES, _between(rng, 2, 6))
    parts = [c.format(t=topic) for c in clauses]
    style = rng.random()
    if style < 0.12:
        return " ".join(f"{n}. {p}；" for n, p in enumerate(parts, start=1))
    joiner = ", " if style < 0.3 else ("," if style < 0.4 else "，")
    return joiner.join(parts) + "。"


def _unit_name(rng: random.Random) -> tuple[str, str]:
    """A unit's name and its 行政运行 functional subject."""
    district = _pick(rng, _DISTRICTS)[1]
    shape = rng.random()
    if shape < 0.6:
        return f"北京市{district}人民政府{_pick(rng, _STREETS)}街道办事处", "2120101-行政运行"
    if shape < 0.7:
        return f"北京市{district}{_pick(rng, _STREETS)}地区办事处", "2120101-行政运行"
    bureau, function = _pick(rng, _BUREAUS)
    return f"北京市{district}{bureau}", function


def _value(rng: random.Random, spec: tuple[Any, ...]) -> str:
    """A target value as printed, from a template's value spec."""
    kind = spec[0]
    if kind == "int":
        return str(spec[1] + int(rng.random() * (spec[2] - spec[1] + 1)))
    if kind == "dec":
        return f"{spec[1] + rng.random() * (spec[2] - spec[1]):.{spec[3]}f}"
    return str(spec[1 + int(rng.random() * (len(spec) - 1))])


@cache
def _templates() -> dict[str, tuple[tuple[str, str, tuple[Any, ...], tuple[str, ...]], ...]]:
    """_TEMPLATES with each unit key replaced by the unit's printed forms."""
    units = _units()
    return {tier: tuple((name, comparators, spec, units[unit].printed if unit else ()) for name, comparators, spec, unit in found)
            for tier, found in _TEMPLATES.items()}


def _indicator(rng: random.Random, tier: str) -> _Indicator:
    name, comparators, spec, printed = _pick(rng, _templates()[tier])
    if comparators == QUALITATIVE:
        return _Indicator(tier, name, QUALITATIVE, None, _pick(rng, spec), None)
    text = _value(rng, spec)
    unit = printed[0] if len(printed) == 1 or rng.random() < 0.8 else _pick(rng, printed[1:])
    return _Indicator(tier, name, _pick(rng, comparators), str(Decimal(text)), text, unit)


def _round_half_even(n: int, unit: int) -> int:
    """n / unit rounded as Decimal.quantize rounds (half to even)."""
    q, r = divmod(n, unit)
    return q + 1 if 2 * r > unit or (2 * r == unit and q % 2) else q


def _cost_indicator(doc: _Doc, project: _Project) -> _Indicator:
    """The 经济成本指标: a whole-project target that agrees with the amount, a deliberate mismatch,
    or a per-person cost that says nothing about the amount."""
    rng = doc.rng
    shape = rng.random()
    if shape < 0.1:
        name, comparator, spec, unit_key = _pick(rng, _PER_UNIT_COSTS)
        text = _value(rng, spec)
        doc.count("cost_per_unit")
        return _Indicator("cost-economic", name, comparator, str(Decimal(text)), text, _units()[unit_key].printed[0])
    unit_key = _weighted(rng, _COST_UNIT_KEYS, _COST_UNIT_WEIGHTS)
    unit = _units()[unit_key]
    assert unit.yuan_per_unit is not None and unit.whole_project
    printed_unit = _pick(rng, unit.printed)
    wrong = shape < 0.16
    if wrong:
        text = _wrong_cost(rng, project.total_decimal, unit.yuan_per_unit)
        doc.count("cost_disagrees")
    else:
        text = _agreeing_cost(rng, project, unit.yuan_per_unit)
    printed = _cost_printed(project, text)
    doc.count("cost_" + unit_key)
    if wrong:
        doc.errors.append({"kind": "cost target disagrees with the amount", "code": project.code,
                           "target": printed + printed_unit, "amount": _truth_amount(project.total)})
    comparator = "≤" if rng.random() < 0.9 else "="
    return _Indicator("cost-economic", _pick(rng, _COST_NAMES), comparator, str(Decimal(text)), printed, printed_unit,
                      unit.yuan_per_unit)


def _agreeing_cost(rng: random.Random, project: _Project, yuan_per_unit: Decimal) -> str:
    """The amount in the unit, rounded to 0–2 places: it agrees at the places it is printed with
    (trailing zeros dropped, as documents print 365.4 and 1000)."""
    per_unit = int(yuan_per_unit)
    places = _pick(rng, (0, 1, 2)) if project.total >= 10_000 * per_unit else 2
    rounded = _round_half_even(project.total * 10**places, 100 * per_unit)
    text = str(rounded)
    if places:
        text = f"{rounded // 10**places}.{rounded % 10**places:0{places}d}".rstrip("0").rstrip(".")
    return text


def _cost_printed(project: _Project, text: str) -> str:
    return text.replace(".", ". ", 1) if project.broken_amounts and "." in text else text


def _wrong_cost(rng: random.Random, total: Decimal, yuan_per_unit: Decimal) -> str:
    """A whole-project target that does not agree with the amount (a deliberate error)."""
    for _ in range(20):
        in_unit = total * Decimal(str(round(rng.uniform(0.3, 1.9), 2))) * Decimal(10000) / yuan_per_unit
        text = plain(in_unit.quantize(Decimal("0.01")))
        if Decimal(text) and not agrees_at_printed_precision(yuan_to_wan(Decimal(text), yuan_per_unit), total):
            return text
    return plain(total * 10 * Decimal(10000) / yuan_per_unit)


def _kinds(doc: _Doc, activity: bool = False) -> list[str]:
    """The 二级 kinds of a project (5–8 indicators) or an activity (5–7): one per template kind as a
    rule, sometimes one missing, a second 数量指标, or a second 效益/成本 kind."""
    rng = doc.rng
    effect = "effect-social" if rng.random() < 0.8 else _pick(rng, _EXTRA_EFFECTS)
    kinds = ["output-quantity", "output-quality", "output-timeliness", effect, "cost-economic", "satisfaction-beneficiary"]
    shape = rng.random()
    what = ""
    if shape < 0.1:
        kinds.remove(_pick(rng, kinds))
        what = "missing_kind"
    elif shape < 0.25:
        kinds.append(QUANTITY)
        what = "two_quantity"
    if not activity and rng.random() < 0.08:
        kinds.append(_pick(rng, [k for k in ("effect-sustainable", "cost-social", "effect-economic") if k not in kinds]))
        doc.count("second_effect_or_cost")
    if what and not activity:
        doc.count(what)
    rng.shuffle(kinds)
    return kinds


# ---- the unit's budget and its projects -----------------------------------------------------


def _projects(doc: _Doc, serial_base: int = 0) -> list[_Project]:
    """The unit's 表12 projects: codes (region, year set up, T, serial), names, amounts, goals, indicators.
    ``serial_base`` keeps the codes of the units of one district apart (a corpus in series)."""
    rng = doc.rng
    count = _between(rng, *PROJECTS)
    district = next(code for code, name in _DISTRICTS if name in doc.unit_name)
    serial = _between(rng, 10_000, 300_000)
    projects = []
    for _ in range(count):
        serial += _between(rng, 1, 4000)
        setup_year = doc.year - _between(rng, 0, 4)
        projects.append(_project(doc, f"{district}{setup_year % 100:02d}T{serial_base + serial:012d}"))
    return projects


def _project(doc: _Doc, code: str) -> _Project:
    """One project with this code, its damage and deliberate errors counted in ``doc`` and kept on
    the project too (a corpus in series sums them over the projects a year keeps)."""
    rng = doc.rng
    damage_before, errors_before = dict(doc.damage), len(doc.errors)
    printed_code = code
    if rng.random() < 0.4:
        cut = 9 + _between(rng, 1, 11)
        printed_code = code[:cut] + " " + code[cut:]
        doc.count("code_inner_space")
    core = _pick(rng, _PROJECT_CORES)
    suffix = "" if core.endswith(")") else _weighted(rng, _PROJECT_SUFFIXES, _SUFFIX_WEIGHTS)
    if core.endswith("工作") and suffix.startswith("工作"):
        suffix = suffix[2:]
    prefix = _pick(rng, _PROJECT_PREFIXES) if rng.random() < 0.12 else (f"{doc.year}年" if rng.random() < 0.05 else "")
    name = prefix + core + suffix
    total = _draw_amount(rng, 0.2, 1500)
    funding = rng.random()
    fiscal: int | None = total
    other: int | None = None
    if funding < 0.06:
        fiscal, other = None, total
        doc.count("other_funded")
    elif funding < 0.1 and total > 2 * MICRO:
        other = _between(rng, 1, total // MICRO) * MICRO // 2
        fiscal = total - other
        doc.count("mixed_funding")
    broken = total < 1000 * MICRO and rng.random() < 0.05
    spaced = rng.random() < 0.25
    if spaced:
        doc.count("name_inner_spaces")
    topic = _pick(rng, _TOPICS)
    function = _pick(rng, _PROJECT_FUNCTIONS)
    economic = _weighted(rng, _PROJECT_ECONOMIC, _ECONOMIC_WEIGHTS)[:2]
    goal = _goal(rng, topic)
    project = _Project(code, printed_code, name, total, fiscal, other, goal, [], function, economic, spaced, broken)
    if fiscal is not None and other is None and rng.random() < 0.03:
        project.fiscal_printed = False  # 0.500000 with 财政资金 and 其他资金 blank, as in the example
        doc.count("total_only")
        doc.errors.append({"kind": "财政资金 blank although the project is fiscally funded", "code": code})
    if broken:
        doc.count("amount_space_after_point")
    if total >= 1000 * MICRO:
        doc.count("amount_thousands")
    project.indicators = [
        _cost_indicator(doc, project) if k == "cost-economic" else _indicator(rng, k) for k in _kinds(doc)
    ]
    project.damage = {kind: n - damage_before.get(kind, 0) for kind, n in doc.damage.items() if n != damage_before.get(kind, 0)}
    project.errors = doc.errors[errors_before:]
    return project


@dataclass
class _Item:
    """A line of expenditure: 功能分类, 经济分类 (政府, 部门), amount, kind and fund."""

    function: str
    government: str
    department: str
    micro: int
    kind: str  # "personnel", "public" or "project"
    fiscal: bool


def _items(doc: _Doc, projects: list[_Project]) -> list[_Item]:
    rng = doc.rng
    scale = 0.3 * 10 ** rng.random()
    items: list[_Item] = []
    for kind, table, chance in (("personnel", _PERSONNEL, 0.9), ("public", _PUBLIC, 0.75)):
        for i, (government, department, function, low, high) in enumerate(table):
            if i and rng.random() > chance:
                continue
            function = doc.admin_function if function == "admin" else function
            items.append(_Item(function, government, department, _draw_amount(rng, low * scale, high * scale), kind, True))
    if rng.random() < 0.3:
        items.append(_Item("2129999-其他城乡社区支出", "50299-其他商品和服务支出", "30299-其他商品和服务支出",
                           _draw_amount(rng, 0.5, 10), "public", False))
    for p in projects:
        government, department = p.economic
        fiscal = p.total - (p.other or 0)
        if fiscal:
            items.append(_Item(p.function, government, department, fiscal, "project", True))
        if p.other:
            items.append(_Item(p.function, government, department, p.other, "project", False))
    return items


@dataclass
class _Budget:
    total: int
    fiscal_total: int
    fiscal_basic: int
    fiscal_project: int
    other_total: int
    other_basic: int
    personnel: int
    public: int


def _budget(items: list[_Item]) -> _Budget:
    fiscal = [i for i in items if i.fiscal]
    other = [i for i in items if not i.fiscal]
    return _Budget(
        total=sum(i.micro for i in items),
        fiscal_total=sum(i.micro for i in fiscal),
        fiscal_basic=sum(i.micro for i in fiscal if i.kind != "project"),
        fiscal_project=sum(i.micro for i in fiscal if i.kind == "project"),
        other_total=sum(i.micro for i in other),
        other_basic=sum(i.micro for i in other if i.kind != "project"),
        personnel=sum(i.micro for i in fiscal if i.kind == "personnel"),
        public=sum(i.micro for i in fiscal if i.kind == "public"),
    )


# ---- tables 01, 03–11 ----------------------------------------------------------------------


def _heading(doc: _Doc, heading: str) -> None:
    doc.emit(heading)
    doc.emit("")
    doc.emit("金额单位：万元")
    doc.emit("")


def _by_class(items: list[_Item]) -> dict[str, int]:
    found: dict[str, int] = {}
    for item in items:
        found[item.function[:3]] = found.get(item.function[:3], 0) + item.micro
    return found


def _income_expense_table(
    doc: _Doc, income: list[tuple[str, int]], classes: dict[str, int], total: int, carry: bool
) -> None:
    """表01 and 表05: income on the left, the 26 expenditure classes on the right."""
    doc.emit("收 入\t\t支 出\t")
    doc.emit("项 目\t预算数\t项 目\t预算数")
    for i, (code, label) in enumerate(_CLASSES):
        left = f"{_NUMERALS[i]}、{income[i][0]}\t{_cell(income[i][1])}" if i < len(income) else "\t"
        doc.emit(f"{left}\t{_NUMERALS[i]}、{label}\t{_cell(classes.get(code, 0))}")
    doc.emit(f"本年收入合计\t{_printed(total)}\t本年支出合计\t{_printed(total)}")
    doc.emit("上年结转结余\t\t年终结转结余\t")
    if carry:
        for label in ("一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"):
            doc.emit(f"{label}\t\t\t")
    doc.emit(f"收入总计\t{_printed(total)}\t支出总计\t{_printed(total)}")
    doc.emit("")


def _table01(doc: _Doc, items: list[_Item], budget: _Budget) -> None:
    _heading(doc, "预算01表 收支总表")
    fiscal = budget.fiscal_total
    if doc.rng.random() < 0.03:
        fiscal += _between(doc.rng, 1, 5) * MICRO
        doc.errors.append({"kind": "表01 一般公共预算拨款收入 differs from 表05", "printed": _truth_amount(fiscal)})
    income = [(label, 0) for label in _INCOME_01]
    income[0] = (_INCOME_01[0], fiscal)
    income[8] = (_INCOME_01[8], budget.other_total)
    _income_expense_table(doc, income, _by_class(items), budget.total, carry=False)


def _table03(doc: _Doc, items: list[_Item]) -> None:
    _heading(doc, "预算03表 支出预算汇总表")
    doc.emit("支出功能分类科目\t政府支出经济分类科目\t部门支出经济分类科目\t合计\t基本支出\t项目支出\t其中\t\t")
    doc.emit("\t\t\t\t\t\t事业单位经营支出\t上缴上级支出\t对附属单位补助支出")
    rows: dict[tuple[str, str, str], list[int]] = {}
    for item in items:
        row = rows.setdefault((item.function, item.government, item.department), [0, 0, 0])
        row[1 if item.kind == "project" else 0] += item.micro
        row[2] += 0 if item.fiscal else item.micro  # money 表06/07 (fiscal only) cannot account for
    comma = doc.rng.random() < 0.15  # the example prints a run of rows with a decimal comma
    # The example's extraction also prints some 基本支出 in the 项目支出 column; only where 表06/07
    # can tell (fiscal money), as 表12's splits are only where the evidence decides them.
    lost_column = 0.3 if doc.rng.random() < 0.4 else 0.0
    basic_sum = project_sum = 0
    for key in sorted(rows):
        basic, project, unaccounted = rows[key]
        basic_sum += basic
        project_sum += project
        shown = (basic + project, basic, project)
        if basic and not project and not unaccounted and doc.rng.random() < lost_column:
            shown = (basic, 0, basic)
            doc.count("table03_basic_in_project_column")
            doc.moved_cells.append(len(doc.lines) + 1)
        cells = [_cell(m) for m in shown]
        if comma and basic + project < 1000 * MICRO and doc.rng.random() < 0.3:
            cells = [f"{m // MICRO},{m % MICRO:06d}" if m else "" for m in shown]
            doc.count("decimal_comma_table03")
        doc.emit("\t".join((*key, *cells, "", "", "")))
    total = basic_sum + project_sum
    if doc.rng.random() < 0.03:
        total += MICRO
        doc.errors.append({"kind": "表03 合计 is not the sum of its rows", "printed": _truth_amount(total)})
    doc.emit(f"合 计\t\t\t{_printed(total)}\t{_cell(basic_sum)}\t{_cell(project_sum)}\t\t\t")
    doc.emit("")


def _table04(doc: _Doc, projects: list[_Project]) -> None:
    _heading(doc, "预算04表 政府采购预算明细表")
    doc.emit("采购类别\t金额")
    goods = sum(p.total - (p.other or 0) for p in projects if p.economic[1].startswith("31002"))
    services = sum(p.total - (p.other or 0) for p in projects if p.economic[1].startswith("30227"))
    for label, micro in (("A-货物", goods), ("C-服务", services)):
        if micro:
            doc.emit(f"{label}\t{_printed(micro)}")
    doc.emit(f"合 计\t{_cell(goods + services)}")
    doc.emit("")


def _table05(doc: _Doc, items: list[_Item], budget: _Budget) -> None:
    _heading(doc, "预算05表 财政拨款收支预算总表")
    income = [(label, 0) for label in _INCOME_05]
    income[0] = (_INCOME_05[0], budget.fiscal_total)
    _income_expense_table(doc, income, _by_class([i for i in items if i.fiscal]), budget.fiscal_total, carry=True)


def _table06(doc: _Doc, items: list[_Item], budget: _Budget) -> None:
    _heading(doc, "预算06表 一般公共预算财政拨款支出表")
    doc.emit("单位名称\t功能分类科目\t\t预算数\t\t\t\t\t")
    doc.emit("\t科目编码\t科目名称\t合计\t基本支出\t\t\t项目支出\t")
    doc.emit("\t\t\t\t小计\t人员经费\t公用经费\t项目支出总数\t扣除基建项目后预算数")
    rows: dict[str, list[int]] = {}
    for item in items:
        if item.fiscal:
            row = rows.setdefault(item.function, [0, 0, 0])
            row[("personnel", "public", "project").index(item.kind)] += item.micro
    order = list(rows)
    doc.rng.shuffle(order)
    unit = f"{doc.unit_code}-{doc.unit_name}"
    for function in order:
        personnel, public, project = rows[function]
        code, name = function.split("-", 1)
        basic = personnel + public
        doc.emit("\t".join((unit, code, name, _printed(basic + project), _cell(basic), _cell(personnel), _cell(public),
                            _cell(project), _cell(project))))
    doc.emit("\t".join(("", "", "合 计", _printed(budget.fiscal_total), _cell(budget.fiscal_basic), _cell(budget.personnel),
                        _cell(budget.public), _cell(budget.fiscal_project), _cell(budget.fiscal_project))))
    doc.emit("")


def _table07(doc: _Doc, items: list[_Item], budget: _Budget) -> None:
    _heading(doc, "预算07表 一般公共预算财政拨款基本支出表")
    doc.emit("政府支出经济分类科目\t部门支出经济分类科目\t预算数\t\t")
    doc.emit("\t\t合计\t人员经费\t公用经费")
    rows: dict[tuple[str, str], list[int]] = {}
    for item in items:
        if item.fiscal and item.kind != "project":
            row = rows.setdefault((item.government, item.department), [0, 0])
            row[0 if item.kind == "personnel" else 1] += item.micro
    for key in sorted(rows, key=lambda k: k[1]):
        personnel, public = rows[key]
        doc.emit("\t".join((*key, _printed(personnel + public), _cell(personnel), _cell(public))))
    doc.emit(f"\t合 计\t{_printed(budget.fiscal_basic)}\t{_cell(budget.personnel)}\t{_cell(budget.public)}")
    doc.emit("")


def _empty_fund_tables(doc: _Doc) -> None:
    _heading(doc, "预算08表 政府性基金预算财政拨款支出表")
    doc.emit("支出功能分类科目\t政府支出经济分类科目\t部门支出经济分类科目\t预算数\t\t")
    doc.emit("\t\t\t合计\t基本支出\t项目支出")
    doc.emit("\t\t合 计\t\t\t")
    doc.emit("")
    _heading(doc, "预算09表 国有资本经营预算财政拨款支出表")
    doc.emit("支出功能分类科目\t政府支出经济分类科目\t部门支出经济分类科目\t国有资本经营预算支出\t\t")
    doc.emit("\t\t\t合计\t基本支出\t项目支出")
    doc.emit("\t\t合 计\t\t\t")
    doc.emit("")


def _table10(doc: _Doc, items: list[_Item]) -> None:
    _heading(doc, "预算10表 财政拨款（含一般公共预算和政府性基金预算）“三公”经费支出表")
    doc.emit("“三公”经费财政拨款预算总额\t因公出国（境）费用\t公务接待费\t公务用车购置及运行维护费\t\t")
    doc.emit("\t\t\t小计\t公务用车购置费\t公务用车运行维护费")
    reception = sum(i.micro for i in items if i.fiscal and i.department.startswith("30217"))
    cars = sum(i.micro for i in items if i.fiscal and i.department.startswith("30231"))
    doc.emit("\t".join((_printed(reception + cars), "", _cell(reception), _cell(cars), "", _cell(cars))))
    doc.emit("")


def _table11(doc: _Doc, projects: list[_Project]) -> None:
    _heading(doc, "预算11表 政府购买服务预算财政拨款明细表")
    doc.emit("指导性目录\t\t\t服务领域\t预算金额")
    doc.emit("一级\t二级\t三级\t\t")
    bought = [p for p in projects if p.economic[1].startswith("30227") and p.total - (p.other or 0)]
    rows = []
    for p in bought:
        service = _pick(doc.rng, _SERVICES)
        area = next(f"{code}-{label}" for code, label in _CLASSES if code == p.function[:3])
        rows.append("\t".join((*service, area, _printed(p.total - (p.other or 0)))))
    doc.emit(f"合 计\t\t\t\t{_cell(sum(p.total - (p.other or 0) for p in bought))}")
    for row in rows:
        doc.emit(row)
    doc.emit("")


# ---- 表12: layout with page breaks ---------------------------------------------------------


def _evidence_by_size(rows: Sequence[_Row], project: _Project) -> list[tuple[int, int, int, int, int]]:
    """The reader's evidence about a project whose rows are the first 0, 1, … len(rows) of ``rows``,
    as counts (lower is better): duplicate 二级 kinds (not 数量), a second 数量, missing kinds,
    − agreeing cost targets, and merged-cell text printed twice on one page."""
    counts: dict[str, int] = {}
    groups: set[str] = set()
    pages: dict[int, int] = {}
    duplicate = quantity = agreeing = twice = 0
    expected = len(_expected_groups())
    found = [(0, 0, expected, 0, 0)]
    for row in rows:
        indicator = row.indicator
        if indicator is not None:
            tier = indicator.tier
            seen = counts.get(tier, 0)
            counts[tier] = seen + 1
            if seen:
                if tier == QUANTITY:
                    quantity += 1
                else:
                    duplicate += 1
            groups.add(indicator.group)
            if indicator.yuan_per_unit is not None and indicator.agrees(project):
                agreeing += 1
        if row.start or row.name_part or row.goal_part:
            on_page = pages.get(row.page, 0)
            pages[row.page] = on_page + 1
            twice += on_page > 0
        found.append((duplicate, quantity, expected - len(groups), -agreeing, twice))
    return found


def _decidable(projects: list[_Project], before: int, after: int, fixed_before: list[_Row], segment: list[_Row],
               fixed_after: list[_Row]) -> bool:
    """Whether the evidence puts the cut between the two projects' rows where it truly is.

    Every other cut must be no better on any count and worse on one that is not a second 数量指标,
    whatever the weights of the counts."""
    n = len(segment)
    cut = sum(1 for row in segment if row.project == before)
    with_before = _evidence_by_size(fixed_before + segment, projects[before])[len(fixed_before):]
    with_after = _evidence_by_size(fixed_after + segment[::-1], projects[after])[len(fixed_after):]
    # cut k: the project before has segment[:k], the one after segment[k:] (n − k rows of it)
    counts = [[x + y for x, y in zip(with_before[k], with_after[n - k])] for k in range(n + 1)]
    truth = counts[cut]
    for k in range(n + 1):
        if k == cut:
            continue
        worse = [i - j for i, j in zip(counts[k], truth)]
        if min(worse) < 0 or worse[0] + worse[2] + worse[3] + worse[4] <= 0:
            return False
    return True


class _Layout:
    """Rows of 表12 in order, each with its page, and the bookkeeping of the splits."""

    def __init__(self, doc: _Doc, projects: list[_Project]) -> None:
        self.doc = doc
        self.projects = projects
        self.rows: list[_Row] = []
        self.page = 0
        self.used = len(HEADER_12)
        self.capacity = _between(doc.rng, *PAGE_ROWS)

    def _whole(self, i: int, page: int) -> list[_Row]:
        return [_Row(i, indicator, page, k == 0) for k, indicator in enumerate(self.projects[i].indicators)]

    def place(self) -> list[_Row]:
        for i, project in enumerate(self.projects):
            size = len(project.indicators)
            if i == 0 or self.used + size <= self.capacity or not self._break_in(i):
                self.rows += self._whole(i, self.page)
                self.used += size
        return self.rows

    def _candidates(self, i: int) -> list[tuple[int, str]]:
        size = len(self.projects[i].indicators)
        drawn = max(0, min(size - 1, self.capacity - self.used))
        offsets = [0] + [s for d in range(1, MAX_SHIFT + 1) for s in (-d, d)]
        found = []
        for offset in offsets:
            t = drawn + offset
            if not 0 <= t < size:
                continue
            if t == 0:
                found.append((0, "between"))
            else:
                families = ["after", "before"]
                self.doc.rng.shuffle(families)
                found += [(t, f) for f in families]
        return found

    def _break_in(self, i: int) -> bool:
        """Put a page break in or before project i, in the first decidable way near the drawn row."""
        for t, family in self._candidates(i):
            rows_here, rows_next, kind = self._trial(i, t, family)
            if self.used + len(rows_here) < MIN_PAGE_ROWS:
                continue
            if not self._check(i, family, rows_here, rows_next):
                continue
            self.rows += rows_here + rows_next
            self.doc.count(kind)
            self.page += 1
            self.used = len(rows_next)
            self.capacity = _between(self.doc.rng, *PAGE_ROWS)
            return True
        return False

    def _trial(self, i: int, t: int, family: str) -> tuple[list[_Row], list[_Row], str]:
        """Project i's rows on this page and the next, split after t rows in the given way."""
        rng = self.doc.rng
        project = self.projects[i]
        indicators = project.indicators
        page, following = self.page, self.page + 1
        if family == "between":
            return [], self._whole(i, following), "break_between_projects"
        if family == "after":  # code and text on this page, the last rows on the next
            here = [_Row(i, ind, page, k == 0) for k, ind in enumerate(indicators[:t])]
            there = [_Row(i, ind, following) for ind in indicators[t:]]
            first = there[0]
            if rng.random() < 0.35 and len(project.name) >= 4:
                cut = _split_point(rng, project.name, 2)
                if cut is not None:
                    here[0].name_part, first.name_part = project.name[:cut], project.name[cut:]
                    first.fragment = "name_tail_after_break"
            if rng.random() < 0.5:
                cut = _split_point(rng, project.goal, 4)
                if cut is not None:
                    here[0].goal_part, first.goal_part = project.goal[:cut], project.goal[cut:]
                    first.fragment = "name_and_goal_tail_after_break" if first.fragment else "goal_tail_after_break"
            return here, there, "rows_after_break_to_previous"
        # "before": the first rows (and the head of the goal) on this page, code and text on the next
        here = [_Row(i, ind, page) for ind in indicators[:t]]
        there = [_Row(i, indicators[t], following, True)] + [_Row(i, ind, following) for ind in indicators[t + 1 :]]
        where = rng.random()
        cut = _split_point(rng, project.goal, 4) if where < 0.7 else None
        if cut is not None:
            head, there[0].goal_part = project.goal[:cut], project.goal[cut:]
            if where < 0.35:
                here.append(_Row(i, None, page, goal_part=head, fragment="goal_head_on_own_row"))
            else:
                here[0].goal_part, here[0].fragment = head, "goal_head_on_indicator_row"
        return here, there, "rows_before_break_to_next"

    def _check(self, i: int, family: str, rows_here: list[_Row], rows_next: list[_Row]) -> bool:
        if family == "after":  # between project i and the next, whose rows all follow on the next page
            if i + 1 == len(self.projects):
                return True
            fixed_after = self._whole(i + 1, self.page + 1)
            rows = rows_here + rows_next
            return _decidable(self.projects, i, i + 1, rows[:1], rows[1:], fixed_after)
        # between project i - 1 (placed on this page) and project i
        first = len(self.rows)
        while first and self.rows[first - 1].project == i - 1:
            first -= 1
        previous = self.rows[first:]
        start = next(n for n, r in enumerate(previous) if r.start)
        segment = previous[start + 1 :] + rows_here
        return _decidable(self.projects, i - 1, i, previous[: start + 1], segment, rows_next)


def _finish_parts(projects: list[_Project], rows: list[_Row]) -> None:
    """Rows without a split of their text print the whole name and goal on the start row."""
    for row in rows:
        if row.start:
            project = projects[row.project]
            if row.name_part is None:
                row.name_part = project.name
            if row.goal_part is None:
                row.goal_part = project.goal


def _table12(doc: _Doc, projects: list[_Project]) -> None:
    rng = doc.rng
    layout = _Layout(doc, projects)
    rows = layout.place()
    _finish_parts(projects, rows)
    doc.emit("预算表12 年度项目支出绩效表")
    doc.emit("")
    doc.emit("金额单位：万元")
    doc.emit("")
    for header in HEADER_12:
        doc.emit(header)
    pages: list[list[_Row]] = []
    for row in rows:
        if not pages or pages[-1][0].page != row.page:
            pages.append([])
        pages[-1].append(row)
    leads: set[int] = set()
    for number, page_rows in enumerate(pages):
        if number:
            doc.emit("")
        starts = [projects[r.project] for r in page_rows if r.start]
        needs_other = any(p.other is not None for p in starts)
        with_unit = 1 if rng.random() < 0.3 else 0
        amounts = _weighted(rng, (2, 3, 4), (35, 80, 100))
        if needs_other and amounts == 2:
            amounts = 3
        lead = with_unit + amounts + 2
        leads.add(lead)
        qualitative = _weighted(rng, ("padded", "bare", "shifted"), (40, 60, 100))
        trailing = rng.random() < 0.25
        unit_text = f"{doc.unit_code}-{doc.unit_name}" if with_unit and rng.random() < 0.85 else ""
        if unit_text:
            doc.count("unit_cell_in_table12")
        last = len(page_rows) - 1
        for position, row in enumerate(page_rows):
            project = projects[row.project]
            indicator = row.indicator
            style = qualitative
            if indicator is not None and indicator.comparator == QUALITATIVE:
                if rng.random() < 0.1:
                    style = _pick(rng, ("padded", "bare", "shifted"))
                if style == "shifted":
                    doc.count("qualitative_shifted")
            if row.start:
                cells = [unit_text] if with_unit else []
                unit_text = ""
                name = _insert_spaces(rng, row.name_part or "", _between(rng, 1, 3)) if project.spaced_name else row.name_part
                cells.append(f"{project.code_printed}-{name}")
                fiscal = project.fiscal if project.fiscal_printed else None
                printed = [_amount_12(project, m) for m in (project.total, fiscal, project.other)]
                cells += (printed + [""])[:amounts]
                cells.append(row.goal_part or "")
            else:
                jitter = 0
                if not row.has_text and position in (0, last) and rng.random() < 0.2:
                    jitter = _pick(rng, (-1, 1))
                    doc.count("lead_jitter")
                cells = [""] * (lead + jitter)
                if row.name_part:
                    cells[with_unit] = _insert_spaces(rng, row.name_part, 1) if project.spaced_name else row.name_part
                if row.goal_part:
                    cells[lead - 1] = row.goal_part
                if row.fragment:
                    doc.count(row.fragment)
            cells += indicator.cells(style, trailing) if indicator is not None else [""] * 6
            line = doc.emit("\t".join(cells))
            if row.start:
                project.line = line
            if indicator is not None:
                indicator.line = line
    doc.count("distinct_leads_table12", len(leads))
    doc.emit("")


def _amount_12(project: _Project, micro: int | None) -> str:
    if micro is None:
        return ""
    text = _printed(micro)
    return text.replace(".", ". ", 1) if project.broken_amounts else text


# ---- 表13 ------------------------------------------------------------------------------------


@dataclass
class _Activity:
    name: str
    indicators: list[_Indicator]
    line: int = 0


def _activity_indicator(doc: _Doc, tier: str, name: str, projects: list[_Project]) -> _Indicator:
    """An activity's indicator; its cost target is in 万元, near one of the projects' amounts."""
    rng = doc.rng
    if tier == "cost-economic":
        source = _pick(rng, projects).total_decimal
        text = plain(source.quantize(Decimal("0.01")))
        if text == "0":
            text = "1"
        return _Indicator(tier, f"{name}成本", "≤", str(Decimal(text)), text, _units()["WanYuan"].printed[0])
    return _indicator(rng, tier)


def _table13(doc: _Doc, projects: list[_Project], budget: _Budget) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """表13 written; returns the truth of the department block and of the activities."""
    rng = doc.rng
    doc.emit("预算13表 部门整体支出绩效目标表")
    doc.emit("")
    doc.emit(f"({doc.year}年度)")
    doc.emit("")
    named = rng.random() < 0.3
    name_line = doc.emit(f"部门名称\t{doc.unit_name}\t\t\t\t\t\t" if named else "部门名称\t\t\t\t\t\t\t")
    doc.emit("总体资金情况（万元）\t\t预算支出总额\t财政拨款\t\t\t其他资金\t")
    doc.emit("\t\t\t合计\t基本支出\t项目支出\t合计\t基本支出")
    amounts = (budget.total, budget.fiscal_total, budget.fiscal_basic, budget.fiscal_project, budget.other_total,
               budget.other_basic)
    amounts_line = doc.emit("\t".join(["", "", *(_cell(m) for m in amounts)]))
    activities = [_Activity(name, []) for name in rng.sample(_ACTIVITIES, _between(rng, 3, 6))]
    goal = _pick(rng, _DEPARTMENT_GOALS).format(u=doc.unit_name, a="、".join(a.name for a in activities))
    goal_line = doc.emit(f"整体绩效目标\t整体绩效目标\t{goal}\t\t\t\t\t")
    doc.emit("\t其他说明\t\t\t\t\t\t")
    doc.emit("\t\t活动\t绩效指标\t指标性质\t指标值\t度量单位\t")
    rows: list[tuple[_Activity, _Indicator]] = []
    for activity in activities:
        activity.indicators = [_activity_indicator(doc, k, activity.name, projects) for k in _kinds(doc, activity=True)]
        rows += [(activity, indicator) for indicator in activity.indicators]
    page_break = _between(rng, len(rows) // 3, len(rows) - 2)
    one_lead = _between(rng, max(0, page_break - 3), page_break)
    doc.count("table13_page_break")
    for n, (activity, indicator) in enumerate(rows):
        if n == page_break:
            doc.emit("")
        lead = 2 if n < one_lead else (1 if n < page_break else 0)
        cells = [""] * lead + [activity.name, indicator.label1 + indicator.label2 + indicator.name, indicator.comparator]
        if indicator.comparator == QUALITATIVE:
            cells += [indicator.value_text, ""]
        else:
            cells += [indicator.value_text, indicator.unit or ""]
        if lead == 2 or (lead == 1 and indicator.comparator == QUALITATIVE):
            cells.append("")
        line = doc.emit("\t".join(cells))
        indicator.line = line
        if not activity.line:
            activity.line = line
    doc.count("table13_glued_tiers", len(rows))
    block = {
        "total": _truth_or_none(budget.total), "fiscal_total": _truth_or_none(budget.fiscal_total),
        "fiscal_basic": _truth_or_none(budget.fiscal_basic), "fiscal_project": _truth_or_none(budget.fiscal_project),
        "other_total": _truth_or_none(budget.other_total), "other_basic": _truth_or_none(budget.other_basic),
        "goal": goal, "amounts_line": amounts_line, "goal_line": goal_line,
        "name": doc.unit_name if named else None, "name_line": name_line if named else None,
    }
    return block, [{"name": a.name, "indicators": [i.truth() for i in a.indicators], "line": a.line} for a in activities]


def _truth_or_none(micro: int) -> str | None:
    return _truth_amount(micro) if micro else None


# ---- the document --------------------------------------------------------------------------


def generate(seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """Document ``index`` of the corpus ``seed``: its text and its truth (see the module docstring)."""
    rng = random.Random(seed + index)
    unit_name, admin = _unit_name(rng)
    doc = _Doc(rng, f"{_between(rng, 1, 9)}{_between(rng, 0, 99999):05d}", unit_name, _between(rng, *YEARS), admin)
    return _document(doc, _projects(doc), seed, index)


def _document(doc: _Doc, projects: list[_Project], seed: int, index: int) -> tuple[str, dict[str, Any]]:
    """The unit's tables around its projects, drawn with ``doc.rng``: the text and its truth."""
    items = _items(doc, projects)
    budget = _budget(items)
    doc.emit("")
    doc.emit("")
    _table01(doc, items, budget)
    _table03(doc, items)
    _table04(doc, projects)
    _table05(doc, items, budget)
    _table06(doc, items, budget)
    _table07(doc, items, budget)
    _empty_fund_tables(doc)
    _table10(doc, items)
    _table11(doc, projects)
    _table12(doc, projects)
    block, activities = _table13(doc, projects, budget)
    truth: dict[str, Any] = {
        "unit_code": doc.unit_code,
        "unit_name": doc.unit_name,
        "year": doc.year,
        "projects": [
            {
                "code": p.code, "name": p.name, "total": _truth_amount(p.total),
                "fiscal": _truth_amount(p.fiscal) if p.fiscal is not None and p.fiscal_printed else None,
                "other": _truth_amount(p.other) if p.other is not None else None,
                "goal": p.goal, "indicators": [i.truth() for i in p.indicators], "line": p.line,
            }
            for p in projects
        ],
        "department": block,
        "activities": activities,
        "synth": {
            "seed": seed,
            "index": index,
            "damage": dict(sorted(doc.damage.items())),
            "errors": doc.errors,
            "budget": {k: _truth_amount(v) for k, v in vars(budget).items()},
            "table03_basic_in_project_column": doc.moved_cells,
            # The function class (支出功能分类 项) each project is budgeted under in 表06.
            "project_functions": {p.code: p.function for p in projects},
        },
    }
    return "\n".join(doc.lines) + "\n", truth


def reader_view(disclosure: Disclosure) -> dict[str, Any]:
    """The part of ``to_jsonable(disclosure)`` a truth file holds, to compare with it.

    Built field by field (to_jsonable of each), which is the same as converting the whole
    Disclosure and dropping the rest, without the cost of its cells, skipped lines and decisions."""

    def pick(record: Any, names: Sequence[str]) -> dict[str, Any]:
        return {name: (indicators(getattr(record, name)) if name == "indicators" else to_jsonable(getattr(record, name)))
                for name in names}

    def indicators(items: Sequence[Any]) -> list[dict[str, Any]]:
        return [pick(indicator, INDICATOR_FIELDS) for indicator in items]

    return {
        "unit_code": disclosure.unit_code,
        "unit_name": disclosure.unit_name,
        "year": disclosure.year,
        "projects": [pick(p, PROJECT_FIELDS) for p in disclosure.projects],
        "department": to_jsonable(disclosure.department),
        "activities": [pick(a, ACTIVITY_FIELDS) for a in disclosure.activities],
    }


def truth_view(truth: dict[str, Any]) -> dict[str, Any]:
    """A truth file without its ``synth`` bookkeeping: what reader_view must equal."""
    return {k: truth[k] for k in TRUTH_FIELDS}


# ---- a corpus in series: the same units across districts and years ------------------------------
#
# Unit u is in district u mod D (Beijing's, in GB/T 2260 order: 110101 东城区, 110102 西城区, 110105
# 朝阳区 …) and has a document for each year, adjacent: index = u × len(years) + the year's position.
# The k-th unit of every district has the unit code 623000 + k (codes are assigned per district,
# so only the region and the code together name a department; names differ within a district for
# k < 40), and its project serials start at k × UNIT_SERIALS, so no two units of a district share
# a project code. n documents are ⌈n / len(years)⌉ units, the last without its later years when n
# is not a multiple of len(years). A unit's projects are drawn for its first year; each later
# year keeps most of them (their codes, names and indicators), changes some amounts (and the cost
# targets that follow them) and targets, drops a few and adds a few with new codes. Each year has
# its own generator, seeded by (seed, unit, year), so a document is regenerated alone: it replays
# only its unit's changes up to its year, which are cheap beside its tables.

SERIES_YEARS = (2024, 2025)  # the years when none are given
YEAR_RANGE = (2000, 2099)
AMOUNT_CHANGE, TARGET_CHANGE = 0.3, 0.25  # chance, per kept project and year, of a new 项目总额, of a new target
DROPPED, ADDED = 0.06, 0.06  # chance, per project and year, that it is dropped, that a new one is added
UNIT_SERIALS = 1_000_000
MAX_UNITS_PER_DISTRICT = 77_000  # unit codes 623000 … 699999


@dataclass(frozen=True)
class Series:
    """The districts and years of a corpus in series (see above)."""

    districts: int = 1
    years: tuple[int, ...] = SERIES_YEARS

    def __post_init__(self) -> None:
        if not 1 <= self.districts <= len(_DISTRICTS):
            raise KgError(f"{self.districts} districts: give 1 to {len(_DISTRICTS)} (Beijing has {len(_DISTRICTS)})")
        if not self.years or list(self.years) != sorted(set(self.years)):
            raise KgError(f"years {list(self.years)}: give one or more different years, in increasing order")
        if not all(YEAR_RANGE[0] <= y <= YEAR_RANGE[1] for y in self.years):
            raise KgError(f"years {list(self.years)}: each must lie in {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")

    def place(self, index: int) -> tuple[int, int]:
        """Document ``index``'s unit and the position of its year."""
        return divmod(index, len(self.years))


def parse_years(text: str) -> tuple[int, ...]:
    """``2024-2026``, ``2024,2025`` or ``2024 2025`` as years in increasing order."""
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        if len(parts) == 1 and "-" in parts[0][1:]:
            first, last = (int(y) for y in parts[0].split("-", 1))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(sorted(int(p) for p in parts))
    except ValueError:
        raise KgError(f"years {text!r}: give them as 2024-2026, 2024,2025 or '2024 2025'") from None
    Series(1, years)  # checks them
    return years


def _series_unit_name(rng: random.Random, district: int, k: int) -> tuple[str, str]:
    """The k-th unit's name, different from the other units of its district for k < 40."""
    name = _DISTRICTS[district][1]
    if k % 8 == 7:
        bureau, function = _BUREAUS[(k // 8 + district) % len(_BUREAUS)]
        return f"北京市{name}{bureau}", function
    street = _STREETS[(k + 7 * district) % len(_STREETS)]
    if rng.random() < 0.85:
        return f"北京市{name}人民政府{street}街道办事处", "2120101-行政运行"
    return f"北京市{name}{street}地区办事处", "2120101-行政运行"


_OTHER_COMPARATORS = {"≥": ("=",), "≤": ("=",), "=": ("≥",)}  # when the template allows one comparator only


def _template(indicator: _Indicator) -> tuple[str, tuple[Any, ...]] | None:
    """The comparators and value spec an indicator was drawn from; None for a 定性 or whole-project
    cost target (the latter follows the amount)."""
    if indicator.comparator == QUALITATIVE or indicator.yuan_per_unit is not None:
        return None
    found = _TEMPLATES.get(indicator.tier, ()) + (_PER_UNIT_COSTS if indicator.tier == "cost-economic" else ())
    for name, comparators, spec, _ in found:
        if name == indicator.name:
            return comparators, spec
    return None


def _change_target(rng: random.Random, project: _Project) -> None:
    """Another comparator or value for one of the project's targets (cost targets follow the amount)."""
    choices = [(i, found) for i in project.indicators if (found := _template(i)) is not None]
    if not choices:
        return
    indicator, (comparators, spec) = _pick(rng, choices)
    others = [c for c in comparators if c != indicator.comparator] or _OTHER_COMPARATORS[indicator.comparator]
    if rng.random() < 0.3:
        indicator.retarget(_pick(rng, others), indicator.value, indicator.value_text)
        return
    assert indicator.value is not None
    for _ in range(10):  # a value of the template's, as it is drawn (an "of" of one value keeps it)
        text = _value(rng, spec)
        if Decimal(text) != Decimal(indicator.value):
            indicator.retarget(indicator.comparator, str(Decimal(text)), text)
            return


def _change_amount(rng: random.Random, project: _Project) -> None:
    """A new 项目总额 (60–150 % of the last, to the 分 of 万元), its funds and its cost target with it. A
    project whose cost target is a deliberate error keeps its amount, and so its error."""
    if any(e["kind"].startswith("cost target") for e in project.errors):
        return
    cent = MICRO // 100
    total = max(cent, round(project.total * (0.6 + 0.9 * rng.random()) / cent) * cent)
    mixed = project.fiscal is not None and project.other is not None
    if total == project.total or (project.broken_amounts and total >= 1000 * MICRO) or (mixed and total - (project.other or 0) < cent):
        return
    project.total = total
    if project.fiscal is None:
        project.other = total
    else:
        project.fiscal = total - (project.other or 0)
    project.damage.pop("amount_thousands", None)
    if total >= 1000 * MICRO:
        project.damage["amount_thousands"] = 1
    for indicator in project.indicators:
        if indicator.yuan_per_unit is not None:
            text = _agreeing_cost(rng, project, indicator.yuan_per_unit)
            indicator.retarget(indicator.comparator, str(Decimal(text)), _cost_printed(project, text))


def _next_year(doc: _Doc, projects: list[_Project], region: str, serial: int) -> tuple[list[_Project], int]:
    """The projects of ``doc.year``: most of last year's, some changed, a few dropped, a few new."""
    rng = doc.rng
    kept: list[_Project] = []
    for n, project in enumerate(projects):
        if rng.random() < DROPPED and len(kept) + len(projects) - n - 1 >= PROJECTS[0]:
            continue
        kept.append(project)
    for project in kept:
        if rng.random() < AMOUNT_CHANGE:
            _change_amount(rng, project)
        if rng.random() < TARGET_CHANGE:
            _change_target(rng, project)
    added = min(sum(rng.random() < ADDED for _ in kept), PROJECTS[1] - len(kept))
    for _ in range(added):
        serial += _between(rng, 1, 4000)
        kept.insert(_between(rng, 0, len(kept)), _project(doc, f"{region}{doc.year % 100:02d}T{serial:012d}"))
    return kept, serial


def _snapshot(year: int, projects: list[_Project]) -> dict[str, Any]:
    """The part of a year's truth that changes_between reads, taken before the next year changes it."""
    return {"year": year, "projects": [{"code": p.code, "name": p.name, "total": _truth_amount(p.total),
                                         "indicators": [i.truth() for i in p.indicators]} for p in projects]}


def _unit_in_series(seed: int, unit: int, series: Series, position: int
                    ) -> tuple[_Doc, list[_Project], dict[str, Any] | None]:
    """The unit (as a _Doc for the year at ``position``, its damage and errors those of the projects
    it prints), its projects that year, and a snapshot of them the year before (None in the first)."""
    k, district = divmod(unit, series.districts)
    region = _DISTRICTS[district][0]
    rng = random.Random(f"kg synth series {seed} unit {unit}")
    name, admin = _series_unit_name(rng, district, k)
    scratch = _Doc(rng, str(623000 + k), name, series.years[0], admin)
    projects = _projects(scratch, serial_base=k * UNIT_SERIALS)
    serial = max(int(p.code[-12:]) for p in projects)
    previous = None
    for before, year in zip(series.years, series.years[1 : position + 1]):
        previous = _snapshot(before, projects)
        scratch.rng, scratch.year = random.Random(f"kg synth series {seed} unit {unit} year {year}"), year
        projects, serial = _next_year(scratch, projects, region, serial)
    year = series.years[position]
    doc = _Doc(random.Random(f"kg synth series {seed} unit {unit} year {year} document"), scratch.unit_code, name, year, admin)
    for project in projects:
        for kind, n in project.damage.items():
            doc.count(kind, n)
        doc.errors += project.errors
    return doc, projects, previous


def generate_in_series(seed: int, index: int, series: Series) -> tuple[str, dict[str, Any]]:
    """Document ``index`` of the corpus ``seed`` in series: its text and truth. The truth's ``synth``
    block has ``series``: the region (the district's GB/T 2260 code), the unit's number, the years,
    and against the year before (``previous_year``, None in the first) what kg.synth.changes finds:
    ``amount_changes`` (code, name, previous_total, total, difference), ``target_changes`` (code,
    name, tier2, indicator, occurrence, previous_comparator, previous_value, comparator, value,
    unit, change: lowered, raised, value or comparator, and this year's line), and the codes
    ``dropped`` and ``added``."""
    unit, position = series.place(index)
    doc, projects, previous = _unit_in_series(seed, unit, series, position)
    text, truth = _document(doc, projects, seed, index)
    found = changes_between(previous, truth) if previous is not None else {
        "previous_year": None, "amount_changes": [], "target_changes": [], "dropped": [], "added": []}
    truth["synth"]["series"] = {"region": _DISTRICTS[unit % series.districts][0], "unit": unit, "years": list(series.years), **found}
    return text, truth


# ---- writing a corpus ----------------------------------------------------------------------


def document_name(index: int, truth: dict[str, Any], width: int = 5) -> str:
    """The file name of a generated document: NNNNN_<unit code>_<year>.txt."""
    return f"{index:0{width}d}_{truth['unit_code']}_{truth['year']}.txt"


def document(seed: int, index: int, series: Series | None = None) -> tuple[str, dict[str, Any]]:
    """Document ``index`` of the corpus ``seed``, in series or not."""
    return generate(seed, index) if series is None else generate_in_series(seed, index, series)


def _write_range(seed: int, start: int, stop: int, out_dir: str, width: int, series: Series | None = None, fmt: str = "txt") -> list[str]:
    """Generate and write documents start … stop−1. Each pair of files is written atomically (with
    fsync, which dominates); a few writer threads overlap that wait with the next generation."""
    written = []
    swept: set[Path] = set()  # the output folder is swept of a killed run's leftovers once, not per document
    with ThreadPoolExecutor(max_workers=WRITER_THREADS) as writers:
        pending: deque[Future[None]] = deque()
        for index in range(start, stop):
            text, truth = document(seed, index, series)
            path = Path(out_dir) / document_name(index, truth, width)
            body = text.encode("utf-8")
            if fmt == "xlsx":  # the same document as a workbook, its truth's lines renumbered to the workbook's
                body, truth = document_workbook(text, truth)
                path = path.with_suffix(".xlsx")
            elif fmt == "pdf":  # printed as a PDF (kg.synth.pdf), its truth's lines renumbered to the extract's
                body, truth = document_pdf(text, truth)
                path = path.with_suffix(".pdf")
            data = json.dumps(truth, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            outputs = [(path, body), (path.with_name(path.stem + TRUTH_SUFFIX), data)]
            pending.append(writers.submit(write_files_atomically, outputs, swept))
            written.append(str(path))
            if len(pending) > 4 * WRITER_THREADS:  # bounded memory however long the range
                pending.popleft().result()
        for future in pending:
            future.result()
    return written


def write_corpus(n: int, out_dir: Path, seed: int = 0, workers: int | None = None, *,
                 districts: int | None = None, years: Sequence[int] | None = None, fmt: str = "txt") -> list[Path]:
    """Write documents 0 … n−1 of corpus ``seed`` into ``out_dir``: NNNNN_<unit>_<year>.txt, each with
    a sibling NNNNN_<unit>_<year>.truth.json, the pair written atomically. ``workers`` > 1 splits
    the work across processes (None: one per available core); the bytes are the same either way.
    With ``districts`` or ``years`` the corpus is in series: the same units in that many districts
    (default 1), each with a document per year (default SERIES_YEARS), n documents in all (see
    Series). ``fmt`` ``xlsx`` writes each document as a workbook (kg.synth.workbook), ``pdf`` as a
    PDF (kg.synth.pdf), instead of text. Returns the documents' paths in index order."""
    if n < 0:
        raise KgError(f"cannot write {n} documents: the number must be 0 or more")
    if fmt not in FORMATS:
        raise KgError(f"cannot write documents as {fmt!r}: the formats are {', '.join(FORMATS)}")
    series = None
    if districts is not None or years is not None:
        series = Series(1 if districts is None else districts, SERIES_YEARS if years is None else tuple(years))
        units = -(-n // len(series.years))
        if units > MAX_UNITS_PER_DISTRICT * series.districts:
            raise KgError(f"{n} documents need {units} units: at most {MAX_UNITS_PER_DISTRICT} a district")
    out_dir = make_folder(Path(out_dir))
    width = max(5, len(str(max(n - 1, 0))))
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = max(1, min(workers, n // 20 or 1))
    if workers == 1:
        return [Path(p) for p in _write_range(seed, 0, n, str(out_dir), width, series, fmt)]
    chunk = max(1, min(200, n // (workers * 4)))
    bounds = [(start, min(n, start + chunk)) for start in range(0, n, chunk)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_write_range, seed, start, stop, str(out_dir), width, series, fmt) for start, stop in bounds]
        return [Path(p) for future in futures for p in future.result()]
