"""A message as data — an id and its parameters — rendered in either language on demand.

An error, a reason or a label is kept as a [`Message`][sp4n.i18n.Message] until a person
reads it; then ``message.text("id")`` or ``message.text("en")`` renders it from
the catalogue, with numbers, dates and lists formatted for that language.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from types import MappingProxyType
from typing import TypeAlias

import attrs

from sp4n.i18n._catalogue import COUNT, MessageError, catalogue
from sp4n.i18n._format import (
    Number,
    format_date,
    format_datetime,
    format_list,
    format_number,
    format_percent,
)
from sp4n.i18n._lang import DEFAULT_LANG, Lang, parse_lang

__all__ = [
    "Bilingual",
    "Choices",
    "Message",
    "Param",
    "Percent",
    "declare",
    "declare_plural",
    "format_working_days",
    "label",
    "label_id",
    "translate",
]


@attrs.frozen
class Percent:
    """A rate shown as a percentage in a message: ``Percent(Decimal("0.524"))`` → ``52,4%``."""

    rate: Number
    digits: int = 1


@attrs.frozen
class Bilingual:
    """A name that data gives in both languages (a holiday's ``name_id``/``name_en``).

    >>> Message("ui.example-name", name=Bilingual("Idulfitri", "Eid al-Fitr")).text("id")
    'Idulfitri'
    """

    id: str
    en: str


@attrs.frozen
class Choices:
    """Alternatives shown as an "or" list: ``'A', 'B' atau 'C'`` / ``'A', 'B' or 'C'``.

    A plain ``tuple`` parameter is shown as an "and" list.
    """

    items: tuple[str | Message, ...]


_Scalar: TypeAlias = str | int | Decimal | Fraction | date
Param: TypeAlias = "_Scalar | Message | Percent | Choices | Bilingual | tuple[str | Message, ...]"
"""What a message parameter may be; each is rendered for the language.

``str`` as is (codes, names, paths); ``int``/``Decimal``/``Fraction`` as numbers
with grouping (pass a year or a code as ``str``: ``2024`` would read ``2.024``);
``date`` as a long date; an aware ``datetime`` in its own zone; a ``Message`` as
its text; [`Percent`][sp4n.i18n.Percent]; [`Choices`][sp4n.i18n.Choices];
[`Bilingual`][sp4n.i18n.Bilingual] as the name in the language; a tuple as an
"and" list.
"""


class Message:
    """A catalogue message with its parameters, rendered in a language on demand.

    Args:
        msgid: The stable message id, e.g. ``"ID-NIK-FORMAT"`` or ``"ui.working-days"``.
        english: The English text, written where the message is used: the
            extractor (Babel keyword ``Message:1c,2``) puts it in the
            catalogue under ``msgid``. Not read at run time (the catalogue's
            text is shown); leave it out for a message declared elsewhere.
        **params: The values of the message's placeholders (see [`Param`][sp4n.i18n.Param]).

    The id and parameters are checked against the catalogue when the message
    is rendered, so building one is cheap (no catalogue load). A message
    pickles (errors cross process boundaries in parallel runs).

    >>> m = Message("PAYLOAD-STRING-TOO-LONG", count=200)
    >>> m.text("id")
    'Teks paling banyak 200 karakter'
    >>> m.text("en"), m.rule
    ('String should have at most 200 characters', 'PAYLOAD-STRING-TOO-LONG')
    """

    __slots__ = ("_msgid", "_params")

    def __init__(self, msgid: str, english: str | None = None, /, **params: Param) -> None:
        del english  # read by the extractor, not at run time
        checked: object = msgid  # callers without a type checker pass anything
        if not isinstance(checked, str):
            msg = f"msgid must be a str, not {type(checked).__name__}"
            raise TypeError(msg)
        self._msgid = msgid
        self._params: Mapping[str, Param] = MappingProxyType(dict(params))

    @property
    def msgid(self) -> str:
        """The stable message id (the key of the catalogue)."""
        return self._msgid

    @property
    def params(self) -> Mapping[str, Param]:
        """The parameters, by placeholder name (read-only)."""
        return self._params

    @property
    def rule(self) -> str | None:
        """The rule id a rule message is about (``HISTORY-START`` of ``HISTORY-START.x``)."""
        head = self._msgid.split(".", 1)[0]
        if head == "rule":
            return self._msgid.removeprefix("rule.")
        return head if head[:1].isupper() else None

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        """The message in ``lang``, parameters formatted for that language.

        Raises:
            MessageError: the id is not in the catalogue, or the parameters
                are not exactly the placeholders of its text.
            ConfigError: ``lang`` is not ``"id"`` or ``"en"``.
            TypeError: a parameter is not a [`Param`][sp4n.i18n.Param] (e.g. a ``float``).
        """
        lang = parse_lang(lang)
        entry = catalogue()[self._msgid]
        given = frozenset(self._params)
        if given != entry.params:
            msg = (
                f"message {self._msgid!r} takes parameters {sorted(entry.params)}, "
                f"got {sorted(given)}"
            )
            raise MessageError(msg, field="params")
        count = self._params.get(COUNT) if entry.plural else None
        if entry.plural and (isinstance(count, bool) or not isinstance(count, int)):
            msg = f"message {self._msgid!r} needs an int {COUNT!r}, got {count!r}"
            raise MessageError(msg, field=COUNT)
        template = entry.form(lang, count if isinstance(count, int) else None)
        values = {name: _render(value, lang) for name, value in self._params.items()}
        return template.format_map(values)

    def __str__(self) -> str:
        return self.text("en")

    def __repr__(self) -> str:
        params = "".join(f", {name}={value!r}" for name, value in self._params.items())
        return f"Message({self._msgid!r}{params})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self._msgid == other._msgid and dict(self._params) == dict(other._params)

    def __hash__(self) -> int:
        return hash((self._msgid, tuple(sorted(self._params.items()))))

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self._msgid, dict(self._params)))


def _rebuild(msgid: str, params: dict[str, Param]) -> Message:
    """A message from its pickled id and parameters."""
    return Message(msgid, **params)


def _render(value: object, lang: Lang) -> str:  # noqa: PLR0911  (one return per parameter kind)
    if isinstance(value, str):
        return value
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Percent):
        return format_percent(value.rate, lang, digits=value.digits)
    if isinstance(value, Bilingual):
        return value.id if lang == "id" else value.en
    if isinstance(value, Choices):
        return format_list(tuple(_render(item, lang) for item in value.items), lang, style="or")
    if isinstance(value, tuple):
        return format_list(tuple(_render(item, lang) for item in value), lang)
    if isinstance(value, datetime):
        return format_datetime(value, lang)
    if isinstance(value, date):
        return format_date(value, lang)
    if isinstance(value, int | Decimal | Fraction) and not isinstance(value, bool):
        return format_number(value, lang)
    msg = f"a message parameter cannot be a {type(value).__name__}"
    raise TypeError(msg)


def translate(msgid: str, /, lang: Lang = DEFAULT_LANG, **params: Param) -> str:
    """The text of message ``msgid`` in ``lang``: ``Message(msgid, **params).text(lang)``.

    >>> translate("ID-NIK-SERIAL", "id")
    'Nomor urut pada NIK tidak boleh 0000'
    >>> translate("ui.working-days", "en", count=1), translate("ui.working-days", "id", count=3)
    ('1 working day', '3 hari kerja')
    """
    return Message(msgid, **params).text(lang)


def label_id(member: Enum) -> str:
    """The message id of the display label of a vocabulary code: ``label.Status.ON_HOLD``.

    >>> from sp4n.vocabulary import Status
    >>> label_id(Status.ON_HOLD)
    'label.Status.ON_HOLD'
    """
    return f"label.{type(member).__name__}.{member.name}"


def label(member: Enum, lang: Lang = DEFAULT_LANG) -> str:
    """The display label of a vocabulary code in ``lang``.

    Raises:
        MessageError: ``member`` has no label in the catalogue.

    >>> from sp4n.vocabulary import Role, Status
    >>> label(Status.NOT_COMPETENT, "id"), label(Role.LIAISON, "en")
    ('Bukan Wewenang', 'Liaison')
    """
    return Message(label_id(member)).text(lang)


def format_working_days(count: int, lang: Lang = DEFAULT_LANG) -> str:
    """A number of working days: ``3 hari kerja``, ``1 working day``, ``14 working days``.

    >>> format_working_days(14, "id"), format_working_days(1, "en")
    ('14 hari kerja', '1 working day')
    """
    return Message("ui.working-days", count=count).text(lang)


def declare(msgid: str, english: str) -> str:
    """Mark an English text as catalogue message ``msgid``; returns ``msgid``.

    The extractor (``scripts/update_messages.py``, Babel keyword
    ``declare:1c,2``) collects these calls into the template; the English
    text lives beside the code that uses the message.

    >>> declare("ui.example", "An example")
    'ui.example'
    """
    del english  # read by the extractor, not at run time
    return msgid


def declare_plural(msgid: str, singular: str, plural: str) -> str:
    """Like `declare` for a text with a singular and a plural (picked by ``count``)."""
    del singular, plural
    return msgid
