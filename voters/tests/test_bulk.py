"""Bulk work on the petition list: classify, forward under one letter, report to voters — every petition through
its own service and history, all or nothing, each refusal named; the pages and the API do the same."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils.models import AuditEntry
from councils.tests.factories import SessionFactory
from voters import services
from voters.choices import PetitionStatus
from voters.models import Forwarding, Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def received(new_petition):
    return [new_petition(content=f"Cử tri đề nghị sửa chữa tuyến đường số {n}") for n in range(1, 4)]


@pytest.fixture
def classified(received, clerk_a, traffic_field, agency_a):
    services.bulk_classify_petitions(petitions=received, actor=clerk_a, field=traffic_field,
                                     proposed_agencies=[agency_a])
    return [Petition.objects.get(pk=p.pk) for p in received]


def _history(petition):
    return list(AuditEntry.objects.filter(content_type__model="petition", object_id=petition.pk)
                .values_list("action", flat=True).order_by("id"))


def test_bulk_classify_gives_each_petition_its_own_history(classified, traffic_field, agency_a):
    for petition in classified:
        assert (petition.status, petition.field) == (PetitionStatus.CLASSIFIED, traffic_field)
        assert list(petition.proposed_agencies.all()) == [agency_a]
        assert _history(petition) == ["create", "classify"]


def test_bulk_forward_under_one_letter_to_the_proposed_agencies(classified, clerk_a, agency_a):
    services.bulk_forward_petitions(petitions=classified, actor=clerk_a, document_number="123/HĐND-VP",
                                    forwarded_on=datetime.date(2026, 11, 10))
    rows = Forwarding.objects.filter(petition__in=classified)
    assert sorted(rows.values_list("petition_id", "agency_id", "document_number")) == sorted(
        (p.pk, agency_a.pk, "123/HĐND-VP") for p in classified)
    assert all(_history(p)[-1] == "forward" for p in classified)


def test_one_refused_row_saves_nothing_and_every_refusal_is_named(classified, received, clerk_a, agency_a2):
    on_the_list = {p.pk: p.version for p in classified}
    services.forward_petition(petition=classified[1], actor=clerk_a, agencies=[agency_a2],
                              forwarded_on=datetime.date(2026, 11, 9))
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.bulk_forward_petitions(petitions=classified, actor=clerk_a, document_number="124/HĐND-VP",
                                        versions=on_the_list)
    messages = exc.value.message_dict["petitions"]
    assert messages[0] == "Chưa xử lý kiến nghị nào vì 1 kiến nghị không xử lý được:"
    assert messages[1].startswith(f"{classified[1].code}: ")
    assert "thay đổi sau khi bạn chọn" in messages[1], "the version taken on the list is stale"
    assert AuditEntry.objects.count() == entries
    assert Forwarding.objects.filter(document_number="124/HĐND-VP").count() == 0
    assert Petition.objects.filter(pk__in=[classified[0].pk, classified[2].pk],
                                   status=PetitionStatus.CLASSIFIED).count() == 2


def test_each_petition_in_the_wrong_status_is_named(received, clerk_a):
    session = SessionFactory(council=received[0].council)
    with pytest.raises(ValidationError) as exc:
        services.bulk_report_to_voters(petitions=received[:2], actor=clerk_a, session=session)
    lines = exc.value.message_dict["petitions"]
    assert len(lines) == 3 and all("Không thể chuyển từ trạng thái “Đã tiếp nhận”" in line for line in lines[1:])


@pytest.mark.parametrize("kwargs, key, message", [
    ({"document_number": " "}, "document_number", "Phải nhập số công văn chuyển"),
    ({"document_number": "1/VP", "petitions": []}, "petitions", "Chưa chọn kiến nghị nào."),
])
def test_bad_bulk_input_is_refused_before_anything(clerk_a, received, kwargs, key, message):
    kwargs = {"petitions": received, **kwargs}
    with pytest.raises(ValidationError) as exc:
        services.bulk_forward_petitions(actor=clerk_a, **kwargs)
    assert message in " ".join(exc.value.message_dict[key])


def test_more_than_the_limit_is_refused(clerk_a, received, monkeypatch, traffic_field):
    monkeypatch.setattr("voters.services.bulk.BULK_LIMIT", 2)
    with pytest.raises(ValidationError) as exc:
        services.bulk_classify_petitions(petitions=received, actor=clerk_a, field=traffic_field, note="x")
    assert "tối đa 2 kiến nghị (đã chọn 3)" in exc.value.message_dict["petitions"][0]


# --- pages -----------------------------------------------------------------------------------------------------

def test_list_rows_have_checkboxes_for_the_secretariat_only(client, clerk_a, viewer_a, received):
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_list")).content.decode()
    assert page.count('name="ids"') == 3 and 'data-testid="bulk-toolbar"' in page
    assert "Chọn cả 3 bản ghi phù hợp bộ lọc" in page
    client.force_login(viewer_a)
    page = client.get(reverse("voters:petition_list")).content.decode()
    assert 'name="ids"' not in page and "bulk-toolbar" not in page
    assert client.get(reverse("voters:petition_bulk_forward")).status_code == 403


def test_bulk_classify_page_from_ticked_rows(client, clerk_a, received, traffic_field, agency_a):
    client.force_login(clerk_a)
    url = reverse("voters:petition_bulk_classify")
    page = client.get(url, {"ids": [received[0].pk, received[2].pk]})
    html = page.content.decode()
    assert page.status_code == 200 and "2 kiến nghị đã chọn" in html
    assert received[0].code in html and received[1].code not in html
    form = page.context["form"]
    data = {"petitions": form.initial["petitions"], "versions": form.initial["versions"],
            "field": traffic_field.pk, "proposed_agencies": [agency_a.pk]}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == reverse("voters:petition_list")
    assert set(Petition.objects.filter(status=PetitionStatus.CLASSIFIED).values_list("pk", flat=True)) == {
        received[0].pk, received[2].pk}
    listed = client.get(response["Location"]).content.decode()
    assert "Đã phân loại 2 kiến nghị." in listed


def test_all_matching_the_filter_and_refusals_on_the_page(client, clerk_a, classified, received, agency_a):
    services.forward_petition(petition=classified[0], actor=clerk_a, forwarded_on=datetime.date(2026, 11, 9))
    client.force_login(clerk_a)
    url = reverse("voters:petition_bulk_forward")
    page = client.get(url, {"all": "1", "query": "q=duong+so+3"})
    assert [p.pk for p in page.context["chosen"]] == [classified[2].pk]
    page = client.get(url, {"all": "1", "query": ""})
    form = page.context["form"]
    response = client.post(url, {"petitions": form.initial["petitions"], "versions": form.initial["versions"],
                                 "document_number": "125/HĐND-VP"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chưa xử lý kiến nghị nào vì 1 kiến nghị không xử lý được:" in html
    assert f"{classified[0].code}: Không thể chuyển từ trạng thái “Đã chuyển”" in html
    assert not Forwarding.objects.filter(document_number="125/HĐND-VP").exists()


def test_another_councils_petition_cannot_be_chosen(client, clerk_b, received):
    client.force_login(clerk_b)
    url = reverse("voters:petition_bulk_classify")
    assert client.get(url, {"ids": [received[0].pk]}).context["chosen"] == []
    response = client.post(url, {"petitions": [received[0].pk], "versions": f"{received[0].pk}:1", "note": "x"})
    assert response.status_code == 400
    assert Petition.objects.get(pk=received[0].pk).status == PetitionStatus.RECEIVED


def test_the_list_leaves_out_merged_petitions_unless_asked(client, clerk_a, received):
    services.merge_petitions(target=received[0], sources=[received[1]], actor=clerk_a)
    client.force_login(clerk_a)
    url = reverse("voters:petition_list")
    assert client.get(url).context["paginator"].count == 2
    assert client.get(url, {"merged": "true"}).context["paginator"].count == 1
    assert client.get(url, {"merged": ""}).context["paginator"].count == 3
    assert client.get(url, {"status": "merged"}).context["paginator"].count == 1
    assert "không gồm kiến nghị đã gộp" in client.get(url).content.decode()


def test_the_list_filters_by_council(client, clerk_a, council_a, received):
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_list"), {"council": council_a.pk})
    assert page.context["paginator"].count == 3
    assert 'name="council"' in page.content.decode()


# --- API -------------------------------------------------------------------------------------------------------

API = "/api/v1/voters/petitions"


def test_api_bulk_forward_and_report(api_as, clerk_a, classified, council_a, term):
    client = api_as(clerk_a)
    ids = [p.pk for p in classified]
    response = client.post(f"{API}/bulk-forward/", {"petitions": ids, "document_number": "126/HĐND-VP",
                                                      "versions": {str(p.pk): p.version for p in classified}},
                           format="json")
    assert response.status_code == 200 and response.json() == {"count": 3, "ids": ids}
    assert Forwarding.objects.filter(document_number="126/HĐND-VP").count() == 3
    session = SessionFactory(council=council_a, term=term)
    refused = client.post(f"{API}/bulk-report/", {"petitions": ids, "session": session.pk}, format="json")
    assert refused.status_code == 400, "forwarded, not answered: none may be reported"
    assert "Chưa xử lý kiến nghị nào vì 3 kiến nghị" in refused.content.decode()


@pytest.mark.parametrize("payload", [
    {"petitions": []}, {"petitions": "x"}, {"petitions": [2**70]}, {"petitions": [1], "versions": {"a": 1}},
    {"petitions": [999999]}, {},
])
def test_api_bad_bulk_input_is_a_400(api_as, clerk_a, received, traffic_field, payload):
    response = api_as(clerk_a).post(f"{API}/bulk-classify/", {"field": traffic_field.pk, "note": "x", **payload},
                                    format="json")
    assert response.status_code == 400


def test_api_another_councils_petition_is_not_found(api_as, clerk_b, received, traffic_field):
    response = api_as(clerk_b).post(f"{API}/bulk-classify/", {"petitions": [received[0].pk], "note": "x",
                                                              "field": traffic_field.pk}, format="json")
    assert response.status_code == 400 and "Không tìm thấy kiến nghị" in response.content.decode()
    assert Petition.objects.get(pk=received[0].pk).status == PetitionStatus.RECEIVED
