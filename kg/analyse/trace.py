"""Which projects (预算表12) serve which department activities (预算13表): links inferred openly.

The disclosure does not state these links, so they are inferred from evidence, each kind with a
weight, and every link lists its evidence in words a reader can check:

- ``cost``: the activity's whole-activity cost target agrees with one project's amount at the
  target's printed precision (960 万元 and 基层党组织服务群众's 960). Sums of several projects are
  evidence only when exact and unique: rounding makes almost any target the sum of some pair.
- ``function``: the project is funded by a function classification (支出功能分类) whose name is
  the activity's name (城乡社区环境卫生 is also a 项 of 212 城乡社区支出), when the budget tables
  prove the funding.
- ``name``: the activity's name or one of its indicators' names and the project's name share a
  run of at least four characters found in at most two project names (基层党组织服务群众成本 and
  the project 基层党组织服务群众): activity cost indicators often name what they pay for.
- ``indicator``: the activity and the project share a quantitative target (value and unit), weighted
  by how rare that target is among the projects (24 个 communities is common, 130 个 is not).
- ``text``: TF-IDF cosine of character bigrams of the activity's name and indicators against the
  project's name, goal and indicators. Character bigrams need no dictionary (jieba's would miss
  budget terms and the extraction's broken words) and most Chinese words are two characters; the
  IDF over this disclosure's own texts discounts the words every row shares (满意度, 支出, 工作).

A reviewed-links file (TOML) confirms or rejects links; confirmed links are kept whatever their
score, rejected ones are dropped.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import combinations
from pathlib import Path

from kg.analyse.funding import FunctionLinks, function_links
from kg.errors import KgError
from kg.numbers import agrees_at_printed_precision, plain
from kg.output import Rows, escape_control
from kg.records import (
    Activity,
    Disclosure,
    DocumentKind,
    Indicator,
    Project,
    target_as_printed,
)
from kg.vocab import cost_in_wan, tier_vocabulary

W_COST_SINGLE = 0.6
W_COST_SUM = 0.3
W_FUNCTION = 0.5
W_INDICATOR = 0.3  # divided by the number of projects sharing the target
W_NAME_PER_CHARACTER = 0.075  # of the shared run of characters
W_NAME_MAX = 0.6
MIN_NAME_RUN = 4
W_TEXT = 1.5  # times the cosine, which is rarely above 0.3 for related texts
DEFAULT_MIN_SCORE = 0.25
MAX_SUM_SIZE = 3


class TraceError(KgError):
    """A reviewed-links file is malformed or names an unknown activity or project."""


class EvidenceKind(StrEnum):
    COST = "cost"
    FUNCTION = "function"
    NAME = "name"
    INDICATOR = "indicator"
    TEXT = "text"
    REVIEW = "review"


class LinkStatus(StrEnum):
    INFERRED = "inferred"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"  # a review's verdict only: rejected links leave the trace


@dataclass(frozen=True)
class Evidence:
    kind: EvidenceKind
    weight: float
    text: str


@dataclass(frozen=True)
class Link:
    activity: str
    project: str  # project code
    score: float
    status: LinkStatus  # inferred or confirmed
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Review:
    activity: str
    project: str
    status: LinkStatus  # confirmed or rejected
    note: str = ""


@dataclass
class Trace:
    links: list[Link] = field(default_factory=list)
    unclaimed: list[str] = field(default_factory=list)  # codes of projects no activity claims
    rejected: list[Review] = field(default_factory=list)
    activity: str | None = None  # the one activity traced (--activity); None: all of them


# ---- evidence --------------------------------------------------------------------------------




def _cost_targets(activity: Activity) -> list[tuple[Indicator, Decimal]]:
    cost = tier_vocabulary().cost.label
    return [(i, wan) for i in activity.indicators if i.tier1 == cost and (wan := cost_in_wan(i)) is not None]


def cost_evidence(activity: Activity, projects: Sequence[Project]) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = {}
    for indicator, wan in _cost_targets(activity):
        target = f"cost target {indicator.value_text} {indicator.unit} (line {indicator.line})"
        for p in projects:
            if p.total is not None and agrees_at_printed_precision(wan, p.total):
                found.setdefault(p.code, []).append(
                    Evidence(EvidenceKind.COST, W_COST_SINGLE, f"{target} agrees with the project's amount {plain(p.total)} 万元")
                )
        if any(p.code in found for p in projects):
            continue
        amounts = [p for p in projects if p.total is not None]
        exact = [c for k in range(2, MAX_SUM_SIZE + 1) for c in combinations(amounts, k) if sum(p.total for p in c) == wan]  # type: ignore[misc]
        if len(exact) == 1:
            members = exact[0]
            names = " + ".join(f"{plain(p.total)}" for p in members)  # type: ignore[arg-type]
            for p in members:
                found.setdefault(p.code, []).append(
                    Evidence(EvidenceKind.COST, W_COST_SUM, f"{target} is exactly the sum of {len(members)} projects' amounts ({names})")
                )
    return found


ProjectFunction = tuple[str, str, str, str]  # project code, function code, function name, proof


def function_evidence(activity: Activity, functions: Sequence[ProjectFunction]) -> dict[str, list[Evidence]]:
    """Projects funded (as the budget tables prove) by a function class named like the activity."""
    found: dict[str, list[Evidence]] = {}
    for code, function_code, function_name, proof in functions:
        if function_name and (function_name == activity.name or function_name in activity.name or activity.name in function_name):
            found.setdefault(code, []).append(
                Evidence(EvidenceKind.FUNCTION, W_FUNCTION, f"funded by function {function_code} {function_name}, the activity's name ({proof})")
            )
    return found


def project_functions(links: FunctionLinks) -> list[ProjectFunction]:
    """(project code, function code, function name, proof) for links the budget tables prove."""
    return [
        (code, link.function_code, link.function_label or "", f"表06 line {link.budget_line}, {link.method}")
        for link in links.links
        for code in link.projects
    ]


def _longest_common_run(a: str, b: str) -> str:
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _pieces(text: str) -> set[str]:
    """The runs of MIN_NAME_RUN characters in ``text``: a longer shared run holds one of them."""
    return {text[i : i + MIN_NAME_RUN] for i in range(len(text) - MIN_NAME_RUN + 1)}


def name_evidence(activity: Activity, projects: Sequence[Project]) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = {}
    sources = [(activity.name, f"the activity's name {activity.name}")] + [
        (i.name, f"its indicator {i.name} (line {i.line})") for i in activity.indicators
    ]
    pieces = [_pieces(text) for text, _ in sources]
    for p in projects:
        names = _pieces(p.name)
        best: tuple[str, str] = ("", "")
        for (text, where), own in zip(sources, pieces):
            # A text sharing no piece with the name shares no run long enough to count, and a
            # shorter run never decides which text is named: most pairs need no search.
            if own.isdisjoint(names):
                continue
            run = _longest_common_run(text, p.name)
            if len(run) > len(best[0]):
                best = (run, where)
        run, where = best
        if len(run) < MIN_NAME_RUN or sum(1 for q in projects if run in q.name) > 2:
            continue
        weight = min(W_NAME_MAX, W_NAME_PER_CHARACTER * len(run))
        found.setdefault(p.code, []).append(Evidence(EvidenceKind.NAME, weight, f"{where} and the project's name share “{run}”"))
    return found


def _shared_targets(projects: Sequence[Project]) -> dict[tuple[Decimal, str], list[Project]]:
    """The projects holding each quantitative target (value, unit), in project order."""
    shared: dict[tuple[Decimal, str], list[Project]] = {}
    for p in projects:
        for key in {(i.value.normalize(), i.unit or "") for i in p.indicators if i.value is not None}:
            shared.setdefault(key, []).append(p)
    return shared


def indicator_evidence(
    activity: Activity, projects: Sequence[Project], shared: dict[tuple[Decimal, str], list[Project]] | None = None,
) -> dict[str, list[Evidence]]:
    """Projects that print one of the activity's quantitative targets (value and unit), weighed by
    how few projects share it. ``shared`` is ``_shared_targets(projects)``, passed when the
    document's is already known."""
    if shared is None:
        shared = _shared_targets(projects)
    found: dict[str, list[Evidence]] = {}
    for indicator in activity.indicators:
        if indicator.value is None:
            continue
        holders = shared.get((indicator.value.normalize(), indicator.unit or ""), [])
        for p in holders:
            weight = W_INDICATOR / len(holders)
            text = (f"both target {indicator.value_text} {indicator.unit or ''}".rstrip()
                    + f" (activity line {indicator.line}; {len(holders)} project(s) share it)")
            found.setdefault(p.code, []).append(Evidence(EvidenceKind.INDICATOR, weight, text))
    return found


