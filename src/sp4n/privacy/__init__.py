"""Privacy: who sees what of a report, and personal data in free text — *kerahasiaan*.

Rule: standard.md §8 and UU 27/2022 (PDP). A report may be *rahasia*
(confidential: not published) or *anonim* (anonymous: the reporter's identity
hidden from the public and the reported party; by default, PRIV-ANON-AGENCY
[D], from the handling agency too). [`view`][sp4n.privacy.view] projects a report for a
viewer (public, data API, reporter, agency, oversight) as a typed model
([`ReportView`][sp4n.privacy.ReportView], [`PublicReportView`][sp4n.privacy.PublicReportView],
[`HandlingReportView`][sp4n.privacy.HandlingReportView]);
[`find_pii`][sp4n.privacy.find_pii] and
[`mask_pii`][sp4n.privacy.mask_pii] find and mask NIK, phone numbers and e-mail addresses in free
text (PRIV-PII-MASK [D]) without taking money amounts, dates, account numbers,
tracking ids or short codes such as 1708 for phone numbers.

Rule ids used here: PRIV-CONFIDENTIAL [R] (FAQ-LAPOR), PRIV-ANONYMOUS [R]
(FAQ-LAPOR), PRIV-ANON-AGENCY [D] (rulebook setting), PRIV-DATA-API [R]
(API-LAPOR), PRIV-PII-MASK [D], PRIV-ACCESS-LOG [D].

>>> mask_pii("Nomor WA saya 0812 3456 7890, tagihan Rp 1.500.000, call center 1708")
'Nomor WA saya [PHONE], tagihan Rp 1.500.000, call center 1708'
"""

from __future__ import annotations

from sp4n.privacy._models import (
    ActorView,
    AttachmentView,
    Audience,
    EventView,
    HandlingReportView,
    PublicReportView,
    ReportView,
)
from sp4n.privacy._pii import Masker, PiiKind, PiiSpan, find_pii, mask_pii
from sp4n.privacy._views import IDENTITY_READ, audience_for, view

__all__ = [
    "IDENTITY_READ",
    "ActorView",
    "AttachmentView",
    "Audience",
    "EventView",
    "HandlingReportView",
    "Masker",
    "PiiKind",
    "PiiSpan",
    "PublicReportView",
    "ReportView",
    "audience_for",
    "find_pii",
    "mask_pii",
    "view",
]
