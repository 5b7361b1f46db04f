"""Bad data is refused with a clear Vietnamese message, by full_clean and by the database itself."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from councils.choices import BodyKind, CommitteeType, MembershipRole, Role
from councils.models import AdministrativeLevel, Body, Council, Membership, RoleAssignment, Session, Term
from councils.tests.factories import (
    BodyFactory,
    DeputyFactory,
    MembershipFactory,
    SessionFactory,
    UserFactory,
)

D = datetime.date


def messages_of(obj) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.messages


@pytest.mark.django_db
def test_session_cannot_close_before_it_opens(council_a, term):
    session = Session(council=council_a, term=term, number=1, start_date=D(2026, 7, 10), end_date=D(2026, 7, 7))
    assert "Ngày bế mạc không được trước ngày khai mạc." in messages_of(session)


@pytest.mark.django_db
def test_session_number_is_unique_within_council_and_term(council_a, council_b, term):
    SessionFactory(council=council_a, term=term, number=3)
    duplicate = Session(council=council_a, term=term, number=3, start_date=D(2026, 9, 1), end_date=D(2026, 9, 1))
    assert "HĐND đã có kỳ họp mang số này trong nhiệm kỳ." in messages_of(duplicate)
    # The same number is fine for another council.
    Session(council=council_b, term=term, number=3, start_date=D(2026, 9, 1), end_date=D(2026, 9, 1)).full_clean()


@pytest.mark.django_db
def test_committee_needs_its_type_and_only_committees_have_one(council_a, term):
    expected = "Chỉ Ban của HĐND mới có loại Ban, và Ban phải có loại Ban."
    untyped = Body(council=council_a, term=term, kind=BodyKind.COMMITTEE, name="Ban không loại")
    assert expected in messages_of(untyped)
    typed_group = Body(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ 1",
                       committee_type=CommitteeType.LEGAL)
    assert expected in messages_of(typed_group)
    Body(council=council_a, term=term, kind=BodyKind.COMMITTEE, committee_type=CommitteeType.LEGAL,
         name="Ban Pháp chế").full_clean()


@pytest.mark.django_db
def test_one_committee_of_each_type_per_council_and_term(council_a, term):
    BodyFactory(council=council_a, term=term, kind=BodyKind.COMMITTEE, committee_type=CommitteeType.URBAN,
                name="Ban Đô thị")
    second = Body(council=council_a, term=term, kind=BodyKind.COMMITTEE, committee_type=CommitteeType.URBAN,
                  name="Ban Đô thị 2")
    assert "HĐND này đã có cơ quan này trong nhiệm kỳ." in messages_of(second)


@pytest.mark.django_db
def test_deputy_role_needs_a_deputy_and_other_roles_none(council_a, council_b, term):
    user = UserFactory()
    expected = "Vai trò đại biểu phải gắn với một đại biểu; vai trò khác thì không."
    assert expected in messages_of(RoleAssignment(user=user, council=council_a, role=Role.DEPUTY))
    deputy = DeputyFactory(council=council_a, term=term)
    assert expected in messages_of(RoleAssignment(user=user, council=council_a, role=Role.SECRETARIAT, deputy=deputy))
    # A deputy of council A cannot be the deputy behind a role on council B.
    wrong_council = RoleAssignment(user=user, council=council_b, role=Role.DEPUTY, deputy=deputy)
    assert "Đại biểu phải thuộc đúng HĐND được phân quyền." in messages_of(wrong_council)


@pytest.mark.django_db
def test_membership_dates(standing_board_a, deputy_a_record):
    backwards = Membership(body=standing_board_a, deputy=deputy_a_record, role=MembershipRole.CHAIR,
                           start_date=D(2026, 4, 1), end_date=D(2026, 3, 1))
    assert "Ngày kết thúc phải sau ngày bắt đầu." in messages_of(backwards)
    MembershipFactory(body=standing_board_a, deputy=deputy_a_record, start_date=D(2026, 4, 1))
    twice = Membership(body=standing_board_a, deputy=deputy_a_record, start_date=D(2026, 4, 1))
    assert "Đại biểu đã là thành viên cơ quan này từ ngày đó." in messages_of(twice)


@pytest.mark.django_db
def test_term_level_and_council_date_ranges(province_level):
    assert "Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu." in messages_of(
        Term(name="2031-2026", start_date=D(2031, 1, 1), end_date=D(2026, 1, 1)))
    assert "Ngày kết thúc hiệu lực phải sau ngày bắt đầu." in messages_of(
        AdministrativeLevel(code="x", name="X", rank=4, valid_from=D(2025, 7, 1), valid_to=D(2025, 6, 30)))
    council = Council(name="HĐND X", area_name="X", code="99999", level=province_level,
                      valid_from=D(2025, 7, 1), valid_to=D(2025, 6, 30))
    council.path = council.compute_path()
    assert "Ngày kết thúc hoạt động phải sau ngày bắt đầu." in messages_of(council)


@pytest.mark.django_db
def test_the_database_refuses_what_full_clean_refuses(council_a, term):
    # Code that forgets full_clean (a bulk import, a raw save) still cannot store a bad row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(council=council_a, term=term, number=1, start_date=D(2026, 7, 10),
                               end_date=D(2026, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(council=council_a, term=term, kind=BodyKind.COMMITTEE, name="Ban không loại")