def _bigrams(text: str) -> Counter[str]:
    han = "".join(re.findall(r"[\u4e00-\u9fff]+", text))
    return Counter([han[i : i + 2] for i in range(len(han) - 1)])


def _activity_text(a: Activity) -> str:
    return a.name * 3 + "".join(i.name for i in a.indicators) + "".join(i.value_text for i in a.indicators if i.qualitative)


def _project_text(p: Project) -> str:
    return p.name * 3 + p.goal + "".join(i.name for i in p.indicators)


def text_evidence(activities: Sequence[Activity], projects: Sequence[Project]) -> dict[tuple[str, str], Evidence]:
    docs = {("a", a.name): _bigrams(_activity_text(a)) for a in activities}
    docs |= {("p", p.code): _bigrams(_project_text(p)) for p in projects}
    frequency: Counter[str] = Counter()
    for bag in docs.values():
        frequency.update(bag.keys())  # texts holding each bigram
    count = len(docs)
    idf = {g: math.log(count / n) for g, n in frequency.items()}  # once per bigram, not per text

    def vector(bag: Counter[str]) -> dict[str, float]:
        return {g: n * idf[g] for g, n in bag.items()}

    vectors = {key: vector(bag) for key, bag in docs.items()}
    norms = {key: math.sqrt(sum([v * v for v in vec.values()])) for key, vec in vectors.items()}
    found = {}
    for a in activities:
        va = vectors[("a", a.name)]
        for p in projects:
            vp = vectors[("p", p.code)]
            denominator = norms[("a", a.name)] * norms[("p", p.code)]
            if not denominator:
                continue
            # Only shared bigrams add to the dot product; added in the activity's order, the
            # float sum is the same to the last bit.
            products = {g: v * vp[g] for g, v in va.items() if g in vp}
            cosine = sum(products.values()) / denominator
            if cosine > 0:
                common = sorted(products, key=products.__getitem__, reverse=True)[:4]  # stable: ties in va's order
                found[(a.name, p.code)] = Evidence(
                    "text", W_TEXT * cosine, f"texts share {'、'.join(common)} (bigram cosine {cosine:.2f})"
                )
    return found


