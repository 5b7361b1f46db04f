"""The deadlines of a petition: by when the secretariat must forward it, and by when an agency must answer."""

from __future__ import annotations

import datetime

from councils.choices import SessionKind
from councils.models import Council, Session
from councils.workdays import add_working_days, deadline_setting


def forward_due_for(*, council: Council, received_on: datetime.date) -> datetime.date:
    """By when the secretariat must forward an item received on that day."""
    return add_working_days(received_on, deadline_setting("forward_working_days"), council=council)


def default_answer_due(*, council: Council, forwarded_on: datetime.date) -> datetime.date:
    """By when an agency must answer: the eve of the council's next regular session when one is
    scheduled far enough ahead, otherwise a fixed number of working days."""
    if deadline_setting("answer_before_next_session"):
        earliest = add_working_days(forwarded_on, deadline_setting("answer_min_working_days"), council=council)
        session = (Session.objects.filter(council=council, kind=SessionKind.REGULAR, start_date__gt=earliest)
                   .order_by("start_date").first())
        if session is not None:
            return session.start_date - datetime.timedelta(days=1)
    return add_working_days(forwarded_on, deadline_setting("answer_working_days"), council=council)
