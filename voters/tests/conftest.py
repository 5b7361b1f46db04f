"""Fixtures of the voters tests, on top of the shared personas of the root conftest."""

import datetime

import pytest

from compliance import services as compliance_services
from councils.choices import BodyKind
from councils.tests.factories import AgencyFactory, BodyFactory, FieldFactory
from voters import services
from voters.tests.factories import VoterMeetingFactory


@pytest.fixture(autouse=True)
def reevaluations(monkeypatch):
    """Council ids compliance was asked to re-evaluate after a commit. The compliance engine has its own
    tests; here it is replaced by a recorder so these tests exercise the voters app alone."""
    calls = []
    monkeypatch.setattr(compliance_services, "request_reevaluation", lambda *, council_id: calls.append(council_id))
    return calls


@pytest.fixture
def land_field(db):
    return FieldFactory(code="dat-dai", name="Đất đai")


@pytest.fixture
def traffic_field(db):
    return FieldFactory(code="giao-thong", name="Giao thông")


@pytest.fixture
def agency_a(council_a):
    return AgencyFactory(name="Sở Giao thông vận tải Hà Nội", short_name="Sở GTVT", council=council_a)


@pytest.fixture
def agency_a2(council_a):
    return AgencyFactory(name="Sở Tài nguyên và Môi trường Hà Nội", short_name="Sở TNMT", council=council_a)


@pytest.fixture
def agency_b(council_b):
    return AgencyFactory(name="Sở Giao thông vận tải Thanh Hóa", council=council_b)


@pytest.fixture
def group_a(council_a, term):
    return BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 1")


@pytest.fixture
def meeting_a(council_a, group_a):
    return VoterMeetingFactory(council=council_a, body=group_a, date=datetime.date(2026, 11, 2))


@pytest.fixture
def new_petition(meeting_a, clerk_a):
    """``new_petition(content=...)``: a received petition of meeting_a, made through the service."""

    def make(content="Cử tri đề nghị sửa chữa đường Lê Lợi bị xuống cấp nghiêm trọng", **kwargs):
        return services.add_meeting_petitions(meeting=meeting_a, items=[{"content": content, **kwargs}],
                                              actor=clerk_a)[0]

    return make


@pytest.fixture
def forwarded_petition(new_petition, clerk_a, traffic_field, agency_a, agency_a2):
    """A petition forwarded to two agencies on 10/11/2026."""
    petition = new_petition()
    services.classify_petition(petition=petition, actor=clerk_a, field=traffic_field,
                               proposed_agencies=[agency_a, agency_a2])
    services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    return petition


@pytest.fixture
def pdf():
    """``pdf(name)``: a small file that passes the upload checks (a PDF header)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="cong-van-tra-loi.pdf"):
        return SimpleUploadedFile(name, b"%PDF-1.4\n% van ban tra loi\n", content_type="application/pdf")

    return make


@pytest.fixture
def staff_of(council_a):
    """``staff_of(agency, username)``: a user who is staff of that agency (role agency_staff)."""
    from councils.choices import Role
    from councils.tests.factories import RoleAssignmentFactory, UserFactory

    def make(agency, username):
        user = UserFactory(username=username)
        RoleAssignmentFactory(user=user, council=agency.council, role=Role.AGENCY_STAFF, agency=agency)
        return user

    return make


@pytest.fixture
def gtvt_staff(staff_of, agency_a):
    return staff_of(agency_a, "gtvt")


@pytest.fixture
def tnmt_staff(staff_of, agency_a2):
    return staff_of(agency_a2, "tnmt")
