"""Build the shipped gazetteer from the raw sources: ``python -m gazetteer.build``.

Reads ``../shared/data/gazetteer-sources/`` (or ``--sources DIR``) and writes
``gazetteer/data/officials.jsonl.gz`` and ``gazetteer/data/SUMMARY.md``. Deterministic: the same
sources give the same bytes (inputs sorted, gzip without a timestamp).

One entry per person, merged across sources by Wikidata id, and by bioguide id for the US
Congress data. Each entry has its canonical English name, other Latin-script names, name-part
variants from the rigour table (for officials prominent enough to be in the news), its posts
with dates and countries, and a prominence score the matcher uses to choose between namesakes.

The share-alike world-leaders source is read only to check the result, never shipped.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gazetteer.loader import BUILT_FIELDS, BUILT_PATH, CURATED_PATH, DATA, load_gazetteer
from gazetteer.normalize import FAMILY_NAME_FIRST, TRANSLITERATED, fold, transliteration_skeleton
from gazetteer.variants import NAME_PARTS_PATH, NameVariants

DEFAULT_SOURCES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gazetteer-sources"
SUMMARY_PATH = DATA / "SUMMARY.md"
# Posts kept per person, each title once: enough for the posts the news still calls them by
# ("Foreign Secretary Raab", "Foreign Minister Kono") beside their latest ones.
MAX_ROLES = 6
MAX_VARIANTS = 4
# Name-part variants are added for people likely to be in the news, not for every councillor:
# the table's groups are large, and most legislators are never written about abroad.
VARIANT_PROMINENCE = 0.6
ENGLISH_LABELS = frozenset({"en", "en-gb", "en-ca", "en-us", "simple", "sco"})
SNAPSHOT_YEAR = "2022"
COUNTRY_NAMES = {
    "United States of America": "United States",
    "United-States-of-America": "United States",
    "UK": "United Kingdom",
    "People's Republic of China": "China",
    "Russian Federation": "Russia",
}

HEAD = re.compile(
    r"^(president|prime minister|chancellor|federal chancellor|king|queen|emir|sultan|monarch|"
    r"supreme leader|head of state|head of government|premier|taoiseach|captain regent|"
    r"chief executive|general secretary|state counsellor|grand duke|prince|governor-general)\b"
)
MINISTER = re.compile(
    r"\b(minister|secretary of state|secretary|attorney general|chancellor of the exchequer|"
    r"high representative|commissioner|first vice|vice president|deputy prime minister|"
    r"director general|spokes)"
)
SENIOR = re.compile(
    r"\b(ambassador|permanent representative|central bank|national bank|reserve bank|chief justice|"
    r"justice of the supreme court|chief of|governor|mayor|speaker|president of the (senate|"
    r"national assembly|parliament|chamber))"
)
SUB_NATIONAL = re.compile(
    r"\b(state senate|state house|state assembly|house of delegates|regional|provincial|oblast|krai|"
    r"landtag|municipal|city council|county|prefectur|canton|governorate|district council|"
    r"legislative assembly of [a-z]|parliament of [a-z]+ (region|province|state))"
)


@dataclass
class Person:
    """A person while the build gathers facts about them."""

    id: str
    name: str = ""
    aliases: set[str] = field(default_factory=set)
    roles: set[tuple[str, str, str, str, float]] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    country_hint: str = ""


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer and print its summary."""
    parser = argparse.ArgumentParser(prog="python -m gazetteer.build", description=__doc__)
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="the sources folder")
    parser.add_argument("--out", type=Path, default=BUILT_PATH, help="the built gazetteer file")
    parser.add_argument("--summary", type=Path, default=SUMMARY_PATH, help="the summary file")
    parser.add_argument("--name-parts", type=Path, default=NAME_PARTS_PATH, help="the name-part spellings file")
    args = parser.parse_args(argv)
    if not args.sources.is_dir():
        parser.error(f"no sources folder at {args.sources}")
    people = gather(args.sources)
    name_table = args.sources / "rigour-person-names" / "persons.txt"
    variants = read_name_variants(name_table)
    args.name_parts.write_bytes(deterministic_gzip(name_parts(name_table)))
    rows = finish(people, variants)
    args.out.write_bytes(deterministic_gzip(to_jsonl(rows)))
    summary = summarize(rows, people, check_world_leaders(args.sources, rows))
    args.summary.write_text(summary, encoding="utf-8")
    print(summary)
    return 0


