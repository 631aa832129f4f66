"""Monev at scale: every input and engine gives the same --json; the fast paths match their oracles.

The data has every status, holds, not-competent declarations and redispatches.
The streaming pipeline (:meth:`MonevPipeline.add`, scalar SLA engine, one report
at a time) is the oracle of the columnar path (:meth:`MonevPipeline.add_all`,
Parquet columns, merged parts), and :func:`sp4n.lifecycle.check_history` is
the oracle of the single pass's lifecycle verdict.
"""

import argparse
import gzip
import io
import itertools
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n._types import generate_tracking_id
from sp4n.cli import build_parser, main
from sp4n.errors import SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.lifecycle import check_history
from sp4n.models import Complaint
from sp4n.monev import MonevPipeline
from sp4n.monev import sources as monev_sources
from sp4n.monev.engines import Merger, evaluate, merge
from sp4n.monev.parquet import METADATA_KEY, file_claim
from sp4n.monev.render_json import render_json
from sp4n.monev.sources import MonevOptions, _lines, plan_parts, run_part
from sp4n.sample import generate_complaints, write_jsonl
from sp4n.scoring import Period
from sp4n.testing.complaints import TREE, complaints
from sp4n.vocabulary import EventKind, Role, Stage, Status
from sp4n.workdays import WIB, WorkingCalendar

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
NOW_ARG = NOW.isoformat()


@pytest.fixture(scope="module")
def reports() -> list[Complaint]:
    """Settled reports of 2024 and reports still in flight mid-2024 (every status)."""
    settled = list(generate_complaints(260, seed=11, now=NOW))
    midyear = datetime(2024, 7, 2, 12, tzinfo=WIB)
    flying = generate_complaints(
        200, seed=12, end=midyear.date(), now=midyear, first_serial=2_000_000
    )
    cut = []  # cut right after a not-competent declaration or a hold: waiting reports
    waits = {EventKind.DECLARE_NOT_COMPETENT: Status.NOT_COMPETENT, EventKind.HOLD: Status.ON_HOLD}
    for serial, c in enumerate(c for c in settled if c.status is not Status.DELETED):
        kinds = [e.event_kind for e in c.history]
        for kind, status in waits.items():
            if kind in kinds and sum(r.status is status for r in cut) < 6:
                end = kinds.index(kind) + 1
                data = {**dict(c), "history": c.history[:end], "status": status}
                data["tracking_id"] = generate_tracking_id(3_000_000 + 10 * serial + len(cut))
                cut.append(Complaint.model_validate(data))
                break
    found = settled + list(flying) + cut
    assert {c.status for c in found} == set(Status)
    kinds = {e.event_kind for c in found for e in c.history}
    assert {EventKind.HOLD, EventKind.REDISPATCH, EventKind.DECLARE_NOT_COMPETENT} <= kinds
    return found


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory, reports: list[Complaint]) -> Path:
    """big.jsonl, a gzip copy, and big.parquet written by `sp4n convert`."""
    folder = tmp_path_factory.mktemp("monev-scale")
    write_jsonl(reports, folder / "big.jsonl")
    with (folder / "big.jsonl").open("rb") as src, gzip.open(folder / "big.jsonl.gz", "wb") as gz:
        shutil.copyfileobj(src, gz)
    assert main(["convert", str(folder / "big.jsonl"), str(folder / "big.parquet")]) == 0
    return folder


def _monev(tmp_path: Path, name: str, *args: str, code: int = 0, now: str = NOW_ARG) -> str:
    out = tmp_path / f"{name}.json"
    assert main(["monev", *args, "--now", now, "--json", str(out)]) == code
    return out.read_text("utf-8")


def _oracle(reports: list[Complaint], **options: object) -> str:
    """The streaming path: each report judged alone by the scalar SLA engine."""
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=NOW, **options)  # type: ignore[arg-type]
    for complaint in reports:
        pipeline.add(complaint)
    return render_json(pipeline.result())


