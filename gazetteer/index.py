"""NameIndex: exact maps over every accepted spelling, then RapidFuzz for the rest.

This is the only module that calls RapidFuzz, so a change of scorer or of candidate
generation happens here and nowhere else. Candidates come from symmetric deletes and sound
keys, never from a scan of the whole gazetteer; RapidFuzz scores them.
"""

from __future__ import annotations

import bisect
import gc
import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set as AbstractSet
from pathlib import Path
from functools import lru_cache
from typing import NamedTuple, TypeVar

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import Indel, JaroWinkler, OSA

from gazetteer.loader import Gazetteer, load_gazetteer
from gazetteer.variants import load_variants
from gazetteer.normalize import ARABIC_ARTICLES, SURNAME_PARTICLES, fold, fold_uncached

log = logging.getLogger(__name__)

K = TypeVar("K")
V = TypeVar("V")

# Entries below this prominence are not guessed from a first name alone.
FALLBACK_PROMINENCE = 0.7
# How much better known one namesake must be than another to be taken as the one meant.
PROMINENCE_MARGIN = 0.2
# How alike a written surname must be to a gazetteer surname for a full name to be weighed.
MIN_SURNAME_SIMILARITY = 0.7
# A first name borne by no more people than this is rare enough to be taken for a slip
# ("Mrak Carney"), where a common one is another name ("Jon" is not "John").
RARE_GIVEN_NAME = 3
# Given names shorter than this are taken as written, never as another name misspelt.
MIN_MISSPELT_GIVEN = 5
# How many surnames sharing a prefix are looked at for a cut-short one.
_PREFIX_SCAN = 50
# A first name borne by this few is compared through its bearers' surnames.
_FEW_NAMESAKES = 40
# A surname borne by more people than this ("Kim", "Singh") is not searched for other
# renderings of a first name: the spelling as written has to be close.
_MANY_BEARERS = 300
# Officials bearing a first name from which it is taken as written, never as a slip of another.
COMMON_GIVEN_NAME = 20
# A first name borne by more prominent people than this narrows nothing (with_first_name).
_FIRST_NAME_LIMIT = 2000
# How many answers of a per-word lookup a process keeps.
_CACHE_SIZE = 16384


def _without_generation(full_names: tuple[str, ...]) -> list[str]:
    """A person's full names, each followed by itself without a generation after the surname
    ("Ferdinand Marcos Jr." and "Ferdinand Marcos", "Benigno Aquino III" and "Benigno
    Aquino"): news often leaves it out, and a surname must end the form. (Not a monarch's
    single name: "Charles III" is no "Charles".)"""
    found = []
    for name in full_names:
        found.append(name)
        base = _GENERATION.sub("", name)
        if base != name and " " in base.strip():
            found.append(base.strip())
    return found


# A generation after a surname: "Jr.", "Sr.", "II" to "IV" (with or without a comma before).
_GENERATION = re.compile(r",?\s+(?:Jr\.?|Sr\.?|II|III|IV)$")


class NameForm(NamedTuple):
    """One accepted spelling of a person's name, split into given names and surname."""

    entry_id: str
    given: tuple[str, ...]
    surname: str
    written: str

    @property
    def written_given(self) -> tuple[str, ...]:
        """The given names as the gazetteer writes them (case and accents kept), initials
        left out as in ``given``."""
        words = self.written.split()
        before_surname = words[: len(words) - len(self.surname.split())]
        found = tuple(w for w in before_surname if not _is_initial(w))
        return found if len(found) == len(self.given) else ()

    @property
    def written_surname(self) -> str:
        """The surname as the gazetteer writes it."""
        return " ".join(self.written.split()[-len(self.surname.split()) :])


# The answer of full_name for a key that is nobody's name.
_NO_FORMS: tuple[NameForm, ...] = ()
# ... and of surname: most words asked about are nobody's surname, and a new empty set for
# each was a fiftieth of a warm article.
_NO_OWNERS: frozenset[str] = frozenset()


