"""Write repair/data/language-other-common-words.txt: the ASCII words common in English
(Zipf >= 3, wordfreq) that are at least twice as frequent in one of the Latin-script
languages language detection names (repair.language's candidates): "die", "de", "con",
"plus", "nato". A Title Case line whose capitalised words are common English words but
holds one of them is not called English without lingua (see
repair.language_words.title_case_share): they are another language's evidence.

Usage: python scripts/language_other_words.py   (needs wordfreq, imported here only)
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repair.lexicon import COMMON_WORD_ZIPF, zipf  # noqa: E402

TABLE = ROOT / "repair" / "data" / "language-other-common-words.txt"
# lingua's Latin-script candidates of repair.language, by ISO 639-1 code.
LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu")
LANGUAGES += ("tr", "id", "vi")
RATIO = 2.0  # as frequent elsewhere as in English, or less: a shared word (police, plan), kept

HEADER = f"""\
# ASCII words common in English (Zipf >= {COMMON_WORD_ZIPF:g}) that are at least {RATIO:g} times as
# frequent in one of the Latin-script languages language detection names ({" ".join(LANGUAGES)}),
# by wordfreq {{version}}: the French "de", "plus", the German "die", the Italian "nato".
# A Title Case line (no lowercase word) holding one is left to lingua: see
# repair.language_words.title_case_share. Written by scripts/language_other_words.py: run it
# again rather than edit by hand. One lowercase word a line.
"""


def other_common_words() -> list[str]:
    words = set()
    for language in LANGUAGES:
        for word in wordfreq.iter_wordlist(language):
            frequency = wordfreq.zipf_frequency(word, language)
            if frequency < COMMON_WORD_ZIPF:
                break  # the list is most frequent first
            if word.isascii() and word.isalpha():
                english = zipf(word)
                if english >= COMMON_WORD_ZIPF and frequency - english >= math.log10(RATIO):
                    words.add(word)
    return sorted(words)


def main() -> None:
    from importlib.metadata import version

    words = other_common_words()
    TABLE.write_text(
        HEADER.format(version=version("wordfreq")) + "\n".join(words) + "\n", encoding="utf-8"
    )
    print(f"{len(words)} words written to {TABLE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
