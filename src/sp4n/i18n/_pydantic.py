"""Pydantic validation errors as catalogue messages, so both languages can show them.

Two kinds of error reach an integrator in a ``ValidationError``:

- sp4n's own, of type ``sp4n.<RULE>``. Raised with [`rule_error`][sp4n.i18n.rule_error], the
  error carries the message id and parameters in its context
  (``ctx["message_id"]``); the older ``PydanticCustomError("sp4n.<RULE>",
  "<RULE>: <English>")`` form is matched against the English texts of the
  rule's messages instead.
- pydantic's built-in ones (``missing``, ``extra_forbidden``,
  ``string_too_long``…), whose message ids are ``PAYLOAD-<TYPE>`` as
  ``sp4n.payloads`` names their rule; ``timezone_aware`` is rule
  ``TIMESTAMP-AWARE``. Their English texts are pydantic's, except that no
  text repeats the input (``union_tag_invalid`` drops the tag, which may be
  personal data).
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final

from pydantic_core import ErrorDetails, PydanticCustomError

from sp4n.i18n._catalogue import catalogue
from sp4n.i18n._format import format_list
from sp4n.i18n._message import Choices, Message, Param, declare, declare_plural

__all__ = ["MESSAGE_ID", "PYDANTIC_RULES", "message_for_error", "rule_error", "rule_of"]

MESSAGE_ID: Final = "message_id"
"""The context key of an sp4n error that names its catalogue message."""

PYDANTIC_RULES: Final = MappingProxyType({"timezone_aware": "TIMESTAMP-AWARE"})
"""Pydantic error types that are sp4n rules of their own."""

_Params = Callable[[Mapping[str, Any]], dict[str, Param]]


def rule_of(error_type: str) -> str:
    """The rule id of a pydantic error type: ``sp4n.X`` → ``X``, ``string_too_long`` → ``PAYLOAD-STRING-TOO-LONG``.

    >>> rule_of("sp4n.ID-NIK-FORMAT"), rule_of("extra_forbidden"), rule_of("timezone_aware")
    ('ID-NIK-FORMAT', 'PAYLOAD-EXTRA-FORBIDDEN', 'TIMESTAMP-AWARE')
    """  # noqa: E501
    if error_type.startswith("sp4n."):
        return error_type.removeprefix("sp4n.")
    return PYDANTIC_RULES.get(error_type, "PAYLOAD-" + error_type.upper().replace("_", "-"))


def rule_error(msgid: str, /, **params: str | int) -> PydanticCustomError:
    """A pydantic error for rule message ``msgid``: type ``sp4n.<RULE>``, English text, id in ctx.

    Raise it in a validator; [`message_for_error`][sp4n.i18n.message_for_error] gets the message
    back
    from the error's context, so the error renders in either language.

    >>> err = rule_error("TRACKING-ID", low=7, high=12)
    >>> err.type, err.message()
    ('sp4n.TRACKING-ID', 'TRACKING-ID: a tracking id has 7 to 12 digits')
    >>> err.context == {"message_id": "TRACKING-ID", "low": 7, "high": 12}
    True
    """
    message = Message(msgid, **params)
    rule = message.rule
    if rule is None or msgid.startswith("rule."):
        msg = f"{msgid!r} is not a rule message id"
        raise ValueError(msg)
    english = message.text("en").replace("{", "{{").replace("}", "}}")
    return PydanticCustomError(f"sp4n.{rule}", f"{rule}: {english}", {MESSAGE_ID: msgid, **params})


def _count(key: str) -> _Params:
    return lambda ctx: {"count": int(ctx[key])}


def _collection(key: str) -> _Params:
    def params(ctx: Mapping[str, Any]) -> dict[str, Param]:
        return {
            "count": int(ctx[key]),
            "actual_length": int(ctx["actual_length"]),
            "field_type": _field_type(str(ctx["field_type"])),
        }

    return params


def _field_type(name: str) -> Param:
    msgid = f"ui.field-type.{name}"
    return Message(msgid) if msgid in catalogue() else name


def _keys(*keys: str) -> _Params:
    return lambda ctx: {key: _plain(ctx[key]) for key in keys}


def _plain(value: object) -> Param:
    """A context value as a parameter: numbers stay numbers (shown per language)."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(repr(value))  # the shortest decimal that reads back as this float
    return str(value)