class NameIndex:
    """Every accepted spelling of every entry, folded, for exact and fuzzy lookup.

    Built once per process (about a second for the world-scale gazetteer) and never changed:
    a reload builds a new one.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.entries = gazetteer.entries
        full: dict[str, list[NameForm]] = defaultdict(list)
        surnames: dict[str, set[str]] = defaultdict(set)
        given: set[str] = set()
        # Each entry's folded surnames, in its order without repeats (folded_surnames): the
        # surname index's own string for most, which costs a reference, not a string; several
        # joined by _SEPARATOR. (Folding them when first asked, a bearer at a time, was a
        # twentieth of reading an unseen article.)
        self._surnames_of: dict[str, str] = {}
        # Surnames with the particle before them, as written (entry id, folded) -> "de Kirchner".
        self._particle_surnames: dict[tuple[str, str], str] = {}
        # Surnames of several words, folded: a word before a particle that opens one is no
        # first name but the surname's own ("Lula da Silva").
        compound = {fold_uncached(s) for e in gazetteer.entries.values() for s in e.surnames if " " in s}
        shared: dict[str, str] = {}
        for entry in gazetteer.entries.values():
            if entry.surname_variants:
                keys = sorted({fold_uncached(s) for s in entry.surnames}, key=len, reverse=True)
                folded = _SEPARATOR.join(dict.fromkeys([fold_uncached(s) for s in entry.surnames]))
            else:
                keys = [fold_uncached(entry.surname)]
                folded = shared.setdefault(keys[0], keys[0])
            self._surnames_of[entry.id] = folded
            for key in keys:
                surnames[key].add(entry.id)
            seen = set()
            for written in _without_generation(entry.full_names):
                name_key = fold_uncached(written)
                if name_key in seen:
                    continue
                seen.add(name_key)
                # The longest surname the name ends with; "Xi Jinping" puts it first, and
                # is then one form as a whole.
                surname = next((k for k in keys if name_key.endswith(k)), name_key)
                # Initials ("Patrick M. Shanahan") are left out: a first name lines up with
                # the given names proper.
                form_given = tuple(
                    w for w in name_key[: len(name_key) - len(surname)].split() if not _is_initial(w)
                )
                if len(form_given) > 1 and form_given[-1] == surname:
                    # A Spanish double surname, one name twice: "María Jesús Ruiz Ruiz" has
                    # no first name "Ruiz" (not "Abdullah Abdullah", whose first name it is).
                    form_given, surname = form_given[:-1], f"{surname} {surname}"
                particles = 0
                while len(form_given) - particles > 1 and form_given[-1 - particles] in SURNAME_PARTICLES:
                    particles += 1
                opener = form_given[-1 - particles] if particles else ""
                if particles and " ".join((opener, *form_given[-particles:], surname)) not in compound:
                    # "Cristina Fernández de Kirchner", "Eduardo del Castillo": a particle
                    # before the surname is the surname's, as the text's runs are read.
                    surname = " ".join((*form_given[-particles:], surname))
                    form_given = form_given[:-particles]
                    if surname not in keys:
                        # First among the person's surnames: compared first, it wins a tie
                        # with the same surname without the particle.
                        keys.append(surname)
                        surnames[surname].add(entry.id)
                        self._surnames_of[entry.id] = surname + _SEPARATOR + self._surnames_of[entry.id]
                        self._particle_surnames[(entry.id, surname)] = " ".join(written.split()[-len(surname.split()) :])
                full[name_key].append(NameForm(entry.id, form_given, surname, written))
                given.update(form_given)
        # A name with an Arabic article written apart ("Tamim bin Hamad Al Thani") is found
        # with it joined by a hyphen ("al-Thani") too, and the other way about: the same name
        # rendered, as the text's runs are read (the hyphenated article is one word of them).
        for name_key in list(full):
            for other in _article_renderings(name_key):
                if other not in full:
                    full[other] = full[name_key]
        self._full = dict(full)
        self._surname = dict(surnames)
        # Each half of a surname written with a hyphen -> those surnames ("horta" and "ramos" ->
        # "ramos-horta"): the text finds the halves apart, as it finds "Putin-Trump".
        halves: dict[str, list[str]] = defaultdict(list)
        for key in self._surname:
            if "-" in key:
                for half in key.split("-"):
                    halves[half].append(key)
        self._hyphenated_surnames = {half: tuple(keys) for half, keys in halves.items()}
        # The few surnames of several words, by their number of spaces, and the surnames
        # written with spaces, hyphens or apostrophes by their letters alone: a name of several
        # words can be like (near_kind) only these or itself without the joins.
        spaced: dict[int, list[str]] = defaultdict(list)
        joined: dict[str, list[str]] = defaultdict(list)
        for key in self._surname:
            if " " in key:
                spaced[key.count(" ")].append(key)
            if _JOINERS.search(key):
                joined[_JOINERS.sub("", key)].append(key)
        self._spaced_surnames = {spaces: tuple(keys) for spaces, keys in spaced.items()}
        self._joined_surnames = {letters: tuple(keys) for letters, keys in joined.items()}
        self._sorted_surnames = sorted(self._surname)
        self._all_given = frozenset(given)
        # "jean" of Jean-Pierre, "frank" of Frank-Walter: a word before a hyphen that may
        # begin a first name written in two halves.
        self.hyphenated_first_halves = frozenset(key.split("-", 1)[0] for key in self._all_given if "-" in key)
        self._phonetic: dict[str, set[str]] = defaultdict(set)
        self._respelled: dict[str, str] = {}
        self._surname_deletes: dict[str, str] = {}
        for key in self._surname:
            self._phonetic[phonetic_key_uncached(key)].add(key)
            respelled = respelling_key_uncached(key)
            if respelled != key:
                _add_packed(self._respelled, respelled, key)
            for variant in deletes(key, 1):
                _add_packed(self._surname_deletes, variant, key)
        # Written first names line up with a form's last given names ("Tayyip Erdogan"), so
        # the last given name is the one to block on.
        last_given: dict[str, set[str]] = defaultdict(set)
        prominent_given: dict[str, set[str]] = defaultdict(set)
        family_first: dict[str, set[str]] = defaultdict(set)
        for forms in self._full.values():
            for form in forms:
                if form.given and f" {form.given[-1]} " not in form.written:
                    # (A last given word written in lower case is a particle, no first name:
                    # "Qasam al Fidr" lends "Al" to no "Eid Al Fitr".)
                    last_given[form.given[-1]].add(form.entry_id)
                    if self.entries[form.entry_id].prominence >= FALLBACK_PROMINENCE:
                        prominent_given[form.given[-1]].add(form.entry_id)
                elif len(form.surname.split()) == 2:
                    family_first[form.surname.split()[0]].add(form.entry_id)
        self._last_given = dict(last_given)
        self._prominent_given = dict(prominent_given)
        # Family name -> the entries with a form of two words and no given name that opens
        # with it ("hu jintao"): the few a name written family name first can be.
        self._family_first = {family: frozenset(ids) for family, ids in family_first.items()}
        # The same prominent entries by the first letter of a surname of theirs, for a
        # surname too damaged to find, guessed among them (with_first_name_and_initial): some
        # 21,000 ids under 9,500 names, made in a twentieth of a second, where grouping a first
        # name's bearers when it was first asked was a thirtieth of reading an unseen article.
        self._prominent_by_initial: dict[str, dict[str, tuple[str, ...]]] = {}
        for name, ids in self._prominent_given.items():
            by_initial: dict[str, list[str]] = defaultdict(list)
            for entry_id in ids:
                for letter in dict.fromkeys([surname[:1] for surname in self.folded_surnames(entry_id)]):
                    by_initial[letter].append(entry_id)
            self._prominent_by_initial[name] = {letter: tuple(found) for letter, found in by_initial.items()}
        self._given_deletes: dict[str, str] = {}
        self._given_phonetic: dict[str, str] = {}
        self._given_ocr: dict[str, str] = {}
        for key in self._last_given:
            for variant in deletes(key, 1):
                _add_packed(self._given_deletes, variant, key)
            if sound := phonetic_key_uncached(key):
                _add_packed(self._given_phonetic, sound, key)
            for misread in ocr_keys_uncached(key):
                _add_packed(self._given_ocr, misread, key)
        self._given_variants: dict[str, frozenset[str]] = {}
        self._similar_surnames: dict[str, list[str]] = {}
        self._close_surnames: dict[tuple[str, float], list[tuple[str, float, str]]] = {}
        self._surnames_borne_from: dict[float, frozenset[str]] = {}
        self._name_groups: dict[str, frozenset[int]] = {}
        self._forms: dict[str, tuple[NameForm, ...]] = {}
        self._best_known: dict[str, str] = {}
        self._full_name_candidates: dict[tuple[str, str], tuple[str, ...]] = {}
        # Who holds a post now, for articles that name the post instead of the person.
        holders: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in gazetteer.entries.values():
            if entry.prominence >= 0.8 and (not entry.roles or not entry.roles[0].end):
                holders[fold(entry.role).split(" of ")[0]].append((fold(entry.country), entry.id))
        # Post ("prime minister") -> (country, entry id) of who holds it now, for articles
        # that name the post instead of the person.
        self.current_posts: dict[str, list[tuple[str, str]]] = dict(holders)
        # The same by country, with the country's words: post -> ((country, words, ids), ...).
        self.posts_by_country: dict[str, tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]] = {}
        for post, pairs in holders.items():
            by_country: dict[str, list[str]] = defaultdict(list)
            for country, entry_id in pairs:
                if country:
                    by_country[country].append(entry_id)
            self.posts_by_country[post] = tuple(
                (country, frozenset(country.split()), tuple(ids)) for country, ids in sorted(by_country.items())
            )
        # Every word of those countries: only these of an article's words need keeping to ask.
        self.post_country_words = frozenset(
            word for countries in self.posts_by_country.values() for _country, words, _ids in countries for word in words
        )
        self.known_words = frozenset(
            word for key in (*self._full, *self._surname) for word in key.split()
        )
        # Which spellings render one name, and which words are names at all (rigour's table).
        self.variants = load_variants()
        # Group of rigour's table -> the last given names (of _last_given) in it: whose first
        # name another renders (bearers_by_rendering). Some 20,000 names in 17,000 groups, made
        # in a twentieth of a second; packed, as nearly every group holds one name.
        self._given_names_by_group: dict[int, str] = {}
        for name in self._last_given:
            for group in self.variants.groups(name):
                _add_packed(self._given_names_by_group, group, name)
        # The newsroom's own writers, few: a byline names them ("Additional reporting by ...").
        self.journalists = tuple(sorted(e.id for e in gazetteer.entries.values() if e.kind == "journalist"))

    def __len__(self) -> int:
        return len(self.entries)

    def full_name(self, key: str) -> Sequence[NameForm]:
        """The forms spelled exactly ``key`` (folded). (Most keys asked about are nobody's
        name: they get one empty tuple, not a new list each time.)"""
        return self._full.get(key, _NO_FORMS)

    def surname(self, key: str) -> AbstractSet[str]:
        """Ids of the entries whose surname is spelled exactly ``key`` (folded). (Not to be
        changed: the index's own set.)"""
        return self._surname.get(key, _NO_OWNERS)

    def hyphenated_surnames_with(self, half: str) -> tuple[str, ...]:
        """The surnames written with a hyphen that have ``half`` (folded) as one of their halves."""
        return self._hyphenated_surnames.get(half, ())

    def best_known(self, key: str) -> str:
        """The one person a surname alone names in the news: its only owner, or one far
        better known than the others ("Tusk", "Putin"); '' when it could be several."""
        found = self._best_known.get(key)
        if found is None:
            ranked = sorted(self.surname(key), key=lambda e: self.entries[e].prominence, reverse=True)
            found = ""
            if len(ranked) == 1:
                found = ranked[0]
            elif ranked and self.entries[ranked[0]].prominence >= (
                self.entries[ranked[1]].prominence + PROMINENCE_MARGIN
            ):
                found = ranked[0]
            _keep(self._best_known, key, found)
        return found

    def written_surname(self, entry_id: str, key: str) -> str:
        """How the gazetteer writes the entry's surname spelled ``key`` (folded)."""
        entry = self.entries[entry_id]
        return next((s for s in entry.surnames if fold(s) == key), None) or self._particle_surnames.get(
            (entry_id, key), entry.surname
        )

    def given_count(self, key: str) -> int:
        """How many officials bear ``key`` (folded) as their last given name."""
        return len(self._last_given.get(key, ()))

    def is_given_name(self, key: str) -> bool:
        """Whether ``key`` (folded) is anyone's first name."""
        return key in self._all_given

    def forms(self, entry_id: str) -> tuple[NameForm, ...]:
        """Every full-name form of one entry. Kept: the same people are asked about again
        and again (each bearer of a surname, for each first name written before it), and
        folding and looking up each of their names every time was some 4% of reading an
        unseen article."""
        found = self._forms.get(entry_id)
        if found is None:
            entry = self.entries[entry_id]
            found = tuple([
                f for name in _without_generation(entry.full_names) for f in self._full[fold(name)] if f.entry_id == entry_id
            ])
            _keep(self._forms, entry_id, found)
        return found

    def similar_surnames(self, key: str) -> list[str]:
        """Folded surnames that may be ``key`` misspelt: close in letters or in sound.

        Symmetric-delete candidates (SymSpell): the index holds every surname with up to one
        letter deleted, the query is looked up with up to two deleted, so an added ending
        (Stubber), a cut (Tus), a swap or a substitution (Makron) meets its surname without a
        scan of the whole list. Metaphone keys add respellings by sound (Peskoff).
        """
        cached = self._similar_surnames.get(key)
        if cached is not None:
            return cached
        found = set(_unpack_all(self._surname_deletes, _two_deletes(key) if len(key) > 4 else deletes(key, 1)))
        # Cut short by two letters ("Woodwa") is beyond the deletes: look the prefix up.
        if len(key) >= 4:
            at = bisect.bisect_right(self._sorted_surnames, key)
            for longer in self._sorted_surnames[at : at + _PREFIX_SCAN]:
                if not longer.startswith(key):
                    break
                if len(longer) - len(key) <= 2:
                    found.add(longer)
        found.update(self._phonetic.get(phonetic_key(key), ()))
        # Written as another language writes the sounds ("Zvangirai" for Tsvangirai).
        respelled = respelling_key(key)
        found.update(_unpack(self._respelled.get(respelled)))
        if respelled in self._surname:
            found.add(respelled)
        # A case ending left on ("Johnsonille", "Pompeem"): the stem, or the stem and a vowel.
        for ending in _ENDINGS_BY_LAST_LETTER.get(key[-1:], ()):
            stem = key[: -len(ending)]
            if key.endswith(ending) and len(stem) >= _MIN_STEM - 1:
                found.update(k for k in (stem, *(stem + v for v in _VOWEL_LETTERS)) if k in self._surname and inflected(key, k))
        found.discard(key)
        # News repeats its words, within an article and across them: keep the answers.
        return _keep(self._similar_surnames, key, sorted(found))

    def close_surnames(self, key: str, *, owned_from: float = 0.0) -> list[tuple[str, float, str]]:
        """``similar_surnames`` that ``key`` may be a damaged spelling of (``may_be_alike``),
        each with its ``similarity``: (surname, score, kind). Kept, like the lookup.

        ``owned_from``: only surnames somebody at least this prominent bears. A caller that
        wants no one less known says so, and the comparisons with the many surnames of little
        known people (most of a word's look-alikes) are never made.
        """
        found = self._close_surnames.get((key, owned_from))
        if found is None:
            borne = self._borne_from(owned_from) if owned_from else frozenset()
            found = [
                (surname, *similarity(key, surname))
                for surname in self.similar_surnames(key)
                if (not owned_from or surname in borne) and may_be_alike(key, surname)
            ]
            _keep(self._close_surnames, (key, owned_from), found)
        return found

    def _borne_from(self, prominence: float) -> frozenset[str]:
        """The folded surnames somebody at least this prominent bears. Made once per prominence
        asked for (a few hundredths of a second), where testing the bearers of each of a word's
        look-alikes was a third of looking up a word never seen."""
        found = self._surnames_borne_from.get(prominence)
        if found is None:
            prominent = {entry_id for entry_id, entry in self.entries.items() if entry.prominence >= prominence}
            found = frozenset(key for key, owners in self._surname.items() if not owners.isdisjoint(prominent))
            self._surnames_borne_from[prominence] = found
        return found

    def given_variants(self, key: str) -> frozenset[str]:
        """Given names ``key`` (folded) may be a spelling of (``misspelt_given``), itself included.

        News repeats its words, within an article and across them: the answers are kept.
        """
        found = self._given_variants.get(key)
        if found is None:
            names = {key}
            bearers = len(self._last_given.get(key, ()))
            # A first name many officials bear, written right, is that name: "Michael" is not
            # Michal misspelt (and the search for its look-alikes is the dearest there is).
            # Nor is a short one that more than a few bear ("Omar"): misspelt_given would turn
            # down each of its look-alikes, so they are not looked for.
            if (
                len(key) >= 4
                and bearers < COMMON_GIVEN_NAME
                and (len(key) >= MIN_MISSPELT_GIVEN or bearers <= RARE_GIVEN_NAME)
            ):
                names.update(_unpack_all(self._given_deletes, deletes(key, 1)))
                if sound := phonetic_key(key):
                    names.update(_unpack(self._given_phonetic.get(sound)))
                for misread in ocr_keys(key):
                    names.update(_unpack(self._given_ocr.get(misread)))
                # A final -a heard as -er and the other way ("Narendrer", "Peta"): two letters
                # off, beyond one delete, and no longer alike in sound keys.
                names.update(_heard_endings(key))
            found = frozenset(
                name for name in names if name in self._last_given and self.misspelt_given(key, name)
            )
            _keep(self._given_variants, key, found)
        return found

    def misspelt_given(self, written: str, name: str) -> str:
        """How ``written`` misspells the given name ``name`` (folded), or '' if it does not.

        A letter off, a scanner's misreading or the same sound, from five letters on
        (Emanuel, Tarnim); shorter names and a letter added or cut count only when what is
        written is nobody's first name, or a rare one ("Kier", "Keithh", "Mrak"), for "Jon" is
        not a misspelt "John" and "Jose" is not "Joseph" cut short.
        """
        if written == name:
            return "exact"
        if abs(len(written) - len(name)) > 3:
            return ""
        distance = OSA.distance(written, name, score_cutoff=3)
        if distance > 3:
            return ""  # every kind below is within three edits: most look-alikes are not
        # Two or three edits off, only a scanner's misreading or the same sound will do, and
        # the same sound only two edits off, from five letters on, with a final -a heard as -er
        # or the lengths a letter apart (see near_kind). Most look-alikes are none of these:
        # told so here, near_kind's other tests are not made for them.
        if distance >= 2 and not ocr_alike(written, name):
            sound = len(written) >= MIN_MISSPELT_GIVEN and distance == 2 and (
                abs(len(written) - len(name)) <= 1 or name in _heard_endings(written)
            )
            if not sound:
                return ""
        _score, why = near_kind(written, name) or (0.0, "")
        if why in ("one", "ocr", "sound") and len(written) >= MIN_MISSPELT_GIVEN:
            return why
        if (
            why in ("one", "ocr", "cut", "added")
            and len(written) >= 4
            and abs(len(written) - len(name)) <= 1
            and len(self._last_given.get(written, ())) <= RARE_GIVEN_NAME
        ):
            return why
        return ""

    def full_name_candidates(self, given: str, surname: str) -> tuple[str, ...]:
        """Ids of the entries "<given> <surname>" (folded) may be a misspelling of: a last
        given name that ``given`` may spell (``given_variants``) and a surname that is
        ``surname`` or like it (``similar_surnames``). Kept, like the lookups it joins."""
        pair = (given, surname)
        found = self._full_name_candidates.get(pair)
        if found is None:
            by_given = [self._last_given[name] for name in self.given_variants(given)]
            ids: dict[str, None] = {}
            if 0 < sum(map(len, by_given)) <= _FEW_NAMESAKES:
                # A rare first name: its few bearers' surnames are compared one by one,
                # cheaper than looking up every spelling the surname may be a slip of.
                respelled_alike = self._respelled_alike(surname)
                for given_ids in by_given:
                    for entry_id in sorted(given_ids):
                        if entry_id in ids:
                            continue  # found already, through another spelling of the first name
                        for surname_key in self.folded_surnames(entry_id):
                            if (
                                within_three_edits(surname, surname_key, respelled_alike)
                                and similarity(surname, surname_key)[0] >= MIN_SURNAME_SIMILARITY
                            ):
                                ids[entry_id] = None
                                break  # one surname alike is enough
            elif by_given and (" " not in surname or self._borne_in_spacing(surname, by_given)):
                # The bearers of any spelling of the first name, to ask each look-alike's owners
                # about at once. (Most first names written have one spelling here: its own
                # bearers; of several, joined once, where a test of each spelling for each
                # look-alike was a fiftieth of an unseen article.)
                bearers = by_given[0] if len(by_given) == 1 else frozenset().union(*by_given)
                for surname_key in (surname, *self.similar_surnames(surname)):
                    owners = self._surname.get(surname_key)
                    # (Most look-alikes have no bearer of the first name: tested without making
                    # a set for each.)
                    if not owners or owners.isdisjoint(bearers):
                        continue
                    # Repair scores only surnames this alike (a sound alone is not enough).
                    if similarity(surname, surname_key)[0] >= MIN_SURNAME_SIMILARITY:
                        for given_ids in by_given:
                            ids.update(dict.fromkeys(owners & given_ids))
            found = tuple(ids)
            _keep(self._full_name_candidates, pair, found)
        return found

    def _respelled_alike(self, key: str) -> frozenset[str]:
        """The gazetteer's surnames that another language's spelling makes one with ``key``
        (whose ``respelling_key`` is that of ``key``): found once for a surname compared with
        a first name's bearers, where keying each bearer's surname (one evicting the other
        from respelling_key's cache) was most of comparing them."""
        respelled = respelling_key(key)
        alike = _unpack(self._respelled.get(respelled))  # the surnames respelled into it
        # ... and itself, when a surname that respelling leaves as it is.
        if respelled in self._surname and respelling_key(respelled) == respelled:
            alike.append(respelled)
        return frozenset(alike)

    def _borne_in_spacing(self, key: str, by_given: list[set[str]]) -> bool:
        """Whether a bearer of the first names (``by_given``: the ids of each one's bearers)
        bears a surname that ``key``, of several words, may be like at all: one of as many
        words, or the same letters joined otherwise, as near_kind scores any other 0. These are
        few, and tested before the look-alikes of ``key`` are looked up: for the words of a run
        ("Chief Chris Decherd") that lookup was a fortieth of an unseen article, and found none."""
        letters = _JOINERS.sub("", key)
        for other in (*self._spaced_surnames.get(key.count(" "), ()), *self._joined_surnames.get(letters, ()), letters):
            owners = self._surname.get(other)
            if owners and not all(owners.isdisjoint(given_ids) for given_ids in by_given):
                return True
        return False

    def family_name_first(self, family: str) -> list[str]:
        """Ids of the entries bearing the surname ``family`` (folded) with a form of two words
        and no given name that opens with it ("Hu Jintao"), sorted."""
        owners = self._surname.get(family)
        written_first = self._family_first.get(family)
        return sorted(owners & written_first) if owners and written_first else []

    def has_surnames_of(self, words: int) -> bool:
        """Whether some surname has this many words."""
        return words == 1 or words - 1 in self._spaced_surnames

    def bearers_by_rendering(self, given: str, surname: str) -> list[str]:
        """Ids of the entries with exactly this surname whose last given name ``given`` is
        another rendering of, as rigour's table groups them ("George" Papandreou for Giorgos):
        too far in letters for ``given_variants``. (Whether that rendering is right for the
        person is for repair to say.)"""
        owners = self._surname.get(surname)
        if not owners or len(owners) > _MANY_BEARERS:
            return []
        found: set[str] = set()
        # The gazetteer's first names in the groups of ``given``, and of their bearers those
        # with the surname: a few set intersections, where finding each of up to 300 bearers'
        # groups (their names folded, each name's groups hashed and searched) was a tenth of
        # reading an unseen article.
        for group in self._groups_of(given):
            for name in _unpack(self._given_names_by_group.get(group)):
                found.update(owners & self._last_given[name])
        return sorted(found)

    def _groups_of(self, given: str) -> frozenset[int]:
        """``variants.groups`` of a given name, kept: a first name written before several
        surnames ("Mohamed") is hashed and searched once."""
        found = self._name_groups.get(given)
        if found is None:
            found = _keep(self._name_groups, given, frozenset(self.variants.groups(given)))
        return found

    def folded_surnames(self, entry_id: str) -> tuple[str, ...]:
        """The entry's surnames, folded, in its order without repeats."""
        folded = self._surnames_of[entry_id]
        # (Nearly every entry has one, handed back without a split.)
        return (folded,) if _SEPARATOR not in folded else tuple(folded.split(_SEPARATOR))

    def with_first_name(self, key: str, *, limit: int = _FIRST_NAME_LIMIT) -> set[str]:
        """Ids of prominent entries whose (last) given name is ``key`` or a spelling of it.

        Used when a first name is written but the surname is too damaged to find by
        itself ("Emanuel McCone"): only well-known people are worth that guess, and they
        are few enough to compare one by one. Empty when the name narrows nothing.
        """
        ids: set[str] = set()
        for name in self.given_variants(key):
            ids.update(self._prominent_given.get(name, ()))
            if len(ids) > limit:
                return set()
        return ids

    def with_first_name_and_initial(self, key: str, initial: str) -> list[str]:
        """``with_first_name``, narrowed to the entries with a surname that starts with
        ``initial`` (folded), each once. (In no particular order, as with_first_name's set:
        repair ranks the readings of them by score, prominence and id.)"""
        names = self.given_variants(key)
        if sum(len(self._prominent_given.get(name, ())) for name in names) > _FIRST_NAME_LIMIT:
            if not self.with_first_name(key):
                return []  # a first name so common it narrows nothing
        found: dict[str, None] = {}
        for name in names:
            by_initial = self._prominent_by_initial.get(name)
            if by_initial:
                found.update(dict.fromkeys(by_initial.get(initial, ())))
        return list(found)


def load_index(paths: Sequence[Path | str]) -> NameIndex:
    """Load the gazetteer files and index them, as the service does.

    A world-scale gazetteer is millions of small objects. The garbage collector is paused
    while they are made (its repeated passes over them took half the load time), and they
    are frozen afterwards: they live as long as the index, and a collection that walked them
    all would stall a request for tens of milliseconds. (Frozen objects are still freed when
    nothing refers to them, as after a reload.)

    :raises GazetteerError: a file is missing or malformed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        index = NameIndex(load_gazetteer(paths))
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return index


# The delete indexes hold half a million keys, nearly all pointing at one name: store that
# name itself (no list per key), and join the rare several with a separator.
_SEPARATOR = "\x00"


def _add_packed(mapping: dict[K, str], key: K, value: str) -> None:
    mapping[key] = mapping[key] + _SEPARATOR + value if key in mapping else value


def _unpack(packed: str | None) -> list[str]:
    return packed.split(_SEPARATOR) if packed else []


def _unpack_all(mapping: dict[str, str], keys: Iterable[str]) -> list[str]:
    """``_unpack`` of every key's value, joined: the hundreds of look-ups of a word's deletes
    run in C, where one ``_unpack`` each was a tenth of an unseen article's time."""
    packed = _SEPARATOR.join(filter(None, map(mapping.get, keys)))
    return packed.split(_SEPARATOR) if packed else []


def _keep(cache: dict[K, V], key: K, answer: V) -> V:
    """Keep an answer of a per-word lookup; a full cache starts afresh (news repeats its
    words, so what matters comes back at once)."""
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = answer
    return answer


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) <= 1


