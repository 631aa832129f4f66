"""The service's own texts for people, in Indonesian and English, keyed by rule id.

Until the message catalogue (``sp4n.i18n``) lands, the reference service keeps
the sentences it shows in this one table, so they can be moved there as they
are. Indonesian is the default language; English when ``Accept-Language``
prefers it. A rule without a sentence here falls back to its error family's.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal

from sp4n.errors import (
    ConcurrentUpdate,
    DataError,
    InvalidTransition,
    JurisdictionError,
    PermissionDenied,
    SP4NError,
)

__all__ = ["MESSAGES", "Language", "message_for", "negotiate"]

Language = Literal["id", "en"]

MESSAGES: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "SERVICE-AUTH": (
            "Token akses tidak ada atau tidak dikenal.",
            "The access token is missing or unknown.",
        ),
        "OPEN311-API-KEY": (
            "api_key tidak ada atau tidak dikenal.",
            "The api_key is missing or unknown.",
        ),
        "OPEN311-NOT-FOUND": (
            "Layanan atau laporan yang diminta tidak ada atau tidak publik.",
            "The service or request asked for does not exist or is not public.",
        ),
        "OPEN311-FIELD": (
            "Sebuah kolom Open311 tidak sesuai jenisnya.",
            "An Open311 field does not have its documented type.",
        ),
        "STORE-NOT-FOUND": (
            "Laporan dengan nomor pelacakan ini tidak ditemukan.",
            "No report with this tracking id.",
        ),
        "STORE-CONCURRENT-UPDATE": (
            "Laporan telah diubah oleh petugas lain; muat ulang dan putuskan lagi.",
            "The report was changed by someone else first; reload it and decide again.",
        ),
        "STORE-DUPLICATE": (
            "Nomor pelacakan ini sudah tersimpan.",
            "This tracking id is already stored.",
        ),
        "REGION-CODE": (
            "Kode wilayah Kemendagri tidak ada atau tidak sah (isi attribute[region_code]).",
            "The Kemendagri region code is missing or malformed (give attribute[region_code]).",
        ),
        "REPORTER-CONTACT": (
            "Pelapor perlu nama dan nomor telepon atau alamat e-mail.",
            "A reporter needs a name and a phone number or an e-mail address.",
        ),
        "COMPETENCE-CATEGORY": (
            "Kategori (service_code) tidak dikenal.",
            "Unknown category (service_code).",
        ),
        "PAYLOAD": (
            "Data yang dikirim tidak sah; lihat daftar masalah.",
            "The data sent is not valid; see the list of problems.",
        ),
        "TIMESTAMP-AWARE": (
            "Waktu harus memuat zona waktu (misalnya +07:00).",
            "Instants must carry a time zone (e.g. +07:00).",
        ),
    }
)
"""Rule id → (Indonesian, English) sentence."""

_FAMILIES: Final[tuple[tuple[type[SP4NError], tuple[str, str]], ...]] = (
    (
        ConcurrentUpdate,
        MESSAGES["STORE-CONCURRENT-UPDATE"],
    ),
    (
        InvalidTransition,
        (
            "Tindakan ini tidak diizinkan pada status laporan saat ini.",
            "This action is not allowed in the report's current status.",
        ),
    ),
    (
        PermissionDenied,
        (
            "Peran Anda tidak berwenang melakukan tindakan ini pada laporan ini.",
            "Your role may not do this on this report.",
        ),
    ),
    (
        JurisdictionError,
        ("Instansi tujuan tidak dikenal.", "The target agency is unknown."),
    ),
    (
        DataError,
        ("Data tidak dapat digunakan.", "The data cannot be used."),
    ),
    (
        SP4NError,
        ("Aturan SP4N dilanggar.", "An SP4N rule was broken."),
    ),
)


def negotiate(accept_language: str | None) -> Language:
    """The language to answer in: English if preferred over Indonesian, else Indonesian.

    >>> negotiate("en-US,en;q=0.9,id;q=0.8")
    'en'
    >>> negotiate("id-ID,en;q=0.5")
    'id'
    >>> negotiate(None)
    'id'
    """
    best: tuple[float, Language] = (0.0, "id")
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in ("id", "en"):
            continue
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if quality > best[0]:
            best = (quality, "en" if primary == "en" else "id")
    return best[1]


def message_for(rule: str | None, error: SP4NError | None, language: Language) -> str:
    """The sentence for ``rule`` (or the error's family) in ``language``.

    >>> message_for("STORE-NOT-FOUND", None, "id")
    'Laporan dengan nomor pelacakan ini tidak ditemukan.'
    >>> message_for("LC-CLOSE", InvalidTransition("x"), "en")
    "This action is not allowed in the report's current status."
    """
    pair = MESSAGES.get(rule or "")
    if pair is None:
        pair = next(
            (text for family, text in _FAMILIES if isinstance(error, family)),
            MESSAGES["PAYLOAD"],
        )
    return pair[0] if language == "id" else pair[1]
