"""The public calls of the boundary test: each with a good call to corrupt one argument at a time.

Each row is ``(name, function, args, kwargs)``: a call that works. The test
replaces one argument at a time with a hostile value (``None``, a wrong type,
an instant at the edge of the calendar, an out-of-range number) and expects
the documented refusal: an :class:`sp4n.errors.SP4NError` (``InvalidArgument``
for a wrong type or range) or a pydantic ``ValidationError`` — never an
``AttributeError``, ``OverflowError`` or bare ``ValueError`` from deep inside.
"""

import functools
import itertools
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sp4n import audit, lifecycle, privacy, regions, scoring, sla
from sp4n.competence import CompetenceTable
from sp4n.hierarchy import AgencyGraph, dispatch_path, hop_count, next_competent
from sp4n.models import Actor
from sp4n.monev import MonevPipeline, run_monev
from sp4n.monev._ids import NO_IDS
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.engines import evaluate, merge_results
from sp4n.monev.sources import MonevOptions, count_lines, plan_parts, run_part
from sp4n.open311 import export_open311, from_open311, to_open311
from sp4n.payloads import validate_json
from sp4n.rulebook import Rulebook
from sp4n.sample import generate_complaints, sample_payload_lines, write_jsonl
from sp4n.schema import json_schema
from sp4n.vocabulary import Role
from sp4n.workdays import WIB, WorkingCalendar, zone_for_agency, zone_for_region, zone_name

Row = tuple[str, Callable[..., Any], tuple[Any, ...], dict[str, Any]]

NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)


@functools.cache
def fixtures() -> dict[str, Any]:
    """Real objects, built once: a graph, a calendar, a rulebook, complaints, an actor."""
    graph = AgencyGraph.indonesia()
    complaints = tuple(itertools.islice(generate_complaints(40, seed=3), 40))
    dispatched = next(c for c in complaints if len(c.history) > 2)
    jsonl = Path(tempfile.mkdtemp(prefix="sp4n-boundary-")) / "reports.jsonl"
    write_jsonl(complaints[:3], jsonl)
    return {
        "graph": graph,
        "calendar": WorkingCalendar.indonesia(),
        "book": Rulebook.default(),
        "complaint": dispatched,
        "complaints": complaints,
        "actor": Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
        "agency": graph.get("kab-16.07"),
        "log": audit.AuditLog(),
        "pipeline": MonevPipeline(graph, now=NOW),
        "state": MonevPipeline(graph, now=NOW).add_all(complaints[:3]).state(),
        "jsonl": jsonl,
        "result": count_lines([jsonl.read_bytes()], MonevOptions(now=NOW)),
    }


