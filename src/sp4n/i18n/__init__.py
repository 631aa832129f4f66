"""Messages people read, in Bahasa Indonesia and English — *pesan*.

Rule: issue #12 ("Indonesian messages") and STYLE "Text people read". Every
message is a catalogue entry keyed by a stable id — the rule id when it is
about a rule (``ID-NIK-FORMAT``), ``label.*`` for vocabulary labels, ``ui.*``
for other words — with named parameters, so it is kept as data
([`Message`][sp4n.i18n.Message]) and rendered in the reader's language only when shown.
Numbers, percentages and dates follow the language through Babel (CLDR).

The catalogue is the gettext file ``locale/id/LC_MESSAGES/sp4n.po`` (English
``msgid``, Indonesian ``msgstr``, message id as ``msgctxt``), read with Babel
on first use; ``scripts/update_messages.py`` extracts and checks it
(see ADR 0004 and the how-to "Show messages in Indonesian or English").

>>> Message("ID-NIK-FORMAT").text("id")
'NIK harus terdiri dari 16 digit angka (spasi, titik, dan tanda hubung diperbolehkan)'
>>> translate("PAYLOAD-STRING-TOO-LONG", "en", count=200)
'String should have at most 200 characters'
>>> from decimal import Decimal
>>> from datetime import date
>>> format_percent(Decimal("0.524"), "id"), format_date(date(2024, 8, 14), "id")
('52,4%', '14 Agustus 2024')
>>> resolve_lang(None, environ={"LANG": "id_ID.UTF-8"})
'id'
"""

from __future__ import annotations

from sp4n.i18n._catalogue import MessageError, check_catalogue
from sp4n.i18n._catalogue import catalogue as _catalogue
from sp4n.i18n._format import (
    DateStyle,
    Number,
    format_date,
    format_datetime,
    format_list,
    format_number,
    format_percent,
)
from sp4n.i18n._lang import (
    DEFAULT_LANG,
    LANGS,
    LOCALE_VARIABLES,
    Lang,
    negotiate_lang,
    parse_lang,
    resolve_lang,
)
from sp4n.i18n._message import (
    Bilingual,
    Choices,
    Message,
    Param,
    Percent,
    declare,
    declare_plural,
    format_working_days,
    label,
    label_id,
    translate,
)
from sp4n.i18n._pydantic import MESSAGE_ID, message_for_error, rule_error, rule_of

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LOCALE_VARIABLES",
    "MESSAGE_ID",
    "Bilingual",
    "Choices",
    "DateStyle",
    "Lang",
    "Message",
    "MessageError",
    "Number",
    "Param",
    "Percent",
    "check_catalogue",
    "declare",
    "declare_plural",
    "format_date",
    "format_datetime",
    "format_list",
    "format_number",
    "format_percent",
    "format_working_days",
    "label",
    "label_id",
    "message_for_error",
    "message_ids",
    "negotiate_lang",
    "parse_lang",
    "resolve_lang",
    "rule_error",
    "rule_of",
    "translate",
]


def message_ids() -> frozenset[str]:
    """Every message id of the catalogue.

    >>> {"ID-NIK-FORMAT", "label.Status.ON_HOLD", "rule.AUDIT-CHAIN"} <= message_ids()
    True
    """
    return frozenset(_catalogue())