def _heard_endings(key: str) -> tuple[str, ...]:
    """``key`` with a final -er heard for -a, or -a for -er."""
    if key.endswith("er"):
        return (key[:-2] + "a",)
    if key.endswith("a"):
        return (key[:-1] + "er",)
    return ()


def deletes(word: str, depth: int) -> set[str]:
    """``word`` with up to ``depth`` letters deleted, in every way (never below two letters)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier if len(w) > 2 for i in range(len(w))}
        found |= frontier
    return found


def _two_deletes(word: str) -> set[str]:
    """``deletes(word, 2)``, made with each pair of letters deleted once: deleting a letter
    from each one-letter delete made every pair twice, for the dearest part of looking up a
    word never seen. (The same set; only the order it was filled in differs.)"""
    found = {word}
    size = len(word)
    if size > 2:
        found.update([word[:i] + word[i + 1 :] for i in range(size)])
    if size > 3:
        found.update([word[:i] + word[i + 1 : j] + word[j + 1 :] for i in range(size) for j in range(i + 1, size)])
    return found


def phonetic_key_uncached(word: str) -> str:
    """A sound key for a folded word (Metaphone); '' for words it cannot key."""
    try:
        return jellyfish.metaphone(word)
    except (ValueError, IndexError):
        return ""


# Articles repeat their words. (The index keys the gazetteer's own names with the uncached
# functions: each of them once, where the cache's first 65,536 entries were the gazetteer's,
# some 17 MB kept for nothing, and evicted one by one as articles came.)
phonetic_key = lru_cache(maxsize=65536)(phonetic_key_uncached)


# Articles name the same people again and again: the comparisons are kept.
@lru_cache(maxsize=32768)
def similarity(a: str, b: str) -> tuple[float, str]:
    """How alike two folded name parts are (0..1), and the kind of difference.

    The kinds are the damage seen in translated, OCR'd and transcribed text: ``exact``,
    ``spacing`` (the same letters joined otherwise: Jae In, Jae-in),
    ``inflected`` (a case ending of the source language left on: Bidena, Pompeem, Johnsonille),
    ``added`` (an ending added: Stubber), ``cut`` (cut short: Tus), ``one``/``two`` (letters
    off), ``ocr`` (letters a scanner confuses: Pornpeo), ``sound`` (sounds the same: Makron,
    Ostin), ``respelled`` (written as another language writes its sounds: Schtarmer, Peskow),
    ``sound-like`` (McCone), ``letters`` (merely similar letters).
    """
    near = near_kind(a, b)
    if near is not None:
        return near
    distance = OSA.distance(a, b)
    key_a, key_b = phonetic_key(a), phonetic_key(b)
    if min(len(a), len(b)) >= 4 and a[:1] != "" and respelling_key(a) == respelling_key(b):
        return 0.88, "respelled"
    if distance == 2 and min(len(a), len(b)) >= 6:
        return 0.8, "two"
    if (
        a[0] == b[0]
        and key_a
        and key_b
        and OSA.distance(key_a, key_b) == 1
        and JaroWinkler.similarity(a, b) >= 0.78
    ):
        return 0.75, "sound-like"
    return 0.8 * Indel.normalized_similarity(a, b), "letters"


def near_kind(a: str, b: str) -> tuple[float, str] | None:
    """``similarity`` as far as its kinds of plain damage go (exact to ``sound``); None past
    them. A first name is misspelt only in these ways, and its look-alikes are many: the
    dearer kinds after them are not worth computing for it."""
    if a == b:
        return 1.0, "exact"
    # (Letters only, as most are, hold nothing to join: the two substitutions are skipped.)
    if not (a.isalpha() and b.isalpha()) and _JOINERS.sub("", a) == _JOINERS.sub("", b):
        return 0.95, "spacing"  # "jae in" and "jae-in": the same letters, joined otherwise
    if a.count(" ") != b.count(" "):
        return 0.0, "letters"  # "swire mp" is not "swire" with an ending: a word is no letter
    if a.startswith(b) and a[len(b) :] in DERIVED_ENDINGS:
        return 0.0, "derived"  # "Putinism", "Blairite", "Biyaism": an English word made of the name
    if len(b) >= 4 and glued_onto(a, b):
        return 0.9, "glued"  # "Macronsaid": a word machine translation glued on, kept apart by the fix
    if len(b) >= 4 and a.startswith(b) and len(a) - len(b) <= 3:
        return (0.9 if len(a) - len(b) == 1 else 0.85), "added"
    if inflected(a, b):
        return 0.85, "inflected"
    if len(a) >= 3 and b.startswith(a) and len(b) - len(a) <= 2:
        return (0.85 if len(b) - len(a) == 1 else 0.8), "cut"
    distance = OSA.distance(a, b)
    if distance == 1 and min(len(a), len(b)) >= 4:
        # A first letter is rarely the one damaged: "Holne" is less likely "Molné" than "Holness".
        return (0.9 if a[0] == b[0] else 0.85), "one"
    if distance <= 3 and min(len(a), len(b)) >= 4 and ocr_alike(a, b):
        return 0.9, "ocr"
    if min(len(a), len(b)) >= 4 and b in _heard_endings(a):
        # "Obamer", "Odinger": a final -a heard as -er, as English speaks it; or the other way
        # ("Peta" for Peter).
        return 0.85, "sound"
    key_a, key_b = phonetic_key(a), phonetic_key(b)
    same_start = a[0] == b[0] or (a[0] in _VOWELS and b[0] in _VOWELS)
    if key_a and _sound(key_a) == _sound(key_b) and same_start and distance <= 2 and abs(len(a) - len(b)) <= 1:
        return 0.85, "sound"
    return None


_VOWELS = frozenset("aeiouy")
_VOWEL_LETTERS = "".join(sorted(_VOWELS))  # a final "y" goes under an ending as a vowel does: Kerry -> Kerrovi
_JOINERS = re.compile(r"[\s'-]")
# An Arabic article inside a name, written apart or joined to the word after it.
_ARTICLE = "|".join(ARABIC_ARTICLES)
_ARTICLE_APART = re.compile(rf"(?<= )({_ARTICLE}) (?=\w)")
_ARTICLE_JOINED = re.compile(rf"(?<= )({_ARTICLE})-(?=\w)")
_ARTICLE_ANYWHERE = re.compile(rf" (?:{_ARTICLE})")


def _article_renderings(name_key: str) -> tuple[str, ...]:
    """A folded full name with its Arabic articles written the other way: "tamim bin hamad
    al thani" -> "tamim bin hamad al-thani"; "bashar al-assad" -> "bashar al assad"."""
    if not _ARTICLE_ANYWHERE.search(name_key):
        return ()  # (most names: one search in C, asked of every name at start-up)
    found = (_ARTICLE_APART.sub(r"\1-", name_key), _ARTICLE_JOINED.sub(r"\1 ", name_key))
    return tuple(k for k in found if k != name_key)


