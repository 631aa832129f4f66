"""The tutorial "Store reports in PostgreSQL" runs: its Python blocks in page order, per backend."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).parents[2] / "docs" / "tutorials" / "store-postgresql.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_tutorial_store_postgresql_runs_in_page_order(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every Python block of the tutorial runs, in one namespace, on SQLite and PostgreSQL."""
    blocks = BLOCK.findall(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "SP4N_DATABASE_URL", db_url)
    namespace: dict[str, object] = {"__name__": "tutorial"}
    for number, block in enumerate(blocks, start=1):
        exec(compile(block, f"{TUTORIAL.name} block {number}", "exec"), namespace)
    out = capsys.readouterr().out
    assert "STORE-CONCURRENT-UPDATE now at version 4" in out
    assert "60 imported, 0 already there" in out
    assert "intact" in out
