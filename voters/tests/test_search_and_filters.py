"""Accent-insensitive search and the petition filters (the same FilterSet serves API, pages, exports)."""

import datetime

import pytest

from voters import selectors, services
from voters.choices import AnswerOutcome
from voters.filtersets import PetitionFilterSet
from voters.search import normalise, search_petitions
from voters.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def test_normalise():
    assert normalise("  Đường ĐẤT   đai ") == "duong dat dai"


def test_search_without_accents(new_petition, clerk_a, council_b):
    road = new_petition("Cử tri đề nghị sửa chữa đường Lê Lợi")
    land = new_petition("Đề nghị giải quyết tranh chấp đất đai ở tổ 5", sender_name="Phạm Thị Đào")
    PetitionFactory(council=council_b, content="Đường ở tỉnh B")
    mine = selectors.petitions_for(clerk_a)
    assert list(search_petitions(mine, "duong")) == [road]
    assert list(search_petitions(mine, "DAT DAI")) == [land]
    assert list(search_petitions(mine, "đất   ĐAI tổ")) == [land]
    assert list(search_petitions(mine, "pham thi dao")) == [land]
    assert list(search_petitions(mine, "duong dat")) == []
    assert set(search_petitions(mine, "")) == {road, land}


def test_petition_filterset(forwarded_petition, new_petition, clerk_a, agency_a, council_a):
    waiting = new_petition("Kiến nghị chờ chuyển", )
    base = selectors.petitions_for(clerk_a)

    def run(**data):
        filterset = PetitionFilterSet(data=data, queryset=base)
        assert filterset.is_valid(), filterset.errors
        return set(filterset.qs)

    assert run(agency=agency_a.pk) == {forwarded_petition}
    assert run(status=["received"]) == {waiting}
    assert run(q="le loi", status=["forwarded"]) == {forwarded_petition}
    # The waiting petition's forward deadline (9/11) and the forwardings (due 23/12/2026) relative to today.
    today = datetime.date.today()
    expected_overdue = {p for p, due in ((waiting, waiting.forward_due),) if due < today}
    if datetime.date(2026, 12, 23) < today:
        expected_overdue.add(forwarded_petition)
    assert run(overdue="true") == expected_overdue
    assert not PetitionFilterSet(data={"received_after": "31/31/2026"}, queryset=base).is_valid()


def test_overdue_and_due_soon_selectors(forwarded_petition, new_petition, clerk_a, clerk_b, agency_a):
    waiting = new_petition("Kiến nghị chờ chuyển")
    fw1 = forwarded_petition.forwardings.get(agency=agency_a)
    services.answer_forwarding(forwarding=fw1, actor=clerk_a, answer="Xong", outcome=AnswerOutcome.RESOLVED,
                               answered_on=datetime.date(2026, 11, 20))
    # Due 23/12/2026: on 21/12 it is due soon (3 working days), on 24/12 overdue.
    on = datetime.date(2026, 12, 21)
    assert [f.agency.short_name for f in selectors.due_soon_forwardings(clerk_a, today=on)] == ["Sở TNMT"]
    assert list(selectors.overdue_forwardings(clerk_a, today=on)) == []
    late = datetime.date(2026, 12, 24)
    assert [f.agency.short_name for f in selectors.overdue_forwardings(clerk_a, today=late)] == ["Sở TNMT"]
    assert list(selectors.overdue_forwardings(clerk_a, today=late, agency=agency_a)) == []
    assert selectors.overdue_counts_by_agency(clerk_a, today=late)[0]["total"] == 1
    assert list(selectors.overdue_forwardings(clerk_b, today=late)) == []
    # The waiting petition: forward due 9/11/2026 (Mon 2/11 + 5 working days).
    assert list(selectors.overdue_petitions(clerk_a, today=datetime.date(2026, 11, 10))) == [waiting]
    assert list(selectors.due_soon_petitions(clerk_a, today=datetime.date(2026, 11, 5))) == [waiting]


def test_trigram_index_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the trigram index exists only on PostgreSQL (set DATABASE_URL to a PostgreSQL database)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'voters_petition_search_trgm'")
        (definition,) = cursor.fetchone()
    assert "gin_trgm_ops" in definition


def test_search_with_the_user_keeps_the_scope(new_petition, clerk_a, clerk_a1, council_a1, council_b, admin_user):
    """With ``user`` the search adds the scope as council ids (the trigram index read once for the subtree): the
    same petitions, nothing of another province, and a commune clerk only their commune's."""
    road = new_petition("Cử tri đề nghị sửa chữa đường Lê Lợi")
    commune_road = PetitionFactory(council=council_a1, content="Đường liên xã xuống cấp")
    other = PetitionFactory(council=council_b, content="Đường ở tỉnh B")
    assert set(search_petitions(selectors.petitions_for(clerk_a), "duong", user=clerk_a)) == {road, commune_road}
    assert set(search_petitions(selectors.petitions_for(clerk_a1), "duong", user=clerk_a1)) == {commune_road}
    assert set(search_petitions(selectors.petitions_for(admin_user), "duong", user=admin_user)) >= {road, other}
    assert set(search_petitions(selectors.petitions_for(clerk_a), "xa", user=clerk_a)) == {commune_road}
    filterset = PetitionFilterSet(data={"q": "DUONG"}, queryset=selectors.petitions_for(clerk_a),
                                  request=type("R", (), {"user": clerk_a})())
    assert set(filterset.qs) == {road, commune_road}
