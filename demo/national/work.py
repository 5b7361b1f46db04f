"""Voter meetings, citizen receptions, oversight (programmes, activities, recommendations) and work items of
every council, for ``seed_national``."""

from __future__ import annotations

import datetime

from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemOrigin, WorkItemStatus
from oversight.models import OversightActivity, OversightProgramme, Recommendation, WorkItem
from voters.choices import MeetingKind
from voters.models import CitizenReception, VoterMeeting

from .shape import TODAY, WINDOW_START, CouncilInfo, D, aware, day_between, rng
from .writer import Table

TOPICS = [
    "công tác quản lý đất đai, cấp giấy chứng nhận quyền sử dụng đất", "công tác giải phóng mặt bằng các dự án",
    "việc thu gom, xử lý rác thải sinh hoạt", "chất lượng khám chữa bệnh tại trạm y tế", "an toàn thực phẩm",
    "việc thực hiện chính sách an sinh xã hội", "quản lý trật tự xây dựng đô thị", "cung cấp nước sạch",
    "đầu tư công và giải ngân vốn", "phòng cháy chữa cháy tại khu dân cư", "chuyển đổi số trong cải cách hành chính",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo", "chất lượng giáo dục mầm non, tiểu học",
]
ACTIVITY_KINDS = [  # (kind, share)
    (ActivityKind.THEMATIC, 0.3), (ActivityKind.SURVEY, 0.25), (ActivityKind.REPORT_REVIEW, 0.15),
    (ActivityKind.QUESTIONING_SESSION, 0.12), (ActivityKind.EXPLANATION_HEARING, 0.1),
    (ActivityKind.RE_OVERSIGHT, 0.08),
]
KIND_LABEL = {
    ActivityKind.THEMATIC: "Giám sát chuyên đề", ActivityKind.SURVEY: "Khảo sát",
    ActivityKind.REPORT_REVIEW: "Xem xét báo cáo về", ActivityKind.QUESTIONING_SESSION: "Chất vấn về",
    ActivityKind.EXPLANATION_HEARING: "Phiên giải trình về", ActivityKind.RE_OVERSIGHT: "Tái giám sát",
}
WORK_TITLES = [
    "Xây dựng kế hoạch tổ chức kỳ họp", "Tổng hợp ý kiến, kiến nghị cử tri trước kỳ họp",
    "Báo cáo kết quả giám sát chuyên đề", "Chuẩn bị tài liệu phiên chất vấn", "Tổ chức tiếp công dân định kỳ",
    "Thẩm tra dự thảo nghị quyết", "Theo dõi việc giải quyết kiến nghị sau giám sát", "Tập huấn kỹ năng cho đại biểu",
    "Báo cáo công tác quý của Thường trực", "Rà soát văn bản quy phạm pháp luật",
]


def _pick_kind(r):
    roll, acc = r.random(), 0.0
    for kind, share in ACTIVITY_KINDS:
        acc += share
        if roll < acc:
            return kind
    return ACTIVITY_KINDS[-1][0]


def seed_meetings(seed: int, councils: list[CouncilInfo], meetings: Table, receptions: Table) -> None:
    for c in councils:
        r = rng(seed, f"meetings:{c.code}")
        mid_session, mid_date = c.sessions[0]
        for g, group in enumerate(c.groups):
            for kind, day, session in (
                (MeetingKind.BEFORE_SESSION, day_between(r, D(2025, 11, 10), D(2025, 11, 30)), None),
                (MeetingKind.BEFORE_SESSION, mid_date - datetime.timedelta(days=r.randint(10, 25)), mid_session),
                (MeetingKind.AFTER_SESSION, mid_date + datetime.timedelta(days=r.randint(10, 30)), mid_session),
            ):
                pk = meetings.take_id()
                stamp = aware(day, 17)
                meetings.add((pk, c.id, group, kind, session, "", day, f"Nhà văn hóa tổ dân phố {g + 1}, {c.area_name}",
                              r.randint(40, 250), True, "", stamp, stamp, 1))
                c.meetings.append((pk, day))
        day = day_between(r, D(2026, 4, 1), D(2026, 10, 30))
        pk = meetings.take_id()
        meetings.add((pk, c.id, c.standing, MeetingKind.THEMATIC, None, r.choice(TOPICS), day,
                      f"Hội trường {c.area_name}", r.randint(60, 300), True, "", aware(day, 17), aware(day, 17), 1))
        c.meetings.append((pk, day))
        # Tiếp công dân: once a month by a full-time deputy, now and then by another one.
        month = D(WINDOW_START.year, WINDOW_START.month, 1)
        deputies = list(c.deputies)
        while month <= TODAY:
            day = month + datetime.timedelta(days=r.randint(4, 24))
            if day <= TODAY:
                pk = receptions.take_id()
                deputy = r.choice(c.full_time) if r.random() < 0.8 else r.choice(deputies)
                receptions.add((pk, c.id, deputy, day, f"Trụ sở tiếp công dân {c.area_name}", r.random() < 0.9,
                                r.randint(0, 25), "", aware(day, 11), aware(day, 11), 1))
                c.receptions.append((pk, day))
            month = D(month.year + (month.month == 12), month.month % 12 + 1, 1)