# English words machine translation glues onto the name before them ("Macronand", "Sheinbaum
# Pardowill", "Barcenatoday"): never an ending of a name, and kept as a word by a fix.
GLUED_WORDS = frozenset("and the who was has had said says told with from but for will made met today".split())


def glued_onto(word: str, name: str) -> bool:
    """Whether ``word`` is ``name`` with one of GLUED_WORDS glued on (both folded)."""
    return word.startswith(name) and word[len(name) :] in GLUED_WORDS


# Endings English puts on a name to make a word of it: Putinism, Trumpist, Blairite, Chavista,
# Reaganomics, Obamacare, Watergate; and Arabic's nisba, which makes a name of a place, a
# movement or a publication of one (Nasiriya, Husseiniya, Hilaliya).
DERIVED_ENDINGS = frozenset(
    "ism isms ist ists ite ites ian ians ista istas ismo nomics care gate mania esque iya iyya iyah".split()
)
# Letters and pairs a scanner mistakes for one another, each mapped to one spelling: rn/m,
# cl/d, ii/u, li/h, vv/w, ri/n, c/e, and l/I (which folding has made l/i).
# (In this order: "Rislii" is Rishi with h misread, before "ii" would be taken for u.)
_OCR_CONFUSIONS = (("rn", "m"), ("cl", "d"), ("li", "h"), ("ri", "n"), ("ii", "u"), ("vv", "w"), ("c", "e"), ("i", "l"))


