"""The session check that no test writes into the checkout (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import checkout_files


def test_a_new_file_shows_and_tool_folders_do_not(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "story.txt").write_text("A story.\n", encoding="utf-8")
    before = checkout_files(tmp_path)
    (tmp_path / ".repair_cache" / "0.1.0").mkdir(parents=True)
    (tmp_path / ".repair_cache" / "0.1.0" / "entry.json").write_text("{}", encoding="utf-8")
    (tmp_path / "corpus" / "__pycache__").mkdir()
    (tmp_path / "corpus" / "__pycache__" / "x.pyc").write_bytes(b"")
    (tmp_path / ".pytest_cache").mkdir()
    (tmp_path / ".pytest_cache" / "README.md").write_text("", encoding="utf-8")
    gained = checkout_files(tmp_path) - before
    assert before == {"corpus/story.txt"}
    assert gained == {".repair_cache/0.1.0/entry.json"}
