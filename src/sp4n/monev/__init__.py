"""Monitoring and evaluation reports — *monitoring dan evaluasi (monev)*.

Rule: standard.md §7. :func:`run_monev` (or the streaming
:class:`MonevPipeline`) turns an iterable of reports into a :class:`MonevResult`:
national summary, per-province table, fair ranking of agencies and SLA breaches.
Renderers: :mod:`sp4n.monev.render_text` (rich tables),
:mod:`sp4n.monev.render_json` (machine-readable) and
:mod:`sp4n.monev.render_html` (self-contained HTML with inline SVG charts; needs
the ``sp4n[report]`` extra for matplotlib).
"""

from sp4n.monev.pipeline import (
    NATIONAL,
    MonevPipeline,
    MonevResult,
    ProvinceRow,
    SlaBreaches,
    run_monev,
)

__all__ = [
    "NATIONAL",
    "MonevPipeline",
    "MonevResult",
    "ProvinceRow",
    "SlaBreaches",
    "run_monev",
]
