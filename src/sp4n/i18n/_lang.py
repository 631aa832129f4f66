"""The two languages of sp4n's messages and how a program picks one — *bahasa*.

Rule: issue #12 ("Indonesian messages"). A library call takes ``lang=``; the
command line resolves it from ``--lang``, then ``SP4N_LANG``, then the POSIX
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the first one set), where a
locale starting with ``id`` (or the old code ``in``) means Indonesian. An HTTP
service negotiates it from ``Accept-Language``. See ADR 0004.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Final, Literal, TypeAlias

from sp4n.errors import ConfigError

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LOCALE_VARIABLES",
    "Lang",
    "negotiate_lang",
    "parse_lang",
    "resolve_lang",
]

Lang: TypeAlias = Literal["id", "en"]
"""A language of the catalogue: ``"id"`` (Bahasa Indonesia) or ``"en"`` (English)."""

LANGS: Final[tuple[Lang, ...]] = ("id", "en")
"""Every language the catalogue holds, Indonesian first."""

DEFAULT_LANG: Final[Lang] = "en"
"""The language of a library call that does not say ``lang=``."""

LOCALE_VARIABLES: Final = ("LC_ALL", "LC_MESSAGES", "LANG")
"""POSIX locale variables, in the order that decides the language of messages."""

_PRIMARY: Final = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_.@]|$)")
_QUALITY: Final = re.compile(r"^\s*q\s*=\s*([01](?:\.[0-9]{0,3})?)\s*$")


def _primary_language(tag: str) -> str | None:
    """``"id"`` of ``"id_ID.UTF-8"``, ``"id-ID"`` or ``"ID"``; ``None`` when not a language tag."""
    match = _PRIMARY.match(tag)
    return match.group(1).lower() if match else None


def _known(primary: str | None) -> Lang | None:
    if primary in {"id", "in", "ind"}:  # "in" is the ISO 639 code withdrawn in 1989, still seen
        return "id"
    if primary in {"en", "eng"}:
        return "en"
    return None


def parse_lang(value: str) -> Lang:
    """The catalogue language named by ``value``: a code, a locale or a language tag.

    Args:
        value: ``"id"``, ``"en"``, ``"id_ID.UTF-8"``, ``"en-GB"``… (case-insensitive).

    Raises:
        ConfigError: ``value`` names no language of the catalogue (``field="lang"``).

    >>> parse_lang("id_ID.UTF-8"), parse_lang("EN"), parse_lang("in-ID")
    ('id', 'en', 'id')
    """
    lang = _known(_primary_language(value)) if isinstance(value, str) else None
    if lang is None:
        from sp4n.i18n._message import Message  # noqa: PLC0415  (_message imports this module)

        raise ConfigError(
            Message(
                "error.lang.unsupported",
                "unsupported language {value}: use 'id' (Bahasa Indonesia) or 'en' (English)",
                value=repr(value),
            ),
            field="lang",
        )
    return lang


def resolve_lang(
    option: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    default: Lang = DEFAULT_LANG,
) -> Lang:
    """The language a command-line run speaks: ``--lang``, then ``SP4N_LANG``, then the locale.

    1. ``option`` (the value of ``--lang``), when given;
    2. ``SP4N_LANG``, when set and not empty;
    3. the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set and not
       empty (POSIX precedence): a locale whose language is ``id`` (``id_ID``,
       ``id_ID.UTF-8``, the old ``in_ID``) gives Indonesian, an English one
       English, any other language English (the catalogue's lingua franca);
    4. ``default`` when no variable is set or the locale is neutral
       (``C``, ``POSIX``, ``C.UTF-8``), as in most containers.

    An explicit choice (``option``, ``SP4N_LANG``) that names no catalogue
    language is an error; a locale never is.

    Args:
        option: The value of ``--lang``, or ``None`` when not given.
        environ: The environment to read; defaults to ``os.environ``.
        default: The language when nothing above decides. The CLI uses English.

    Raises:
        ConfigError: ``option`` or ``SP4N_LANG`` is not ``id``/``en`` (``field="lang"``).

    >>> resolve_lang(environ={"LANG": "id_ID.UTF-8"})
    'id'
    >>> resolve_lang(environ={"LANG": "id_ID.UTF-8", "LC_ALL": "C.UTF-8"})
    'en'
    >>> resolve_lang("en", environ={"SP4N_LANG": "id"})
    'en'
    >>> resolve_lang(environ={}, default="id")
    'id'
    """
    env = os.environ if environ is None else environ
    if option is not None:
        return parse_lang(option)
    explicit = env.get("SP4N_LANG", "")
    if explicit.strip():
        return parse_lang(explicit)
    for name in LOCALE_VARIABLES:
        value = env.get(name, "").strip()
        if value:
            primary = _primary_language(value)  # None for the neutral C and POSIX
            return default if primary is None else _known(primary) or "en"
    return default


def negotiate_lang(accept_language: str | None, *, default: Lang = DEFAULT_LANG) -> Lang:
    """The catalogue language an HTTP client prefers, from its ``Accept-Language`` header.

    Ranges are taken by decreasing quality (RFC 9110 §12.5.4), in header order
    for equal quality; ``q=0`` means "not this one"; ``*`` or a header with no
    catalogue language gives ``default``. Malformed parts are skipped.

    >>> negotiate_lang("fr-FR, id;q=0.9, en;q=0.8")
    'id'
    >>> negotiate_lang("en-US,en;q=0.9,id;q=0.8", default="id")
    'en'
    >>> negotiate_lang(None, default="id"), negotiate_lang("fr, de;q=0.5")
    ('id', 'en')
    """
    if not accept_language:
        return default
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.partition(";")
        quality = 1.0
        if params:
            match = _QUALITY.match(params.split(";")[0])
            if match is None:
                continue
            quality = float(match.group(1))
        if quality > 0 and tag.strip():
            ranked.append((-quality, position, tag.strip()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return default
        lang = _known(_primary_language(tag))
        if lang is not None:
            return lang
    return default
