"""The LanguageTool adapter and the LT rule, against a local stand-in for /v2/check."""

from __future__ import annotations

import json
import os
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from repair import Config, check_text
from repair.cli_score import score
from repair.findings import Applicability, Span
from repair.score import languagetool
from tests.conftest import CLEAN_ARTICLE

MISSPELLED = "arived"


class _Handler(BaseHTTPRequestHandler):
    """Answers /v2/check as LanguageTool documents it: one match per "arived" in the text."""

    requests: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        text = form["text"][0]
        type(self).requests.append(text)
        matches = []
        start = text.find(MISSPELLED)
        while start != -1:
            matches.append(
                {
                    "message": "Possible spelling mistake found.",
                    "shortMessage": "Spelling mistake",
                    "replacements": [{"value": "arrived"}, {"value": "derived"}],
                    "offset": start,
                    "length": len(MISSPELLED),
                    "context": {"text": text, "offset": start, "length": len(MISSPELLED)},
                    "sentence": text,
                    "type": {"typeName": "UnknownWord"},
                    "rule": {
                        "id": "MORFOLOGIK_RULE_EN_US",
                        "description": "Possible spelling mistake",
                        "issueType": "misspelling",
                        "category": {"id": "TYPOS", "name": "Possible Typo"},
                    },
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
            start = text.find(MISSPELLED, start + 1)
        body = json.dumps({"software": {"name": "LanguageTool"}, "matches": matches}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def server_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Handler.requests = []
    url = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv(languagetool.ENV_URL, url)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(languagetool.ENV_URL, raising=False)
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "no-languagetool-here"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)


TEXT = "NATO ministers met in Brussels.\n\nThe minister arived on Tuesday.\n"


def test_findings_map_back_to_lines_and_columns(server_url: str) -> None:
    findings = [f for f in check_text(TEXT, config=Config(select=("LT",))) if f.code == "LT001"]
    assert len(findings) == 1
    finding = findings[0]
    assert TEXT[finding.start : finding.end] == MISSPELLED
    assert "MORFOLOGIK_RULE_EN_US" in finding.message
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert finding.fix.edits[0].replacement == "arrived"


def test_paragraphs_are_batched_into_one_request(server_url: str) -> None:
    check_text(TEXT, config=Config(select=("LT",)))
    assert _Handler.requests == [
        "NATO ministers met in Brussels.\n\nThe minister arived on Tuesday."
    ]


def test_cli_check_shows_line_and_column(server_url: str, tmp_path: Path) -> None:
    from repair.cli import main

    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "LT", str(path)])
    assert f"{path}:3:14: LT001" in result.stdout


def test_batches_map_offsets_of_each_paragraph() -> None:
    text = "aa arived\nbb\n\ncc arived"
    paragraphs = [Span(0, 9), Span(10, 12), Span(14, 23)]

    class Fake:
        def check(self, sent: str, language: str) -> list[languagetool.Match]:
            found = []
            start = sent.find(MISSPELLED)
            while start != -1:
                found.append(languagetool.Match(start, len(MISSPELLED), "typo", "R"))
                start = sent.find(MISSPELLED, start + 1)
            return found

    spans = [span for span, _ in languagetool.check_paragraphs(Fake(), text, paragraphs, "en")]
    assert [text[s.start : s.end] for s in spans] == [MISSPELLED, MISSPELLED]
    assert spans[1].start == text.rindex(MISSPELLED)


def test_batches_respect_the_size_limit() -> None:
    text = "one\ntwo\nthree\n"
    spans = [Span(0, 3), Span(4, 7), Span(8, 13)]
    sent = [batch for batch, _ in languagetool.batches(text, spans, limit=8)]
    assert sent == ["one\n\ntwo", "three"]


def test_without_a_server_the_rule_is_silent_and_one_notice_says_so(no_server: None) -> None:
    assert not [f for f in check_text(TEXT) if f.code == "LT001"]
    notice = languagetool.skipped_notice(Config(), environ={})
    assert notice is not None and "skipped" in notice
    result = CliRunner().invoke(score, [str(CLEAN_ARTICLE)])
    assert result.exit_code == 0
    assert result.stderr.count("grammar checks (LT) skipped") == 1


def test_off_and_urls_resolve_without_looking_for_a_local_install() -> None:
    assert languagetool.resolve("off", {languagetool.ENV_URL: "http://x"}).mode == "off"
    assert languagetool.resolve("http://lt.local:8081", {}).url == "http://lt.local:8081"
    assert languagetool.skipped_notice(Config(languagetool="off"), environ={}) is None


def test_a_bad_setting_is_a_config_error() -> None:
    from repair.errors import ConfigError

    with pytest.raises(ConfigError):
        languagetool.resolve("languagetool.org", {})


def test_local_install_is_detected_without_downloading(tmp_path: Path) -> None:
    assert languagetool.local_installation({"LTP_PATH": str(tmp_path)}) is None
    assert not list(tmp_path.iterdir())  # nothing created, nothing fetched
    release = tmp_path / "LanguageTool-6.8"
    release.mkdir()
    (release / "languagetool-server.jar").write_bytes(b"")
    found = languagetool.local_installation({"LTP_PATH": str(tmp_path)})
    import shutil

    assert found == (release if shutil.which("java") else None)


def test_an_unreachable_server_is_an_error_naming_it() -> None:
    checker = languagetool.HttpChecker("http://127.0.0.1:9", timeout=2)
    with pytest.raises(languagetool.LanguageToolError, match=r"127\.0\.0\.1:9"):
        checker.check("text", "en-US")


@pytest.mark.languagetool
@pytest.mark.skipif(
    not os.environ.get(languagetool.ENV_URL), reason="REPAIR_LANGUAGETOOL_URL is not set"
)
def test_real_server_finds_a_misspelling() -> None:
    findings = check_text(TEXT, config=Config(select=("LT",)))
    assert any(TEXT[f.start : f.end] == MISSPELLED for f in findings)
