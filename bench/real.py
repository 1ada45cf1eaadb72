"""Real machine-translation damage: articles as machine translation wrote them, with what each
damaged name should read (``bench/corpus/real/*.json``), as samples bench/score.py can judge
like the generated ones.

The example article the service exists for (../shared/examples) is the first: the scorer is
fitted on it too, so its figures show that the service repairs it, not how it does on new text
(the held-out part says that).
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.corrupt import SUGGEST_ONLY, Damage, Sample

REAL = Path(__file__).resolve().parent / "corpus" / "real"
# A damage's kind in the figures; one a fix may only suggest is a heard word.
REAL_KIND = "real"


def real_samples(folder: Path = REAL) -> list[Sample]:
    """Every annotated real article, its damage located in its text."""
    samples = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = str(data["text"])
        suggest_only = set(data.get("suggest_only", ()))
        damages = []
        for damage in data["damages"]:
            written, right = str(damage["written"]), str(damage["right"])
            start = text.index(written)
            kind = next(iter(SUGGEST_ONLY)) if written in suggest_only else REAL_KIND
            damages.append(
                Damage(start, start + len(written), right, written, kind, "as machine translation wrote it",
                       str(damage["person"]), (right,), known=True)
            )
        samples.append(Sample(str(data["id"]), str(data["id"]), "real", text, tuple(sorted(damages, key=lambda d: d.start))))
    return samples
