"""The message catalogue: one gettext ``.po`` file read with Babel, once, on first use.

Each entry is keyed by a stable message id, stored as the gettext *context*
(``msgctxt``); its ``msgid`` is the English text and its ``msgstr`` the
Indonesian one. Parameters are named placeholders (``{max_length}``), the same
in both languages. An entry with a plural (``msgid_plural``) picks its form by
the parameter ``count``. See ADR 0004 for why a ``.po`` read at run time.

Message ids (checked by [`check_catalogue`][sp4n.i18n.check_catalogue]):

- ``RULE-ID`` or ``RULE-ID.variant``: a message about a rulebook rule, e.g.
  ``ID-NIK-FORMAT``, ``HISTORY-START.submitted-at``; ``PAYLOAD-*`` are
  pydantic's own error types, as ``sp4n.payloads`` names them.
- ``rule.RULE-ID``: the statement of a rule of the rulebook ``checks`` table.
- ``label.<Vocabulary>.<MEMBER>``: the display label of a vocabulary code;
  ``label.<table>.<key>`` for rulebook rows (indicators, grades, maturity).
- ``ui.<name>``: other text people read (units, headings, field kinds,
  command-line output).
- ``error.<Class>``: the default text of an error class of ``sp4n.errors``;
  ``error.<topic>.<name>``: an error that is about no rulebook rule.
"""

from __future__ import annotations

import functools
import gettext
import re
import string
from collections.abc import Callable, Iterator, Mapping
from importlib.resources import files
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from sp4n.errors import ConfigError
from sp4n.i18n._lang import LANGS, Lang

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from babel.messages.catalog import Message as PoMessage

__all__ = [
    "CATALOGUE_PATH",
    "COUNT",
    "Catalogue",
    "Entry",
    "MessageError",
    "catalogue",
    "check_catalogue",
    "placeholders",
]

CATALOGUE_PATH: Final = ("locale", "id", "LC_MESSAGES", "sp4n.po")
"""Where the catalogue lives inside the ``sp4n.i18n`` package."""

COUNT: Final = "count"
"""The parameter that picks the plural form of an entry with a plural."""

MSGID_PATTERN: Final = re.compile(
    r"^(?:[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)?"
    r"|(?:rule|label|ui|error)(?:\.[A-Za-z0-9_-]+)+)$"
)
"""The grammar of message ids (see the module docstring)."""

_FORMATTER: Final = string.Formatter()


class MessageError(ConfigError):
    """A message id the catalogue lacks, or parameters that do not fit its text."""

    default_message = "message not in the catalogue"
    default_message_id = "error.MessageError"


def placeholders(text: str) -> frozenset[str]:
    """The named placeholders of ``text``; positional, indexed or formatted ones are refused.

    Raises:
        MessageError: a placeholder is not a plain name (``{0}``, ``{a.b}``,
            ``{a:>3}``, ``{a!r}``), or a brace is unbalanced.

    >>> sorted(placeholders("at most {max_length} characters, not {{this}}"))
    ['max_length']
    """
    names = set()
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        msg = f"malformed placeholder in {text!r}: {exc}"
        raise MessageError(msg, field="msgstr") from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            msg = f"placeholder {{{name}}} in {text!r} is not a plain name"
            raise MessageError(msg, field="msgstr")
        names.add(name)
    return frozenset(names)


@attrs.frozen
class Entry:
    """One message of the catalogue, in both languages.

    Attributes:
        msgid: The stable message id (the gettext context).
        forms: Per language, the text (one form, or the plural forms).
        plural_of: Per language, the function from ``count`` to a form index.
        translated: Whether the Indonesian text is there and reviewed (not
            fuzzy); when not, Indonesian falls back to English.
        params: The placeholder names, the same in every form and language.
    """

    msgid: str
    forms: Mapping[Lang, tuple[str, ...]]
    plural_of: Mapping[Lang, Callable[[int], int]] = attrs.field(repr=False)
    translated: bool
    params: frozenset[str]

    @property
    def plural(self) -> bool:
        """Whether the text depends on the parameter ``count``."""
        return len(self.forms["en"]) > 1

    def form(self, lang: Lang, count: int | None) -> str:
        """The text of ``lang`` for ``count`` (the only form when not plural)."""
        forms = self.forms[lang]
        if len(forms) == 1 or count is None:
            return forms[0]
        return forms[min(self.plural_of[lang](count), len(forms) - 1)]


