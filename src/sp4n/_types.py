"""Shared value types of the payload models, valid by construction.

Each type validates on entry and raises ``PydanticCustomError`` whose type is
``sp4n.<rule>``, so a ``ValidationError`` names the field (its ``loc``) and the
rule (its ``type``). The rule ids are those of ``standard.md`` §3 and §8:

========================  ==================================================
rule                      check
========================  ==================================================
``ID-NIK-FORMAT``         16 ASCII digits; separators `` .-`` allowed; other
                          scripts' digits refused, not normalised
``ID-NIK-REGION``         province and regency part is a Kemendagri code,
                          current or historical; district part not ``00``
``ID-NIK-DISTRICT``       district part in the kecamatan table: a warning
                          (``reject`` mode: refused), ID-NIK-DISTRICT-MODE [D]
``ID-NIK-BIRTHDATE``      DDMMYY is a real date (women: day + 40)
``ID-NIK-SERIAL``         serial part not ``0000``
``ID-PHONE``              a valid phone number (default region ID), stored E.164;
                          ``0062 …`` read as ``+62 …`` (ID-PHONE-INTERNATIONAL)
``ID-PHONE-SERVICE``      not a call-centre, toll-free or short service number [D]
``ID-PHONE-EXTENSION``    an extension is refused (or kept ``;ext=``) [D]
``ID-PHONE-PREFIX``       a mobile prefix an operator uses: a warning
                          (``reject`` mode: refused), ID-PHONE-PREFIX-MODE [D]
``ID-EMAIL``              a valid address (no DNS look-up), stored normalised
``REGION-CODE``           ``PP``, ``PP.RR``, ``PP.RR.DD`` or ``PP.RR.DD.VVVV``
``TRACKING-ID``           7–12 digits (TRACKING-ID-MIN/MAX-DIGITS) [D]
``TIMESTAMP-AWARE``       instants carry a time zone; stored in UTC
``TIMESTAMP-FORMAT``      in JSON, instants and dates are RFC 3339 strings
``TIMESTAMP-RANGE``       instants lie within 0001-01-02 .. 9999-12-30 UTC,
                          so they have a local date in every time zone
========================  ==================================================
"""

from __future__ import annotations

import csv
import functools
import io
import re
from datetime import UTC, datetime
from importlib import resources
from typing import Annotated, Any, Final

import attrs
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    AwareDatetime,
    GetCoreSchemaHandler,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError, core_schema
from stdnum import luhn
from stdnum.id import nik as stdnum_nik

from sp4n._fastpath import fast_email, fast_phone_e164
from sp4n._forms import EMAIL_FORM, NIK_FORM, PHONE_FORM, RFC3339_INSTANT, nik_schema_pattern
from sp4n.regions import (
    REGION_CODE_PATTERN,
    is_known_district,
    regencies,
    regency_code_changes,
)
from sp4n.rulebook import Rulebook

__all__ = [
    "Email",
    "IdentityWarning",
    "Instant",
    "Nik",
    "PhoneNumber",
    "RegionCode",
    "TrackingId",
    "compact_nik",
    "generate_tracking_id",
    "nik_pattern",
    "nik_warnings",
    "phone_warnings",
    "tracking_id_problem",
]

_NIK_PARTS: Final = re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{4})$")


