"""Shared fixtures: the app on a small fixed gazetteer, its client, and the pipeline as a library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from gazetteer.index import NameIndex
from gazetteer.loader import Gazetteer, load_gazetteer

DATA = Path(__file__).parent / "data"
ARTICLE_PEOPLE = DATA / "article-people.yaml"


@pytest.fixture(scope="session")
def article() -> str:
    """The machine-translated article the service exists for."""
    return (DATA / "machine-translated-article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def small_index() -> NameIndex:
    """The article's people and a few others: fixed, so tests do not move with the data."""
    return NameIndex(load_gazetteer([ARTICLE_PEOPLE]))


@pytest.fixture(scope="session")
def shipped_gazetteer() -> Gazetteer:
    """The gazetteer the service ships with (built data and the curated file)."""
    return load_gazetteer()


@pytest.fixture(scope="session")
def shipped_index(shipped_gazetteer: Gazetteer) -> NameIndex:
    return NameIndex(shipped_gazetteer)


@pytest.fixture
def app() -> Iterator[Flask]:
    """The app on the small gazetteer, with grammar off unless a test turns it on."""
    app = create_app({"TESTING": True, "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)], "GRAMMAR_ENGINE": "none"})
    yield app
    app.extensions["repair"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
