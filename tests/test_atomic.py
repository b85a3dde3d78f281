"""The one atomic writer: new bytes replace a file whole, or the file stays as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from repair.atomic import atomic_output, output_text, write_output_text
from repair.errors import RepairError


@pytest.fixture(params=["unnamed", "named"])
def temporary_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways to make the new file: unnamed (Linux's ``O_TMPFILE``) and a hidden named
    temporary file, as on systems without unnamed files."""
    if request.param == "named":
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    return str(request.param)


def _names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


def test_the_new_bytes_replace_the_file_when_the_block_ends(
    tmp_path: Path, temporary_kind: str
) -> None:
    target = tmp_path / "news.jsonl"
    target.write_bytes(b'{"text": "old"}\n')
    with atomic_output(target) as stream:
        stream.write(b'{"text": "new"}\n')
        assert target.read_bytes() == b'{"text": "old"}\n'  # nothing seen until the rename
    assert target.read_bytes() == b'{"text": "new"}\n'
    assert _names(tmp_path) == ["news.jsonl"]


def test_a_block_that_fails_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, temporary_kind: str
) -> None:
    target = tmp_path / "news.jsonl"
    target.write_bytes(b"kept\n")
    with pytest.raises(ValueError, match="half way"), atomic_output(target) as stream:
        stream.write(b"part of a new text")
        raise ValueError("failed half way")
    assert target.read_bytes() == b"kept\n"
    assert _names(tmp_path) == ["news.jsonl"]


def test_a_new_file_is_private_unless_given_a_mode(tmp_path: Path, temporary_kind: str) -> None:
    private, shared = tmp_path / "entry.json", tmp_path / "fixed.txt"
    with atomic_output(private) as stream:
        stream.write(b"{}")
    with atomic_output(shared, mode=0o644) as stream:
        stream.write(b"text\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644


def test_a_failure_before_naming_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"edited meanwhile\n")

    def refuse() -> None:
        raise RepairError("changed while it was being fixed")

    with pytest.raises(RepairError), atomic_output(target, before_naming=refuse) as stream:
        stream.write(b"fixed\n")
    assert target.read_bytes() == b"edited meanwhile\n"
    assert _names(tmp_path) == ["a.txt"]


def test_write_error_names_the_writers_failures_but_not_the_blocks(tmp_path: Path) -> None:
    def cannot_write(error: OSError) -> RepairError:
        return RepairError(f"cannot write: {error.strerror}")

    missing_folder = tmp_path / "no such folder" / "out.jsonl"
    with (
        pytest.raises(RepairError, match="cannot write: No such file"),
        atomic_output(missing_folder, write_error=cannot_write),
    ):
        pytest.fail("the block runs only once the new file is open")

    target = tmp_path / "out.jsonl"
    with (
        pytest.raises(FileNotFoundError, match="the corpus read"),
        atomic_output(target, write_error=cannot_write),
    ):
        raise FileNotFoundError("the corpus read in the block is gone")
    assert _names(tmp_path) == []


def test_an_output_file_is_written_through_a_link_which_stays_a_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "repair-baseline.json"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "repair-baseline.json"
    link.symlink_to(target)
    write_output_text(link, "new\n")
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # kept, as writing in place keeps it
    assert _names(shared) == ["repair-baseline.json"]


def test_an_output_file_through_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "names.toml"
    link.symlink_to(tmp_path / "lists" / "names.toml")
    (tmp_path / "lists").mkdir()
    write_output_text(link, "[[entity]]\n")
    assert link.is_symlink()
    assert (tmp_path / "lists" / "names.toml").read_text(encoding="utf-8") == "[[entity]]\n"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "lists" / "names.toml").stat().st_mode) == 0o666 & ~umask


def test_an_output_file_whose_writing_fails_stays_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    target.write_text('{"old": 1}\n', encoding="utf-8")
    with pytest.raises(RuntimeError), output_text(target) as stream:
        stream.write('{"new": ')
        raise RuntimeError("the report failed half way")
    assert target.read_text(encoding="utf-8") == '{"old": 1}\n'
    assert _names(tmp_path) == ["summary.json"]
