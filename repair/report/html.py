"""``index.html``: one self-contained page (inline CSS, inline SVG chart, no network).

The page is rendered by jinja2 with autoescaping on, so every piece of corpus text (file
names, messages quoting the text, diff lines) reaches the browser as text, never as markup.
Its Content-Security-Policy allows no network at all and only the page's own inline script,
by hash, so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import jinja2

# The page's only script: open or close every file's details, and say it ran (a headless
# browser test reads data-script on <html>).
PAGE_SCRIPT: Final = """
(function () {
  var root = document.documentElement;
  window.addEventListener("error", function () { root.setAttribute("data-script", "error"); });
  function setAll(open) {
    var items = document.querySelectorAll("details.file");
    for (var i = 0; i < items.length; i++) { items[i].open = open; }
  }
  document.getElementById("expand-all").addEventListener("click", function () { setAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () { setAll(false); });
  var bars = document.querySelectorAll("#chart rect.bar");
  root.setAttribute("data-bars", String(bars.length));
  if (root.getAttribute("data-script") !== "error") { root.setAttribute("data-script", "ok"); }
})();
""".strip()

_CHART_WIDTH: Final = 760
_LABEL_WIDTH: Final = 300
_ROW_HEIGHT: Final = 34
_BAR_HEIGHT: Final = 12
_TOP: Final = 28


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    width: float
    score: float
    kind: str


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("repair.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def chart_rows(files: Sequence[Mapping[str, Any]]) -> list[ChartRow]:
    """Bars of the scores before and after repair, one row per scored file."""
    span = _CHART_WIDTH - _LABEL_WIDTH - 60
    rows = []
    index = 0
    for record in files:
        if record.get("error"):
            continue
        top = _TOP + index * _ROW_HEIGHT
        bars = tuple(
            Bar(top + offset, span * record[key] / 100.0, record[key], kind)
            for offset, key, kind in ((0, "score_before", "before"), (14, "score_after", "after"))
        )
        rows.append(ChartRow(record["path"], top + 17, bars))
        index += 1
    return rows


def diff_lines(diff: str) -> list[tuple[str, str]]:
    """(css class, line) for each line of a unified diff."""
    classes = []
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            kind = "head"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        classes.append((kind, line))
    return classes


def render_html(summary: Mapping[str, Any]) -> str:
    """The page for a ``summary.json`` object (see :func:`repair.report.summary.corpus_summary`)."""
    files = summary["files"]
    rows = chart_rows(files)
    template = _environment().get_template("index.html.j2")
    return template.render(
        summary=summary,
        totals=summary["totals"],
        files=files,
        diffs={record["path"]: diff_lines(record.get("diff", "")) for record in files},
        chart_rows=rows,
        chart_width=_CHART_WIDTH,
        chart_height=_TOP + max(len(rows), 1) * _ROW_HEIGHT + 10,
        label_width=_LABEL_WIDTH,
        bar_height=_BAR_HEIGHT,
        script=PAGE_SCRIPT,
        script_source=script_hash(PAGE_SCRIPT),
    )


__all__ = ["PAGE_SCRIPT", "chart_rows", "diff_lines", "render_html", "script_hash"]
