"""seed_national at tiny scale: every province and a sample of communes, the shape the portal reads, and the
same rows for the same seed; refused in production and on a database that already has data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F
from django.test import override_settings

from councils.choices import BodyKind
from councils.models import Body, Council, Deputy
from oversight.models import OversightActivity, Recommendation, WorkItem
from utilities.text import normalise
from voters.choices import ForwardingStatus, PetitionStatus
from voters.models import Forwarding, Petition, VoterMeeting

ARGS = ["--petitions", "2000", "--scale", "0.01", "--no-progress"]


class Rollback(Exception):
    pass


def fingerprint():
    petitions = list(Petition.objects.order_by("id").values_list(
        "council__code", "code", "content", "status", "received_on", "tracking_code", "tracking_key", "merged_into"))
    forwardings = list(Forwarding.objects.order_by("id").values_list("petition_id", "agency__name", "status",
                                                                     "answered_on"))
    return petitions, forwardings, Deputy.objects.count(), WorkItem.objects.count()


@pytest.mark.django_db
def test_tiny_country_has_its_shape_and_is_deterministic(capsys):
    with pytest.raises(Rollback), transaction.atomic():
        call_command("seed_national", *ARGS)
        first = fingerprint()
        raise Rollback
    call_command("seed_national", *ARGS)
    assert fingerprint() == first

    provinces = Council.objects.filter(parent__isnull=True, level__code="province")
    communes = Council.objects.filter(level__code="commune")
    assert provinces.count() == 34
    assert communes.count() == 33
    assert Petition.objects.count() == 2000
    # Provinces are heavier than communes.
    per_province = Petition.objects.filter(council__in=provinces).count() / 34
    per_commune = Petition.objects.filter(council__in=communes).count() / 33
    assert per_province > 3 * per_commune
    for council in Council.objects.filter(level__code__in=["province", "commune"]):
        kinds = list(Body.objects.filter(council=council, kind=BodyKind.COMMITTEE).values_list("committee_type",
                                                                                             flat=True))
        assert (4 <= len(kinds) <= 5) if council.parent_id is None else len(kinds) == 2
        groups = Body.objects.filter(council=council, kind=BodyKind.DEPUTY_GROUP).count()
        assert (10 <= groups <= 25) if council.parent_id is None else groups >= 3
        assert Body.objects.filter(council=council, kind=BodyKind.STANDING_BOARD).count() == 1
    assert OversightActivity.objects.exists() and Recommendation.objects.exists() and VoterMeeting.objects.exists()

    # What other code reads is filled: the search text, unique tracking codes, statuses with their dates.
    sample = Petition.objects.order_by("id")[:200]
    for petition in sample:
        assert len(petition.tracking_code) == 9 and len(petition.tracking_key) == 9
    # The search texts, normalised piece by piece by the builder, are exactly the whole texts normalised.
    for content, code, sender, search in Petition.objects.values_list("content", "code", "sender_name", "search_text"):
        assert search == " ".join(normalise(text) for text in (content, code, sender) if text)
    public = Forwarding.objects.filter(answer_public=True).values_list("petition__content", "answer",
                                                                       "public_search_text")
    assert public and all(search == f"{normalise(content)} {normalise(answer)}" for content, answer, search in public)
    assert Petition.objects.values("tracking_code").distinct().count() == 2000
    assert not Petition.objects.filter(status=PetitionStatus.MERGED, merged_into__isnull=True).exists()
    assert not Forwarding.objects.filter(status=ForwardingStatus.ANSWERED, answered_on__isnull=True).exists()
    assert not Forwarding.objects.exclude(council=F("petition__council")).exists()
    assert Petition.objects.filter(search_text__contains="dat").filter(search_text__contains="dai").exists()
    forwarded = Petition.objects.filter(status__in=[PetitionStatus.FORWARDED, PetitionStatus.ANSWERED,
                                                    PetitionStatus.REPORTED, PetitionStatus.CLOSED])
    assert not forwarded.filter(forwardings__isnull=True).exists()
    assert "vanphongxa" in capsys.readouterr().out
    if connection.vendor == "postgresql":
        # Statistics on every table, the reference ones too (without them the planner took Hà Nội's 127
        # councils for 1 and walked the petition table for a commune's list).
        with connection.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_stats WHERE attname = 'path' AND tablename = 'councils_council' "
                           "UNION SELECT tablename FROM pg_stats WHERE tablename = 'councils_agency'")
            assert {row[0] for row in cursor.fetchall()} == {"councils_council", "councils_agency"}

    # A database with data is refused (nothing added), and so are production settings.
    with pytest.raises(CommandError):
        call_command("seed_national", *ARGS)
    assert Petition.objects.count() == 2000


@pytest.mark.django_db
def test_refused_in_production_and_for_bad_arguments():
    with override_settings(HDND_ENV="production"), pytest.raises(CommandError):
        call_command("seed_national", *ARGS)
    with pytest.raises(CommandError):
        call_command("seed_national", "--scale", "0", "--no-progress")
    assert not Petition.objects.exists()