def ocr_key(word: str) -> str:
    """``word`` with every OCR confusion mapped to one spelling: Pornpeo and Pompeo agree."""
    for seen, meant in _OCR_CONFUSIONS:
        word = word.replace(seen, meant)
    return word


def ocr_keys_uncached(word: str) -> tuple[str, ...]:
    """The OCR keys of ``word``: two where "cli" may be "di" or "ch" misread ("Berclimuhamedov",
    "Cliavez"), which one order of the confusions cannot both undo; else the one."""
    key = ocr_key(word)
    if "cli" not in word:
        return (key,)
    other = ocr_key(word.replace("li", "h"))
    return (key,) if other == key else (key, other)


# The keys themselves are kept, not only the spellings they are made of: a word is compared
# with a dozen look-alikes, each asking for both words' keys.
ocr_keys = lru_cache(maxsize=65536)(ocr_keys_uncached)


def ocr_alike(a: str, b: str) -> bool:
    """Whether a scanner may have read one word for the other: they share an OCR key (of the
    one or two each has; compared without making a set)."""
    keys_a, keys_b = ocr_keys(a), ocr_keys(b)
    return keys_a[0] in keys_b or (len(keys_a) > 1 and keys_a[1] in keys_b)


# How other languages write the sounds of a name, each mapped to one spelling, in this order:
# a German or Polish rendering of a Slavic or English name (Schtarmer, Czernyshov, Szevchenko,
# Jellen, Peskow, Zelenski), a Russian one of a Latin name (Zhokonya), "kh" or "ch" for "h".
_RESPELLINGS = (
    ("tsch", "ch"), ("sch", "sh"), ("sz", "sh"), ("cz", "ch"), ("dzh", "j"), ("zh", "j"), ("kh", "h"),
    ("ch", "h"), ("j", "y"), ("ts", "s"), ("tz", "s"), ("z", "s"), ("w", "v"), ("ck", "k"), ("ph", "f"),
)