# ---- links -----------------------------------------------------------------------------------


def infer_links(disclosure: Disclosure, links: FunctionLinks, min_score: float = DEFAULT_MIN_SCORE) -> list[Link]:
    projects, activities = disclosure.projects, disclosure.activities
    texts = text_evidence(activities, projects)
    functions = project_functions(links)
    targets = _shared_targets(projects)  # the same for every activity
    found = []
    for a in activities:
        per_project: dict[str, list[Evidence]] = {}
        sources = (cost_evidence(a, projects), function_evidence(a, functions), name_evidence(a, projects), indicator_evidence(a, projects, targets))
        for source in sources:
            for code, items in source.items():
                per_project.setdefault(code, []).extend(items)
        for p in projects:
            if (a.name, p.code) in texts:
                per_project.setdefault(p.code, []).append(texts[(a.name, p.code)])
        for code, evidence in per_project.items():
            score = round(sum(e.weight for e in evidence), 3)
            if score > 0 and score >= min_score:  # a negligible overlap rounds to 0: no link
                ordered = tuple(sorted(evidence, key=lambda e: -e.weight))
                found.append(Link(a.name, code, score, LinkStatus.INFERRED, ordered))
    return sorted(found, key=lambda link: ([x.name for x in activities].index(link.activity), -link.score, link.project))


