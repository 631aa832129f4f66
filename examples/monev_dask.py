"""Monev on a Dask cluster: the same parts as the local engine, merged on the client.

Writes a small sample as JSON Lines and as Parquet (``sp4n convert``), then
evaluates it with the local engine and with Dask. Give ``SP4N_DASK_SCHEDULER``
(e.g. ``tcp://scheduler:8786``) to use an existing cluster; without it a
``LocalCluster`` of two worker processes is started. The workers must see the
files at the same paths. Needs ``pip install 'sp4n[dask]'``.
"""

import os
import tempfile
from datetime import datetime
from pathlib import Path

from sp4n.monev.engines import evaluate
from sp4n.monev.parquet import convert
from sp4n.monev.render_json import render_json
from sp4n.monev.sources import MonevOptions
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.workdays import WIB

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)


def main() -> None:
    """Evaluate a small sample locally and on Dask; the results are identical."""
    with tempfile.TemporaryDirectory() as folder:
        reports = Path(folder, "reports.jsonl")
        write_jsonl(generate_complaints(300, seed=5, now=NOW), reports)
        convert([reports], Path(folder, "reports.parquet"))  # validated once, trusted later

        options = MonevOptions(now=NOW)  # scope, period, rank_cutoff, min_count as on the CLI
        local = evaluate([Path(folder, "reports.parquet")], options, workers=1)
        on_dask = evaluate(
            [Path(folder, "reports.parquet")],
            options,
            engine="dask",
            scheduler=os.environ.get("SP4N_DASK_SCHEDULER"),  # None: a LocalCluster
            workers=2,
        )
        same = render_json(on_dask.result) == render_json(local.result)
        print(f"{on_dask.result.seen} reports; Dask and local results identical: {same}")
        assert same


if __name__ == "__main__":  # worker processes are spawned: they import this module
    main()