# A Polish surname's ending as Russian or Ukrainian writes it, taken back to the Polish
# spelling: Karol Nawrocki becomes "Navrotsky" in a translation from Russian.
_SLAVIC_ENDINGS = (("tskiy", "cki"), ("tskyi", "cki"), ("tsky", "cki"), ("tski", "cki"), ("skiy", "ski"), ("skyi", "ski"))


def respelling_key_uncached(word: str) -> str:
    """``word`` with every other language's way of writing a sound mapped to one spelling:
    Schtarmer and Starmer, Peskow and Peskov, Zhokonya and Jokonya, Navrotsky and Nawrocki agree."""
    for ending, polish in _SLAVIC_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            word = word[: -len(ending)] + polish
            break
    for written, sound in _RESPELLINGS:
        word = word.replace(written, sound)
    word = _HARD_C.sub("k", word)
    return word[:-1] + "i" if word.endswith("y") else word


# A c that sounds as k ("Karzai" and "Carzai"): compiled once, not looked up in re's cache for
# each of the gazetteer's 66,000 surnames at load and each new word after.
_HARD_C = re.compile(r"c(?=[aou])")
respelling_key = lru_cache(maxsize=65536)(respelling_key_uncached)


def _sound(key: str) -> str:
    """A Metaphone key without its first vowel: Ostin and Austin sound alike."""
    return key[1:] if key[:1] in ("A", "E", "I", "O", "U") else key


