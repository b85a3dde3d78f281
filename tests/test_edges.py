"""The edges of fix, output, records and cache: nothing lost, nothing stale, no hang.

Each test here stands for a hostile input that once lost data, wrote wrong text, crashed or
hung (issue 21): it fails on the code before the fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from repair import api, fix_paths

AMP_LINE = "AT&amp;T said so.\n"
AMP_FIXED = "AT&T said so.\n"


# 1. An edit made while fix runs is not lost -----------------------------------------------


def test_an_edit_made_while_fix_runs_is_kept_and_the_file_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    fix_document = api.fix_document

    def fix_while_someone_edits(*args: Any, **kwargs: Any) -> Any:
        with path.open("a", encoding="utf-8") as stream:
            stream.write("EDIT\n")
        return fix_document(*args, **kwargs)

    monkeypatch.setattr(api, "fix_document", fix_while_someone_edits)
    (result,) = fix_paths([path])
    assert path.read_text(encoding="utf-8") == AMP_LINE + "EDIT\n"
    assert not result.written
    assert result.error is not None and "changed while it was being fixed" in result.error
    assert not list(tmp_path.glob(".*repair-tmp"))


# 10. In-place writes ------------------------------------------------------------------------


def test_a_link_leaving_the_walked_folder_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(AMP_LINE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "inside.txt").write_text(AMP_LINE, encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    results = {Path(r.path).name: r for r in fix_paths([corpus])}
    assert outside.read_text(encoding="utf-8") == AMP_LINE
    assert not results["link.txt"].written
    assert "outside" in (results["link.txt"].notice or "")
    assert (corpus / "inside.txt").read_text(encoding="utf-8") == AMP_FIXED


def test_a_link_within_the_walked_folder_and_a_named_link_are_written_through(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    real = corpus / "real.md"  # not walked (*.txt only by name below), reached by the link
    real.write_text(AMP_LINE, encoding="utf-8")
    (corpus / "link.txt").symlink_to(real)
    list(fix_paths([corpus]))
    assert real.read_text(encoding="utf-8") == AMP_FIXED
    outside = tmp_path / "named.md"
    outside.write_text(AMP_LINE, encoding="utf-8")
    (corpus / "named.txt").symlink_to(outside)
    (result,) = fix_paths([corpus / "named.txt"])
    assert result.written and outside.read_text(encoding="utf-8") == AMP_FIXED


def test_a_read_only_file_is_left_alone_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    path.chmod(0o444)
    (result,) = fix_paths([path])
    assert path.read_text(encoding="utf-8") == AMP_LINE
    assert result.error is not None and "read-only" in result.error
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another owner")
    path = tmp_path / "owned.txt"
    path.write_text(AMP_LINE, encoding="utf-8")
    os.chown(path, 4321, 8765)
    (result,) = fix_paths([path])
    assert result.written
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 8765)
