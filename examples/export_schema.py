"""Write the JSON Schemas of the payloads for an app in another language.

Run: python examples/export_schema.py [OUTPUT_DIR]
"""

import sys
import tempfile
from pathlib import Path

from sp4n.schema import MODELS, json_schema_text

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
for name in sorted(MODELS):
    path = out / f"{name}.schema.json"
    path.write_text(json_schema_text(name), encoding="utf-8")
    print("wrote", path)
