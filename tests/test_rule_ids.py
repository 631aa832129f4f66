"""Every rule id the code raises or reports is a row of the rulebook, with a source.

STYLE: the same rule id appears in the data row, the error's `rule` and the test
name. This scan keeps the code honest: a new rule id needs a rulebook row.
"""

import re
from pathlib import Path

from sp4n.rulebook import Rulebook

SRC = Path(__file__).parents[1] / "src" / "sp4n"
PATTERNS = (
    re.compile(r"\brule=\"([A-Z][A-Z0-9-]*[A-Z0-9])\""),
    re.compile(r"_(?:fail|rule_error)\(\s*\"([A-Z][A-Z0-9-]*[A-Z0-9])\""),
    re.compile(r"_RuleError\(\s*\"([A-Z][A-Z0-9-]*[A-Z0-9])\""),
    re.compile(r"\"sp4n\.([A-Z][A-Z0-9-]*[A-Z0-9])\""),
    re.compile(r"_RULE\w*: Final = \"([A-Z][A-Z0-9-]*[A-Z0-9])\""),
    # any quoted literal with a known rule prefix, e.g. "PRIV-CONFIDENTIAL"
    re.compile(
        r"\"((?:PRIV|AUDIT|LC|HISTORY|CAL|SLA|ROUTE|ID|IND|RANK|GRADE|SPBE|ESC|INPUT|REGION"
        r"|COMPETENCE|AGENCY|ACTOR|TRACKING|TIMESTAMP|REPORT|REPORTER|INCIDENT|FILING|ST)"
        r"(?:-[A-Z0-9]+)+)\""
    ),
)


def rule_ids_in_code() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), set()).add(str(path.relative_to(SRC)))
    return found


def test_scan_finds_rule_ids() -> None:
    """The scan itself works: it finds ids known to be raised (guards against a silent no-op)."""
    found = rule_ids_in_code()
    assert {"ID-NIK-REGION", "REPORTER-CONTACT", "TIMESTAMP-AWARE"} <= set(found)


def test_every_rule_id_in_code_is_in_the_rulebook() -> None:
    """Each rule id used in src/ resolves to a rulebook row with a known source."""
    book = Rulebook.default()
    known = {row.rule for row in (*book.checks, *book.statuses, *book.transitions)}
    known |= {row.rule for row in (*book.deadlines, *book.indicators, *book.grades)}
    known |= {row.rule for row in book.maturity} | set(book.setting_rules)
    missing = {
        rule: sorted(paths) for rule, paths in rule_ids_in_code().items() if rule not in known
    }
    assert missing == {}
