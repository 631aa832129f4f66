"""Tests of the ``route`` and ``agencies`` sub-commands (called through their own parser)."""

import argparse
import json

import pytest

from sp4n.cli import agencies, route
from sp4n.errors import DataError


def _run(argv):
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    route.register(sub)
    agencies.register(sub)
    args = parser.parse_args(argv)
    return args.handler(args)


def test_route_prints_agency_and_reason(capsys):
    """`sp4n route` prints the competent agency, unit, reason and fallback chain."""
    assert _run(["route", "--category", "regency_road", "--region", "16.07"]) == 0
    out = capsys.readouterr().out
    assert "Pemerintah Kabupaten Banyuasin (kab-16.07)" in out
    assert "kab-16.07.dinas-pupr → kab-16.07 → prov-16 → nasional" in out
    assert "regency_city" in out


def test_route_json_with_target(capsys):
    """`--json` prints the resolution as data, with the misaddressed flag and reason."""
    argv = ["route", "--category", "electricity", "--region", "61.71", "--target", "kab-16.07"]
    assert _run([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["agency"] == "pln"
    assert data["misaddressed"] is True
    assert data["reason"].startswith("Misaddressed: Pemerintah Kabupaten Banyuasin")


def test_route_unknown_category_is_not_an_error(capsys):
    """An unknown category still resolves (to the national operator) and exits 0."""
    assert _run(["route", "--category", "ufo", "--region", "16.07", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["agency"] == "nasional"


def test_route_bad_region_is_unusable_input():
    """A malformed region code raises DataError (the CLI main turns it into exit 2)."""
    with pytest.raises(DataError) as info:
        _run(["route", "--category", "regency_road", "--region", "16-07"])
    assert info.value.rule == "REGION-CODE"


def test_route_with_own_hierarchy(tmp_path, capsys):
    """`--agencies FILE` resolves against an own hierarchy; a missing file is a DataError."""
    path = tmp_path / "own.csv"
    path.write_text(
        "id,name,kind,region_code,parent_id\nop,Operator,NATIONAL,,\n"
        "p61,Pemprov Kalbar,PROVINCE,61,op\n",
        encoding="utf-8",
    )
    argv = ["route", "--category", "regency_road", "--region", "61.71", "--json"]
    assert _run([*argv, "--agencies", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["agency"] == "p61"
    with pytest.raises(DataError):
        _run([*argv, "--agencies", str(tmp_path / "missing.json")])


def test_agencies_search(capsys):
    """`sp4n agencies` filters by name, kind (any case) and region."""
    assert _run(["agencies", "--name", "kabupaten banyuasin", "--kind", "regency"]) == 0
    out = capsys.readouterr().out
    assert "kab-16.07" in out
    assert "Agencies (1)" in out
    assert _run(["agencies", "--kind", "CITY", "--region", "61"]) == 0
    assert "kota-61.71" in capsys.readouterr().out


def test_agencies_limit_and_bad_region(capsys):
    """The listing is cut at --limit with the total shown; a bad region is a DataError."""
    assert _run(["agencies", "--kind", "PROVINCE", "--limit", "3"]) == 0
    assert "Agencies (3 of 38)" in capsys.readouterr().out
    with pytest.raises(DataError):
        _run(["agencies", "--region", "x"])
