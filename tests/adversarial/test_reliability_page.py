"""The Reliability page names only tests that exist, and every adversarial test module (#11)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
PAGE = ROOT / "docs" / "explanation" / "reliability.md"
REFERENCE = re.compile(r"`(tests/adversarial/[\w/]+\.py)::(\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {
        n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")
    }


def test_every_promise_names_an_existing_test() -> None:
    """Each `file::test` on the page is a test function of that file."""
    references = REFERENCE.findall(PAGE.read_text("utf-8"))
    assert len(references) > 30
    missing = [f"{f}::{t}" for f, t in references if t not in _tests_in(ROOT / f)]
    assert missing == []


def test_every_adversarial_module_backs_a_promise() -> None:
    """Each test module of the suite is cited on the page (no orphan attack)."""
    cited = {f for f, _ in REFERENCE.findall(PAGE.read_text("utf-8"))}
    modules = {
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests" / "adversarial").glob("test_*.py")
        if p.name != "test_reliability_page.py"
    }
    assert modules <= cited