def test_monev_same_json_for_jsonl_parquet_workers_and_dask(
    data: Path, reports: list[Complaint], tmp_path: Path
) -> None:
    """monev big.jsonl, big.parquet, --workers 2 and --engine dask give the same --json."""
    expected = _oracle(reports)
    plain = _monev(tmp_path, "plain", str(data / "big.jsonl"), "--workers", "1")
    assert plain == expected
    assert _monev(tmp_path, "parquet", str(data / "big.parquet")) == expected
    assert _monev(tmp_path, "gzip", str(data / "big.jsonl.gz"), "--workers", "2") == expected
    assert _monev(tmp_path, "workers", str(data / "big.jsonl"), "--workers", "2") == expected
    options = MonevOptions(now=NOW)
    split = evaluate([data / "big.jsonl"], options, workers=2, min_range=50_000)
    assert render_json(split.result) == expected
    dask = _monev(tmp_path, "dask", str(data / "big.parquet"), "--engine", "dask", "--workers", "2")
    assert dask == expected


def _broken(c: Complaint) -> str:
    """A line of ``c`` whose stored status contradicts its history (HISTORY-STATUS)."""
    data = json.loads(c.model_dump_json())
    data["status"] = "ON_HOLD" if data["status"] != "ON_HOLD" else "ARCHIVED"
    return json.dumps(data)


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, reports: list[Complaint]
) -> tuple[Path, list[Complaint]]:
    """Reports with repeated tracking ids, and the reports each id counts for (the oracle's input).

    Five broken lines come first: the valid line of their id, later, counts (the
    first *valid* line). At the end, forty exact copies and ten other reports
    given the tracking id of a counted one: all refused (INPUT-DUPLICATE).
    """
    folder = tmp_path_factory.mktemp("monev-hostile")
    texts = [c.model_dump_json() for c in reports]
    others = [
        c.model_copy(update={"tracking_id": reports[40 + i].tracking_id}).model_dump_json()
        for i, c in enumerate(reports[100:110])
    ]
    lines = [_broken(c) for c in reports[50:55]] + texts + texts[:40] + others
    (folder / "hostile.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    half = len(lines) // 2  # the same lines as two files, the second one gzipped
    (folder / "split").mkdir()
    (folder / "split" / "a.jsonl").write_text("\n".join(lines[:half]) + "\n", "utf-8")
    with gzip.open(folder / "split" / "b.jsonl.gz", "wt", encoding="utf-8") as gz:
        gz.write("\n".join(lines[half:]) + "\n")
    with gzip.open(folder / "hostile.jsonl.gz", "wt", encoding="utf-8") as gz:
        gz.write("\n".join(lines) + "\n")
    from sp4n.monev.parquet import convert

    converted = convert([folder / "hostile.jsonl"], folder / "hostile.parquet", row_group_size=128)
    assert converted.refused == 5  # convert keeps the repeats: monev refuses them
    return folder, reports


EARLY = datetime(2024, 5, 20, 9, tzinfo=WIB)
"""An instant before most reports' last event, after some submissions, before others."""


@pytest.mark.parametrize("now", [NOW, EARLY], ids=["now", "early"])
def test_monev_same_json_with_repeats_and_events_after_now(
    hostile: tuple[Path, list[Complaint]], tmp_path: Path, now: datetime
) -> None:
    """Repeated ids and events after --now: every input form and engine gives the oracle's JSON.

    The oracle counts each tracking id's first valid report, as of ``now``
    (:meth:`MonevPipeline.add`: later reports skipped, later events replayed away).
    """
    folder, counted = hostile
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=now)
    for complaint in counted:
        pipeline.add(complaint)
    expected = render_json(pipeline.result())
    if now == EARLY:
        assert pipeline.after_now > 50
        assert pipeline.as_of_now > 20
    arg = now.isoformat()
    jsonl, parquet = str(folder / "hostile.jsonl"), str(folder / "hostile.parquet")
    runs = {  # processes are costly to start: each form once, spread over the two instants
        NOW: {
            "plain": [jsonl, "--workers", "1"],
            "gzip": [str(folder / "hostile.jsonl.gz")],
            "revalidated": [parquet, "--workers", "1", "--revalidate"],
        },
        EARLY: {
            "folder": [str(folder / "split"), "--workers", "2"],
            "parquet": [parquet, "--workers", "2"],
            "dask": [parquet, "--engine", "dask", "--workers", "2"],  # row groups of 128 rows
        },
    }
    for name, args in runs[now].items():
        assert _monev(tmp_path, name, *args, code=1, now=arg) == expected, name
    # Byte ranges arriving in any order: repeats across parts are counted again.
    options = MonevOptions(now=now)
    parts = plan_parts([folder / "hostile.jsonl"], split=8, min_range=40_000)
    assert len(parts) > 4
    merger = Merger(parts, options)
    for part in reversed(parts):
        merger.add(part, run_part(part, options))
    for part, exclude in merger.recount():
        merger.add(part, run_part(part, options, exclude))
    split = merger.outcome()
    assert split.recounted > 0
    assert render_json(split.result) == expected
    assert (split.duplicates, split.rejected) == (50, 55)
    assert split.duplicate_ids[0] == counted[0].tracking_id
    assert (split.after_now, split.as_of_now) == (pipeline.after_now, pipeline.as_of_now)


