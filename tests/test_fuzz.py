"""Property-based: damaged copies of the example never crash the reader or give untraceable values."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.read.national.forms import untraceable_form_values
from kg.read.provenance import untraceable_values
from kg.read.source import source_from_bytes
from kg.read.text import parse_source
from kg.records import DocumentKind
from kg.synth.mutate import mutate

EXAMPLE = (Path(__file__).resolve().parents[1] / "examples" / "000_c335fd1cef659d43.txt").read_text(encoding="utf-8")
# Other provinces' forms (kg.read.national): the 14 real excerpts.
FORMS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parent / "data" / "layouts").glob("*.txt"))]


def read_damaged(data: bytes) -> None:
    try:
        source = source_from_bytes(data, "damaged.txt")
        disclosure = parse_source(source)
    except KgError as error:
        assert str(error).startswith("damaged.txt"), str(error)  # names the file (and its line)
        assert "\n" not in str(error)
        return
    if disclosure.kind == DocumentKind.DISCLOSURE:
        assert untraceable_values(disclosure, source) == []
    else:  # a form: its values may sit on a line of their own (one cell a line)
        assert untraceable_form_values(disclosure, source) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), steps=st.integers(min_value=1, max_value=6))
def test_damaged_examples_give_the_readers_own_error_or_traceable_records(seed: int, steps: int) -> None:
    data, _ = mutate(EXAMPLE, random.Random(seed), steps)
    read_damaged(data)


def test_truncated_at_every_line() -> None:
    lines = EXAMPLE.split("\n")
    for end in range(0, len(lines) + 1, 7):
        read_damaged("\n".join(lines[:end]).encode("utf-8"))


def test_the_undamaged_example_traces_completely() -> None:
    source = source_from_bytes(EXAMPLE.encode("utf-8"), "example.txt")
    assert untraceable_values(parse_source(source), source) == []


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), steps=st.integers(min_value=1, max_value=6),
       form=st.integers(min_value=0, max_value=len(FORMS) - 1))
@example(seed=1462818, steps=3, form=6)  # a last year's column (2022年实际实现值) with no target column left: a ValueError once
def test_damaged_forms_give_the_readers_own_error_or_traceable_records(seed: int, steps: int, form: int) -> None:
    data, _ = mutate(FORMS[form], random.Random(seed), steps)
    read_damaged(data)


def test_forms_truncated_at_every_line_and_every_200_characters() -> None:
    for text in FORMS:
        lines = text.split("\n")
        for end in range(len(lines) + 1):
            read_damaged("\n".join(lines[:end]).encode("utf-8"))
        for end in range(0, len(text), 200):
            read_damaged(text[:end].encode("utf-8"))