def gather(sources: Path) -> dict[str, Person]:
    """Every person of every source, merged by Wikidata id, bioguide id or Wikipedia title."""
    people: dict[str, Person] = {}
    countries = read_countries(sources / "eps-wikidata-2022" / "repos.csv")
    wiki_titles = read_eps(sources / "eps-wikidata-2022", people, countries)
    read_everypolitician(sources / "everypolitician-2015" / "persons.jsonl", people)
    read_congress(sources / "us-congress-legislators", people, wiki_titles)
    return people


def _get(people: dict[str, Person], person_id: str) -> Person:
    if person_id not in people:
        people[person_id] = Person(person_id)
    return people[person_id]


def read_countries(path: Path) -> dict[str, str]:
    """Country QID -> English name, from the repos that cover a whole country."""
    names: dict[str, str] = {}
    for row in _csv(path):
        if row["jurisdiction_qid"] == row["country_qid"] and row["jurisdiction"]:
            names.setdefault(row["country_qid"], country_name(row["jurisdiction"]))
    return names


def country_name(name: str) -> str:
    """One spelling per country: "the United States of America" -> "United States"."""
    name = re.sub(r"^the ", "", name.strip())
    return COUNTRY_NAMES.get(name, name)


def read_eps(folder: Path, people: dict[str, Person], countries: dict[str, str]) -> dict[str, str]:
    """every-politician-scrapers: names, then posts with dates and countries.

    Returns English Wikipedia title -> Wikidata id, to join sources that know only the title.
    """
    titles: dict[str, str] = {}
    for row in _csv(folder / "persons.csv"):
        if row["enwiki"]:
            titles[row["enwiki"]] = row["qid"]
        person = _get(people, row["qid"])
        person.sources.add("eps-wikidata-2022")
        # The English Wikipedia title is the name as English writing uses it ("Cyril
        # Ramaphosa", not the label "Matamela Cyril Ramaphosa"); the label stays an alias.
        wiki = re.sub(r"\s*\(.*\)$", "", row["enwiki"])
        names = [n for n in (wiki, row["name"]) if n and is_latin(n)]
        if names:
            person.name = names[0]
            person.aliases.update(names[1:])
    for row in _csv(folder / "officeholdings.csv"):
        person = _get(people, row["qid"])
        country = countries.get(row["country_qid"], "")
        if row["list"] == "heads-of-state-government":
            title = "Head of state or government"
        else:
            title = row["position"]
        title = title[:1].upper() + title[1:]
        if row["list"] == "legislature-members":
            title = "Member of " + re.sub(r"^member \((.*)\)$", r"\1", row["position"]).replace("-", " ").title()
        person.roles.add((title, country, row["start"], row["end"], rank(title, row["list"], row["end"])))
        if country and not person.country_hint:
            person.country_hint = country
    return titles


def read_everypolitician(path: Path, people: dict[str, Person]) -> None:
    """EveryPolitician 2015: only people with a Wikidata id, for their Wikidata-derived names.

    The snapshot carries no licence, so only what is CC0 at source is used: the id, the
    multilingual names (Wikidata labels) and the fact of a seat in a national legislature.
    """
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        qid = row.get("wikidata")
        if not qid:
            continue
        person = _get(people, qid)
        person.sources.add("everypolitician-2015")
        for other in row.get("other_names", []):
            # English labels only: "Sergei Lawrow" (German) or "Emanuel Macron" (Czech) are
            # spellings an English newsroom would repair, not accept.
            if "multilingual" not in other.get("note", []):
                continue
            if not ENGLISH_LABELS & set(other.get("lang", [])):
                continue
            if is_latin(other["name"]) and "," not in other["name"]:
                person.aliases.add(other["name"])
        if not person.name:
            english = [o["name"] for o in row.get("other_names", []) if "en" in o.get("lang", [])]
            candidates = [n for n in (*english, row.get("name", "")) if n and is_latin(n)]
            person.name = candidates[0] if candidates else ""
        house = row["legislature"].split("/")[-1].replace("-", " ")
        country = country_name(row.get("country", ""))
        title = f"Member of the {house}"
        person.roles.add((title, country, row.get("first_start") or "", row.get("last_end") or "", 0.35))
        person.country_hint = person.country_hint or country


