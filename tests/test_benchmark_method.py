"""The benchmarks' method: a version measured beside another runs with its bytecode."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import compile_package


def test_a_version_is_measured_with_its_package_compiled(tmp_path: Path) -> None:
    # A checkout that no run may write bytecode into would compile each module in every
    # process it starts, and look slower than an installed package by that much.
    package = tmp_path / "repair"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "rules" / "words.py").write_text("WORDS = ('the',)\n")

    compile_package(tmp_path)

    compiled = {path.name.split(".")[0] for path in package.rglob("__pycache__/*.pyc")}
    assert compiled == {"__init__", "words"}