def test_monev_db_with_repeats_and_events_after_now(
    hostile: tuple[Path, list[Complaint]], tmp_path: Path
) -> None:
    """--db: the store keeps one row per id (the first valid line); judged as of --now alike."""
    folder, counted = hostile
    db = str(tmp_path / "r.db")
    assert main(["store", "import", str(folder / "hostile.jsonl"), "--db", db]) == 1
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=EARLY)
    for complaint in counted:
        pipeline.add(complaint)
    got = _monev(tmp_path, "db", "--db", db, now=EARLY.isoformat())
    assert json.loads(got) == json.loads(render_json(pipeline.result()))


@pytest.mark.parametrize(
    "options",
    [
        {"scope": "61"},
        {
            "period": Period(datetime(2024, 3, 1, tzinfo=WIB), datetime(2024, 9, 1, tzinfo=WIB)),
            "rank_cutoff": datetime(2024, 7, 1, tzinfo=WIB),
        },
        {"sla": False},
    ],
)
def test_monev_columnar_path_equals_the_streaming_oracle(
    reports: list[Complaint], options: dict[str, object]
) -> None:
    """add_all (batch SLA, grouped facts) counts exactly what add, report by report, counts."""
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=NOW, **options)  # type: ignore[arg-type]
    assert render_json(pipeline.add_all(reports).result()) == _oracle(reports, **options)


def test_monev_parquet_columns_equal_the_oracle_before_the_last_events(
    data: Path, reports: list[Complaint], tmp_path: Path
) -> None:
    """As of an instant before some events, trusted columns re-walk those reports and agree."""
    early = datetime(2024, 5, 20, 9, tzinfo=WIB)
    out = tmp_path / "early.json"
    assert (
        main(["monev", str(data / "big.parquet"), "--now", early.isoformat(), "--json", str(out)])
        == 0
    )
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=early)
    for complaint in reports:
        pipeline.add(complaint)
    assert out.read_text("utf-8") == render_json(pipeline.result())


def test_monev_states_merge_to_the_whole(reports: list[Complaint]) -> None:
    """Pipelines over three chunks, merged through their plain states, equal one pipeline."""
    graph = AgencyGraph.indonesia()
    whole = MonevPipeline(graph, now=NOW).add_all(reports).result()
    merged = MonevPipeline(graph, now=NOW)
    for chunk in (reports[:100], reports[100:101], reports[101:]):
        part = MonevPipeline(graph, now=NOW).add_all(chunk)
        merged.merge_state(json.loads(json.dumps(part.state())))
    assert render_json(merged.result()) == render_json(whole)


