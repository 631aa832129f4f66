"""Regenerate (or check) the package's region and competence data from the shared sources.

Region data: the CSVs of ``shared/data/regions`` are verified against the sha256
sums listed in its ``SOURCE.md`` (a file whose sum differs is refused), then
``provinces.csv``, ``regencies.csv``, ``regency_code_changes.csv``,
``districts.csv`` and ``SOURCE.md`` are copied to ``src/sp4n/data/regions/``
(``districts.csv`` also to ``benchmarks/data/``), with sp4n's amendments of
issue #10 applied: the official names of :data:`NAME_CORRECTIONS`, the former
Kalimantan Timur codes of :data:`EXTRA_CODE_CHANGES`, and the section of the
package ``SOURCE.md`` that records them (kept from the package copy).

Competence data: ``shared/spec/competence.csv`` is loaded with
``sp4n.competence.CompetenceTable`` (so a malformed row stops the run), every
``central_body`` (and every one of the package's ``competence_history.csv``)
must be a row of ``src/sp4n/data/agencies/central_bodies.csv``, then
``competence.csv`` and ``competence.md`` are copied to ``src/sp4n/data/``.

Usage::

    .venv/bin/python scripts/update_regions.py            # verify, then copy what changed
    .venv/bin/python scripts/update_regions.py --check    # verify only; exit 1 if stale

Exit codes: 0 up to date (or updated), 1 a package copy is stale (``--check``)
or a source failed its checks, 2 a source folder is missing.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import re
import sys
from pathlib import Path

from sp4n.competence import CompetenceTable
from sp4n.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PACKAGE_DATA = ROOT / "src" / "sp4n" / "data"
SUM_ROW = re.compile(r"^\|\s*`(?P<file>[\w.]+\.csv)`\s*\|.*\|\s*`(?P<sha>[0-9a-f]{64})`\s*\|\s*$")

REGION_TARGETS = {
    "provinces.csv": PACKAGE_DATA / "regions" / "provinces.csv",
    "regencies.csv": PACKAGE_DATA / "regions" / "regencies.csv",
    "regency_code_changes.csv": PACKAGE_DATA / "regions" / "regency_code_changes.csv",
    "SOURCE.md": PACKAGE_DATA / "regions" / "SOURCE.md",
    "districts.csv": PACKAGE_DATA / "regions" / "districts.csv",
}
EXTRA_TARGETS = {"districts.csv": ROOT / "benchmarks" / "data" / "districts.csv"}

NAME_CORRECTIONS = {
    "62.71": "Kota Palangka Raya",
    "92.03": "Kabupaten Fakfak",
    "71.09": "Kabupaten Kepulauan Siau Tagulandang Biaro",
}
"""Official spellings replacing the snapshot's (package SOURCE.md, "Names corrected")."""

EXTRA_CODE_CHANGES = (
    ("64.04", "65.01", "Kabupaten Bulungan", "65", "UU 20/2012"),
    ("64.05", "65.03", "Kabupaten Nunukan", "65", "UU 20/2012"),
    ("64.06", "65.02", "Kabupaten Malinau", "65", "UU 20/2012"),
    ("64.10", "65.04", "Kabupaten Tana Tidung", "65", "UU 20/2012"),
    ("64.73", "65.71", "Kota Tarakan", "65", "UU 20/2012"),
)
"""Former Kalimantan Timur codes of Kalimantan Utara (package SOURCE.md, UU 20/2012)."""

