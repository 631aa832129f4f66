"""The documented Spark pattern (mapInPandas over the accumulators), run only where pyspark is."""

from datetime import datetime
from pathlib import Path

import pytest

from sp4n.monev.engines import evaluate
from sp4n.monev.render_json import render_json
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.workdays import WIB

pytest.importorskip("pyspark")


def test_monev_spark_map_in_pandas_equals_local(tmp_path: Path) -> None:
    """Partitions counted by Spark and merged on the driver equal the local run."""
    import importlib.util
    import sys

    examples = Path(__file__).parents[1] / "examples" / "monev_spark.py"
    spec = importlib.util.spec_from_file_location("monev_spark", examples)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["monev_spark"] = module
    spec.loader.exec_module(module)
    now = datetime(2025, 1, 14, 12, tzinfo=WIB)
    reports = tmp_path / "reports.jsonl"
    write_jsonl(generate_complaints(200, seed=5, now=now), reports)
    local = render_json(evaluate([reports], module.OPTIONS, workers=1).result)
    assert module.monev_on_spark(reports) == local
