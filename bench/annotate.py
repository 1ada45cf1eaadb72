"""Annotate the collected articles of the name-repair corpus with the people they name, and
split them into the development and held-out parts.

Run: ``.venv/bin/python bench/annotate.py`` (``--help`` for options). It reads the articles
as collected (``bench/corpus/raw/*/*.json``: text, title, outlet, licence, attribution) and
writes records in the shared development set's format (``officials: [{name, mentions}]``) to
``bench/corpus/dev/`` and ``bench/corpus/heldout/``, and the counts to
``bench/corpus/SUMMARY.md``. The same input gives the same bytes.

Who is annotated, found the same way in every article, with no judgement of ours:
- people the gazetteer knows, by a full name spelled as one of its forms ("Sergey Lavrov");
- people it does not know, by a run of two or three capitalised words that starts with a
  first name the gazetteer knows and ends with a word that is no common English word
  ("Mohamed Salah", "Ons Jabeur"): the corruption generator damages their names too, and a
  repair of one into an official's name is a wrong edit;
- each one's surname alone ("Salah", "Lavrov") where the article uses it and no other person
  annotated in it has that surname.
The benchmark restores what the article wrote, so whether a known name is the official or a
namesake does not change a verdict.

The split is by source, fixed before any figure was looked at. Publishers of news from every
country (Wikinews, Voice of America, Global Voices) are split by the country a story is about:
a third of their countries, chosen by a hash of the publisher and country, are held out. Other
publishers are held out whole, by a hash of their name, except those of the shared development
set, on which the matcher was tuned before this corpus existed. So the held-out part is text
from publishers, and about countries, that tuning never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.index import NameIndex  # noqa: E402
from gazetteer.index import load_index as load_shipped_index  # noqa: E402
from gazetteer.loader import DEFAULT_PATHS  # noqa: E402
from repair.mentions import PARTICLES, TITLES, Token, find_mentions  # noqa: E402
from repair.names import join_hyphenated_names  # noqa: E402

CORPUS = ROOT / "bench" / "corpus"
# Publishers, by the end of their pages' host names: one source each, whatever outlet name
# a page gives ("U.S. Embassy in Mauritania" and "ShareAmerica" are the State Department).
PUBLISHERS = (
    ("wikinews.org", "wikinews"),
    ("globalvoices.org", "globalvoices"),
    ("voanews.com", "voa"), ("insidevoa.com", "voa"), ("voabangla.com", "voa"), ("voatibetan.com", "voa"),
    ("voazimbabwe.com", "voa"), ("voasomali.com", "voa"), ("voacambodia.com", "voa"),
    ("voatibetanenglish.com", "voa"), ("pangea-cms.com", "voa"), ("usagm.gov", "voa"), ("bbg.gov", "voa"),
    ("voa.gov", "voa"),
    ("gov.uk", "gov.uk"),
    ("state.gov", "us-state"), ("usembassy.gov", "us-state"), ("usmission.gov", "us-state"),
    ("america.gov", "us-state"),
    ("usaid.gov", "usaid"), ("feedthefuture.gov", "usaid"),
    ("defense.gov", "us-defense"), ("af.mil", "us-defense"),
    ("europa.eu", "eu"),
    ("nih.gov", "nih"),
)
# The publishers of the shared development set (../shared/data/devset), which the matcher was
# tuned on before this corpus existed: never held out.
TUNED_ON = frozenset({"gov.uk", "us-state", "us-defense", "eu"})
# Publishers of news from every country, split by the country a story is about: a third of
# their countries are held out. Of the other publishers, half are held out, each whole.
BY_COUNTRY = frozenset({"wikinews", "voa", "globalvoices"})
COUNTRY_SHARE_MODULUS = 3
PUBLISHER_SHARE_MODULUS = 2
# The last word of a name nobody's gazetteer knows must be rarer than this in English text.
OTHER_SURNAME_ZIPF = 3.5
# ... and its first word rarer than this ("Summer", "Japanese" are words first), unless many
# officials bear it ("Richard").
OTHER_FIRST_NAME_ZIPF = 4.3
MAX_FULL_NAME = 5


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description="Annotate and split the name-repair corpus.")
    parser.add_argument("--raw", type=Path, default=CORPUS / "raw", help="the collected articles")
    parser.add_argument("--out", type=Path, default=CORPUS, help="where dev/ and heldout/ go")
    return parser.parse_args(argv)


def publisher(url: str) -> str:
    """The publisher of a page (see ``PUBLISHERS``); else its host without "www.". A web
    archive's copy is its original publisher's."""
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group(1)
    host = (urlparse(url).hostname or "").lower()
    for suffix, name in PUBLISHERS:
        if host == suffix or host.endswith("." + suffix):
            return name
    return host.removeprefix("www.")


# A web archive's address of a page: the page's own address follows the archive's.
_ARCHIVED = re.compile(r"https?://(?:web\.archive\.org|webarchive\.library\.unt\.edu)/.*?(https?://.*)$")


def held_out(article: dict[str, Any]) -> bool:
    """Whether an article belongs to the held-out part (see the module docstring)."""
    source = publisher(str(article["url"]))
    if source in TUNED_ON:
        return False
    if source in BY_COUNTRY:
        country = str(article.get("country", "")).strip().lower()
        return _hash(f"{source}/{country}") % COUNTRY_SHARE_MODULUS == 0
    return _hash(source) % PUBLISHER_SHARE_MODULUS == 0


def _hash(text: str) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def people_in(text: str, index: NameIndex) -> list[dict[str, Any]]:
    """The people an article names, each with the strings that name them (in text order)."""
    full: dict[str, dict[str, Any]] = {}
    for mention in join_hyphenated_names(text, find_mentions(text), index):
        if mention.lower_case:
            continue
        for window, known in _full_names(mention.tokens, index):
            written = text[window[0].start : window[-1].end]
            key = " ".join(t.key for t in window)
            person = full.setdefault(key, {"name": written, "known": known, "mentions": []})
            if written not in person["mentions"]:
                person["mentions"].append(written)
    surnames = Counter(person["name"].split()[-1] for person in full.values())
    for person in full.values():
        surname = person["name"].split()[-1]
        if surnames[surname] == 1 and len(surname) >= 3 and _alone(text, surname, person["mentions"]):
            person["mentions"].append(surname)
    return list(full.values())


def _full_names(tokens: tuple[Token, ...], index: NameIndex) -> list[tuple[tuple[Token, ...], bool]]:
    """The full names in a capitalised run, not overlapping: (words, known). Names the
    gazetteer knows come first ("Asia Amanda Milling" holds Amanda Milling), then the longest."""
    found: list[tuple[tuple[Token, ...], bool]] = []
    used: set[int] = set()
    for known in (True, False):
        for size in range(min(MAX_FULL_NAME if known else 3, len(tokens)), 1, -1):
            for first in range(len(tokens) - size + 1):
                window = tokens[first : first + size]
                if used & set(range(first, first + size)):
                    continue
                if window[0].key in TITLES or window[0].text in PARTICLES or window[-1].text in PARTICLES:
                    continue
                if any(len(t.key) < 2 for t in window):
                    continue
                if known and index.full_name(" ".join(t.key for t in window)):
                    found.append((window, True))
                elif not known and _other_person(window, index):
                    found.append((window, False))
                else:
                    continue
                used |= set(range(first, first + size))
    return sorted(found, key=lambda pair: pair[0][0].start)


def _other_person(window: tuple[Token, ...], index: NameIndex) -> bool:
    """A name the gazetteer lacks: a known first name, then a word that is no common word."""
    first, last = window[0], window[-1]
    if not index.is_given_name(first.key) or any(t.key in TITLES for t in window):
        return False
    if zipf_frequency(first.key, "en") >= OTHER_FIRST_NAME_ZIPF and len(index.with_first_name(first.key)) < 10:
        return False  # "Summer Paralympics", "Japanese Masahiro Okamura"; not "Richard"
    if any(t.is_upper for t in window) or len(last.key) < 3:
        return False
    return zipf_frequency(last.key, "en") < OTHER_SURNAME_ZIPF


def _alone(text: str, surname: str, full_mentions: list[str]) -> bool:
    """Whether the surname stands alone somewhere, outside the full names."""
    rest = text
    for mention in sorted(full_mentions, key=len, reverse=True):
        rest = rest.replace(mention, " ")
    at = rest.find(surname)
    while at >= 0:
        before, after = rest[at - 1 : at], rest[at + len(surname) : at + len(surname) + 1]
        if not before.isalnum() and not after.isalnum():
            return True
        at = rest.find(surname, at + 1)
    return False


def record(
    number: int, article: dict[str, Any], index: NameIndex, errata: dict[str, list[list[str]]]
) -> dict[str, Any]:
    """One corpus record in the development set's format."""
    people = people_in(article["text"], index)
    return {
        "id": f"c{number:03d}",
        "source_url": article["url"],
        "source": article["outlet"],
        "license": article["license"],
        "attribution": article["attribution"],
        "title": article.get("title", ""),
        "date": article.get("date", ""),
        "country": article.get("country", ""),
        "topic": article.get("topic", ""),
        "text": article["text"],
        "officials": [{"name": p["name"], "mentions": p["mentions"]} for p in people],
        "errata": errata.get(str(article["url"]), []),
        "in_gazetteer": [p["name"] for p in people if p["known"]],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Annotate every collected article and write both parts."""
    args = parse_args(argv)
    paths = sorted(args.raw.glob("*/*.json"))
    if not paths:
        raise SystemExit(f"no collected articles under {args.raw}")
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    seen: set[str] = set()
    unique = []
    for article in sorted(articles, key=lambda a: (str(a["url"]), str(a["title"]))):
        key = str(article["url"]).rstrip("/").lower()
        if key not in seen and article["text"].strip():
            seen.add(key)
            unique.append(article)
    index = load_shipped_index(DEFAULT_PATHS)
    errata_path = args.raw.parent / "errata.json"
    errata = json.loads(errata_path.read_text(encoding="utf-8"))["errata"] if errata_path.is_file() else {}
    counts: Counter[tuple[str, str]] = Counter()
    for part in ("dev", "heldout"):
        folder = args.out / part
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.json"):
            old.unlink()
    for number, article in enumerate(unique, start=1):
        part = "heldout" if held_out(article) else "dev"
        data = record(number, article, index, errata)
        (args.out / part / f"{data['id']}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        counts[(part, str(article["outlet"]))] += 1
    for (part, outlet), count in sorted(counts.items()):
        print(f"{part:8} {outlet:40} {count}")
    (args.out / "SUMMARY.md").write_text(summary(args.out), encoding="utf-8")
    return 0


def summary(folder: Path) -> str:
    """The corpus's counts, part by part, as Markdown (bench/corpus/SUMMARY.md)."""
    lines = ["# Name-repair corpus: counts", "", "Written by `bench/annotate.py`; do not edit by hand.", ""]
    for part in ("dev", "heldout"):
        records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / part).glob("*.json"))]
        people = [o for r in records for o in r["officials"]]
        known = sum(len(r["in_gazetteer"]) for r in records)
        words = sum(len(r["text"].split()) for r in records)
        countries = Counter(str(r["country"]) for r in records)
        lines += [
            f"## {part}", "",
            f"- records: {len(records)}; words: {words:,}; countries: {len(countries)}",
            f"- people annotated: {len(people)} ({known} the gazetteer knows, {len(people) - known} it lacks)",
            "",
            "| publisher | records |", "| --- | ---: |",
            *(f"| {name} | {count} |" for name, count in sorted(Counter(publisher(r["source_url"]) for r in records).items())),
            "",
            "| topic | records |", "| --- | ---: |",
            *(f"| {name or '-'} | {count} |" for name, count in sorted(Counter(str(r["topic"]) for r in records).items())),
            "",
            "Countries: " + ", ".join(f"{name} {count}" for name, count in sorted(countries.items())) + ".",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
