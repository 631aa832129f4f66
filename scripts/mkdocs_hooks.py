"""MkDocs hook: how sp4n's docstrings and pages read on the site (issue #12).

Two Markdown rewrites, for the pages and for every docstring mkdocstrings
renders (they share the Markdown extensions):

- a reference to a section of the standard (``standard.md §6``, ``standard §7``
  or a bare ``§4``) becomes a link to the docs page that explains it (the
  ``SECTIONS`` table; each page carries the anchor ``standard-N``); a section
  of another document (``RFC 9110 §12.5.4``) is left alone;
- a doctest in running text (``>>> ...`` lines, then the expected output up to
  a blank line) becomes a ``pycon`` code block, so it reads as code and its
  brackets are not taken for Markdown links.

Code blocks and inline code are left as they are. ``tests/test_docs_site.py``
checks the table against the pages and the rewrites on examples.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

# Section of spec/standard.md -> (docs page, what it is about). The page holds the
# anchor `standard-N` ([](){#standard-N} before the heading that explains the section).
SECTIONS: dict[int, tuple[str, str]] = {
    1: ("explanation/standard.md", "Legal basis"),
    2: ("explanation/standard.md", "Actors (roles)"),
    3: ("explanation/standard.md", "The report"),
    4: ("explanation/lifecycle.md", "Lifecycle"),
    5: ("explanation/working-days.md", "Deadlines (SLA)"),
    6: ("explanation/jurisdiction.md", "Hierarchy and jurisdiction"),
    7: ("explanation/indicators.md", "Evaluation (monev) indicators"),
    8: ("explanation/privacy.md", "Privacy and security"),
}

_FENCE = re.compile(r"^\s*(```|~~~)")
# Left as they are: inline code, and links already written ([text](url), [text][id]).
_PROTECTED = re.compile(r"(`+)(?:(?!\1).)+?\1|\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])")
# "standard.md §6", "standard §7", "`standard.md` §3", or a bare "§4" that does not
# follow a number (so "RFC 9110 §12.5.4" stays); not already inside a link.
_SECTION = re.compile(
    r"(?<![\[\w§])(?P<text>(?:`?standard(?:\.md)?`? )?§(?P<n>\d+)(?:\.\d+)*)(?![\w\]])"
)
_BARE_AFTER_NUMBER = re.compile(r"(?:^|\s)[\w/.-]*\d[\w/.-]*\s+$")  # "RFC 9110 §12", "ISO 10002 §7"


def anchor(section: int) -> str:
    """The autorefs anchor of a section of the standard."""
    return f"standard-{section}"


def link_sections(line: str) -> str:
    """Link each reference to a section of the standard in one line of Markdown (not code)."""
    parts = []
    last = 0
    for span in _PROTECTED.finditer(line):
        parts.append(_link_text(line[last : span.start()]))
        parts.append(span.group(0))
        last = span.end()
    parts.append(_link_text(line[last:]))
    return "".join(parts)


def _link_text(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        section = int(match.group("n"))
        words = match.group("text")
        bare = words.startswith("§")
        if section not in SECTIONS or (bare and _BARE_AFTER_NUMBER.search(text[: match.start()])):
            return words
        return f"[{words}][{anchor(section)}]"

    return _SECTION.sub(replace, text)


def fence_doctests(lines: list[str]) -> list[str]:
    """Wrap each run of doctest lines outside code blocks in a ``pycon`` fence."""
    out: list[str] = []
    in_fence = False
    in_doctest: str | None = None  # the indent of the doctest being fenced
    for line in lines:
        if in_doctest is not None:
            if line.strip():
                out.append(line)
                continue
            out.append(f"{in_doctest}```")
            in_doctest = None
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.lstrip().startswith(">>>"):
            in_doctest = line[: len(line) - len(line.lstrip())]
            if out and out[-1].strip():
                out.append("")
            out.append(f"{in_doctest}```pycon")
        out.append(line)
    if in_doctest is not None:
        out.append(f"{in_doctest}```")
    return out


class _Rewrite(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        fenced = fence_doctests(lines)
        out = []
        in_fence = False
        for line in fenced:
            if _FENCE.match(line):
                in_fence = not in_fence
                out.append(line)
            else:
                out.append(line if in_fence else link_sections(line))
        return out


class StandardLinks(Extension):
    """Markdown extension: sections of the standard as links, doctests as code."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # Before the fenced-code stash (superfences, priority 25 and up).
        md.preprocessors.register(_Rewrite(md), "sp4n_standard_links", 40)


@event_priority(100)  # before mkdocstrings reads the Markdown extensions
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(StandardLinks())
    return config