def test_monev_state_of_another_format_is_refused() -> None:
    """A state that is not a monev state is refused with a typed error."""
    pipeline = MonevPipeline(AgencyGraph.indonesia(), now=NOW)
    with pytest.raises(SP4NError):
        pipeline.merge_state({"format": "something else"})


@given(st.binary(max_size=300), st.lists(st.integers(0, 300), max_size=6))
def test_monev_byte_ranges_cover_every_line_once(payload: bytes, cuts: list[int]) -> None:
    """Cut anywhere, the byte ranges of a file hold each of its lines exactly once."""
    bounds = sorted({0, len(payload), *(c for c in cuts if c < len(payload))})
    got: list[bytes] = []
    for start, end in itertools.pairwise(bounds):
        got.extend(_lines(io.BytesIO(payload), start, None if end == len(payload) else end))
    assert got == io.BytesIO(payload).readlines()


def _claim(path: Path) -> dict[str, object]:
    raw = pq.read_metadata(path).metadata[METADATA_KEY]
    return json.loads(raw)


def test_monev_parquet_claim_names_versions_and_is_only_a_claim(
    data: Path, reports: list[Complaint], tmp_path: Path
) -> None:
    """The metadata names schema, sp4n and rulebook versions; --revalidate re-checks the rows."""
    claim = file_claim(data / "big.parquet")
    assert claim is not None
    assert claim.validated
    assert claim.rows == len(reports)
    assert claim.schema_version == 2
    assert claim.rulebook_version
    assert claim.rules
    assert claim.hierarchy
    # Forge a file: the claim stays, one stored report now breaks its history.
    table = pq.read_table(data / "big.parquet")
    texts = table.column("report").to_pylist()
    broken = json.loads(texts[0])
    broken["status"] = "DISPATCHED" if broken["status"] != "DISPATCHED" else "IN_PROGRESS"
    texts[0] = json.dumps(broken)
    import pyarrow as pa

    forged = table.set_column(
        table.schema.get_field_index("report"), "report", pa.array(texts, pa.large_string())
    )
    forged = forged.replace_schema_metadata(
        {METADATA_KEY: json.dumps(_claim(data / "big.parquet"))}
    )
    path = tmp_path / "forged.parquet"
    pq.write_table(forged, path)
    pq_meta = pq.read_metadata(path).metadata
    assert pq_meta is not None
    # Trusted: counted from the columns, the forged report is not noticed.
    assert _monev(tmp_path, "forged", str(path)) == _oracle(reports)
    # Revalidated: the forged report is refused (exit 1).
    assert main(["monev", str(path), "--now", NOW_ARG, "--revalidate"]) == 1


def test_monev_parquet_columns_are_not_trusted_under_other_rules(data: Path) -> None:
    """A claim made under other deadline rows (same version string) is not trusted."""
    from sp4n.monev.parquet import rules_fingerprint, trusted
    from sp4n.monev.sources import build_pipeline
    from sp4n.rulebook import Rulebook

    options = MonevOptions(now=NOW)
    pipeline = build_pipeline(options)
    assert trusted(data / "big.parquet", pipeline, options)
    assert not trusted(data / "big.parquet", pipeline, MonevOptions(now=NOW, revalidate=True))
    other = Rulebook.default().with_overrides({"SLA-VERIFY": {"limit": 4}})
    assert other.version == Rulebook.default().version
    assert rules_fingerprint(other) != rules_fingerprint(Rulebook.default())


def test_monev_untrusted_parquet_is_validated(
    data: Path, reports: list[Complaint], tmp_path: Path
) -> None:
    """A Parquet file without the sp4n claim is read through its reports, validated."""
    table = pq.read_table(data / "big.parquet").replace_schema_metadata(None)
    path = tmp_path / "plain.parquet"
    pq.write_table(table, path)
    assert file_claim(path) is None
    assert _monev(tmp_path, "untrusted", str(path)) == _oracle(reports)


