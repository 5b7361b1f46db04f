"""load_admin_units: the 34 provinces and 3,321 communes of 1/7/2025, idempotent, and at one with seed_demo."""

import datetime

import pytest
from django.core.management import call_command

from councils.admin_units import council_name, load_admin_units
from councils.models import AdministrativeLevel, Council


@pytest.mark.django_db
def test_loads_34_provinces_and_3321_communes_then_changes_nothing():
    first = load_admin_units()
    assert (first.created, first.updated, first.unchanged) == (3355, 0, 0)
    assert Council.objects.filter(level__code="province", parent__isnull=True).count() == 34
    assert Council.objects.filter(level__code="commune").count() == 3321
    hanoi = Council.objects.get(code="01")
    assert (hanoi.name, hanoi.area_name, hanoi.path) == ("HĐND thành phố Hà Nội", "Thành phố Hà Nội", "/01/")
    ba_dinh = Council.objects.get(code="00004")
    assert (ba_dinh.name, ba_dinh.parent, ba_dinh.path) == ("HĐND phường Ba Đình", hanoi, "/01/00004/")
    assert ba_dinh.valid_from == datetime.date(2025, 7, 1)
    assert Council.objects.get(code="38").name == "HĐND tỉnh Thanh Hóa"
    assert Council.objects.filter(path__startswith="/01/").count() == 1 + 126

    district = AdministrativeLevel.objects.get(code="district")
    assert district.valid_to == datetime.date(2025, 6, 30) and not district.is_in_force(datetime.date(2026, 1, 1))

    stamp = Council.objects.order_by("pk").values_list("updated_at", flat=True).first()
    second = load_admin_units()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3355)
    assert Council.objects.count() == 3355
    assert Council.objects.order_by("pk").values_list("updated_at", flat=True).first() == stamp


@pytest.mark.django_db
def test_a_changed_unit_is_corrected_not_duplicated(capsys):
    load_admin_units()
    Council.objects.filter(code="00070").update(name="HĐND sai tên")
    call_command("load_admin_units")
    assert "tạo mới 0, cập nhật 1, giữ nguyên 3354" in capsys.readouterr().out
    assert Council.objects.get(code="00070").name == "HĐND phường Hoàn Kiếm"


def test_council_names_follow_the_kind_of_unit():
    assert council_name("Tỉnh Thanh Hóa") == "HĐND tỉnh Thanh Hóa"
    assert council_name("Thành phố Huế") == "HĐND thành phố Huế"
    assert council_name("Xã Thanh Trì") == "HĐND xã Thanh Trì"
    assert council_name("Đặc khu Phú Quốc") == "HĐND đặc khu Phú Quốc"
