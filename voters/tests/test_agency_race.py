"""Two colleagues review the same agency answer at the same moment, one returning it and one accepting it: one
of them wins, the other is refused with the reason, and the record is in the winner's state with one history
line — never an answer both returned and accepted."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from councils.audit import history_for
from voters import services
from voters.choices import AnswerOutcome, AnswerReview, ForwardingStatus
from voters.models import Forwarding

FRIDAY = datetime.date(2026, 11, 20)
NEXT_FRIDAY = datetime.date(2026, 11, 27)


@pytest.mark.django_db(transaction=True)
def test_return_and_accept_at_once_one_wins(forwarded_petition, gtvt_staff, agency_a, clerk_a, pdf, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("a real race needs a server database with row locks (set DATABASE_URL to PostgreSQL)")
    monkeypatch.setattr("voters.services.agency._today", lambda: FRIDAY)
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    services.submit_answer(forwarding=forwarding, actor=gtvt_staff, answer="Đã lên kế hoạch sửa đường.",
                           outcome=AnswerOutcome.BEING_RESOLVED, reply_number="125/SGTVT-QLĐ", file=pdf())
    barrier, won, refused = threading.Barrier(2), [], []

    def review(action):
        try:
            barrier.wait(timeout=10)
            mine = Forwarding.objects.get(pk=forwarding.pk)
            if action == "return":
                services.return_answer(forwarding=mine, actor=clerk_a, reason="Thiếu lộ trình.", on=NEXT_FRIDAY)
            else:
                services.accept_answer(forwarding=mine, actor=clerk_a, note="Đạt yêu cầu.")
            won.append(action)
        except ValidationError as error:
            refused.append((action, " ".join(error.messages)))
        finally:
            connection.close()

    threads = [threading.Thread(target=review, args=(action,)) for action in ("return", "accept")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(won) == 1 and len(refused) == 1, (won, refused)
    assert "đang chờ Văn phòng xem xét" in refused[0][1]
    forwarding.refresh_from_db()
    reviews = [e.action for e in history_for(forwarding) if e.action in {"return_answer", "accept_answer"}]
    if won == ["return"]:
        assert (forwarding.status, forwarding.review) == (ForwardingStatus.PENDING, AnswerReview.RETURNED)
        assert reviews == ["return_answer"]
    else:
        assert (forwarding.status, forwarding.review) == (ForwardingStatus.ANSWERED, AnswerReview.ACCEPTED)
        assert reviews == ["accept_answer"]