# Case endings that machine translation from an inflected language leaves on a name: Slavic
# (Bidena, Macronu, Trumpem, Putinom, Pompeovi), Baltic (Starmeris, Rutas), Turkish (Putinin),
# Finnish (Stubbille, Stubbin), Hungarian (Bidennek, Macront). Longest first.
CASE_ENDINGS = tuple(
    sorted(
        "a u e y om em ovi owi ym is as us in un nin ille lle lla sta n nak nek t ot et ja ju jem".split(),
        key=len,
        reverse=True,
    )
)
_ENDING_SET = frozenset(CASE_ENDINGS)
# The same by last letter, longest first: a word is tried only with the endings it may have.
_ENDINGS_BY_LAST_LETTER = {
    last: tuple(e for e in CASE_ENDINGS if e.endswith(last)) for last in {e[-1] for e in CASE_ENDINGS}
}
_LONGEST_ENDING = max(map(len, CASE_ENDINGS)) + 1  # the stem may lose its final vowel too
_MIN_STEM = 4


def inflected(a: str, b: str) -> bool:
    """Whether ``a`` is the name ``b`` with a case ending on (Johnson -> Johnsonille), or with
    its final vowel turned into one (Pompeo -> Pompeem, Suga -> Sugin)."""
    if len(a) <= len(b) - 1 or len(b) < _MIN_STEM or a[: _MIN_STEM - 1] != b[: _MIN_STEM - 1]:
        return False  # (every stem tried below is three letters of b or more)
    # A name of four letters may lose its final vowel to the ending: Suga -> Sugem, Kono -> Konem.
    stems = ((b, _MIN_STEM), (b[:-1], _MIN_STEM - 1)) if b[-1] in _VOWELS else ((b, _MIN_STEM),)
    for stem, shortest in stems:
        if len(stem) >= shortest and a.startswith(stem) and a[len(stem) :] in _ENDING_SET and a != b:
            return True
    return False


