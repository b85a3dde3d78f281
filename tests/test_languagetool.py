"""The LanguageTool adapter and the LT rule: against a local stand-in for /v2/check, and
against a real LanguageTool server (marker ``languagetool``) when one is here.

The real server is the one ``REPAIR_LANGUAGETOOL_URL`` names (.ci/run starts one with
scripts/languagetool.sh), else one this session starts from a release that
``scripts/languagetool.sh fetch`` put in the cache folder; without either those tests skip,
saying so.
"""

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

from repair import Config, check_text, languagetool
from repair.api import grammar_skipped_notice
from repair.cli_score import score
from repair.findings import Applicability, Span
from repair.languagetool_server import LocalServer, newest_installation, version_key
from repair.rules.languagetool import grammar_in_force
from tests.conftest import CLEAN_ARTICLE, CORPUS, LANGUAGETOOL_URL, MT_ARTICLE

MISSPELLED = "arived"


# What the stand-in server flags: word -> (LanguageTool rule id, issue type).
_FLAGGED = {
    MISSPELLED: ("MORFOLOGIK_RULE_EN_US", "misspelling"),
    "Keqiao": ("MORFOLOGIK_RULE_EN_US", "misspelling"),  # a name: never a spelling error
    "sea shore": ("EN_COMPOUNDS_SEA_SHORE", "misspelling"),  # not a rule LT001 reports
}


