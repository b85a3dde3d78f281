"""A baseline: the findings a corpus has accepted, kept out of the text, as linters keep one
for legacy code.

``repair check --add-baseline`` writes ``repair-baseline.json``: each finding as its file
(relative to the baseline's folder), its code and the text of its span. Later checks report
only the findings the baseline does not hold. The match ignores lines and columns, so a
baseline survives edits elsewhere in a file; it counts, so that a third "Dowrijiw" is reported
when two were accepted. An inline ``<!-- repair: ignore[CODE] -->`` comment still works in
Markdown; a baseline leaves a ``.txt`` corpus as clean as it was.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from repair.api import FileCheck, FileResult
from repair.errors import ConfigError
from repair.findings import Finding

BASELINE_NAME: Final = "repair-baseline.json"
_FORMAT: Final = 1

Key = tuple[str, str, str]
"""(path relative to the baseline's folder, code, text of the span)."""


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder)).as_posix()
    except ValueError:  # another drive (Windows): keep the path as given
        return Path(path).as_posix()


def keys_of(result: FileResult, folder: Path) -> list[Key]:
    """The baseline key of each finding of ``result`` (which must carry its document)."""
    if result.document is None:
        raise ValueError(f"{result.path}: a baseline needs the text of each finding")
    text = result.document.text
    path = _relative(result.path, folder)
    return [(path, f.code, text[f.start : f.end]) for f in result.findings]


@dataclass(frozen=True, slots=True)
class Baseline:
    """The accepted findings of a corpus, counted by :data:`Key`."""

    folder: Path
    accepted: Counter[Key]

    def new_findings(self, result: FileCheck) -> FileCheck:
        """``result`` with only the findings the baseline does not accept."""
        if not result.findings or result.document is None:
            return result
        left = Counter(self.accepted)
        kept: list[Finding] = []
        for finding, key in zip(result.findings, keys_of(result, self.folder), strict=True):
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(finding)
        if len(kept) == len(result.findings):
            return result
        return replace(result, findings=tuple(kept), locations=None)


def load_baseline(path: Path) -> Baseline:
    """The baseline in ``path``; :class:`ConfigError` when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["findings"]
        accepted = Counter(
            (entry["path"], entry["code"], entry["text"])
            for entry in entries
            for _ in range(int(entry.get("count", 1)))
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigError(f"{path}: not a repair baseline ({error})") from error
    return Baseline(path.resolve().parent, accepted)


def baseline_json(keys: Iterable[Key]) -> str:
    """The text of a baseline file accepting ``keys``, sorted so that it diffs well."""
    counted = Counter(keys)
    findings = [
        {"path": path, "code": code, "text": text, "count": count}
        for (path, code, text), count in sorted(counted.items())
    ]
    document = {"repair-baseline": _FORMAT, "findings": findings}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


__all__ = ["BASELINE_NAME", "Baseline", "Key", "baseline_json", "keys_of", "load_baseline"]