def read_congress(folder: Path, people: dict[str, Person], wiki_titles: dict[str, str]) -> None:
    """@unitedstates: Congress since 1789, presidents and vice presidents; CC0."""
    qids = {r["bioguide"]: r["wikidata"] for r in _csv(folder / "bioguide-wikidata.csv") if r["wikidata"]}
    for file, current in (("legislators-current.yaml", True), ("executive.yaml", None)):
        for row in yaml.safe_load((folder / file).read_text(encoding="utf-8")):
            ids, name = row["id"], row["name"]
            person = _get(people, ids.get("wikidata") or qids.get(ids.get("bioguide", "")) or _local_id(ids, name))
            person.sources.add("us-congress-legislators")
            # Without an official full name, the name a president went by is the one news
            # prints: "Jimmy Carter", not his given names' "James Carter".
            known_as = name.get("nickname") or name["first"]
            full = name.get("official_full") or f"{known_as} {name['last']}"
            person.name = person.name or full
            person.aliases.update({full, f"{name['first']} {name['last']}"})
            if name.get("nickname"):
                person.aliases.add(f"{name['nickname']} {name['last']}")
            for term in row["terms"]:
                title = {
                    "sen": "United States senator",
                    "rep": "United States representative",
                    "prez": "President of the United States",
                    "viceprez": "Vice President of the United States",
                }[term["type"]]
                ends = term.get("end", "")
                ended = "" if ends >= "2026" else ends
                person.roles.add((title, "United States", term["start"], ended, rank(title, "us", ended)))
            person.country_hint = "United States"
    for row in _csv(folder / "legislators-historical.csv"):
        bioguide = row["bioguide_id"]
        qid = qids.get(bioguide) or wiki_titles.get(row["wikipedia_id"])
        person = _get(people, qid or f"local:bioguide-{bioguide.lower()}")
        person.sources.add("us-congress-legislators")
        full = " ".join(p for p in (row["first_name"], row["last_name"], row["suffix"]) if p)
        person.name = person.name or full
        person.aliases.add(full)
        if row["nickname"]:
            person.aliases.add(f"{row['nickname']} {row['last_name']}")
        title = "United States senator" if row["type"] == "sen" else "United States representative"
        person.roles.add((title, "United States", "", "past", rank(title, "us", "past")))
        person.country_hint = "United States"


def _local_id(ids: dict[str, Any], name: dict[str, str]) -> str:
    if "bioguide" in ids:
        return f"local:bioguide-{str(ids['bioguide']).lower()}"
    return "local:us-" + re.sub(r"[^a-z0-9]+", "-", fold(f"{name['first']} {name['last']}")).strip("-")


def rank(title: str, source_list: str, end: str) -> float:
    """Prominence of one post: head > minister > senior official > legislator; current first."""
    lowered = title.casefold()
    current = not end or end >= SNAPSHOT_YEAR
    if lowered.startswith(("vice", "deputy")) and "prime minister" not in lowered:
        base = 0.7
    elif HEAD.search(lowered) or source_list == "heads-of-state-government":
        base = 0.9
    elif MINISTER.search(lowered):
        base = 0.7
    elif SENIOR.search(lowered):
        base = 0.5
    elif SUB_NATIONAL.search(lowered):
        base = 0.15
    else:
        base = 0.35
    return round(base + (0.1 if current else 0.0), 2)


_PLAIN_PART = re.compile(r"[a-z]+(?:['-][a-z]+)*")


