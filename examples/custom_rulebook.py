"""Override one of the standard's [D] decisions without editing package data.

Some regions give 14 working days for the first follow-up instead of 5 [P].
Run: python examples/custom_rulebook.py
"""

from datetime import date

from sp4n import Rulebook

default = Rulebook.default()
regional = default.with_overrides({"SLA-FIRST-FOLLOW-UP": {"limit": 14}})
print(
    "first follow-up:",
    default.deadline("SLA-FIRST-FOLLOW-UP").limit,
    "->",
    regional.deadline("SLA-FIRST-FOLLOW-UP").limit,
    "working days",
)
print(
    "rules in force on 2016-01-01:",
    len(Rulebook.for_date(date(2016, 1, 1)).deadlines),
    "deadlines; today:",
    len(default.deadlines),
)
print(default.cite("SLA-RESOLVE-EXAMINATION"))
