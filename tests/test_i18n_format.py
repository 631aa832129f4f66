"""Numbers, percentages, dates and languages per issue #12: Babel, never by hand.

The spec's examples: ``52,4%`` and ``14 Agustus 2024`` / ``31 Desember 2024`` in
Indonesian, ``52.4%`` in English. Rounding is the one rule of scoring (half up).
"""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n.errors import ConfigError
from sp4n.i18n import (
    format_date,
    format_datetime,
    format_list,
    format_number,
    format_percent,
    format_working_days,
    negotiate_lang,
    parse_lang,
    resolve_lang,
)
from sp4n.scoring.rates import to_percent


def test_spec_example_percent() -> None:
    """52.4 % is ``52,4%`` in Indonesian and ``52.4%`` in English."""
    assert format_percent(Decimal("0.524"), "id") == "52,4%"
    assert format_percent(Decimal("0.524"), "en") == "52.4%"


def test_spec_example_dates() -> None:
    """Long dates: ``14 Agustus 2024``, ``31 Desember 2024``; English day-month-year."""
    assert format_date(date(2024, 8, 14), "id") == "14 Agustus 2024"
    assert format_date(date(2024, 12, 31), "id") == "31 Desember 2024"
    assert format_date(date(2024, 8, 14), "en") == "14 August 2024"
    assert format_date(date(2024, 8, 14), "id", style="full") == "Rabu, 14 Agustus 2024"


@given(
    rate=st.fractions(min_value=0, max_value=1, max_denominator=10_000),
    digits=st.integers(min_value=0, max_value=3),
)
def test_percent_rounds_like_scoring(rate: Fraction, digits: int) -> None:
    """format_percent shows exactly scoring's ``to_percent`` (ROUND_HALF_UP), per language."""
    expected = to_percent(rate, digits)
    assert format_percent(rate, "en", digits=digits) == f"{expected}%"
    assert format_percent(rate, "id", digits=digits) == f"{expected}%".replace(".", ",")


def test_percent_half_up_not_half_even() -> None:
    """12.45 % shows as 12.5 % (half up), not 12.4 % (Babel's default half even)."""
    assert format_percent(Decimal("0.1245"), "id") == "12,5%"
    assert format_percent(Fraction(1, 8), "en", digits=0) == "13%"


def test_numbers_group_and_mark_decimals_per_language() -> None:
    """Indonesian groups with ``.`` and marks decimals with ``,``; English the other way."""
    assert format_number(1234567, "id") == "1.234.567"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(Decimal("1234.50"), "id") == "1.234,50"
    assert format_number(Decimal("2.345"), "en", digits=2) == "2.35"
    assert format_number(Fraction(1, 3), "id") == "0,333"


@pytest.mark.parametrize("value", [0.524, True, "0.5", None])
def test_inexact_numbers_are_refused(value: object) -> None:
    """No float surprises: a float, a bool or a string is a TypeError."""
    with pytest.raises(TypeError):
        format_percent(value, "id")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_number(value, "id")  # type: ignore[arg-type]


def test_non_finite_and_negative_digits_are_refused() -> None:
    """NaN has no digits to show; digits must be >= 0."""
    with pytest.raises(ValueError, match="finite"):
        format_number(Decimal("NaN"), "id")
    with pytest.raises(ValueError, match="digits"):
        format_percent(Decimal("0.5"), "id", digits=-1)


@pytest.mark.parametrize(
    ("zone", "lang", "expected"),
    [
        ("Asia/Jakarta", "id", "14 Agustus 2024, 09.30 WIB"),
        ("Asia/Makassar", "id", "14 Agustus 2024, 10.30 WITA"),
        ("Asia/Jayapura", "id", "14 Agustus 2024, 11.30 WIT"),
        ("Asia/Jakarta", "en", "14 August 2024, 09:30 WIB"),
        ("UTC", "en", "14 August 2024, 02:30 UTC"),
    ],
)
def test_datetime_in_the_reader_zone(zone: str, lang: str, expected: str) -> None:
    """An instant reads in the given zone, with WIB/WITA/WIT (Keppres 41/1987)."""
    at = datetime(2024, 8, 14, 2, 30, tzinfo=UTC)
    assert format_datetime(at, lang, zone=zone) == expected  # type: ignore[arg-type]
    assert format_datetime(at, lang, zone=ZoneInfo(zone)) == expected  # type: ignore[arg-type]


