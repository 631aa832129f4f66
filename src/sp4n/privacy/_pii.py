"""Personal data in free text: find and mask NIK, phone numbers and e-mail addresses.

Rule PRIV-PII-MASK, standard.md §8 [D]: admins forget to flag reports whose
text names people [P], so every non-privileged view masks what looks like a
NIK, an Indonesian (or international) phone number or an e-mail address.

Phone numbers come from ``phonenumbers.PhoneNumberMatcher`` (region ``ID``,
leniency ``VALID``), which on its own also takes money amounts
(``Rp 1.500.000``) and call-centre numbers (``1500xxx``) for phones. So a match
is dropped when it is

- a money amount: after ``Rp``/``IDR``, before ``,-``/``,00``, or grouped in
  thousands (``1.500.000``);
- a date (``12-05-2024``, ``2024/05/12``);
- a number of a non-personal type: toll-free, premium, shared-cost or
  universal access (call centres such as ``1500123``, ``0800-1-500-500``);
  short codes (``112``, ``1708``, ``14045``) are never matched;
- introduced by an account, customer, meter, ticket or tracking word
  (``rekening``, ``ID pelanggan``, ``meter``, ``tiket``, ``laporan`` …) nearer
  than any phone word (``HP``, ``telp``, ``WA`` …), or preceded by ``#``;
- one of the ``keep`` numbers the caller names (e.g. the report's tracking id).

A NIK is 16 digits, bare or grouped 4-4-4-4, 2-2-2-6-4 or 6-6-4 with one kind
of separator (space, dot or hyphen). A bare 16-digit run is always masked (it
may be a NIK with a typo, or a family-card number); a grouped one only when it
has a NIK's shape (province code, day, month), so ``1708 1708 1708 1708`` stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Final

import attrs
import phonenumbers

from sp4n.regions import is_known_province

__all__ = ["PiiKind", "PiiSpan", "find_pii", "mask_pii"]


class PiiKind(StrEnum):
    """Kind of personal data found in text."""

    NIK = "NIK"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    IDENTITY = "IDENTITY"
    """A value of the reporter's own identity (name, NIK, phone, e-mail) given by the caller."""


@attrs.frozen
class PiiSpan:
    """Where personal data sits in a text: ``text[start:end]``. The value never shows in repr."""

    kind: PiiKind
    start: int
    end: int
    value: str = attrs.field(repr=False)


_MASKS: Final = {
    PiiKind.NIK: "[NIK]",
    PiiKind.PHONE: "[PHONE]",
    PiiKind.EMAIL: "[EMAIL]",
    PiiKind.IDENTITY: "[IDENTITY]",
}

_EMAIL: Final = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![\w-])"
)

_NIK_LAYOUTS: Final = ((16,), (4, 4, 4, 4), (2, 2, 2, 6, 4), (6, 6, 4))


def _nik_regex() -> re.Pattern[str]:
    options = []
    for layout in _NIK_LAYOUTS:
        parts = [rf"\d{{{n}}}" for n in layout]
        if len(parts) == 1:
            options.append(parts[0])
        else:
            first = parts[0] + rf"(?P<s{len(options)}>[ .-])"
            rest = rf"(?P=s{len(options)})".join(parts[1:])
            options.append(first + rest)
    return re.compile(r"(?<![\w])(?:" + "|".join(options) + r")(?![\w])")


_NIK: Final = _nik_regex()


def _plausible_nik(found: str) -> bool:
    """A bare 16-digit run always counts; a grouped one needs a NIK's shape.

    Grouped numbers (``1708 1708 1708 1708``) must start with a province code
    and carry a plausible day (women + 40) and month, so that repeated short
    codes or grouped account numbers are not taken for a NIK.
    """
    digits = _digits(found)
    if digits == found:
        return True
    day, month = int(digits[6:8]), int(digits[8:10])
    return (
        is_known_province(digits[:2], historical=True)
        and (1 <= day <= 31 or 41 <= day <= 71)
        and 1 <= month <= 12
    )


_MONEY_BEFORE: Final = re.compile(r"(?:\bRp|\bIDR|\bUSD|\$)\.?\s*$", re.IGNORECASE)
_MONEY_AFTER: Final = re.compile(
    r"^\s*(?:,-|,00\b|,\d{2}\b|\s*(?:rupiah|ribu|juta)\b)", re.IGNORECASE
)
_THOUSANDS: Final = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_DATE: Final = re.compile(
    r"(?<!\d)(?:(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}(?P<s2>[-/.])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?!\d)"
)