@attrs.frozen
class Catalogue:
    """Every message, by id; built once from the shipped ``.po`` file."""

    entries: Mapping[str, Entry]

    def __getitem__(self, msgid: str) -> Entry:
        try:
            return self.entries[msgid]
        except KeyError:
            msg = f"message id {msgid!r} is not in the catalogue"
            raise MessageError(msg, field="msgid") from None

    def __contains__(self, msgid: object) -> bool:
        return msgid in self.entries

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def _forms(value: str | tuple[str, ...] | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _plural_function(expr: str) -> Callable[[int], int]:
    # gettext's own compiler of a Plural-Forms expression (C syntax, checked tokens).
    function: Callable[[int], int] = gettext.c2py(expr)
    return function


def _read_po() -> Catalog:
    from babel.messages.pofile import read_po  # noqa: PLC0415  (Babel loads on first use)

    resource = files("sp4n.i18n").joinpath(*CATALOGUE_PATH)
    with resource.open("rb") as handle:
        return read_po(handle, locale="id", domain="sp4n")


def _english_plural() -> Callable[[int], int]:
    from babel.messages.plurals import get_plural  # noqa: PLC0415

    return _plural_function(get_plural("en").plural_expr)


def _build(po: Catalog) -> Catalogue:
    english_plural = _english_plural()
    plural_of: Mapping[Lang, Callable[[int], int]] = MappingProxyType(
        {"en": english_plural, "id": _plural_function(po.plural_expr)}
    )
    fallback: Mapping[Lang, Callable[[int], int]] = MappingProxyType(
        dict.fromkeys(LANGS, english_plural)
    )
    entries: dict[str, Entry] = {}
    for message in po:
        if not message.id or message.context is None:
            continue  # the header; entries without an id are reported by check_catalogue
        english = _forms(message.id)
        indonesian = _forms(message.string)
        translated = bool(indonesian) and all(indonesian) and not message.fuzzy
        forms: dict[Lang, tuple[str, ...]] = {"en": english}
        forms["id"] = indonesian if translated else english
        entries[message.context] = Entry(
            msgid=message.context,
            forms=MappingProxyType(forms),
            plural_of=plural_of if translated else fallback,
            translated=translated,
            params=frozenset().union(*(placeholders(text) for text in english)),
        )
    return Catalogue(MappingProxyType(entries))


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue shipped with sp4n, read on first use and kept (about 20 ms, once).

    >>> catalogue()["ID-NIK-FORMAT"].forms["id"][0]
    'NIK harus terdiri dari 16 digit angka (spasi, titik, dan tanda hubung diperbolehkan)'
    """
    return _build(_read_po())


def check_catalogue(po: Catalog | None = None) -> tuple[str, ...]:
    """What is wrong with the catalogue, one line per problem; ``()`` when it is complete.

    Every entry has a well-formed id (`MSGID_PATTERN`), an English and
    an Indonesian text that are not empty, not fuzzy, with the same plain
    placeholders in every form; a plural entry has the placeholder ``count``.
    ``scripts/update_messages.py --check`` and the tests run this.
    """
    po = _read_po() if po is None else po
    problems: list[str] = []
    seen: set[str] = set()
    for message in po:
        if not message.id:
            continue
        key = message.context or f"<no msgctxt> {_forms(message.id)[0]!r}"
        problems.extend(f"{key}: {problem}" for problem in _entry_problems(message, seen))
        if message.context:
            seen.add(message.context)
    return tuple(problems)


def _entry_problems(message: PoMessage, seen: set[str]) -> Iterator[str]:
    context = message.context
    if context is None:
        yield "no message id (msgctxt)"
    elif not MSGID_PATTERN.match(context):
        yield "malformed message id"
    elif context in seen:
        yield "duplicate message id"
    english = _forms(message.id)
    indonesian = _forms(message.string)
    if message.fuzzy:
        yield "fuzzy: the English text changed; review the Indonesian and drop the fuzzy flag"
    if not all(text.strip() for text in english):
        yield "empty English text"
    if not indonesian or not all(text.strip() for text in indonesian):
        yield "no Indonesian text"
        return
    try:
        names = {text: placeholders(text) for text in (*english, *indonesian)}
    except MessageError as exc:
        yield str(exc)
        return
    reference = names[english[-1]]
    for text, found in names.items():
        if found != reference:
            yield f"placeholders {sorted(found)} in {text!r} differ from {sorted(reference)}"
    if len(english) > 1 and COUNT not in reference:
        yield f"a plural entry needs the placeholder {{{COUNT}}}"
