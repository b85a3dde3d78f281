"""The cache of wordfreq's English table: the same table back, or none taken.

An entry is read back only when it is whole and of this layout and of this wordfreq file;
anything else is decoded again (and the entry rewritten), and a cache folder that cannot be
used costs only the decoding. Entries are written whole or not at all.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from repair import atomic, lexicon_cache
from repair.lexicon_cache import english_bands

REFERENCE = wordfreq.get_frequency_dict("en", "best")
SAMPLE = random.Random(7).sample(list(REFERENCE), 2000)


def _bands_of(table: lexicon_cache.Bands) -> list[int | None]:
    return [table.get(word) for word in [*SAMPLE, "xqzvtk", "", "THE", "zzzzzzzz"]]


@pytest.fixture(scope="module")
def decoded() -> lexicon_cache.Bands:
    table = english_bands(None)
    assert table is not None
    # wordfreq's frequency of each word is its band's
    assert all(REFERENCE[w] == 10 ** (-(table.get(w) or 0) / 100) for w in SAMPLE)
    return table


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder with a good entry (bytes to copy into each test's folder)."""
    folder = tmp_path_factory.mktemp("written") / "lexicon"
    english_bands(folder)
    return folder


def _entry(folder: Path) -> Path:
    (entry,) = folder.iterdir()
    return entry


def _fresh(written: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    source = _entry(written)
    (folder / source.name).write_bytes(source.read_bytes())
    return folder


def test_an_entry_gives_back_the_decoded_table(
    written: Path, decoded: lexicon_cache.Bands, tmp_path: Path
) -> None:
    table = english_bands(_fresh(written, tmp_path))
    assert type(table).__name__ == "_SortedBands"
    assert _bands_of(table) == _bands_of(decoded)
    for band in (0, 250, 400, 799, 2000):
        assert table.down_to(band) == decoded.down_to(band)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the words
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],  # one bit of the digest
        lambda data: b"",
        lambda data: b"not an entry at all",
    ],
)
def test_a_damaged_entry_is_decoded_again_and_rewritten(
    written: Path, decoded: lexicon_cache.Bands, tmp_path: Path, damage: object
) -> None:
    folder = _fresh(written, tmp_path)
    entry = _entry(folder)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    table = english_bands(folder)
    assert type(table).__name__ == "_DictBands"  # decoded, not read back
    assert _bands_of(table) == _bands_of(decoded)
    assert entry.read_bytes() == _entry(written).read_bytes()  # whole again
    assert type(english_bands(folder)).__name__ == "_SortedBands"


def test_an_entry_of_another_layout_is_not_read(
    written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _fresh(written, tmp_path)
    monkeypatch.setattr(lexicon_cache, "FORMAT", lexicon_cache.FORMAT + 1)
    assert type(english_bands(folder)).__name__ == "_DictBands"


def test_entries_of_another_wordfreq_file_are_replaced(written: Path, tmp_path: Path) -> None:
    folder = _fresh(written, tmp_path)
    stale = folder / "en-0000000000000000000000000000000000000000.table"
    _entry(folder).rename(stale)  # as if wordfreq's file had changed since
    assert type(english_bands(folder)).__name__ == "_DictBands"
    assert [path.name for path in folder.iterdir()] == [_entry(written).name]


def test_an_unusable_cache_folder_costs_only_the_decoding(
    decoded: lexicon_cache.Bands, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache's folder would be", encoding="utf-8")
    table = english_bands(blocker / "lexicon")
    assert table is not None
    assert _bands_of(table) == _bands_of(decoded)


def test_an_entry_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(atomic, "name_as", fail)
    folder = tmp_path / "lexicon"
    assert english_bands(folder) is not None
    assert list(folder.iterdir()) == []  # no entry, no part of one
    monkeypatch.undo()
    english_bands(folder)
    assert type(english_bands(folder)).__name__ == "_SortedBands"


def test_without_wordfreq_s_file_wordfreq_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_cache, "source_file", lambda: None)
    assert english_bands(None) is None
    assert lexicon_cache.decode(b"\x1f\x8b not gzip") is None


def test_a_cached_check_keeps_the_table_for_the_next_process(tmp_path: Path) -> None:
    """Through the CLI: the first check writes the entry, a second process reads it back
    (a check of another file, which the result cache does not know)."""
    script = (
        "import sys, contextlib, io\n"
        "from repair import lexicon\n"
        "from repair.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['check', '--exit-zero', '--jobs', '1', sys.argv[1]])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(type(lexicon._english[0]).__name__ if lexicon._english else None)\n"
    )
    env = {**os.environ, "REPAIR_CACHE_DIR": str(tmp_path / "cache"), "REPAIR_LANGUAGETOOL_URL": ""}
    kinds = []
    for name in ("a.txt", "b.txt"):
        text = tmp_path / name
        text.write_text(f"Prices ({name}) rose in Vessmark: a two -day truce.\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", script, str(text)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        kinds.append(done.stdout.strip())
    assert kinds == ["_DictBands", "_SortedBands"]
    assert list((tmp_path / "cache").glob("*/lexicon/en-*.table"))
