"""The scorer: a planted correct repair, a false edit, a wrong repair and a miss are each
counted as such, and precision, recall and false edits per 10,000 words follow from them."""

from __future__ import annotations

from bench.corrupt import Damage, Sample
from bench.names import wilson_interval
from bench.score import Fix, Tally, judge

TEXT = "Donald Tus met Emanuel Macron in Paris. Kellog said the trip was useful."


def damage(
    original: str, damaged: str, kind: str = "truncation", *, accepted: tuple[str, ...] = (), text: str = TEXT
) -> Damage:
    start = text.index(damaged)
    return Damage(start, start + len(damaged), original, damaged, kind, "", "someone", (original, *accepted), True)


def fix(original: str, replacement: str, *, applied: bool = True, text: str = TEXT) -> Fix:
    start = text.index(original)
    return Fix(start, start + len(original), original, replacement, applied)


TUS = damage("Tusk", "Tus")
EMANUEL = damage("Emmanuel", "Emanuel", "first_name")
KELLOG = damage("Kellogg", "Kellog", "letters")
SAMPLE = Sample("X#0", "X", "test", TEXT, (TUS, EMANUEL, KELLOG))


def test_correct_repair_false_edit_and_miss() -> None:
    fixes = [
        fix("Donald Tus", "Donald Tusk"),  # the whole name, restoring the damaged surname
        fix("Emanuel Macron", "Emmanuel Macron"),
        fix("Paris", "Parisi"),  # nothing was damaged there
        fix("Kellog", "Kellogg", applied=False),  # listed only: still a miss
    ]
    verdict = judge(SAMPLE, fixes)
    assert verdict.restored == [TUS, EMANUEL]
    assert [f.original for f in verdict.correct] == ["Donald Tus", "Emanuel Macron"]
    assert [f.original for f in verdict.false_edits] == ["Paris"]
    assert verdict.missed == [(KELLOG, fixes[3])]
    tally = Tally()
    tally.add(verdict)
    assert tally.precision == 2 / 3
    assert tally.recall == 2 / 3
    assert tally.kind_recall("letters") == 0.0 and tally.kind_recall("first_name") == 1.0


def test_a_wrong_replacement_is_a_wrong_repair() -> None:
    verdict = judge(SAMPLE, [fix("Donald Tus", "Donald Tusks"), fix("Emanuel Macron", "Emmanuel Marcon")])
    assert verdict.restored == [] and verdict.correct == []
    assert [d for d, _ in verdict.wrong] == [TUS, EMANUEL]
    assert len(verdict.wrong_fixes) == 2


def test_accents_and_accepted_spellings_count_as_restored() -> None:
    text = "Juan Guaidoo spoke. Yoav Galantt spoke."
    guaido = damage("Guaido", "Guaidoo", "suffix", text=text)
    gallant = damage("Gallant", "Galantt", "letters", accepted=("Galant",), text=text)
    sample = Sample("Y#0", "Y", "test", text, (guaido, gallant))
    verdict = judge(sample, [fix("Guaidoo", "Guaidó", text=text), fix("Galantt", "Galant", text=text)])
    assert verdict.restored == [guaido, gallant]
    wrong_case = judge(sample, [fix("Guaidoo", "GUAIDO", text=text)])
    assert wrong_case.wrong and not wrong_case.restored


def test_suggestion_only_damage_is_found_when_listed_not_applied() -> None:
    text = "Keir Starmer arrived. The stammer said it went well."
    heard = damage("Starmer", "stammer", "heard_word", text=text)
    sample = Sample("Z#0", "Z", "test", text, (heard,))
    listed = judge(sample, [fix("stammer", "Starmer", applied=False, text=text)])
    assert listed.suggested == [heard] and listed.applied == 0
    applied = judge(sample, [fix("stammer", "Starmer", text=text)])
    assert applied.suggested == [] and len(applied.premature) == 1 and applied.applied == 0
    tally = Tally()
    tally.add(applied)
    assert tally.suggest_only == 1 and tally.suggest_applied == 1 and tally.damaged == 0


def test_false_edits_on_clean_text_are_counted_per_10k_words() -> None:
    clean = Sample("X", "X", "test", TEXT)
    tally = Tally()
    tally.add(judge(clean, [fix("Paris", "Parisi")]))
    assert tally.clean_words == 13
    assert tally.clean_false_edits == 1
    assert tally.false_edits_per_10k == 10_000 / 13
    assert tally.precision is None  # precision is for the corrupted copies


def test_wilson_interval_brackets_the_rate_and_narrows_with_more_trials() -> None:
    low, high = wilson_interval(112, 114)
    assert low is not None and high is not None
    # The textbook values for 112 of 114: 0.938 to 0.995.
    assert round(low, 3) == 0.938 and round(high, 3) == 0.995
    wide = wilson_interval(10, 10)
    assert wide[0] is not None and wide[0] < 0.75 and wide[1] == 1.0
    narrow = wilson_interval(1000, 1000)
    assert narrow[0] is not None and narrow[0] > 0.99
    assert wilson_interval(0, 0) == (None, None)


def test_a_fix_that_puts_back_one_of_two_damaged_words_is_a_partial_repair() -> None:
    text = "The president of Djibouti, lsmail Omar Guellh, arrived."
    both = damage("Ismail Omar Guelleh", "lsmail Omar Guellh", "both", text=text)
    sample = Sample("P#0", "P", "test", text, (both,))

    verdict = judge(sample, [fix("Omar Guellh", "Omar Guelleh", text=text)])
    assert verdict.partial and verdict.partly_restored == [both]
    assert not verdict.correct and not verdict.wrong_fixes and not verdict.restored
    tally = Tally()
    tally.add(verdict)
    assert (tally.precision, tally.strict_precision, tally.recall) == (1.0, 0.0, 0.0)

    # Another word, or a damaged word made into something else, is a wrong repair still.
    assert judge(sample, [fix("Omar Guellh", "Omar Guellah", text=text)]).wrong_fixes
    assert judge(sample, [fix("Omar Guellh", "Omer Guelleh", text=text)]).wrong_fixes
    assert judge(sample, [fix("lsmail Omar Guellh", "Ismail Omar Guelleh", text=text)]).correct


def test_damage_to_a_publishers_misspelling_may_be_put_right_to_the_right_spelling() -> None:
    text = "Opposition leader Raila ODINDA spoke."
    recased = damage("Odinda", "ODINDA", "case", text=text)
    sample = Sample("E#0", "E", "test", text, (recased,), (("Odinda", "Odinga"),))

    assert judge(sample, [fix("ODINDA", "Odinga", text=text)]).correct
    assert judge(sample, [fix("ODINDA", "Odinda", text=text)]).correct
    assert judge(sample, [fix("ODINDA", "Odanga", text=text)]).wrong_fixes


def test_a_fix_that_also_rights_the_publisher_s_misspelling_beside_the_damage_restores_it() -> None:
    # The publisher wrote "Christina"; the damage is in the surname only.
    text = "Christina Fernandez de Kirchn spoke."
    kirchner = damage("Kirchner", "Kirchn", text=text)
    sample = Sample("X#0", "X", "test", text, (kirchner,), errata=(("Christina", "Cristina"),))
    verdict = judge(sample, [fix("Christina Fernandez de Kirchn", "Cristina Fernandez de Kirchner", text=text)])
    assert verdict.restored == [kirchner] and verdict.wrong == []
