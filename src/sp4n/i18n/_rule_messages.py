"""English texts of the rule messages that ``_types.py`` and ``models.py`` raise today.

These validators build ``PydanticCustomError("sp4n.<RULE>", "<RULE>: <English>")``
themselves; the texts are declared here, with their message ids, so that the
catalogue holds them in both languages and ``sp4n.payloads`` can render them in
Indonesian. ``tests/test_i18n.py`` checks that every such literal in those two
files has its declaration here. When a validator moves to
[`sp4n.i18n.rule_error`][sp4n.i18n.rule_error], its declaration moves beside it.

Rule: standard.md §2, §3, §4, §6 and §8, per rule id.
"""

from __future__ import annotations

from typing import Final

from sp4n.i18n._message import declare

__all__ = ["RULE_MESSAGES"]

RULE_MESSAGES: Final = (
    declare("ID-NIK-FORMAT", "a NIK has 16 digits (spaces, dots and hyphens allowed)"),
    declare(
        "ID-NIK-DISTRICT", "the district part of the NIK is not in the Kemendagri kecamatan table"
    ),
    declare("ID-NIK-REGION", "the region part of the NIK is not a Kemendagri code"),
    declare("ID-NIK-BIRTHDATE", "the birth-date part of the NIK is not a real date"),
    declare("ID-NIK-SERIAL", "the serial part of the NIK cannot be 0000"),
    declare("ID-PHONE", "not a valid phone number"),
    declare("ID-PHONE.unparsable", "not a phone number"),
    declare(
        "ID-PHONE-SERVICE",
        "a service number (call centre, toll-free, short code) is not a reporter's own number",
    ),
    declare("ID-PHONE-EXTENSION", "give the number without an extension (or an e-mail)"),
    declare("ID-PHONE-PREFIX", "the mobile prefix is not one an Indonesian operator uses"),
    declare("ID-EMAIL", "not a valid e-mail address"),
    declare("REGION-CODE", "a region code is PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV"),
    # Both the pattern check (7 to 12) and a rulebook's own bounds use this text.
    declare("TRACKING-ID", "a tracking id has {low} to {high} digits"),
    declare("REPORTER-CONTACT", "a reporter gives a phone number or an e-mail"),
    declare("ACTOR-AGENCY", "a {role} acts for an agency: give agency_id"),
    declare("REPORT-EXAMINATION", "only a COMPLAINT can need examination (berkadar pengawasan)"),
    declare("INCIDENT-DATE", "the incident date is after the submission"),
    declare("HISTORY-START", "the history starts with one submit event"),
    declare("HISTORY-START.submitted-at", "the submit event is at submitted_at"),
    declare("HISTORY-ORDER", "history events are in time order"),
    declare("TIMESTAMP-FORMAT.date", "a date is written YYYY-MM-DD (RFC 3339 full-date)"),
    declare(
        "TIMESTAMP-FORMAT.instant",
        "an instant is an RFC 3339 date-time, e.g. 2024-04-05T09:30:00+07:00",
    ),
    declare("TIMESTAMP-RANGE", "an instant lies between 0001-01-02 and 9999-12-30 (UTC)"),
    declare("ROUTE-BY-DATE", "valid_until is before valid_from"),
    declare("AGENCY-TIME-ZONE", "not an IANA time zone name"),
    declare("AGENCY-PARENT", "an agency cannot be its own parent"),
    declare("AGENCY-PARENT.national", "only the NATIONAL operator has no parent, and it has none"),
)
"""The ids of the messages declared here, in the order of the rules above."""
