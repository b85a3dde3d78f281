"""Speed of name matching (the NAM rules' scan) as the entity list grows.

Generates synthetic entity lists of 100, 1,000 and 10,000 entries (people, places and
organizations with made-up names, from a fixed seed), and a text of the sample corpus with
listed names and garbled ones (case, a lost letter, a changed letter) mixed in, then times
the scan the NAM rules share and prints tokens per second for each list size, with the time
to build the index. The cost per token should stay near constant as the list grows.

Usage: python benchmarks/names_speed.py [--tokens 200000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

from repair.entities import Entity, EntityIndex, EntityType
from repair.rules.names import scan

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000)
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "len",
    "tas",
    "vor",
    "gul",
    "shen",
    "dra",
    "pek",
    "zi",
    "lo",
    "nar",
    "bes",
    "tum",
    "hal",
    "vik",
    "sor",
    "ren",
    "dal",
    "mir",
    "jan",
    "ost",
    "fel",
    "gor",
    "bra",
    "nik",
    "tyr",
    "wen",
    "pol",
    "zar",
    "khu",
    "lev",
    "sta",
    "cer",
    "dun",
    "yas",
]
TOKEN = re.compile(r"\w+")


def made_up_name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def entity_list(size: int, seed: int = 0) -> list[Entity]:
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    kinds = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION)
    while len(entities) < size:
        kind = kinds[len(entities) % 3]
        surname = made_up_name(rng, rng.randint(2, 4))
        if kind is EntityType.PERSON:
            name = f"{made_up_name(rng, 2)} {surname}"
            entities[name] = Entity(name, (surname,), type=kind)
        else:
            entities[surname] = Entity(surname, type=kind)
    return list(entities.values())


def garbled(name: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(name))
    how = rng.choice(("case", "drop", "change"))
    if how == "case":
        return name[:position] + name[position].upper() + name[position + 1 :]
    if how == "drop":
        return name[:position] + name[position + 1 :]
    return name[:position] + rng.choice("aeiou") + name[position + 1 :]


def text_with_names(entities: list[Entity], tokens: int, seed: int = 1) -> str:
    """The corpus, repeated up to ``tokens`` words, with one sentence in five naming an entity."""
    rng = random.Random(seed)
    base = [
        line
        for path in sorted((ROOT / "corpus").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines: list[str] = []
    count = 0
    while count < tokens:
        line = rng.choice(base)
        if rng.random() < 0.2:
            name = rng.choice(entities).name.split()[-1]
            if rng.random() < 0.5:
                name = garbled(name, rng)
            line = f"{line} Officials met {name} on Friday."
        lines.append(line)
        count += len(TOKEN.findall(line))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'entries':>8} {'index build':>12} {'tokens':>9} {'tokens/s':>12} {'NAM hits':>9}")
    for size in SIZES:
        entities = entity_list(size)
        started = time.perf_counter()
        index = EntityIndex.build(entities)
        build = time.perf_counter() - started
        text = text_with_names(entities, args.tokens)
        tokens = len(TOKEN.findall(text))
        scan.__wrapped__(text, index)  # warm the word-frequency and folding caches
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            mentions = scan.__wrapped__(text, index)
            best = min(best, time.perf_counter() - started)
        hits = sum(1 for m in mentions if m.kind != "exact")
        print(f"{size:>8,} {build * 1000:>10.0f}ms {tokens:>9,} {tokens / best:>12,.0f} {hits:>9,}")


if __name__ == "__main__":
    main()
