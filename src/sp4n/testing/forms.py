"""Strategies for identity fields in every written form, and payloads built from them.

Issue #16, ADR 0003: the exported JSON Schema must accept every payload the
model accepts. These strategies write the values the way people and apps do —
NIKs with dots, spaces or dashes, phones as ``(021) 5551234``,
``(+62) 812-…``, ``tel:+62-…`` or ``0062 …`` with extensions, internationalised
e-mail addresses, text with whitespace around it, RFC 3339 instants in their
variants — plus near misses next to each (foreign digits and dashes, prose
around a number, Unix timestamps, whitespace-only text), so a contract test
sees both sides of every boundary.

Payload strategies return JSON-compatible dicts (what ``json.loads`` makes of
a request body), not models: the test feeds the same JSON to the model and to
the schema validators. ``PAYLOADS`` maps each schema name of
``sp4n.schema.MODELS`` to its payload strategy, for an app's own contract test
against the schema it pins.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any, TypeVar

from hypothesis import strategies as st

from sp4n._forms import WHITESPACE
from sp4n.regions import regencies
from sp4n.vocabulary import AgencyKind, Channel, ExaminationFlag, ReportType, Role, Status

__all__ = [
    "ARABIC_INDIC",
    "AREA_CODES",
    "DOMAINS",
    "DOMAINS_IDN",
    "EVENT_KINDS",
    "FULL_WIDTH",
    "LOCAL_PARTS",
    "MOBILE_PREFIXES",
    "NOT_TRIMMED",
    "PAYLOADS",
    "REGENCY_CODES",
    "WORDS",
    "Json",
    "agency_payloads",
    "complaint_payloads",
    "dates_written",
    "email_near_misses",
    "emails_written",
    "identity_values",
    "instants",
    "instants_written",
    "mostly",
    "national_numbers",
    "near_miss",
    "nik_digits",
    "nik_near_misses",
    "nik_written",
    "phone_near_misses",
    "phones_written",
    "pick",
    "region_codes_written",
    "reporter_payloads",
    "submission_payloads",
    "texts_written",
]

Json = dict[str, Any]
T = TypeVar("T")

REGENCY_CODES = tuple(sorted(regencies()))
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
NOT_TRIMMED = "\x1c\x1f\u200b\ufeff"
"""Characters some engines call whitespace but pydantic-core does not trim."""


def pick(draw: st.DrawFn, options: Sequence[T]) -> T:
    """One of ``options``, drawn by index (cheaper than a new ``sampled_from`` per draw)."""
    return options[draw(st.integers(0, len(options) - 1))]


def near_miss(draw: st.DrawFn) -> bool:
    """Whether to write a near miss: one draw in eight, so most payloads stay valid."""
    return draw(st.integers(0, 7)) == 0


@st.composite
def mostly(
    draw: st.DrawFn, written: st.SearchStrategy[str], near_misses: st.SearchStrategy[str]
) -> str:
    """A value of ``written``, or (one in eight) of ``near_misses``."""
    return draw(near_misses) if near_miss(draw) else draw(written)


# --- NIK ------------------------------------------------------------------------------------


@st.composite
def nik_digits(draw: st.DrawFn) -> str:
    """16 digits of a valid NIK: regency, district, birth date (women: +40), serial."""
    regency = draw(st.sampled_from(REGENCY_CODES)).replace(".", "")
    district = draw(st.integers(1, 99))
    born = draw(st.dates(date(1940, 1, 1), date(2008, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    serial = draw(st.integers(1, 9999))
    return f"{regency}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def _grouped(digits: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, start = [], 0
    for size in sizes:
        parts.append(digits[start : start + size])
        start += size
    return sep.join(parts)


@st.composite
def nik_written(draw: st.DrawFn, digits: str | None = None) -> str:
    """A NIK as people write it: plain, in KTP or 4-digit groups, any separators, spaces around."""
    number = digits if digits is not None else draw(nik_digits())
    style = draw(st.sampled_from(("plain", "ktp", "fours", "six-six-four", "random")))
    if style == "plain":
        text = number
    elif style == "ktp":  # PP.RR.DD.DDMMYY.SSSS
        text = _grouped(number, (2, 2, 2, 6, 4), draw(st.sampled_from((".", " ", "-", " - "))))
    elif style == "fours":
        text = _grouped(number, (4, 4, 4, 4), draw(st.sampled_from((" ", ".", "-", " - "))))
    elif style == "six-six-four":
        text = _grouped(number, (6, 6, 4), draw(st.sampled_from((" ", "."))))
    else:
        seps = draw(st.lists(st.text(" .-", max_size=3), min_size=15, max_size=15))
        text = number[0] + "".join(s + d for s, d in zip(seps, number[1:], strict=True))
    pad = draw(st.sampled_from(("", " ", "  ")))
    return pad + text + draw(st.sampled_from(("", " ")))


@st.composite
def nik_near_misses(draw: st.DrawFn) -> str:
    """NIK-like text the model refuses: other digits or dashes, tabs, wrong length, letters."""
    number = draw(nik_digits())
    kind = draw(
        st.sampled_from(
            (
                "full-width",
                "arabic-indic",
                "en-dash",
                "nbsp",
                "slash",
                "tab",
                "short",
                "long",
                "letter",
                "sep-run",
                "bad-province",
                "serial-0000",
                "day-32",
            )
        )
    )
    return {
        "full-width": number.translate(FULL_WIDTH),
        "arabic-indic": number.translate(ARABIC_INDIC),
        "en-dash": _grouped(number, (4, 4, 4, 4), "–"),
        "nbsp": _grouped(number, (4, 4, 4, 4), "\xa0"),
        "slash": _grouped(number, (4, 4, 4, 4), "/"),
        "tab": "\t" + number + "\n",
        "short": number[:15],
        "long": number + "1",
        "letter": number[:10] + "O" + number[11:],
        "sep-run": number[:4] + " .- " + number[4:],
        "bad-province": "99" + number[2:],
        "serial-0000": number[:12] + "0000",
        "day-32": number[:6] + "32" + number[8:],
    }[kind]


# --- phone ----------------------------------------------------------------------------------

MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "852", "856", "857", "878", "895", "899")
AREA_CODES = ("21", "22", "24", "31", "61", "274", "361", "411", "431", "711", "778", "967")


@st.composite
def national_numbers(draw: st.DrawFn) -> str:
    """An Indonesian national number without trunk 0: a mobile or a fixed line (maybe invalid)."""
    if draw(st.booleans()):
        prefix = draw(st.sampled_from(MOBILE_PREFIXES))
        return prefix + str(draw(st.integers(10**6, 10**9 - 1)))
    area = draw(st.sampled_from(AREA_CODES))
    return area + str(draw(st.integers(10**4, 10**8 - 1)))


def _spaced(number: str, sep: str) -> str:
    """``812 7788 1234``: a block of 3 or 2 (area code), then blocks of 4."""
    head = 3 if number[0] == "8" else (2 if number[:2] in AREA_CODES else 3)
    rest = number[head:]
    blocks = [rest[i : i + 4] for i in range(0, len(rest), 4)]
    return sep.join((number[:head], *blocks))


@st.composite
def phones_written(draw: st.DrawFn) -> str:
    """A phone number in a way Indonesians write it, one in eight with an extension."""
    number = draw(national_numbers())
    sep = draw(st.sampled_from((" ", "-", ".", "", " - ", "/")))
    body = _spaced(number, sep)
    head = number[:3] if number[0] == "8" else number[:2]
    rest = _spaced(number, sep)[len(head) :].lstrip(" -./")
    style = draw(
        st.sampled_from(
            (
                "+62 {b}",
                "+62{b}",
                "(+62) {b}",
                "(+62){b}",
                "+62 (0) {b}",
                "0{b}",
                "(0{h}) {r}",
                "(0{h}){r}",
                "0{h}-{r}",
                "tel:+62-{b}",
                "TEL:+62{b}",
                "tel:0{b}",
                "0062 {b}",
                "0062{b}",
                "+ 62 {b}",
                "({b})",
            )
        )
    )
    text = style.format(b=body, h=head, r=rest)
    suffix = ""
    if draw(st.integers(0, 7)) == 0:  # one in eight: the model refuses extensions by default
        extension = draw(st.integers(1, 9_999_999))
        suffixes = (f" ext. {extension}", f" ext{extension}", f" x{extension}")
        suffix = pick(draw, (*suffixes, f"#{extension}"))
        if text.lower().startswith("tel:") and draw(st.booleans()):
            suffix = f";ext={extension}"
    return draw(st.sampled_from(("", " "))) + text + suffix + draw(st.sampled_from(("", " ")))


@st.composite
def phone_near_misses(draw: st.DrawFn) -> str:
    """Phone-like text the model refuses: letters, foreign digits or dashes, prose, two numbers."""
    number = "0" + draw(national_numbers())
    kind = draw(
        st.sampled_from(
            (
                "letters",
                "full-width",
                "arabic-indic",
                "en-dash",
                "nbsp",
                "prose",
                "whatsapp",
                "two",
                "ekst",
                "pes",
                "long-ext",
                "tab",
            )
        )
    )
    return {
        "letters": number[:6] + "CALLME",
        "full-width": number.translate(FULL_WIDTH),
        "arabic-indic": number.translate(ARABIC_INDIC),
        "en-dash": number[:4] + "–" + number[4:],
        "nbsp": number[:4] + "\xa0" + number[4:],
        "prose": "HP: " + number,
        "whatsapp": number + " (WA)",
        "two": number + " / " + number,
        "ekst": number + " ekst. 12",
        "pes": number + " pes. 12",
        "long-ext": number + " ext. 123456789",
        "tab": "\t" + number,
    }[kind]


# --- e-mail ---------------------------------------------------------------------------------

LOCAL_PARTS = (
    "budi",
    "Siti.Aminah",
    "nur+lapor",
    "andi_baso",
    "dewi-l",
    "bü",
    "ñoño",
    "李",
    "ayşe",
)
DOMAINS = ("contoh.id", "Surel.CO.ID", "müller.de", "pemkab-bogor.go.id", "bücher.example.id")
DOMAINS_IDN = ("contoh.みんな", "例え.jp", "xn--mller-kva.de", "почта.рф")


@st.composite
def emails_written(draw: st.DrawFn) -> str:
    """An e-mail address: ASCII or internationalised local part and domain, any case."""
    local = draw(
        st.sampled_from(LOCAL_PARTS)
        | st.from_regex(r"[a-z][a-z0-9]{0,5}(\.[a-z0-9]{1,4})?", fullmatch=True)
    )
    domain = draw(st.sampled_from(DOMAINS + DOMAINS_IDN))
    return f"{local}@{domain}"


@st.composite
def email_near_misses(draw: st.DrawFn) -> str:
    """E-mail-like text the model refuses: spaces, quotes, no dot, display names, special names."""
    address = draw(emails_written())
    local, domain = address.split("@")
    return pick(
        draw,
        (
            f" {address}",
            f"{address} ",
            f"{address}\n",
            f'"{local}"@{domain}',
            f"{local}@localhost",
            f"{local}@contoh",
            f"{local}@@{domain}",
            f"Budi <{address}>",
            f"{local} x@{domain}",
            f"{local}@[10.0.0.1]",
            f"{local}@{domain}.test",
            f"{local}..x@{domain}",
        ),
    )


# --- free text, instants, dates, region codes ------------------------------------------------

_WHITESPACE_RUNS = st.text(WHITESPACE, min_size=1, max_size=3)
WORDS = ("jalan", "rusak", "lubang", "sekolah", "puskesmas", "antrean", "lampu", "mati", "mohon")


@st.composite
def texts_written(draw: st.DrawFn, max_length: int) -> str:
    """Free text, often with whitespace around it, sometimes at or past ``max_length``.

    Near misses (one in eight): blank text made of any trimmed whitespace, text
    that only fits once trimmed, arbitrary text; characters that are not
    trimmed (``NOT_TRIMMED``) make text that is not blank.
    """
    ws = _WHITESPACE_RUNS
    words = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8)))
    kind = draw(st.sampled_from(("words", "padded", "at-limit")))
    if draw(st.integers(0, 7)) == 0:
        kind = draw(st.sampled_from(("blank", "over", "odd", "any")))
    if kind == "blank":
        return draw(ws)
    if kind == "odd":
        return draw(st.text(NOT_TRIMMED + WHITESPACE, min_size=1, max_size=4))
    if kind == "any":
        return draw(st.text(max_size=40))
    if kind == "words":
        return words.capitalize()
    if kind == "padded":
        return draw(ws) + words + draw(ws)
    pad_left, pad_right = draw(ws), draw(ws)
    size = max_length - len(pad_left) - len(pad_right)
    if kind == "over":
        size += draw(st.integers(1, 3))
    core = ((words + " ") * (size // (len(words) + 1) + 1))[: size - 1] + "x"
    return pad_left + core + pad_right


instants = st.datetimes(
    min_value=datetime(2015, 1, 1),  # noqa: DTZ001 - Hypothesis bounds are naive by design
    max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([timezone(timedelta(hours=h)) for h in (0, 7, 8, 9)]),
)


@st.composite
def instants_written(draw: st.DrawFn, moment: datetime | None = None) -> str:
    """An instant in an RFC 3339 variant, or (one in eight) a form only pydantic parses."""
    at = moment if moment is not None else draw(instants)
    offset = at.strftime("%z")  # +0700
    colon = f"{offset[:3]}:{offset[3:]}"
    base = at.strftime("%Y-%m-%dT%H:%M:%S")
    fraction = draw(st.sampled_from(("", ".0", ".123", ".123456", ".123456789")))
    utc = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    written = (
        f"{base}{fraction}{colon}",
        f"{base}{colon}",
        f"{utc}{fraction}Z",
        f"{utc.lower()}z",
        f"{utc}-00:00",
    )
    near_misses = (
        f"{base.replace('T', ' ')}{colon}",
        f"{base.replace('T', '_')}{colon}",
        f"{base}{offset}",
        f"{base}{offset[:3]}",
        f"{base[:-3]}{colon}",
        base,
        str(int(at.timestamp())),
        f"{int(at.timestamp())}.5",
        f"{base}{colon} ",
    )
    return pick(draw, near_misses) if near_miss(draw) else pick(draw, written)


@st.composite
def dates_written(draw: st.DrawFn, day: date | None = None) -> str:
    """A date as ``YYYY-MM-DD``, or (one in eight) a form only pydantic parses."""
    when = day if day is not None else draw(st.dates(date(2015, 1, 1), date(2030, 12, 31)))
    midnight = datetime(when.year, when.month, when.day, tzinfo=UTC)
    near_misses = (
        str(int(midnight.timestamp())),
        when.strftime("%Y%m%d"),
        f"{when.year}-{when.month}-{when.day}",
        when.isoformat() + "T00:00:00",
        when.isoformat() + " ",
    )
    return pick(draw, near_misses) if near_miss(draw) else when.isoformat()


@st.composite
def region_codes_written(draw: st.DrawFn) -> str:
    """A region code at any level, or (one in eight) one with other digits or separators."""
    regency = draw(st.sampled_from(REGENCY_CODES))
    district = f"{regency}.{draw(st.integers(1, 99)):02d}"
    code = pick(draw, (regency[:2], regency, district, f"{district}.2001"))
    near_misses = (code.translate(ARABIC_INDIC), code.translate(FULL_WIDTH), code.replace(".", "-"))
    return pick(draw, near_misses) if near_miss(draw) else code


# --- payloads -------------------------------------------------------------------------------

identity_values = {
    "nik": mostly(nik_written(), nik_near_misses()),
    "phone": mostly(phones_written(), phone_near_misses()),
    "email": mostly(emails_written(), email_near_misses()),
}
"""Each identity field: its written forms, or (one in eight) its near misses."""


@st.composite
def reporter_payloads(draw: st.DrawFn) -> Json:
    """A reporter: name, maybe a NIK, a phone and/or an e-mail, each in any written form."""
    reporter: Json = {"name": draw(texts_written(200))}
    for field, values in identity_values.items():
        if draw(st.integers(0, 3)) > 0:
            reporter[field] = draw(values)
    return reporter


@st.composite
def submission_payloads(draw: st.DrawFn) -> Json:
    """An inbound report as JSON, its identity, text and time fields in any written form."""
    moment = draw(instants)
    report_type = pick(draw, tuple(ReportType))
    payload: Json = {
        "type": report_type,
        "title": draw(texts_written(200)),
        "body": draw(texts_written(10_000)),
        "category": draw(st.sampled_from(("regency_road", "primary_school", "health_service"))),
        "channel": pick(draw, tuple(Channel)),
        "submitted_at": draw(instants_written(moment)),
    }
    if report_type == ReportType.COMPLAINT and draw(st.booleans()):
        payload["examination"] = pick(draw, tuple(ExaminationFlag))
    if draw(st.booleans()):
        payload["incident_date"] = draw(dates_written(moment.date() - timedelta(days=2)))
    if draw(st.booleans()):
        location: Json = {"region_code": draw(region_codes_written())}
        if draw(st.booleans()):
            location["address"] = draw(texts_written(200))
        payload["location"] = location
    if draw(st.integers(0, 4)) > 0:
        payload["reporter"] = draw(reporter_payloads())
    if draw(st.booleans()):
        payload["anonymous"] = draw(st.booleans())
    return payload


_EVENT_TEXT = {
    "hold": "reason",
    "complete": "info",
    "post_follow_up": "text",
    "reporter_reply": "text",
}
EVENT_KINDS = tuple(sorted(_EVENT_TEXT))


@st.composite
def complaint_payloads(draw: st.DrawFn) -> Json:
    """A report with tracking id, status and a history whose instants and notes vary in form."""
    payload = draw(submission_payloads())
    digits = draw(st.integers(7, 12))
    tracking = str(draw(st.integers(0, 10**digits - 1))).zfill(digits)
    payload["tracking_id"] = tracking.translate(FULL_WIDTH) if near_miss(draw) else tracking
    payload["status"] = pick(draw, tuple(Status))
    history: list[Json] = [
        {"kind": "submit", "at": payload["submitted_at"], "actor": {"role": "REPORTER"}}
    ]
    at = datetime(2031, 1, 1, tzinfo=UTC)  # after every drawn submission: HISTORY-ORDER holds
    for kind in draw(st.lists(st.sampled_from(EVENT_KINDS), max_size=3)):
        at += timedelta(days=draw(st.integers(0, 30)))
        event: Json = {
            "kind": kind,
            "at": draw(instants_written(at)),
            "actor": {"role": Role.AGENCY_ADMIN.value, "agency_id": "kab-bogor"},
            _EVENT_TEXT[kind]: draw(texts_written(10_000)),
        }
        if draw(st.booleans()):
            event["note"] = draw(texts_written(10_000))
        history.append(event)
    payload["history"] = history
    return payload


@st.composite
def agency_payloads(draw: st.DrawFn) -> Json:
    """An agency with its name and region code in any written form."""
    kind = pick(draw, tuple(AgencyKind))
    payload: Json = {
        "id": draw(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,20}", fullmatch=True)),
        "name": draw(texts_written(200)),
        "kind": kind,
    }
    if kind != AgencyKind.NATIONAL:
        payload["parent_id"] = "nasional"
    if draw(st.booleans()):
        payload["region_code"] = draw(region_codes_written())
    if draw(st.booleans()):
        payload["time_zone"] = draw(
            st.sampled_from(("Asia/Jakarta", "Asia/Jayapura", "WIB", "UTC"))
        )
    return payload


PAYLOADS = {
    "submission": submission_payloads,
    "complaint": complaint_payloads,
    "agency": agency_payloads,
}
"""Payload strategy per schema name of ``sp4n.schema.MODELS``."""
