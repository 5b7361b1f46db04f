"""Excel for petitions: the import template, importing petitions of one council from .xlsx (every bad row
named with its reason, nothing saved unless every row is good), exporting any filtered list, and the report
on the results of resolving voter petitions for a session (báo cáo kết quả giải quyết kiến nghị cử tri)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Agency, Council, Field, Session
from utilities import sheets
from utilities.sheets import Column
from utilities.xlsx import build_workbook

from . import permissions, services
from .choices import AnswerOutcome, Channel, ForwardingStatus, PetitionKind, PetitionStatus
from .models import Forwarding, Petition, VoterMeeting
from .search import normalise

MAX_IMPORT_ROWS = 5000


IMPORT_COLUMNS = (
    Column("content", "Nội dung kiến nghị (*)", required=True),
    Column("received_on", "Ngày tiếp nhận (*) (dd/mm/yyyy)", required=True),
    Column("field", "Lĩnh vực"),
    Column("kind", "Loại"),
    Column("channel", "Nguồn tiếp nhận"),
    Column("code", "Số hiệu"),
    Column("voters_count", "Số lượt cử tri nêu"),
    Column("sender_name", "Người gửi"),
    Column("sender_address", "Địa chỉ người gửi"),
    Column("agencies", "Cơ quan đề xuất chuyển (cách nhau bởi dấu ;)"),
)


# --- template ---------------------------------------------------------------------------------------------

def import_template() -> bytes:
    example = ["Cử tri đề nghị sửa chữa tuyến đường Lê Lợi đoạn qua phường Ba Đình", "02/11/2026", "Giao thông",
               str(PetitionKind.VOTER_PETITION.label), str(Channel.VOTER_MEETING.label), "KN-2026-001", 3,
               "", "", "Sở Giao thông vận tải"]
    return sheets.template(title=_("Mẫu nhập kiến nghị cử tri"), columns=IMPORT_COLUMNS, example=example)


# --- import -----------------------------------------------------------------------------------------------

def _agency_lookup(council: Council) -> dict[str, Agency]:
    ancestors = [code for code in council.path.strip("/").split("/")]
    agencies = Agency.objects.filter(Q(council__isnull=True) | Q(council__code__in=ancestors)
                                     | Q(council__path__startswith=council.path), is_active=True)
    lookup = {}
    for agency in agencies.select_related("council"):
        lookup.setdefault(normalise(agency.name), agency)
        if agency.short_name:
            lookup.setdefault(normalise(agency.short_name), agency)
    return lookup


def parse_import(*, council: Council, data: bytes, meeting: VoterMeeting | None = None) -> list[dict]:
    """Read and check every row; raise one ValidationError naming each bad row (Excel row number and reason)."""
    body = sheets.read_rows(data, IMPORT_COLUMNS, max_rows=MAX_IMPORT_ROWS)

    fields = {}
    for field in Field.objects.filter(is_active=True):
        fields[normalise(field.name)] = field
        fields[normalise(field.code)] = field
    kinds = sheets.choice_lookup(PetitionKind.choices)
    channels = sheets.choice_lookup(Channel.choices)
    agencies = _agency_lookup(council)
    existing_codes = set(Petition.objects.filter(council=council).exclude(code="").values_list("code", flat=True))
    seen_codes: dict[str, int] = {}

    parsed, errors = [], []
    for number, cell in body:
        problems, row = [], {"row": number, "meeting": meeting}
        row["content"] = sheets.text(cell.get("content"))
        if not row["content"]:
            problems.append(_("thiếu nội dung kiến nghị"))
        raw_date = cell.get("received_on")
        row["received_on"] = sheets.parse_date(raw_date)
        if row["received_on"] is None:
            problems.append(_("ngày tiếp nhận “%(value)s” không đúng dạng dd/mm/yyyy") % {"value": sheets.text(raw_date)}
                            if sheets.text(raw_date) else _("thiếu ngày tiếp nhận"))
        field_name = sheets.text(cell.get("field"))
        row["field"] = fields.get(normalise(field_name)) if field_name else None
        if field_name and row["field"] is None:
            problems.append(_("không có lĩnh vực “%(value)s” trong danh mục") % {"value": field_name})
        kind = sheets.text(cell.get("kind"))
        row["kind"] = kinds.get(normalise(kind)) if kind else PetitionKind.VOTER_PETITION
        if row["kind"] is None:
            problems.append(_("loại “%(value)s” không hợp lệ") % {"value": kind})
        channel = sheets.text(cell.get("channel"))
        row["channel"] = channels.get(normalise(channel)) if channel else Channel.VOTER_MEETING
        if row["channel"] is None:
            problems.append(_("nguồn tiếp nhận “%(value)s” không hợp lệ") % {"value": channel})
        row["code"] = sheets.text(cell.get("code"))
        if row["code"]:
            if row["code"] in existing_codes:
                problems.append(_("số hiệu “%(code)s” đã có trong HĐND") % {"code": row["code"]})
            elif row["code"] in seen_codes:
                problems.append(_("số hiệu “%(code)s” trùng với dòng %(other)s")
                                % {"code": row["code"], "other": seen_codes[row["code"]]})
            seen_codes.setdefault(row["code"], number)
        count = sheets.text(cell.get("voters_count"))
        row["voters_count"] = int(count) if count.isdigit() and int(count) > 0 else (1 if not count else None)
        if row["voters_count"] is None:
            problems.append(_("số lượt cử tri “%(value)s” phải là số nguyên dương") % {"value": count})
        row["sender_name"] = sheets.text(cell.get("sender_name"))[:200]
        row["sender_address"] = sheets.text(cell.get("sender_address"))[:300]
        row["agencies"] = []
        for name in filter(None, (part.strip() for part in sheets.text(cell.get("agencies")).split(";"))):
            agency = agencies.get(normalise(name))
            if agency is None:
                problems.append(_("không có cơ quan “%(value)s” trong danh mục của địa bàn") % {"value": name})
            else:
                row["agencies"].append(agency)
        if problems:
            errors.append(_("Dòng %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)})
        else:
            parsed.append(row)
    if errors:
        raise ValidationError({"rows": errors})
    return parsed


def import_petitions(*, council: Council, data: bytes, actor, meeting: VoterMeeting | None = None) -> list[Petition]:
    """Check every row first, then save them all in one transaction (services.import_petitions)."""
    permissions.require_manage(actor, council)
    if meeting is not None and meeting.council_id != council.pk:
        raise ValidationError({"meeting": _("Cuộc tiếp xúc cử tri phải của cùng HĐND.")})
    rows = parse_import(council=council, data=data, meeting=meeting)
    return services.import_petitions(council=council, rows=rows, actor=actor)


# --- exports ----------------------------------------------------------------------------------------------

PETITION_COLUMNS = (
    "Số hiệu", "Loại", "Nội dung", "Lĩnh vực", "Nguồn tiếp nhận", "Người gửi", "Ngày tiếp nhận", "Hạn chuyển",
    "Trạng thái", "Cơ quan nhận", "Hạn trả lời", "Kết quả trả lời", "Số lượt cử tri", "Số cuộc TXCT", "HĐND",
)


# Read in chunks: one query for the petitions (a server-side cursor on PostgreSQL), one per chunk for their
# forwardings; nothing but tuples is held, so memory does not grow with the rows.
EXPORT_CHUNK = 2000
_PETITION_FIELDS = ("pk", "code", "kind", "content", "field__name", "channel", "sender_name", "received_on",
                    "forward_due", "status", "voters_count", "meetings_count", "council__name")


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def petition_rows(queryset: QuerySet[Petition]) -> Iterable[list]:
    """One row per petition of ``queryset`` (any filtered list of petitions, in its order), read as values."""
    kinds, channels, statuses = _labels(PetitionKind), _labels(Channel), _labels(PetitionStatus)
    chunk: list[tuple] = []
    for values in queryset.values_list(*_PETITION_FIELDS).iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(values)
        if len(chunk) == EXPORT_CHUNK:
            yield from _chunk_rows(chunk, kinds, channels, statuses)
            chunk = []
    if chunk:
        yield from _chunk_rows(chunk, kinds, channels, statuses)


def _chunk_rows(chunk, kinds, channels, statuses) -> Iterable[list]:
    forwarding_statuses, outcomes = _labels(ForwardingStatus), _labels(AnswerOutcome)
    by_petition = defaultdict(list)
    for petition_id, short_name, name, due_date, status, outcome in (
            Forwarding.objects.filter(petition_id__in=[values[0] for values in chunk])
            .order_by("agency__name", "pk")
            .values_list("petition_id", "agency__short_name", "agency__name", "due_date", "status", "outcome")):
        by_petition[petition_id].append((short_name or name, due_date, outcomes.get(outcome) or
                                         forwarding_statuses.get(status, status)))
    for (pk, code, kind, content, field, channel, sender, received_on, forward_due, status, voters, meetings,
         council) in chunk:
        forwardings = by_petition.get(pk, ())
        yield [
            code, kinds.get(kind, kind), content, field or "", channels.get(channel, channel), sender, received_on,
            forward_due, statuses.get(status, status), "; ".join(agency for agency, _d, _r in forwardings),
            "; ".join(due.strftime("%d/%m/%Y") for _a, due, _r in forwardings),
            "; ".join(f"{agency}: {result}" for agency, _d, result in forwardings),
            voters, meetings, council,
        ]


def export_petitions(queryset: QuerySet[Petition], *, title: str = "") -> bytes:
    return build_workbook(title=title or _("Danh sách kiến nghị, đơn thư"), columns=PETITION_COLUMNS,
                          rows=petition_rows(queryset))


REPORT_OUTCOMES = ("resolved", "being_resolved", "explained", "not_answered")


def _petition_outcome(forwardings) -> str:
    """One petition's result for the report: resolved only when every agency resolved it."""
    if not forwardings or any(f.status != ForwardingStatus.ANSWERED for f in forwardings):
        return "not_answered"
    outcomes = {f.outcome for f in forwardings}
    if outcomes == {AnswerOutcome.RESOLVED}:
        return "resolved"
    if AnswerOutcome.BEING_RESOLVED in outcomes:
        return "being_resolved"
    return "explained"


