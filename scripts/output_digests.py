"""Digests of what repair makes of about a thousand documents, to show a change keeps output.

Method: the documents are the sample corpus, every ``../shared/eval`` text (MQM system
outputs, the human references, both scrapes of every page) and the references damaged by
``benchmarks/damage_inject.py`` with seeds 101-112 (no mojibake kind left out), with an
entity list harvested from the references. For each document it records one SHA-256 over
the findings of ``check`` (code, span, message, applicability, edits; as the first pass
of the fix finds them, which is a check), the text of the
default ``fix`` and the text of ``fix --unsafe-fixes``. Two runs give the same digests
exactly when every document gives the same findings and fixed texts.

Usage:
    python scripts/output_digests.py --write tests/golden/output_digests.json
    python scripts/output_digests.py --compare tests/golden/output_digests.json
``--compare`` prints the documents whose output changed and exits 1 when any did.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from benchmarks.damage import entity_file, mqm_documents, name_words  # noqa: E402
from benchmarks.damage_inject import simulate  # noqa: E402
from repair import Config, fix_text  # noqa: E402

SEEDS = tuple(range(101, 113))


def documents(scratch: Path) -> tuple[Config, Iterator[tuple[str, str]]]:
    references = mqm_documents(SHARED / "eval" / "mqm-zhen")
    entities = entity_file(references, None, scratch)
    config = Config(languagetool="off", entities=(str(entities.resolve()),))
    names = name_words(entities)

    def each() -> Iterator[tuple[str, str]]:
        for path in sorted((ROOT / "corpus").glob("*.*")):
            yield f"corpus/{path.name}", path.read_text(encoding="utf-8")
        for folder in ("mqm-zhen/docs", "scraped"):
            for path in sorted((SHARED / "eval" / folder).glob("*")):
                if path.suffix in (".txt", ".md"):
                    yield f"eval/{folder}/{path.name}", path.read_text(encoding="utf-8")
        for doc in references:
            yield f"reference/{doc.name}", doc.text
        for seed in SEEDS:
            for damaged in simulate(references, seed=seed, names=names):
                if not damaged.control:
                    yield f"seed{seed}/{damaged.name}", damaged.damaged

    return config, each()


def digest(text: str, name: str, config: Config) -> str:
    path = name if name.endswith((".txt", ".md")) else f"{name}.txt"
    sha = hashlib.sha256()
    fixed = fix_text(text, config=config, path=path)
    # The fix's findings before its first pass are the check's (the engine's first pass is
    # a check): one check fewer per document.
    for f in fixed.found:
        edits = [(e.start, e.end, e.replacement) for e in f.fix.edits] if f.fix else None
        applicability = f.fix.applicability.value if f.fix else None
        row = [f.code, f.span.start, f.span.end, f.message, applicability, edits]
        sha.update(json.dumps(row, ensure_ascii=False).encode())
    sha.update(b"\0safe\0" + fixed.text.encode())
    sha.update(b"\0unsafe\0" + fix_text(text, config=config, path=path, unsafe=True).text.encode())
    return sha.hexdigest()


def all_digests() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as scratch:
        config, docs = documents(Path(scratch))
        return {name: digest(text, name, config) for name, text in docs}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    print(__doc__.split("Usage:")[0].strip())
    found = all_digests()
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(found, indent=0, sort_keys=True) + "\n")
        print(f"{len(found)} documents written to {args.write}")
        return 0
    expected = json.loads(args.compare.read_text())
    changed = sorted(k for k in expected.keys() | found.keys() if expected.get(k) != found.get(k))
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(found)} documents, {len(changed)} changed")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
