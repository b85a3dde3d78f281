"""Shared test helpers: the sample corpus, ../shared/eval, and golden-file comparison."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest
from hypothesis.configuration import set_hypothesis_home_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("REPAIR_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
UPDATE_GOLDEN = os.environ.get("REPAIR_UPDATE_GOLDEN") == "1"
# The LanguageTool server .ci/run (or a developer) started, for the tests that use one
# (tests/test_languagetool.py): every other test runs as if there were none.
LANGUAGETOOL_URL = os.environ.get("REPAIR_LANGUAGETOOL_URL", "").strip()

CLEAN_ARTICLE = CORPUS / "moscow-times-nato-week.clean.txt"
MARKDOWN_ARTICLE = CORPUS / "moscow-times-nato-week.scraped.md"
LIVE_BLOG = CORPUS / "live-blog-hegseth-nato.scraped.txt"
MT_ARTICLE = CORPUS / "cnbc-munich-conference.machine-translated.txt"
REWRITE = CORPUS / "ap-hegseth-nato-visit.rewrite.txt"


# Folders the tools around the tests write (the interpreter, pytest's own cache, linters,
# virtual environments): files appearing there are no test's doing.
_NOT_CHECKOUT: Final = frozenset(
    {".git", ".venv", "venv", ".tox", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
)

_CHECKOUT_BEFORE: Final = pytest.StashKey[frozenset[str]]()
_HYPOTHESIS_HOME: Final = pytest.StashKey[Path]()


def checkout_files(root: Path) -> frozenset[str]:
    """The files under ``root`` (relative paths), minus the folders of :data:`_NOT_CHECKOUT`.

    Compared at the start and end of a session: a test that writes into the checkout (a
    cache folder, Hypothesis's database, a report) makes the run fail, naming the files.
    """
    found = set()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in _NOT_CHECKOUT]
        relative = Path(folder).relative_to(root)
        found.update(str(relative / name) for name in files)
    return frozenset(found)


def pytest_sessionstart(session: pytest.Session) -> None:
    session.stash[_CHECKOUT_BEFORE] = checkout_files(ROOT)
    # Hypothesis keeps its database and caches in ./.hypothesis unless told otherwise; the
    # property tests run derandomized, so a database kept between runs adds nothing.
    if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        home = Path(tempfile.mkdtemp(prefix="repair-tests-hypothesis-"))
        session.stash[_HYPOTHESIS_HOME] = home
        set_hypothesis_home_dir(home)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    home = session.stash.get(_HYPOTHESIS_HOME, None)
    if home is not None:
        shutil.rmtree(home, ignore_errors=True)
    before = session.stash.get(_CHECKOUT_BEFORE, None)
    if before is None:
        return
    gained = sorted(checkout_files(ROOT) - before)
    if UPDATE_GOLDEN:  # rewriting golden files is what that run is for
        gained = [
            name for name in gained if not name.startswith(("tests/fixtures", "tests/snapshots"))
        ]
    if not gained:
        return
    shown = ", ".join(gained[:10]) + (f" and {len(gained) - 10} more" if len(gained) > 10 else "")
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"error: the tests wrote into the checkout: {shown}", red=True)
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True, scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A result cache for the whole session, outside the checkout.

    Module- and session-scoped fixtures run before the per-test ``_private_cache``: without
    this one, a fixture that runs repair (``markdown_against_clean`` in test_score.py) wrote
    ``.repair_cache/`` into the working folder.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPAIR_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache")))
        yield


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the result cache of every test out of the working tree and away from other tests."""
    monkeypatch.setenv("REPAIR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _no_languagetool(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No LanguageTool server or release for a test unless it asks for one: findings and
    notices must not depend on what this machine has."""
    nowhere = tmp_path_factory.getbasetemp() / "no-languagetool-here"
    monkeypatch.delenv("REPAIR_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setenv("REPAIR_LT_HOME", str(nowhere))
    monkeypatch.setenv("LTP_PATH", str(nowhere))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)


def corpus_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def require_eval(name: str) -> Path:
    """The path of an evaluation set under ../shared/eval, or skip the test."""
    path = EVAL / name
    if not path.exists():
        pytest.skip(f"../shared/eval/{name} is not here (CI has it beside the clone)")
    return path


def real_text_paths() -> list[Path]:
    """The real texts: the sample corpus, and the MQM documents and scraped pages of
    ../shared/eval (none of them when it is not here)."""
    paths = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
    paths += sorted((EVAL / "mqm-zhen" / "docs").glob("*.txt"))
    scraped = EVAL / "scraped"
    return paths + sorted(scraped.glob("*.txt")) + sorted(scraped.glob("*.md"))


def mqm_records() -> Iterator[dict[str, object]]:
    path = require_eval("mqm-zhen/segments.jsonl")
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)


def assert_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; ``REPAIR_UPDATE_GOLDEN=1`` rewrites it instead."""
    if UPDATE_GOLDEN or not path.exists():
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path.name} is missing: run with REPAIR_UPDATE_GOLDEN=1")
        path.write_text(actual, encoding="utf-8", newline="")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs (REPAIR_UPDATE_GOLDEN=1 to accept)"
