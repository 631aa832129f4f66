"""Reading and validating payloads: JSON text, the objects web frameworks hand over, files.

[`validate_payload`][sp4n.payloads.validate_payload] validates what an app receives — JSON text, or
the
JSON-compatible Python object a web framework, ``json.loads`` or an ORM JSON
column made of it — exactly as the JSON text would be validated: same
acceptance, same errors. The models are strict, so a Python-side coercion the
standard forbids (``"true"`` for a boolean, ``"3"`` for a number, a naive
timestamp) is refused on both paths.

Integrators also receive reports as JSON documents or JSON Lines. This module
streams them (a JSON Lines file of millions of rows is never held in memory),
validates each with the models, and turns every ``ValidationError`` into
[`Problem`][sp4n.payloads.Problem] rows that name the line, the field and the rule — the shape
printed by ``sp4n validate`` as ``line/field: rule: message``. Inputs are
never echoed back, so personal data does not leak into logs.

Messages come from the catalogue of [`sp4n.i18n`][sp4n.i18n] in the language asked
(``lang="id"`` or ``"en"``, English by default), and each problem keeps the
catalogue message (id and parameters) to render in the other one.

>>> result = validate_json('{"type": "COMPLAINT"}', line=7)
>>> result.ok
False
>>> print(result.problems[0])
7/title: PAYLOAD-MISSING: Field required
>>> result.problems[0].text("id")
'Wajib diisi'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final, TypeVar, overload

import attrs
import pydantic_core
from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from sp4n._files import iter_text_lines, parse_json, read_bytes
from sp4n.i18n import DEFAULT_LANG, Lang, Message, message_for_error, message_ids, rule_of
from sp4n.models import ComplaintSubmission, Reporter
from sp4n.schema import MODELS

__all__ = [
    "PayloadResult",
    "Problem",
    "iter_payloads",
    "problems_from",
    "validate_json",
    "validate_payload",
    "warnings_of",
]

M = TypeVar("M", bound=BaseModel)

_GENERIC: Final = Message("PAYLOAD-INVALID")


@attrs.frozen
class Problem:
    """One reason a payload was refused: where, which rule, why.

    Attributes:
        line: The payload's line (or item) number in its file.
        field: The dotted path of the field, ``""`` for the whole payload.
        rule: The rule id (``ID-NIK-FORMAT``, ``PAYLOAD-MISSING``…).
        message: Why, in the language asked of [`problems_from`][sp4n.payloads.problems_from].
        detail: The catalogue message behind ``message`` (id and parameters),
            to render in another language; ``None`` when the text has no
            catalogue entry (then ``message`` is as pydantic wrote it in
            English, or the rule's generic text in Indonesian).
    """

    line: int
    field: str
    rule: str
    message: str
    detail: Message | None = attrs.field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return f"{self.line}/{self.field or '-'}: {self.rule}: {self.message}"

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        """The message in ``lang`` (``message`` itself when there is no ``detail``)."""
        return self.message if self.detail is None else self.detail.text(lang)


@attrs.frozen
class PayloadResult:
    """The outcome of validating one payload: the model, or the problems.

    ``warnings`` are doubts that did not refuse the payload (rules
    ID-NIK-DISTRICT, ID-PHONE-PREFIX: standard.md §8 [D]), in the same shape
    as problems.
    """

    line: int
    model: BaseModel | None
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the payload is valid."""
        return not self.problems


def problems_from(
    exc: ValidationError, *, line: int = 1, lang: Lang = DEFAULT_LANG
) -> tuple[Problem, ...]:
    """Problems from a pydantic error: field path, rule id and message, never the input.

    Args:
        exc: The error of a model validation.
        line: The line (or item) number to report.
        lang: The language of each problem's ``message``: ``"en"`` or ``"id"``.
    """
    problems = []
    for err in exc.errors(include_input=False, include_url=False):
        rule = rule_of(err["type"])
        detail = message_for_error(err)
        if detail is not None:
            message = detail.text(lang)
        else:
            message = err["msg"].removeprefix(f"{rule}: ")
            if err["type"].startswith("value_error") and "ctx" in err:
                message = str(err["ctx"].get("error", message))
            if lang != "en":
                message = _generic(rule).text(lang)
        field = ".".join(str(part) for part in err["loc"])
        problems.append(Problem(line, field, rule, message, detail))
    return tuple(problems)


def _generic(rule: str) -> Message:
    """The statement of an sp4n rule, or "invalid value", for a text the catalogue lacks."""
    msgid = f"rule.{rule}"
    return Message(msgid) if msgid in message_ids() else _GENERIC


def validate_json(
    text: str | bytes, *, model: str = "submission", line: int = 1, lang: Lang = DEFAULT_LANG
) -> PayloadResult:
    """Validate one JSON payload against model ``model`` (see ``sp4n.schema.MODELS``).

    Problems are worded in ``lang`` (``"en"`` or ``"id"``).
    """
    cls = MODELS[model]
    try:
        valid = cls.model_validate_json(text)
    except ValidationError as exc:
        return PayloadResult(line, None, problems_from(exc, line=line, lang=lang))
    return PayloadResult(line, valid, warnings=warnings_of(valid, line=line, lang=lang))


def warnings_of(
    model: BaseModel, *, line: int = 1, lang: Lang = DEFAULT_LANG
) -> tuple[Problem, ...]:
    """The identity warnings of a valid payload's reporter, as problem rows (no values shown).

    Worded in ``lang`` from the catalogue entry of the warning's rule.
    """
    reporter = getattr(model, "reporter", None)
    if not isinstance(reporter, Reporter):
        return ()
    rows = []
    for w in reporter.identity_warnings():
        detail = Message(w.rule) if w.rule in message_ids() else None
        text = w.message if detail is None else detail.text(lang)
        rows.append(Problem(line, f"reporter.{w.field}", w.rule, text, detail))
    return tuple(rows)


_NOT_JSON: Final = "PAYLOAD-NOT-JSON"


_MAX_REPORTED: Final = 20


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _not_json(value: object) -> str | None:
    """Why ``value`` itself is not a JSON value (containers are walked by the caller)."""
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "a NaN or infinite number"
    return _a(type(value).__name__)


def _non_json(payload: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Where the values that JSON cannot hold are, and what they are (in document order).

    Iterative, so a deeply nested payload cannot exhaust the stack.
    """
    found: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[tuple[str | int, ...], object]] = [((), payload)]
    while stack and len(found) < _MAX_REPORTED:
        loc, value = stack.pop()
        if isinstance(value, Mapping):
            items: list[tuple[tuple[str | int, ...], object]] = []
            for key, item in value.items():
                if not isinstance(key, str):
                    found.append(((*loc, str(key)), _a(f"{type(key).__name__} key")))
                    continue
                items.append(((*loc, key), item))
            stack.extend(reversed(items))
        elif isinstance(value, list | tuple):
            stack.extend(reversed([((*loc, i), item) for i, item in enumerate(value)]))
        else:
            problem = _not_json(value)
            if problem is not None:
                found.append((loc, problem))
    return found


def _refuse(
    model: type[BaseModel], found: list[tuple[tuple[str | int, ...], str]]
) -> ValidationError:
    details: list[InitErrorDetails] = [
        {
            "type": PydanticCustomError(
                f"sp4n.{_NOT_JSON}",
                "{rule}: {what} is not a JSON value; send what json.loads gives",
                {"rule": _NOT_JSON, "what": what},
            ),
            "loc": loc,
            "input": f"<{what}>",
        }
        for loc, what in found
    ]
    return ValidationError.from_exception_data(model.__name__, details, hide_input=True)


@overload
def validate_payload(
    payload: object, model: None = None, *, context: Mapping[str, object] | None = None
) -> ComplaintSubmission: ...


@overload
def validate_payload(
    payload: object, model: type[M], *, context: Mapping[str, object] | None = None
) -> M: ...


def validate_payload(
    payload: object,
    model: type[M] | None = None,
    *,
    context: Mapping[str, object] | None = None,
) -> M | ComplaintSubmission:
    """Validate a payload as a web framework hands it over, exactly as its JSON text.

    ``payload`` is JSON text (``str``/``bytes``) or a JSON-compatible Python
    object: what ``json.loads``, a FastAPI/Flask body or an ORM JSON column
    gives (``dict`` with string keys, ``list``/``tuple``, ``str``, ``int``,
    finite ``float``, ``bool``, ``None``). The object is validated through its
    JSON text, so it is accepted, and refused with the same errors, exactly
    when its JSON text would be (standard.md §3; the models are strict: no
    Python-side coercion). A value JSON cannot hold (a ``datetime``, an enum,
    a ``Decimal``, a set, a non-string key, NaN) is refused with rule
    PAYLOAD-NOT-JSON at its location (a ``str`` or ``int`` subclass such as a
    ``StrEnum`` member counts as its value, as ``json.dumps`` writes it). For
    typed Python objects use the model's constructor or ``model_validate``.

    Args:
        payload: JSON text or a JSON-compatible object.
        model: The model to validate against (default ``ComplaintSubmission``;
            any of ``sp4n.schema.MODELS``, e.g. ``Complaint``).
        context: Validation context passed to pydantic (``Complaint`` uses
            ``{"rulebook": ...}`` for the tracking-id rule).

    Returns:
        The validated, frozen model.

    Raises:
        pydantic.ValidationError: the payload is invalid; each error's ``loc``
            names the field and its ``type`` the rule (``sp4n.<RULE>``). Return
            ``exc.errors(include_input=False)`` in a 422 response.

    >>> sub = validate_payload({"type": "COMPLAINT", "title": "Jalan rusak",
    ...     "body": "Lubang besar.", "category": "regency_road", "channel": "WEB",
    ...     "submitted_at": "2024-04-05T09:30:00+07:00"})
    >>> sub.type
    <ReportType.COMPLAINT: 'COMPLAINT'>
    >>> try:
    ...     validate_payload({"type": "COMPLAINT", "anonymous": "true"})
    ... except ValidationError as exc:
    ...     [(e["loc"], e["type"]) for e in exc.errors()][:2]
    [(('title',), 'missing'), (('body',), 'missing')]
    """
    cls: type[BaseModel] = model or ComplaintSubmission
    if isinstance(payload, str | bytes | bytearray):
        return cls.model_validate_json(payload, context=context)  # type: ignore[return-value]
    found = _non_json(payload)
    if found:
        raise _refuse(cls, found)
    try:
        text = json.dumps(payload, allow_nan=False)
    except RecursionError:
        raise _refuse(cls, [((), "a value nested too deeply")]) from None
    return cls.model_validate_json(text, context=context)  # type: ignore[return-value]


def iter_payloads(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line, json_text)`` for each payload of a JSON or JSON Lines file.

    A ``.json`` file holds one object or an array of objects (numbered 1…n);
    any other file is read as JSON Lines, streaming, blank lines skipped. A
    JSON Lines row that is not JSON is yielded as is and fails validation with
    rule ``PAYLOAD-JSON-INVALID``. Both forms are read by `sp4n._files`:
    UTF-8 only, a leading byte-order mark skipped, the same JSON limits.

    Raises:
        DataError: the file cannot be read (INPUT-FILE), is not UTF-8 — in
            either form, naming the line of a JSON Lines file —
            (INPUT-ENCODING), or a ``.json`` file is not JSON within the
            limits (INPUT-JSON).
    """
    if path.suffix.lower() == ".json":
        yield from _json_document(path)
        return
    for number, line in iter_text_lines(path):
        text = line.strip()
        if text:
            yield number, text


def _json_document(path: Path) -> Iterator[tuple[int, str]]:
    document = parse_json(read_bytes(path), source=str(path))
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        yield number, pydantic_core.to_json(item).decode("utf-8")