def test_monev_reads_a_folder_and_several_files(data: Path, tmp_path: Path) -> None:
    """A folder is read like its files (sorted); the same reports twice count once (exit 1)."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(data / "big.jsonl", folder / "a.jsonl")
    shutil.copy(data / "big.parquet", folder / "b.parquet")
    both = _monev(tmp_path, "folder", str(folder), code=1)
    files = _monev(tmp_path, "files", str(folder / "a.jsonl"), str(folder / "b.parquet"), code=1)
    assert both == files
    assert both == _monev(tmp_path, "one", str(data / "big.jsonl"))


def test_monev_refused_lines_are_numbered_across_ranges(data: Path, tmp_path: Path) -> None:
    """A bad line is refused with its line number in the file, whichever range read it."""
    lines = (data / "big.jsonl").read_bytes().splitlines(keepends=True)
    lines[300] = b'{"not": "a report"}\n'
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"".join(lines))
    options = MonevOptions(now=NOW)
    parts = plan_parts([bad], split=8, min_range=40_000)
    assert len(parts) > 2
    outcome = merge(parts, [run_part(p, options) for p in parts], options)
    assert outcome.rejected == 1
    assert outcome.problems[0].startswith("line 301:")


@pytest.mark.parametrize(
    "argv",
    [
        ["monev", "missing.jsonl", "--now", NOW_ARG],
        ["monev", "report.csv", "--now", NOW_ARG],
        ["convert", "missing.jsonl", "out.parquet"],
    ],
)
def test_monev_and_convert_refuse_missing_or_unknown_files(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing file or a file of another kind is a usage error naming INPUT-FILE (exit 2)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.csv").write_text("a,b\n")
    assert main(argv) == 2


def test_convert_output_must_be_parquet(data: Path, tmp_path: Path) -> None:
    """The convert output is a .parquet file (exit 2 otherwise)."""
    assert main(["convert", str(data / "big.jsonl"), str(tmp_path / "out.csv")]) == 2


def test_monev_engine_option_is_checked() -> None:
    """An unknown engine is an argparse usage error."""
    parser: argparse.ArgumentParser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["monev", "x.jsonl", "--engine", "spark"])


# -- the single pass's lifecycle verdict against check_history -------------------------------


def _verdict(fn: object) -> str | None:
    try:
        fn()  # type: ignore[operator]
    except SP4NError as exc:
        return exc.rule
    return None


@st.composite
def broken(draw: st.DrawFn) -> Complaint:
    """A lawful complaint, sometimes broken: wrong status, actor swapped, event dropped, note."""
    complaint = draw(complaints(max_events=7, hierarchy=TREE))
    how = draw(st.sampled_from(["none", "status", "actor", "drop", "note"]))
    history = list(complaint.history)
    data = dict(complaint)
    if how == "status":
        data["status"] = draw(st.sampled_from(list(Status)))
    elif how == "actor" and len(history) > 1:
        i = draw(st.integers(1, len(history) - 1))
        role = draw(st.sampled_from(list(Role)))
        agency = "kab-bogor" if role in (Role.AGENCY_ADMIN, Role.LIAISON, Role.SUPERVISOR) else None
        actor = history[i].actor.model_copy(update={"role": role, "agency_id": agency})
        history[i] = history[i].model_copy(update={"actor": actor})
    elif how == "drop" and len(history) > 2:
        del history[draw(st.integers(1, len(history) - 2))]
    elif how == "note":
        history[0] = history[0].model_copy(update={"note": "catatan"})
    data["history"] = tuple(history)
    return Complaint.model_validate(data)


@given(broken(), st.booleans())
def test_monev_single_pass_lifecycle_verdict_equals_check_history(
    complaint: Complaint, with_tree: bool
) -> None:
    """The one-pass check accepts and refuses exactly what check_history does, with its rule."""
    tree = TREE if with_tree else None
    calendar = WorkingCalendar.indonesia()
    pipeline = MonevPipeline(TREE, now=complaint.history[-1].at + timedelta(days=1))
    pipeline._walk.hierarchy = tree
    pipeline._walk.calendar = calendar
    pipeline._walk._helpers = None
    expected = _verdict(lambda: check_history(complaint, hierarchy=tree, calendar=calendar))
    assert _verdict(lambda: pipeline.walk(complaint, check=True)) == expected


def test_monev_sources_reject_a_folder_without_reports(tmp_path: Path) -> None:
    """A folder with no .jsonl, .jsonl.gz or .parquet file is an INPUT-FILE error."""
    with pytest.raises(SP4NError) as error:
        monev_sources.discover([tmp_path])
    assert error.value.rule == "INPUT-FILE"


def test_monev_rulebook_per_span_of_days_equals_for_date() -> None:
    """The single pass's rulebook of a day (built once per span of unchanged rows) is for_date's."""
    from sp4n.monev._walk import _book_on
    from sp4n.rulebook import Rulebook

    with pytest.raises(SP4NError):  # before the settings are in force, both refuse
        _book_on(date(2012, 5, 1))
    day = date(2014, 1, 1)
    while day.year < 2031:
        ours, theirs = _book_on(day), Rulebook.for_date(day)
        for name in ("transitions", "deadlines", "settings", "statuses", "indicators", "checks"):
            assert getattr(ours, name) == getattr(theirs, name), (day, name)
        day += timedelta(days=11)


@given(complaints(max_events=6, hierarchy=TREE), st.data())
def test_monev_single_pass_view_copy_equals_model_copy(
    complaint: Complaint, data: st.DataObject
) -> None:
    """The single pass's light copy of the report before an event is pydantic's ``model_copy``."""
    from sp4n.monev._walk import _evolved

    i = data.draw(st.integers(1, len(complaint.history)))
    updates: dict[str, object] = {"history": complaint.history[:i]}
    if data.draw(st.booleans()):
        updates["status"] = data.draw(st.sampled_from(list(Status)))
    if data.draw(st.booleans()):
        updates["tags"] = ()
    ours, theirs = _evolved(complaint, updates), complaint.model_copy(update=updates)
    assert type(ours) is Complaint
    assert ours == theirs
    assert ours.__dict__ == theirs.__dict__
    assert ours.__pydantic_fields_set__ == theirs.__pydantic_fields_set__
    assert (ours.__pydantic_extra__, ours.__pydantic_private__) == (
        theirs.__pydantic_extra__,
        theirs.__pydantic_private__,
    )


@given(st.lists(complaints(max_events=1), min_size=1, max_size=8))
def test_monev_memoised_routing_is_the_hierarchys(reports: list[Complaint]) -> None:
    """IND-COUNT-UNDISPATCHED: the pipeline's memoised routing gives ``graph.resolve``'s handler."""
    from sp4n.monev.pipeline import _router

    graph = AgencyGraph.indonesia()
    route = _router(graph)
    for complaint in [*reports, *reports]:  # the second time from the memo
        resolution = graph.resolve(complaint)
        expected = resolution.handler.id if resolution.is_decided else None
        assert route(complaint) == expected


@given(
    st.integers(1, 6).flatmap(
        lambda width: st.lists(
            st.lists(
                st.integers(-1, 40) | st.sampled_from([-(2**40), 2**40]),
                min_size=width,
                max_size=width,
            ),
            min_size=1,
            max_size=60,
        )
    )
)
def test_monev_distinct_rows_are_numpys_unique_rows(rows: list[list[int]]) -> None:
    """The packed reduction gives ``np.unique(axis=0)``'s rows, order and counts (or falls back)."""
    import numpy as np

    from sp4n.monev._columns import distinct_rows

    keys = np.array(rows, dtype=np.int64)
    expected, counts = np.unique(keys, axis=0, return_counts=True)
    assert distinct_rows(keys) == (expected.tolist(), counts.tolist())


