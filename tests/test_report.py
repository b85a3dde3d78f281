"""``repair report``: summary.json, summary.md and a self-contained, escaped index.html."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from repair.cli_score import report
from repair.report.html import PAGE_SCRIPT, script_hash
from tests.conftest import CLEAN_ARTICLE, MT_ARTICLE

HOSTILE = "<script>alert(1)</script>"
# Longer than any label column fits whole; the chart must shorten it, not clip it.
LONG_NAME = (
    "BBC-MONITORING-UKRAINE-BRIEFING-" + "machine-translated-then-scraped-" * 3 + "2025-02-14.txt"
)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(MT_ARTICLE, corpus)
    shutil.copy(CLEAN_ARTICLE, corpus)
    (corpus / "hostile.txt").write_text(
        f"A reader wrote {HOSTILE} in the comments , and left.\n", encoding="utf-8"
    )
    shutil.copy(MT_ARTICLE, corpus / LONG_NAME)
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(report, [str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_writes_the_three_files(report_dir: Path) -> None:
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "index.html",
        "summary.json",
        "summary.md",
    ]


def test_summary_json_totals_and_files(report_dir: Path) -> None:
    summary = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    totals = summary["totals"]
    assert totals["files"] == 4
    assert totals["score_after"] >= totals["score_before"]
    by_name = {Path(f["path"]).name: f for f in summary["files"]}
    mt = by_name[MT_ARTICLE.name]
    assert mt["findings_list"] and mt["diff"].startswith("--- a/")
    assert by_name[CLEAN_ARTICLE.name]["score_before"] == 100.0


def test_summary_md_has_a_row_per_file(report_dir: Path) -> None:
    text = (report_dir / "summary.md").read_text(encoding="utf-8")
    assert MT_ARTICLE.name in text and "## Findings by family" in text


def test_corpus_text_is_escaped(report_dir: Path) -> None:
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1


def test_page_needs_no_network(report_dir: Path) -> None:
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    policy = html.unescape(page)  # the attribute holds the quotes escaped
    assert "default-src 'none'" in policy
    assert script_hash(PAGE_SCRIPT) in policy
    for needle in ("http://", "https://", "<link", " src="):
        assert needle not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def test_page_renders_in_headless_chromium(report_dir: Path, tmp_path: Path) -> None:
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium found (apt-get install chromium; .ci/run installs it)")
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--virtual-time-budget=2000",
        "--dump-dom",
        (report_dir / "index.html").as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    dom = result.stdout
    assert 'data-script="ok"' in dom, result.stderr[-2000:]
    assert 'data-bars="8"' in dom  # before and after for each of the four files
    assert 'data-labels="4"' in dom
    assert 'data-clipped-labels="0"' in dom  # the long name is shortened to fit
    assert '<svg id="chart"' in dom
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_chart_shortens_long_names_in_the_middle(report_dir: Path) -> None:
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    labels = dict(
        re.findall(r'<text class="label"[^>]*><title>([^<]*)</title>([^<]*)</text>', page)
    )
    assert len(labels) == 4
    (full,) = [name for name in labels if name.endswith(LONG_NAME)]
    shown = labels[full]
    assert "\N{HORIZONTAL ELLIPSIS}" in shown and len(shown) < len(full)
    assert shown.endswith("scraped-2025-02-14.txt")  # the end of a name tells files apart
    short = [name for name in labels if name.endswith("hostile.txt")]
    assert short and all(labels[name] == name for name in short if len(name) <= 48)


def test_report_of_a_records_corpus_has_a_row_per_record(tmp_path: Path) -> None:
    lines = [line for line in MT_ARTICLE.read_text(encoding="utf-8").splitlines() if line][:3]
    corpus = tmp_path / "news.jsonl"
    rows = [json.dumps({"text": lines[0].replace(" and ", " &amp; ", 1)}), "{broken"]
    rows += [json.dumps({"text": line}) for line in lines[1:]]
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    result = CliRunner().invoke(report, ["--isolated", str(corpus), "--out", str(out)])
    assert result.exit_code == 2  # the malformed record; the report is written all the same
    assert f"error: {corpus}[2]: line 2: invalid JSON" in result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    records = summary["files"]
    assert [r["path"] for r in records] == [f"{corpus}[{n}]" for n in range(1, 5)]
    assert records[1]["error"].startswith("line 2: invalid JSON")
    assert records[0]["findings"]["ENC"] == 1
    assert records[0]["diff"].startswith(f"--- a/{corpus}[1]") and "+" in records[0]["diff"]
    assert summary["totals"]["files"] == 4 and summary["totals"]["files_with_errors"] == 1
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    assert all(f"| {corpus}[{n}] |" in markdown for n in range(1, 5))
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count('<text class="label"') == 3  # the chart leaves the error out


def test_a_large_corpus_charts_and_details_its_lowest_scoring_documents(report_dir: Path) -> None:
    from repair.report.html import CHART_ROWS, DETAILED_FILES, render_html

    summary = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    template = next(f for f in summary["files"] if f["findings_list"])
    files = [
        {**template, "path": f"news.jsonl[{n}]", "score_after": 100.0 - (n * 37 % 1000) / 10}
        for n in range(1, 1001)
    ]
    files[500] = {"path": "news.jsonl[501]", "error": "line 501: invalid JSON"}
    page = render_html({**summary, "files": files})
    labels = re.findall(r'<text class="label"[^>]*><title>([^<]*)</title>', page)
    assert len(labels) == CHART_ROWS
    scored = [f for f in files if not f.get("error")]
    worst = sorted(scored, key=lambda f: f["score_after"])[:CHART_ROWS]
    assert sorted(labels) == sorted(f["path"] for f in worst)
    assert labels == [f["path"] for f in scored if f["path"] in set(labels)]  # corpus order
    details = re.findall(r'<details class="file">\s*<summary>([^<&]*)', page)
    assert len(details) == DETAILED_FILES and "news.jsonl[501]" in details
    assert page.count("<tr><td>news.jsonl[") == 1000  # the table keeps every document
    assert f"The {CHART_ROWS} of 999 documents that score lowest after repair" in page