def load_reviews(path: str | Path, disclosure: Disclosure) -> list[Review]:
    """A reviewed-links file::

        [[link]]
        activity = "基层政权和社区建设"
        project = "11010523T000002085303"
        status = "confirmed"        # or "rejected"
        note = "the 960 万元 cost target is this project's amount"
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise TraceError(f"{path}: cannot read the reviewed-links file: {error}") from error
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        raise TraceError(f"{path}{':' + line.group(1) if line else ''}: not valid TOML: {error}") from error
    activities = {a.name for a in disclosure.activities}
    projects = {p.code for p in disclosure.projects}
    reviews = []
    # tomllib keeps no positions: an entry's line is that of its [[link]] header, given only when
    # the headers found are exactly the entries (not so for inline tables, or a header in a note).
    entries = data.get("link", [])
    header = re.compile(r"""[ \t]*\[\[[ \t]*(link|"link"|'link')[ \t]*\]\]""")
    headers = [n for n, line in enumerate(text.split("\n"), start=1) if header.match(line)]
    lines = headers if isinstance(entries, list) and len(headers) == len(entries) else None
    for number, item in enumerate(entries, start=1):
        where = f"{path}:{lines[number - 1]}: [[link]] #{number}" if lines else f"{path}: [[link]] #{number}"
        if not isinstance(item, dict) or {"activity", "project", "status"} - set(item):
            raise TraceError(f"{where} needs activity, project and status")
        if item["activity"] not in activities:
            raise TraceError(f"{where}: no activity {item['activity']!r} in 预算13表")
        if item["project"] not in projects:
            raise TraceError(f"{where}: no project {item['project']!r} in 预算表12")
        if item["status"] not in ("confirmed", "rejected"):
            raise TraceError(f"{where}: status must be 'confirmed' or 'rejected', not {item['status']!r}")
        reviews.append(Review(item["activity"], item["project"], LinkStatus(item["status"]), str(item.get("note", ""))))
    return reviews


def apply_reviews(links: list[Link], reviews: Sequence[Review]) -> tuple[list[Link], list[Review]]:
    by_pair = {(r.activity, r.project): r for r in reviews}
    kept: list[Link] = []
    for link in links:
        review = by_pair.pop((link.activity, link.project), None)
        if review is None:
            kept.append(link)
        elif review.status == LinkStatus.CONFIRMED:
            note = Evidence(EvidenceKind.REVIEW, 0.0, f"confirmed by a reviewer{': ' + review.note if review.note else ''}")
            kept.append(Link(link.activity, link.project, link.score, LinkStatus.CONFIRMED, (note, *link.evidence)))
    for review in by_pair.values():  # confirmed links the inference did not propose
        if review.status == LinkStatus.CONFIRMED:
            note = Evidence(EvidenceKind.REVIEW, 0.0, f"confirmed by a reviewer{': ' + review.note if review.note else ''}")
            kept.append(Link(review.activity, review.project, 0.0, LinkStatus.CONFIRMED, (note,)))
    return kept, [r for r in reviews if r.status == LinkStatus.REJECTED]


def trace(
    disclosure: Disclosure, reviews: Sequence[Review] = (), min_score: float = DEFAULT_MIN_SCORE, activity: str | None = None,
    links: FunctionLinks | None = None,
) -> Trace:
    """The links of each activity, reviewed; ``links`` are the document's function links when already found."""
    if activity is not None and activity not in {a.name for a in disclosure.activities}:
        names = "、".join(a.name for a in disclosure.activities)
        raise TraceError(f"no activity {activity!r} in 预算13表 (it has {names})" if names else
                         f"no activity {activity!r}: the document prints no activities (a department's 预算13表 or 部门整体 form does)")
    if links is None:
        links = function_links(disclosure)
    found, rejected = apply_reviews(infer_links(disclosure, links, min_score), reviews)
    order = [a.name for a in disclosure.activities]
    found.sort(key=lambda link: (order.index(link.activity), link.status != LinkStatus.CONFIRMED, -link.score, link.project))
    claimed = {link.project for link in found}
    # A department budget's projects that no activity claims; a form has no activities to claim its
    # project (a self-evaluation's is the budget's, claimed or not there).
    budget = disclosure.kind is DocumentKind.DISCLOSURE
    result = Trace(found, [p.code for p in disclosure.projects if budget and p.code not in claimed], rejected)
    if activity is not None:
        result.links = [link for link in found if link.activity == activity]
        result.activity = activity
    return result


