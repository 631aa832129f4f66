"""Strategies for personal data that validates: NIKs, phone numbers, e-mail addresses, names.

Rule: standard.md §8 (identity) and the NIK/phone/e-mail rules of ``sp4n._types``.
Everything drawn here is accepted by [`sp4n.models.Reporter`][sp4n.models.Reporter].
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from sp4n.models import Reporter
from sp4n.regions import regencies

__all__ = ["FIRST_NAMES", "LAST_NAMES", "emails", "names", "niks", "phones", "reporters"]

_REGENCY_CODES = tuple(sorted(regencies()))

FIRST_NAMES = ("Siti", "Budi", "Agus", "Dewi", "Rina", "Wayan", "Made", "Yohanes", "Nur", "Putri")
LAST_NAMES = ("Aminah", "Santoso", "Wijaya", "Lestari", "Saputra", "Hutapea", "Sitompul", "Pratama")


@st.composite
def niks(draw: st.DrawFn) -> str:
    """A valid NIK: regency code, district, birth date (women: day + 40), serial != 0000."""
    regency = draw(st.sampled_from(_REGENCY_CODES)).replace(".", "")
    district = draw(st.integers(1, 99))
    born = draw(st.dates(date(1940, 1, 1), date(2008, 12, 31)))
    day = born.day + (40 if draw(st.booleans()) else 0)
    serial = draw(st.integers(1, 9999))
    return f"{regency}{district:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


phones = st.builds(
    lambda prefix, rest: f"+62{prefix}{rest:08d}",
    st.sampled_from(("812", "813", "821", "852", "857", "878")),
    st.integers(0, 99_999_999),
)
"""Indonesian mobile numbers in E.164, e.g. ``+6281234567890``."""

emails = st.builds(
    lambda local, domain: f"{local}@{domain}",
    st.from_regex(r"[a-z][a-z0-9]{2,10}(\.[a-z]{2,6})?", fullmatch=True),
    st.sampled_from(("contoh.id", "surel.co.id", "gmail.com", "yahoo.co.id")),
)
"""Normalised e-mail addresses."""

names = st.builds(
    lambda a, b: f"{a} {b}", st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES)
)
"""Full names (two words), so they never occur by chance in other fields."""


@st.composite
def reporters(draw: st.DrawFn) -> Reporter:
    """A reporter with a name, maybe a NIK, and a phone or an e-mail (or both)."""
    contact = draw(st.sampled_from(("phone", "email", "both")))
    return Reporter(
        name=draw(names),
        nik=draw(st.none() | niks()),
        phone=draw(phones) if contact != "email" else None,
        email=draw(emails) if contact != "phone" else None,
    )
