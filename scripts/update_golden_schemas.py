"""Regenerate tests/golden/*.schema.json and the published docs/schema/<version>/ copies.

Review the diff before committing. A published version is never rewritten by hand: a
changed schema ships with a new sp4n version, whose folder this script adds (ADR 0003).

Run: make schemas   (or .venv/bin/python scripts/update_golden_schemas.py)
"""

from pathlib import Path

from sp4n.schema import MODELS, json_schema_text, write_schemas

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
PUBLISHED = ROOT / "docs" / "schema"


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name in sorted(MODELS):
        path = GOLDEN / f"{name}.schema.json"
        path.write_text(json_schema_text(name), encoding="utf-8")
        print(f"wrote {path}")
    for path in write_schemas(PUBLISHED):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
