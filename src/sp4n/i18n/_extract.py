"""Babel extraction methods for the texts that are data, not calls: rulebook and vocabulary.

``babel.cfg`` maps ``src/sp4n/data/rulebook.json`` and ``src/sp4n/vocabulary.py``
to these functions, so ``pybabel extract`` (or ``scripts/update_messages.py``)
builds the whole template: ``declare(...)`` calls from the Python sources, the
statement of every rule of the rulebook ``checks`` table as ``rule.<RULE>``, and
every vocabulary label as ``label.<Vocabulary>.<MEMBER>``. Each yields Babel's
``(lineno, keyword, (context, english), comments)`` with keyword ``declare``.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Final

__all__ = ["extract_rulebook", "extract_vocabulary"]

Extracted = tuple[int, str, tuple[str, str], list[str]]

KEYWORD: Final = "declare"


def extract_rulebook(
    fileobj: IO[bytes],
    keywords: Mapping[str, object],
    comment_tags: Sequence[str],
    options: Mapping[str, object],
) -> Iterator[Extracted]:
    """The statement of each rule of the ``checks`` table: ``rule.<RULE>`` = its description."""
    del keywords, comment_tags, options
    book = json.loads(fileobj.read().decode("utf-8"))
    for row in book["checks"]:
        yield 0, KEYWORD, (f"rule.{row['rule']}", row["description"]), [f"source: {row['source']}"]


def extract_vocabulary(
    fileobj: IO[bytes],
    keywords: Mapping[str, object],
    comment_tags: Sequence[str],
    options: Mapping[str, object],
) -> Iterator[Extracted]:
    """Each ``Member: ("Indonesian", "English")`` row of ``_LABELS`` in ``vocabulary.py``.

    The English label is the message; the Indonesian one is given to the
    translator as a comment (the tests check the catalogue agrees with it).
    """
    del keywords, comment_tags, options
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            texts = _strings(value)
            if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and texts:
                indonesian, english = texts
                msgid = f"label.{key.value.id}.{key.attr}"
                yield key.lineno, KEYWORD, (msgid, english), [f"vocabulary.py: {indonesian}"]


def _strings(node: ast.expr) -> tuple[str, str] | None:
    """``("Indonesian", "English")`` when ``node`` is a tuple of two string literals."""
    if not isinstance(node, ast.Tuple) or len(node.elts) != 2:
        return None
    texts = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return (texts[0], texts[1]) if len(texts) == 2 else None
