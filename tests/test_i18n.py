"""The message catalogue: complete in both languages, in sync with its sources, renderable.

Issue #12 ("Indonesian messages"): every message id has an English and an
Indonesian text with the same parameters; the rule statements match the
rulebook, the labels match the vocabulary, and the catalogue files match what
Babel extracts from the code (``scripts/update_messages.py --check``).
"""

import re
import subprocess
import sys
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import pytest

from sp4n import vocabulary
from sp4n.errors import ConfigError
from sp4n.i18n import (
    Choices,
    Message,
    MessageError,
    Percent,
    check_catalogue,
    label,
    message_ids,
    translate,
)
from sp4n.i18n._catalogue import COUNT, MSGID_PATTERN, catalogue
from sp4n.i18n._labels import LABELS
from sp4n.i18n._pydantic import _custom
from sp4n.i18n._rule_messages import RULE_MESSAGES
from sp4n.rulebook import Rulebook

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src" / "sp4n"


def _sample_params(msgid: str, count: int = 3) -> dict[str, object]:
    return {name: count if name == COUNT else f"<{name}>" for name in catalogue()[msgid].params}


def test_catalogue_is_complete_in_both_languages() -> None:
    """No entry is untranslated, fuzzy, empty, or has placeholders that differ between languages."""
    assert check_catalogue() == ()


def test_catalogue_matches_what_babel_extracts_from_the_sources() -> None:
    """The committed .pot and .po equal a fresh extraction and merge (nothing stale)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_messages.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_every_message_id_is_well_formed_and_has_both_languages() -> None:
    """Each id follows the grammar; English and Indonesian texts exist and are not empty."""
    book = catalogue()
    assert len(book) >= 200
    for msgid in book:
        entry = book[msgid]
        assert MSGID_PATTERN.match(msgid), msgid
        assert entry.translated, msgid
        assert all(text.strip() for lang in ("id", "en") for text in entry.forms[lang]), msgid


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_message_renders_with_its_declared_params(lang: str) -> None:
    """Rendering each message with exactly its parameters leaves no placeholder behind."""
    for msgid in message_ids():
        for count in (1, 3):
            text = Message(msgid, **_sample_params(msgid, count)).text(lang)  # type: ignore[arg-type]
            assert text.strip(), msgid
            assert not re.search(r"\{\w+\}", text), (msgid, text)
            for name in catalogue()[msgid].params - {COUNT}:
                assert f"<{name}>" in text, (msgid, name, text)


def _only_composes(text: str) -> bool:
    """A text made only of placeholders, rule codes and punctuation: ``{value}: {why} [{rule}]``."""
    words = re.sub(r"\{\w+\}|\[[A-Z0-9{}_-]+\]|[A-Z]+(?:-[A-Z0-9]+)+", "", text)
    return not re.search(r"[a-z]", words)


def test_indonesian_differs_from_english_except_codes_and_names() -> None:
    """A translation that merely copies the English is suspicious; only a few are legitimate."""
    same = {
        msgid
        for msgid in message_ids()
        if catalogue()[msgid].forms["id"] == catalogue()[msgid].forms["en"]
        and not _only_composes(catalogue()[msgid].forms["en"][0])
    }
    assert same == {"label.Channel.TWITTER"}  # "Twitter @LAPOR1708" ("SMS 1708" is a code)


def test_every_check_rule_has_its_statement_in_both_languages() -> None:
    """Each rulebook checks row is ``rule.<RULE>``, its English equal to the description."""
    book = Rulebook.default()
    for row in book.checks:
        entry = catalogue()[f"rule.{row.rule}"]
        assert entry.forms["en"] == (row.description,), row.rule
        assert entry.forms["id"][0] != row.description, row.rule


def test_rule_messages_are_about_rulebook_rules() -> None:
    """A message id ``RULE`` or ``RULE.variant`` names a rule of the rulebook (PAYLOAD-* aside)."""
    book = Rulebook.default()
    known = {row.rule for row in (*book.checks, *book.statuses, *book.transitions)}
    known |= {row.rule for row in (*book.deadlines, *book.indicators, *book.grades)}
    known |= {row.rule for row in book.maturity} | set(book.setting_rules)
    for msgid in message_ids():
        rule = Message(msgid).rule
        if rule is not None and not rule.startswith("PAYLOAD-"):
            assert rule in known, msgid


def _vocabularies() -> list[type[StrEnum]]:
    return [
        getattr(vocabulary, name)
        for name in vocabulary.__all__
        if issubclass(getattr(vocabulary, name), StrEnum)
    ]


@pytest.mark.parametrize("enum", _vocabularies(), ids=lambda e: e.__name__)
def test_vocabulary_labels_match_the_catalogue(enum: type[StrEnum]) -> None:
    """``label(member, lang)`` equals the vocabulary's own Indonesian and English labels."""
    for member in enum:
        assert label(member, "id") == member.label  # type: ignore[attr-defined]
        assert label(member, "en") == member.label_en  # type: ignore[attr-defined]


def test_rulebook_labels_match_the_catalogue() -> None:
    """Indicator, grade and maturity labels: Indonesian equals the rulebook's ``label_id``."""
    book = Rulebook.default()
    rows = [(f"label.indicator.{r.indicator}", r.label_id) for r in book.indicators]
    rows += [(f"label.grade.{r.grade}", r.label_id) for r in book.grades]
    rows += [(f"label.maturity.{r.level}", r.label_id) for r in book.maturity]
    for msgid, label_id in rows:
        assert translate(msgid, "id") == label_id, msgid
        assert translate(msgid, "en") != label_id, msgid
    assert {msgid for msgid, _ in rows} <= set(LABELS)