_QUOTED: Final = re.compile(r"'[^']*'")


def _expected(ctx: Mapping[str, Any]) -> dict[str, Param]:
    """``'A', 'B' or 'C'`` as [`Choices`][sp4n.i18n.Choices], when that is what pydantic wrote."""
    text = str(ctx["expected"])
    items = tuple(_QUOTED.findall(text))
    if items and format_list(items, "en", style="or") == text:
        return {"expected": Choices(items)}
    return {"expected": text}


def _none(_: Mapping[str, Any]) -> dict[str, Param]:
    return {}


def _detail(ctx: Mapping[str, Any]) -> dict[str, Param]:
    """A parser's English detail (``invalid character in year``) as a catalogue message."""
    text = str(ctx["error"])
    for prefix in _DETAIL_PREFIXES:
        message = _match(prefix, text)
        if message is not None:
            return {"error": message}
    return {"error": text}


_DETAIL_PREFIXES: Final = ("ui.parse-error", "ui.json-error")

# The details pydantic-core's date/time parser (speedate) and JSON parser give.
_DETAILS: Final = (
    declare("ui.parse-error.too-short", "input is too short"),
    declare("ui.parse-error.year", "invalid character in year"),
    declare("ui.parse-error.month", "invalid character in month"),
    declare("ui.parse-error.day", "invalid character in day"),
    declare("ui.parse-error.hour", "invalid character in hour"),
    declare("ui.parse-error.minute", "invalid character in minute"),
    declare("ui.parse-error.second", "invalid character in second"),
    declare("ui.parse-error.date-separator", "invalid date separator, expected `-`"),
    declare("ui.parse-error.time-separator", "invalid time separator, expected `:`"),
    declare(
        "ui.parse-error.datetime-separator",
        "invalid datetime separator, expected `T`, `t`, `_` or space",
    ),
    declare("ui.parse-error.month-range", "month value is outside expected range of 1-12"),
    declare("ui.parse-error.day-range", "day value is outside expected range"),
    declare("ui.parse-error.hour-range", "hour value is outside expected range of 0-23"),
    declare("ui.parse-error.minute-range", "minute value is outside expected range of 0-59"),
    declare("ui.parse-error.second-range", "second value is outside expected range of 0-59"),
    declare("ui.parse-error.fraction-missing", "second fraction digits missing after `.`"),
    declare("ui.parse-error.timezone-sign", "invalid timezone sign"),
    declare("ui.parse-error.timezone-hour", "invalid timezone hour"),
    declare("ui.parse-error.timezone-minute", "invalid timezone minute"),
    declare("ui.parse-error.timezone-range", "timezone offset must be less than 24 hours"),
    declare("ui.parse-error.extra", "unexpected extra characters at the end of the input"),
    declare("ui.json-error.eof-value", "EOF while parsing a value at line {line} column {column}"),
    declare("ui.json-error.eof-list", "EOF while parsing a list at line {line} column {column}"),
    declare(
        "ui.json-error.eof-object", "EOF while parsing an object at line {line} column {column}"
    ),
    declare(
        "ui.json-error.eof-string", "EOF while parsing a string at line {line} column {column}"
    ),
    declare(
        "ui.json-error.control-character",
        "control character (\\u0000-\\u001F) found while parsing a string at line {line} "
        "column {column}",
    ),
    declare(
        "ui.json-error.expected-list-end", "expected `,` or `]` at line {line} column {column}"
    ),
    declare(
        "ui.json-error.expected-object-end", "expected `,` or `}}` at line {line} column {column}"
    ),
    declare("ui.json-error.expected-colon", "expected `:` at line {line} column {column}"),
    declare("ui.json-error.expected-ident", "expected ident at line {line} column {column}"),
    declare("ui.json-error.expected-value", "expected value at line {line} column {column}"),
    declare("ui.json-error.invalid-escape", "invalid escape at line {line} column {column}"),
    declare("ui.json-error.invalid-number", "invalid number at line {line} column {column}"),
    declare("ui.json-error.key-string", "key must be a string at line {line} column {column}"),
    declare("ui.json-error.recursion", "recursion limit exceeded at line {line} column {column}"),
    declare("ui.json-error.trailing", "trailing characters at line {line} column {column}"),
    declare(
        "ui.json-error.hex-escape", "unexpected end of hex escape at line {line} column {column}"
    ),
)