MEETING_COLUMNS = ["id", "council_id", "body_id", "kind", "session_id", "topic", "date", "place", "attendance",
                   "with_fatherland_front", "notes", "created_at", "updated_at", "version"]
RECEPTION_COLUMNS = ["id", "council_id", "deputy_id", "date", "place", "scheduled", "people_count", "notes",
                     "created_at", "updated_at", "version"]


def seed_oversight(seed: int, councils: list[CouncilInfo], fields: dict, t: dict) -> None:
    programmes, activities, recommendations, work_items = (t["programme"], t["activity"], t["recommendation"],
                                                           t["work_item"])
    field_ids = list(fields.values())
    for c in councils:
        r = rng(seed, f"oversight:{c.code}")
        approved = D(2025, 12, r.randint(5, 20))
        programme = programmes.take_id()
        programmes.add((programme, c.id, 2026, f"Chương trình giám sát năm 2026 của {c.name}",
                        f"{r.randint(10, 90)}/NQ-HĐND", approved, aware(approved), aware(approved), 1))
        mid_session, mid_date = c.sessions[0]
        actors = [c.plenary, c.standing, *c.committees, *c.groups]
        n_activities = r.randint(15, 24) if c.is_province else r.randint(9, 14)
        for n in range(n_activities):
            kind = _pick_kind(r)
            body = c.plenary if kind == ActivityKind.QUESTIONING_SESSION else (
                c.plenary if n < 2 and kind in (ActivityKind.THEMATIC, ActivityKind.RE_OVERSIGHT) else r.choice(actors))
            planned_start = day_between(r, D(2026, 1, 10), D(2026, 11, 30))
            planned_end = planned_start + datetime.timedelta(days=r.randint(5, 45))
            roll = r.random()
            if planned_start > TODAY:
                status = ActivityStatus.PLANNED
            elif roll < 0.05:
                status = ActivityStatus.CANCELLED
            elif planned_end < TODAY - datetime.timedelta(days=20) or roll < 0.5:
                status = ActivityStatus.CONCLUDED
            else:
                status = ActivityStatus.IN_PROGRESS
            actual_start = actual_end = conclusion_date = None
            conclusion = ""
            if status in (ActivityStatus.CONCLUDED, ActivityStatus.IN_PROGRESS):
                actual_start = min(planned_start + datetime.timedelta(days=r.randint(0, 10)), TODAY)
            if status == ActivityStatus.CONCLUDED:
                actual_end = min(actual_start + datetime.timedelta(days=r.randint(3, 40)), TODAY)
                conclusion_date = min(actual_end + datetime.timedelta(days=r.randint(3, 20)), TODAY)
                conclusion = "Đoàn giám sát đã kết luận, nêu rõ kết quả, hạn chế và kiến nghị các cơ quan khắc phục."
            session = mid_session if kind == ActivityKind.QUESTIONING_SESSION else None
            if session:
                planned_start = planned_end = mid_date
                if status != ActivityStatus.CANCELLED:
                    status = ActivityStatus.CONCLUDED
                    actual_start = actual_end = mid_date
                    conclusion_date = mid_date + datetime.timedelta(days=r.randint(3, 15))
                    conclusion = conclusion or "HĐND đã ra nghị quyết về chất vấn và trả lời chất vấn."
            topic = r.choice(TOPICS)
            pk = activities.take_id()
            stamp = aware(min(planned_start, TODAY) - datetime.timedelta(days=15))
            activities.add((pk, c.id, body, None, programme, kind, f"{KIND_LABEL[kind]} {topic}"[:500],
                            r.choice(field_ids), session, planned_start, planned_end, actual_start, actual_end, status,
                            conclusion, conclusion_date, stamp, stamp, 1))
            if status != ActivityStatus.CONCLUDED:
                continue
            for _k in range(r.randint(1, 3)):
                due = conclusion_date + datetime.timedelta(days=r.choice([30, 60, 90, 180]))
                roll = r.random()
                completed = None
                if due < TODAY and roll < 0.55:
                    rec_status = FollowUpStatus.IMPLEMENTED
                    completed = min(due + datetime.timedelta(days=r.randint(-25, 20)), TODAY)
                elif roll < 0.7:
                    rec_status = FollowUpStatus.PARTLY_IMPLEMENTED
                elif roll < 0.85:
                    rec_status = FollowUpStatus.IN_PROGRESS
                elif roll < 0.95:
                    rec_status = FollowUpStatus.NOT_STARTED
                else:
                    rec_status = FollowUpStatus.NOT_IMPLEMENTED
                result = "Cơ quan đã báo cáo kết quả thực hiện." if completed else ""
                stamp = aware(conclusion_date)
                recommendations.add((recommendations.take_id(), pk, r.choice(c.agencies),
                                     f"Đề nghị khắc phục hạn chế về {topic}.", due, rec_status, result, "", completed,
                                     stamp, stamp, 1))
        n_items = r.randint(40, 60) if c.is_province else r.randint(22, 36)
        for n in range(n_items):
            due = day_between(r, D(2026, 1, 15), D(2026, 12, 31))
            roll = r.random()
            done_on = None
            if due < TODAY and roll < 0.75:
                status = WorkItemStatus.DONE
                done_on = due + datetime.timedelta(days=r.randint(-20, 12))
                done_on = min(done_on, TODAY)
            elif roll < 0.9:
                status = WorkItemStatus.IN_PROGRESS if due >= TODAY - datetime.timedelta(days=60) else \
                    WorkItemStatus.NOT_STARTED
            elif roll < 0.95:
                status = WorkItemStatus.NOT_STARTED
            else:
                status = WorkItemStatus.CANCELLED
            stamp = aware(due - datetime.timedelta(days=40))
            work_items.add((work_items.take_id(), c.id, 2026, WorkItemOrigin.PLANNED if r.random() < 0.8
                            else WorkItemOrigin.ARISING, f"{r.choice(WORK_TITLES)} ({n + 1})",
                            "Thường trực HĐND", r.choice(actors), due, "Báo cáo, kế hoạch được ban hành", status,
                            "", done_on, stamp, stamp, 1))