def _contains_date(raw: str) -> bool:
    """Whether a matched "number" contains a plausible date (12-05-2024, 2024/05/12)."""
    for match in _DATE.finditer(raw):
        day = int(match.group("d") or match.group("d2"))
        month = int(match.group("m") or match.group("m2"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            return True
    return False


_NOT_PERSONAL: Final = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
)
_CONTEXT_WORDS: Final = re.compile(
    r"(?P<account>\b(?:no\.?\s*rek(?:ening)?|rek(?:ening)?|norek|akun|account|pelanggan|idpel|"
    r"id\s*pel|meter(?:an)?|kwh|token|npwp|bpjs|kartu|card|va|virtual\s+account|tiket|ticket|"
    r"laporan|tracking|resi|invoice|tagihan|nip|nim|nomor\s+induk|kontrak|polis|sertifikat)\b|#)"
    r"|(?P<phone>\b(?:hp|telp?|telepon|tlp|ponsel|wa|whatsapp|sms|hubungi|kontak|contact|"
    r"phone|mobile|nomor\s+(?:hp|wa|telepon))\b)",
    re.IGNORECASE,
)
_CONTEXT_WIDTH: Final = 32
_MIN_PHONE_DIGITS: Final = 8


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _introduced_by_account_word(before: str) -> bool:
    """Whether the nearest context word before a number is an account-like word."""
    last = None
    for match in _CONTEXT_WORDS.finditer(before[-_CONTEXT_WIDTH:]):
        last = match
    return last is not None and last.group("account") is not None


def _phone_is_personal(
    text: str, match: phonenumbers.PhoneNumberMatch, keep: frozenset[str]
) -> bool:
    raw = match.raw_string
    before, after = text[: match.start], text[match.end :]
    national = str(phonenumbers.national_significant_number(match.number))
    checks = (
        _MONEY_BEFORE.search(before) is not None,
        _MONEY_AFTER.match(after) is not None,
        _THOUSANDS.match(raw) is not None,
        _contains_date(raw),
        phonenumbers.number_type(match.number) in _NOT_PERSONAL,
        len(national) < _MIN_PHONE_DIGITS,
        _introduced_by_account_word(before),
        _digits(raw) in keep or national in keep,
    )
    return not any(checks)


def _phones(text: str, keep: frozenset[str], known_phones: frozenset[str]) -> Iterable[PiiSpan]:
    for match in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        if e164 in known_phones:
            yield PiiSpan(PiiKind.IDENTITY, match.start, match.end, match.raw_string)
        elif _phone_is_personal(text, match, keep):
            yield PiiSpan(PiiKind.PHONE, match.start, match.end, match.raw_string)


def _literal_pattern(value: str) -> re.Pattern[str] | None:
    """A pattern for a known identity value: names with flexible spaces, numbers with separators."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        body = r"[ .-]?".join(re.escape(ch) for ch in value)
        return re.compile(rf"(?<!\d){body}(?!\d)")
    words = [re.escape(w) for w in value.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def find_pii(
    text: str, *, keep: Iterable[str] = (), known: Iterable[str] = ()
) -> tuple[PiiSpan, ...]:
    """The personal data found in ``text``, in order, without overlaps.

    Args:
        text: Free text (title, body, follow-up, reply, reason).
        keep: Numbers that are not personal data here (e.g. the report's tracking id).
        known: Values of the reporter's own identity (name, NIK, phone in E.164,
            e-mail) to find literally, whatever the generic rules say.

    >>> " ".join(s.kind for s in find_pii(
    ...     "Hubungi 0812-3456-7890 atau budi@contoh.id, bayar Rp 1.500.000 ke 1708."))
    'PHONE EMAIL'
    >>> find_pii("NIK saya 3201 0112 0589 0123")
    (PiiSpan(kind=<PiiKind.NIK: 'NIK'>, start=9, end=28),)
    """
    keep_digits = frozenset(_digits(k) for k in keep if _digits(k))
    known_values = tuple(k for k in known if k and k.strip())
    known_phones = frozenset(k for k in known_values if k.startswith("+") and _digits(k))
    found: list[PiiSpan] = []
    for value in known_values:
        pattern = _literal_pattern(value[1:] if value in known_phones else value)
        if pattern is not None:
            found.extend(
                PiiSpan(PiiKind.IDENTITY, m.start(), m.end(), m.group())
                for m in pattern.finditer(text)
            )
    found.extend(
        PiiSpan(PiiKind.EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)
    )
    found.extend(
        PiiSpan(PiiKind.NIK, m.start(), m.end(), m.group())
        for m in _NIK.finditer(text)
        if _plausible_nik(m.group())
    )
    # Phones are looked for with the spans found so far blanked out (same length), so a
    # NIK right before a phone number cannot hide the phone inside an overlapping match.
    blanked = list(text)
    for span in found:
        blanked[span.start : span.end] = "X" * (span.end - span.start)
    found.extend(_phones("".join(blanked), keep_digits, known_phones))
    chosen: list[PiiSpan] = []
    for span in found:  # earlier kinds win; a later span overlapping a chosen one is dropped
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def mask_pii(text: str, *, keep: Iterable[str] = (), known: Iterable[str] = ()) -> str:
    """Mask ``text``: each span of :func:`find_pii` becomes ``[NIK]``, ``[PHONE]``, etc.

    Masking is idempotent: masking a masked text changes nothing.

    >>> mask_pii("WA 081234567890, e-mail ani@contoh.id; denda Rp 1.500.000 tgl 12-05-2024")
    'WA [PHONE], e-mail [EMAIL]; denda Rp 1.500.000 tgl 12-05-2024'
    """
    out: list[str] = []
    position = 0
    for span in find_pii(text, keep=keep, known=known):
        out.extend((text[position : span.start], _MASKS[span.kind]))
        position = span.end
    out.append(text[position:])
    return "".join(out)
