r"""Written forms of payload values: one grammar for the models and their JSON Schema.

ADR 0003: whatever the exported schema refuses, the model refuses too. A
regular expression only keeps that promise if every engine reads it alike:
pydantic-core (Rust ``regex``), python-jsonschema (``re``), ajv (ECMAScript
with the ``u`` flag) and opis/json-schema (PCRE with ``u``). So every pattern
here uses one portable subset: literal characters, ``[0-9]``-style classes,
``(?:…)`` groups and bounded repeats; no ``\d``/``\s``/``\w`` (Unicode in
Rust and Python, ASCII in ECMAScript), no look-around (not in Rust), no inline
flags (not in ECMAScript), no ``\uXXXX`` escapes (not in PCRE).

Where the model used to normalise whatever a library would parse, it now first
checks the written form the schema states, inside pydantic-core, with the very
pattern the schema carries (``*_FORM`` below), and only then runs its
data-driven checks. So the schema is a superset by construction for those
fields; ``tests/test_schema_contract.py`` proves it on generated payloads with
python-jsonschema and ajv.

=================  ==========================================================
value              written form (both model and schema)
=================  ==========================================================
NIK                16 ASCII digits; up to three of space, dot, hyphen between
                   two digits; spaces around (rule ID-NIK-FORMAT)
phone              optional ``tel:``; optional ``(`` and ``+``; 6–20 ASCII
                   digits, up to three of space ``.`` ``/`` ``-`` ``(`` ``)``
                   between two; optional extension ``ext``/``extn``/``x``/
                   ``#``/``;ext=`` and 1–7 digits; spaces around (ID-PHONE)
e-mail             ``local@domain.tld`` without spaces or control characters;
                   Unicode allowed (RFC 6531) (ID-EMAIL)
text               sent length within the bounds; at least one character
                   that is not whitespace (surrounding whitespace is trimmed)
instant            RFC 3339 ``date-time`` with offset (TIMESTAMP-FORMAT,
                   TIMESTAMP-AWARE)
date               RFC 3339 ``full-date``, ``YYYY-MM-DD`` (TIMESTAMP-FORMAT)
=================  ==========================================================

>>> import re
>>> bool(re.search(PHONE_FORM, "(021) 5551234")), bool(re.search(PHONE_FORM, "0812 ABC"))
(True, False)
>>> bool(re.search(NIK_FORM, "3201.0112.0589.0123"))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

import attrs
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

__all__ = [
    "DATE_FORM",
    "EMAIL_FORM",
    "INSTANT_FORM",
    "INSTANT_SCHEMA_PATTERN",
    "NIK_FORM",
    "NOT_BLANK",
    "PHONE_FORM",
    "RFC3339_DATE",
    "RFC3339_INSTANT",
    "WHITESPACE",
    "JsonTemporalForm",
    "TrimmedText",
    "nik_schema_pattern",
    "text_schema",
]

WHITESPACE: Final = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""Unicode White_Space: exactly what pydantic-core trims (``str::trim`` in Rust).

Not ``str.isspace`` (which adds U+001C–U+001F) and not ECMAScript ``\\s``
(which adds U+FEFF and lacks U+0085); ``tests/test_schema_contract.py`` checks
the set against pydantic-core over every code point.
"""

NOT_BLANK: Final = f"[^{WHITESPACE}]"
"""Pattern (search semantics) of a text with a character that trimming keeps."""

_NIK_SEP: Final = "[ .-]{0,3}"
NIK_FORM: Final = f"^ *[0-9](?:{_NIK_SEP}[0-9]){{15}} *$"
"""Written form of a NIK that the model accepts before its checks (ID-NIK-FORMAT)."""

_PHONE_SEP: Final = "[ ./()-]{0,3}"
_PHONE_EXTENSION: Final = "(?: *(?:[Ee][Xx][Tt][Nn]?\\.?|[Xx]|#|;[Ee][Xx][Tt]=) *[0-9]{1,7})?"
PHONE_FORM: Final = (
    f"^ *(?:[Tt][Ee][Ll]:)?\\(?\\+? ?[0-9](?:{_PHONE_SEP}[0-9]){{5,19}} ?\\)?{_PHONE_EXTENSION} *$"
)
"""Written form of a phone number: the common Indonesian ways and RFC 3966 ``tel:`` (ID-PHONE).

``(021) 5551234``, ``(+62) 812-7788-1234``, ``tel:+62-812-7788-1234``,
``0062 812 7788 1234``, ``+62 21 5551234 ext. 12``. Letters, other scripts'
digits, prose around the number and foreign dashes are not phone numbers
(``phonenumbers`` would read ``0812ABCD`` as ``08122223``). At least six
digits: a country code and the shortest number any numbering plan allows.
"""

_EMAIL_ATOM: Final = "[^@\\x00-\\x20]+"
EMAIL_FORM: Final = f"^{_EMAIL_ATOM}@{_EMAIL_ATOM}\\.{_EMAIL_ATOM}$"
"""Shape of an e-mail address, internationalised ones included (``budi@müller.de``)."""