class _Handler(BaseHTTPRequestHandler):
    """Answers /v2/check as LanguageTool documents it: one match per word of _FLAGGED."""

    requests: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        text = form["text"][0]
        type(self).requests.append(text)
        matches = []
        for word, (rule_id, issue_type) in _FLAGGED.items():
            matches += _matches_of(text, word, rule_id, issue_type)
        body = json.dumps({"software": {"name": "LanguageTool"}, "matches": matches}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Keep the test output quiet."""


def _matches_of(text: str, word: str, rule_id: str, issue_type: str) -> list[dict[str, object]]:
    """The /v2/check matches of each ``word`` in ``text``, as LanguageTool writes them."""
    matches: list[dict[str, object]] = []
    start = text.find(word)
    while start != -1:
        matches.append(
            {
                "message": "Possible spelling mistake found.",
                "shortMessage": "Spelling mistake",
                "replacements": [{"value": "arrived"}, {"value": "derived"}],
                "offset": start,
                "length": len(word),
                "context": {"text": text, "offset": start, "length": len(word)},
                "sentence": text,
                "type": {"typeName": "UnknownWord"},
                "rule": {
                    "id": rule_id,
                    "description": "Possible spelling mistake",
                    "issueType": issue_type,
                    "category": {"id": "TYPOS", "name": "Possible Typo"},
                },
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            }
        )
        start = text.find(word, start + 1)
    return matches


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
def no_server() -> None:
    """None: tests.conftest hides every server and release from each test."""


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


NAMED = "Keqiao said the sea shore was closed, and the minister arived late.\n"


def test_names_and_rules_left_out_by_default_are_not_reported(server_url: str) -> None:
    found = [NAMED[f.start : f.end] for f in check_text(NAMED, config=Config(select=("LT",)))]
    assert found == [MISSPELLED]


def test_one_languagetool_rule_is_selected_or_ignored_by_its_id(server_url: str) -> None:
    extended = Config(select=("QUO", "LT:EN_COMPOUNDS_SEA_SHORE"))
    found = [NAMED[f.start : f.end] for f in check_text(NAMED, config=extended)]
    assert found == ["sea shore"]
    without_spelling = Config(extend_select=("LT",), ignore=("LT:MORFOLOGIK_RULE_EN_US",))
    assert not [f for f in check_text(NAMED, config=without_spelling) if f.code == "LT001"]


def test_languagetool_rule_ids_are_valid_selectors_in_config_files(tmp_path: Path) -> None:
    from repair.config import load_config
    from repair.errors import ConfigError

    good = tmp_path / "repair.toml"
    good.write_text('extend-select = ["LT:EN_A_VS_AN"]\nignore = ["LT:FEWER_LESS"]\n')
    assert load_config(good).ignore == ("LT:FEWER_LESS",)
    bad = tmp_path / "bad.toml"
    bad.write_text('ignore = ["QUO:X"]\n')
    with pytest.raises(ConfigError, match="QUO:X"):
        load_config(bad)


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
    selected = Config(extend_select=("LT",))
    assert not [f for f in check_text(TEXT, config=selected) if f.code == "LT001"]
    assert grammar_in_force(selected)
    notice = languagetool.skipped_notice(selected.languagetool, environ=dict(os.environ))
    assert notice is not None and "skipped" in notice
    assert grammar_skipped_notice(Config()) is None
    result = CliRunner().invoke(score, ["--extend-select", "LT", str(CLEAN_ARTICLE)])
    assert result.exit_code == 0
    assert result.stderr.count("grammar checks (LT) skipped") == 1


def test_grammar_checks_are_off_unless_selected_or_a_server_is_named(
    server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(languagetool.ENV_URL)
    assert not grammar_in_force(Config())
    assert grammar_in_force(Config(extend_select=("LT",)))
    assert grammar_in_force(Config(languagetool=server_url))
    assert not grammar_in_force(Config(languagetool=server_url, ignore=("LT",)))
    monkeypatch.setenv(languagetool.ENV_URL, server_url)
    assert grammar_in_force(Config())
    assert not grammar_in_force(Config(select=("QUO",)))
    assert "LT001" in {f.code for f in check_text(TEXT)}


def test_off_and_urls_resolve_without_looking_for_a_local_install() -> None:
    assert languagetool.resolve("off", {languagetool.ENV_URL: "http://x"}).mode == "off"
    assert languagetool.resolve("http://lt.local:8081", {}).url == "http://lt.local:8081"
    assert languagetool.skipped_notice("off", environ={}) is None


def test_a_bad_setting_is_a_config_error() -> None:
    from repair.errors import ConfigError

    with pytest.raises(ConfigError):
        languagetool.resolve("languagetool.org", {})


def test_local_install_is_detected_without_downloading(tmp_path: Path) -> None:
    where = {"LTP_PATH": str(tmp_path / "ltp"), "REPAIR_LT_HOME": str(tmp_path / "lt")}
    assert languagetool.local_installation(where) is None
    assert not list(tmp_path.iterdir())  # nothing created, nothing fetched
    for version in ("6.9", "6.10"):
        release = tmp_path / "ltp" / f"LanguageTool-{version}"
        release.mkdir(parents=True)
        (release / "languagetool-server.jar").write_bytes(b"")
    fetched = tmp_path / "lt" / "6.8"
    (fetched / "lib").mkdir(parents=True)
    (fetched / ".complete").write_bytes(b"")
    (tmp_path / "lt" / "6.11").mkdir()  # a fetch that did not finish
    found = languagetool.local_installation(where)
    import shutil

    assert found == (tmp_path / "ltp" / "LanguageTool-6.10" if shutil.which("java") else None)


def test_versions_sort_as_numbers() -> None:
    assert version_key("LanguageTool-6.10") > version_key("LanguageTool-6.9") > version_key("6.8")


def test_an_unreachable_server_is_an_error_naming_it() -> None:
    checker = languagetool.HttpChecker("http://127.0.0.1:9", timeout=2)
    with pytest.raises(languagetool.LanguageToolError, match=r"127\.0\.0\.1:9"):
        checker.check("text", "en-US")


def test_a_failing_server_costs_the_file_its_grammar_findings_only(tmp_path: Path) -> None:
    from repair.cli import main as cli_main

    path = tmp_path / "article.txt"
    path.write_text("AT&amp;T said the minister arived.\n", encoding="utf-8")
    dead = "http://127.0.0.1:9"  # the discard port: nothing listens there
    outcome = CliRunner().invoke(
        cli_main,
        ["check", "--extend-select", "LT", str(path)],
        env={languagetool.ENV_URL: dead},
    )
    assert outcome.exit_code == 1
    assert "ENC005" in outcome.stdout  # the other findings stand
    assert "LT001" not in outcome.stdout
    assert outcome.stderr.count("\n") == 1
    assert outcome.stderr.startswith("warning: grammar findings (LT) missing in 1 file(s)")
    # Nothing lacking grammar findings was cached: a run with a server checks it again.
    again = CliRunner().invoke(
        cli_main,
        ["check", "--extend-select", "LT", str(path)],
        env={languagetool.ENV_URL: dead},
    )
    assert again.stderr == outcome.stderr


# Against a real LanguageTool server ------------------------------------------------------------


@pytest.fixture(scope="session")
def real_release() -> Path | None:
    """The LanguageTool release on this machine, looked for before tests.conftest hides it."""
    return newest_installation(os.environ)


@pytest.fixture
def own_release(real_release: Path | None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The release, visible to this test's runs, which start their own server from it."""
    if real_release is None:
        pytest.skip(
            "no LanguageTool release to start a server from: scripts/languagetool.sh fetch "
            "(needs Maven and Java) puts one in the cache folder"
        )
    monkeypatch.setenv("REPAIR_LT_HOME", str(real_release.parent))
    return real_release


@pytest.fixture(scope="session")
def real_server(real_release: Path | None) -> Iterator[str]:
    """The URL of a real LanguageTool server for the session, or skip saying why not."""
    if LANGUAGETOOL_URL:
        from repair.languagetool_server import answers

        if not answers(LANGUAGETOOL_URL, timeout=10):
            pytest.skip(f"REPAIR_LANGUAGETOOL_URL={LANGUAGETOOL_URL} does not answer")
        yield LANGUAGETOOL_URL
        return
    if real_release is None:
        pytest.skip(
            "no LanguageTool server: set REPAIR_LANGUAGETOOL_URL, or fetch a release with "
            "scripts/languagetool.sh fetch (needs Maven and Java)"
        )
    with LocalServer.start(real_release) as server:
        yield server.url


@pytest.fixture
def real_url(real_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(languagetool.ENV_URL, real_server)
    return real_server


def _lines(output: str, code: str) -> list[str]:
    return [line for line in output.splitlines() if f" {code} " in line]


@pytest.mark.languagetool
@pytest.mark.slow  # starts a Java server (about 20 s) or talks to one
def test_real_server_finds_a_misspelling(real_url: str) -> None:
    findings = check_text(TEXT, config=Config(select=("LT",)))
    assert [TEXT[f.start : f.end] for f in findings] == [MISSPELLED]
    assert "MORFOLOGIK_RULE_EN_US" in findings[0].message


@pytest.mark.languagetool
@pytest.mark.slow  # starts a Java server (about 20 s) or talks to one
def test_real_server_flags_the_mt_articles_non_words_and_not_the_clean_one(
    real_url: str,
) -> None:
    from repair.cli import main as cli_main

    result = CliRunner().invoke(
        cli_main, ["check", "--no-cache", "--extend-select", "LT", str(CORPUS)]
    )
    grammar = _lines(result.stdout, "LT001")
    for word in ("Productory", "stateing", "enrager"):
        assert any(line.startswith(str(MT_ARTICLE)) and f'"{word}"' in line for line in grammar)
    assert not [line for line in grammar if line.startswith(str(CLEAN_ARTICLE))]
    assert "LanguageTool" not in result.stderr and "LT" not in result.stderr


@pytest.mark.languagetool
@pytest.mark.slow  # starts a Java server (about 20 s) or talks to one
def test_real_server_killed_mid_run_costs_only_grammar_findings(
    own_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's own server dies after its first answer: the other files keep every finding
    but LT's, one warning says so, and no Java process is left."""
    from repair.cli import main as cli_main

    folder = tmp_path / "articles"
    folder.mkdir()
    for index in range(3):
        (folder / f"{index}.txt").write_text(
            f"AT&amp;T said the minister arived on day {index}.\n", encoding="utf-8"
        )
    started: list[LocalServer] = []
    real_start = LocalServer.start.__func__  # type: ignore[attr-defined]

    def start_and_keep(cls: type[LocalServer], *args: object, **kwargs: object) -> LocalServer:
        server: LocalServer = real_start(cls, *args, **kwargs)
        started.append(server)
        return server

    answered: list[str] = []
    real_check = languagetool.HttpChecker.check

    def check_then_kill(
        self: languagetool.HttpChecker, text: str, language: str
    ) -> list[languagetool.Match]:
        if answered:
            started[0].process.kill()
            started[0].process.wait()
        answered.append(text)
        return real_check(self, text, language)

    monkeypatch.setattr(LocalServer, "start", classmethod(start_and_keep))
    monkeypatch.setattr(languagetool.HttpChecker, "check", check_then_kill)
    result = CliRunner().invoke(
        cli_main, ["check", "--no-cache", "--jobs", "1", "--extend-select", "LT", str(folder)]
    )
    assert len(started) == 1
    assert len(_lines(result.stdout, "ENC005")) == 3
    assert len(_lines(result.stdout, "LT001")) == 1
    assert result.stderr.splitlines() == [
        "warning: grammar findings (LT) missing in 2 file(s): LanguageTool server "
        f"{started[0].url}: [Errno 111] Connection refused"
    ]
    assert started[0].process.poll() is not None


@pytest.mark.languagetool
@pytest.mark.slow  # starts a Java server (about 20 s) or talks to one
def test_a_ctrl_c_stops_the_runs_server(
    own_release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from repair.cli import main as cli_main

    started: list[LocalServer] = []
    real_start = LocalServer.start.__func__  # type: ignore[attr-defined]

    def start_and_keep(cls: type[LocalServer], *args: object, **kwargs: object) -> LocalServer:
        server: LocalServer = real_start(cls, *args, **kwargs)
        started.append(server)
        return server

    def interrupted(
        self: languagetool.HttpChecker, text: str, language: str
    ) -> list[languagetool.Match]:
        raise KeyboardInterrupt

    monkeypatch.setattr(LocalServer, "start", classmethod(start_and_keep))
    monkeypatch.setattr(languagetool.HttpChecker, "check", interrupted)
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        cli_main, ["check", "--no-cache", "--extend-select", "LT", str(path)]
    )
    assert isinstance(result.exception, KeyboardInterrupt) or result.exit_code != 0
    assert len(started) == 1 and started[0].process.poll() is not None
