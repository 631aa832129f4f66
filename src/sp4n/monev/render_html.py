"""The monev report as one self-contained HTML file with inline SVG charts.

The file opens offline: no script, font, stylesheet or image is fetched (no
``http`` URL in any ``src`` or ``href``); the charts are SVG drawn by
matplotlib and inlined. matplotlib is optional: install the ``report`` extra
(``pip install 'sp4n[report]'``); without it :func:`render_html` raises a
:class:`~sp4n.errors.ConfigError` that says so.

Charts: follow-up rate by province, distribution of days to first follow-up,
SLA breaches by stage.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sp4n.errors import ConfigError
from sp4n.monev.pipeline import MonevResult
from sp4n.scoring import Rate
from sp4n.vocabulary import Stage

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.figure import Figure

__all__ = ["render_html", "svg_charts"]

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem;color:#1d2433}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.85rem}
th,td{border:1px solid #c8cdd6;padding:.25rem .5rem;text-align:right}
th:first-child,td:first-child{text-align:left}
th{background:#eef1f6}.chart svg{max-width:100%;height:auto}
.note{color:#5a6270;font-size:.8rem}
"""


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - optional extra, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        msg = "the HTML report needs matplotlib: pip install 'sp4n[report]'"
        raise ConfigError(msg, field="html") from exc
    return matplotlib


def _figure(width: float, height: float) -> Figure:
    _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    return Figure(figsize=(width, height), dpi=100)


def _svg(fig: Figure) -> str:
    matplotlib = _matplotlib()
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "sp4n"}):
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE (a DTD URL)
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _bar_chart(
    labels: Sequence[str], values: Sequence[float], *, title: str, xlabel: str, color: str
) -> str:
    fig = _figure(8, max(2.5, 0.22 * len(labels) + 1))
    ax = fig.add_subplot()
    ax.barh(range(len(labels)), values, color=color)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="x", alpha=0.3)
    return _svg(fig)


def svg_charts(result: MonevResult) -> dict[str, str]:
    """The three charts as SVG texts: ``follow_up_by_province``, ``follow_up_days``, ``breaches``.

    Raises:
        ConfigError: matplotlib is not installed (the ``report`` extra).
    """
    rows = [r for r in result.provinces if r.indicators.follow_up_rate.defined]
    rows.sort(key=lambda r: r.indicators.follow_up_rate.value or 0, reverse=True)
    by_province = _bar_chart(
        [r.name for r in rows],
        [float(r.indicators.follow_up_rate.value or 0) * 100 for r in rows],
        title="Tingkat tindak lanjut per provinsi / follow-up rate by province",
        xlabel="% of reports closed or in progress",
        color="#2f6db3",
    )
    counts = result.summary.complaints.follow_up_days.counts
    fig = _figure(8, 3.2)
    ax = fig.add_subplot()
    if counts:
        ax.bar(list(counts), list(counts.values()), color="#3b8f5a", width=0.9)
    else:
        ax.text(0.5, 0.5, "no follow-up yet", ha="center", transform=ax.transAxes)
    ax.set_title("Hari sampai tindak lanjut pertama / days to first follow-up")
    ax.set_xlabel("calendar days from dispatch")
    ax.set_ylabel("reports")
    ax.grid(axis="y", alpha=0.3)
    days = _svg(fig)
    b = result.breaches
    stages = [s for s in Stage if s in b.breached or s in b.met]
    breaches = _bar_chart(
        [s.value for s in stages] or ["(SLA not measured)"],
        [b.breached.get(s, 0) for s in stages] or [0],
        title="Pelanggaran SLA per tahap / SLA breaches by stage",
        xlabel="reports past the deadline",
        color="#c0392b",
    )
    return {"follow_up_by_province": by_province, "follow_up_days": days, "breaches": breaches}


def _days(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _pct(rate: Rate | None) -> str:
    return "not measured" if rate is None else html.escape(rate.display(1))


def _table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def render_html(result: MonevResult, *, top: int = 10) -> str:
    """The whole report as a self-contained HTML document.

    Raises:
        ConfigError: matplotlib is not installed (the ``report`` extra).
    """
    charts = svg_charts(result)
    s = result.summary
    ind = s.complaints
    summary_rows = [
        ["connectivity (keterhubungan)", _pct(s.connectivity)],
        ["activity (keaktifan, from recorded actions)", _pct(s.activity)],
        ["follow-up rate (tindak lanjut)", _pct(ind.follow_up_rate)],
        ["closed share", _pct(ind.closed_share)],
        ["in-progress share", _pct(ind.in_progress_share)],
        ["unverified share", _pct(ind.unverified_share)],
        ["days to first follow-up, mean (calendar)", _days(ind.follow_up_days.mean)],
        ["days to first follow-up, median (calendar)", str(ind.follow_up_days.median or "-")],
    ]
    wd = ind.follow_up_working_days
    if wd is not None:
        summary_rows.append(["days to first follow-up, median (working)", str(wd.median or "-")])
    for stage, rate in ind.on_time.items():
        summary_rows.append([f"on time: {stage.value}", _pct(rate)])
    summary_rows.append(["grade", "undefined" if s.grade is None else s.grade.label_id])
    province_rows = [
        [
            r.name,
            _pct(r.connectivity),
            str(r.indicators.total),
            _pct(r.indicators.follow_up_rate),
            _pct(r.indicators.closed_share),
            _pct(r.indicators.unverified_share),
        ]
        for r in result.provinces
    ]
    ranked = result.ranking.ranked
    rank_rows = [
        [
            str(e.position),
            result.name(e.agency_id),
            str(e.count),
            e.rate.display(1),
            "-" if e.adjusted is None else f"{e.adjusted * 100:.1f}%",
        ]
        for e in (*ranked[:top], *ranked[max(top, len(ranked) - top) :])
    ]
    title = f"Laporan monev SP4N-LAPOR! — {result.scope_name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="note">{result.seen} reports read, {ind.total} counted '
        f"({ind.excluded_deleted} deleted left out); as of "
        f"{html.escape(result.now.isoformat())}. Rates are exact fractions; "
        "undefined means nothing was counted.</p>",
        "<h2>Ringkasan / summary</h2>",
        _table(["indicator", "value"], summary_rows),
        '<h2>Tindak lanjut per provinsi</h2><div class="chart" id="chart-province">',
        charts["follow_up_by_province"],
        "</div>",
        '<h2>Laju tindak lanjut</h2><div class="chart" id="chart-days">',
        charts["follow_up_days"],
        "</div>",
        '<h2>Pelanggaran SLA</h2><div class="chart" id="chart-breaches">',
        charts["breaches"],
        "</div>",
        "<h2>Per provinsi / per province</h2>",
        _table(
            ["province", "connectivity", "reports", "follow-up", "closed", "unverified"],
            province_rows,
        ),
        "<h2>Peringkat / fair ranking (Wilson lower bound)</h2>",
        _table(["#", "agency", "reports", "follow-up", "Wilson LB"], rank_rows),
        f'<p class="note">At least {result.ranking.min_count} reports to be ranked; '
        f"{len(result.ranking.excluded)} agencies not ranked.</p>",
        "</body></html>",
    ]
    return "\n".join(parts)
