"""repair/config.py: the settings read from REPAIR_* variables exactly as Flask's
``Config.from_prefixed_env`` reads them, and the Repairer they build is the app's."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Config

from repair.config import SETTINGS, build_repairer, default_options, gazetteer_paths, settings, string_list
from tests.conftest import ARTICLE_PEOPLE

ENVIRON = {
    "REPAIR_APPLY_THRESHOLD": "0.9",
    "REPAIR_GRAMMAR_ENGINE": "none",
    "REPAIR_GAZETTEER_FILES": "a.yaml:b.csv",
    "REPAIR_GAZETTEER_BASE": '["base.jsonl.gz"]',
    "REPAIR_RELOAD_ON_SIGHUP": "false",
    "REPAIR_ADMIN_TOKEN": "{not json",
    "REPAIR_NESTED__KEY": "1",
    "OTHER_APPLY_THRESHOLD": "0.1",
}


def test_settings_read_the_environment_as_flask_does(monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    for key, value in ENVIRON.items():
        monkeypatch.setenv(key, value)
    flask = Config(".")
    flask.from_mapping({name: default for name, default, _help in SETTINGS})
    flask.from_prefixed_env("REPAIR")
    assert settings(ENVIRON) == {key: flask[key] for key in flask}


def test_settings_defaults_then_environment_then_overrides() -> None:
    config = settings({"REPAIR_APPLY_THRESHOLD": "0.9", "REPAIR_SUGGEST_THRESHOLD": "0.3"}, {"SUGGEST_THRESHOLD": 0.5})
    assert config["GRAMMAR_ENGINE"] == "harper" and config["MAX_TEXT_CHARS"] == 100_000
    assert (config["APPLY_THRESHOLD"], config["SUGGEST_THRESHOLD"]) == (0.9, 0.5)
    options = default_options(config, mode="suggest")
    assert (options.apply_threshold, options.suggest_threshold, options.mode) == (0.9, 0.5, "suggest")


def test_gazetteer_paths_from_text_or_list() -> None:
    assert gazetteer_paths(settings(ENVIRON)) == ("base.jsonl.gz", "a.yaml", "b.csv")


def test_build_repairer_as_configured() -> None:
    config = settings({}, {"GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none", "MAX_TEXT_CHARS": 77})
    repairer = build_repairer(config)
    assert repairer.engine is None and repairer.max_chars == 77
    assert len(repairer.index.gazetteer) > 10


def test_every_setting_is_in_the_readmes_table() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for name, _default, _help in SETTINGS:
        assert f"| `REPAIR_{name}` |" in table, name


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, []), ("", []), ("a, b,,c", ["a", "b", "c"]), (["a", " b "], ["a", "b"]), (5, ["5"])],
)
def test_lists_of_strings_from_text_or_json(value: object, expected: list[str]) -> None:
    assert string_list(value) == expected