def test_datetime_local_date_can_differ_from_utc() -> None:
    """31 December 20:00 UTC is already 1 January in WIT."""
    at = datetime(2024, 12, 31, 20, 0, tzinfo=UTC)
    assert format_datetime(at, "id", zone="Asia/Jayapura") == "1 Januari 2025, 05.00 WIT"
    assert format_datetime(at.astimezone(timezone(timedelta(hours=7))), "id").startswith(
        "1 Januari 2025, 03.00"
    )


@pytest.mark.parametrize("zone", ["Asia/Atlantis", "../etc/passwd", "", 7])
def test_unknown_zone_is_a_config_error(zone: object) -> None:
    """A zone that is not an IANA name is refused with the rule of agency time zones."""
    with pytest.raises(ConfigError, match="IANA") as info:
        format_datetime(datetime(2024, 8, 14, tzinfo=UTC), "id", zone=zone)  # type: ignore[arg-type]
    assert (info.value.rule, info.value.field) == ("AGENCY-TIME-ZONE", "zone")


def test_naive_datetime_and_datetime_as_date_are_refused() -> None:
    """TIMESTAMP-AWARE: a naive instant is never guessed; a datetime is not a date."""
    with pytest.raises(ValueError, match="TIMESTAMP-AWARE"):
        format_datetime(datetime(2024, 8, 14, 9, 30), "id")  # noqa: DTZ001
    with pytest.raises(TypeError):
        format_date(datetime(2024, 8, 14, tzinfo=UTC), "id")


def test_working_days_and_lists() -> None:
    """Plural-aware day counts and "and"/"or" lists per language."""
    assert format_working_days(1, "en") == "1 working day"
    assert format_working_days(60, "en") == "60 working days"
    assert format_working_days(1, "id") == "1 hari kerja"
    assert format_list(("NIK", "telepon", "surel"), "id") == "NIK, telepon, dan surel"
    assert format_list(("NIK", "phone"), "en", style="or") == "NIK or phone"


@pytest.mark.parametrize(
    ("option", "environ", "default", "expected"),
    [
        ("id", {"SP4N_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "id"),
        (None, {"SP4N_LANG": "id", "LANG": "en_US.UTF-8"}, "en", "id"),
        (None, {"SP4N_LANG": " ", "LANG": "id_ID.UTF-8"}, "en", "id"),
        (None, {"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "id_ID", "LANG": "id_ID"}, "id", "en"),
        (None, {"LC_MESSAGES": "id_ID.UTF-8", "LANG": "en_US"}, "en", "id"),
        (None, {"LANG": "in_ID"}, "en", "id"),
        (None, {"LANG": "fr_FR.UTF-8"}, "id", "en"),
        (None, {"LANG": "C.UTF-8"}, "id", "id"),
        (None, {"LANG": "POSIX"}, "en", "en"),
        (None, {}, "id", "id"),
        (None, {}, "en", "en"),
    ],
)
def test_cli_language_resolution(
    option: str | None, environ: dict[str, str], default: str, expected: str
) -> None:
    """``--lang``, then SP4N_LANG, then LC_ALL/LC_MESSAGES/LANG (id* → Indonesian), then default."""
    assert resolve_lang(option, environ=environ, default=default) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("option", "environ"), [("fr", {}), (None, {"SP4N_LANG": "de"})])
def test_explicit_unsupported_language_is_an_error(
    option: str | None, environ: dict[str, str]
) -> None:
    """A language asked for by name that the catalogue lacks is an error, not a fallback."""
    with pytest.raises(ConfigError, match="unsupported language"):
        resolve_lang(option, environ=environ)


def test_parse_lang_accepts_locales_and_tags() -> None:
    """Codes, POSIX locales and BCP 47 tags name a language."""
    assert [parse_lang(v) for v in ("id", "ID", "id-ID", "id_ID.UTF-8", "ind", "en-GB")] == [
        "id",
        "id",
        "id",
        "id",
        "id",
        "en",
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", "id"),
        ("en-US,en;q=0.9,id;q=0.8", "en"),
        ("fr-CH, fr;q=0.9, id;q=0.8, *;q=0.5", "id"),
        ("en;q=0, id", "id"),
        ("id;q=0.2, en;q=0.8", "en"),
        ("*", "id"),
        ("de, ja", "id"),
        ("id;q=abc, en", "en"),
        ("", "id"),
    ],
)
def test_accept_language_negotiation(header: str, expected: str) -> None:
    """Highest quality first; q=0 excluded; ``*`` or nothing known → the default."""
    assert negotiate_lang(header, default="id") == expected