def read_name_variants(path: Path) -> dict[str, tuple[str, ...]]:
    """Folded name part -> its Latin-script variants, from the rigour table.

    Only plain spellings count: the table also holds romanisations with tone digits
    ("can4") and broken splits ("a-dam") that nobody prints.
    """
    groups: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        names, _, _group = line.partition(" => ")
        members = [
            n.strip() for n in names.split(",")
            if is_latin(n.strip()) and _PLAIN_PART.fullmatch(fold(n.strip())) and len(n.strip()) > 2
        ]
        if len(members) < 2:
            continue
        for member in members:
            groups[fold(member)].update(fold(m) for m in members)
    return {part: tuple(sorted(v - {part})) for part, v in groups.items()}


def name_parts(path: Path) -> bytes:
    """The rigour table's Latin-script spellings, folded, in groups, as gazetteer/variants.py
    reads them: which spellings render one name, and which words are names at all. Single
    spellings are kept too: "salah" is a name even with no other Latin spelling."""
    groups = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        names, _, _group = line.partition(" => ")
        members = {
            fold(n.strip()) for n in names.split(",") if is_latin(n.strip()) and _PLAIN_PART.fullmatch(fold(n.strip()))
        }
        if members:
            groups.add(tuple(sorted(members)))
    return NameVariants.from_groups(sorted(groups)).to_bytes()


def finish(people: dict[str, Person], variants: dict[str, tuple[str, ...]]) -> list[dict[str, Any]]:
    """One sorted, serialisable row per person with a Latin-script name and a post."""
    kept = [p for p in people.values() if p.name and is_latin(p.name) and p.roles]
    given_led = given_led_names(kept)
    full_owner: dict[str, set[str]] = defaultdict(set)
    surname_owner: dict[str, set[str]] = defaultdict(set)
    for person in kept:
        for name in (person.name, *person.aliases):
            full_owner[fold(name)].add(person.id)
        surname_owner[fold(surname_of(person.name, _country(person), given_led))].add(person.id)
    rows = []
    for person in sorted(kept, key=lambda p: _id_key(p.id)):
        roles = sorted(person.roles, key=_role_order)
        best = roles[0]
        prominence = best[4]
        surname = surname_of(person.name, best[1] or person.country_hint, given_led)
        aliases = {a for a in person.aliases if fold(a) != fold(person.name)}
        head = person.name.split(",")[0].strip()
        if head != person.name and len(head.split()) > 1 and "of" not in head.split():
            aliases.add(head)  # "Maggie Jones" of "Maggie Jones, Baroness Jones of Whitchurch"
        surname_variants: set[str] = set()
        country = best[1] or person.country_hint
        if prominence >= VARIANT_PROMINENCE:
            aliases |= accent_free(person.name)
            if country in TRANSLITERATED:
                aliases |= given_name_variants(person, variants, full_owner)
                surname_variants = surname_name_variants(person, surname, variants, surname_owner)
        rows.append(
            {
                "id": person.id,
                "name": person.name,
                "surname": surname,
                "aliases": sorted(aliases, key=lambda alias: (fold(alias), alias)),
                "surname_variants": sorted(surname_variants),
                "role": best[0],
                "country": country or "unknown",
                "kind": "official",
                "prominence": prominence,
                "roles": [list(r[:4]) for r in _distinct_titles(roles)[:MAX_ROLES]],
                "sources": sorted(person.sources),
            }
        )
    return rows


def _distinct_titles(roles: list[tuple[str, str, str, str, float]]) -> list[tuple[str, str, str, str, float]]:
    """Each title and country once, at its first (most prominent, latest) place: a legislator's
    terms are one post."""
    seen: set[tuple[str, str]] = set()
    distinct = []
    for role in roles:
        if (role[0], role[1]) not in seen:
            seen.add((role[0], role[1]))
            distinct.append(role)
    return distinct


def _role_order(role: tuple[str, str, str, str, float]) -> tuple[object, ...]:
    """Most prominent first; then current, specific ("President") over generic, latest."""
    title, country, start, end, prominence = role
    generic = title == "Head of state or government" or not country
    return (-prominence, end != "", generic, -_year(start), title, country, start, end)


def _country(person: Person) -> str:
    """The country of a person's most prominent post."""
    return sorted(person.roles, key=_role_order)[0][1] or person.country_hint


