"""``index.html``: one self-contained page (inline CSS, inline SVG chart, no network).

The page is rendered by jinja2 with autoescaping on, so every piece of corpus text (file
names, messages quoting the text, diff lines) reaches the browser as text, never as markup.
Its Content-Security-Policy allows no network at all and only the page's own inline script,
by hash, so even markup that slipped through could not run.
"""

from __future__ import annotations

import base64
import hashlib
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import jinja2

# The page's only script: open or close every file's details, and say it ran and how many
# chart labels stick out of the chart on the left (a headless browser test reads the data-
# attributes on <html>).
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
  var labels = document.querySelectorAll("#chart text.label");
  var clipped = 0;
  for (var j = 0; j < labels.length; j++) { if (labels[j].getBBox().x < 0) { clipped++; } }
  root.setAttribute("data-labels", String(labels.length));
  root.setAttribute("data-clipped-labels", String(clipped));
  if (root.getAttribute("data-script") !== "error") { root.setAttribute("data-script", "ok"); }
})();
""".strip()

_LABEL_CHARS: Final = 48
"""Longest label shown whole; a longer file name loses its middle to an ellipsis."""
_MIN_LABEL_WIDTH: Final = 120
_BAR_SPAN: Final = 400
_VALUE_WIDTH: Final = 60
_ROW_HEIGHT: Final = 34
_BAR_HEIGHT: Final = 12
_TOP: Final = 28
CHART_ROWS: Final = 60
"""Most files the chart shows: past this, the ones scoring lowest after repair."""
DETAILED_FILES: Final = 300
"""Most files the page details (findings and diff): past this, the lowest-scoring ones.
summary.json and summary.md hold every file."""


@dataclass(frozen=True, slots=True)
class Bar:
    y: int
    width: float
    score: float
    kind: str


@dataclass(frozen=True, slots=True)
class ChartRow:
    label: str
    """The file's full name, for the tooltip."""
    shown: str
    """The name as the label column shows it: :func:`shorten_middle` of ``label``."""
    label_y: int
    bars: tuple[Bar, ...]


def shorten_middle(text: str, limit: int) -> str:
    """``text``, or its start and end around an ellipsis when it is longer than ``limit``.

    The end keeps twice as much as the start: in a path it holds the file name, and in a
    record's name the record's number.

    >>> shown = shorten_middle("corpus/2025/02/agency-wire.scraped.jsonl[1841]", 30)
    >>> shown.split("\N{HORIZONTAL ELLIPSIS}")
    ['corpus/20', '.scraped.jsonl[1841]']
    >>> shorten_middle("short.txt", 30)
    'short.txt'
    """
    if len(text) <= limit:
        return text
    head = (limit - 1) // 3
    tail = limit - 1 - head
    return text[:head] + "\N{HORIZONTAL ELLIPSIS}" + text[len(text) - tail :]


def label_width(text: str) -> float:
    """The width ``text`` takes in the chart's 12px sans-serif labels, in pixels, on the wide side.

    >>> label_width("news.txt"), label_width("NEWS"), label_width("\u65b0\u95fb")
    (60.0, 36.0, 24.0)
    """
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 12.0
    return 9.0 if char.isupper() else 7.5


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


def lowest_scoring(files: Sequence[Mapping[str, Any]], limit: int) -> list[Mapping[str, Any]]:
    """The files with an error and the scored files, at most ``limit`` of them in all: the
    ones scoring lowest after repair first kept, in their order in ``files``.

    A corpus of thousands of records would make a chart and a page nobody can read; the
    files that need a look are the ones worth showing.
    """
    if len(files) <= limit:
        return list(files)
    ranked = sorted(
        range(len(files)),
        # A file skipped (not English) has no score: it ranks as one with nothing to show.
        key=lambda i: (not files[i].get("error"), files[i].get("score_after", 100.0), i),
    )
    return [files[i] for i in sorted(ranked[:limit])]


def chart_rows(files: Sequence[Mapping[str, Any]]) -> list[ChartRow]:
    """Bars of the scores before and after repair, one row per scored file."""
    rows = []
    index = 0
    for record in files:
        if record.get("error") or record.get("skipped"):
            continue
        top = _TOP + index * _ROW_HEIGHT
        bars = tuple(
            Bar(top + offset, _BAR_SPAN * record[key] / 100.0, record[key], kind)
            for offset, key, kind in ((0, "score_before", "before"), (14, "score_after", "after"))
        )
        label = record["path"]
        rows.append(ChartRow(label, shorten_middle(label, _LABEL_CHARS), top + 17, bars))
        index += 1
    return rows


def label_column(rows: Sequence[ChartRow]) -> int:
    """The width of the chart's label column: its widest label and a margin."""
    widest = max((label_width(row.shown) for row in rows), default=0.0)
    return max(_MIN_LABEL_WIDTH, math.ceil(widest) + 16)


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
    scored = [record for record in files if not record.get("error") and not record.get("skipped")]
    rows = chart_rows(lowest_scoring(scored, CHART_ROWS))
    detailed = lowest_scoring(files, DETAILED_FILES)
    labels = label_column(rows)
    template = _environment().get_template("index.html.j2")
    return template.render(
        summary=summary,
        totals=summary["totals"],
        files=files,
        detailed=detailed,
        scored_count=len(scored),
        diffs={record["path"]: diff_lines(record.get("diff", "")) for record in detailed},
        chart_rows=rows,
        chart_width=labels + _BAR_SPAN + _VALUE_WIDTH,
        chart_height=_TOP + max(len(rows), 1) * _ROW_HEIGHT + 10,
        label_width=labels,
        bar_height=_BAR_HEIGHT,
        script=PAGE_SCRIPT,
        script_source=script_hash(PAGE_SCRIPT),
    )


__all__ = [
    "CHART_ROWS",
    "DETAILED_FILES",
    "PAGE_SCRIPT",
    "chart_rows",
    "diff_lines",
    "label_column",
    "label_width",
    "lowest_scoring",
    "render_html",
    "script_hash",
    "shorten_middle",
]
