"""How often a damaged name of a prominent official is put right, by the shape of the name.

Run: ``.venv/bin/python bench/name_shapes.py`` (``--help`` for options). Every official of the
shipped gazetteer with a prominence of at least ``--prominence``, a post and a name of two
words or more is written once, after their post ("The Minister of Finance Jean-Piere ..."),
with one letter dropped from inside the last word of the name; the sentence goes through the
pipeline as a library, and the damage counts as put right when an applied fix writes the
last word back. Names are grouped by shape: two words, three, four or more, a first name
with a hyphen, a surname with a hyphen, a particle in lower case ("de", "al"), a generation
("Jr.", "III").

It is a probe for blind spots, not the benchmark: the posts written out in full are clumsy
titles, and a letter dropped from a transliterated name is often another right spelling of
it. bench/names.py is the benchmark. It asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.naive import Service  # noqa: E402
from gazetteer.index import load_index  # noqa: E402
from gazetteer.loader import DEFAULT_PATHS, Entry  # noqa: E402

_GENERATION = re.compile(r"\b(?:Jr\.?|Sr\.?|II|III|IV)$")


def shape(name: str) -> str:
    """The shape of a name, the first that applies."""
    words = name.split()
    if _GENERATION.search(name):
        return "generation"
    if any("-" in word for word in words[:-1]):
        return "hyphenated first name"
    if "-" in words[-1]:
        return "hyphenated surname"
    if any(word[:1].islower() for word in words[1:]):
        return "particle"
    return {2: "two words", 3: "three words"}.get(len(words), "four words or more")


def damaged_sentence(entry: Entry, rng: random.Random) -> tuple[str, str] | None:
    """The sentence naming the official with a letter dropped, and the word to be put back."""
    words = entry.name.split()
    last = words[-1]
    if len(re.sub(r"[^\w]", "", last)) < 4:
        return None  # too short to tell a slip from another word
    at = rng.randrange(1, len(last) - 1)
    if not last[at].isalpha():
        return None
    damaged = " ".join([*words[:-1], last[:at] + last[at + 1 :]])
    return f"The {entry.role} {damaged} said on Monday that the talks would continue.", last


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prominence", type=float, default=0.8, help="the least prominence of an official probed")
    parser.add_argument("--seed", type=int, default=7, help="seed of the letters dropped")
    parser.add_argument("--show", type=int, default=0, help="print this many names left unrepaired, by shape")
    args = parser.parse_args(argv)
    index = load_index(DEFAULT_PATHS)
    service = Service(index)
    rng = random.Random(args.seed)
    officials = sorted(
        (e for e in index.entries.values() if e.prominence >= args.prominence and e.role and " " in e.name),
        key=lambda e: e.id,
    )
    probed: Counter[str] = Counter()
    repaired: Counter[str] = Counter()
    left: dict[str, list[str]] = {}
    for entry in officials:
        made = damaged_sentence(entry, rng)
        if made is None:
            continue
        sentence, word = made
        kind = shape(entry.name)
        probed[kind] += 1
        if any(fix.applied and word in fix.replacement for fix in service.fixes(sentence)):
            repaired[kind] += 1
        else:
            left.setdefault(kind, []).append(sentence)
    print(f"officials of prominence >= {args.prominence}, a letter dropped from the last word of the name")
    print(f"{'shape':24s} {'probed':>7s} {'put right':>10s}")
    for kind in sorted(probed, key=lambda k: -probed[k]):
        print(f"{kind:24s} {probed[kind]:7d} {repaired[kind] / probed[kind]:10.2f}")
    total = sum(probed.values())
    print(f"{'all':24s} {total:7d} {sum(repaired.values()) / total:10.2f}")
    for kind, sentences in left.items():
        for sentence in sentences[: args.show]:
            print(f"  [{kind}] {sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