def rows() -> list[Row]:
    """The good calls."""
    f = fixtures()
    c, g, cal, book = f["complaint"], f["graph"], f["calendar"], f["book"]
    rates = {"kab-16.07": scoring.Rate(3, 4), "kab-16.08": scoring.Rate(1, 2)}
    monev = {"scope": "16", "rank_cutoff": NOW, "min_count": 3, "sla": True}
    monev |= {"connected": ConnectedGovernments.from_hierarchy(g), "calendar": cal}
    options = MonevOptions(now=NOW)
    return [
        ("deadlines", sla.deadlines, (c,), {"now": NOW}),
        ("escalations", sla.escalations, ([c],), {"now": NOW}),
        ("bulk_due_dates", sla.bulk_due_dates, ([date(2024, 4, 5)], "SLA-VERIFY"), {}),
        ("check_history", lifecycle.check_history, (c,), {"hierarchy": g}),
        ("available_events", lifecycle.available_events, (c, f["actor"]), {}),
        ("due_auto_closures", lifecycle.due_auto_closures, ([c], NOW), {}),
        ("handling_chain", lifecycle.handling_chain, (c,), {}),
        ("owner_id", lifecycle.owner_id, (c,), {}),
        ("rulebook_for", lifecycle.rulebook_for, (c,), {}),
        ("clock_start", lifecycle.clock_start, (c, "dispatch"), {}),
        ("view", privacy.view, (c, f["actor"]), {"audit": f["log"], "at": NOW}),
        ("audience_for", privacy.audience_for, (c, f["actor"]), {}),
        ("mask_pii", privacy.mask_pii, ("HP 0812-3456-7890",), {"known": ["Budi"]}),
        ("find_pii", privacy.find_pii, ("HP 0812-3456-7890",), {"keep": ["123"]}),
        ("Masker", privacy.Masker, (), {"keep": ("1",), "known": ("Budi",)}),
        ("resolve", g.resolve, (c,), {}),
        ("resolve_category", g.resolve_category, ("regency_road", "16.07"), {}),
        ("next_competent", next_competent, (g, c), {}),
        ("dispatch_path", dispatch_path, (c,), {}),
        ("hop_count", hop_count, (c,), {}),
        ("graph.get", g.get, ("kab-16.07",), {}),
        ("graph.find", g.find, ("kab-16.07",), {}),
        ("graph.ancestors", g.ancestors, ("kab-16.07",), {}),
        ("graph.descendants", g.descendants, ("prov-16",), {}),
        ("graph.covering", g.covering, ("16.07",), {}),
        ("graph.search", g.search, (), {"text": "banyuasin"}),
        ("graph.with_connected", g.with_connected, ({"kab-16.07": True},), {}),
        (
            "from_json",
            AgencyGraph.from_json,
            ('[{"id": "n", "name": "N", "kind": "NATIONAL"}]',),
            {},
        ),
        (
            "from_csv",
            AgencyGraph.from_csv,
            ("id,name,kind,region_code,parent_id\nn,N,NATIONAL,,\n",),
            {},
        ),
        ("add_working_days", cal.add_working_days, (date(2024, 4, 5), 3), {}),
        (
            "working_days_between",
            cal.working_days_between,
            (date(2024, 4, 5), date(2024, 4, 18)),
            {},
        ),
        ("is_working_day", cal.is_working_day, (date(2024, 4, 5),), {}),
        ("next_working_day", cal.next_working_day, (date(2024, 4, 5),), {}),
        ("holidays", cal.holidays, (2024,), {}),
        ("coverage", cal.coverage, (2024,), {}),
        ("zone_for_region", zone_for_region, ("16.07",), {}),
        ("zone_for_agency", zone_for_agency, (f["agency"],), {}),
        ("zone_name", zone_name, (WIB,), {}),
        ("rule", book.rule, ("SLA-VERIFY",), {}),
        ("deadline", book.deadline, ("SLA-VERIFY",), {}),
        ("for_date", book.for_date, (date(2024, 4, 5),), {}),
        ("with_overrides", book.with_overrides, ({"LC-REOPEN-ENABLED": {"value": True}},), {}),
        ("run_monev", run_monev, (f["complaints"],), {"hierarchy": g, "now": NOW}),
        ("MonevPipeline", MonevPipeline, (g,), {"now": NOW}),
        ("MonevPipeline", MonevPipeline, (g,), {"now": NOW, **monev}),
        ("MonevPipeline.add", f["pipeline"].add, (c,), {}),
        ("MonevPipeline.add_all", f["pipeline"].add_all, (f["complaints"][:3],), {}),
        ("MonevPipeline.walk", f["pipeline"].walk, (c,), {"check": True}),
        ("MonevPipeline.merge_state", f["pipeline"].merge_state, (f["state"],), {}),
        ("evaluate", evaluate, ([f["jsonl"]], options), {"workers": 1}),
        ("count_lines", count_lines, ([f["jsonl"].read_bytes()], options), {}),
        ("run_part", run_part, (plan_parts([f["jsonl"]])[0], options), {"exclude": NO_IDS}),
        ("merge_results", merge_results, ([f["result"]], options), {}),
        ("compute_indicators", scoring.compute_indicators, (f["complaints"],), {}),
        ("compute_ranking", scoring.compute_ranking, (rates,), {"min_count": 1}),
        ("compute_grade", scoring.compute_grade, (scoring.Rate(3, 4),), {}),
        ("Rate", scoring.Rate, (3, 4), {}),
        ("Period", scoring.Period, (NOW - timedelta(days=30), NOW), {}),
        (
            "Period.from_dates",
            scoring.Period.from_dates,
            (date(2024, 1, 1), date(2024, 12, 31)),
            {},
        ),
        ("to_open311", to_open311, (c,), {}),
        ("export_open311", export_open311, ([c],), {}),
        (
            "from_open311",
            from_open311,
            ({"service_code": "regency_road", "description": "Jalan rusak"},),
            {"submitted_at": NOW, "region_code": "16.07"},
        ),
        ("validate_json", validate_json, (sample_payload_lines()[0],), {}),
        ("json_schema", json_schema, ("submission",), {}),
        ("generate_complaints", generate_complaints, (3,), {"seed": 1}),
        ("write_jsonl", write_jsonl, ([c], Path("/dev/null")), {}),
        (
            "AuditLog.append",
            f["log"].append,
            (),
            {"at": NOW, "actor": f["actor"], "action": "x.read", "subject": "0012345674"},
        ),
        ("AuditLog.from_jsonl", audit.AuditLog.from_jsonl, ("",), {}),
        ("is_region_code", regions.is_region_code, ("16.07",), {}),
        ("province_name", regions.province_name, ("16",), {}),
        ("CompetenceTable.find", CompetenceTable.default().find, ("regency_road",), {}),
    ]


NOT_COMPLAINTS: tuple[object, ...] = (None, 42, "x", object())
EDGE_INSTANTS = (
    datetime(9999, 12, 31, 23, tzinfo=UTC),
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(2024, 4, 5, 9, 30),  # noqa: DTZ001 - naive on purpose
)
HOSTILE: tuple[object, ...] = (
    None,
    42,
    -1,
    10**20,
    "x",
    b"\xff",
    object(),
    [1],
    float("nan"),
    Decimal("NaN"),
    *EDGE_INSTANTS,
    date(9999, 12, 31),
    date(1, 1, 1),
)
