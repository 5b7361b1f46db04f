"""The public side of a petition: lookup by tracking code and key (page and API) without enumeration or
personal data, throttled per address; the sender's feedback; each council's published answers."""

import datetime
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from voters import services
from voters.choices import AnswerOutcome, FeedbackStatus
from voters.models import VoterFeedback
from voters.tests.factories import ForwardingFactory, PetitionFactory

from .conftest import ADDRESS, SENDER

pytestmark = pytest.mark.django_db
LOOKUP_API = "/api/v1/public/lookup/"
FEEDBACK_API = "/api/v1/public/feedback/"
_CSRF = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+')


def _page(response) -> str:
    """The page without its per-response CSRF tokens."""
    return _CSRF.sub(r"\1…", response.content.decode())


def _other_key(key):
    return ("A" if key[0] != "A" else "C") + key[1:]


def _personal_data_absent(text, petition, staff):
    for secret in (SENDER, ADDRESS, petition.tracking_key, *(u.username for u in staff)):
        assert secret not in text, secret


# --- lookup -----------------------------------------------------------------------------------------------

def test_wrong_code_wrong_key_and_unknown_code_answer_the_same(client, letter):
    api = APIClient()
    cases = {
        "wrong key": {"code": letter.tracking_code, "key": _other_key(letter.tracking_key)},
        "wrong code": {"code": _other_key(letter.tracking_code), "key": letter.tracking_key},
        "unknown": {"code": "QQQQ-QQQQ", "key": "WWWW-WWWW"},
        "not a code": {"code": "0000-0000", "key": letter.tracking_key},
    }
    api_answers = {name: api.get(LOOKUP_API, query) for name, query in cases.items()}
    assert {r.status_code for r in api_answers.values()} == {404}
    assert len({r.content for r in api_answers.values()}) == 1
    page_answers = {name: client.get(reverse("public:lookup"), query) for name, query in cases.items()}
    assert {r.status_code for r in page_answers.values()} == {404}
    # The pages differ only in what the visitor typed into the form; the message is the same.
    bodies = {_page(r).replace(q["code"], "").replace(q["key"], "") for r, q in
              zip(page_answers.values(), cases.values(), strict=True)}
    assert len(bodies) == 1
    assert "Không tìm thấy kiến nghị với mã tra cứu và mã bí mật đã nhập" in bodies.pop()


def test_lookup_shows_status_agencies_deadlines_without_personal_data(client, letter, clerk_a):
    api = APIClient()
    query = {"code": letter.tracking_code.lower().replace("-", " "), "key": letter.tracking_key}
    response = api.get(LOOKUP_API, query)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "forwarded" and data["status_display"] == "Đã chuyển"
    assert data["forwardings"] == [{
        "agency": "Sở Xây dựng Hà Nội", "forwarded_on": "2026-11-04", "due_date": data["forwardings"][0]["due_date"],
        "status": "pending", "status_display": "Chờ trả lời", "answer": None, "answered_on": None,
        "outcome": None, "outcome_display": None}]
    assert data["forwardings"][0]["due_date"] > "2026-11-04"
    assert data["feedback_allowed"] is False
    assert response["Cache-Control"] == "no-store"
    _personal_data_absent(response.content.decode(), letter, [clerk_a])
    page = client.get(reverse("public:lookup"), {"code": letter.tracking_code, "key": letter.tracking_key})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đã chuyển" in text and "Sở Xây dựng Hà Nội" in text and "Hạn trả lời" in text
    # The key the visitor typed is in the form; nothing else personal is on the page.
    for secret in (SENDER, ADDRESS, clerk_a.username):
        assert secret not in text


