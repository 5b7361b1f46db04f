"""Demo oversight: programmes, activities with their recommendations, questioning, the work programme,
trainings and briefings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from councils.choices import CommitteeType
from oversight.choices import (
    ActivityKind,
    ActivityStatus,
    FollowUpStatus,
    ParticipantRole,
    WorkItemOrigin,
    WorkItemStatus,
)
from oversight.models import (
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)

from .common import TODAY, CouncilData, D, rng_for

# --- oversight -----------------------------------------------------------------------------------------

@dataclass
class Plan:
    kind: str
    body: str | None  # key of data.bodies, "group:N", or None for a deputy's own oversight
    title: str
    field: str
    start: datetime.date
    end: datetime.date | None
    status: str
    recommendations: list = field(default_factory=list)  # (agency index, content, due, status)
    session: int | None = None


def seed_oversight(hanoi, wards, thanh_hoa, old_district, fields, daibieu) -> None:
    hanoi_programme = OversightProgramme.objects.create(
        council=hanoi.council, year=2026, title="Chương trình giám sát năm 2026 của HĐND thành phố Hà Nội",
        decision_number="15/NQ-HĐND", approved_on=D(2025, 12, 10),
    )
    daibieu_group = f"group:{hanoi.groups.index(next(g for g in hanoi.groups if daibieu in hanoi.members[g.pk]))}"
    S, C, P, IP = ActivityStatus, FollowUpStatus, ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS
    plans = [
        Plan(ActivityKind.THEMATIC, "standing", "Giám sát việc quản lý, sử dụng trụ sở, tài sản công dôi dư sau sắp xếp "
             "đơn vị hành chính", "dat-dai", D(2026, 4, 15), D(2026, 5, 30), S.CONCLUDED, [
                 (1, "Hoàn thành rà soát, lập phương án sử dụng các trụ sở dôi dư", D(2026, 9, 30), C.IN_PROGRESS),
                 (0, "Ban hành quy chế quản lý tài sản công dôi dư sau sắp xếp", D(2026, 8, 31), C.IMPLEMENTED),
                 (8, "Bố trí kinh phí sửa chữa trụ sở chuyển đổi công năng thành trường học, trạm y tế",
                  D(2026, 10, 31), C.NOT_STARTED),
                 (3, "Hướng dẫn thủ tục chuyển đổi công năng trụ sở dôi dư", D(2026, 12, 31), C.IN_PROGRESS),
                 (0, "Công khai danh mục trụ sở dôi dư trên cổng thông tin điện tử", D(2026, 10, 15),
                  C.PARTLY_IMPLEMENTED),
             ]),
        Plan(ActivityKind.THEMATIC, CommitteeType.URBAN, "Giám sát công tác quản lý trật tự xây dựng đô thị",
             "xay-dung-do-thi", D(2026, 6, 10), D(2026, 8, 15), S.CONCLUDED, [
                 (3, "Xử lý dứt điểm các công trình vi phạm trật tự xây dựng đã được phát hiện", D(2026, 9, 30),
                  C.IMPLEMENTED),
                 (0, "Xử lý trách nhiệm người đứng đầu nơi để xảy ra vi phạm kéo dài", D(2026, 10, 30),
                  C.NOT_IMPLEMENTED),
                 (3, "Số hóa hồ sơ cấp phép xây dựng", D(2027, 3, 31), C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.SURVEY, CommitteeType.CULTURE_SOCIAL, "Khảo sát việc thực hiện chính sách bảo hiểm y tế học "
             "sinh, sinh viên", "y-te", D(2026, 8, 5), D(2026, 8, 20), S.CONCLUDED, [
                 (6, "Hướng dẫn các trường thu, nộp bảo hiểm y tế học sinh đúng quy định", D(2026, 9, 30),
                  C.IMPLEMENTED),
                 (5, "Bảo đảm đủ thuốc, vật tư y tế cho y tế trường học", D(2026, 11, 15), C.NOT_STARTED),
             ]),
        Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát tiến độ giải ngân vốn đầu tư công năm 2026",
             "tai-chinh-ngan-sach", D(2026, 11, 5), None, IP),
        Plan(ActivityKind.QUESTIONING_SESSION, "plenary", "Chất vấn tại Kỳ họp thứ ba về giao thông, y tế và môi trường",
             "giao-thong", D(2026, 7, 9), D(2026, 7, 9), S.CONCLUDED, session=3),
        Plan(ActivityKind.QUESTIONING_BETWEEN, "standing", "Phiên chất vấn giữa hai kỳ họp về phòng cháy, chữa cháy tại "
             "nhà ở nhiều tầng, nhiều căn hộ", "an-ninh-trat-tu", D(2026, 10, 15), D(2026, 10, 15), S.CONCLUDED),
        Plan(ActivityKind.EXPLANATION_HEARING, CommitteeType.LEGAL, "Phiên giải trình về giải quyết khiếu nại, tố cáo "
             "kéo dài trong lĩnh vực đất đai", "dat-dai", D(2026, 9, 17), D(2026, 9, 17), S.CONCLUDED, [
                 (11, "Rà soát, giải quyết dứt điểm các vụ việc khiếu nại đông người, kéo dài", D(2026, 12, 31),
                  C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.REPORT_REVIEW, CommitteeType.ECONOMY_BUDGET, "Thẩm tra báo cáo tình hình kinh tế - xã hội 6 "
             "tháng đầu năm 2026", "tai-chinh-ngan-sach", D(2026, 6, 25), D(2026, 7, 2), S.CONCLUDED, session=3),
        Plan(ActivityKind.RE_OVERSIGHT, "standing", "Tái giám sát việc thực hiện kiến nghị về quản lý trụ sở, tài sản "
             "công dôi dư", "dat-dai", D(2026, 12, 1), D(2026, 12, 20), P),
        Plan(ActivityKind.SURVEY, daibieu_group, "Khảo sát công tác thu gom, xử lý rác thải sinh hoạt tại khu dân cư",
             "moi-truong", D(2026, 6, 12), D(2026, 6, 12), S.CONCLUDED, [
                 (1, "Tăng tần suất thu gom rác tại các ngõ nhỏ, khu tập thể cũ", D(2026, 9, 15), C.IMPLEMENTED),
                 (1, "Bố trí điểm tập kết rác trung chuyển hợp vệ sinh", D(2026, 11, 10), C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.THEMATIC, None, "Giám sát việc giải quyết kiến nghị của cử tri về ngập úng tại đơn vị bầu cử",
             "moi-truong", D(2026, 10, 1), None, IP),
        Plan(ActivityKind.THEMATIC, CommitteeType.CULTURE_SOCIAL, "Giám sát việc thực hiện chính sách đối với người có "
             "công với cách mạng", "an-sinh-xa-hoi", D(2026, 12, 5), D(2026, 12, 18), P),
    ]
    activities = add_activities(hanoi, plans, fields, hanoi_programme, daibieu)
    # The re-oversight looks again at the open recommendations of the first activity.
    activities[8].rechecked_recommendations.set(
        activities[0].recommendations.exclude(status=FollowUpStatus.IMPLEMENTED))
    seed_questions(hanoi, activities[4], activities[5], daibieu)

    for data in wards:
        programme = OversightProgramme.objects.create(
            council=data.council, year=2026, title=f"Chương trình giám sát năm 2026 của {data.council.name}",
            approved_on=D(2026, 3, 27))
        add_activities(data, [
            Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát việc thu, chi ngân sách xã, phường 9 "
                 "tháng đầu năm", "tai-chinh-ngan-sach", D(2026, 9, 20), D(2026, 9, 25), S.CONCLUDED,
                 [(0, "Công khai dự toán, quyết toán ngân sách đúng hạn", D(2026, 11, 1), C.IMPLEMENTED),
                  (0, "Tăng thu ngân sách từ đấu giá quyền sử dụng đất", D(2026, 11, 15), C.NOT_STARTED)]),
            Plan(ActivityKind.THEMATIC, "standing", "Giám sát công tác vệ sinh môi trường, chỉnh trang đô thị",
                 "moi-truong", D(2026, 5, 10), D(2026, 5, 20), S.CONCLUDED,
                 [(0, "Xử lý các điểm tập kết rác tự phát", D(2026, 7, 31), C.IMPLEMENTED)]),
            Plan(ActivityKind.QUESTIONING_SESSION, "plenary", "Chất vấn tại kỳ họp thứ hai", "an-ninh-trat-tu",
                 D(2026, 7, 15), D(2026, 7, 15), S.CONCLUDED, session=2),
        ], fields, programme, None)

    programme = OversightProgramme.objects.create(
        council=thanh_hoa.council, year=2026, title="Chương trình giám sát năm 2026 của HĐND tỉnh Thanh Hóa",
        decision_number="08/NQ-HĐND", approved_on=D(2026, 3, 29))
    add_activities(thanh_hoa, [
        Plan(ActivityKind.EXPLANATION_HEARING, CommitteeType.ECONOMY_BUDGET, "Phiên giải trình về tiến độ các dự án "
             "đầu tư chậm triển khai", "tai-chinh-ngan-sach", D(2026, 8, 20), D(2026, 8, 20), S.CONCLUDED,
             [(0, "Thu hồi chủ trương đầu tư các dự án chậm tiến độ quá 24 tháng", D(2026, 10, 31), C.IN_PROGRESS)]),
        Plan(ActivityKind.THEMATIC, CommitteeType.ETHNIC, "Giám sát việc thực hiện chương trình mục tiêu quốc gia phát "
             "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số", "an-sinh-xa-hoi", D(2026, 6, 1), D(2026, 6, 30),
             S.CONCLUDED, [(5, "Giải ngân đủ vốn hỗ trợ nhà ở cho hộ nghèo", D(2026, 9, 30), C.IMPLEMENTED),
                           (0, "Bố trí vốn đối ứng của tỉnh", D(2026, 12, 31), C.NOT_STARTED)]),
    ], fields, programme, None)

    add_activities(old_district, [
        Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát việc bàn giao hồ sơ, tài sản khi kết thúc "
             "hoạt động của chính quyền cấp quận", "tai-chinh-ngan-sach", D(2025, 5, 5), D(2025, 5, 9), S.CONCLUDED,
             [(0, "Hoàn thành bàn giao hồ sơ, tài sản trước ngày 30/6/2025", D(2025, 6, 25), C.IMPLEMENTED)]),
    ], fields, None, None)


def add_activities(data: CouncilData, plans: list[Plan], fields, programme, daibieu) -> list[OversightActivity]:
    rng = rng_for(f"oversight:{data.council.code}")
    activities = []
    for plan in plans:
        if plan.body is None:
            body, deputy = None, daibieu
        elif plan.body.startswith("group:"):
            body, deputy = data.groups[int(plan.body[6:])], None
        else:
            body, deputy = data.bodies[plan.body], None
        concluded = plan.status == ActivityStatus.CONCLUDED
        started = plan.status != ActivityStatus.PLANNED
        activities.append(OversightActivity(
            council=data.council, body=body, deputy=deputy, programme=programme, kind=plan.kind, title=plan.title,
            field=fields[plan.field], planned_start=plan.start, planned_end=plan.end,
            actual_start=plan.start if started else None, actual_end=plan.end if concluded else None,
            status=plan.status,
            session=next((s for s in data.sessions if s.number == plan.session), None) if plan.session else None,
            conclusion=f"Kết luận: {plan.title.lower()} cơ bản đạt yêu cầu; còn một số tồn tại cần khắc phục."
            if concluded else "",
            conclusion_date=(plan.end or plan.start) + datetime.timedelta(days=10) if concluded else None,
        ))
    activities = OversightActivity.objects.bulk_create(activities)

    participants, recommendations, follows = [], [], []
    for plan, activity in zip(plans, activities, strict=True):
        activity.subject_agencies.set({data.agencies[i] for i, *_ in plan.recommendations} or {data.agencies[0]})
        if activity.body_id:
            people = data.members.get(activity.body_id) or data.deputies[:6]
            team = people[:1] + rng.sample(people[1:], min(len(people) - 1, 4))
            if daibieu is not None and daibieu in people and daibieu not in team:
                team.append(daibieu)
        else:
            team = [daibieu]
        for k, deputy in enumerate(team):
            participants.append(Participant(activity=activity, deputy=deputy,
                                            role=ParticipantRole.LEAD if k == 0 else ParticipantRole.MEMBER))
        for agency_index, content, due, status in plan.recommendations:
            done = status == FollowUpStatus.IMPLEMENTED
            recommendations.append(Recommendation(
                activity=activity, agency=data.agencies[agency_index], content=content, due_date=due, status=status,
                completed_on=min(due - datetime.timedelta(days=rng.randint(0, 20)), TODAY) if done else None,
                result="Đã thực hiện, có văn bản báo cáo kết quả." if done else "",
            ))
            follows.append(team)
    recommendations = Recommendation.objects.bulk_create(recommendations)
    Participant.objects.bulk_create(participants)
    through = Recommendation.followers.through
    through.objects.bulk_create([
        through(recommendation_id=rec.pk, deputy_id=deputy.pk)
        for rec, team in zip(recommendations, follows, strict=True) for deputy in team[:2]
        + ([daibieu] if daibieu is not None and daibieu in team and daibieu not in team[:2] else [])
    ])
    return activities


def seed_questions(data: CouncilData, at_session: OversightActivity, between: OversightActivity, daibieu) -> None:
    agencies = {a.short_name: a for a in data.agencies}
    rows = [
        (at_session, daibieu, "Sở XD", "Giám đốc Sở Xây dựng",
         "Giải pháp nào để giảm ùn tắc tại các nút giao trọng điểm trong giờ cao điểm?",
         "Hoàn thành cải tạo 10 nút giao trọng điểm", D(2026, 10, 31), FollowUpStatus.IN_PROGRESS),
        (at_session, data.deputies[30], "Sở YT", "Giám đốc Sở Y tế",
         "Khi nào khắc phục được tình trạng thiếu thuốc bảo hiểm y tế tại các bệnh viện công lập?",
         "Hoàn thành đấu thầu tập trung thuốc năm 2026", D(2026, 9, 30), FollowUpStatus.IMPLEMENTED),
        (at_session, data.deputies[33], "Sở NN&MT", "Giám đốc Sở Nông nghiệp và Môi trường",
         "Tiến độ xử lý ô nhiễm các hồ, mương nội đô như thế nào?",
         "Xử lý ô nhiễm 15 hồ nội đô", D(2026, 12, 31), FollowUpStatus.IN_PROGRESS),
        (between, data.deputies[26], "CATP", "Giám đốc Công an thành phố",
         "Kết quả kiểm tra phòng cháy, chữa cháy tại chung cư mini sau các vụ cháy vừa qua?",
         "Kiểm tra 100% chung cư mini, nhà trọ trên địa bàn", D(2026, 11, 15), FollowUpStatus.NOT_STARTED),
    ]
    for activity, asker, agency, official, question, promise, due, status in rows:
        q = Question.objects.create(
            activity=activity, asked_by=asker, answering_agency=agencies[agency], answering_official=official,
            question=question, answer="Đã trả lời trực tiếp tại phiên chất vấn.", answered_on=activity.actual_start,
        )
        commitment = Commitment.objects.create(
            question=q, agency=agencies[agency], content=promise, due_date=due, status=status,
            completed_on=due - datetime.timedelta(days=5) if status == FollowUpStatus.IMPLEMENTED else None,
        )
        commitment.followers.add(asker)



# --- work programme, trainings, briefings --------------------------------------------------------------

WORK_TITLES = [
    ("Xây dựng kế hoạch tổ chức kỳ họp", "Kế hoạch"),
    ("Tổng hợp ý kiến, kiến nghị cử tri trước kỳ họp", "Báo cáo tổng hợp"),
    ("Thẩm tra tờ trình, dự thảo nghị quyết trình kỳ họp", "Báo cáo thẩm tra"),
    ("Xây dựng báo cáo kết quả giám sát chuyên đề", "Báo cáo kết quả giám sát"),
    ("Chuẩn bị nội dung phiên chất vấn", "Danh mục nhóm vấn đề chất vấn"),
    ("Đôn đốc giải quyết kiến nghị cử tri sau kỳ họp", "Văn bản đôn đốc"),
    ("Tổ chức hội nghị giao ban Thường trực HĐND", "Thông báo kết luận giao ban"),
    ("Xây dựng chương trình giám sát năm sau", "Dự thảo nghị quyết chương trình giám sát"),
    ("Theo dõi việc thực hiện kiến nghị sau giám sát", "Báo cáo theo dõi"),
    ("Tổ chức tiếp công dân định kỳ", "Thông báo kết quả tiếp công dân"),
    ("Cập nhật cơ sở dữ liệu văn bản của HĐND", "Cơ sở dữ liệu được cập nhật"),
    ("Tập huấn kỹ năng cho đại biểu", "Tài liệu tập huấn"),
]


def seed_work_items(data: CouncilData, count: int, daibieu, clerk) -> None:
    rng = rng_for(f"work:{data.council.code}")
    bodies = [data.bodies["standing"], data.bodies["office"],
              *[b for key, b in data.bodies.items() if key not in ("standing", "office", "plenary")]]
    items, assignees = [], []
    for n in range(count):
        title, deliverable = WORK_TITLES[n % len(WORK_TITLES)]
        due = D(2026, 1, 15) + datetime.timedelta(days=int(n * 340 / count) + rng.randint(0, 10))
        body = bodies[n % len(bodies)]
        status, done_on = WorkItemStatus.NOT_STARTED, None
        if due < TODAY:
            roll = rng.random()
            if roll < 0.8:
                status, done_on = WorkItemStatus.DONE, due - datetime.timedelta(days=rng.randint(0, 10))
            elif roll < 0.88:
                status, done_on = WorkItemStatus.DONE, due + datetime.timedelta(days=rng.randint(3, 20))
            elif roll < 0.95:
                status = WorkItemStatus.IN_PROGRESS  # late
            else:
                status = WorkItemStatus.NOT_STARTED  # late
        elif rng.random() < 0.5:
            status = WorkItemStatus.IN_PROGRESS
        if n == count - 1:
            status, done_on = WorkItemStatus.CANCELLED, None
        lead = (data.members.get(body.pk) or data.deputies)[0]
        items.append(WorkItem(
            council=data.council, year=2026, origin=WorkItemOrigin.ARISING if n % 7 == 3 else WorkItemOrigin.PLANNED,
            title=f"{title} ({due:%m/%Y})", lead=lead.full_name, responsible_body=body, due_date=due,
            deliverable=deliverable, status=status, done_on=min(done_on, TODAY) if done_on else None,
            progress_note="Đang triển khai theo kế hoạch." if status == WorkItemStatus.IN_PROGRESS else "",
        ))
        assignees.append(lead)
    items = WorkItem.objects.bulk_create(items)
    deputies = WorkItem.assignee_deputies.through
    rows = [deputies(workitem_id=item.pk, deputy_id=lead.pk) for item, lead in zip(items, assignees, strict=True)]
    if daibieu is not None:
        # The demo deputy has work of their own: some done, some due, one late.
        rows += [deputies(workitem_id=item.pk, deputy_id=daibieu.pk)
                 for n, item in enumerate(items) if n % 6 == 2 and assignees[n].pk != daibieu.pk]
    deputies.objects.bulk_create(rows)
    if clerk is not None:
        users = WorkItem.assignee_users.through
        users.objects.bulk_create([users(workitem_id=item.pk, user_id=clerk.pk)
                                   for item in items if item.responsible_body_id == data.bodies["office"].pk])


def seed_trainings(hanoi, wards, thanh_hoa) -> None:
    rng = rng_for("trainings")
    rows = [
        (hanoi, "Bồi dưỡng kỹ năng hoạt động cho đại biểu HĐND thành phố nhiệm kỳ 2026-2031", D(2026, 5, 5),
         D(2026, 5, 7)),
        (hanoi, "Kỹ năng giám sát, chất vấn và giải trình", D(2026, 9, 8), D(2026, 9, 9)),
        (thanh_hoa, "Bồi dưỡng đại biểu HĐND tỉnh nhiệm kỳ 2026-2031", D(2026, 5, 12), D(2026, 5, 14)),
        *[(data, "Tập huấn nghiệp vụ cho đại biểu HĐND cấp xã", D(2026, 6, 16), D(2026, 6, 17)) for data in wards],
    ]
    trainings = Training.objects.bulk_create([
        Training(council=data.council, title=title, organizer="Thường trực HĐND thành phố" if data is not thanh_hoa
                 else "Thường trực HĐND tỉnh", start_date=start, end_date=end, place="Trường Đào tạo cán bộ")
        for data, title, start, end in rows
    ])
    attendances = []
    for training, (data, *_rest) in zip(trainings, rows, strict=True):
        for deputy in data.deputies:
            present = rng.random() > 0.08
            attendances.append(TrainingAttendance(training=training, deputy=deputy, attended=present,
                                                  note="" if present else "Vắng có lý do (công tác)"))
    TrainingAttendance.objects.bulk_create(attendances)


def seed_briefings(hanoi, wards) -> None:
    for quarter, day in ((1, D(2026, 3, 20)), (2, D(2026, 6, 26)), (3, D(2026, 9, 25))):
        briefing = Briefing.objects.create(
            council=hanoi.council, date=day, place="Trụ sở HĐND thành phố",
            topic=f"Giao ban Thường trực HĐND thành phố với Thường trực HĐND các xã, phường quý {'I' * quarter}/2026",
            summary="Thống nhất nội dung phối hợp giám sát, tiếp xúc cử tri và giải quyết kiến nghị cử tri.",
        )
        briefing.participating_councils.set([data.council for data in wards])
