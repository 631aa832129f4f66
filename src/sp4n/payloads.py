"""Reading and validating payload files, one report at a time.

Integrators receive reports as JSON documents or JSON Lines. This module
streams them (a JSON Lines file of millions of rows is never held in memory),
validates each with the models, and turns every ``ValidationError`` into
:class:`Problem` rows that name the line, the field and the rule — the shape
printed by ``sp4n validate`` as ``line/field: rule: message``. Inputs are
never echoed back, so personal data does not leak into logs.

>>> result = validate_json('{"type": "COMPLAINT"}', line=7)
>>> result.ok
False
>>> print(result.problems[0])
7/title: PAYLOAD-MISSING: Field required
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import attrs
from pydantic import BaseModel, ValidationError

from sp4n.errors import DataError
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

_PYDANTIC_RULES: Final = {"timezone_aware": "TIMESTAMP-AWARE"}


@attrs.frozen
class Problem:
    """One reason a payload was refused: where, which rule, why."""

    line: int
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}/{self.field or '-'}: {self.rule}: {self.message}"


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


def _rule_of(error_type: str) -> str:
    if error_type.startswith("sp4n."):
        return error_type.removeprefix("sp4n.")
    return _PYDANTIC_RULES.get(error_type, "PAYLOAD-" + error_type.upper().replace("_", "-"))


def problems_from(exc: ValidationError, *, line: int = 1) -> tuple[Problem, ...]:
    """Problems from a pydantic error: field path, rule id and message, never the input."""
    problems = []
    for err in exc.errors(include_input=False, include_url=False):
        rule = _rule_of(err["type"])
        message = err["msg"].removeprefix(f"{rule}: ")
        if err["type"].startswith("value_error") and "ctx" in err:
            message = str(err["ctx"].get("error", message))
        field = ".".join(str(part) for part in err["loc"])
        problems.append(Problem(line, field, rule, message))
    return tuple(problems)


def validate_json(text: str | bytes, *, model: str = "submission", line: int = 1) -> PayloadResult:
    """Validate one JSON payload against model ``model`` (see ``sp4n.schema.MODELS``)."""
    cls = MODELS[model]
    try:
        valid = cls.model_validate_json(text)
    except ValidationError as exc:
        return PayloadResult(line, None, problems_from(exc, line=line))
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