def test_only_published_answers_are_shown(client, answered_letter, clerk_a):
    query = {"code": answered_letter.tracking_code, "key": answered_letter.tracking_key}
    data = APIClient().get(LOOKUP_API, query).json()
    assert data["status"] == "answered" and data["forwardings"][0]["answer"] is None
    assert "Sở sẽ sửa đường" not in client.get(reverse("public:lookup"), query).content.decode()
    services.publish_answer(forwarding=answered_letter.forwardings.get(), actor=clerk_a)
    data = APIClient().get(LOOKUP_API, query).json()
    assert data["forwardings"][0]["answer"] == "Sở sẽ sửa đường trong quý I năm 2027."
    assert data["forwardings"][0]["outcome_display"] == "Đang giải quyết"
    page = client.get(reverse("public:lookup"), query).content.decode()
    assert "Sở sẽ sửa đường trong quý I năm 2027." in page and "20/11/2026" in page
    _personal_data_absent(page.replace(answered_letter.tracking_key, ""), answered_letter, [clerk_a])


def test_lookup_is_throttled_per_address(client, letter):
    rates = {"anon": "1000/minute", "login": "1000/minute", "lookup": "3/minute"}
    from django.conf import settings

    query = {"code": letter.tracking_code, "key": _other_key(letter.tracking_key)}
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        api = APIClient()
        statuses = [api.get(LOOKUP_API, query).status_code for _ in range(3)]
        # The page counts against the same allowance as the API: one caller, one address.
        page = client.get(reverse("public:lookup"), query)
        assert statuses == [404, 404, 404] and page.status_code == 429 and "Retry-After" in page
        assert "Quá nhiều lần tra cứu" in page.content.decode()
        # Even the right key is refused now; another address has its own allowance.
        right = {"code": letter.tracking_code, "key": letter.tracking_key}
        assert api.get(LOOKUP_API, right).status_code == 429
        assert api.post(FEEDBACK_API, {**right, "resolved": True}, format="json").status_code == 429
        assert api.get(LOOKUP_API, right, REMOTE_ADDR="198.51.100.9").status_code == 200


def test_bad_input_is_a_400_with_messages(client):
    response = APIClient().get(LOOKUP_API, {"code": "x" * 100})
    assert response.status_code == 400 and "key" in response.content.decode()
    page = client.get(reverse("public:lookup"), {"code": "", "key": ""})
    assert page.status_code == 400
    assert client.get(reverse("public:lookup")).status_code == 200