def _fail(rule: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(f"sp4n.{rule}", f"{rule}: {message}")


@attrs.frozen
class IdentityWarning:
    """A doubt about a reporter's identity that does not refuse it (standard.md §8 [D]).

    Attributes:
        field: ``nik`` or ``phone``.
        rule: ``ID-NIK-DISTRICT`` or ``ID-PHONE-PREFIX``.
        message: Why, without the value (no personal data in messages).
    """

    field: str
    rule: str
    message: str


def _rulebook(info: ValidationInfo | None) -> Rulebook:
    """The rulebook in the validation context (``context={"rulebook": ...}``), else the default."""
    context = None if info is None else info.context
    book = context.get("rulebook") if isinstance(context, dict) else None
    return book if isinstance(book, Rulebook) else Rulebook.default()


def compact_nik(value: str) -> str:
    """Strip separators from a NIK, keeping every other character to be judged.

    >>> compact_nik("3201 0112 8900 0123")
    '3201011289000123'
    """
    return str(stdnum_nik.compact(value))


_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _plausible_birth_date(day: int, month: int, year2: int) -> bool:
    """Whether DDMMYY is a real date in 19YY or 20YY (the century is not encoded).

    29 February exists in one of the two centuries exactly when YY is a multiple
    of 4 (2000 is a leap year; 1900 is not, but 2000 covers YY = 00).
    """
    if day > 40:
        day -= 40
    if not 1 <= month <= 12 or day < 1 or day > _DAYS_IN_MONTH[month]:
        return False
    return not (month == 2 and day == 29 and year2 % 4 != 0)


def _check_nik(value: str, info: ValidationInfo) -> str:
    """NIK (*Nomor Induk Kependudukan*) checks of standard.md §8 [D].

    ``stdnum.id.nik`` alone is not enough (it lacks provinces 65 and 92–96 and
    accepts serial 0000 and day 81), so its ``compact`` is used for separators
    and the parts are checked here against the embedded region codes. A NIK is
    ASCII: ``compact`` would turn full-width or Arabic-Indic digits into ASCII,
    so the written form (``NIK_FORM``, ASCII digits and separators only) is
    checked first and refuses any other character (ID-NIK-FORMAT). An unknown
    district is refused only when the rulebook says ``nik_district_mode:
    reject``; by default it is a warning (`nik_warnings`).
    """
    parts = _NIK_PARTS.match(value) or _NIK_PARTS.match(compact_nik(value))
    if parts is None:
        raise _fail("ID-NIK-FORMAT", "a NIK has 16 digits (spaces, dots and hyphens allowed)")
    regency, district, day, month, year, serial = parts.groups()
    if regency not in _nik_regency_prefixes() or district == "00":
        raise _fail("ID-NIK-REGION", "the region part of the NIK is not a Kemendagri code")
    if not _plausible_birth_date(int(day), int(month), int(year)):
        raise _fail("ID-NIK-BIRTHDATE", "the birth-date part of the NIK is not a real date")
    if serial == "0000":
        raise _fail("ID-NIK-SERIAL", "the serial part of the NIK cannot be 0000")
    if _rulebook(info).settings.nik_district_mode == "reject" and nik_warnings(parts.group(0)):
        raise _fail("ID-NIK-DISTRICT", _DISTRICT_MESSAGE)
    return parts.group(0)


_DISTRICT_MESSAGE: Final = "the district part of the NIK is not in the Kemendagri kecamatan table"


def nik_warnings(nik: str) -> tuple[IdentityWarning, ...]:
    """Doubts about a valid, compact NIK that do not refuse it: an unknown district.

    Rule ID-NIK-DISTRICT, standard.md §8 [D]: a NIK keeps the district code of
    its issue date, districts are split and renumbered often, and no historical
    district table is at hand, so an unknown district is a warning.

    >>> nik_warnings("6271015505900001")  # Kota Palangka Raya, district 01
    ()
    >>> [w.rule for w in nik_warnings("6271995505900001")]
    ['ID-NIK-DISTRICT']
    """
    code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    if is_known_district(code):
        return ()
    return (IdentityWarning("nik", "ID-NIK-DISTRICT", _DISTRICT_MESSAGE),)


@functools.cache
def _nik_regency_prefixes() -> frozenset[str]:
    """``PPRR`` of every regency/city code a NIK may carry: current and historical."""
    codes = [*regencies(), *regency_code_changes()]
    return frozenset(code.replace(".", "") for code in codes)


@functools.cache
def nik_pattern() -> str:
    """The NIK pattern of the JSON Schema: the written form narrowed by what a pattern can say.

    It checks format, province, district not 00, day (incl. +40), month and
    serial; the regency part and exact calendar validity are checked only by
    the model (see ``sp4n._forms.nik_schema_pattern``).
    """
    return nik_schema_pattern(_nik_regency_prefixes())


_INTERNATIONAL: Final = re.compile(r"^\s*00\s*62")
"""The international dialling form ``0062 …`` (ID-PHONE-INTERNATIONAL): read as ``+62 …``."""
_SERVICE_TYPES: Final = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
        phonenumbers.PhoneNumberType.VOICEMAIL,
    }
)
_CALL_CENTRE: Final = re.compile(r"^(?:1[45]00\d{2,4}|[2-7]\d{1,2}1[45]00\d{2,4})$")
"""A 1500xxx/1400xxx call centre, bare or behind a landline area code (national digits)."""
_MOBILE: Final = re.compile(r"^8[1-9]")


