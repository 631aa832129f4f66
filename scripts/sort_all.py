"""Sort the __all__ list of src/sp4n/__init__.py in place (case-sensitive, as the test expects)."""

import re
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "src" / "sp4n" / "__init__.py"


def main() -> None:
    text = PATH.read_text("utf-8")
    match = re.search(r"__all__ = \[\n(.*?)\n\]", text, re.S)
    assert match, "no __all__ list"
    names = sorted({n.strip().strip('",') for n in match.group(1).splitlines() if n.strip()})
    body = "\n".join(f'    "{n}",' for n in names)
    PATH.write_text(text[: match.start(1)] + body + text[match.end(1) :], "utf-8")


if __name__ == "__main__":
    main()
