"""The transition table as documentation: a Markdown table and a Mermaid diagram.

Both are generated from the rulebook, never written by hand; the docs page
``docs/explanation/lifecycle.md`` embeds the diagram between markers and a test
checks that the copy is current (``scripts/update_lifecycle_doc.py`` rewrites it).
"""

from __future__ import annotations

from sp4n.rulebook import Rulebook

__all__ = ["DOC_BEGIN", "DOC_END", "mermaid", "state_table", "update_doc"]

DOC_BEGIN = "<!-- BEGIN GENERATED: sp4n lifecycle --mermaid -->"
DOC_END = "<!-- END GENERATED: sp4n lifecycle --mermaid -->"


def mermaid(rulebook: Rulebook | None = None) -> str:
    """A Mermaid ``stateDiagram-v2`` of the transition table (switched-off rows marked).

    >>> print(mermaid().splitlines()[1])
        [*] --> SUBMITTED: submit
    """
    book = rulebook or Rulebook.default()
    lines = ["stateDiagram-v2"]
    edges: dict[tuple[str, str], list[str]] = {}
    for row in book.transitions:
        label = str(row.event) + ("" if book.is_enabled(row) else " (off)")
        for source in row.from_statuses or ("[*]",):
            labels = edges.setdefault((str(source), str(row.to)), [])
            if label not in labels:
                labels.append(label)
    lines.extend(f"    {a} --> {b}: {', '.join(labels)}" for (a, b), labels in edges.items())
    lines.extend(f"    {s.status} --> [*]" for s in book.statuses if s.final)
    return "\n".join(lines) + "\n"


def state_table(rulebook: Rulebook | None = None) -> str:
    """The transition table as Markdown: rule, event, from, to, actors (role: scope).

    >>> print(state_table().splitlines()[0])
    | Rule | Event | From | To | Actors (role: scope) | On |
    """
    book = rulebook or Rulebook.default()
    lines = [
        "| Rule | Event | From | To | Actors (role: scope) | On |",
        "|---|---|---|---|---|---|",
    ]
    for row in book.transitions:
        sources = ", ".join(str(s) for s in row.from_statuses) or "—"
        if row.entered_from:
            sources += f" (entered from {', '.join(str(s) for s in row.entered_from)})"
        actors = ", ".join(f"{role}: {scope}" for role, scope in row.actors.items())
        on = "yes" if book.is_enabled(row) else f"no ({row.enabled_by})"
        lines.append(f"| {row.rule} | {row.event} | {sources} | {row.to} | {actors} | {on} |")
    return "\n".join(lines) + "\n"


def update_doc(text: str, rulebook: Rulebook | None = None) -> str:
    """``text`` with the block between the generated-diagram markers replaced.

    Raises:
        ValueError: the markers are missing or out of order.
    """
    start = text.find(DOC_BEGIN)
    end = text.find(DOC_END)
    if start < 0 or end < start:
        msg = f"markers {DOC_BEGIN!r} … {DOC_END!r} not found"
        raise ValueError(msg)
    block = f"{DOC_BEGIN}\n```mermaid\n{mermaid(rulebook)}```\n"
    return text[:start] + block + text[end:]
