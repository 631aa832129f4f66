"""Validation errors without personal data: what an API may return verbatim.

Pydantic's ``hide_input_in_errors`` hides the input from ``str(exc)`` only;
``exc.errors()`` and ``exc.json()`` still carry it, and web frameworks return
``errors()`` as is (FastAPI's 422 response). The payload models therefore
re-raise every ``ValidationError`` through `redacted` (rule
PRIV-ERRORS, standard.md §8, UU 27/2022):

- every ``input`` is replaced by `HIDDEN` — a NIK, phone, e-mail, name
  or free text never travels in an error, whichever field failed;
- a ``ctx`` value that echoes the input (the tag of a discriminated union,
  the text of a wrapped exception) is hidden or masked, and the message is
  rebuilt from the cleaned ``ctx``;
- any text left (locations such as an extra key named after a person, custom
  messages) is masked with [`sp4n.privacy.Masker`][sp4n.privacy.Masker], knowing the
  reporter's own name, NIK, phone and e-mail when the payload gives them.

Type, location and rule stay, so an error still names the field and the rule.

Where: `redacting_validator` puts a `RedactingValidator` in front
of a model's pydantic-core validator, so the constructor, ``model_validate``,
``model_validate_json`` and ``model_validate_strings`` all redact, with no
cost on the valid path and none for nested models (their errors surface
through the outer call). A wrap model validator would do it inside the
schema, but pydantic then validates JSON input in Python mode, which the
strict models refuse (pydantic issue 12236); a ``TypeAdapter`` built by a
third party over a model therefore does not redact: validate through the
model's own methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, cast, get_args

import pydantic_core
from pydantic import ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError, SchemaValidator

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["HIDDEN", "RedactingValidator", "redacted", "redacting_validator"]

HIDDEN: Final = "[hidden]"
"""What an error's ``input`` (and an echoing ``ctx`` value) becomes."""

_ECHOING_CTX: Final = frozenset({"tag"})
"""``ctx`` keys of pydantic's own errors whose value is (part of) the input."""

_IDENTITY_KEYS: Final = ("name", "nik", "phone", "email")


def _identity(data: object) -> tuple[str, ...]:
    """The reporter's name, NIK, phone and e-mail given in a payload, to mask literally."""
    if isinstance(data, str | bytes | bytearray):
        try:
            data = pydantic_core.from_json(data)
        except ValueError:
            return ()
    reporter = data.get("reporter") if isinstance(data, Mapping) else None
    if not isinstance(reporter, Mapping):
        reporter = data if isinstance(data, Mapping) else {}
    found = (reporter.get(key) for key in _IDENTITY_KEYS)
    return tuple(v.strip() for v in found if isinstance(v, str) and v.strip())


class _LazyMask:
    """Masks text knowing the payload's identity; built only if some text needs it."""

    def __init__(self, data: object) -> None:
        self._data = data
        self._mask: Callable[[str], str] | None = None

    def __call__(self, text: str) -> str:
        if self._mask is None:
            from sp4n.privacy._pii import Masker  # noqa: PLC0415 - privacy imports the models

            self._mask = Masker(known=_identity(self._data)).mask
        return self._mask(text)


def _clean_ctx(ctx: Mapping[str, Any], mask: Callable[[str], str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in ctx.items():
        if key in _ECHOING_CTX:
            out[key] = HIDDEN
        elif isinstance(value, BaseException):  # a wrapped exception's text may quote the input
            out[key] = mask(str(value))
        else:  # pattern, expected, limits: from the schema, not the input
            out[key] = value
    return out


def _clean_loc(
    kind: str, loc: tuple[int | str, ...], mask: Callable[[str], str]
) -> tuple[int | str, ...]:
    """The location, with an extra key (the only part taken from the input) masked."""
    if kind != "extra_forbidden" or not loc or not isinstance(loc[-1], str):
        return loc
    return (*loc[:-1], mask(loc[-1]))


def redacted(exc: ValidationError, data: object) -> ValidationError:
    """``exc`` with every input hidden and personal data masked in the rest.

    The masker runs only on text that can come from the input (an extra key,
    a wrapped exception's message, a message of a third-party custom error):
    sp4n's own messages are fixed text, so a file of invalid payloads is
    checked about as fast as before.

    Args:
        exc: The error pydantic raised while validating ``data``.
        data: The payload (dict, JSON text or bytes), to learn the identity to mask.

    >>> from sp4n.models import Reporter
    >>> try:
    ...     Reporter.model_validate({"name": "Budi Santoso", "nik": "3171012345670002",
    ...                              "phone": "081234567890"})
    ... except ValidationError as exc:
    ...     (exc.errors()[0]["type"], exc.errors()[0]["input"])
    ('sp4n.ID-NIK-BIRTHDATE', '[hidden]')
    """
    mask = _LazyMask(data)
    details: list[InitErrorDetails] = []
    for error in exc.errors(include_url=False):
        kind = error["type"]
        loc = _clean_loc(kind, error["loc"], mask)
        detail: InitErrorDetails
        if kind.startswith("sp4n."):  # sp4n's own: fixed text, never the input
            custom = PydanticCustomError(kind, _literal(error["msg"]))
            detail = {"type": custom, "loc": loc, "input": HIDDEN}
        elif kind not in _BUILTIN_TYPES:  # another library's custom error: mask its text
            custom = PydanticCustomError(kind, _literal(mask(error["msg"])))
            detail = {"type": custom, "loc": loc, "input": HIDDEN}
        else:
            detail = {"type": kind, "loc": loc, "input": HIDDEN}
            ctx = _clean_ctx(error.get("ctx") or {}, mask)
            if ctx:
                detail["ctx"] = ctx
        details.append(detail)
    return ValidationError.from_exception_data(exc.title, details, hide_input=True)


def _literal(text: str) -> str:
    """``text`` safe as a message template (braces would be read as placeholders)."""
    return text.replace("{", "(").replace("}", ")")


_BUILTIN_TYPES: Final = frozenset(get_args(pydantic_core.core_schema.ErrorType))
"""Pydantic's own error types (their message is rebuilt from ``ctx``)."""


class RedactingValidator:
    """A pydantic-core validator whose validation errors go through `redacted`.

    Every other attribute is the wrapped validator's (as pydantic's own plugin
    wrapper does).
    """

    __slots__ = ("_inner",)

    def __init__(self, inner: SchemaValidator) -> None:
        self._inner = inner

    def validate_python(self, input: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        """As ``SchemaValidator.validate_python``, errors redacted."""
        try:
            return self._inner.validate_python(input, *args, **kwargs)
        except ValidationError as exc:
            raise redacted(exc, input) from None

    def validate_json(self, input: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        """As ``SchemaValidator.validate_json``, errors redacted."""
        try:
            return self._inner.validate_json(input, *args, **kwargs)
        except ValidationError as exc:
            raise redacted(exc, input) from None

    def validate_strings(self, input: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        """As ``SchemaValidator.validate_strings``, errors redacted."""
        try:
            return self._inner.validate_strings(input, *args, **kwargs)
        except ValidationError as exc:
            raise redacted(exc, input) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def redacting_validator(model: type[BaseModel]) -> None:
    """Put a `RedactingValidator` in front of ``model``'s validator (once)."""
    inner = model.__pydantic_validator__
    if isinstance(inner, SchemaValidator):  # not a mock of a model still being defined
        model.__pydantic_validator__ = cast("SchemaValidator", RedactingValidator(inner))
