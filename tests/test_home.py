"""The web shell: a Vietnamese sign-in page, and a home page per role showing real figures of the database."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from councils.models import Deputy
from voters.choices import PetitionStatus
from voters.models import Petition

PASSWORD = "hdnd-demo-2026"


def shown(html: str, name: str) -> int:
    match = re.search(rf'data-count="{name}">([\d.,]+)<', html)
    assert match, f"no figure {name} on the page"
    return int(re.sub(r"[.,]", "", match.group(1)))


@pytest.mark.django_db
def test_login_page_is_in_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert 'lang="vi"' in html
    for text in ("Đăng nhập Cổng theo dõi công tác HĐND", "Tên đăng nhập", "Mật khẩu"):
        assert text in html


@pytest.mark.django_db
def test_wrong_password_is_refused_in_vietnamese(client, clerk_a):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_home_needs_a_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_seeded_users_reach_their_home_page_with_real_figures(client):
    call_command("seed_demo")
    response = client.post(reverse("login"), {"username": "vanphong", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    html = client.get(reverse("home")).content.decode()
    assert "HĐND thành phố Hà Nội" in html
    subtree = {"council__path__startswith": "/01/"}
    # The petitions card counts what the petition list shows: merged ones left out (and it says so).
    petitions = Petition.objects.filter(**subtree).exclude(status=PetitionStatus.MERGED).count()
    assert petitions > 100
    assert shown(html, "petitions") == petitions
    assert shown(html, "deputies") == Deputy.objects.filter(end_date__isnull=True, **subtree).count()
    assert shown(html, "to_classify") + shown(html, "to_forward") == Petition.objects.filter(
        status__in=[PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED], **subtree).count()

    for username, persona in (("daibieu", "deputy"), ("capuy", "party_viewer"), ("vanphong2", "secretariat")):
        client.logout()
        assert client.login(username=username, password=PASSWORD)
        page = client.get(reverse("home"))
        assert page.status_code == 200
        assert page.context["persona"] == persona
        council = "HĐND tỉnh Thanh Hóa" if username == "vanphong2" else "HĐND thành phố Hà Nội"
        assert page.context["council"].name == council
    # The second province's clerk counts only Thanh Hóa's petitions.
    thanh_hoa = Petition.objects.filter(council__code="38").exclude(status=PetitionStatus.MERGED).count()
    assert shown(page.content.decode(), "petitions") == thanh_hoa
