"""Reading and writing files: encodings, BOMs, line endings, modes, bad files."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from repair import check_paths, fix_paths
from repair.errors import BinaryFile, UndecodableFile
from repair.files import decode, encode
from repair.write_back import write_atomic

ENC_ONLY = {"select": ["ENC"]}
MOJIBAKE_LINE = "Der Zug war schÃ¶n und â\u20acœpÃ¼nktlichâ\u20ac.\n"
FIXED_LINE = "Der Zug war schön und \u201cpünktlich\u201d.\n"


def test_utf8_file_with_mojibake_is_repaired_and_second_fix_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(MOJIBAKE_LINE, encoding="utf-8")
    (result,) = fix_paths([path], options=ENC_ONLY)
    assert result.written and path.read_text(encoding="utf-8") == FIXED_LINE
    (again,) = fix_paths([path], options=ENC_ONLY)
    assert not again.changed and not again.written


def test_cp1252_file_is_detected_reported_and_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Les élèves ont déjà reçu les résultats \u2013 \u201cbien\u201d.\n" * 3
    path.write_bytes(text.encode("cp1252"))
    (checked,) = check_paths([path], options=ENC_ONLY)
    assert [f.code for f in checked.findings] == ["ENC001"]
    assert "charset detection" in checked.findings[0].message
    (fixed,) = fix_paths([path], options=ENC_ONLY)
    assert fixed.written
    assert path.read_bytes() == text.encode("utf-8")
    (again,) = fix_paths([path], options=ENC_ONLY)
    assert not again.changed


def test_keep_encoding_writes_the_encoding_read(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    text = "Café crème à emporter, très apprécié &amp; pas cher.\n" * 3
    path.write_bytes(text.encode("cp1252"))
    (fixed,) = fix_paths([path], options={**ENC_ONLY, "output-encoding": "keep"})
    assert fixed.written
    assert path.read_bytes() == text.replace("&amp;", "&").encode("cp1252")


def test_utf16_file_with_bom_is_read_and_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + MOJIBAKE_LINE.encode("utf-16-le"))
    (checked,) = check_paths([path], options=ENC_ONLY)
    assert {f.code for f in checked.findings} == {"ENC001", "ENC002"}
    (fixed,) = fix_paths([path], options=ENC_ONLY)
    assert fixed.written and path.read_bytes() == FIXED_LINE.encode("utf-8")


def test_crlf_bom_and_mode_survive_fix(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    content = "AT&amp;T\r\nsecond line\r\n"
    path.write_bytes(codecs.BOM_UTF8 + content.encode("utf-8"))
    path.chmod(0o640)
    (result,) = fix_paths([path], options=ENC_ONLY)
    assert result.written
    assert path.read_bytes() == codecs.BOM_UTF8 + b"AT&T\r\nsecond line\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_clean_file_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text("Nothing to see here.\n", encoding="utf-8")
    before = path.stat().st_mtime_ns
    (result,) = fix_paths([path], options=ENC_ONLY)
    assert not result.written and path.stat().st_mtime_ns == before


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text("AT&amp;T\n", encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("text", encoding="utf-8")
    unreadable.chmod(0)
    results = {Path(r.path).name: r for r in check_paths([tmp_path])}
    assert results["binary.txt"].error == "binary file (contains NUL bytes), not checked"
    assert results["broken.txt"].error == "broken symbolic link"
    assert results["empty.txt"].error is None and results["empty.txt"].notice == "empty file"
    assert [f.code for f in results["good.txt"].findings] == ["ENC005"]
    if os.geteuid() != 0:  # root reads any file
        assert results["secret.txt"].error == "permission denied"


def test_decode_rejects_binary_and_bad_utf16() -> None:
    with pytest.raises(BinaryFile):
        decode(b"abc\x00def", "x.txt")
    with pytest.raises(UndecodableFile):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8", "x.txt")


def test_encode_restores_line_endings_and_bom() -> None:
    doc = decode(codecs.BOM_UTF8 + b"a\r\nb\r\n", "x.txt")
    assert doc.text == "a\nb\n" and doc.newline == "\r\n" and doc.bom
    assert encode(doc, doc.text, keep_encoding=False) == codecs.BOM_UTF8 + b"a\r\nb\r\n"


def test_write_atomic_keeps_a_symlink_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir() if "repair-tmp" in p.name] == []


def test_output_dir_gets_a_complete_copy(tmp_path: Path) -> None:
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_text("AT&amp;T\n", encoding="utf-8")
    (source / "b.txt").write_text("clean\n", encoding="utf-8")
    out = tmp_path / "out"
    list(fix_paths([source], output_dir=out))
    assert (out / "sub" / "a.txt").read_text(encoding="utf-8") == "AT&T\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == "clean\n"
    assert (source / "sub" / "a.txt").read_text(encoding="utf-8") == "AT&amp;T\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (
            "Zażółć gęślą jaźń w Łodzi i Wrocławiu.\n" * 2,
            "cp1250",
        ),
        (
            "Привет, это обычный текст на русском языке.\n" * 2,
            "cp1251",
        ),
        ("Les élèves ont déjà reçu les résultats.\n", "cp1252"),
    ],
)
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    doc = decode(text.encode(encoding), "x.txt")
    assert doc.text == text and doc.detected_encoding


# Files over max-file-size ------------------------------------------------------------------


def _big_and_small(tmp_path: Path) -> tuple[Path, Path]:
    """A file of just over one megabyte and a small one, both with an escaped ampersand."""
    line = "The deal between AT&amp;T and its rivals was signed on Monday.\n"
    big = tmp_path / "big.txt"
    big.write_text(line * (1_000_000 // len(line) + 1), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(line, encoding="utf-8")
    assert big.stat().st_size > 1_000_000
    return big, small


@pytest.mark.parametrize("command", ["check", "fix"])
def test_a_file_over_max_file_size_is_an_error_and_left_alone(tmp_path: Path, command: str) -> None:
    from click.testing import CliRunner

    from repair.cli import main

    big, small = _big_and_small(tmp_path)
    before = big.read_bytes()
    args = [command, "--isolated", "--no-cache", "--max-file-size", "1", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert f"{big}: too large (1.0 MB, over max-file-size = 1)" in result.stderr
    assert big.read_bytes() == before
    if command == "fix":
        assert "AT&amp;T" not in small.read_text(encoding="utf-8")
    else:
        assert f"{small}:1:" in result.stdout


def test_max_file_size_comes_from_the_config_and_is_checked(tmp_path: Path) -> None:
    from repair.config import Config
    from repair.errors import ConfigError

    big, small = _big_and_small(tmp_path)
    config = Config().with_options({"max-file-size": 1})
    results = {r.path: r for r in check_paths([tmp_path], config=config)}
    assert results[str(big)].error is not None and "too large" in results[str(big)].error
    assert results[str(small)].error is None and results[str(small)].findings
    assert check_paths([big], config=Config()).__next__().error is None  # 256 by default
    for wrong in (0, "64", True, 1.5):
        with pytest.raises(ConfigError, match="max-file-size"):
            Config().with_options({"max-file-size": wrong})
