"""Every Python block of the tutorials and how-to guides runs as written (issue #12).

Checked with pytest-examples: the blocks of a page run in page order in one
namespace (each page starts from its own setup block, in a fresh temporary
directory), and each `print` is compared with the `#>` lines that follow it,
so what a page shows as output is what it prints. `pytest --update-examples
tests/test_docs_examples.py` rewrites those lines from a run (review the diff).

A block that cannot run here (a Dask cluster address, a PostgreSQL server, a
Spark session) is fenced as ``` {.python data-skip="why"} ```: the reason is
required, and the test reports the skipped blocks of each page.
"""

from pathlib import Path
from typing import Any

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

ROOT = Path(__file__).parents[1]
PAGES = sorted(
    path.relative_to(ROOT).as_posix()
    for folder in ("docs/tutorials", "docs/how-to")
    for path in (ROOT / folder).glob("*.md")
)


def _blocks(page: str) -> list[CodeExample]:
    return list(find_examples(ROOT / page))


def _skip_reason(example: CodeExample) -> str | None:
    settings = example.prefix_settings()
    if "data-skip" in settings:
        reason = settings["data-skip"].strip()
        assert reason, f"{example}: data-skip needs a reason"
        return reason
    return None


def test_the_pages_have_python_blocks() -> None:
    """The collector finds the pages and their blocks (so the check cannot pass empty)."""
    assert len(PAGES) >= 15
    assert sum(len(_blocks(page)) for page in PAGES) >= 60


def _line_of(exc: BaseException, example: CodeExample) -> int:
    """The page line the error was raised at (pytest-examples keeps the page's numbering)."""
    line = example.start_line
    tb = exc.__traceback__
    while tb is not None:  # walked by hand: traceback.extract_tb trips on the example's frames
        if tb.tb_frame.f_code.co_filename.endswith(".py") and "pytest_examples" not in (
            tb.tb_frame.f_code.co_filename
        ):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _run(eval_example: EvalExample, example: CodeExample, namespace: dict[str, Any]) -> Any:
    """Run one block; a failure is reported with its page line, without the example's frames."""
    try:
        if eval_example.update_examples:
            return eval_example.run_print_update(example, module_globals=namespace)
        return eval_example.run_print_check(example, module_globals=namespace)
    except pytest.fail.Exception as exc:
        message = f"{example}: {exc.msg}"
    except Exception as exc:  # any error of the page's code is the failure
        where = f"{example.path.relative_to(ROOT)}:{_line_of(exc, example)}"
        message = f"{where}: {type(exc).__name__}: {exc}"
    # Outside the handler, so the report does not chain the example's frames, which
    # Python 3.11's traceback module cannot walk (pytest would stop with INTERNALERROR).
    pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_as_written(
    page: str, eval_example: EvalExample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's Python blocks run in order and print what the page shows."""
    # Outputs up to 120 characters stay `#>` lines (longer ones become a quoted block,
    # which pytest-examples 0.0.18 duplicates when one line prints several of them).
    eval_example.set_config(line_length=120)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SP4N_DATABASE_URL", raising=False)  # the store tutorial: SQLite here
    namespace: dict[str, Any] = {}
    skipped = []
    for example in _blocks(page):
        reason = _skip_reason(example)
        if reason is not None:
            skipped.append(f"line {example.start_line}: {reason}")
            continue
        result = _run(eval_example, example, namespace)
        namespace = {k: v for k, v in result.items() if not k.startswith("__")}
    if skipped:
        print(f"{page}: not run here: " + "; ".join(skipped))  # shown with -rA
