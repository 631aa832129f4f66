"""Validate an inbound report and give it a tracking number.

Run: python examples/validate_payload.py
"""

from pydantic import ValidationError

from sp4n import Complaint, ComplaintSubmission, generate_tracking_id
from sp4n.payloads import problems_from

PAYLOAD = """{
  "type": "COMPLAINT",
  "title": "Jalan kabupaten berlubang",
  "body": "Lubang sedalam 30 cm membahayakan pengendara motor.",
  "category": "regency_road",
  "channel": "MOBILE_APP",
  "location": {"region_code": "16.07"},
  "reporter": {"name": "Siti Aminah", "nik": "1607055203890001", "phone": "0812-7788-1234"},
  "submitted_at": "2024-04-05T09:30:00+07:00"
}"""

submission = ComplaintSubmission.model_validate_json(PAYLOAD)
complaint = Complaint.from_submission(submission, tracking_id=generate_tracking_id(1))
print(complaint.tracking_id, complaint.status, submission.reporter)

try:
    ComplaintSubmission.model_validate_json(PAYLOAD.replace("1607055203890001", "9907055203890001"))
except ValidationError as exc:
    for problem in problems_from(exc):
        print("refused:", problem)