def surname_of(name: str, country: str = "", given_led: GivenLed | None = None) -> str:
    """The last word of a name, past a generational suffix ("Jr.", "III"); a monarch's name
    alone ("Abdullah" of "Abdullah of Saudi Arabia"), which is how the news calls them; and
    the family name of a Chinese or Korean name, written first ("Yoon" of "Yoon Suk-yeol"),
    unless a Western first name leads ("William Lai"; with ``given_led``, also a short one
    before a family name: "Frank Hsieh", "John Tsang")."""
    words_in_order = name.split(",")[0].split()
    if (
        given_led is not None and country in FAMILY_NAME_FIRST and len(words_in_order) == 2
        and fold(words_in_order[0]) in given_led.first_names and fold(words_in_order[1]) in given_led.family_names
    ):
        return words_in_order[1]
    if country in FAMILY_NAME_FIRST and 2 <= len(words_in_order) <= 3 and len(words_in_order[0]) <= 5:
        if "-" in words_in_order[1] or all(len(w) <= 6 for w in words_in_order):
            return words_in_order[0]
    # "Maggie Jones, Baroness Jones of Whitchurch", "Albert II, Prince of Monaco": the name
    # is before the comma; what follows is a title.
    words = name.split(",")[0].split()
    if "of" in words[1:]:
        return words[0]
    while len(words) > 1 and re.fullmatch(r"(jr\.?|sr\.?|[ivx]+)", words[-1], re.IGNORECASE):
        words.pop()
    return words[-1] if words else name


@dataclass(frozen=True)
class GivenLed:
    """What tells a Western first name before an East Asian family name ("Frank Hsieh") from a
    family name written first ("Hsieh Chang-ting"): first names that lead at least 20 names of
    people elsewhere and no family-first name, and the family names that lead two or more."""

    first_names: frozenset[str]
    family_names: frozenset[str]


def given_led_names(people: Iterable[Person]) -> GivenLed:
    """The first names and family names of ``GivenLed``, counted over ``people``: a family name
    leads a name whose given name is hyphenated ("Tsang Yam-kuen") or of two short words."""
    leading: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for person in people:
        words = person.name.split(",")[0].split()
        if len(words) < 2:
            continue
        if _country(person) not in FAMILY_NAME_FIRST:
            leading[fold(words[0])] += 1
        elif "-" in words[1] or (len(words) == 3 and all(len(w) <= 6 for w in words)):
            family[fold(words[0])] += 1
    return GivenLed(
        frozenset(w for w, n in leading.items() if n >= 20 and family[w] < 2),
        frozenset(w for w, n in family.items() if n >= 2),
    )


def accent_free(name: str) -> set[str]:
    """"Recep Tayyip Erdogan" for "Recep Tayyip Erdoğan"; nothing when there are no accents."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return {bare} if bare != name and is_latin(bare) else set()


def given_name_variants(
    person: Person, variants: dict[str, tuple[str, ...]], owner: dict[str, set[str]]
) -> set[str]:
    """Full names with the first name respelled (Sergey -> Sergei), unless someone else has one."""
    words = person.name.split()
    if len(words) < 2:
        return set()
    found = set()
    for variant in english_variants(words[0], variants):
        candidate = " ".join((variant.title(), *words[1:]))
        if owner.get(fold(candidate), set()) - {person.id}:
            continue
        found.add(candidate)
    return found


def surname_name_variants(
    person: Person, surname: str, variants: dict[str, tuple[str, ...]], owner: dict[str, set[str]]
) -> set[str]:
    """Respellings of the surname (Zelensky, Zelenskiy) that are nobody else's surname."""
    found = set()
    for variant in english_variants(surname, variants):
        if owner.get(variant, set()) - {person.id}:
            continue
        found.add(variant.title())
    return found