_RAISED = re.compile(r"_(?:fail|rule_error|RuleError)\(\s*\"([A-Z][A-Z0-9-]+)\",\s*f?\"([^\"]+)\"")


@pytest.mark.parametrize("path", ["_types.py", "models.py"])
def test_every_message_raised_in_the_models_is_in_the_catalogue(path: str) -> None:
    """Each ``_fail``/``_rule_error``/``_RuleError`` literal maps to a message of its rule."""
    found = _RAISED.findall((SRC / path).read_text("utf-8"))
    assert len(found) >= 5
    for rule, english in found:
        message = _custom(rule, f"{rule}: {english}", {})
        assert message is not None, (rule, english)
        assert message.msgid in RULE_MESSAGES
        assert message.text("id") != message.text("en")


def test_spec_example_nik_message_in_indonesian() -> None:
    """The brief's example wording: a NIK has 16 digits."""
    assert translate("ID-NIK-FORMAT", "id").startswith("NIK harus terdiri dari 16 digit angka")


def test_message_renders_each_kind_of_parameter_per_language() -> None:
    """Numbers, percentages, dates, lists, choices and nested messages follow the language."""
    m = Message("PAYLOAD-ENUM", expected=Choices(("'A'", "'B'", "'C'")))
    assert m.text("id") == "Nilai harus 'A', 'B', atau 'C'"
    assert m.text("en") == "Input should be 'A', 'B' or 'C'"
    assert translate("PAYLOAD-LESS-THAN-EQUAL", "id", le=Decimal("10000.5")) == (
        "Nilai harus lebih kecil dari atau sama dengan 10.000,5"
    )
    assert translate("PAYLOAD-VALUE-ERROR", "id", error=Percent(Decimal("0.524"))) == (
        "Nilai tidak valid: 52,4%"
    )
    assert translate("PAYLOAD-VALUE-ERROR", "id", error=date(2024, 8, 14)) == (
        "Nilai tidak valid: 14 Agustus 2024"
    )
    assert translate("PAYLOAD-VALUE-ERROR", "en", error=("NIK", "phone")) == ("NIK and phone")
    nested = Message("PAYLOAD-VALUE-ERROR", error=Message("ui.working-days", count=5))
    assert nested.text("id") == "Nilai tidak valid: 5 hari kerja"


def test_plural_forms_follow_the_language() -> None:
    """English has singular and plural; Indonesian one form (CLDR/gettext plural rules)."""
    assert translate("PAYLOAD-STRING-TOO-SHORT", "en", count=1) == (
        "String should have at least 1 character"
    )
    assert translate("PAYLOAD-STRING-TOO-SHORT", "en", count=2) == (
        "String should have at least 2 characters"
    )
    assert translate("PAYLOAD-STRING-TOO-SHORT", "id", count=1) == "Teks paling sedikit 1 karakter"
    assert translate("ui.reports", "id", count=12345) == "12.345 laporan"


def test_unknown_message_id_is_a_message_error() -> None:
    """An id the catalogue lacks fails loudly when rendered (a ConfigError, naming the field)."""
    with pytest.raises(MessageError, match="not in the catalogue") as info:
        Message("NO-SUCH-RULE").text("id")
    assert isinstance(info.value, ConfigError)
    assert info.value.field == "msgid"


@pytest.mark.parametrize(
    "params",
    [{}, {"low": 7}, {"low": 7, "high": 12, "extra": 1}],
    ids=["none", "missing", "extra"],
)
def test_parameters_must_match_the_placeholders(params: dict[str, int]) -> None:
    """Missing or unexpected parameters are refused rather than rendered half."""
    with pytest.raises(MessageError, match="takes parameters"):
        Message("TRACKING-ID", **params).text("en")


@pytest.mark.parametrize("value", [1.5, True, None, object()])
def test_parameter_of_an_unsupported_type_is_refused(value: object) -> None:
    """A float (or anything not a Param) is a TypeError: no float surprises in messages."""
    with pytest.raises((TypeError, MessageError)):
        Message("PAYLOAD-VALUE-ERROR", error=value).text("id")  # type: ignore[arg-type]


def test_plural_message_needs_an_int_count() -> None:
    """The count that picks a plural form must be an int."""
    with pytest.raises(MessageError, match="needs an int"):
        Message("ui.working-days", count="3").text("en")


def test_unsupported_language_is_refused() -> None:
    """Only ``id`` and ``en`` exist; anything else is a ConfigError naming ``lang``."""
    with pytest.raises(ConfigError, match="unsupported language") as info:
        translate("ID-NIK-SERIAL", "fr")  # type: ignore[arg-type]
    assert info.value.field == "lang"


def test_message_is_a_value() -> None:
    """Messages compare and hash by id and parameters; str() is English; repr shows both."""
    a = Message("TRACKING-ID", low=7, high=12)
    assert a == Message("TRACKING-ID", high=12, low=7)
    assert hash(a) == hash(Message("TRACKING-ID", high=12, low=7))
    assert a != Message("TRACKING-ID", low=8, high=12)
    assert str(a) == "a tracking id has 7 to 12 digits"
    assert repr(a) == "Message('TRACKING-ID', low=7, high=12)"
    assert a.rule == "TRACKING-ID"
    assert Message("rule.AUDIT-CHAIN").rule == "AUDIT-CHAIN"
    assert Message("ui.unknown").rule is None
    with pytest.raises(TypeError):
        a.params["low"] = 8  # type: ignore[index]
