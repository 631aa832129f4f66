"""Fast paths for the identity checks, with the libraries as their oracle.

``Complaint.model_validate_json`` must stay within half the throughput of a
plain pydantic model (issue #2 benchmark floor). Parsing every phone number
with ``phonenumbers.parse`` and every address with ``email_validator`` costs
more than the rest of the model together, so the two most common shapes take
a fast path here:

- a phone written as ``+62…`` or ``0…`` (with spaces, hyphens, dots or
  parentheses) is checked against the *same* metadata that
  ``phonenumbers.is_valid_number`` uses for region ID (possible lengths and
  national-number patterns of each number type);
- a plain ASCII address is checked against a conservative shape and the
  library's own list of special-use domains.

A fast path only ever *accepts*, returning the library's normalised form;
anything else — any doubt, any invalid input — returns ``None`` and the
caller asks the library, which also produces the error. Property tests
(``tests/test_fastpath.py``) show the answers equal the libraries'.
"""

from __future__ import annotations

import functools
import re
from typing import Final

import email_validator
from phonenumbers import PhoneMetadata

__all__ = ["fast_email", "fast_phone_e164"]

_PHONE_JUNK: Final = str.maketrans("", "", " .()-")
_PHONE_SHAPE: Final = re.compile(r"^(\+62|0)([1-9][0-9]{5,15})$")
# Every number type is tried; a number is valid if any type matches, so the order of the
# alternatives changes only the speed: the common types (mobile, fixed line) go first.
_TYPE_DESCS: Final = (
    "mobile",
    "fixed_line",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)


@functools.cache
def _indonesian_patterns() -> dict[int, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per national-number length: (general pattern, union of the number-type patterns).

    Built from region ID's metadata exactly as ``phonenumbers.is_valid_number``
    reads it: a number is valid when its length is possible and it matches the
    general description and at least one number type whose lengths admit it.
    """
    meta = PhoneMetadata.metadata_for_region("ID")
    if meta is None:  # pragma: no cover - phonenumbers always ships ID
        return {}
    general = meta.general_desc
    if general is None:  # pragma: no cover - every region has a general description
        return {}
    table: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
    for length in general.possible_length or range(1, 18):
        alternatives = []
        for name in _TYPE_DESCS:
            desc = getattr(meta, name)
            if desc is None or desc.national_number_pattern is None:
                continue
            if desc.possible_length and length not in desc.possible_length:
                continue
            alternatives.append(f"(?:{desc.national_number_pattern})")
        if alternatives:
            table[length] = (
                re.compile(f"(?:{general.national_number_pattern})"),
                re.compile("|".join(alternatives)),
            )
    return table


def fast_phone_e164(value: str) -> str | None:
    """E.164 of a valid number written ``+62…`` or ``0…``; else ``None`` (ask the library).

    >>> fast_phone_e164("0812-7788-1234")
    '+6281277881234'
    >>> fast_phone_e164("12345") is None
    True
    """
    match = _PHONE_SHAPE.match(value.translate(_PHONE_JUNK))
    if match is None:
        return None
    national = match.group(2)
    patterns = _indonesian_patterns().get(len(national))
    if patterns is not None and all(p.fullmatch(national) for p in patterns):
        return "+62" + national
    return None


_LOCAL: Final = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL: Final = r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_SHAPE: Final = re.compile(
    rf"^(?P<local>{_LOCAL})@(?P<domain>({_LABEL}\.)+[A-Za-z]{{2,63}})$"
)


@functools.cache
def _special_domains() -> frozenset[str]:
    """The library's special-use names (``local``, ``test``, ``in-addr.arpa`` …), lower case."""
    return frozenset(name.lower() for name in email_validator.SPECIAL_USE_DOMAIN_NAMES)


def fast_email(value: str) -> str | None:
    """The normalised form of a plain ASCII address; else ``None`` (ask the library).

    >>> fast_email("Nur.Aisyah@Example.ID")
    'Nur.Aisyah@example.id'
    """
    match = _EMAIL_SHAPE.match(value)
    if match is None or len(value) > 254 or len(match.group("local")) > 64:
        return None
    domain = match.group("domain").lower()
    if "--" in domain:  # "ab--…" labels are reserved (RFC 5891 §4.2.3.1; "xn--" is IDNA): ask
        return None
    # A special-use name is refused as the whole domain or as a suffix after a dot:
    # one set lookup per label instead of a scan of every dotted name.
    special = _special_domains()
    dot = 0
    while dot >= 0:
        if domain[dot:] in special:
            return None
        dot = domain.find(".", dot) + 1 or -1
    return f"{match.group('local')}@{domain}"
