"""Monev on Spark: the same accumulators, counted per partition with ``mapInPandas``.

Each partition of the JSON Lines text counts its reports into a pipeline
(:func:`sp4n.monev.sources.count_lines`: validation, lifecycle check, batch
SLA) and yields the pipeline's plain state; the driver merges the states
(:func:`sp4n.monev.engines.merge_results`). The lines are partitioned by
tracking id: a repeat is then refused within its partition, and an id counted
in two partitions would be refused by the merge (rule INPUT-DUPLICATE).
Needs ``pyspark`` and ``pandas``; without pyspark this script says so and stops.
"""

import importlib.util
import json
import pickle
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas

from sp4n.monev.engines import evaluate, merge_results
from sp4n.monev.render_json import render_json
from sp4n.monev.sources import MonevOptions, count_lines
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
OPTIONS = MonevOptions(now=NOW)


def count_partition(frames: Iterator[pandas.DataFrame]) -> Iterator[pandas.DataFrame]:
    """mapInPandas: the lines of one partition in, one row with its counted state out."""

    def lines() -> Iterator[str]:
        for frame in frames:
            yield from frame["value"]

    result = count_lines(lines(), OPTIONS)
    yield pandas.DataFrame({"result": [pickle.dumps(result)]})


def monev_on_spark(path: Path) -> str:
    """The --json of monev over a JSON Lines file, counted by Spark."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - optional: checked in __main__
    from pyspark.sql.functions import get_json_object  # noqa: PLC0415

    spark = SparkSession.builder.master("local[2]").appName("sp4n-monev").getOrCreate()
    try:
        # Each tracking id in one partition, so count_lines refuses repeats (INPUT-DUPLICATE).
        by_id = get_json_object("value", "$.tracking_id")
        text = spark.read.text(str(path)).repartition(4, by_id)
        rows = text.mapInPandas(count_partition, schema="result binary").collect()
    finally:
        spark.stop()
    outcome = merge_results((pickle.loads(row.result) for row in rows), OPTIONS)
    return render_json(outcome.result)


if __name__ == "__main__":
    if importlib.util.find_spec("pyspark") is None:
        print("pyspark is not installed: the Spark pattern is documented, not run here")
        sys.exit(0)
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder, "reports.jsonl")
        write_jsonl(generate_complaints(300, seed=5, now=NOW), reports)
        spark_json = monev_on_spark(reports)
        local_json = render_json(evaluate([reports], OPTIONS, workers=1).result)
        print(f"Spark and local results identical: {spark_json == local_json}")
        print(json.loads(spark_json)["seen"], "reports")
        assert spark_json == local_json
