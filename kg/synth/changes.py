"""What changed between two budget years of one unit, from their truth files alone.

The generator records the changes it makes (``synth.series`` of a truth file); this recomputes them
from the projects the two truths hold, as kg identifies them: a project by its code, an indicator
within it by its 二级 kind and name (the first with the first when a project prints one twice).
Tests compare the two, and use this for years that are not consecutive.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

Identity = tuple[str, str, int]  # 二级, name, occurrence


def identities(project: dict[str, Any]) -> dict[Identity, dict[str, Any]]:
    """A truth project's indicators by their identity within it."""
    seen: Counter[tuple[str, str]] = Counter()
    found = {}
    for indicator in project["indicators"]:
        seen[indicator["tier2"], indicator["name"]] += 1
        found[indicator["tier2"], indicator["name"], seen[indicator["tier2"], indicator["name"]]] = indicator
    return found


def _same_target(before: dict[str, Any], after: dict[str, Any]) -> bool:
    if before["comparator"] != after["comparator"]:
        return False
    if before["value"] is None or after["value"] is None:
        return before["value"] == after["value"]
    return Decimal(before["value"]) == Decimal(after["value"])


def change_kind(before: dict[str, Any], after: dict[str, Any]) -> str:
    """comparator (it changed); lowered (a lower ≥ or > target, a higher ≤ or < one); raised (the
    other way); value (an = target, or a value only one year has)."""
    if before["comparator"] != after["comparator"]:
        return "comparator"
    if before["value"] is None or after["value"] is None:
        return "value"
    up = Decimal(after["value"]) > Decimal(before["value"])
    if after["comparator"] in ("≥", ">"):
        return "raised" if up else "lowered"
    if after["comparator"] in ("≤", "<"):
        return "lowered" if up else "raised"
    return "value"


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The amount and target changes from the year of truth ``before`` to that of ``after``, and the
    project codes dropped and added, in the shape of a truth's ``synth.series`` (amounts as the
    truth prints them; a target change with the later year's unit and line)."""
    earlier = {p["code"]: p for p in before["projects"]}
    amounts, targets = [], []
    for project in after["projects"]:
        previous = earlier.get(project["code"])
        if previous is None:
            continue
        if Decimal(previous["total"]) != Decimal(project["total"]):
            difference = Decimal(project["total"]) - Decimal(previous["total"])
            amounts.append({"code": project["code"], "name": project["name"], "previous_total": previous["total"],
                            "total": project["total"], "difference": f"{difference:.6f}"})
        was = identities(previous)
        for (tier2, name, occurrence), indicator in identities(project).items():
            old = was.get((tier2, name, occurrence))
            if old is None or _same_target(old, indicator):
                continue
            targets.append({"code": project["code"], "name": project["name"], "tier2": tier2, "indicator": name,
                            "occurrence": occurrence, "previous_comparator": old["comparator"], "previous_value": old["value"],
                            "comparator": indicator["comparator"], "value": indicator["value"], "unit": indicator["unit"],
                            "change": change_kind(old, indicator), "line": indicator["line"]})
    codes = {p["code"] for p in after["projects"]}
    return {"previous_year": before["year"], "amount_changes": amounts, "target_changes": targets,
            "dropped": sorted(set(earlier) - codes), "added": sorted(codes - set(earlier))}
