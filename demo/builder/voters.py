"""Demo voters' work: voter meetings, citizen receptions, and petitions in every status."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile

from councils.choices import Gender, SessionKind
from utilities.text import normalise
from voters.choices import (
    AnswerOutcome,
    AnswerReview,
    Channel,
    ForwardingStatus,
    MeetingKind,
    PetitionKind,
    PetitionStatus,
)
from voters.models import Attachment, CitizenReception, Forwarding, Petition, VoterMeeting
from voters.search import petition_search_text
from voters.tracking import ALPHABET, GROUP, LENGTH

from .common import (
    FAMILY,
    GIVEN,
    HANOI,
    LETTER_TEXTS,
    MIDDLE,
    PETITION_TEXTS,
    STREETS,
    TODAY,
    CouncilData,
    D,
    day_between,
    rng_for,
)

# --- voters --------------------------------------------------------------------------------------------

def seed_meetings_and_receptions(data: CouncilData, daibieu) -> None:
    rng = rng_for(f"voters:{data.council.code}")
    retired = data.council.valid_to is not None
    meetings = []
    regular = [s for s in data.sessions if s.kind == SessionKind.REGULAR and s.start_date.year == (2025 if retired
                                                                                                  else 2026)]
    for group in data.groups:
        places = STREETS.get(data.council.code, STREETS[HANOI])
        for session in regular[-3:]:
            if session.number == 1 and not retired:
                continue  # the first session of a new term follows the election: no meeting before it
            before = session.start_date - datetime.timedelta(days=rng.randint(8, 25))
            if before <= TODAY:
                meetings.append((group, MeetingKind.BEFORE_SESSION, session, "", before, rng.choice(places)))
            after = session.end_date + datetime.timedelta(days=rng.randint(10, 30))
            if after <= min(TODAY, data.council.valid_to or TODAY):
                meetings.append((group, MeetingKind.AFTER_SESSION, session, "", after, rng.choice(places)))
    if not retired:
        meetings.append((data.bodies["standing"], MeetingKind.THEMATIC, None,
                         "Nhà ở xã hội cho công nhân, người lao động", D(2026, 8, 28), "Nhà văn hóa khu công nghiệp"))
        meetings.append((data.groups[0], MeetingKind.THEMATIC, None, "Chuyển đổi số trong dịch vụ công",
                         D(2026, 10, 24), "Hội trường tổ dân phố"))
    rows = VoterMeeting.objects.bulk_create([
        VoterMeeting(council=data.council, body=body, kind=kind, session=session, topic=topic, date=date,
                     place=f"Nhà văn hóa {place}" if not place.startswith(("Nhà", "Hội")) else place,
                     attendance=rng.randint(60, 350), with_fatherland_front=True)
        for body, kind, session, topic, date, place in meetings
    ])
    through = VoterMeeting.deputies_present.through
    present = []
    for meeting in rows:
        members = data.members.get(meeting.body_id) or data.deputies[:3]
        chosen = [d for d in members if rng.random() < 0.8] or members[:1]
        if daibieu in members and daibieu not in chosen:
            chosen.append(daibieu)
        present.extend(through(votermeeting_id=meeting.pk, deputy_id=d.pk) for d in chosen)
    through.objects.bulk_create(present)
    data.meetings = sorted(rows, key=lambda m: m.date)

    receptions = []
    months = range(1, 7) if retired else range(4, 12)
    year = 2025 if retired else 2026
    per_month = 3 if len(data.deputies) > 30 else 1
    for month in months:
        for k in range(per_month):
            deputy = daibieu if (daibieu in data.deputies and month in (6, 10) and k == 0) else rng.choice(data.deputies)
            receptions.append(CitizenReception(
                council=data.council, deputy=deputy, date=D(year, month, 10 + 5 * k), scheduled=rng.random() > 0.1,
                place=f"Trụ sở tiếp công dân {data.council.area_name}", people_count=rng.randint(2, 25),
                notes="Công dân phản ánh về đất đai, trật tự xây dựng, chế độ chính sách.",
            ))
    data.receptions = CitizenReception.objects.bulk_create(receptions)


# Each status with the window its petitions were received in, so the dates tell a consistent story.
STATUS_WINDOWS = {
    PetitionStatus.CLOSED: (D(2026, 1, 5), D(2026, 5, 31)),
    PetitionStatus.REPORTED: (D(2026, 2, 1), D(2026, 6, 30)),
    PetitionStatus.ANSWERED: (D(2026, 5, 1), D(2026, 9, 15)),
    PetitionStatus.FORWARDED: (D(2026, 7, 15), D(2026, 11, 5)),
    PetitionStatus.CLASSIFIED: (D(2026, 10, 20), D(2026, 11, 19)),
    PetitionStatus.RECEIVED: (D(2026, 10, 25), D(2026, 11, 20)),
    PetitionStatus.MERGED: (D(2026, 6, 1), D(2026, 11, 15)),
}
STATUS_SHARES = [
    (PetitionStatus.RECEIVED, 0.10), (PetitionStatus.CLASSIFIED, 0.10), (PetitionStatus.FORWARDED, 0.22),
    (PetitionStatus.ANSWERED, 0.18), (PetitionStatus.REPORTED, 0.16), (PetitionStatus.CLOSED, 0.14),
    (PetitionStatus.MERGED, 0.10),
]
FORWARD_DAYS = 10   # the council forwards within this many days of receipt
ANSWER_DAYS = 30    # and the agency answers within this many days


def _tracking(rng) -> str:
    raw = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:GROUP]}-{raw[GROUP:]}"


def seed_petitions(data: CouncilData, count: int, fields, agencies, clerk) -> None:

    rng = rng_for(f"petitions:{data.council.code}")
    # Their own stream, so the demo's petitions stay what they were; deterministic, like the rest.
    tracking_rng = rng_for(f"tracking:{data.council.code}")
    retired = data.council.valid_to is not None
    by_field = agencies.get(("fields", data.council.code), {})
    if data.council.parent_id:
        # Communes' petitions often go to the city's departments too.
        by_field = {**agencies.get(("fields", data.council.parent.code), {}), **by_field}
    statuses = [status for status, share in STATUS_SHARES for _ in range(max(1, round(share * count)))][:count]
    if retired:
        statuses = [PetitionStatus.CLOSED] * count
    places = STREETS.get(data.council.code, STREETS[HANOI])
    field_codes = list(PETITION_TEXTS)
    specs = []
    for n, status in enumerate(statuses, start=1):
        start, end = STATUS_WINDOWS[status]
        if retired:
            start, end = D(2025, 2, 1), D(2025, 4, 30)
        meetings = [m for m in data.meetings if start <= m.date <= end]
        receptions = [r for r in data.receptions if start <= r.date <= end]
        kind = PetitionKind.VOTER_PETITION
        roll = rng.random()
        meeting = reception = None
        if roll < 0.12 and receptions:
            channel, reception = Channel.CITIZEN_RECEPTION, rng.choice(receptions)
            kind = rng.choice(list(LETTER_TEXTS))
            received = reception.date
        elif roll < 0.2:
            channel, kind = Channel.MAIL, rng.choice(list(LETTER_TEXTS))
            received = day_between(rng, start, end)
        elif roll < 0.25:
            channel, received = Channel.ONLINE, day_between(rng, start, end)
        elif meetings:
            channel, meeting = Channel.VOTER_MEETING, rng.choice(meetings)
            received = meeting.date
        else:
            channel, received = Channel.DIRECT, day_between(rng, start, end)
        field_code = rng.choice(field_codes)
        place = rng.choice(places)
        if kind == PetitionKind.VOTER_PETITION:
            content = rng.choice(PETITION_TEXTS[field_code]).format(place=place)
        else:
            field_code = "dat-dai" if kind != PetitionKind.REQUEST else rng.choice(["dat-dai", "van-hoa-the-thao"])
            content = rng.choice(LETTER_TEXTS[kind]).format(place=place)
        prefix = "KN" if kind == PetitionKind.VOTER_PETITION else "ĐT"
        sender = "" if kind == PetitionKind.VOTER_PETITION else \
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[Gender.MALE])} {rng.choice(GIVEN[Gender.MALE])}"
        classified = status != PetitionStatus.RECEIVED
        petition = Petition(
            council=data.council, kind=kind, code=f"{prefix}-{received.year}-{n:04d}", content=content,
            field=fields[field_code] if classified else None, channel=channel, meeting=meeting, reception=reception,
            sender_name=sender, sender_address=f"{place}, {data.council.area_name}" if sender else "",
            received_on=received, status=status, forward_due=received + datetime.timedelta(days=FORWARD_DAYS),
            voters_count=rng.randint(1, 40) if meeting else 1, created_by=clerk,
            tracking_code=_tracking(tracking_rng), tracking_key=_tracking(tracking_rng),
        )
        petition.search_text = petition_search_text(content=content, code=petition.code, sender_name=sender)
        specs.append((petition, field_code))

    live = [p for p, _f in specs if p.status != PetitionStatus.MERGED]
    merged = [p for p, _f in specs if p.status == PetitionStatus.MERGED]
    for petition in merged:
        # A duplicate raised again at a later meeting is merged into the earlier petition.
        target = rng.choice([p for p in live if p.received_on <= petition.received_on] or live)
        petition.merged_into = target
        petition.content = target.content
        petition.search_text = petition_search_text(content=target.content, code=petition.code)
        target.meetings_count += 1
        target.voters_count += petition.voters_count
    Petition.objects.bulk_create(live)
    for petition in merged:
        petition.merged_into_id = petition.merged_into.pk
    Petition.objects.bulk_create(merged)

    forwardings = []
    answered_states = {PetitionStatus.ANSWERED, PetitionStatus.REPORTED, PetitionStatus.CLOSED}
    report_session = next((s for s in data.sessions if s.kind == SessionKind.REGULAR
                           and s.start_date >= D(2026 if not retired else 2025, 6, 1)), None)
    to_update = []
    for petition, field_code in specs:
        if petition.status not in answered_states | {PetitionStatus.FORWARDED}:
            continue
        targets = [by_field.get(field_code) or data.agencies[0]]
        if rng.random() < 0.3 and data.agencies[0] not in targets:
            targets.append(data.agencies[0])
        forwarded = petition.received_on + datetime.timedelta(days=rng.choice([2, 4, 6, 8, 9, 12, 15]))
        forwarded = min(forwarded, TODAY)
        petition.forwarded_on = forwarded
        latest_answer = forwarded
        for k, agency in enumerate(targets):
            due = forwarded + datetime.timedelta(days=ANSWER_DAYS)
            row = Forwarding(petition=petition, council_id=petition.council_id, agency=agency, forwarded_on=forwarded, due_date=due,
                             document_number=f"{rng.randint(100, 999)}/HĐND-VP")
            answered = petition.status in answered_states or (k > 0 and rng.random() < 0.5)
            if petition.status == PetitionStatus.FORWARDED and k == 0:
                answered = False
            if answered:
                row.status = ForwardingStatus.ANSWERED
                row.answered_on = min(forwarded + datetime.timedelta(days=rng.randint(7, 40)), TODAY)
                row.outcome = rng.choice([AnswerOutcome.RESOLVED, AnswerOutcome.RESOLVED, AnswerOutcome.BEING_RESOLVED,
                                          AnswerOutcome.EXPLAINED])
                row.answer = "Cơ quan đã trả lời bằng văn bản, nêu rõ kết quả và lộ trình giải quyết."
                latest_answer = max(latest_answer, row.answered_on)
                if petition.kind == PetitionKind.VOTER_PETITION and petition.status in (
                        PetitionStatus.REPORTED, PetitionStatus.CLOSED):
                    # Reported to voters: the answer is published (tra cứu, the council's public page).
                    row.answer_public, row.answer_published_on = True, row.answered_on
                    row.public_search_text = normalise(f"{petition.content} {row.answer}")
            elif rng.random() < 0.15:
                row.status = ForwardingStatus.CLARIFICATION
                row.clarification_since = min(forwarded + datetime.timedelta(days=5), TODAY)
                row.paused_days = rng.randint(2, 6)
            forwardings.append(row)
        if petition.status in (PetitionStatus.REPORTED, PetitionStatus.CLOSED) and report_session \
                and latest_answer < report_session.start_date:
            petition.reported_session = report_session
        to_update.append(petition)
    Petition.objects.bulk_update(to_update, ["forwarded_on", "reported_session"])
    Forwarding.objects.bulk_create(forwardings)


REPLY_PDF = b"%PDF-1.4\n% Cong van tra loi (du lieu mau)\n"


def shape_agency_forwardings(agency) -> None:
    """The `coquan` user's agency gets forwardings in every state of the answer flow: pending, acknowledged,
    clarification, answered awaiting review (with the reply file), returned, accepted."""
    rows = list(Forwarding.objects.filter(agency=agency, petition__status=PetitionStatus.FORWARDED,
                                          status=ForwardingStatus.PENDING)
                .select_related("petition").order_by("due_date", "pk"))
    if len(rows) < 6:
        return
    acknowledged, clarification, submitted, returned, accepted = rows[1], rows[2], rows[3], rows[4], rows[5]
    for row in (acknowledged, clarification, submitted, returned, accepted):
        row.acknowledged_on = min(row.forwarded_on + datetime.timedelta(days=2), TODAY)
    clarification.status = ForwardingStatus.CLARIFICATION
    clarification.clarification_since = min(clarification.forwarded_on + datetime.timedelta(days=6), TODAY)
    for row, review, number in ((submitted, AnswerReview.SUBMITTED, "2417/UBND-ĐT"),
                                (accepted, AnswerReview.ACCEPTED, "2388/UBND-KT")):
        row.status, row.review, row.reply_number = ForwardingStatus.ANSWERED, review, number
        row.answered_on = min(row.forwarded_on + datetime.timedelta(days=12), TODAY)
        row.outcome = AnswerOutcome.BEING_RESOLVED
        row.answer = "UBND thành phố đã giao Sở chuyên ngành khảo sát, bố trí vốn và triển khai trong năm 2027."
    returned.review, returned.reply_number = AnswerReview.RETURNED, "2301/UBND-ĐT"
    returned.returned_on = min(returned.forwarded_on + datetime.timedelta(days=15), TODAY)
    returned.return_reason = "Câu trả lời chưa nêu rõ thời hạn hoàn thành và đơn vị chịu trách nhiệm."
    returned.due_date += datetime.timedelta(days=5)
    returned.paused_days = 3
    Forwarding.objects.bulk_update(
        [acknowledged, clarification, submitted, returned, accepted],
        ["acknowledged_on", "status", "clarification_since", "review", "reply_number", "answered_on", "outcome",
         "answer", "returned_on", "return_reason", "due_date", "paused_days"])
    for row in (submitted, accepted, returned):
        attachment = Attachment(petition=row.petition, forwarding=row, original_name=f"cong-van-{row.pk}.pdf",
                                size=len(REPLY_PDF))
        attachment.file.save(attachment.original_name, ContentFile(REPLY_PDF), save=False)
        attachment.save()
    for row in (submitted, accepted):
        if not row.petition.forwardings.exclude(status=ForwardingStatus.ANSWERED).exists():
            Petition.objects.filter(pk=row.petition_id).update(status=PetitionStatus.ANSWERED)