# ---- presentation ------------------------------------------------------------------------------


def trace_rows(result: Trace, disclosure: Disclosure) -> Rows:
    """One row per link (activity, project, score, status, the kinds of its evidence, its evidence);
    unclaimed projects last. A store's trace (queries/trace.rq) prints the same without the evidence."""
    names = {p.code: p.name for p in disclosure.projects}
    rows = [
        [link.activity, link.project, names[link.project], Decimal(str(link.score)), link.status, evidence_methods(link),
         " | ".join(e.text for e in link.evidence)]
        for link in result.links
    ]
    rows += [["", code, names[code], None, "unclaimed", "", ""] for code in result.unclaimed]
    return Rows(["activity", "project_code", "project_name", "score", "status", "methods", "evidence"], rows)


def evidence_methods(link: Link) -> str:
    """The kinds of a link's evidence, in EvidenceKind's order (as queries/trace.rq spells them)."""
    kinds = {e.kind for e in link.evidence}
    return " ".join(kind.value for kind in EvidenceKind if kind in kinds)


def _target(i: Indicator) -> str:
    return f"{target_as_printed(i.comparator, i.value_text, i.unit)} ({i.line})" if not i.qualitative else f"定性 “{i.value_text[:20]}” ({i.line})"


def trace_text(result: Trace, disclosure: Disclosure) -> str:
    """The trace for reading: each activity's targets, linked projects with evidence, the money."""
    projects = {p.code: p for p in disclosure.projects}
    out: list[str] = []
    for a in disclosure.activities:
        if result.activity is not None and a.name != result.activity:
            continue  # another activity: its links were not traced, and "no project linked" would say they are none
        links = [link for link in result.links if link.activity == a.name]
        out.append(f"活动 {escape_control(a.name)} (line {a.line})")
        for i in a.indicators:
            out.append(f"  target  {i.tier2} {escape_control(i.name)}: {escape_control(_target(i))}")
        costs = _cost_targets(a)
        linked_total = sum((projects[link.project].total or Decimal(0)) for link in links)
        if costs:
            cost = costs[0][1]
            out.append(f"  money   cost target {plain(cost)} 万元; linked projects' amounts {plain(linked_total)} 万元 ({len(links)} project(s))")
        for link in links:
            p = projects[link.project]
            out.append(f"  project {p.code} {escape_control(p.name)} ({plain(p.total) if p.total is not None else '—'} 万元) score {link.score:g} {link.status}")
            for e in link.evidence:
                out.append(f"          {e.kind}: {escape_control(e.text)}")
            for i in a.indicators:
                same = [j for j in p.indicators if j.tier2 == i.tier2]
                if same and i.tier1 != tier_vocabulary().cost.label:
                    theirs = "; ".join(escape_control(_target(j)) for j in same)
                    out.append(f"          {i.tier2}: activity {escape_control(_target(i))} | project {theirs}")
        if not links:
            out.append("  no project linked")
        out.append("")
    if not disclosure.activities:
        out.append("no activities to trace: a department's 预算13表 or 部门整体 form prints them")
    if result.unclaimed:
        out.append(f"projects no activity claims ({len(result.unclaimed)}):")
        out += [f"  {code} {escape_control(projects[code].name)}" for code in result.unclaimed]
    return "\n".join(out) + "\n"