@st.composite
def _fact_columns(draw: st.DrawFn) -> tuple[object, list[int], list[Stage]]:
    """Random columns of facts (spans, SLA states of rules sharing stages) and group codes."""
    import numpy as np

    from sp4n.monev._columns import Columns
    from sp4n.sla.batch import NO_DAY, STATE_CODES

    n = draw(st.integers(1, 40))
    stages = draw(st.lists(st.sampled_from(list(Stage)), min_size=0, max_size=4))
    ints = st.integers
    status = draw(st.lists(ints(0, len(Status) - 1), min_size=n, max_size=n))
    start = draw(st.lists(st.none() | ints(0, 30), min_size=n, max_size=n))
    length = draw(st.lists(ints(-2, 12), min_size=n, max_size=n))
    working = draw(st.lists(ints(-1, 9), min_size=n, max_size=n))
    states = draw(
        st.lists(
            st.lists(ints(0, len(STATE_CODES) - 1), min_size=len(stages), max_size=len(stages)),
            min_size=n,
            max_size=n,
        )
    )
    groups = draw(st.lists(ints(-1, 3), min_size=n, max_size=n))
    span_from = [NO_DAY if s is None else s for s in start]
    span_to = [NO_DAY if s is None else s + d for s, d in zip(start, length, strict=True)]
    array = lambda v: np.array(v, dtype=np.int64)  # noqa: E731
    columns = Columns(
        submitted_us=array([0] * n),
        status=array(status),
        owner=array(groups),
        span_from=array(span_from),
        span_to=array(span_to),
        working_days=array([-1 if s is None else w for w, s in zip(working, start, strict=True)]),
        sla=np.array(states, dtype=np.int64).reshape(n, len(stages)),
    )
    return columns, groups, stages


