"""The controlled vocabularies the reader needs, read from the ontology's data files.

``ontology/tiers.ttl`` (the 一级/二级 indicator tiers) and ``ontology/units.ttl`` (units and their
conversion to 元) are the single source of truth; nothing here repeats a label. They are read with
pyoxigraph's parser, which is fast enough to do on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox

from kg.resources import ontology_file

KG = "https://w3id.org/cnbudget/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
        return next(t for t in self.tiers if t.iri == iri)

    def by_english(self, label: str) -> Tier:
        """A tier by its English label, for code that needs one concept by meaning (e.g. 成本指标)."""
        return self._english[label]

    @cached_property
    def _english(self) -> dict[str, Tier]:
        return {t.label_en: t for t in self.tiers}


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
    labels = _literals(quads, "http://www.w3.org/2000/01/rdf-schema#label")
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
