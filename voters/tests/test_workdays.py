"""Working-day arithmetic: weekends, Vietnamese public holidays (Tết 2027) and councils' own days off."""

import datetime

import pytest

from councils.models import DayOff
from councils.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

D = datetime.date


def test_weekend_is_skipped():
    # Friday 13/11/2026 + 1 working day = Monday 16/11/2026.
    assert add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 16)
    assert add_working_days(D(2026, 11, 13), 0) == D(2026, 11, 13)
    assert working_days_between(D(2026, 11, 13), D(2026, 11, 16)) == 1


def test_tet_2027_is_skipped():
    # holidays.Vietnam gives Tết 2027 as Thursday 4/2 to Wednesday 10/2 (29 Tết to mùng 5).
    assert not is_working_day(D(2027, 2, 4))
    assert not is_working_day(D(2027, 2, 10))
    # Wednesday 3/2/2027 + 1 working day: Thu 4 .. Wed 10 are Tết (with a weekend inside) -> Thu 11/2.
    assert add_working_days(D(2027, 2, 3), 1) == D(2027, 2, 11)
    # + 5 working days: 11, 12 (Fri), weekend, 15, 16, 17 -> Wed 17/2.
    assert add_working_days(D(2027, 2, 3), 5) == D(2027, 2, 17)
    assert working_days_between(D(2027, 2, 3), D(2027, 2, 17)) == 5


def test_days_off_of_a_council_and_global(council_a, council_b, django_assert_num_queries):
    DayOff.objects.create(council=council_a, date=D(2026, 11, 16), reason="Nghỉ bù của HĐND A")
    DayOff.objects.create(council=None, date=D(2026, 11, 17), reason="Nghỉ chung")
    # One query for the days off, whatever the number of days walked.
    with django_assert_num_queries(1):
        assert add_working_days(D(2026, 11, 13), 1, council=council_a) == D(2026, 11, 18)
    assert add_working_days(D(2026, 11, 13), 1, council=council_b) == D(2026, 11, 16)
    assert add_working_days(D(2026, 11, 13), 1) == D(2026, 11, 16)
    with django_assert_num_queries(1):
        # 18, 19, 20, 23, 25, 26, 27, 30: 24/11 is Vietnam Culture Day in holidays.Vietnam.
        assert working_days_between(D(2026, 11, 13), D(2026, 11, 30), council=council_a) == 8


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 13), -1)