@functools.cache
def _mobile_prefixes() -> frozenset[str]:
    """``08xx`` prefixes in use by operators (``data/phone_prefixes.csv``, rule ID-PHONE-PREFIX)."""
    text = resources.files("sp4n").joinpath("data/phone_prefixes.csv").read_text("utf-8")
    return frozenset(row["prefix"] for row in csv.DictReader(io.StringIO(text)))


def _check_phone(value: str, info: ValidationInfo) -> str:
    """Phone of a reporter, normalised to E.164. Rule ID-PHONE, standard.md §8 [D].

    ``0062 …`` is the international dialling form of ``+62 …``
    (ID-PHONE-INTERNATIONAL). A service number is no person's own number and
    is refused (ID-PHONE-SERVICE, setting ``phone_service_numbers``); an
    extension is refused rather than dropped (ID-PHONE-EXTENSION, or kept as
    ``;ext=`` with ``phone_extension_mode: keep``); a mobile prefix no operator
    uses is refused only with ``phone_prefix_mode: reject``, else it is a
    warning (`phone_warnings`).
    """
    book = _rulebook(info).settings
    text = _INTERNATIONAL.sub("+62", value, count=1)
    extension = None
    e164 = fast_phone_e164(text)
    if e164 is None:
        try:
            parsed = phonenumbers.parse(text, "ID")
        except phonenumbers.NumberParseException:
            raise _fail("ID-PHONE", "not a phone number") from None
        if not phonenumbers.is_valid_number(parsed):
            raise _fail("ID-PHONE", "not a valid phone number")
        e164 = str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
        extension = parsed.extension or None
    national = e164.removeprefix("+62") if e164.startswith("+62") else ""
    if book.phone_service_numbers == "reject" and national and _is_service(e164, national):
        raise _fail(
            "ID-PHONE-SERVICE",
            "a service number (call centre, toll-free, short code) is not a reporter's own number",
        )
    if book.phone_prefix_mode == "reject" and phone_warnings(e164):
        raise _fail("ID-PHONE-PREFIX", _PREFIX_MESSAGE)
    if extension is not None:
        if book.phone_extension_mode == "reject":
            raise _fail("ID-PHONE-EXTENSION", "give the number without an extension (or an e-mail)")
        return f"{e164};ext={extension}"
    return e164


def _is_service(e164: str, national: str) -> bool:
    """Whether an Indonesian number is a service number (ID-PHONE-SERVICE)."""
    if _MOBILE.match(national):
        return False
    if _CALL_CENTRE.match(national):
        return True
    parsed = phonenumbers.parse(e164, None)
    return phonenumbers.number_type(parsed) in _SERVICE_TYPES


_PREFIX_MESSAGE: Final = "the mobile prefix is not one an Indonesian operator uses"


def phone_warnings(phone: str) -> tuple[IdentityWarning, ...]:
    """Doubts about a valid phone (E.164) that do not refuse it: an unused mobile prefix.

    Rule ID-PHONE-PREFIX, standard.md §8 [D]: ``phonenumbers`` accepts every
    ``08[1-9]`` range, more than operators use (``data/phone_prefixes.csv``),
    but a missing row in that table must not turn a citizen away.

    >>> phone_warnings("+6281234567890")
    ()
    >>> [w.rule for w in phone_warnings("+6281012345678")]
    ['ID-PHONE-PREFIX']
    """
    national = phone.split(";", 1)[0].removeprefix("+62")
    if not phone.startswith("+62") or not _MOBILE.match(national):
        return ()
    if "0" + national[:3] in _mobile_prefixes():
        return ()
    return (IdentityWarning("phone", "ID-PHONE-PREFIX", _PREFIX_MESSAGE),)


def _check_email(value: str) -> str:
    """E-mail of a reporter, normalised, no DNS look-up. Rule ID-EMAIL, standard.md §8 [D]."""
    fast = fast_email(value)
    if fast is not None:
        return fast
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError:
        raise _fail("ID-EMAIL", "not a valid e-mail address") from None


@attrs.frozen
class _RuleError:
    """Annotation that reports any error of the annotated type as rule ``rule``.

    Checks expressible as a pattern run inside pydantic-core (no Python call
    per value, which keeps payload validation fast) and still fail with the
    rule id as error type.
    """

    rule: str
    message: str

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.custom_error_schema(
            handler(source),
            custom_error_type=f"sp4n.{self.rule}",
            custom_error_message=f"{self.rule}: {self.message}",
        )


