"""Numbers and dates for people, per language, through Babel (CLDR data).

Rule: issue #12 and STYLE "Text people read": ``52,4%`` and ``14 Agustus 2024``
in Indonesian, ``52.4%`` and ``14 August 2024`` in English, never hand-made.
English uses CLDR ``en_GB`` (day-month-year, 24-hour clock, decimal point), the
English closest to Indonesian usage; Indonesian uses CLDR ``id``. Times carry the
Indonesian zone names WIB, WITA and WIT (Keppres 41/1987) in both languages.

Values are exact: ``int``, `Decimal` or
`Fraction` in, never ``float`` (a binary float has no exact
decimal digits to show). Rounding is ``ROUND_HALF_UP``, the one rounding rule
of scoring (``sp4n.scoring.rates.to_percent``), done before Babel renders.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal, TypeAlias
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sp4n.errors import ConfigError
from sp4n.i18n._lang import DEFAULT_LANG, Lang, parse_lang

if TYPE_CHECKING:
    from babel import Locale

__all__ = [
    "DateStyle",
    "Number",
    "babel_locale",
    "format_date",
    "format_datetime",
    "format_list",
    "format_number",
    "format_percent",
]

Number: TypeAlias = int | Decimal | Fraction
"""An exact number: what the formatting helpers accept (``bool`` and ``float`` are refused)."""

DateStyle: TypeAlias = Literal["full", "long", "medium", "short"]
"""A CLDR date length: ``long`` is ``14 Agustus 2024``, ``medium`` ``14 Agu 2024``."""

_BABEL_LOCALES: Final = {"id": "id", "en": "en_GB"}
_INDONESIAN_ZONES: Final = frozenset({"WIB", "WITA", "WIT"})
_PRECISION: Final = 60


@functools.cache
def babel_locale(lang: Lang) -> Locale:
    """The Babel locale that formats ``lang``: ``id`` for Indonesian, ``en_GB`` for English.

    >>> str(babel_locale("id")), str(babel_locale("en"))
    ('id', 'en_GB')
    """
    from babel import Locale  # noqa: PLC0415  (Babel loads on first use: import sp4n stays fast)

    return Locale.parse(_BABEL_LOCALES[parse_lang(lang)])


def _exact(value: object, name: str) -> Decimal:
    """``value`` as an exact ``Decimal``; ``TypeError`` for ``float``, ``bool`` and the rest."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        msg = f"{name} must be an int, Decimal or Fraction, not {type(value).__name__}"
        raise TypeError(msg)
    if isinstance(value, Fraction):
        with localcontext(prec=_PRECISION):
            return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"{name} must be finite, got {value}"
        raise ValueError(msg)
    return Decimal(value)


def _digits(digits: object) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 0:
        msg = f"digits must be an int >= 0, got {digits!r}"
        raise ValueError(msg)
    return digits


def _pattern(digits: int, suffix: str = "") -> str:
    """A CLDR number pattern with grouping and exactly ``digits`` fraction digits."""
    return "#,##0" + ("." + "0" * digits if digits else "") + suffix


def _rounded(value: Decimal, places: int) -> Decimal:
    with localcontext(prec=_PRECISION):
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Number, lang: Lang = DEFAULT_LANG, *, digits: int | None = None) -> str:
    """A number with the language's digit grouping and decimal mark.

    Args:
        value: An exact number (``int``, ``Decimal``, ``Fraction``).
        lang: ``"id"`` or ``"en"``.
        digits: Digits after the decimal mark, rounded half up; ``None`` keeps
            the digits of ``value`` (``Decimal("1.50")`` shows two; a
            ``Fraction`` is shown to 3 digits).

    Raises:
        TypeError: ``value`` is a ``float``, a ``bool`` or not a number.
        ValueError: ``value`` is not finite, or ``digits`` is negative.

    >>> format_number(12345, "id"), format_number(Decimal("1234.5"), "en")
    ('12.345', '1,234.5')
    >>> format_number(Fraction(2, 3), "id", digits=2)
    '0,67'
    """
    from babel.numbers import format_decimal  # noqa: PLC0415

    exact = _exact(value, "value")
    if digits is None:
        exponent = exact.as_tuple().exponent
        places = 3 if isinstance(value, Fraction) else max(0, -int(exponent))
    else:
        places = _digits(digits)
    return format_decimal(_rounded(exact, places), _pattern(places), locale=babel_locale(lang))


def format_percent(rate: Number, lang: Lang = DEFAULT_LANG, *, digits: int = 1) -> str:
    """A rate (a fraction, ``0.524``) as a percentage: ``52,4%`` or ``52.4%``.

    Args:
        rate: The fraction to show, e.g. a ``Rate.value`` (not a percentage).
        lang: ``"id"`` or ``"en"``.
        digits: Digits after the decimal mark, rounded half up (always shown).

    Raises:
        TypeError: ``rate`` is a ``float``, a ``bool`` or not a number.
        ValueError: ``rate`` is not finite, or ``digits`` is negative.

    >>> format_percent(Decimal("0.524"), "id"), format_percent(Decimal("0.524"), "en")
    ('52,4%', '52.4%')
    >>> format_percent(Fraction(1, 8), "id", digits=0)
    '13%'
    """
    from babel.numbers import format_percent as babel_percent  # noqa: PLC0415

    places = _digits(digits)
    exact = _rounded(_exact(rate, "rate"), places + 2)
    return babel_percent(exact, _pattern(places, "%"), locale=babel_locale(lang))


