"""Fixtures of the compliance tests: the three levels, the two shipped rule sets, and a city of any size."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.cache import cache

from compliance.services import load_ruleset
from councils.choices import BodyKind, CommitteeType
from councils.tests.factories import CouncilFactory, LevelFactory
from oversight.choices import ActivityKind, FollowUpStatus
from voters.choices import MeetingKind

from . import builders as b
from .builders import D

RULESETS = Path(__file__).resolve().parents[1] / "rulesets"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The coalescing keys live in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district_level(db):
    level = LevelFactory(code="district")
    level.valid_to = datetime.date(2025, 6, 30)
    level.save()
    return level


@pytest.fixture
def levels(province_level, district_level, commune_level):
    return {"province": province_level, "district": district_level, "commune": commune_level}


def load_file(name: str):
    return load_ruleset(data=json.loads((RULESETS / name).read_text(encoding="utf-8")))[0]


@pytest.fixture
def hanoi_rules(levels, council_a):
    return load_file("hanoi.json")


@pytest.fixture
def thanh_hoa_rules(levels, council_b):
    return load_file("thanh_hoa.json")


def populate_commune(parent, term, level, index: int):
    """One commune below ``parent`` with bodies, deputies, sessions and the records the rules count."""
    council = CouncilFactory(parent=parent, level=level, code=f"{parent.code}{index:04d}")
    board = b.body(council, term, BodyKind.STANDING_BOARD)
    b.body(council, term, BodyKind.PLENARY)
    committees = [b.body(council, term, BodyKind.COMMITTEE, kind) for kind in
                  (CommitteeType.ECONOMY_BUDGET, CommitteeType.CULTURE_SOCIAL)]
    groups = [b.body(council, term, BodyKind.DEPUTY_GROUP, name=f"Tổ {i}") for i in (1, 2)]
    deputies = [b.deputy(council, term, f"Đại biểu {i}") for i in range(3)]
    b.session(council, term, 1, D(2026, 4, 10))
    b.session(council, term, 2, D(2026, 7, 10))
    for body in [board, *committees, *groups]:
        act = b.activity(council, D(2026, 8, 1), body=body, kind=ActivityKind.SURVEY)
        b.recommendation(act, b.agency(), D(2026, 9, 1), FollowUpStatus.IMPLEMENTED)
    b.meeting(council, board, D(2026, 8, 2), MeetingKind.THEMATIC)
    b.briefing(council, D(2026, 8, 3))
    b.reception(council, deputies[0], D(2026, 8, 4))
    b.training(council, D(2026, 8, 5), deputies[:2])
    pet = b.petition(council, D(2026, 8, 6), due=D(2026, 8, 16), forwarded=D(2026, 8, 10))
    b.forwarding(pet, b.agency(), D(2026, 8, 10), D(2026, 9, 10), answered=D(2026, 9, 1))
    b.work_item(council, board, D(2026, 8, 20), done_on=D(2026, 8, 19))
    return council


@pytest.fixture
def populate(term, commune_level):
    def _populate(parent, count: int, start: int = 1):
        return [populate_commune(parent, term, commune_level, start + i) for i in range(count)]

    return _populate