def tracking_id_problem(value: str, context: object) -> str | None:
    """Why ``value`` breaks a tracking-id length set by a rulebook in the validation context.

    The default bounds (TRACKING-ID-MIN/MAX-DIGITS, 7–12) are checked by the
    type's pattern; a rulebook passed as ``context={"rulebook": ...}`` may
    narrow them, which the ``Complaint`` model checks with this function.
    """
    book = context.get("rulebook") if isinstance(context, dict) else None
    if not isinstance(book, Rulebook):
        return None
    low, high = book.settings.tracking_id_min_digits, book.settings.tracking_id_max_digits
    if low <= len(value) <= high:
        return None
    return f"a tracking id has {low} to {high} digits"


_FIRST_INSTANT: Final = datetime(1, 1, 2, tzinfo=UTC)
_LAST_INSTANT: Final = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _to_utc(value: datetime) -> datetime:
    """Store instants in UTC; naive ones were refused by ``AwareDatetime`` (TIMESTAMP-AWARE).

    Rule TIMESTAMP-RANGE: an instant a day away from the ends of Python's
    calendar (9999-12-31T20:00Z, 0001-01-01T00:00+14:00) has no local date in
    some zone, so converting it would overflow; it is refused as a
    validation error of its field instead (one bad line never aborts a file).
    """
    try:
        utc = value.astimezone(UTC)
    except (OverflowError, ValueError):
        utc = None
    if utc is None or not _FIRST_INSTANT <= utc <= _LAST_INSTANT:
        raise _fail("TIMESTAMP-RANGE", "an instant lies between 0001-01-02 and 9999-12-30 (UTC)")
    return utc


def generate_tracking_id(serial: int, *, digits: int = 10) -> str:
    """A tracking id of ``digits`` digits: zero-padded serial plus a Luhn check digit.

    Rule TRACKING-ID [D]: LAPOR! publishes only "digits"; the check digit lets
    an app catch typing errors.

    >>> generate_tracking_id(1234567)
    '0012345674'
    >>> luhn.is_valid(generate_tracking_id(1234567))
    True
    """
    body = str(serial).zfill(digits - 1)
    if serial < 0 or len(body) != digits - 1:
        msg = f"serial {serial} does not fit in {digits - 1} digits"
        raise ValueError(msg)
    return body + str(luhn.calc_check_digit(body))


Nik = Annotated[
    str,
    StringConstraints(pattern=NIK_FORM),
    _RuleError("ID-NIK-FORMAT", "a NIK has 16 digits (spaces, dots and hyphens allowed)"),
    AfterValidator(_check_nik),
    WithJsonSchema({"type": "string", "pattern": nik_pattern(), "description": "NIK, 16 digits"}),
]
"""NIK — *Nomor Induk Kependudukan*, validated and stored without separators."""

PhoneNumber = Annotated[
    str,
    StringConstraints(pattern=PHONE_FORM),
    _RuleError("ID-PHONE", "not a phone number"),
    AfterValidator(_check_phone),
    WithJsonSchema({"type": "string", "pattern": PHONE_FORM, "description": "Phone"}),
]
"""A phone number, stored in E.164 (``+62…``; ``+62…;ext=…`` only in extension ``keep`` mode)."""

Email = Annotated[
    str,
    StringConstraints(pattern=EMAIL_FORM),
    _RuleError("ID-EMAIL", "not a valid e-mail address"),
    AfterValidator(_check_email),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": EMAIL_FORM,
            "description": "E-mail address; internationalised addresses (RFC 6531) allowed",
        }
    ),
]
"""An e-mail address, stored normalised."""

RegionCode = Annotated[
    str,
    StringConstraints(pattern=REGION_CODE_PATTERN),
    _RuleError("REGION-CODE", "a region code is PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV"),
    WithJsonSchema({"type": "string", "pattern": REGION_CODE_PATTERN}),
]
"""A Kemendagri region code by format (existence is the hierarchy's concern)."""

TrackingId = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9]{7,12}$"),
    _RuleError("TRACKING-ID", "a tracking id has 7 to 12 digits"),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{7,12}$"}),
]
"""A report's tracking number — *nomor tiket*."""

Instant = Annotated[AwareDatetime, RFC3339_INSTANT, AfterValidator(_to_utc)]
"""A timezone-aware instant, stored in UTC. Rules TIMESTAMP-FORMAT, TIMESTAMP-AWARE."""
