"""Output of about a thousand documents against digests captured before a change.

A change meant only to restructure or speed up repair must leave every finding and every
fixed text as it was; ``scripts/output_digests.py`` says which documents changed. A change
meant to change output rewrites the digests with ``--write`` and says why in its commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "output_digests.json"
SHARED = ROOT.parent / "shared"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (SHARED / "eval").is_dir(), reason="../shared/eval is not beside the checkout"
    ),
]


def test_every_document_gives_the_output_captured_before() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import output_digests

    found = output_digests.all_digests()
    expected = json.loads(GOLDEN.read_text())
    changed = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    assert not changed, (
        f"{len(changed)} of {len(expected)} documents changed output, e.g. {changed[:5]}; "
        "if meant, run python scripts/output_digests.py --write tests/golden/output_digests.json"
    )
