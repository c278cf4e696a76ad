from decimal import Decimal

import pytest

from kg.numbers import agrees_at_printed_precision, parse_decimal, plain


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("1,000.000000", "1000.000000"),  # thousands separator
        ("18,985.336217", "18985.336217"),
        ("29. 778000", "29.778000"),  # a stray space after the point
        ("29. 78", "29.78"),
        ("3,384700", "3.384700"),  # decimal comma (表03)
        ("14,174100", "14.174100"),
        ("1,250,400000", "1250.400000"),  # the same past a thousand: thousands commas, then the decimal one
        ("1,000", "1000"),  # three digits after a comma: thousands
        ("９５", "95"),  # full-width digits
        ("１２．５", "12.5"),
        ("0.644000", "0.644000"),
        ("-3", "-3"),
    ],
)
def test_number_forms_parse_exactly(printed: str, expected: str) -> None:
    value = parse_decimal(printed)
    assert value == Decimal(expected)
    assert str(value) == expected  # the printed precision is kept


@pytest.mark.parametrize("text", ["", "abc", "1. 为确保", "1.2.3", "95%", "12,3,4", "1,000,1500", "100,200,3000"])
def test_cells_that_are_not_one_number(text: str) -> None:
    assert parse_decimal(text) is None


def test_plain_drops_trailing_zeros_and_never_uses_exponents() -> None:
    assert plain(Decimal("1000.000000")) == "1000"
    assert plain(Decimal("29.78")) == "29.78"
    assert plain(Decimal("1E+3")) == "1000"
    assert plain(Decimal("0.500000")) == "0.5"


@pytest.mark.parametrize(
    "target, amount, agrees",
    [("365.4", "365.400100", True), ("12.38", "12.375400", True), ("511.4", "419.901145", False), ("1000", "1000.000000", True), ("0.5", "1", False)],
)
def test_agreement_at_the_targets_printed_precision(target: str, amount: str, agrees: bool) -> None:
    assert agrees_at_printed_precision(Decimal(target), Decimal(amount)) is agrees
