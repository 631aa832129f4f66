"""Monitoring and evaluation reports — *monitoring dan evaluasi (monev)*.

Rule: standard.md §7. [`run_monev`][sp4n.monev.run_monev] (or the streaming
[`MonevPipeline`][sp4n.monev.MonevPipeline]) turns an iterable of reports into a
[`MonevResult`][sp4n.monev.MonevResult]:
national summary, per-province table, fair ranking of agencies and SLA breaches.
Renderers: [`sp4n.monev.render_text`][sp4n.monev.render_text] (rich tables),
[`sp4n.monev.render_json`][sp4n.monev.render_json] (machine-readable) and
[`sp4n.monev.render_html`][sp4n.monev.render_html] (self-contained HTML with inline SVG charts;
needs
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
