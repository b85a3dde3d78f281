"""Shared test helpers: the sample corpus, ../shared/eval, and golden-file comparison."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
