"""Errors raised by sp4n on purpose.

Every error sp4n raises deliberately derives from one root, so an integrator can
catch [`SP4NError`][sp4n.errors.SP4NError] once. Each carries the rule id from the rulebook and,
where one applies, the field it is about, so a message can be traced back to
the standard. Payload validation raises pydantic's ``ValidationError`` whose
error ``type`` is ``sp4n.<rule>`` for the same reason.

```text
SP4NError
├── ConfigError (ValueError)          bad rulebook, override or setting
├── DataError (ValueError)            unusable input data (file, row, payload)
│   └── InvalidArgument (TypeError)   a public function given the wrong type or range
├── InvalidTransition (ValueError)    an event not allowed in the current status
├── PermissionDenied (PermissionError) an actor not allowed to make the event
├── JurisdictionError (LookupError)   routing failed, unknown agency/region
│   └── UnknownAgency
├── CalendarError (ValueError)        date arithmetic outside confirmed holiday data
├── ScoringError (ValueError)         an indicator cannot be computed as asked
└── ConcurrentUpdate (RuntimeError)   another writer changed a stored report first
```

Every error sp4n raises carries its text as a catalogue message
([`Message`][sp4n.i18n.Message]: an id, the rule it is about and the
parameters), so an app can show it in Indonesian or English: ``str(exc)`` is
the English text, ``exc.text("id")`` the Indonesian one, ``exc.message`` the
message itself (issue #12). Messages hold no personal data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:  # pragma: no cover - typing only: models import nothing from here at run time
    from sp4n.i18n import Message
    from sp4n.models import Complaint

__all__ = [
    "CalendarError",
    "ConcurrentUpdate",
    "ConfigError",
    "DataError",
    "InvalidArgument",
    "InvalidTransition",
    "JurisdictionError",
    "PermissionDenied",
    "SP4NError",
    "ScoringError",
    "UnknownAgency",
]


class SP4NError(Exception):
    """Root of every error sp4n raises on purpose.

    Args:
        message: What went wrong, for a person: a catalogue
            [`Message`][sp4n.i18n.Message] (what sp4n raises), or a plain text
            (shown as given in every language); defaults to the class's
            message.
        rule: The rulebook id of the rule that was violated; defaults to the
            rule the message is about.
        field: The payload field concerned, as a dotted path, if any.

    Attributes:
        message: The catalogue message, or ``None`` when built from a plain text.
        rule: The rule id, if any.
        field: The field, if any.

    >>> from sp4n.i18n import Message
    >>> err = SP4NError(Message("INPUT-FILE.missing", path="laporan.jsonl"))
    >>> str(err), err.rule
    ('no such file: laporan.jsonl', 'INPUT-FILE')
    >>> err.text("id")
    'berkas tidak ada: laporan.jsonl'
    >>> err = SP4NError("too late", rule="SLA-VERIFY", field="submitted_at")
    >>> (str(err), err.text("id"), err.rule, err.field)
    ('too late', 'too late', 'SLA-VERIFY', 'submitted_at')
    """

    default_message: ClassVar[str] = "SP4N rule violated"
    """The English text when no message is given (``error.<Class>`` in the catalogue)."""
    default_message_id: ClassVar[str] = "error.SP4NError"
    """The catalogue id of ``default_message``."""

    message: Message | None
    rule: str | None
    field: str | None

    def __init__(
        self,
        message: str | Message | None = None,
        *,
        rule: str | None = None,
        field: str | None = None,
    ) -> None:
        from sp4n.i18n._message import Message  # noqa: PLC0415  (i18n imports this module)

        if isinstance(message, Message):
            self.message = message
        elif message:
            self.message = None
        else:
            self.message = Message(self.default_message_id)
        super().__init__(message if self.message is None else self.message)
        self.rule = rule if rule is not None or self.message is None else self.message.rule
        self.field = field

    def text(self, lang: Literal["id", "en"] = "en") -> str:
        """What went wrong in ``lang`` (``"id"`` or ``"en"``); ``str(exc)`` is the English.

        A plain-text error (built without a catalogue message) reads the same
        in both languages.
        """
        return str(self) if self.message is None else self.message.text(lang)


class ConfigError(SP4NError, ValueError):
    """A rulebook, override or setting is malformed or inconsistent."""

    default_message = "invalid configuration"
    default_message_id = "error.ConfigError"


class DataError(SP4NError, ValueError):
    """Input data (a file, a row, a payload) cannot be used as given."""

    default_message = "unusable data"
    default_message_id = "error.DataError"


class InvalidArgument(DataError, TypeError):
    """A public function was given ``None``, the wrong type or an out-of-range value.

    Rule API-ARGUMENT (issue #11): the function refuses it at its boundary and
    names the argument in ``field``, rather than failing deep inside with an
    ``AttributeError`` or ``OverflowError``. It is a [`DataError`][sp4n.errors.DataError] (so a
    ``ValueError``) and a ``TypeError``, so callers catching any of them keep
    working.

    >>> err = InvalidArgument("known must be an iterable of strings", field="known")
    >>> isinstance(err, TypeError) and isinstance(err, ValueError), err.rule
    (True, 'API-ARGUMENT')
    """

    default_message = "invalid argument"
    default_message_id = "error.InvalidArgument"

    def __init__(
        self,
        message: str | Message | None = None,
        *,
        rule: str | None = "API-ARGUMENT",
        field: str | None = None,
    ) -> None:
        super().__init__(message, rule=rule, field=field)


class InvalidTransition(SP4NError, ValueError):
    """An event that the transition table does not allow in the current status."""

    default_message = "transition not allowed"
    default_message_id = "error.InvalidTransition"


class PermissionDenied(SP4NError, PermissionError):
    """An actor whose role or scope does not allow the event."""

    default_message = "permission denied"
    default_message_id = "error.PermissionDenied"


class JurisdictionError(SP4NError, LookupError):
    """Jurisdiction could not be resolved as asked."""

    default_message = "jurisdiction could not be resolved"
    default_message_id = "error.JurisdictionError"


class UnknownAgency(JurisdictionError):
    """An agency id that the hierarchy does not contain."""

    default_message = "unknown agency"
    default_message_id = "error.UnknownAgency"


class CalendarError(SP4NError, ValueError):
    """Working-day arithmetic that would rely on unconfirmed holiday data."""

    default_message = "calendar data not confirmed for this range"
    default_message_id = "error.CalendarError"


class ScoringError(SP4NError, ValueError):
    """An indicator that cannot be computed as asked."""

    default_message = "indicator cannot be computed"
    default_message_id = "error.ScoringError"


class ConcurrentUpdate(SP4NError, RuntimeError):
    """Another writer changed a stored report first (rule STORE-CONCURRENT-UPDATE).

    Raised by ``sp4n.store`` when an event was decided on a version of the
    report that is no longer the current one: exactly one of two concurrent
    transitions wins, the other gets this error with the report as it is
    now, so the caller can look again and decide (nothing was written).

    Args:
        message: What went wrong; defaults to the class's message.
        rule: The rule id (``STORE-CONCURRENT-UPDATE``).
        field: The field concerned (``version``).
        current: The report as stored now.
        version: Its current version (number of events applied).

    >>> err = ConcurrentUpdate(version=3, rule="STORE-CONCURRENT-UPDATE")
    >>> (str(err), err.version, err.current is None)
    ('the report was changed by someone else first', 3, True)
    """

    default_message = "the report was changed by someone else first"
    default_message_id = "error.ConcurrentUpdate"

    def __init__(
        self,
        message: str | Message | None = None,
        *,
        rule: str | None = None,
        field: str | None = None,
        current: Complaint | None = None,
        version: int | None = None,
    ) -> None:
        super().__init__(message, rule=rule, field=field)
        self.current = current
        self.version = version
