"""The controlled vocabularies, read from the ontology's data files, and the rules that use them.

``ontology/tiers.ttl`` (the 一级/二级 indicator tiers), ``ontology/units.ttl`` (units and their
conversion to 元) and ``ontology/kg.ttl`` (comparators, the project indicator template) are the
single source of truth; nothing here repeats a label. Every module that needs a tier by meaning, an
indicator's kind or an amount in 万元 asks here. The files are read with pyoxigraph's parser, once
per process (they do not change while kg runs).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

import opencc
import pyoxigraph as ox

from kg.rdf import terms
from kg.rdf.namespaces import KG, LABEL, RDF_TYPE, SKOS
from kg.records import Indicator
from kg.resources import ontology_file

YUAN_PER_WAN = Decimal(10000)


def yuan_to_wan(value: Decimal, yuan_per_unit: Decimal) -> Decimal:
    """An amount in a money unit (``yuan_per_unit`` 元 each) in 万元, exact to the printed precision.

    A power-of-ten conversion shifts the decimal point and keeps every printed digit: 5000 元 is
    0.5000 万元 (exact to the yuan), which disagrees with 0.54 万元; 12.5 亿元 is 125000 万元.
    """
    factor = yuan_per_unit / YUAN_PER_WAN
    digits = factor.normalize().as_tuple()
    if digits.digits == (1,) and digits.sign == 0:
        return value.scaleb(digits.exponent)  # type: ignore[arg-type]
    return value * factor


@dataclass(frozen=True)
class Tier:
    iri: str
    label: str  # skos:prefLabel@zh, as documents print it
    label_en: str
    level: int  # 1 for 一级, 2 for 二级
    broader: str | None  # the 一级 concept's IRI, for a 二级 concept
    alt_labels: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        """The last segment of the IRI: ``cost``, ``output-quantity``."""
        return self.iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Unit:
    iri: str
    printed: tuple[str, ...]
    label_en: str
    yuan_per_unit: Decimal | None  # money units only
    whole_project: bool  # a cost target in this unit states a whole project's (or year's) cost

    def in_wan(self, value: Decimal) -> Decimal | None:
        """``value`` of this unit in 万元 (see yuan_to_wan), or None for a unit that is not money."""
        return None if self.yuan_per_unit is None else yuan_to_wan(value, self.yuan_per_unit)


@dataclass(frozen=True)
class TierVocabulary:
    tiers: tuple[Tier, ...]

    def by_label(self, level: int) -> dict[str, Tier]:
        return {label: t for t in self.tiers if t.level == level for label in (t.label, *t.alt_labels)}

    # Looked up for every cell of every row: built once.
    @cached_property
    def tier1(self) -> dict[str, Tier]:
        return self.by_label(1)

    @cached_property
    def tier2(self) -> dict[str, Tier]:
        return self.by_label(2)

    def narrower(self, tier1: Tier) -> dict[str, Tier]:
        return {label: t for label, t in self.tier2.items() if t.broader == tier1.iri}

    def get(self, iri: str) -> Tier:
        return self._by_iri[iri]

    @cached_property
    def _by_iri(self) -> dict[str, Tier]:
        return {t.iri: t for t in self.tiers}

    # The concepts code needs by meaning, by their IRIs (tiers.ttl names them).
    @property
    def output(self) -> Tier:
        return self.get(terms.TIER + "output")

    @property
    def effect(self) -> Tier:
        return self.get(terms.TIER + "effect")

    @property
    def cost(self) -> Tier:
        return self.get(terms.TIER + "cost")

    @property
    def satisfaction(self) -> Tier:
        return self.get(terms.TIER + "satisfaction")

    @property
    def quantity(self) -> Tier:
        return self.get(terms.TIER + "output-quantity")

    def kinds(self, tier2_label: str) -> frozenset[str]:
        """The tier concepts an indicator printed under this 二级 counts as: the 二级 and its 一级."""
        tier = self.tier2.get(tier2_label)
        if tier is None:
            return frozenset()
        return frozenset({tier.iri, tier.broader} if tier.broader else {tier.iri})

    def template_kind(self, tier2_label: str) -> str | None:
        """The kind of the project indicator template (project_template_kinds) this 二级 fills."""
        return self._template_kinds.get(tier2_label)

    # Asked for each row of every candidate project at a page break (a few hundred times a document).
    @cached_property
    def _template_kinds(self) -> dict[str, str]:
        found = {}
        for label in self.tier2:
            kind = next((kind for kind in project_template_kinds() if kind in self.kinds(label)), None)
            if kind is not None:
                found[label] = kind
        return found


def _quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def _literals(quads: list[ox.Quad], predicate: str) -> dict[str, list[ox.Literal]]:
    found: dict[str, list[ox.Literal]] = {}
    for quad in quads:
        if quad.predicate.value == predicate and isinstance(quad.object, ox.Literal):
            found.setdefault(quad.subject.value, []).append(quad.object)
    return found


def _objects(quads: list[ox.Quad], predicate: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for quad in quads:
        if quad.predicate.value == predicate and isinstance(quad.object, ox.NamedNode):
            found.setdefault(quad.subject.value, []).append(quad.object.value)
    return found


def _lang(literals: list[ox.Literal], language: str) -> list[str]:
    return [lit.value for lit in literals if lit.language == language]


@cache
def tier_vocabulary() -> TierVocabulary:
    quads = _quads(ontology_file("tiers.ttl"))
    types = _objects(quads, RDF_TYPE)
    pref = _literals(quads, SKOS + "prefLabel")
    alt = _literals(quads, SKOS + "altLabel")
    broader = _objects(quads, SKOS + "broader")
    tiers = []
    for iri, classes in types.items():
        level = 1 if KG + "TierOneConcept" in classes else 2 if KG + "TierTwoConcept" in classes else 0
        if not level:
            continue
        tiers.append(
            Tier(
                iri=iri,
                label=_lang(pref[iri], "zh")[0],
                label_en=_lang(pref[iri], "en")[0],
                level=level,
                broader=broader.get(iri, [None])[0],
                alt_labels=tuple(_lang(alt.get(iri, []), "zh")),
            )
        )
    return TierVocabulary(tuple(sorted(tiers, key=lambda t: t.iri)))


@cache
def unit_vocabulary() -> dict[str, Unit]:
    """Units by every form a document prints them in (``万元/每项目``, ``%``, ``个`` …)."""
    quads = _quads(ontology_file("units.ttl"))
    printed = _literals(quads, KG + "printedForm")
    labels = _literals(quads, LABEL)
    yuan = _literals(quads, KG + "yuanPerUnit")
    scope = _objects(quads, KG + "costScope")
    units: dict[str, Unit] = {}
    for iri, forms in printed.items():
        multiplier = yuan.get(iri)
        unit = Unit(
            iri=iri,
            printed=tuple(f.value for f in forms),
            label_en=(_lang(labels.get(iri, []), "en") or [iri])[0],
            yuan_per_unit=Decimal(multiplier[0].value) if multiplier else None,
            whole_project=KG + "WholeProject" in scope.get(iri, []),
        )
        for form in unit.printed:
            units[form] = unit
    return units


AMOUNT_UNIT = "万元"  # the 金额单位 every budget table prints (预算表12, 13表, 01表–11表)


def amount_unit() -> Unit:
    """The unit of the budget's amounts, as units.ttl declares it: the data states it (kg:amountUnit,
    sdmx-attribute:unitMeasure) so that queries convert through its kg:yuanPerUnit, not a constant."""
    return unit_vocabulary()[AMOUNT_UNIT]


@cache
def comparator_vocabulary() -> dict[str, str]:
    """Comparator individuals of ontology/kg.ttl by their printed symbol (skos:notation)."""
    quads = _quads(ontology_file("kg.ttl"))
    types = _objects(quads, RDF_TYPE)
    notation = _literals(quads, SKOS + "notation")
    return {
        lit.value: iri
        for iri, classes in types.items()
        if KG + "Comparator" in classes
        for lit in notation.get(iri, [])
    }


@cache
def project_template_kinds() -> tuple[str, ...]:
    """The tier concepts kg:ProjectIndicatorTemplate requires (ontology/kg.ttl), in the vocabulary's order."""
    required = set(_objects(_quads(ontology_file("kg.ttl")), terms.requiresIndicatorOf).get(terms.ProjectIndicatorTemplate, []))
    return tuple(t.iri for t in tier_vocabulary().tiers if t.iri in required)


