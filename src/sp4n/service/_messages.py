"""The service's sentences for people, from the message catalogue, keyed by rule id.

Each refusal of the reference service carries one plain sentence for the person
using the app, in Indonesian (the default) or English when ``Accept-Language``
prefers it ([`negotiate_lang`][sp4n.i18n.negotiate_lang]). The sentences are catalogue
messages (``<RULE>.service``); a rule without one falls back to its error
family's (``ui.service.<Family>``). Issue #12: one catalogue for every text a
person reads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from sp4n.errors import (
    ConcurrentUpdate,
    DataError,
    InvalidTransition,
    JurisdictionError,
    PermissionDenied,
    SP4NError,
)
from sp4n.i18n import Lang, Message, negotiate_lang

__all__ = ["MESSAGES", "Language", "message_for", "negotiate"]

Language = Lang

_SENTENCES: Final = (
    Message("SERVICE-AUTH.service", "The access token is missing or unknown."),
    Message("OPEN311-API-KEY.service", "The api_key is missing or unknown."),
    Message(
        "OPEN311-NOT-FOUND.service",
        "The service or request asked for does not exist or is not public.",
    ),
    Message("OPEN311-FIELD.service", "An Open311 field does not have its documented type."),
    Message("STORE-NOT-FOUND.service", "No report with this tracking id."),
    Message(
        "STORE-CONCURRENT-UPDATE.service",
        "The report was changed by someone else first; reload it and decide again.",
    ),
    Message("STORE-DUPLICATE.service", "This tracking id is already stored."),
    Message(
        "REGION-CODE.service",
        "The Kemendagri region code is missing or malformed (give attribute[region_code]).",
    ),
    Message(
        "REPORTER-CONTACT.service",
        "A reporter needs a name and a phone number or an e-mail address.",
    ),
    Message("COMPETENCE-CATEGORY.service", "Unknown category (service_code)."),
    Message("TIMESTAMP-AWARE.service", "Instants must carry a time zone (e.g. +07:00)."),
    Message("ui.service.PAYLOAD", "The data sent is not valid; see the list of problems."),
)
"""One sentence per rule the service explains itself."""

_BY_RULE: Final[Mapping[str, Message]] = {
    ("PAYLOAD" if m.rule is None else m.rule): m for m in _SENTENCES
}

_FAMILIES: Final[tuple[tuple[type[SP4NError], Message], ...]] = (
    (ConcurrentUpdate, _BY_RULE["STORE-CONCURRENT-UPDATE"]),
    (
        InvalidTransition,
        Message(
            "ui.service.InvalidTransition",
            "This action is not allowed in the report's current status.",
        ),
    ),
    (
        PermissionDenied,
        Message("ui.service.PermissionDenied", "Your role may not do this on this report."),
    ),
    (JurisdictionError, Message("ui.service.JurisdictionError", "The target agency is unknown.")),
    (DataError, Message("ui.service.DataError", "The data cannot be used.")),
    (SP4NError, Message("ui.service.SP4NError", "An SP4N rule was broken.")),
)


class _Sentences(Mapping[str, tuple[str, str]]):
    """Rule id → (Indonesian, English) sentence, read from the catalogue."""

    def __getitem__(self, rule: str) -> tuple[str, str]:
        message = _BY_RULE[rule]
        return message.text("id"), message.text("en")

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_RULE)

    def __len__(self) -> int:
        return len(_BY_RULE)


MESSAGES: Final[Mapping[str, tuple[str, str]]] = _Sentences()
"""Rule id → (Indonesian, English) sentence (kept for callers of the old table)."""


def negotiate(accept_language: str | None) -> Language:
    """The language to answer in: the client's preference among id/en, else Indonesian.

    >>> negotiate("en-US,en;q=0.9,id;q=0.8")
    'en'
    >>> negotiate("id-ID,en;q=0.5")
    'id'
    >>> negotiate(None)
    'id'
    """
    return negotiate_lang(accept_language, default="id")


def message_for(rule: str | None, error: SP4NError | None, language: Language) -> str:
    """The sentence for ``rule`` (or the error's family) in ``language``.

    >>> message_for("STORE-NOT-FOUND", None, "id")
    'Laporan dengan nomor pelacakan ini tidak ditemukan.'
    >>> message_for("LC-CLOSE", InvalidTransition(), "en")
    "This action is not allowed in the report's current status."
    """
    message = _BY_RULE.get(rule or "")
    if message is None:
        message = next(
            (text for family, text in _FAMILIES if isinstance(error, family)),
            _BY_RULE["PAYLOAD"],
        )
    return message.text(language)
