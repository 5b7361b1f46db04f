"""seed_demo: the same rows however often it runs, data in every state the portal shows, never in production."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import override_settings

from councils import scoping
from councils.admin_units import load_admin_units
from councils.choices import BodyKind, Role
from councils.models import Body, Council, Deputy, RoleAssignment
from oversight.choices import ActivityKind
from oversight.models import OversightActivity, Recommendation, WorkItem
from voters.choices import MeetingKind, PetitionKind, PetitionStatus
from voters.models import Petition, VoterMeeting
from voters.search import normalise

APPS = ("councils", "oversight", "voters", "compliance", "auth")


def counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for label in APPS for m in apps.get_app_config(label).get_models()}


@pytest.mark.django_db
def test_twice_gives_the_same_rows_and_units_loaded_afterwards_update_nothing(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    out = capsys.readouterr().out
    for username in ("admin", "vanphong", "daibieu", "capuy", "vanphong2", "coquan"):
        assert username in out
    assert "hdnd-demo-2026" in out

    report = load_admin_units()
    assert report.updated == 0, "the demo councils are exactly the official units"
    assert report.unchanged == len(Council.objects.filter(code__in=["01", "38", "00004", "00070", "00640"]))
    assert Council.objects.filter(code="01").count() == 1


@pytest.mark.django_db
def test_after_a_full_load_of_units_the_demo_uses_the_official_councils():
    load_admin_units()
    call_command("seed_demo")
    # 3,355 official councils and the one retired district council.
    assert Council.objects.count() == 3356
    assert Council.objects.get(code="001").valid_to.isoformat() == "2025-06-30"


@pytest.mark.django_db
def test_demo_data_covers_every_state_the_portal_shows():
    call_command("seed_demo")
    hanoi = Council.objects.get(code="01")
    assert Body.objects.filter(council=hanoi, kind=BodyKind.COMMITTEE).count() == 4
    assert Deputy.objects.filter(council=hanoi).count() >= 40
    assert Deputy.objects.filter(council=hanoi, is_full_time=True).exists()
    assert Deputy.objects.filter(council=hanoi, is_party_member=False).exists()
    assert Council.objects.filter(parent=hanoi, level__code="commune").count() >= 3

    assert 190 <= Petition.objects.count() <= 210
    assert set(Petition.objects.values_list("status", flat=True)) == set(PetitionStatus.values)
    assert set(Petition.objects.values_list("kind", flat=True)) == set(PetitionKind.values)
    assert set(OversightActivity.objects.values_list("kind", flat=True)) == set(ActivityKind.values)
    assert set(VoterMeeting.objects.values_list("kind", flat=True)) == set(MeetingKind.values)
    assert Recommendation.objects.filter(status="implemented").exists()
    assert Recommendation.objects.filter(status__in=["not_started", "in_progress"], due_date__lt="2026-11-21").exists()
    assert WorkItem.objects.filter(status__in=["not_started", "in_progress"], due_date__lt="2026-11-21").exists()
    # search_text is what the accent-free search reads.
    petition = Petition.objects.filter(kind=PetitionKind.VOTER_PETITION).first()
    assert normalise(petition.content) in petition.search_text


@pytest.mark.django_db
def test_demo_petitions_have_tracking_codes_and_published_answers():
    """The builder bulk-creates petitions: each has its own code and key, the same on every run."""
    from voters.models import Forwarding
    from voters.tracking import normalise as normalise_code

    call_command("seed_demo")
    rows = list(Petition.objects.order_by("council__code", "code").values_list("tracking_code", "tracking_key"))
    assert len({code for code, _key in rows}) == len(rows)
    assert all(normalise_code(code) == code and normalise_code(key) == key for code, key in rows)
    published = Forwarding.objects.filter(answer_public=True, petition__council__code="01",
                                          petition__status=PetitionStatus.REPORTED)
    assert published.exists() and all(f.public_search_text for f in published)


@pytest.mark.django_db
def test_demo_users_have_their_roles():
    call_command("seed_demo")
    for username in ("admin", "vanphong", "daibieu", "capuy", "vanphong2", "coquan"):
        assert authenticate(username=username, password="hdnd-demo-2026") is not None
    daibieu = authenticate(username="daibieu", password="hdnd-demo-2026")
    deputy = Deputy.objects.get(pk=next(iter(scoping.deputy_ids(daibieu))))
    assert deputy.memberships.filter(body__kind=BodyKind.DEPUTY_GROUP).exists()
    assert deputy.participations.exists() and deputy.work_items.exists() and deputy.followed_recommendations.exists()
    assert RoleAssignment.objects.get(user__username="vanphong2").council.code == "38"
    assert RoleAssignment.objects.get(user__username="capuy").role == Role.PARTY_VIEWER


@pytest.mark.django_db
@override_settings(HDND_ENV="production")
def test_refused_under_production_settings():
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not Council.objects.exists()


@pytest.mark.django_db
def test_coquan_sees_its_agencys_forwardings_in_every_state():
    from voters import selectors
    from voters.choices import AnswerReview, ForwardingStatus

    call_command("seed_demo")
    coquan = authenticate(username="coquan", password="hdnd-demo-2026")
    assert coquan is not None and scoping.agency_ids(coquan) and not scoping.assignments(coquan)
    rows = list(selectors.agency_forwardings(coquan))
    states = {(f.status, f.review, f.acknowledged_on is not None) for f in rows}
    assert (ForwardingStatus.PENDING, "", False) in states
    assert (ForwardingStatus.PENDING, "", True) in states
    assert any(s == ForwardingStatus.CLARIFICATION for s, _r, _a in states)
    assert (ForwardingStatus.ANSWERED, AnswerReview.SUBMITTED, True) in states
    assert (ForwardingStatus.PENDING, AnswerReview.RETURNED, True) in states
    assert (ForwardingStatus.ANSWERED, AnswerReview.ACCEPTED, True) in states
    assert {f.agency_id for f in rows} == scoping.agency_ids(coquan)


@pytest.mark.django_db
def test_every_demo_record_has_its_history_as_sentences(client):
    """The builder writes in bulk, then each record's history as the services would have: the demo's pages
    tell each record's story (tiếp nhận, phân loại, chuyển, trả lời …) by the secretariat, on its own dates."""
    from django.urls import reverse

    from councils.history import history_lines
    from councils.models import AuditEntry
    from voters.models import Forwarding

    call_command("seed_demo")
    for model in (Petition, Forwarding, OversightActivity, Recommendation, WorkItem):
        with_history = set(AuditEntry.objects.filter(content_type__model=model._meta.model_name,
                                                     content_type__app_label=model._meta.app_label)
                           .values_list("object_id", flat=True))
        assert set(model.objects.values_list("pk", flat=True)) <= with_history, model.__name__
    assert not AuditEntry.objects.filter(actor=None).exists()
    assert not AuditEntry.objects.filter(at__date__gt="2026-11-21").exists()

    petition = Petition.objects.filter(council__code="01", status=PetitionStatus.CLOSED).first()
    sentences = [line.sentence for line in history_lines(petition)]
    agency = petition.forwardings.first().agency.name
    assert any("chuyển kiến nghị" in s and agency in s for s in sentences), sentences
    assert any("tiếp nhận kiến nghị" in s for s in sentences)
    assert any("đóng kiến nghị" in s for s in sentences)

    client.force_login(authenticate(username="vanphong", password="hdnd-demo-2026"))
    page = client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    forwarded = next(s for s in sentences if "chuyển kiến nghị" in s)
    assert forwarded.startswith("Thu Trang Lê chuyển kiến nghị đến ")
    assert forwarded in page
    item = WorkItem.objects.filter(council__code="01", status="done").first()
    page = client.get(reverse("oversight:workitem_detail", args=[item.pk])).content.decode()
    assert "hoàn thành" in page
    activity = OversightActivity.objects.filter(council__code="01", status="concluded").first()
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert "kết luận" in page
