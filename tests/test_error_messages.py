"""Every error sp4n raises on purpose carries a catalogue message (issue #12).

A scan of ``src/``: each construction of an ``SP4NError`` class (raised or
returned by a factory) gives, as its message, a :class:`sp4n.i18n.Message`
— built in place, bound to a name from a ``Message(...)`` call or a
parameter typed ``Message``, or taken from another error's ``.message`` —
never an English literal, an f-string or a ``str``. So a new error cannot
slip in without its Indonesian text, and ``str(exc)`` stays its English.
"""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import sp4n.errors
from sp4n.errors import ConcurrentUpdate, DataError, SP4NError
from sp4n.i18n import Message, message_ids
from sp4n.rulebook import Rulebook

SRC = Path(__file__).parents[1] / "src" / "sp4n"

ERRORS = frozenset(
    name
    for name in dir(sp4n.errors)
    if isinstance(getattr(sp4n.errors, name), type)
    and issubclass(getattr(sp4n.errors, name), SP4NError)
) | {"MessageError"}

EXEMPT = frozenset({"i18n/_catalogue.py", "i18n/_message.py"})
"""The catalogue's own checks: a message about a broken catalogue cannot come from it."""


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _is_message(node: ast.expr, scope: ast.AST) -> bool:  # noqa: PLR0911 - one per kind
    """Whether ``node`` is (bound to) a catalogue message in ``scope``."""
    if isinstance(node, ast.Call):
        return _name(node.func) in {"Message", "_message"}
    if isinstance(node, ast.Attribute):
        return node.attr == "message"
    if isinstance(node, ast.IfExp):
        return _is_message(node.body, scope) and _is_message(node.orelse, scope)
    if not isinstance(node, ast.Name):
        return False
    bound = False
    for sub in ast.walk(scope):
        if isinstance(sub, ast.arg) and sub.arg == node.id:
            bound = True
            annotation = ast.unparse(sub.annotation) if sub.annotation else ""
            if "Message" not in annotation:
                return False
        elif isinstance(sub, ast.Assign | ast.AnnAssign):
            targets = sub.targets if isinstance(sub, ast.Assign) else [sub.target]
            if any(isinstance(t, ast.Name) and t.id == node.id for t in targets):
                bound = True
                if sub.value is None or not _is_message(sub.value, scope):
                    return False
    return bound


def _constructions(tree: ast.Module) -> list[tuple[ast.Call, ast.AST]]:
    """Every call of an error class, with the function (or module) it is in."""
    found: list[tuple[ast.Call, ast.AST]] = []

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            if isinstance(child, ast.Call) and _name(child.func) in ERRORS:
                found.append((child, scope))
            visit(child, inner)

    visit(tree, tree)
    return found


def bare_messages() -> list[str]:
    """``path:line`` of each error built with a message that is not from the catalogue."""
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        relative = str(path.relative_to(SRC))
        if relative in EXEMPT:
            continue
        for call, scope in _constructions(ast.parse(path.read_text("utf-8"))):
            first = call.args[0] if call.args else None
            message = next((k.value for k in call.keywords if k.arg == "message"), first)
            if message is not None and not _is_message(message, scope):
                bad.append(f"{relative}:{call.lineno}: {ast.unparse(message)[:60]}")
    return bad


def test_scan_finds_errors() -> None:
    """The scan sees the errors of the code (guards against a silent no-op)."""
    total = sum(len(_constructions(ast.parse(p.read_text("utf-8")))) for p in SRC.rglob("*.py"))
    assert total > 200


def test_scan_refuses_a_bare_english_literal() -> None:
    """The scan flags a literal, an f-string and a str variable, and passes a Message."""
    code = """
def f(x):
    msg = f"bad {x}"
    raise DataError(msg, rule="INPUT-FILE")
def g():
    raise DataError("bad")
def h(m: Message):
    raise DataError(m)
def k(x):
    raise DataError(Message("INPUT-FILE.missing", "no such file: {path}", path=x))
"""
    tree = ast.parse(code)
    verdicts = [_is_message(call.args[0], scope) for call, scope in _constructions(tree)]
    assert verdicts == [False, False, True, True]


def test_every_error_carries_a_catalogue_message() -> None:
    """No SP4NError in src/ is built from a bare English text."""
    assert bare_messages() == []


def test_every_message_id_in_code_is_in_the_catalogue_with_its_rule() -> None:
    """Each ``Message("ID", ...)`` of src/ is a catalogue entry; an id's rule part is a rule."""
    book = Rulebook.default()
    known = {row.rule for row in (*book.checks, *book.statuses, *book.transitions)}
    known |= {row.rule for row in (*book.deadlines, *book.indicators, *book.grades)}
    known |= {row.rule for row in book.maturity} | set(book.setting_rules)
    ids = message_ids()
    missing, unknown_rules = set(), set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and _name(node.func) == "Message" and node.args):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                msgid = first.value
                if msgid not in ids:
                    missing.add(msgid)
                rule = Message(msgid).rule
                if rule is not None and not msgid.startswith("PAYLOAD-") and rule not in known:
                    unknown_rules.add(msgid)
    assert (missing, unknown_rules) == (set(), set())


@pytest.mark.parametrize("cls", sorted(ERRORS - {"MessageError"}))
def test_default_message_of_each_error_class_is_in_the_catalogue(cls: str) -> None:
    """An error raised without a message still reads in both languages."""
    error_class = getattr(sp4n.errors, cls)
    err = error_class()
    assert str(err) == error_class.default_message
    assert err.text("id") != str(err)


def test_error_text_in_both_languages_keeps_rule_and_parameters() -> None:
    """An error renders in Indonesian and English from one message; the rule comes with it."""
    err = DataError(Message("INPUT-FILE.missing", path="laporan.jsonl"))
    assert str(err) == "no such file: laporan.jsonl"
    assert err.text("id") == "berkas tidak ada: laporan.jsonl"
    assert err.rule == "INPUT-FILE"
    assert err.message is not None
    assert dict(err.message.params) == {"path": "laporan.jsonl"}


def test_errors_with_messages_pickle() -> None:
    """Errors cross process boundaries (monev workers) with their message intact."""
    err = ConcurrentUpdate(version=3, rule="STORE-CONCURRENT-UPDATE")
    again = pickle.loads(pickle.dumps(err))
    assert (again.text("id"), again.version, again.rule) == (err.text("id"), 3, err.rule)
