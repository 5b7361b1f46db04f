"""Fixtures of the public pages: a petition of council A with a known sender, forwarded, answered."""

import datetime

import pytest
from django.core.cache import cache

from compliance import services as compliance_services
from councils.tests.factories import AgencyFactory, FieldFactory
from voters import services
from voters.choices import AnswerOutcome, Channel, PetitionKind

SENDER = "Phạm Thị Hoa"
ADDRESS = "số 7 ngõ Văn Chương"


@pytest.fixture(autouse=True)
def no_reevaluation(monkeypatch):
    monkeypatch.setattr(compliance_services, "request_reevaluation", lambda *, council_id: None)


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle history lives in the cache: start from none, and leave none for the next test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency_a(council_a):
    return AgencyFactory(name="Sở Xây dựng Hà Nội", short_name="Sở XD", council=council_a)


@pytest.fixture
def letter(council_a, clerk_a, agency_a):
    """A request letter from a named sender, classified and forwarded to one agency."""
    petition = services.register_letter(council=council_a, kind=PetitionKind.REQUEST, channel=Channel.DIRECT,
                                        content="Đề nghị sửa chữa đường làng bị sụt lún", actor=clerk_a,
                                        received_on=datetime.date(2026, 11, 2), sender_name=SENDER,
                                        sender_address=ADDRESS)
    services.classify_petition(petition=petition, actor=clerk_a, field=FieldFactory(code="xd", name="Xây dựng"),
                               proposed_agencies=[agency_a])
    services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 4))
    return petition


@pytest.fixture
def answered_letter(letter, clerk_a):
    forwarding = letter.forwardings.get()
    services.answer_forwarding(forwarding=forwarding, actor=clerk_a, outcome=AnswerOutcome.BEING_RESOLVED,
                               answer="Sở sẽ sửa đường trong quý I năm 2027.", answered_on=datetime.date(2026, 11, 20))
    letter.refresh_from_db()
    return letter
