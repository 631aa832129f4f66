"""Reading and validating payload files, one report at a time.

Integrators receive reports as JSON documents or JSON Lines. This module
streams them (a JSON Lines file of millions of rows is never held in memory),
validates each with the models, and turns every ``ValidationError`` into
:class:`Problem` rows that name the line, the field and the rule — the shape
printed by ``sp4n validate`` as ``line/field: rule: message``. Inputs are
never echoed back, so personal data does not leak into logs.

Messages come from the catalogue of :mod:`sp4n.i18n` in the language asked
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
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import attrs
from pydantic import BaseModel, ValidationError

from sp4n.errors import DataError
from sp4n.i18n import DEFAULT_LANG, Lang, Message, message_for_error, message_ids, rule_of
from sp4n.models import Reporter
from sp4n.schema import MODELS

__all__ = [
    "PayloadResult",
    "Problem",
    "iter_payloads",
    "problems_from",
    "validate_json",
    "warnings_of",
]

_GENERIC: Final = Message("PAYLOAD-INVALID")


@attrs.frozen
class Problem:
    """One reason a payload was refused: where, which rule, why.

    Attributes:
        line: The payload's line (or item) number in its file.
        field: The dotted path of the field, ``""`` for the whole payload.
        rule: The rule id (``ID-NIK-FORMAT``, ``PAYLOAD-MISSING``…).
        message: Why, in the language asked of :func:`problems_from`.
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
    statement = Message(f"rule.{rule}")
    return statement if statement.msgid in message_ids() else _GENERIC


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
    return PayloadResult(line, valid, warnings=warnings_of(valid, line=line))


def warnings_of(model: BaseModel, *, line: int = 1) -> tuple[Problem, ...]:
    """The identity warnings of a valid payload's reporter, as problem rows (no values shown)."""
    reporter = getattr(model, "reporter", None)
    if not isinstance(reporter, Reporter):
        return ()
    return tuple(
        Problem(line, f"reporter.{w.field}", w.rule, w.message)
        for w in reporter.identity_warnings()
    )


def iter_payloads(path: Path) -> Iterator[tuple[int, str]]:
    """Yield ``(line, json_text)`` for each payload of a JSON or JSON Lines file.

    A ``.json`` file holds one object or an array of objects (numbered 1…n);
    any other file is read as JSON Lines, streaming, blank lines skipped. A
    JSON Lines row that is not JSON is yielded as is and fails validation with
    rule ``PAYLOAD-JSON-INVALID``.

    Raises:
        DataError: the file cannot be read, or a ``.json`` file is not JSON.
    """
    try:
        if path.suffix.lower() == ".json":
            yield from _json_document(path)
            return
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                text = raw.decode("utf-8", errors="replace").strip()
                if text:
                    yield number, text
    except OSError as exc:
        msg = f"cannot read {path}: {exc.strerror or exc}"
        raise DataError(msg, rule="INPUT-FILE") from exc


def _json_document(path: Path) -> Iterator[tuple[int, str]]:
    try:
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        msg = f"{path} is not JSON: {exc}"
        raise DataError(msg, rule="INPUT-JSON") from exc
    items = document if isinstance(document, list) else [document]
    for number, item in enumerate(items, start=1):
        yield number, json.dumps(item, ensure_ascii=False)
