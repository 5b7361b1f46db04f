"""The admin edits rules (validated like load_rules) and only shows results."""

import pytest

from compliance import services
from compliance.models import Result, Rule
from councils.tests.factories import UserFactory

from .builders import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_rule_pages_and_validation(admin_client, hanoi_rules):
    rule = Rule.objects.get(code="GS-TT-4")
    page = admin_client.get(f"/admin/compliance/rule/{rule.pk}/change/")
    assert page.status_code == 200 and "Tham số theo cách đo" in page.content.decode()
    assert admin_client.get("/admin/compliance/ruleset/").status_code == 200
    with pytest.raises(Exception, match="session_kinds|Kỳ họp"):
        rule.params = {"session_kinds": ["regular"]}
        rule.full_clean()


def test_results_are_read_only(admin_client, hanoi_rules, council_a, populate):
    populate(council_a, 1)
    services.run_evaluation(as_of=D(2026, 9, 15))
    result = Result.objects.exclude(evidence=None).first()
    page = admin_client.get(f"/admin/compliance/result/{result.pk}/change/")
    assert page.status_code == 200
    assert admin_client.post(f"/admin/compliance/result/{result.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Result.objects.filter(pk=result.pk).exists()