def may_be_alike(a: str, b: str) -> bool:
    """A cheap test that ``similarity(a, b)`` can reach 0.8: every kind of damage it scores
    that high is two edits at most, or an ending added or cut, or a scanner's misreading, or
    a case ending, or another language's spelling."""
    difference = len(a) - len(b)
    if difference > _LONGEST_ENDING or difference < -3:
        return False
    if difference <= 3:
        distance = OSA.distance(a, b, score_cutoff=3)
        if distance <= 2 or (distance == 3 and (a.startswith(b) or b.startswith(a) or ocr_alike(a, b))):
            return True
    return (difference > 0 and (inflected(a, b) or glued_onto(a, b))) or (
        respelling_key(a) == respelling_key(b)
    )


class SurnamePool:
    """A few surnames (an article's people), each with its owners, and which of them a word
    may be (``may_be_alike``), asked once per word: compared in one call to RapidFuzz, then
    case endings and other languages' spellings looked up, where a test of each pair in
    Python took a millisecond an article."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        owners: dict[str, list[str]] = defaultdict(list)
        for key, entry_id in pairs:
            if entry_id not in owners[key]:
                owners[key].append(entry_id)
        self._owners = dict(owners)
        self._keys = sorted(self._owners)
        self._by_stem: dict[str, list[str]] = defaultdict(list)
        self._by_respelling: dict[str, list[str]] = defaultdict(list)
        for key in self._keys:
            self._by_stem[key[: _MIN_STEM - 1]].append(key)
            self._by_respelling[respelling_key(key)].append(key)
        self._answers: dict[str, list[tuple[str, str]]] = {}

    def alike(self, word: str) -> list[tuple[str, str]]:
        """(surname, owner) for every surname ``word`` may be, in surname order."""
        answer = self._answers.get(word)
        if answer is None:
            found = set(self._by_respelling.get(respelling_key(word), ()))
            # (Most words are like none of the pool's surnames: what finds none is skipped.)
            stem_alike = self._by_stem.get(word[: _MIN_STEM - 1])
            if stem_alike:
                found.update(
                    k for k in stem_alike
                    if len(word) > len(k) and (inflected(word, k) or glued_onto(word, k))
                )
            for key, distance, _ in process.extract(word, self._keys, scorer=OSA.distance, score_cutoff=3, limit=None):
                if distance <= 2 or word.startswith(key) or key.startswith(word) or ocr_alike(word, key):
                    found.add(key)
            answer = self._answers[word] = [(k, e) for k in sorted(found) for e in self._owners[k]] if found else []
        return answer


def within_three_edits(a: str, b: str, respelled_alike: frozenset[str]) -> bool:
    """A cheaper, looser test than ``similarity``: the kinds it scores 0.7 or more are within
    three edits, sound-alikes apart, or a case ending or another language's spelling.
    ``b`` is a gazetteer surname, and ``respelled_alike`` those whose ``respelling_key`` is
    that of ``a`` (``NameIndex._respelled_alike``)."""
    if abs(len(a) - len(b)) <= 3 and OSA.distance(a, b, score_cutoff=3) <= 3:
        return True
    return inflected(a, b) or b in respelled_alike


def best_similarity(query: str, choices: Iterable[str]) -> tuple[float, str, str]:
    """The choice most like ``query``: (score, why, choice); (0, '', '') for no choices."""
    best = (0.0, "", "")
    for choice in choices:
        score, why = similarity(query, choice)
        if score > best[0]:
            best = (score, why, choice)
    return best
