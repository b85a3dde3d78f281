"""Legacy-encoded texts through ``repair.files.decode``: how many are read right, refused
as undecodable, or guessed wrong (ENC001's short-file guard, issue 21).

Texts: the ``fixed`` side of ``../shared/eval/mojibake/cases.jsonl`` (ftfy's cases), each
encoded in every code page below that holds it and gives bytes that are not UTF-8::

    python benchmarks/short_guess.py
"""

from __future__ import annotations

import json
from pathlib import Path

from repair.errors import UndecodableFile
from repair.files import decode

CASES = Path(__file__).resolve().parent.parent.parent / "shared/eval/mojibake/cases.jsonl"
ENCODINGS = ("cp1252", "cp1250", "cp1251", "gbk", "shift_jis")


def main() -> None:
    texts = [json.loads(line)["fixed"] for line in CASES.read_text(encoding="utf-8").splitlines()]
    counts = {"right": 0, "refused": 0, "wrong": 0}
    for text in texts:
        for encoding in ENCODINGS:
            try:
                raw = text.encode(encoding)
                raw.decode("utf-8")
                continue  # UTF-8 as it is: nothing to guess
            except UnicodeEncodeError:
                continue
            except UnicodeDecodeError:
                pass
            try:
                doc = decode(raw, "x.txt")
            except UndecodableFile:
                counts["refused"] += 1
                continue
            counts["right" if doc.text == text.replace("\r\n", "\n") else "wrong"] += 1
    print(counts)


if __name__ == "__main__":
    main()
