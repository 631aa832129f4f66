"""Tests of the competence table loader (sp4n.competence)."""

import csv
import io
from importlib import resources

import pytest

from sp4n.competence import AFFAIR_SEPARATOR, CompetenceTable, Level, competence_table
from sp4n.errors import DataError, JurisdictionError, SP4NError

HEADER = "category,label_id,urusan,sub_urusan,level,central_body,examples,source\n"


def test_default_has_every_row_of_the_csv():
    """The embedded table loads the 80 rows in file order, plus the 9 former rows."""
    data = resources.files("sp4n").joinpath("data")
    rows = list(csv.DictReader(io.StringIO(data.joinpath("competence.csv").read_text("utf-8"))))
    former = data.joinpath("competence_history.csv").read_text("utf-8")
    table = CompetenceTable.default()
    assert len(table) == len(rows) == 80
    assert table.categories == tuple(r["category"] for r in rows)
    assert sum(len(table.history(c)) for c in table.categories) == 80 + 9
    assert len(list(csv.DictReader(io.StringIO(former)))) == 9
    assert competence_table() is table


def test_rows_are_typed_and_frozen():
    """A row has a Level, a tuple of examples, None for empty cells, and cannot be changed."""
    rule = CompetenceTable.default().get("primary_school")
    assert rule.level is Level.REGENCY_CITY
    assert rule.central_body is None
    assert rule.examples[0] == "SD"
    with pytest.raises(AttributeError):
        rule.level = Level.PROVINCE  # type: ignore[misc]


def test_central_rows_name_their_body():
    """Central and SOE rows carry a central body; regional rows do not."""
    for rule in CompetenceTable.default():
        assert (rule.central_body is not None) == rule.level.is_national_body


def test_levels_seen_in_the_table():
    """Every level of the vocabulary is used by some row."""
    table = CompetenceTable.default()
    assert {r.level for r in table} == set(Level)
    assert len(table.by_level(Level.VILLAGE)) == 2


def test_affair_keys_most_specific_first():
    """A row with a sub-affair offers 'urusan > sub_urusan' before the bare urusan."""
    table = CompetenceTable.default()
    assert table.get("disaster_management").affair_keys == (
        f"Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat{AFFAIR_SEPARATOR}Bencana",
        "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
    )
    assert table.get("tax_regional").affair_keys == ("penunjang:Keuangan",)


def test_inferred_flag():
    """Rows marked [inferred] or [ambiguous] in their source are flagged as decisions."""
    table = CompetenceTable.default()
    assert table.get("madrasah").inferred
    assert table.get("village_road").inferred
    assert not table.get("primary_school").inferred


def test_unknown_category_lookup():
    """find() returns None; get() raises a LookupError-family JurisdictionError, like agencies."""
    table = CompetenceTable.default()
    assert table.find("nope") is None
    assert "nope" not in table
    with pytest.raises(JurisdictionError) as info:
        table.get("nope")
    assert isinstance(info.value, LookupError)
    assert info.value.rule == "COMPETENCE-CATEGORY"
    assert info.value.field == "category"


@pytest.mark.parametrize("category", [[], None, 3, {"a": 1}])
def test_non_string_category_lookup(category):
    """A category that is not a string is refused with a DataError by get(), None by find()."""
    table = CompetenceTable.default()
    assert table.find(category) is None
    with pytest.raises(DataError) as info:
        table.get(category)
    assert info.value.field == "category"


@pytest.mark.parametrize(
    ("text", "limit", "field"),
    [("jalan rusak", -1, "limit"), ("jalan rusak", 1.5, "limit"), (None, 5, "text")],
)
def test_suggest_refuses_bad_arguments(text, limit, field):
    """suggest() refuses a negative or non-integer limit and non-text input with a DataError."""
    with pytest.raises(DataError) as info:
        CompetenceTable.default().suggest(text, limit=limit)
    assert isinstance(info.value, ValueError)
    assert info.value.field == field


def test_suggest_limit_zero_and_keywords_compiled_once():
    """limit=0 gives nothing; the keyword matchers are built at load, not per call."""
    table = CompetenceTable.default()
    assert table.suggest("jalan rusak", limit=0) == ()
    before = table._keywords
    table.suggest("jalan berlubang")
    assert table._keywords is before
    assert sum(len(kws) for _, _, kws in before) == sum(len(r.examples) for r in table)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("listrik padam sejak pagi, token listrik hilang", "electricity"),
        ("Sampah menumpuk di TPS dekat pasar", "waste_management"),
        ("antrean paspor di kantor imigrasi", "immigration"),
    ],
)
def test_suggest_by_examples(text, expected):
    """Keyword suggestion ranks the row whose examples occur in the text first."""
    assert CompetenceTable.default().suggest(text)[0].category == expected


def test_suggest_matches_whole_words_only():
    """A keyword inside another word does not match (SD is not in 'SDM')."""
    assert all(r.category != "primary_school" for r in CompetenceTable.default().suggest("SDM"))


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("Bad-Code,x,Pendidikan,,regency_city,,,s\n", "category"),
        ("a,x,Pendidikan,,county,,,s\n", "level"),
        ("a,x,Pendidikan,,central,,,s\n", "central_body"),
        ("a,x,Pendidikan,,province,Kementerian X,,s\n", "central_body"),
        ("a,x,,,province,,,s\n", "urusan"),
    ],
)
def test_invalid_rows_are_refused(row, field):
    """A malformed row raises DataError naming the field and the line."""
    with pytest.raises(DataError, match="line 2") as info:
        CompetenceTable.from_csv(HEADER + row)
    assert info.value.field == field


def test_duplicate_category_and_missing_column():
    """Duplicate categories and missing columns are refused."""
    row = "a,x,Pendidikan,,province,,,s\n"
    with pytest.raises(DataError, match="duplicate"):
        CompetenceTable.from_csv(HEADER + row + row)
    with pytest.raises(DataError, match="columns"):
        CompetenceTable.from_csv("category,level\na,province\n")


def test_from_file(tmp_path):
    """A table loads from a file; a missing file is a DataError."""
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "a,x,Pendidikan,,province,,SMA;SMK,s\n", encoding="utf-8")
    table = CompetenceTable.from_file(path)
    assert table.get("a").examples == ("SMA", "SMK")
    assert repr(table) == "CompetenceTable(1 categories)"
    with pytest.raises(DataError):
        CompetenceTable.from_file(tmp_path / "missing.csv")


def test_from_file_refuses_non_utf8(tmp_path):
    """A file that is not UTF-8 is a DataError, never a bare UnicodeDecodeError."""
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        HEADER.encode() + "a,Jalan ke Café,Pendidikan,,province,,,s\n".encode("latin-1")
    )
    with pytest.raises(SP4NError) as info:
        CompetenceTable.from_file(path)
    assert isinstance(info.value, DataError)
    assert "not UTF-8" in str(info.value)


def test_package_copy_matches_the_spec():
    """The embedded competence.csv is byte-identical to the shared spec copy when present."""
    from pathlib import Path

    spec = Path(__file__).resolve().parents[2] / "shared" / "spec" / "competence.csv"
    if not spec.exists():
        pytest.skip("shared spec not beside the repository")
    packaged = resources.files("sp4n").joinpath("data/competence.csv").read_bytes()
    assert packaged == spec.read_bytes()
