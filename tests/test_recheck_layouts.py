"""The fix loop's re-check and run memo (repair/recheck.py, ``Document.run_memo``) on layouts
the output digests hold none of: a BOM kept as a character, the whole text on one line, line
and page separators, a hard-wrapped text, plain text read as Markdown, and settings that fix
the language. Each must fix as a full check of every pass does.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from repair import Config, checker, fixer
from repair.document import Document
from repair.findings import Finding
from repair.recheck import Rechecker
from tests.test_recheck import DAMAGE, PARAGRAPHS

_BASE = "\n\n".join(
    [DAMAGE[index % len(DAMAGE)](paragraph) for index, paragraph in enumerate(PARAGRAPHS[:12])]
    # Mojibake (DAMAGE[0]) of a paragraph it changes: a curly quote or an accent.
    + [DAMAGE[0](next(paragraph for paragraph in PARAGRAPHS if not paragraph.isascii()))]
)


def _wrapped(text: str, width: int = 70) -> str:
    return "\n".join(
        line[start : start + width]
        for line in text.split("\n")
        for start in range(0, max(len(line), 1), width)
    )


LAYOUTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "bom": ("t.txt", lambda text: "\ufeff" + text),
    "one-line": ("t.txt", lambda text: text.replace("\n", " ")),
    "line-separator": ("t.txt", lambda text: text.replace("\n\n", "\u2028", 3)),
    "form-feed": ("t.txt", lambda text: text.replace("\n\n", "\n\x0c\n", 2)),
    "hard-wrapped": ("t.txt", _wrapped),
    "markdown": ("t.md", lambda text: text),
    "doubled": ("t.txt", lambda text: text + "\n\n" + text),
}
CONFIGS = {"auto": Config(languagetool="off"), "de": Config(languagetool="off", language="de")}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("settings", sorted(CONFIGS))
def test_each_layout_is_fixed_as_with_a_full_check(layout: str, settings: str) -> None:
    path, make = LAYOUTS[layout]
    text = make(_BASE)
    config = CONFIGS[settings]

    def full_check(doc: Document, since: fixer.Revision | None = None) -> list[Finding]:
        return checker.check_document(doc, config)

    for unsafe in (False, True):
        incremental = fixer.fix_document(
            Document.from_text(text, path=path), Rechecker(config), unsafe=unsafe
        )
        full = fixer.fix_document(Document.from_text(text, path=path), full_check, unsafe=unsafe)
        assert incremental == full
        # Not a test that cannot fail: the damage leaves passes to re-check (English rules
        # are off under "de", and a Markdown text may then need none).
        assert incremental.passes or (settings, layout) == ("de", "markdown")
