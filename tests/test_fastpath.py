"""The phone and e-mail fast paths give the libraries' answers (the libraries are the oracle)."""

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given
from hypothesis import strategies as st

from sp4n._fastpath import fast_email, fast_phone_e164


def library_phone(value: str) -> str | None:
    try:
        parsed = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def library_email(value: str) -> str | None:
    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError:
        return None


separators = st.sampled_from(["", " ", "-", ".", "  "])


@st.composite
def phone_like(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["+62", "0", "62", "+62 ", "(0", "+1", "00"]))
    lead = draw(st.sampled_from(["8", "2", "3", "4", "5", "6", "7", "9", "1", "0"]))
    rest = draw(st.text("0123456789", min_size=4, max_size=13))
    digits = lead + rest
    cut = draw(st.integers(0, len(digits)))
    return prefix + digits[:cut] + draw(separators) + digits[cut:]


@given(phone_like())
@example("0812-7788-1234")
@example("+62 811 5678 901")
@example("021-5551234")
@example("(021) 5551234")
@example("0800-1234567")
@example("1500-123")
def test_fast_phone_agrees_with_phonenumbers(value: str) -> None:
    """Whenever the fast path accepts, phonenumbers gives the same E.164 number."""
    fast = fast_phone_e164(value)
    if fast is not None:
        assert fast == library_phone(value)


@pytest.mark.parametrize("value", ["0812-7788-1234", "+6281351234567", "031-5551234"])
def test_fast_phone_covers_common_forms(value: str) -> None:
    """The usual Indonesian forms take the fast path (so the benchmark measures it)."""
    assert fast_phone_e164(value) == library_phone(value) is not None


local_chars = st.text("abcdefghijklmnopqrstuvwxyzABC0123456789._+-!#", min_size=1, max_size=20)
labels = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
tlds = st.sampled_from(["id", "com", "go.id", "co.id", "test", "local", "example", "ID", "x"])


@given(local_chars, st.lists(labels, min_size=1, max_size=3), tlds)
@example("Nur.Aisyah", ["Example"], "ID")
@example("a..b", ["mail"], "com")
@example("user", ["localhost"], "id")
@example("0", ["00--0"], "id")  # a reserved "ab--" label the library refuses
def test_fast_email_agrees_with_email_validator(local: str, domain: list[str], tld: str) -> None:
    """Whenever the fast path accepts, email-validator gives the same normalised address."""
    value = f"{local}@{'.'.join(domain)}.{tld}"
    fast = fast_email(value)
    if fast is not None:
        assert fast == library_email(value)


def test_fast_email_defers_on_special_use_domains() -> None:
    """Special-use domains (e.g. .test) are left to the library, which refuses them."""
    assert fast_email("a@b.test") is None
    assert library_email("a@b.test") is None
