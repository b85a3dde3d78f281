"""``repair report``: summary.json, summary.md and a self-contained, escaped index.html."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

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


def test_writes_the_four_files(report_dir: Path) -> None:
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "diffs.json",
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
    assert mt["findings_list"] and by_name[CLEAN_ARTICLE.name]["score_before"] == 100.0
    # The diffs, as large as the corpus, are in diffs.json, by path; summary.json has none.
    assert all("diff" not in record for record in summary["files"])
    diffs = json.loads((report_dir / "diffs.json").read_text(encoding="utf-8"))
    assert diffs[mt["path"]].startswith("--- a/")
    assert by_name[CLEAN_ARTICLE.name]["path"] not in diffs


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
    assert 'data-resources="0"' in dom  # nothing loaded: no font, image, style or script
    # The worst document heads the chart and the sections, open, its changed words marked.
    worst = _worst_first(report_dir)[0]
    first_label = re.search(r'<text class="label"[^>]*><title>([^<]*)</title>', dom)
    assert first_label and first_label[1] == html.escape(worst, quote=False)
    first_section = dom[dom.index('<details class="file"') :]
    first_section = first_section[: first_section.index("</details>")]
    assert "<summary>" + html.escape(worst, quote=False) in first_section
    assert re.match(r'<details class="file"[^>]* open[ =>]', first_section)
    assert re.search(r'<span class="add">\+[^\n]*<mark>', first_section)


def _worst_first(report_dir: Path) -> list[str]:
    summary = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    ranked = sorted(summary["files"], key=lambda f: (f["score_after"], f["score_before"]))
    return [record["path"] for record in ranked]


def test_chart_and_sections_are_worst_first_and_say_so(report_dir: Path) -> None:
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<text class="label"[^>]*><title>([^<]*)</title>', page)
    worst = [html.escape(path, quote=False) for path in _worst_first(report_dir)]
    assert labels == worst
    assert "worst first" in page[page.index('id="chart-note"') :][:200]
    sections = re.findall(r'<details class="file"[^>]*>\s*<summary>([^<&]*)', page)
    assert [name.strip() for name in sections] == worst


def test_the_worst_sections_are_open_and_can_be_filtered_by_family(report_dir: Path) -> None:
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    opening = re.findall(r'<details class="file" data-families="([^"]*)"( open)?>', page)
    assert len(opening) == 4
    summary = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    clean = [r for r in summary["files"] if not r["findings_list"]]
    assert [bool(is_open) for _, is_open in opening] == [True] * (4 - len(clean)) + [False] * len(
        clean
    )
    families = set(summary["totals"]["by_family"])
    assert families and set(" ".join(f for f, _ in opening).split()) <= families
    options = re.findall(r'<option value="([^"]*)">', page)
    assert options == ["", *sorted(families)]
    assert 'id="family-filter"' in page and "data-families" in PAGE_SCRIPT


def test_diffs_mark_the_changed_words_inside_a_line() -> None:
    from repair.report.html import diff_lines

    long_line = "word " * 50
    diff = (
        "--- a/x.txt\n+++ b/x.txt\n@@ -1,2 +1,2 @@\n"
        f"-{long_line}two -day truce\n+{long_line}two-day truce\n"
        "--- a signature\n+- a signature\n"
    )
    lines = diff_lines(diff)
    assert [line.kind for line in lines] == ["head", "head", "hunk", "del", "add", "del", "add"]
    removed, added = lines[3], lines[4]
    assert [text for text, changed in removed.pieces if changed] == [" "]
    assert not any(changed for _, changed in added.pieces)
    assert "".join(text for text, _ in added.pieces) == f"+{long_line}two-day truce"
    changed = [text for text, marked in lines[5].pieces if marked]
    assert changed == ["-"]  # a removed line that began with "--" is not a file header


def test_summary_json_stays_small_beside_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = MT_ARTICLE.read_text(encoding="utf-8")
    for number in range(20):
        (corpus / f"doc{number}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "report"
    result = CliRunner().invoke(report, ["--isolated", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    corpus_size = sum(path.stat().st_size for path in corpus.iterdir())
    # A finding is a line of data, not a copy of the text: this article has one in every
    # 200 characters, and summary.json stays within twice the corpus (six times with diffs).
    assert (out / "summary.json").stat().st_size < 2 * corpus_size
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["files"]) == 20 and summary["files"][0]["findings_list"]
    assert len(json.loads((out / "diffs.json").read_text(encoding="utf-8"))) == 20


@pytest.mark.parametrize("command", ["score", "report"])
def test_score_and_report_show_check_s_progress_bar(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import repair.cli_output
    import repair.cli_score
    from repair.cli import main

    labels: list[str] = []
    shown = repair.cli_output.with_progress

    def spy(results: Any, total: int, label: str) -> Any:
        labels.append(label)
        return shown(results, total, label)

    monkeypatch.setattr(repair.cli_score, "with_progress", spy)
    args = [command, "--isolated", str(MT_ARTICLE)]
    args += ["--out", str(tmp_path / "out")] if command == "report" else []
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert labels == ["Scoring"]


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
    diffs = json.loads((out / "diffs.json").read_text(encoding="utf-8"))
    assert diffs[f"{corpus}[1]"].startswith(f"--- a/{corpus}[1]") and "+" in diffs[f"{corpus}[1]"]
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
    assert labels == [f["path"] for f in worst]  # worst first
    details = re.findall(r'<details class="file"[^>]*>\s*<summary>([^<&]*)', page)
    assert len(details) == DETAILED_FILES and details[0] == "news.jsonl[501]"  # the error
    assert page.count("<tr><td>news.jsonl[") == 1000  # the table keeps every document
    assert f"The {CHART_ROWS} of 999 documents that score lowest after repair, worst first" in page


@pytest.mark.parametrize("count", [0, 1, 3])
def test_summary_json_is_json_with_a_file_a_line(count: int) -> None:
    from repair.report.summary import summary_json

    data = {"tool": "repair", "files": [{"path": f"f{n}.txt", "words": n} for n in range(count)]}
    text = summary_json(data)
    assert json.loads(text) == data
    assert sum(line.lstrip().startswith('{"path"') for line in text.splitlines()) == count


def test_report_files_are_written_through_links_in_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    published = tmp_path / "site"
    published.mkdir()
    for name in ("summary.json", "index.html"):
        (published / name).write_text("old", encoding="utf-8")
        (out / name).symlink_to(published / name)
    result = CliRunner().invoke(report, ["--isolated", str(MT_ARTICLE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "summary.json").is_symlink() and (out / "index.html").is_symlink()
    assert json.loads((published / "summary.json").read_text(encoding="utf-8"))["files"]
    assert (published / "index.html").read_text(encoding="utf-8").startswith("<!")
    assert not (out / "diffs.json").is_symlink() and (out / "diffs.json").is_file()
