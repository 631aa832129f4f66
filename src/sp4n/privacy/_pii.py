"""Personal data in free text: find and mask NIK, phones, e-mails and other ID numbers.

Rule PRIV-PII-MASK, standard.md §8 [D]: admins forget to flag reports whose
text names people [P], so every non-privileged view masks what looks like a
NIK, an Indonesian (or international) phone number or an e-mail address, and
(issue #10) the other personal numbers citizens paste into reports:

- an NPWP (rule PRIV-NPWP): 15 digits in its dotted form ``99.999.999.9-999.999``
  anywhere, or bare after the word *NPWP*; since 2024 an individual's NPWP is
  their NIK (PMK 112/2022), so a 16-digit NPWP is masked as a NIK;
- a family-card number, *nomor KK* (PRIV-KK): 16 digits introduced by *KK* or
  *kartu keluarga*;
- a BPJS card number (PRIV-BPJS-CARD): 13 digits introduced by *BPJS*, *KIS* or *JKN*;
- a civil-servant number, *NIP* (PRIV-NIP): 18 digits, bare or grouped 8-6-1-3,
  introduced by *NIP* or shaped like one (birth date, appointment month, sex 1/2).

Phone numbers come from ``phonenumbers.PhoneNumberMatcher`` (region ``ID``,
leniency ``VALID``), which on its own also takes money amounts
(``Rp 1.500.000``) and call-centre numbers (``1500xxx``) for phones. It is
run only on candidate windows (a run of at least 9 digits with single
separators), after cheap drops, so long texts stay fast and a phone after
any number of other numbers is still found. A candidate is dropped when it is

- a money amount: after ``Rp``/``IDR``, before ``,-``/``,00``/``rupiah``, or
  grouped in thousands (``1.500.000``) after ``Rp``/``IDR`` or not starting
  with ``0`` (``081.234.567.890`` is a phone: money never starts with 0);
- wholly a date (``12-05-2024``); a phone that merely contains one
  (``0812-12-05-2024``) is still a phone;
- a number of a non-personal type: toll-free, premium, shared-cost or
  universal access, or a call-centre number ``1500xxx``/``1400xxx`` behind
  a landline area code (``(021) 1500-123``); short codes (``112``,
  ``1708``) are never candidates;
- introduced by an account, customer, meter, card or tracking phrase
  (``no. rek``, ``rekening``, ``ID pel``, ``no meter``, ``nomor kartu``,
  ``nomor pelanggan``, ``virtual account``/``VA``, ``resi``, ``#`` …) within
  32 characters before it with no phone word (``HP``, ``telp``, ``WA`` …)
  there; bare words such as *laporan*, *akun*, *tagihan*, *kartu* or *meter*
  do not count (``Saya sudah buat laporan, 0812…`` is masked);
- one of the ``keep`` numbers the caller names (e.g. the report's tracking id).

A NIK is 16 digits, bare or grouped (4-4-4-4, 2-2-2-6-4, 6-6-4, 4-2-2-4-4)
with any single separators (space, dot or hyphen, mixed), even glued to a
word (``NIK3201…``). A bare 16-digit run is masked (it may be a NIK with a
typo) unless an account or family-card word introduces it (``VA``, ``KK``,
``rekening``); a grouped one only when it has a NIK's shape (province
code, day, month), so ``1708 1708 1708 1708`` stays. Digits are read in any
script (full-width, Arabic-Indic) and ``l``/``I``/``O`` between digits are
read as ``1``/``0``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Final

import attrs
import phonenumbers

from sp4n._guards import boundary, check_strings
from sp4n.regions import is_known_province

__all__ = ["Masker", "PiiKind", "PiiSpan", "find_pii", "mask_pii"]


class PiiKind(StrEnum):
    """Kind of personal data found in text."""

    NIK = "NIK"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    NPWP = "NPWP"
    """A taxpayer number (PRIV-NPWP)."""
    KK = "KK"
    """A family-card number, *nomor kartu keluarga* (PRIV-KK)."""
    BPJS = "BPJS"
    """A BPJS card number (PRIV-BPJS-CARD)."""
    NIP = "NIP"
    """A civil-servant number, *Nomor Induk Pegawai* (PRIV-NIP)."""
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
    PiiKind.NPWP: "[NPWP]",
    PiiKind.KK: "[KK]",
    PiiKind.BPJS: "[BPJS]",
    PiiKind.NIP: "[NIP]",
}

_EMAIL: Final = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@(?:\[[0-9A-Fa-f.:]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?:\.[A-Za-z]{2,})?(?![\w-]))"
)

_NIK_LAYOUTS: Final = ((4, 4, 4, 4), (2, 2, 2, 6, 4), (6, 6, 4), (4, 2, 2, 4, 4))


def _nik_regex() -> re.Pattern[str]:
    options = {r"[ .-]?".join(rf"\d{{{n}}}" for n in layout) for layout in _NIK_LAYOUTS}
    return re.compile(r"(?<!\d)(?:" + "|".join(sorted(options)) + r")(?!\d)(?![.-]\d)")


_NIK: Final = _nik_regex()
_NOT_NIK_BEFORE: Final = re.compile(
    r"(?:\b(?:va|virtual\s+account|kk|kartu\s+keluarga|no\.?\s*rek(?:ening)?|rekening|"
    r"nomor\s+(?:kk|va|rekening))\b)[\s.:#]*$",
    re.IGNORECASE,
)


_KK_BEFORE: Final = re.compile(
    r"\b(?:no(?:mor)?\.?\s*)?(?:kk|kartu\s+keluarga)\b[\s.:#]*$", re.IGNORECASE
)
"""A family-card label right before a 16-digit number (PRIV-KK)."""
_NPWP_DOTTED: Final = re.compile(r"(?<![\d.])\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}(?![\d])")
_NPWP_BARE: Final = re.compile(
    r"(?i:\bnpwp\b)[\s.:#]*(?:no(?:mor)?\.?\s*)?(?P<n>(?<!\d)\d{15}(?!\d))"
)
_BPJS_CARD: Final = re.compile(
    r"(?i:\b(?:bpjs|kis|jkn)\b)[^\d\n]{0,30}?(?P<n>(?<!\d)\d(?:[ .-]?\d){12}(?![\d]))"
)
_NIP: Final = re.compile(r"(?<![\d.-])\d{8}[ .-]?\d{6}[ .-]?\d[ .-]?\d{3}(?![\d])")
_NIP_BEFORE: Final = re.compile(r"\bnip\b[\s.:#]*$", re.IGNORECASE)
_NIP_SHAPE: Final = re.compile(
    r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:19|20)\d{2}(?:0[1-9]|1[0-2])[12]\d{3}$"
)
"""NIP = birth date YYYYMMDD + appointment YYYYMM + sex (1/2) + serial (BKN)."""


def _numbers(text: str, original: str) -> list[PiiSpan]:
    """NPWP, BPJS card and NIP spans (PRIV-NPWP, PRIV-BPJS-CARD, PRIV-NIP)."""
    found = [
        PiiSpan(PiiKind.NPWP, m.start(), m.end(), original[m.start() : m.end()])
        for m in _NPWP_DOTTED.finditer(text)
    ]
    for pattern, kind in ((_NPWP_BARE, PiiKind.NPWP), (_BPJS_CARD, PiiKind.BPJS)):
        for m in pattern.finditer(text):
            a, b = m.span("n")
            found.append(PiiSpan(kind, a, b, original[a:b]))
    for m in _NIP.finditer(text):
        labelled = _NIP_BEFORE.search(text[max(0, m.start() - 12) : m.start()]) is not None
        if labelled or _NIP_SHAPE.match(_digits(m.group())):
            found.append(PiiSpan(PiiKind.NIP, m.start(), m.end(), original[m.start() : m.end()]))
    return found


def _plausible_nik(found: str) -> bool:
    """A bare 16-digit run always counts; a grouped one needs a NIK's shape.

    Grouped numbers (``1708 1708 1708 1708``) must start with a province code
    and carry a plausible day (women + 40) and month, so that repeated short
    codes or grouped account numbers are not taken for a NIK.
    """
    digits = _digits(found)
    if digits == found:
        return True  # bare: checked against its context by the caller
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
    r"^(?:(?P<d>\d{1,2})(?P<s>[-/. ])(?P<m>\d{1,2})(?P=s)(?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}(?P<s2>[-/. ])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))$"
)
_CALL_CENTRE: Final = re.compile(r"^(?:0|62)?[2-7]\d{1,2}1[45]00\d{2,4}$")
"""A landline area code followed by a 1500xxx/1400xxx call-centre number."""


def _is_date(raw: str) -> bool:
    """Whether a matched "number" is wholly a plausible date (12-05-2024, 2024/05/12)."""
    match = _DATE.match(raw.strip())
    if match is None:
        return False
    day = int(match.group("d") or match.group("d2"))
    month = int(match.group("m") or match.group("m2"))
    return 1 <= day <= 31 and 1 <= month <= 12


_NOT_PERSONAL: Final = frozenset(
    {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
)
_CONTEXT_WORDS: Final = re.compile(
    r"(?P<account>\b(?:no\.?\s*rek(?:ening)?|rek(?=\.)|rekening|norek|id\s*pel(?:anggan)?|idpel|"
    r"(?:no\.?|nomor)\s*(?:meter|kartu|pelanggan|token|laporan|surat|kk|polis|kontrak|induk|"
    r"va|resi|tiket|ticket|invoice|tagihan|bpjs|seri)|pelanggan\s+\w+\s+(?:no\.?|nomor)|"
    r"virtual\s+account|va|token\s+listrik|kartu\s+kredit|kwh|npwp|nip|nim|bpjs|kk|resi|imei|"
    r"tracking(?:\s+id)?|tiket|ticket|invoice|ref(?:erensi)?|sertifikat|polis)\b|#)"
    r"|(?P<phone>\b(?:hp|telp?|telepon|tlp|ponsel|wa|whatsapp|sms|hubungi|kontak|contact|"
    r"phone|mobile)\b)",
    re.IGNORECASE,
)
_CONTEXT_WIDTH: Final = 32
_MIN_PHONE_DIGITS: Final = 8
_MIN_NAME_PART: Final = 4
_GLUED_DIGITS: Final = 10
_MIN_CANDIDATE_DIGITS: Final = 9
_CANDIDATE: Final = re.compile(r"(?<!\d)(?:\+|\()?\d(?:[ ().\-]{0,3}\d){8,}")
"""A run of at least 9 digits with short separators: the only places a phone is looked for."""
_CONFUSABLE: Final = re.compile(r"(?<=\d)[lI|oO](?=\d)")
_LATIN: Final = "A-Za-z\u00c0-\u024f"
_NOT_LATIN_BEFORE: Final = f"(?<![{_LATIN}])"
_NOT_LATIN_AFTER: Final = f"(?![{_LATIN}])"
_MASK_TOKEN: Final = re.compile(r"\[(?:NIK|PHONE|EMAIL|IDENTITY)\]")
"""A mask already in the text: never matched again, so masking twice equals masking once."""


def _ascii_digits(text: str) -> str:
    """``text`` with digits of any script as ASCII and l/I/O between digits as 1/0 (same length)."""
    if not text.isascii():
        text = "".join(
            str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch
            for ch in text
        )
    return _CONFUSABLE.sub(lambda m: "0" if m.group() in "oO" else "1", text)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _introduced_by_account_word(before: str) -> bool:
    """Whether an account phrase, and no phone word, stands just before a number."""
    kinds = {m.lastgroup for m in _CONTEXT_WORDS.finditer(before[-_CONTEXT_WIDTH:])}
    return "account" in kinds and "phone" not in kinds


def _cheap_drop(text: str, start: int, end: int, keep: frozenset[str]) -> bool:
    """Drops decided without the phone matcher: money, dates, kept numbers, account context."""
    raw = text[start:end]
    before = text[max(0, start - _CONTEXT_WIDTH) : start]
    money_before = _MONEY_BEFORE.search(before) is not None
    checks = (
        money_before,
        _MONEY_AFTER.match(text[end:]) is not None,
        _THOUSANDS.match(raw) is not None and (money_before or not raw.startswith("0")),
        _is_date(raw),
        _digits(raw) in keep,
        _introduced_by_account_word(before),
    )
    return any(checks)


def _phone_is_personal(
    text: str, match: phonenumbers.PhoneNumberMatch, start: int, keep: frozenset[str]
) -> bool:
    national = str(phonenumbers.national_significant_number(match.number))
    if _cheap_drop(text, start, start + len(match.raw_string), keep):
        return False
    return not (
        phonenumbers.number_type(match.number) in _NOT_PERSONAL
        or len(national) < _MIN_PHONE_DIGITS
        or national in keep
        or _CALL_CENTRE.match(_digits(match.raw_string)) is not None
    )


def _windows(text: str) -> Iterable[tuple[int, int]]:
    """Candidate windows for phones, split around space-separated date tokens."""
    for candidate in _CANDIDATE.finditer(text):
        start, end = candidate.span()
        position = start
        for token in re.finditer(r"\S+", candidate.group()):
            if _is_date(token.group()):
                yield position, start + token.start()
                position = start + token.end()
        yield position, end


def _phones(text: str, keep: frozenset[str], known_phones: frozenset[str]) -> Iterable[PiiSpan]:
    for start, end in _windows(text):
        if sum(ch.isdigit() for ch in text[start:end]) < _MIN_CANDIDATE_DIGITS:
            continue
        if _cheap_drop(text, start, end, keep):
            continue
        window = text[start:end]
        # max_tries bounds the matcher's attempts per text: a window never exhausts it.
        matcher = phonenumbers.PhoneNumberMatcher(
            window, "ID", leniency=phonenumbers.Leniency.VALID, max_tries=len(window) + 1
        )
        for match in matcher:
            at = start + match.start
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            if e164 in known_phones:
                yield PiiSpan(PiiKind.IDENTITY, at, at + len(match.raw_string), match.raw_string)
            elif _phone_is_personal(text, match, at, keep):
                yield PiiSpan(PiiKind.PHONE, at, at + len(match.raw_string), match.raw_string)


def _literal_patterns(value: str, *, phone: bool) -> tuple[str, ...]:
    """Patterns for a known identity value: names with flexible spaces, numbers with separators."""
    value = value.strip()
    if not value:
        return ()
    digits = _digits(value)
    if phone or (digits and digits == value):
        forms = {digits}
        if phone and digits.startswith("62"):
            forms.add("0" + digits[2:])
        # A known number of 10 digits or more is found inside a longer run of digits too
        # ("3171…00020"): the rest of the run cannot hide it. Shorter ones need edges.
        edge = len(digits) < _GLUED_DIGITS
        return tuple(
            (r"(?<!\d)" if edge else "")
            + r"[ .()-]{0,2}".join(re.escape(ch) for ch in form)
            + (r"(?!\d)" if edge else "")
            for form in sorted(forms)
        )
    if "@" in value:  # also the local part: "siti.aminah [at] contoh.id"
        local = value.split("@", 1)[0]
        mails = [value] + ([local] if len(local) >= _MIN_NAME_PART else [])
        # ASCII edges: an address glued to other script ("邮箱budi@…") is still found.
        return tuple(rf"(?i:(?<![A-Za-z0-9._%+-]){re.escape(f)}(?![A-Za-z0-9_-]))" for f in mails)
    words = [re.escape(w) for w in value.split()]
    # A name ends where a Latin letter does not follow: "budi_santoso88", "BudiSantoso.jpg",
    # "…0002Budi Santoso" and "邮箱Budi" are found; "Daniel" does not hide "Ani".
    whole = rf"(?i:{_NOT_LATIN_BEFORE}" + r"[\s_.\-]*".join(words) + rf"{_NOT_LATIN_AFTER})"
    # Each part of a name alone too ("Bu Siti"): masking a namesake is the safe error.
    parts = [
        rf"(?i:{_NOT_LATIN_BEFORE}{w}{_NOT_LATIN_AFTER})" for w in words if len(w) >= _MIN_NAME_PART
    ]
    return (whole, *parts) if len(words) > 1 else (whole,)


def _keep(values: Iterable[str]) -> tuple[str, ...]:
    return check_strings("keep", values)


def _known(values: Iterable[str]) -> tuple[str, ...]:
    return check_strings("known", values)


@attrs.frozen
class Masker:
    """Finds and masks personal data, with the known identity's patterns compiled once.

    Build one per report (``keep``: its tracking id; ``known``: the reporter's
    name, NIK, phone in E.164 and e-mail) and call [`mask`][sp4n.privacy.Masker.mask] on each text.

    >>> m = Masker(keep=("0012345674",), known=("Siti Aminah", "+6281234567890"))
    >>> m.mask("Laporan 0012345674 dari siti aminah, HP 0812-3456-7890")
    'Laporan 0012345674 dari [IDENTITY], HP [IDENTITY]'
    """

    keep: tuple[str, ...] = attrs.field(default=(), converter=_keep)
    known: tuple[str, ...] = attrs.field(default=(), converter=_known)
    _keep_digits: frozenset[str] = attrs.field(init=False)
    _known_phones: frozenset[str] = attrs.field(init=False)
    _pattern: re.Pattern[str] | None = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Compile the known identity once."""
        values = tuple(k for k in self.known if k and k.strip())
        phones = frozenset(k for k in values if k.startswith("+") and _digits(k))
        patterns = [p for v in values for p in _literal_patterns(v, phone=v in phones)]
        # One alternation, longest first: a single pass over each text for the whole identity.
        joined = "|".join(sorted(patterns, key=len, reverse=True))
        object.__setattr__(
            self, "_keep_digits", frozenset(_digits(k) for k in self.keep if _digits(k))
        )
        object.__setattr__(self, "_known_phones", phones)
        object.__setattr__(self, "_pattern", re.compile(joined) if joined else None)

    def find(self, text: str) -> tuple[PiiSpan, ...]:
        """The personal data found in ``text``, in order, without overlaps."""
        return _find(text, self._keep_digits, self._known_phones, self._pattern)

    def mask(self, text: str) -> str:
        """``text`` with each span of `find` replaced by ``[NIK]``, ``[PHONE]``, etc.

        Idempotent: ``mask(mask(t)) == mask(t)``. Masks already in the text are
        never matched, and masking repeats until nothing more is found (a
        span removed can bring two pieces of a number together); each round
        replaces text outside the masks, so it ends.

        >>> m = Masker(known=("Budi Santoso", "budi@example.co.id", "3171012501900002"))
        >>> m.mask("foto_budi_santoso88.jpg 邮箱budi@example.co.id 3171012501900002Budi Santoso")
        'foto_[IDENTITY]88.jpg 邮箱[IDENTITY] [IDENTITY][IDENTITY]'
        """
        while True:
            masked = self._mask_once(text)
            if masked == text:
                return masked
            text = masked

    def _mask_once(self, text: str) -> str:
        out: list[str] = []
        position = 0
        for span in self.find(text):
            out.extend((text[position : span.start], _MASKS[span.kind]))
            position = span.end
        out.append(text[position:])
        return "".join(out)


