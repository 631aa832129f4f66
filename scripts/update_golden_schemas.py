"""Regenerate tests/golden/*.schema.json from the models. Review the diff before committing.

Run: make schemas   (or .venv/bin/python scripts/update_golden_schemas.py)
"""

from pathlib import Path

from sp4n.schema import MODELS, json_schema_text

GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden"


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in sorted(MODELS):
        path = GOLDEN / f"{name}.schema.json"
        path.write_text(json_schema_text(name), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