_BUILTIN: Final[Mapping[str, tuple[str, _Params]]] = MappingProxyType(
    {
        "missing": (declare("PAYLOAD-MISSING", "Field required"), _none),
        "extra_forbidden": (
            declare("PAYLOAD-EXTRA-FORBIDDEN", "Extra inputs are not permitted"),
            _none,
        ),
        "frozen_instance": (declare("PAYLOAD-FROZEN-INSTANCE", "Instance is frozen"), _none),
        "frozen_field": (declare("PAYLOAD-FROZEN-FIELD", "Field is frozen"), _none),
        "json_invalid": (declare("PAYLOAD-JSON-INVALID", "Invalid JSON: {error}"), _detail),
        "json_type": (
            declare("PAYLOAD-JSON-TYPE", "JSON input should be string, bytes or bytearray"),
            _none,
        ),
        "recursion_loop": (
            declare("PAYLOAD-RECURSION-LOOP", "Recursion error - cyclic reference detected"),
            _none,
        ),
        "model_type": (
            declare(
                "PAYLOAD-MODEL-TYPE",
                "Input should be a valid dictionary or instance of {class_name}",
            ),
            _keys("class_name"),
        ),
        "model_attributes_type": (
            declare(
                "PAYLOAD-MODEL-ATTRIBUTES-TYPE",
                "Input should be a valid dictionary or object to extract fields from",
            ),
            _none,
        ),
        "none_required": (declare("PAYLOAD-NONE-REQUIRED", "Input should be None"), _none),
        "greater_than": (
            declare("PAYLOAD-GREATER-THAN", "Input should be greater than {gt}"),
            _keys("gt"),
        ),
        "greater_than_equal": (
            declare("PAYLOAD-GREATER-THAN-EQUAL", "Input should be greater than or equal to {ge}"),
            _keys("ge"),
        ),
        "less_than": (declare("PAYLOAD-LESS-THAN", "Input should be less than {lt}"), _keys("lt")),
        "less_than_equal": (
            declare("PAYLOAD-LESS-THAN-EQUAL", "Input should be less than or equal to {le}"),
            _keys("le"),
        ),
        "multiple_of": (
            declare("PAYLOAD-MULTIPLE-OF", "Input should be a multiple of {multiple_of}"),
            _keys("multiple_of"),
        ),
        "finite_number": (
            declare("PAYLOAD-FINITE-NUMBER", "Input should be a finite number"),
            _none,
        ),
        "too_short": (
            declare_plural(
                "PAYLOAD-TOO-SHORT",
                "{field_type} should have at least {count} item after validation, "
                "not {actual_length}",
                "{field_type} should have at least {count} items after validation, "
                "not {actual_length}",
            ),
            _collection("min_length"),
        ),
        "too_long": (
            declare_plural(
                "PAYLOAD-TOO-LONG",
                "{field_type} should have at most {count} item after validation, "
                "not {actual_length}",
                "{field_type} should have at most {count} items after validation, "
                "not {actual_length}",
            ),
            _collection("max_length"),
        ),
        "string_type": (declare("PAYLOAD-STRING-TYPE", "Input should be a valid string"), _none),
        "string_unicode": (
            declare(
                "PAYLOAD-STRING-UNICODE",
                "Input should be a valid string, unable to parse raw data as a unicode string",
            ),
            _none,
        ),
        "string_too_short": (
            declare_plural(
                "PAYLOAD-STRING-TOO-SHORT",
                "String should have at least {count} character",
                "String should have at least {count} characters",
            ),
            _count("min_length"),
        ),
        "string_too_long": (
            declare_plural(
                "PAYLOAD-STRING-TOO-LONG",
                "String should have at most {count} character",
                "String should have at most {count} characters",
            ),
            _count("max_length"),
        ),
        "string_pattern_mismatch": (
            declare("PAYLOAD-STRING-PATTERN-MISMATCH", "String should match pattern '{pattern}'"),
            _keys("pattern"),
        ),
        "string_not_ascii": (
            declare("PAYLOAD-STRING-NOT-ASCII", "String should contain only ASCII characters"),
            _none,
        ),
        "enum": (declare("PAYLOAD-ENUM", "Input should be {expected}"), _expected),
        "literal_error": (
            declare("PAYLOAD-LITERAL-ERROR", "Input should be {expected}"),
            _expected,
        ),
        "dict_type": (declare("PAYLOAD-DICT-TYPE", "Input should be a valid dictionary"), _none),
        "list_type": (declare("PAYLOAD-LIST-TYPE", "Input should be a valid list"), _none),
        "tuple_type": (declare("PAYLOAD-TUPLE-TYPE", "Input should be a valid tuple"), _none),
        "set_type": (declare("PAYLOAD-SET-TYPE", "Input should be a valid set"), _none),
        "frozen_set_type": (
            declare("PAYLOAD-FROZEN-SET-TYPE", "Input should be a valid frozenset"),
            _none,
        ),
        "bool_type": (declare("PAYLOAD-BOOL-TYPE", "Input should be a valid boolean"), _none),
        "bool_parsing": (
            declare(
                "PAYLOAD-BOOL-PARSING", "Input should be a valid boolean, unable to interpret input"
            ),
            _none,
        ),
        "int_type": (declare("PAYLOAD-INT-TYPE", "Input should be a valid integer"), _none),
        "int_parsing": (
            declare(
                "PAYLOAD-INT-PARSING",
                "Input should be a valid integer, unable to parse string as an integer",
            ),
            _none,
        ),
        "int_parsing_size": (
            declare(
                "PAYLOAD-INT-PARSING-SIZE",
                "Unable to parse input string as an integer, exceeded maximum size",
            ),
            _none,
        ),
        "int_from_float": (
            declare(
                "PAYLOAD-INT-FROM-FLOAT",
                "Input should be a valid integer, got a number with a fractional part",
            ),
            _none,
        ),
        "float_type": (declare("PAYLOAD-FLOAT-TYPE", "Input should be a valid number"), _none),
        "float_parsing": (
            declare(
                "PAYLOAD-FLOAT-PARSING",
                "Input should be a valid number, unable to parse string as a number",
            ),
            _none,
        ),
        "decimal_parsing": (
            declare("PAYLOAD-DECIMAL-PARSING", "Input should be a valid decimal"),
            _none,
        ),
        "value_error": (declare("PAYLOAD-VALUE-ERROR", "{error}"), _keys("error")),
        "assertion_error": (
            declare("PAYLOAD-ASSERTION-ERROR", "Assertion failed, {error}"),
            _keys("error"),
        ),
        "date_type": (declare("PAYLOAD-DATE-TYPE", "Input should be a valid date"), _none),
        "date_parsing": (
            declare(
                "PAYLOAD-DATE-PARSING",
                "Input should be a valid date in the format YYYY-MM-DD, {error}",
            ),
            _detail,
        ),
        "date_from_datetime_parsing": (
            declare(
                "PAYLOAD-DATE-FROM-DATETIME-PARSING",
                "Input should be a valid date or datetime, {error}",
            ),
            _detail,
        ),
        "date_from_datetime_inexact": (
            declare(
                "PAYLOAD-DATE-FROM-DATETIME-INEXACT",
                "Datetimes provided to dates should have zero time - e.g. be exact dates",
            ),
            _none,
        ),
        "date_past": (declare("PAYLOAD-DATE-PAST", "Date should be in the past"), _none),
        "date_future": (declare("PAYLOAD-DATE-FUTURE", "Date should be in the future"), _none),
        "datetime_type": (
            declare("PAYLOAD-DATETIME-TYPE", "Input should be a valid datetime"),
            _none,
        ),
        "datetime_parsing": (
            declare("PAYLOAD-DATETIME-PARSING", "Input should be a valid datetime, {error}"),
            _detail,
        ),
        "datetime_object_invalid": (
            declare("PAYLOAD-DATETIME-OBJECT-INVALID", "Invalid datetime object, got {error}"),
            _keys("error"),
        ),
        "datetime_from_date_parsing": (
            declare(
                "PAYLOAD-DATETIME-FROM-DATE-PARSING",
                "Input should be a valid datetime or date, {error}",
            ),
            _detail,
        ),
        "datetime_past": (declare("PAYLOAD-DATETIME-PAST", "Input should be in the past"), _none),
        "datetime_future": (
            declare("PAYLOAD-DATETIME-FUTURE", "Input should be in the future"),
            _none,
        ),
        "timezone_naive": (
            declare("PAYLOAD-TIMEZONE-NAIVE", "Input should not have timezone info"),
            _none,
        ),
        "timezone_aware": (declare("TIMESTAMP-AWARE", "Input should have timezone info"), _none),
        "is_instance_of": (
            declare("PAYLOAD-IS-INSTANCE-OF", "Input should be an instance of {class_name}"),
            lambda ctx: {"class_name": str(ctx["class"])},
        ),
        "union_tag_invalid": (
            declare(
                "PAYLOAD-UNION-TAG-INVALID",
                "Input tag found using {discriminator} does not match any of the expected "
                "tags: {expected_tags}",
            ),
            _keys("discriminator", "expected_tags"),
        ),
        "union_tag_not_found": (
            declare(
                "PAYLOAD-UNION-TAG-NOT-FOUND",
                "Unable to extract tag using discriminator {discriminator}",
            ),
            _keys("discriminator"),
        ),
    }
)

