"""Pay: amounts as `Decimal`, ISO 4217 currencies, and free-text salaries.

Amounts are read strictly: digits with thousands grouped by a space, a
no-break space, `,` or `.` in threes, and up to two decimals after `.` or
`,` (`85000`, `85 000`, `85,000`, `1.234,56`, `8,5`). Anything else, and
negative or absurd amounts, reads as no amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pycountry

from connectors.normalise.vocabulary import salary_period
from gateway.db.enums import SalaryPeriod

# The `Numeric(14, 2)` column holds less than 10**12.
MAX_AMOUNT = Decimal(10) ** 12

_GROUPED = re.compile(
    r"\d{1,3}(?:([ \u00a0\u202f,.])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?"
)
_PLAIN = re.compile(r"\d+(?:[.,]\d{1,2})?")
_DECIMALS = re.compile(r"[.,](\d{1,2})$")
_SYMBOLS = {
    "$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "DH": "MAD", "DHS": "MAD",
    "MAD": "MAD", "DIRHAM": "MAD", "DIRHAMS": "MAD", "د.م.": "MAD",
}  # fmt: skip
_TEXT_SALARY = re.compile(
    r"(?P<currency>US\$|[$€£]|\b[A-Za-z]{2,7}\b\.?)?\s*"
    r"(?P<low>\d[\d \u00a0\u202f,.]*)\s*(?P<low_k>[kK])?"
    r"(?:\s*(?:-|–|to|à|a)\s*(?:US\$|[$€£])?\s*"
    r"(?P<high>\d[\d \u00a0\u202f,.]*)\s*(?P<high_k>[kK])?)?"
    r"\s*(?P<after>[A-Za-z$€£.]{1,8})?"
)


@dataclass(frozen=True)
class Salary:
    """A pay range; any part may be unknown."""

    minimum: Decimal | None = None
    maximum: Decimal | None = None
    currency: str | None = None
    period: SalaryPeriod | None = None


NO_SALARY = Salary()


def parse_amount(value: object) -> Decimal | None:
    """A non-negative amount from a number or strictly formatted text."""
    amount: Decimal | None
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float):
        amount = _decimal(str(value))
    elif isinstance(value, str):
        amount = _decimal(_digits(value.strip()))
    else:
        return None
    if amount is None or not amount.is_finite():
        return None
    return amount if 0 <= amount < MAX_AMOUNT else None


def _digits(text: str) -> str:
    """`1.234,56` -> `1234.56`; text that is no amount -> ``."""
    grouped = _GROUPED.fullmatch(text)
    if not grouped and not _PLAIN.fullmatch(text):
        return ""
    decimals = _DECIMALS.search(text)
    whole = text[: decimals.start()] if decimals else text
    if grouped:
        whole = whole.replace(grouped.group(1), "")
    return f"{whole}.{decimals.group(1)}" if decimals else whole


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def currency_code(value: object) -> str | None:
    """ISO 4217 code from a code or a common symbol (`€`, `DH`), else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip(".").upper()
    if text in _SYMBOLS:
        return _SYMBOLS[text]
    if len(text) == 3 and pycountry.currencies.get(alpha_3=text):
        return text
    return None


def salary_range(
    minimum: object,
    maximum: object,
    currency: object,
    period: SalaryPeriod | None,
) -> Salary:
    """A checked range: amounts ordered; no currency, no amounts."""
    low, high = parse_amount(minimum), parse_amount(maximum)
    code = currency_code(currency)
    if low is None and high is None:
        return NO_SALARY
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Salary(minimum=low, maximum=high, currency=code, period=period)


def parse_salary_text(text: object, currency: object = None) -> Salary:
    """A salary from free text: `$50K per year`, `8 000 - 10 000 MAD par mois`."""
    if not isinstance(text, str) or not text.strip():
        return NO_SALARY
    match = _TEXT_SALARY.search(text)
    if not match:
        return NO_SALARY
    low = _amount_with_k(match.group("low"), match.group("low_k"))
    high = _amount_with_k(match.group("high"), match.group("high_k"))
    if high is not None and match.group("low_k") is None and match.group("high_k"):
        # `50-60K`: the K belongs to both.
        low = low * 1000 if low is not None else None
    code = (
        currency_code(match.group("currency"))
        or currency_code(match.group("after"))
        or currency_code(currency)
    )
    period = salary_period(*_period_words(text[match.end() :]))
    return salary_range(low, high if high is not None else low, code, period)


def _amount_with_k(text: str | None, k: str | None) -> Decimal | None:
    if text is None:
        return None
    amount = parse_amount(text.strip().rstrip(",."))
    if amount is None:
        return None
    return amount * 1000 if k else amount


def _period_words(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+", text.casefold())
    pairs = [f"per {word}" for word in words]
    return [*pairs, *words]
