"""Petition numbers at intake: each council's own sequence in its own pattern, on every intake path, never
twice the same, skipping numbers typed in by hand, given back when the intake is refused."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from voters import services
from voters.models import Petition, PetitionNumbering
from voters.numbering import validate_pattern
from voters.search import petition_search_text
from voters.tests.factories import VoterMeetingFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_meeting_petitions_get_the_next_numbers_of_their_council(meeting_a, clerk_a):
    petitions = services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a, items=[
        {"content": "Đề nghị sửa đường"}, {"content": "Đề nghị lắp đèn", "code": f"KN-{YEAR}-0002"},
        {"content": "Đề nghị nạo vét kênh"},
    ])
    # The number typed in by hand is kept and skipped by the sequence.
    assert [p.code for p in petitions] == [f"KN-{YEAR}-0001", f"KN-{YEAR}-0002", f"KN-{YEAR}-0003"]
    assert Petition.objects.get(pk=petitions[2].pk).search_text == petition_search_text(
        content="Đề nghị nạo vét kênh", code=f"KN-{YEAR}-0003"), "the number is searchable"
    numbering = PetitionNumbering.objects.get(council=meeting_a.council)
    assert (numbering.year, numbering.last_number) == (YEAR, 3)


def test_every_intake_path_numbers(council_a, council_b, clerk_a, clerk_b, deputy_a_record, meeting_a):
    letter = services.register_letter(council=council_a, kind="complaint", content="Khiếu nại", channel="mail",
                                      received_on=datetime.date(2026, 11, 2), actor=clerk_a)
    reception = services.record_citizen_reception(
        council=council_a, deputy=deputy_a_record, date=datetime.date(2026, 11, 3), place="Trụ sở", actor=clerk_a,
        letters=[{"kind": "request", "content": "Đơn phản ánh"}])
    [imported] = services.import_petitions(council=council_a, actor=clerk_a, rows=[
        {"content": "Từ tệp Excel", "received_on": datetime.date(2026, 11, 4)}])
    other = services.register_letter(council=council_b, kind="complaint", content="Đơn ở Thanh Hóa",
                                     channel="mail", received_on=datetime.date(2026, 11, 2), actor=clerk_b)
    assert [letter.code, reception.letters.get().code, imported.code] == [
        f"KN-{YEAR}-0001", f"KN-{YEAR}-0002", f"KN-{YEAR}-0003"]
    assert other.code == f"KN-{YEAR}-0001", "each council has its own sequence"


def test_the_council_sets_the_pattern_and_a_refused_intake_gives_its_numbers_back(meeting_a, clerk_a):
    PetitionNumbering.objects.create(council=meeting_a.council, pattern="{seq:03d}/KN-HĐND")
    with pytest.raises(ValidationError):
        services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a, items=[
            {"content": "Hợp lệ"}, {"content": "  "}])
    [petition] = services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a, items=[{"content": "Hợp lệ"}])
    assert petition.code == "001/KN-HĐND"


def test_a_pattern_with_the_year_starts_again_each_year(meeting_a, clerk_a):
    PetitionNumbering.objects.create(council=meeting_a.council, year=YEAR - 1, last_number=41)
    assert services.add_meeting_petitions(meeting=meeting_a, actor=clerk_a,
                                          items=[{"content": "Đầu năm"}])[0].code == f"KN-{YEAR}-0001"


@pytest.mark.parametrize("pattern", ["KN-{year}", "{seq}{name}", "{0}-{seq}", "{seq:99999}", "{seq.real}",
                                     "{seq", "X" * 29 + "{seq:04d}"])
def test_bad_patterns_are_refused_in_vietnamese(pattern):
    with pytest.raises(ValidationError) as exc:
        validate_pattern(pattern)
    assert "Mẫu số hiệu" in str(exc.value) or "Số hiệu theo mẫu" in str(exc.value)


@pytest.mark.parametrize("pattern", ["KN-{year}-{seq:04d}", "{seq}/TH-VP", "{year}.{seq:5d}"])
def test_good_patterns_pass(pattern):
    validate_pattern(pattern)


@pytest.mark.django_db(transaction=True)
def test_two_intakes_at_once_never_share_a_number(council_a, group_a, clerk_a):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL); SQLite serialises writers anyway")
    meetings = [VoterMeetingFactory(council=council_a, body=group_a, date=datetime.date(2026, 11, 2))
                for _ in range(4)]
    errors = []

    def intake(meeting):
        try:
            services.add_meeting_petitions(meeting=meeting, actor=clerk_a,
                                           items=[{"content": f"Kiến nghị {i}"} for i in range(5)])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=intake, args=(m,)) for m in meetings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    codes = sorted(Petition.objects.filter(council=council_a).values_list("code", flat=True))
    assert codes == [f"KN-{YEAR}-{n:04d}" for n in range(1, 21)]