_FALLBACK: Final = declare("PAYLOAD-INVALID", "Invalid value")


def message_for_error(error: ErrorDetails) -> Message | None:
    """The catalogue message of one pydantic error, or ``None`` when it has none.

    ``None`` means the error keeps its own (English) text: an sp4n error whose
    text is not in the catalogue, or a pydantic type outside the ones sp4n's
    payloads can raise (those get `PAYLOAD-INVALID`-style fallbacks from
    ``sp4n.payloads``). Input values never become parameters.
    """
    error_type = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if error_type.startswith("sp4n."):
        return _custom(rule_of(error_type), error["msg"], ctx)
    known = _BUILTIN.get(error_type)
    if known is None:
        return None
    msgid, params = known
    try:
        return _checked(Message(msgid, **params(ctx)))
    except (KeyError, TypeError, ValueError):
        return None  # a context pydantic changed: keep its own text


def _checked(message: Message) -> Message | None:
    """``message`` when its parameters are exactly its placeholders, else ``None``."""
    book = catalogue()
    if message.msgid not in book or frozenset(message.params) != book[message.msgid].params:
        return None
    return message


def fallback_message() -> Message:
    """The generic "invalid value" message, for pydantic types the catalogue lacks."""
    return Message(_FALLBACK)


def _custom(rule: str, text: str, ctx: Mapping[str, Any]) -> Message | None:
    msgid = ctx.get(MESSAGE_ID)
    if isinstance(msgid, str) and msgid in catalogue():
        names = catalogue()[msgid].params
        return _checked(Message(msgid, **{k: _plain(v) for k, v in ctx.items() if k in names}))
    return _match(rule, text.removeprefix(f"{rule}: "))


def _match(prefix: str, english: str) -> Message | None:
    """The message under ``prefix`` whose English template ``english`` fills, with its params."""
    for candidate, pattern in _templates(prefix):
        match = pattern.fullmatch(english)
        if match:
            return Message(candidate, **match.groupdict())
    return None


@functools.cache
def _templates(prefix: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The English templates of the messages ``prefix`` and ``prefix.*`` as patterns."""
    book = catalogue()
    found = []
    for msgid, entry in book.entries.items():
        if (msgid == prefix or msgid.startswith(prefix + ".")) and not entry.plural:
            found.append((msgid, _pattern(entry.forms["en"][0])))
    return tuple(found)


def _pattern(template: str) -> re.Pattern[str]:
    """An English template as a pattern with one named group per placeholder."""
    parts = re.split(r"(?<!\{)\{(\w+)\}(?!\})", template)
    regex = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part.replace("{{", "{").replace("}}", "}"))
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)
