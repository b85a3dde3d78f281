"""An in-place fix of a file with several hard links writes the file itself, as black and
ruff do: every name shows the fix, and a failure never leaves half a text."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from repair import fix_paths
from repair.cli import main
from repair.errors import FileNotWritten
from repair.write_back import write_atomic
from tests.conftest import MT_ARTICLE

pytestmark = pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")


def _linked_pair(folder: Path) -> tuple[Path, Path]:
    """A copy of the machine-translated article under two names in two folders."""
    (folder / "corpus").mkdir()
    (folder / "elsewhere").mkdir()
    first = folder / "corpus" / "article.txt"
    shutil.copyfile(MT_ARTICLE, first)
    first.chmod(0o640)
    second = folder / "elsewhere" / "same-article.txt"
    os.link(first, second)
    return first, second


def _fixed_alone(folder: Path) -> bytes:
    """The article as a fix of a copy with one name leaves it."""
    alone = folder / "alone.txt"
    shutil.copyfile(MT_ARTICLE, alone)
    (result,) = fix_paths([alone])
    assert result.written
    return alone.read_bytes()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.repair-tmp"))


def test_both_names_show_the_fix_and_stay_one_file(tmp_path: Path) -> None:
    first, second = _linked_pair(tmp_path)
    inode = first.stat().st_ino
    expected = _fixed_alone(tmp_path)
    assert expected != MT_ARTICLE.read_bytes()
    result = CliRunner().invoke(main, ["fix", str(tmp_path / "corpus")])
    assert result.exit_code in (0, 1), result.output
    assert first.read_bytes() == expected
    assert second.read_bytes() == expected
    status = first.stat()
    assert (status.st_ino, status.st_nlink) == (inode, 2)
    assert stat.S_IMODE(status.st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_a_fix_run_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    first, second = _linked_pair(tmp_path)
    list(fix_paths([first]))
    once = second.read_bytes()
    (again,) = fix_paths([second])
    assert not again.written and second.read_bytes() == once == first.read_bytes()


@pytest.mark.parametrize("new_text", [b"short\n", b"a text longer than the one it replaces\n" * 50])
def test_longer_and_shorter_texts_replace_the_bytes_exactly(
    tmp_path: Path, new_text: bytes
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"the old text of the file\n" * 4)
    os.link(path, tmp_path / "b.txt")
    write_atomic(path, new_text, replacing=path.stat())
    assert path.read_bytes() == new_text == (tmp_path / "b.txt").read_bytes()
    assert path.stat().st_nlink == 2


def test_an_edit_through_the_other_name_while_fixing_is_kept(tmp_path: Path) -> None:
    first, second = _linked_pair(tmp_path)
    read = first.stat()
    with second.open("a", encoding="utf-8") as stream:
        stream.write("An edit made while the fix ran.\n")
    os.utime(second, ns=(read.st_atime_ns, read.st_mtime_ns + 5_000_000_000))
    edited = second.read_bytes()
    with pytest.raises(FileNotWritten, match="changed while it was being fixed"):
        write_atomic(first, b"fixed\n", replacing=read)
    assert first.read_bytes() == edited
    assert _leftovers(tmp_path) == []


def test_a_full_disk_before_the_first_byte_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _linked_pair(tmp_path)
    before = first.read_bytes()

    def no_room(file: int, offset: int, length: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "posix_fallocate", no_room, raising=False)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(first, before + b"and a longer fixed text\n", replacing=first.stat())
    assert first.read_bytes() == before == second.read_bytes()
    assert first.stat().st_nlink == 2
    assert _leftovers(tmp_path) == []


def _failing_pwrite(monkeypatch: pytest.MonkeyPatch, failures: int) -> None:
    """``os.pwrite`` writes half its bytes at offset 0, then fails ``failures`` times."""
    real_pwrite = os.pwrite
    left = [failures]

    def half_then_fail(file: int, data: Any, offset: int) -> int:
        if offset and left[0]:
            left[0] -= 1
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        if offset:
            return real_pwrite(file, data, offset)
        return real_pwrite(file, bytes(data)[: max(1, len(data) // 2)], offset)

    monkeypatch.setattr(os, "pwrite", half_then_fail)


def test_a_write_failing_half_way_puts_the_old_text_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _linked_pair(tmp_path)
    before = first.read_bytes()
    _failing_pwrite(monkeypatch, failures=1)
    with pytest.raises(FileNotWritten, match="left as it was"):
        write_atomic(first, before.replace(b" ", b"  "), replacing=first.stat())
    assert first.read_bytes() == before == second.read_bytes()
    assert first.stat().st_nlink == 2
    assert _leftovers(tmp_path) == []


def test_a_file_that_cannot_be_put_back_gets_the_whole_fixed_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _ = _linked_pair(tmp_path)
    fixed = first.read_bytes().replace(b" ", b"  ")
    _failing_pwrite(monkeypatch, failures=2)
    with pytest.raises(FileNotWritten, match="nor put back"):
        write_atomic(first, fixed, replacing=first.stat())
    assert first.read_bytes() == fixed  # whole, under a new inode
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert first.stat().st_nlink == 1
    assert _leftovers(tmp_path) == []


def test_a_read_only_linked_file_is_left_alone(tmp_path: Path) -> None:
    first, second = _linked_pair(tmp_path)
    first.chmod(0o444)
    (result,) = fix_paths([first])
    assert result.error is not None and "read-only" in result.error
    assert second.read_bytes() == MT_ARTICLE.read_bytes()