PROGRAMME_COLUMNS = ["id", "council_id", "year", "title", "decision_number", "approved_on", "created_at",
                     "updated_at", "version"]
ACTIVITY_COLUMNS = ["id", "council_id", "body_id", "deputy_id", "programme_id", "kind", "title", "field_id",
                    "session_id", "planned_start", "planned_end", "actual_start", "actual_end", "status", "conclusion",
                    "conclusion_date", "created_at", "updated_at", "version"]
RECOMMENDATION_COLUMNS = ["id", "activity_id", "agency_id", "content", "due_date", "status", "result", "evidence",
                          "completed_on", "created_at", "updated_at", "version"]
WORK_ITEM_COLUMNS = ["id", "council_id", "year", "origin", "title", "lead", "responsible_body_id", "due_date",
                     "deliverable", "status", "progress_note", "done_on", "created_at", "updated_at", "version"]


def tables() -> dict:
    return {
        "meeting": Table(VoterMeeting, MEETING_COLUMNS),
        "reception": Table(CitizenReception, RECEPTION_COLUMNS),
        "programme": Table(OversightProgramme, PROGRAMME_COLUMNS),
        "activity": Table(OversightActivity, ACTIVITY_COLUMNS),
        "recommendation": Table(Recommendation, RECOMMENDATION_COLUMNS),
        "work_item": Table(WorkItem, WORK_ITEM_COLUMNS),
    }
