"""Helpers that turn third-party errors into sp4n's domain errors.

Pydantic reports every problem of a payload; sp4n's errors carry one message
and one field ([`sp4n.errors.SP4NError`][sp4n.errors.SP4NError]), so loaders report the first
problem, with its dotted location, the same way everywhere.
"""

from __future__ import annotations

from pydantic import ValidationError

__all__ = ["first_error"]


def first_error(exc: ValidationError) -> tuple[str, str]:
    """The dotted location and the message of the first error of ``exc``.

    The location is ``""`` when the error is about the whole input.

    >>> from pydantic import TypeAdapter
    >>> try:
    ...     TypeAdapter(list[int]).validate_python([1, "x"])
    ... except ValidationError as exc:
    ...     first_error(exc)
    ('1', 'Input should be a valid integer, unable to parse string as an integer')
    """
    errors = exc.errors()
    if not errors:
        return "", str(exc)
    first = errors[0]
    return ".".join(str(part) for part in first["loc"]), first["msg"]