_DATE: Final = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME: Final = "[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]+)?"
_OFFSET: Final = "(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
DATE_FORM: Final = f"^{_DATE}$"
"""RFC 3339 ``full-date``: the only written form of a date (TIMESTAMP-FORMAT)."""
INSTANT_FORM: Final = f"^{_DATE}[Tt]{_TIME}{_OFFSET}?$"
"""RFC 3339 ``date-time`` shape, offset optional so a naive time fails as TIMESTAMP-AWARE."""
INSTANT_SCHEMA_PATTERN: Final = f"^{_DATE}[Tt]{_TIME}{_OFFSET}$"
"""The schema's pattern for an instant: RFC 3339 ``date-time``, offset required."""


def _alternatives(codes: Iterable[str], sep: str) -> str:
    """A pattern for two-digit ``codes`` with ``sep`` between the digits, grouped by tens."""
    by_first: dict[str, list[str]] = {}
    for code in sorted(set(codes)):
        by_first.setdefault(code[0], []).append(code[1])
    parts = [f"{first}{sep}[{''.join(seconds)}]" for first, seconds in by_first.items()]
    return f"(?:{'|'.join(parts)})"


def nik_schema_pattern(regency_prefixes: Iterable[str]) -> str:
    """The schema's NIK pattern: `NIK_FORM` narrowed by what a pattern can check.

    Province (from the regency prefixes the model accepts, historical ones
    included), district not ``00``, day 01–31 or 41–71 (women: day + 40),
    month 01–12 and serial not ``0000`` (rules ID-NIK-REGION, ID-NIK-BIRTHDATE,
    ID-NIK-SERIAL); the regency itself and the exact calendar date stay
    model-only. Separators are allowed exactly where `NIK_FORM` allows them.

    >>> import re
    >>> pattern = nik_schema_pattern(["3201"])
    >>> bool(re.search(pattern, "3201 0112 0589 0123"))
    True
    >>> bool(re.search(pattern, "3201011205890000"))  # serial 0000
    False
    """
    s = _NIK_SEP
    province = _alternatives((prefix[:2] for prefix in regency_prefixes), s)
    two = f"[0-9]{s}[0-9]"
    district = f"(?:0{s}[1-9]|[1-9]{s}[0-9])"
    day = f"(?:0{s}[1-9]|[12]{s}[0-9]|3{s}[01]|4{s}[1-9]|[56]{s}[0-9]|7{s}[01])"
    month = f"(?:0{s}[1-9]|1{s}[0-2])"
    serial = (
        f"(?:0{s}0{s}0{s}[1-9]|0{s}0{s}[1-9]{s}[0-9]|0{s}[1-9]{s}[0-9]{s}[0-9]"
        f"|[1-9]{s}[0-9]{s}[0-9]{s}[0-9])"
    )
    body = s.join((province, two, district, day, month, two, serial))
    return f"^ *{body} *$"


@attrs.frozen
class TrimmedText:
    """Annotation: free text, its length counted as sent, then trimmed and not blank.

    Lengths are checked on the text as sent, so the schema's ``maxLength``
    holds for everything the model accepts; surrounding whitespace is then
    removed and the text must keep a character (the schema's `NOT_BLANK`).
    Both steps run inside pydantic-core.
    """

    max_length: int

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.chain_schema(
            [
                core_schema.str_schema(min_length=1, max_length=self.max_length),
                core_schema.str_schema(strip_whitespace=True, min_length=1),
            ]
        )


@attrs.frozen
class JsonTemporalForm:
    """Annotation: in JSON, a date or instant is a string of exactly ``pattern``'s form.

    pydantic also parses Unix timestamps in strings (``"1712275200"`` as a date),
    a space or ``_`` instead of ``T`` and ``+0700`` offsets; the schema's
    ``format`` refuses them, so the model does too (rule TIMESTAMP-FORMAT). The
    checked string is then parsed by the annotated type's own validator; Python
    input is left to that validator unchanged. The JSON Schema is ``format``
    plus ``schema_pattern``.
    """

    pattern: str
    message: str
    format: str
    schema_pattern: str

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        python = handler(source)
        written = core_schema.custom_error_schema(
            core_schema.str_schema(pattern=self.pattern),
            custom_error_type="sp4n.TIMESTAMP-FORMAT",
            custom_error_message=f"TIMESTAMP-FORMAT: {self.message}",
        )
        parsed: Any = {**python, "strict": False}  # a checked str, parsed as in lax mode
        return core_schema.json_or_python_schema(
            json_schema=core_schema.chain_schema([written, parsed]), python_schema=python
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": self.format, "pattern": self.schema_pattern}


RFC3339_DATE: Final = JsonTemporalForm(
    DATE_FORM, "a date is written YYYY-MM-DD (RFC 3339 full-date)", "date", DATE_FORM
)
"""Annotate a ``date`` with this: ``Annotated[date, RFC3339_DATE]``."""

RFC3339_INSTANT: Final = JsonTemporalForm(
    INSTANT_FORM,
    "an instant is an RFC 3339 date-time, e.g. 2024-04-05T09:30:00+07:00",
    "date-time",
    INSTANT_SCHEMA_PATTERN,
)
"""Annotate an aware ``datetime`` with this (``sp4n._types.Instant`` does)."""


def text_schema(max_length: int) -> dict[str, Any]:
    """The JSON Schema of `TrimmedText` ``(max_length)``: the sent length, not blank."""
    return {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": NOT_BLANK}