def _find(
    original: str,
    keep: frozenset[str],
    known_phones: frozenset[str],
    pattern: re.Pattern[str] | None,
) -> tuple[PiiSpan, ...]:
    text = _MASK_TOKEN.sub(lambda m: "\x00" * len(m.group()), _ascii_digits(original))
    found: list[PiiSpan] = (
        []
        if pattern is None
        else [
            PiiSpan(PiiKind.IDENTITY, m.start(), m.end(), original[m.start() : m.end()])
            for m in pattern.finditer(text)
        ]
    )
    found.extend(
        PiiSpan(PiiKind.EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(original)
    )
    for m in _NIK.finditer(text):
        bare = _digits(m.group()) == m.group()
        before = text[max(0, m.start() - 40) : m.start()]
        value = original[m.start() : m.end()]
        if _KK_BEFORE.search(before) is not None:  # PRIV-KK: a family-card number
            found.append(PiiSpan(PiiKind.KK, m.start(), m.end(), value))
        elif _plausible_nik(m.group()) and not (
            bare and _NOT_NIK_BEFORE.search(before) is not None
        ):
            found.append(PiiSpan(PiiKind.NIK, m.start(), m.end(), value))
    found.extend(_numbers(text, original))
    # Phones are looked for with the spans found so far blanked out (same length), so a
    # NIK right before a phone number cannot hide the phone inside an overlapping match.
    if found:
        chars = list(text)
        for span in found:
            chars[span.start : span.end] = "X" * (span.end - span.start)
        text = "".join(chars)
    found.extend(
        PiiSpan(s.kind, s.start, s.end, original[s.start : s.end])
        for s in _phones(text, keep, known_phones)
    )
    chosen: list[PiiSpan] = []
    for span in found:  # earlier kinds win; a later span overlapping a chosen one is dropped
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


@boundary
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
    return Masker(keep=tuple(keep), known=tuple(known)).find(text)


@boundary
def mask_pii(text: str, *, keep: Iterable[str] = (), known: Iterable[str] = ()) -> str:
    """Mask ``text``: each span of `find_pii` becomes ``[NIK]``, ``[PHONE]``, etc.

    Masking is idempotent: masking a masked text changes nothing.

    >>> mask_pii("WA 081234567890, e-mail ani@contoh.id; denda Rp 1.500.000 tgl 12-05-2024")
    'WA [PHONE], e-mail [EMAIL]; denda Rp 1.500.000 tgl 12-05-2024'
    """
    return Masker(keep=tuple(keep), known=tuple(known)).mask(text)