@cache
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in Simplified characters (OpenCC's t2s), the one converter every match uses."""
    return _to_simplified().convert(text)


def normalised_name(name: str) -> str:
    """An indicator's name as kg matches it: Unicode NFKC (full-width letters and digits, compatibility
    ideographs), no whitespace, Simplified characters. Each target keeps its printed name; this is
    only the key of what is measured."""
    return simplified("".join(unicodedata.normalize("NFKC", name).split()))


@dataclass(frozen=True)
class IndicatorIdentity:
    """What a target measures: its 二级 kind, normalised name and unit (the ontology's unit when
    kg knows the printed one, so % and ％ are one; else the printed unit normalised; "" for none)."""

    tier2: str  # the 二级 concept's IRI
    name: str
    unit: str


def unit_of(printed: str | None) -> Unit | None:
    """The unit a document's printed unit means: as printed (万元/每项目, ％), else in the form
    normalised_name gives it (萬元 and 個 as 万元 and 个); None when kg does not know it."""
    if not printed:
        return None
    units = unit_vocabulary()
    return units.get(printed) or units.get(normalised_name(printed))


def indicator_identity(indicator: Indicator) -> IndicatorIdentity:
    known = unit_of(indicator.unit)
    unit = known.iri if known is not None else normalised_name(indicator.unit or "")
    return IndicatorIdentity(tier_vocabulary().tier2[indicator.tier2].iri, normalised_name(indicator.name), unit)


def cost_in_wan(indicator: Indicator) -> Decimal | None:
    """A whole-project (or whole-year) cost target in 万元 at its printed precision; None when its
    unit is per person, per item, not money or unknown."""
    unit = unit_of(indicator.unit)
    if indicator.value is None or unit is None or not unit.whole_project:
        return None
    return unit.in_wan(indicator.value)


def counted_value(indicator: Indicator) -> tuple[Tier, Decimal] | None:
    """The 一级 tier and value a target is counted under in the figures over a corpus
    (kg:TargetValueCount): a satisfaction target's number in its own unit, a whole-project cost
    target's in 万元 (cost_in_wan); None for any other target."""
    tiers = tier_vocabulary()
    tier1 = tiers.tier2[indicator.tier2].broader
    if tier1 == tiers.satisfaction.iri and indicator.value is not None:
        return tiers.satisfaction, indicator.value
    if tier1 == tiers.cost.iri and (wan := cost_in_wan(indicator)) is not None:
        return tiers.cost, wan
    return None
