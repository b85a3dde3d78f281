"""The result cache: entries by content and settings, their validation, folder indexes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from repair.cache import (
    FolderIndex,
    ResultCache,
    content_digest,
    locations_in,
)
from repair.checker import check_document
from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.fingerprint import settings_fingerprint
from tests.conftest import MT_ARTICLE, corpus_text

Checked = tuple[Document, list[Finding]]


@pytest.fixture
def checked() -> Checked:
    doc = Document.from_text(corpus_text(MT_ARTICLE), path=MT_ARTICLE.name)
    return doc, check_document(doc, Config())


def _key(text: str, config: Config, path: str = "story.txt") -> str:
    digest = content_digest(text.encode("utf-8"))
    return ResultCache.key(digest, settings_fingerprint(config, path), path)


def test_an_entry_gives_back_the_findings_and_where_they_stand(
    tmp_path: Path,
    checked: Checked,
) -> None:
    doc, findings = checked
    assert findings and any(f.fix is not None for f in findings)
    key = _key(doc.text, Config(), MT_ARTICLE.name)
    ResultCache(tmp_path).store(key, findings, doc, "a notice")
    # A new object, as the next run makes: read from disk, not from memory.
    entry = ResultCache(tmp_path).load(key)
    assert entry is not None
    assert entry.findings == findings
    assert tuple(entry.locations) == locations_in(doc, findings)
    assert entry.notice == "a notice"
    assert ResultCache(tmp_path).load(_key(doc.text + " ", Config(), MT_ARTICLE.name)) is None


def test_the_key_changes_with_content_settings_and_kind_of_file() -> None:
    text = corpus_text(MT_ARTICLE)
    key = _key(text, Config())
    assert key == _key(text, Config())
    assert key != _key(text + "One more line.\n", Config())
    assert key != _key(text, Config(select=("PUN",)))
    assert key != _key(text, Config(quote_style="straight"))
    assert key != _key(text, Config(), path="story.md")  # Markdown is read otherwise
    assert key == _key(text, Config(), path="other-name.txt")  # the name alone is not


def test_an_entity_list_enters_the_key_by_its_content(tmp_path: Path) -> None:
    listed = tmp_path / "entities.toml"
    listed.write_text('[[entity]]\nname = "Dovriv"\ntype = "place"\n', encoding="utf-8")
    config = Config(entities=(str(listed),))
    before = settings_fingerprint(config, "story.txt")
    status = listed.stat()
    # Same size, same modification time (as ``cp -p`` or ``tar`` leave it).
    listed.write_text('[[entity]]\nname = "Dovrov"\ntype = "place"\n', encoding="utf-8")
    os.utime(listed, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert listed.stat().st_size == status.st_size
    assert settings_fingerprint(config, "story.txt") != before


def _with_edits(entry: dict[str, Any], edits: list[list[object]]) -> list[list[Any]]:
    """The entry's findings, the first one with a fix given ``edits`` instead of its own."""
    rows = [list(row) for row in entry["findings"]]
    first = next(row for row in rows if row[5] is not None)
    first[5] = [first[5][0], first[5][1], edits]
    return rows


@pytest.mark.parametrize(
    "damage",
    [
        lambda entry: "{not json",
        lambda entry: json.dumps({**entry, "findings": "PUN002"}),
        lambda entry: json.dumps({**entry, "locations": entry["locations"][1:]}),
        lambda entry: json.dumps({**entry, "notice": 3}),
        # Edits out of order, or a range that ends before it starts: written out of place.
        lambda entry: json.dumps(
            {**entry, "findings": _with_edits(entry, [[10, 12, "a"], [0, 2, "b"]])}
        ),
        lambda entry: json.dumps({**entry, "findings": _with_edits(entry, [[10, 5, "a"]])}),
        lambda entry: json.dumps({**entry, "findings": [["PUN002", "m", 5, 2, "error", None]]}),
    ],
    ids=[
        "not-json",
        "findings-not-a-list",
        "locations-short",
        "notice-type",
        "edits-unsorted",
        "edit-reversed",
        "span-reversed",
    ],
)
def test_a_damaged_entry_is_a_miss(
    tmp_path: Path,
    checked: Checked,
    damage: Callable[[dict[str, Any]], str],
) -> None:
    doc, findings = checked
    key = _key(doc.text, Config(), MT_ARTICLE.name)
    cache = ResultCache(tmp_path)
    cache.store(key, findings, doc, None)
    (entry_file,) = list(tmp_path.rglob(f"{key}.json"))
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry_file.write_text(damage(entry), encoding="utf-8")
    assert ResultCache(tmp_path).load(key) is None


def test_folder_indexes_are_saved_and_read_by_the_next_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text(corpus_text(MT_ARTICLE), encoding="utf-8")
    status = story.stat()
    digest = content_digest(story.read_bytes())
    cache = ResultCache(tmp_path / "cache" / "0.1.0")
    index = cache.folder_index(corpus)
    assert cache.folder_index(corpus / ".") is cache.folder_index(corpus)
    index.remember("story.txt", status, digest, read_at_ns=status.st_mtime_ns + 3 * 10**9)
    cache.save_indexes()
    again = ResultCache(tmp_path / "cache" / "0.1.0").folder_index(corpus)
    assert again.digest("story.txt", status) == digest
    story.write_text("Another text.\n", encoding="utf-8")
    assert again.digest("story.txt", story.stat()) is None
    # The cache marks its top folder for git and for backup tools.
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert (tmp_path / "cache" / "CACHEDIR.TAG").exists()


def test_a_cache_folder_holding_other_files_is_not_hidden_from_git(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("A story.\n", encoding="utf-8")
    ResultCache.mark_cache_folder(tmp_path)
    assert not (tmp_path / ".gitignore").exists()
    marked = [p.parent.name for p in tmp_path.rglob(".gitignore")]
    assert len(marked) == 1 and marked[0][0].isdigit()  # the version's own folder


def test_a_damaged_folder_index_is_empty(tmp_path: Path) -> None:
    file = tmp_path / "index.json"
    file.write_text("[1, 2", encoding="utf-8")
    assert FolderIndex(file).entries == {}
    file.write_text(json.dumps({"story.txt": [1, 2, 3]}), encoding="utf-8")
    assert FolderIndex(file).digest("story.txt", file.stat()) is None
