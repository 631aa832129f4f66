"""The demo's lifecycle simulation runs every valid sample through the real engine."""

import pytest

from sp4n import lifecycle
from sp4n.cli._simulation import simulate, simulation_table
from sp4n.hierarchy import AgencyGraph
from sp4n.models import ComplaintSubmission
from sp4n.payloads import validate_json
from sp4n.sample import sample_payload_lines
from sp4n.vocabulary import Status
from sp4n.workdays import WorkingCalendar


@pytest.fixture(scope="module")
def simulated() -> list[tuple[int, str, object]]:
    graph, calendar = AgencyGraph.indonesia(), WorkingCalendar.indonesia()
    rows = []
    for line, text in enumerate(sample_payload_lines(), start=1):
        result = validate_json(text, line=line)
        if isinstance(result.model, ComplaintSubmission):
            rows.append((line, *simulate(result.model, line, graph, calendar)))
    return rows


def test_every_valid_sample_is_simulated_to_a_lawful_history(simulated: list) -> None:
    """Each simulated complaint replays to its stored status (the engine decided it)."""
    assert len(simulated) == 17
    graph = AgencyGraph.indonesia()
    for _, _, complaint in simulated:
        again = lifecycle.replay(
            lifecycle.submission_of(complaint),
            complaint.history,
            tracking_id=complaint.tracking_id,
            hierarchy=graph,
        )
        assert again.status == complaint.status
        assert again.history == complaint.history


def test_simulation_reaches_the_main_statuses(simulated: list) -> None:
    """Open, closed (by reporter and system) and archived statuses all appear."""
    statuses = {complaint.status for _, _, complaint in simulated}
    assert {
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.CLOSED_BY_REPORTER,
        Status.CLOSED_BY_SYSTEM,
        Status.ARCHIVED,
    } <= statuses


def test_simulation_table_has_a_row_per_sample(simulated: list) -> None:
    """The printed table has one row per simulated sample."""
    assert simulation_table(simulated).row_count == len(simulated)