@given(_fact_columns(), st.booleans(), st.booleans())
def test_monev_marginals_count_what_adding_each_report_counts(
    drawn: tuple[object, list[int], list[Stage]], working: bool, outcomes: bool
) -> None:
    """IND-*: a group's facts summed per fact count exactly what add_facts of each report counts."""
    from sp4n.monev._columns import STATE_BREACHED, STATE_MET, STATUSES, Columns, marginals
    from sp4n.scoring import IndicatorAccumulator, ScoringConfig
    from sp4n.scoring.accumulate import Facts
    from sp4n.sla.batch import NO_DAY

    columns, groups, stages = drawn
    assert isinstance(columns, Columns)
    config = ScoringConfig(
        working_days=(lambda *_: 0) if working else None,  # only read for "is it measured"
        stage_outcomes=(lambda _: ()) if outcomes else None,
    )
    ours: dict[int, IndicatorAccumulator] = {}
    sizes: dict[int, int] = {}
    for code, (weight, facts) in marginals(columns, columns.owner, stages).items():
        ours.setdefault(code, IndicatorAccumulator(config)).add_marginals(facts)
        sizes[code] = weight
    oracle: dict[int, IndicatorAccumulator] = {}
    for i, code in enumerate(groups):
        has = int(columns.span_from[i]) != NO_DAY
        days = int(columns.span_to[i] - columns.span_from[i]) if has else -1
        work = int(columns.working_days[i]) if has else -1
        decided = [
            (stage, int(state) == STATE_MET)
            for stage, state in zip(stages, columns.sla[i].tolist(), strict=True)
            if state in (STATE_MET, STATE_BREACHED)
        ]
        facts = Facts(
            STATUSES[int(columns.status[i])],
            None if days < 0 else days,
            None if work < 0 else work,
            tuple(decided),
        )
        oracle.setdefault(code, IndicatorAccumulator(config)).add_facts(facts)
    assert sizes == {code: groups.count(code) for code in set(groups)}
    assert {c: a.state() for c, a in ours.items()} == {c: a.state() for c, a in oracle.items()}