def english_variants(part: str, variants: dict[str, tuple[str, ...]]) -> list[str]:
    """The table's variants of a name part that English writing also uses.

    English transliterations of one name differ in i/y/e and doubled letters (Sergey, Sergei;
    Zelenskyy, Zelensky, Zelenskiy; Dmitry, Dmitri; Alexei, Aleksey). Other languages' forms
    (German Sergej, Selenskyj, Lawrow; feminine Lavrova) differ otherwise and are left out.
    """
    skeleton = transliteration_skeleton(fold(part))
    found = [v for v in variants.get(fold(part), ()) if "'" not in v and transliteration_skeleton(v) == skeleton]
    found.sort(key=lambda v: (abs(len(v) - len(part)), v))  # the closest spellings first
    return found[:MAX_VARIANTS]


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (and nothing is a digit)."""
    if any(c.isdigit() or c in ":;/()[]" for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def check_world_leaders(sources: Path, rows: list[dict[str, Any]]) -> list[str]:
    """Lines on how the built data, and the curated file over it, agree with the share-alike
    world-leaders snapshot (which is read here and never shipped)."""
    by_id = {str(r["id"]): str(r["name"]) for r in rows}
    curated = {e.id: e.name for e in load_gazetteer([CURATED_PATH]).entries.values()}
    curated_names = {fold(name) for name in curated.values()}
    lines = []
    leaders = list(_csv(sources / "world-leaders-current-2026" / "leaders.csv"))
    present = sum(1 for row in leaders if row["wikidata_id"] in by_id)
    lines.append(f"{present} of {len(leaders)} holder rows have their Wikidata id in the built data.")
    for row in leaders:
        name, qid = row["name_en"], row["wikidata_id"]
        where = "; curated has this name" if fold(name) in curated_names else ""
        if qid not in by_id:
            lines.append(f"- not built: {name} ({qid}), {row['title_en']}, {row['country']}{where}")
        elif fold(by_id[qid]) != fold(name):
            lines.append(f"- name differs: built {by_id[qid]!r}, snapshot {name!r} ({qid}){where}")
    return lines


def summarize(rows: list[dict[str, Any]], people: dict[str, Person], check: list[str]) -> str:
    """The committed summary: counts per source, kind, prominence and country."""
    by_source: Counter[str] = Counter(s for r in rows for s in r["sources"])
    by_kind: Counter[str] = Counter(str(r["kind"]) for r in rows)
    by_prominence: Counter[float] = Counter(float(r["prominence"]) for r in rows)
    by_country: Counter[str] = Counter(str(r["country"]) for r in rows)
    out = io.StringIO()
    out.write("# Built gazetteer summary\n\n")
    out.write("Written by `python -m gazetteer.build`; do not edit by hand.\n\n")
    out.write(f"- persons gathered: {len(people):,}\n- persons built (Latin-script name and a post): {len(rows):,}\n")
    out.write(f"- aliases: {sum(len(r['aliases']) for r in rows):,}\n")
    out.write(f"- surname variants: {sum(len(r['surname_variants']) for r in rows):,}\n\n")
    for title, counter in (("source", by_source), ("kind", by_kind), ("prominence", by_prominence)):
        out.write(f"## By {title}\n\n| {title} | persons |\n| --- | ---: |\n")
        for key, count in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))):
            out.write(f"| {key} | {count:,} |\n")
        out.write("\n")
    out.write("## By country (of the main post)\n\n| country | persons |\n| --- | ---: |\n")
    for key, count in sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"| {key} | {count:,} |\n")
    out.write("\n## Check against world-leaders-current-2026 (not shipped)\n\n")
    out.write("\n".join(dict.fromkeys(check)) + "\n")
    return out.getvalue()


def to_jsonl(rows: Iterable[dict[str, Any]]) -> bytes:
    """A header line of field names, then one compact JSON array a person (fast to load)."""
    lines = [BUILT_FIELDS, *([row[f] for f in BUILT_FIELDS] for row in rows)]
    return "".join(
        json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n" for line in lines
    ).encode("utf-8")


def deterministic_gzip(data: bytes) -> bytes:
    """gzip with no file name and no timestamp, so equal input gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as stream:
        stream.write(data)
    return buffer.getvalue()


def _csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        yield from csv.DictReader(stream)


def _year(date: str) -> int:
    return int(date[:4]) if date[:4].isdigit() else 0


def _id_key(entry_id: str) -> tuple[int, str]:
    return (int(entry_id[1:]), "") if entry_id.startswith("Q") else (sys.maxsize, entry_id)


if __name__ == "__main__":
    raise SystemExit(main())