def format_date(value: date, lang: Lang = DEFAULT_LANG, *, style: DateStyle = "long") -> str:
    """A calendar date: ``14 Agustus 2024`` or ``14 August 2024``.

    A ``datetime`` is refused: which day it is depends on the zone, so take
    ``value.astimezone(zone).date()`` or use [`format_datetime`][sp4n.i18n.format_datetime].

    Raises:
        TypeError: ``value`` is a ``datetime`` or not a ``date``.

    >>> format_date(date(2024, 8, 14), "id"), format_date(date(2024, 12, 31), "en")
    ('14 Agustus 2024', '31 December 2024')
    >>> format_date(date(2024, 12, 31), "id", style="medium")
    '31 Des 2024'
    """
    from babel.dates import format_date as babel_date  # noqa: PLC0415

    if isinstance(value, datetime) or not isinstance(value, date):
        msg = f"value must be a date (not a datetime), not {type(value).__name__}"
        raise TypeError(msg)
    return babel_date(value, style, locale=babel_locale(lang))


def _zone(zone: object) -> tzinfo:
    if isinstance(zone, tzinfo):
        return zone
    from sp4n.i18n._message import Message  # noqa: PLC0415  (_message imports this module)

    message = Message(
        "AGENCY-TIME-ZONE.zone",
        "zone must be an IANA time zone name or a tzinfo, got {zone}",
        zone=repr(zone)[:80],
    )
    if not isinstance(zone, str):
        raise ConfigError(message, rule="AGENCY-TIME-ZONE", field="zone")
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError, RecursionError):
        raise ConfigError(message, rule="AGENCY-TIME-ZONE", field="zone") from None


def format_datetime(
    value: datetime,
    lang: Lang = DEFAULT_LANG,
    *,
    zone: tzinfo | str | None = None,
    style: DateStyle = "long",
) -> str:
    """An instant as a person in ``zone`` reads it: ``14 Agustus 2024, 09.30 WIB``.

    Args:
        value: A timezone-aware instant (rule TIMESTAMP-AWARE).
        lang: ``"id"`` or ``"en"``.
        zone: The reader's zone (an IANA name or a ``tzinfo``), e.g. the
            agency's; defaults to the zone ``value`` carries.
        style: The length of the date part; the time is hours and minutes.

    Raises:
        TypeError: ``value`` is not a ``datetime``.
        ValueError: ``value`` is naive.
        ConfigError: ``zone`` is not a time zone (rule AGENCY-TIME-ZONE).

    >>> at = datetime.fromisoformat("2024-08-14T02:30:00+00:00")
    >>> format_datetime(at, "id", zone="Asia/Jakarta")
    '14 Agustus 2024, 09.30 WIB'
    >>> format_datetime(at, "en", zone="Asia/Jayapura")
    '14 August 2024, 11:30 WIT'
    """
    from babel.dates import format_datetime as babel_datetime  # noqa: PLC0415

    checked: object = value  # callers without a type checker pass anything
    if not isinstance(checked, datetime):
        msg = f"value must be a datetime, not {type(checked).__name__}"
        raise TypeError(msg)
    if value.tzinfo is None or value.utcoffset() is None:
        msg = "value must be timezone-aware (rule TIMESTAMP-AWARE)"
        raise ValueError(msg)
    local = value.astimezone(_zone(zone)) if zone is not None else value
    locale = babel_locale(lang)
    date_pattern = locale.date_formats[style].pattern
    time_pattern = locale.time_formats["short"].pattern
    zone_name = babel_datetime(local, "zzz", tzinfo=local.tzinfo, locale=babel_locale("id"))
    zone_part = f"'{zone_name}'" if zone_name in _INDONESIAN_ZONES else "zzz"
    pattern = f"{date_pattern}, {time_pattern} {zone_part}"
    return babel_datetime(local, pattern, tzinfo=local.tzinfo, locale=locale)


def format_list(
    items: tuple[str, ...], lang: Lang = DEFAULT_LANG, *, style: Literal["and", "or"] = "and"
) -> str:
    """Items joined as the language joins them: ``a, b, dan c`` or ``a, b or c``.

    >>> format_list(("NIK", "telepon", "surel"), "id"), format_list(("A", "B"), "en", style="or")
    ('NIK, telepon, dan surel', 'A or B')
    """
    from babel.lists import format_list as babel_list  # noqa: PLC0415

    return babel_list(list(items), "or" if style == "or" else "standard", locale=babel_locale(lang))