def test_lookup_page_logged_out_in_both_languages_and_without_staff_navigation(client, clerk_a):
    page = client.get(reverse("public:lookup")).content.decode()
    assert "Tra cứu kiến nghị, đơn thư" in page and 'name="viewport"' in page
    assert reverse("voters:petition_list") not in page
    english = client.get(reverse("public:lookup"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Look up a petition or letter" in english
    client.force_login(clerk_a)
    assert reverse("voters:petition_list") not in client.get(reverse("public:lookup")).content.decode()


# --- feedback ---------------------------------------------------------------------------------------------

def test_feedback_through_the_page(client, answered_letter):
    query = {"code": answered_letter.tracking_code, "key": answered_letter.tracking_key}
    page = client.get(reverse("public:lookup"), query).content.decode()
    assert 'data-testid="feedback-form"' in page
    empty = client.post(reverse("public:feedback"), {**query, "resolved": "no", "comment": ""})
    assert empty.status_code == 400 and "Xin cho biết nội dung nào chưa được giải quyết" in empty.content.decode()
    wrong = client.post(reverse("public:feedback"), {**query, "key": _other_key(query["key"]), "resolved": "no",
                                                     "comment": "x"})
    assert wrong.status_code == 404 and VoterFeedback.objects.count() == 0
    done = client.post(reverse("public:feedback"), {**query, "resolved": "no", "comment": "Đường vẫn lún"},
                       follow=True)
    assert "Cảm ơn bạn, ý kiến đã được gửi" in done.content.decode()
    assert 'data-testid="feedback-form"' not in done.content.decode()
    feedback = VoterFeedback.objects.get()
    assert (feedback.resolved, feedback.status, feedback.comment) == (False, FeedbackStatus.OPEN, "Đường vẫn lún")


def test_feedback_through_the_api(answered_letter):
    api = APIClient()
    query = {"code": answered_letter.tracking_code, "key": answered_letter.tracking_key}
    wrong = api.post(FEEDBACK_API, {**query, "key": _other_key(query["key"]), "resolved": True}, format="json")
    missing = APIClient().get(LOOKUP_API, {"code": "XXXX-XXXX", "key": "XXXX-XXXX"})
    assert wrong.status_code == 404 and wrong.content == missing.content
    response = api.post(FEEDBACK_API, {**query, "resolved": True, "comment": "Cảm ơn"}, format="json")
    assert response.status_code == 201 and response.json()["resolved"] is True
    assert VoterFeedback.objects.get().status == FeedbackStatus.CLOSED


def test_feedback_refused_before_an_answer(letter):
    response = APIClient().post(FEEDBACK_API, {"code": letter.tracking_code, "key": letter.tracking_key,
                                               "resolved": False, "comment": "?"}, format="json")
    assert response.status_code == 400 and "đã có trả lời" in response.content.decode()


# --- the council's public page ----------------------------------------------------------------------------

def _published(council, clerk, content, answer="Đã xử lý xong.", sender=""):
    petition = PetitionFactory(council=council, content=content, status="answered", sender_name=sender,
                               sender_address="12 phố Huế" if sender else "")
    forwarding = ForwardingFactory(petition=petition, status="answered", answer=answer,
                                   outcome=AnswerOutcome.RESOLVED, answered_on=datetime.date(2026, 11, 25))
    services.publish_answer(forwarding=forwarding, actor=clerk)
    return forwarding


def test_council_page_lists_only_published_answers_searchable_without_accents(client, council_a, council_b,
                                                                             clerk_a, clerk_b, answered_letter):
    _published(council_a, clerk_a, "Cử tri đề nghị nạo vét mương thoát nước đường Nguyễn Trãi",
               sender="Lê Văn Tám")
    _published(council_a, clerk_a, "Cử tri đề nghị xây thêm trường mầm non")
    _published(council_b, clerk_b, "Cử tri Thanh Hóa đề nghị nạo vét kênh")
    # A letter's answer, even published, stays between the council and its sender.
    services.publish_answer(forwarding=answered_letter.forwardings.get(), actor=clerk_a)
    unpublished = PetitionFactory(council=council_a, content="Kiến nghị chưa công khai về mương")
    ForwardingFactory(petition=unpublished, status="answered", answer="Bí mật", outcome=AnswerOutcome.RESOLVED,
                      answered_on=datetime.date(2026, 11, 25))
    url = reverse("public:council_answers", args=[council_a.code])
    page = client.get(url).content.decode()
    assert "2 câu trả lời đã công khai" in page
    assert "trường mầm non" in page and "Nguyễn Trãi" in page
    for absent in ("Thanh Hóa đề nghị", "Bí mật", "sụt lún", "Lê Văn Tám", "12 phố Huế", SENDER, clerk_a.username):
        assert absent not in page, absent
    found = client.get(url, {"q": "MUONG thoat nuoc"}).content.decode()
    assert "1 câu trả lời đã công khai" in found and "Nguyễn Trãi" in found and "mầm non" not in found
    # Searching a sender's name finds nothing: the public search text has no names.
    assert "0 câu trả lời đã công khai" in client.get(url, {"q": "Le Van Tam"}).content.decode()
    assert client.get(reverse("public:council_answers", args=["khong-co"])).status_code == 404


def test_council_page_paginates_with_a_constant_number_of_queries(client, council_a, clerk_a,
                                                                  django_assert_max_num_queries):
    url = reverse("public:council_answers", args=[council_a.code])

    def count():
        with django_assert_max_num_queries(10) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    _published(council_a, clerk_a, "Kiến nghị số 0")
    small = count()
    for n in range(1, 25):
        _published(council_a, clerk_a, f"Kiến nghị số {n}")
    assert count() == small
    page = client.get(url).content.decode()
    assert page.count('data-testid="public-answer"') == 20 and "1 / 2" in page
    assert client.get(url, {"page": 2}).content.decode().count('data-testid="public-answer"') == 5
