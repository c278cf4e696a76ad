"""China's administrative divisions (GB/T 2260 codes) from ontology/regions.csv, and how kg finds a
document's region: from its project codes, its department's name, or what the user says.

Six-digit unit codes are assigned per district, so a unit is only identified with its region: the
same code in another district is another department.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, cached_property

from kg.errors import KgError
from kg.resources import ontology_file

# Prefecture rows the source names by their kind, not a place: left out of a full name.
_PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


class RegionError(KgError):
    """A region given by the user is not a code kg knows."""


class Level(StrEnum):
    PROVINCE = "province"
    CITY = "city"  # 地级 (prefecture)
    COUNTY = "county"  # 县级 (county, district, county-level city)


@dataclass(frozen=True)
class Region:
    code: str  # six digits: 110105, 110100, 110000
    name: str  # as the standard prints it: 朝阳区
    level: Level
    parent: str | None


@dataclass(frozen=True)
class Regions:
    by_code: dict[str, Region]

    def get(self, code: str) -> Region | None:
        return self.by_code.get(code)

    def chain(self, code: str) -> list[Region]:
        """The region and those above it, nearest first: 朝阳区, 市辖区 (Beijing's), 北京市."""
        found: list[Region] = []
        region = self.by_code.get(code)
        while region is not None and region not in found:
            found.append(region)
            region = self.by_code.get(region.parent) if region.parent else None
        return found

    def full_name(self, code: str) -> str:
        """北京市朝阳区, 吉林省长春市朝阳区: the names from the top, placeholders left out."""
        return "".join(r.name for r in reversed(self.chain(code)) if r.name not in _PLACEHOLDER_NAMES)

    @cached_property
    def lowest(self) -> tuple[Region, ...]:
        """The regions with none under them: counties, and the prefecture-level cities that have no
        counties (东莞市, 中山市): where a department's budget is disclosed."""
        parents = {r.parent for r in self.by_code.values()}
        return tuple(r for r in self.by_code.values() if r.code not in parents and r.level != Level.PROVINCE)


@cache
def regions() -> Regions:
    with ontology_file("regions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Regions({row["code"]: Region(row["code"], row["name"], Level(row["level"]), row["parent"] or None) for row in rows})


class RegionMethod(StrEnum):
    OPTION = "option"  # --region
    PROJECT_CODES = "project codes"
    DEPARTMENT_NAME = "department name"


@dataclass(frozen=True)
class RegionFinding:
    """A document's region and how kg knows it; ``alternatives`` are other regions that fit as well."""

    code: str
    method: RegionMethod
    evidence: str
    alternatives: tuple[str, ...] = ()


def check_region(code: str) -> Region:
    region = regions().get(code)
    if region is None:
        raise RegionError(f"--region {code!r} is not a GB/T 2260 code kg knows (six digits, e.g. 110105 for 北京市朝阳区)")
    return region


def find_region(project_codes: Sequence[str], department_name: str | None, given: str | None = None) -> RegionFinding | None:
    """The region of a document: ``given`` (checked), else the prefix most of its project codes
    share (Beijing's codes start with the district: 11010522T… is 北京市朝阳区), else the county-level
    names in the department's name, preferring those whose city or province is named too."""
    table = regions()
    if given is not None:
        region = check_region(given)
        return RegionFinding(region.code, RegionMethod.OPTION, f"given as --region {given} ({table.full_name(region.code)})")
    lowest = {r.code for r in table.lowest}

    def by_codes(prefixes: Counter[str]) -> RegionFinding | None:
        if prefixes:
            (code, count), *rest = prefixes.most_common()
            if count * 2 > len(project_codes):
                evidence = f"{count} of {len(project_codes)} project codes start with {code} ({table.full_name(code)})"
                return RegionFinding(code, RegionMethod.PROJECT_CODES, evidence, tuple(c for c, _ in rest))
        return None

    # A district's code (11010522T…), else the district the department's name names, else a province's code
    # (11000024T…: 北京市, its own departments'): a district's disclosure may list projects of the city's.
    found = by_codes(Counter(code[:6] for code in project_codes if code[:6] in lowest)) or _by_name(table, department_name)
    return found or by_codes(Counter(code[:6] for code in project_codes if code[:6] not in lowest and table.get(code[:6]) is not None))


def _by_name(table: Regions, department_name: str | None) -> RegionFinding | None:
    """The county-level region a department's name names, preferring one whose city or province is named too."""
    if not department_name:
        return None

    def support(region: Region) -> int:
        """How many of the region's own and higher names the department's name prints."""
        return sum(1 for r in table.chain(region.code) if r.name not in _PLACEHOLDER_NAMES and r.name in department_name)

    # A two-character county name (城区, 郊区, 矿区) is a common word: it counts only beside its city's or province's name.
    named = [r for r in table.lowest if r.name in department_name and (len(r.name) >= 3 or support(r) >= 2)]
    if not named:
        return None

    best = max(support(r) for r in named)
    top = sorted((r for r in named if support(r) == best), key=lambda r: (-len(r.name), r.code))
    chosen, others = top[0], tuple(r.code for r in top[1:])
    evidence = f"the department's name {department_name} names {chosen.name} ({table.full_name(chosen.code)})"
    if others:
        evidence += "; it fits " + "、".join(f"{c} {table.full_name(c)}" for c in others) + " as well: give --region to choose"
    return RegionFinding(chosen.code, RegionMethod.DEPARTMENT_NAME, evidence, others)
