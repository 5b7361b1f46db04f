"""A petition's buttons are shown exactly when its service would accept the step: for every status, kind
and persona, ``voters.permissions.can_*`` answers what the service then does (accepts, or refuses)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from councils.choices import SessionKind
from councils.tests.factories import SessionFactory
from voters import permissions, services
from voters.choices import AnswerOutcome, ForwardingStatus, PetitionKind, PetitionStatus
from voters.models import Petition
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db

STATUSES = [s for s in PetitionStatus.values if s != PetitionStatus.MERGED]


class _Undo(Exception):
    """Raised inside a savepoint to roll back what an accepted step wrote."""


def accepted(step) -> bool:
    try:
        with transaction.atomic():
            step()
            raise _Undo
    except _Undo:
        return True
    except (ValidationError, PermissionDenied):
        return False


@pytest.fixture
def world(council_a, meeting_a, agency_a, land_field, term):
    session = SessionFactory(council=council_a, term=term, kind=SessionKind.REGULAR,
                             start_date=datetime.date(2026, 12, 10), end_date=datetime.date(2026, 12, 12))
    return {"council": council_a, "meeting": meeting_a, "agency": agency_a, "field": land_field,
            "session": session}


def _petition(world, status, kind):
    petition = PetitionFactory(council=world["council"], status=status, kind=kind,
                               meeting=world["meeting"] if kind == PetitionKind.VOTER_PETITION else None,
                               channel="voter_meeting" if kind == PetitionKind.VOTER_PETITION else "mail",
                               field=world["field"])
    petition.proposed_agencies.set([world["agency"]])
    if status in (PetitionStatus.FORWARDED, PetitionStatus.ANSWERED, PetitionStatus.REPORTED,
                  PetitionStatus.CLOSED):
        answered = status != PetitionStatus.FORWARDED
        ForwardingFactory(petition=petition, agency=world["agency"], forwarded_on=datetime.date(2026, 11, 5),
                          due_date=datetime.date(2026, 12, 5),
                          status=ForwardingStatus.ANSWERED if answered else ForwardingStatus.PENDING,
                          answer="Đã sửa xong" if answered else "",
                          outcome=AnswerOutcome.RESOLVED if answered else "",
                          answered_on=datetime.date(2026, 11, 20) if answered else None)
    return petition


def _steps(world, petition, user):
    other = PetitionFactory(council=world["council"], status=PetitionStatus.RECEIVED)
    return {
        "classify": (permissions.can_classify, lambda: services.classify_petition(
            petition=petition, actor=user, field=world["field"], proposed_agencies=[world["agency"]])),
        "forward": (permissions.can_forward, lambda: services.forward_petition(
            petition=petition, actor=user, forwarded_on=datetime.date(2026, 11, 10))),
        "answer": (permissions.can_answer, lambda: services.answer_forwarding(
            forwarding=petition.forwardings.get(), actor=user, answer="Đã giải quyết",
            outcome=AnswerOutcome.RESOLVED, answered_on=datetime.date(2026, 11, 20))),
        "report": (permissions.can_report, lambda: services.report_to_voters(
            petition=petition, session=world["session"], actor=user)),
        "close": (permissions.can_close, lambda: services.close_petition(petition=petition, actor=user)),
        "reopen": (permissions.can_reopen, lambda: services.reopen_petition(
            petition=petition, actor=user, note="Cử tri chưa đồng ý")),
        "merge": (permissions.can_merge, lambda: services.merge_petitions(
            target=other, sources=[petition], actor=user)),
        "correct": (permissions.can_correct_petition, lambda: services.correct_petition(
            petition=petition, actor=user, content="Nội dung đã sửa cho rõ")),
    }


STEP_NAMES = ("classify", "forward", "answer", "report", "close", "reopen", "merge", "correct")


@pytest.mark.parametrize("kind", [PetitionKind.VOTER_PETITION, PetitionKind.COMPLAINT])
@pytest.mark.parametrize("status", STATUSES)
def test_each_button_matches_the_service(world, status, kind, clerk_a, viewer_a, clerk_b):
    mismatches = []
    for user in (clerk_a, viewer_a, clerk_b):
        created = _petition(world, status, kind)
        for name in STEP_NAMES:
            petition = Petition.objects.get(pk=created.pk)
            shown, step = _steps(world, petition, user)[name]
            if name == "answer" and not petition.forwardings.exists():
                # No forwarding to answer: neither the button nor a forwarding to call the service on.
                assert not shown(user, petition)
                continue
            # Asked first: a service keeps the caller's instance in step with the database, even in the
            # savepoint that is rolled back afterwards.
            button = shown(user, petition)
            service = accepted(step)
            if button != service:
                mismatches.append(f"{user.username}/{name}: button {button}, service {service}")
    assert mismatches == []
