"""Property tests of the payload models: JSON round trips, and personal data kept out of repr."""

from hypothesis import given
from hypothesis import strategies as st

from sp4n.models import Agency, Complaint, ComplaintSubmission, Reporter
from sp4n.schema import json_schema
from sp4n.testing.complaints import complaints, reporters, submissions
from sp4n.vocabulary import AgencyKind


@given(complaints())
def test_complaint_round_trips_through_json(complaint: Complaint) -> None:
    """Every valid Complaint dumps to JSON and validates back to an equal complaint."""
    again = Complaint.model_validate_json(complaint.model_dump_json())
    assert again == complaint
    assert again.model_dump_json() == complaint.model_dump_json()


@given(submissions())
def test_submission_round_trips_through_json(submission: ComplaintSubmission) -> None:
    """Every valid submission dumps to JSON and validates back to an equal submission."""
    assert ComplaintSubmission.model_validate_json(submission.model_dump_json()) == submission


@given(complaints())
def test_personal_data_never_in_repr_or_str(complaint: Complaint) -> None:
    """No reporter name, NIK, phone or e-mail appears in repr() or str() of the complaint."""
    reporter = complaint.reporter
    text = " ".join(
        (repr(complaint), str(complaint), repr(reporter), str(reporter), repr(complaint.history))
    )
    if reporter is not None:
        secrets = [reporter.name, reporter.nik, reporter.phone, reporter.email]
        for secret in filter(None, secrets):
            assert secret not in text


@given(reporters())
def test_reporter_repr_is_constant(reporter: Reporter) -> None:
    """A reporter's repr is the same placeholder whoever the person is."""
    assert repr(reporter) == str(reporter) == "Reporter(<personal data hidden>)"


@given(st.sampled_from(["submission", "complaint", "agency"]))
def test_every_schema_names_draft_2020_12(name: str) -> None:
    """Schemas are generated deterministically with the 2020-12 dialect."""
    assert json_schema(name) == json_schema(name)
    assert json_schema(name)["$schema"].endswith("2020-12/schema")


def test_agency_round_trip() -> None:
    """An agency dumps and validates back unchanged."""
    agency = Agency(
        id="kab-16.07", name="Pemkab Banyuasin", kind=AgencyKind.REGENCY, parent_id="prov-16"
    )
    assert Agency.model_validate_json(agency.model_dump_json()) == agency
