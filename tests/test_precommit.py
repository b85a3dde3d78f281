"""The pre-commit hooks, end to end, with the real pre-commit.

A copy of this working tree becomes a hooks repository; a temporary git repository with a
corpus folder installs repair-fix from it and commits: a damaged file makes the hook fail
and is fixed, a clean one passes. pre-commit installs repair from PyPI into its own
environment, so this test needs the network to PyPI and takes a minute.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CLEAN_ARTICLE, ROOT

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.slow,  # pre-commit builds an environment with pip
]


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    return [sys.executable, "-m", "pre_commit"]


def _hooks_repository(tmp_path: Path) -> tuple[Path, str]:
    """This working tree, tracked and untracked files alike, committed in a new repository."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    hooks = tmp_path / "hooks-repo"
    for name in listed:
        source = ROOT / name
        if source.is_file() and not name.startswith(("corpus/", "reports/", "tests/")):
            (hooks / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, hooks / name)
    git(hooks, "init", "-q")
    git(hooks, "add", "-A")
    git(hooks, "commit", "-qm", "hooks")
    return hooks, git(hooks, "rev-parse", "HEAD").stdout.strip()


def test_repair_fix_hook_fails_and_fixes_damage_then_passes_clean_text(tmp_path: Path) -> None:
    pre_commit = _pre_commit()
    hooks, rev = _hooks_repository(tmp_path)
    project = tmp_path / "project"
    (project / "corpus").mkdir(parents=True)
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
        "      - id: repair-fix\n        files: ^corpus/\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    installed = subprocess.run(
        [*pre_commit, "install"], cwd=project, env=env, capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stderr

    damaged = project / "corpus" / "damaged.txt"
    damaged.write_text("AT&amp;T said it&#39;s ready.\n", encoding="utf-8")
    git(project, "add", "-A")
    first = subprocess.run(
        ["git", "commit", "-m", "damaged"],
        cwd=project,
        env={**env, **_identity()},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert damaged.read_text(encoding="utf-8") == "AT&T said it's ready.\n"

    shutil.copy(CLEAN_ARTICLE, project / "corpus" / "clean.txt")
    git(project, "add", "-A")
    second = subprocess.run(
        ["git", "commit", "-m", "fixed and clean"],
        cwd=project,
        env={**env, **_identity()},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert second.returncode == 0, second.stdout + second.stderr
    assert (project / "corpus" / "clean.txt").read_bytes() == CLEAN_ARTICLE.read_bytes()


def _identity() -> dict[str, str]:
    return {
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
