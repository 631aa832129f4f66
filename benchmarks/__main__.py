"""Run every benchmark script: `python -m benchmarks [--quick]` (what `make bench` calls).

Each benchmark prints its own ratios against a baseline measured in the same run.
"""

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    )
    for name in names:
        module = importlib.import_module(f"benchmarks.{name}")
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        module.main(["--quick"] if quick else [])
        print(f"({time.perf_counter() - start:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