def session_report_petitions(session: Session) -> QuerySet[Petition]:
    """Petitions reported at this session, or collected at voter meetings held for it."""
    return (Petition.objects.filter(Q(reported_session=session) | Q(meeting__session=session),
                                    council_id=session.council_id)
            .exclude(status=PetitionStatus.MERGED).select_related("field")
            .prefetch_related("forwardings__agency").order_by("pk"))


def session_report_rows(session: Session, *, group_by: str = "field") -> list[list]:
    """[group, total, resolved, being resolved, explained, not answered] rows and a total row.

    By field, each petition counts once; by agency, each forwarding counts for its agency.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for petition in session_report_petitions(session):
        if group_by == "agency":
            for forwarding in petition.forwardings.all():
                outcome = forwarding.outcome if forwarding.status == ForwardingStatus.ANSWERED else "not_answered"
                counts[str(forwarding.agency)][outcome] += 1
            if not petition.forwardings.all():
                counts[_("(Chưa chuyển cơ quan nào)")]["not_answered"] += 1
        else:
            group = petition.field.name if petition.field else _("(Chưa phân loại lĩnh vực)")
            counts[group][_petition_outcome(list(petition.forwardings.all()))] += 1
    rows, total = [], Counter()
    for group in sorted(counts, key=normalise):
        total.update(counts[group])
        rows.append([group, sum(counts[group].values()), *(counts[group][o] for o in REPORT_OUTCOMES)])
    rows.append([_("Tổng cộng"), sum(total.values()), *(total[o] for o in REPORT_OUTCOMES)])
    return rows


def session_report(session: Session, *, group_by: str = "field") -> bytes:
    if group_by not in ("field", "agency"):
        raise ValidationError({"group_by": _("Chỉ nhóm theo lĩnh vực (field) hoặc cơ quan (agency).")})
    council = session.council
    title = _("Báo cáo kết quả giải quyết kiến nghị cử tri")
    subtitle = _("%(council)s — %(session)s (%(start)s) — lập ngày %(today)s") % {
        "council": council.name.upper(), "session": session, "start": session.start_date.strftime("%d/%m/%Y"),
        "today": timezone.localdate().strftime("%d/%m/%Y")}
    group_header = _("Cơ quan giải quyết") if group_by == "agency" else _("Lĩnh vực")
    columns = [group_header, _("Tổng số"), _("Đã giải quyết"), _("Đang giải quyết"), _("Đã giải trình, thông tin"),
               _("Chưa trả lời")]
    return build_workbook(title=title, subtitle=subtitle, columns=columns,
                          rows=session_report_rows(session, group_by=group_by))