AMENDMENTS_MARKER = "\n## Changes made by sp4n to the shared snapshot"
COMPETENCE_TARGETS = {
    "competence.csv": PACKAGE_DATA / "competence.csv",
    "competence.md": PACKAGE_DATA / "competence.md",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def listed_sums(source_md: str) -> dict[str, str]:
    """File name → sha256, from the table of SOURCE.md."""
    return {
        m["file"]: m["sha"] for line in source_md.splitlines() if (m := SUM_ROW.match(line.strip()))
    }


def verify_regions(source: Path) -> list[str]:
    """Problems with the region sources (empty when every listed sum matches)."""
    sums = listed_sums((source / "SOURCE.md").read_text(encoding="utf-8"))
    problems = [
        f"SOURCE.md lists no sha256 for {name}"
        for name in REGION_TARGETS
        if name.endswith(".csv") and name not in sums
    ]
    for name, expected in sorted(sums.items()):
        path = source / name
        if not path.exists():
            problems.append(f"{name}: listed in SOURCE.md but missing")
            continue
        actual = sha256(path.read_bytes())
        status = "ok" if actual == expected else f"MISMATCH (file {actual})"
        print(f"  {name}: sha256 {expected[:12]}… {status}")
        if actual != expected:
            problems.append(f"{name}: sha256 differs from SOURCE.md")
    problems.extend(_check_region_tree(source))
    return problems


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _check_region_tree(source: Path) -> list[str]:
    provinces = {r["code"] for r in _rows(source / "provinces.csv")}
    regencies = _rows(source / "regencies.csv")
    problems = [
        f"regency {r['code']} has unknown province {r['province_code']}"
        for r in regencies
        if r["province_code"] not in provinces
    ]
    problems += [
        f"regency {r['code']} has kind {r['kind']!r}"
        for r in regencies
        if r["kind"] not in {"kabupaten", "kota"}
    ]
    codes = {r["code"] for r in regencies}
    districts = source / "districts.csv"
    if districts.exists():
        problems += [
            f"district {r['code']} has unknown regency {r['regency_code']}"
            for r in _rows(districts)
            if r["regency_code"] not in codes
        ]
    print(f"  {len(provinces)} provinces, {len(regencies)} regencies/cities")
    return problems


def verify_competence(spec: Path) -> list[str]:
    """Problems with the competence table (it must load and name only known central bodies)."""
    path = spec / "competence.csv"
    try:
        table = CompetenceTable.from_file(path)
    except DataError as exc:
        return [f"competence.csv: {exc}"]
    bodies = {r["name"] for r in _rows(PACKAGE_DATA / "agencies" / "central_bodies.csv")}
    history = CompetenceTable.from_file(PACKAGE_DATA / "competence_history.csv")
    unknown = sorted(set(history.categories) - set(table.categories))
    if unknown:
        return [f"competence_history.csv: categories not in the spec: {unknown}"]
    missing = sorted((table.central_bodies() | history.central_bodies()) - bodies)
    print(f"  competence.csv: {len(table)} rows, sha256 {sha256(path.read_bytes())[:12]}…")
    return [f"central body {name!r} has no row in central_bodies.csv" for name in missing]


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def amended(name: str, data: bytes, target: Path) -> bytes:
    """The package copy of a shared file: the file with sp4n's amendments applied."""
    if name == "regencies.csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        for row in rows[1:]:
            row[2] = NAME_CORRECTIONS.get(row[0], row[2])
        return _csv_bytes(rows[0], rows[1:])
    if name == "regency_code_changes.csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        extra = [list(r) for r in EXTRA_CODE_CHANGES if r[0] not in {x[0] for x in rows}]
        return _csv_bytes(rows[0], sorted(rows[1:] + extra))
    if name == "SOURCE.md" and target.exists():
        mine = target.read_text(encoding="utf-8")
        at = mine.find(AMENDMENTS_MARKER)
        if at >= 0:
            return (data.decode("utf-8").rstrip("\n") + "\n" + mine[at:]).encode("utf-8")
    return data


def sync(pairs: dict[str, Path], source: Path, *, check: bool) -> list[str]:
    """Copy (or, with ``check``, compare) each source file to its package target."""
    stale = []
    for name, target in pairs.items():
        data = amended(name, (source / name).read_bytes(), target)
        if target.exists() and target.read_bytes() == data:
            print(f"  {target.relative_to(ROOT)}: up to date")
            continue
        stale.append(str(target.relative_to(ROOT)))
        if check:
            print(f"  {target.relative_to(ROOT)}: STALE")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            print(f"  {target.relative_to(ROOT)}: updated")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SHARED / "data" / "regions")
    parser.add_argument("--spec", type=Path, default=SHARED / "spec")
    parser.add_argument("--check", action="store_true", help="verify only, change nothing")
    args = parser.parse_args(argv)
    for folder in (args.source, args.spec):
        if not folder.is_dir():
            print(f"source folder not found: {folder}", file=sys.stderr)
            return 2
    print(f"regions from {args.source}")
    problems = verify_regions(args.source)
    print(f"competence from {args.spec}")
    problems += verify_competence(args.spec)
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    print("package copies")
    stale = sync(REGION_TARGETS, args.source, check=args.check)
    stale += sync(EXTRA_TARGETS, args.source, check=args.check)
    stale += sync(COMPETENCE_TARGETS, args.spec, check=args.check)
    if args.check and stale:
        print(f"{len(stale)} stale file(s): run without --check to update", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
