"""Write the JSON Schemas of the payloads for an app in another language.

The files land in OUTPUT_DIR/<version>/<model>.schema.json, the layout of their $id.

Run: python examples/export_schema.py [OUTPUT_DIR]
"""

import sys
import tempfile
from pathlib import Path

from sp4n.schema import write_schemas

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
for path in write_schemas(out):
    print("wrote", path)
