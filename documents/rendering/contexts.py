"""What each document says: one function per kind builds its context (plain names, lists and dicts of text,
so the same context fills the Word template, the HTML of the PDF, and a background job's arguments)."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance import selectors as compliance_selectors
from compliance.choices import Obligation
from compliance.models import Evidence, Result
from councils.models import Agency, Council, Session
from oversight.models import OversightActivity
from utilities.ui import display_value
from voters import excel
from voters.choices import ForwardingStatus
from voters.models import Forwarding, Petition

from .heading import NUMBER_BLANK, heading

Progress = Callable[[int], None]
GROUP_BY = ("field", "agency")


def in_vietnamese(build):
    """An official document is in Vietnamese whatever language the person asking for it reads the portal in."""
    @functools.wraps(build)
    def wrapper(*args, **kwargs):
        with translation.override("vi"):
            return build(*args, **kwargs)
    return wrapper


def _day(value: datetime.date | None) -> str:
    return display_value(value) if value else ""


def _answer(forwarding: Forwarding) -> dict:
    answered = forwarding.status == ForwardingStatus.ANSWERED
    return {"agency": forwarding.agency.name,
            "outcome": forwarding.get_outcome_display() if answered else _("Chưa trả lời"),
            "text": forwarding.answer if answered else "", "answered_on": _day(forwarding.answered_on)}


@in_vietnamese
def session_report_context(session: Session, *, group_by: str = "field", progress: Progress | None = None) -> dict:
    """Báo cáo kết quả giải quyết kiến nghị cử tri gửi tới kỳ họp: the figures by field or agency (as the
    .xlsx has them), then each group's petitions with every agency's answer."""
    group_by = group_by if group_by in GROUP_BY else "field"
    petitions = list(excel.session_report_petitions(session))
    groups: dict[str, list[dict]] = {}
    for position, petition in enumerate(petitions, start=1):
        forwardings = list(petition.forwardings.all())
        if group_by == "agency":
            for forwarding in forwardings:
                groups.setdefault(str(forwarding.agency), []).append(
                    {"code": petition.code, "content": petition.content, "answers": [_answer(forwarding)]})
            if not forwardings:
                groups.setdefault(_("(Chưa chuyển cơ quan nào)"), []).append(
                    {"code": petition.code, "content": petition.content, "answers": []})
        else:
            name = petition.field.name if petition.field else _("(Chưa phân loại lĩnh vực)")
            groups.setdefault(name, []).append({"code": petition.code, "content": petition.content,
                                                "answers": [_answer(f) for f in forwardings]})
        if progress and position % 50 == 0:
            progress(10 + 60 * position // len(petitions))
    rows = excel.session_report_rows(session, group_by=group_by)
    keys = ("group", "total", *excel.REPORT_OUTCOMES)
    summary = [dict(zip(keys, row, strict=True)) for row in rows]
    for row in summary:
        row["group"] = str(row["group"])
    order = [row["group"] for row in summary[:-1]]
    context = heading(
        session.council, number=f"{NUMBER_BLANK}/BC-HĐND", title=_("BÁO CÁO"),
        subtitle=_("Kết quả giải quyết kiến nghị cử tri gửi tới %(session)s") % {"session": _session_name(session)},
        recipients=[_("Các vị đại biểu HĐND"), _("Ủy ban nhân dân"), _("Ủy ban MTTQ Việt Nam cùng cấp"),
                    _("Lưu: VT")],
    )
    context.update({
        "council_name": session.council.name,
        "session_name": _session_name(session),
        "session_start": _day(session.start_date),
        "group_label": _("Cơ quan giải quyết") if group_by == "agency" else _("Lĩnh vực"),
        "petitions_count": len(petitions),
        "summary": summary[:-1],
        "total": summary[-1],
        "groups": [{"index": index, "name": name,
                    "petitions": [{"index": n, **item} for n, item in enumerate(groups[name], start=1)]}
                   for index, name in enumerate(order, start=1) if name in groups],
    })
    return context


def _session_name(session: Session) -> str:
    return _("Kỳ họp thứ %(number)s HĐND khóa %(term)s") % {"number": session.number, "term": session.term.name} \
        if not session.title else session.title


@in_vietnamese
def forwarding_letter_context(*, agency: Agency, council: Council, forwardings: Iterable[Forwarding],
                              document_number: str) -> dict:
    """Công văn chuyển kiến nghị: to one agency, the petitions it is asked to answer and by when."""
    rows = [{"index": n, "code": f.petition.code, "content": f.petition.content,
             "voters_count": f.petition.voters_count, "due_date": _day(f.due_date),
             "forwarded_on": _day(f.forwarded_on)}
            for n, f in enumerate(sorted(forwardings, key=lambda f: (f.due_date, f.pk)), start=1)]
    context = heading(
        council, number=document_number, issuer=_("THƯỜNG TRỰC HĐND"),
        title="", subtitle=_("V/v chuyển kiến nghị của cử tri"),
        recipients=[_("Như trên"), _("Lưu: VT")],
    )
    context.update({
        "council_name": council.name, "agency_name": agency.name, "forwardings": rows, "count": len(rows),
        "earliest_due": rows[0]["due_date"] if rows else "",
    })
    return context


@in_vietnamese
def receipt_context(petition: Petition) -> dict:
    """Giấy biên nhận: what the office took in from a citizen, and when it must be forwarded."""
    context = heading(
        petition.council, number=f"{petition.code or NUMBER_BLANK}/BN-VP", issuer=_("VĂN PHÒNG HĐND"),
        title=_("GIẤY BIÊN NHẬN"), subtitle=_("Đơn thư, kiến nghị của công dân"),
        recipients=[_("Người gửi"), _("Lưu: VT")], signer_title=_("NGƯỜI NHẬN"),
    )
    context.update({
        "signer_authority": _("VĂN PHÒNG HĐND"), "signer_name": "",
        "council_name": petition.council.name, "petition_code": petition.code or f"#{petition.pk}",
        "kind_label": petition.get_kind_display(), "channel_label": petition.get_channel_display(),
        "sender_name": petition.sender_name, "sender_address": petition.sender_address,
        "received_on": _day(petition.received_on), "forward_due": _day(petition.forward_due),
        "content": petition.content,
    })
    return context


@in_vietnamese
def activity_report_context(activity: OversightActivity) -> dict:
    """Báo cáo kết quả giám sát: the activity, its conclusion and each recommendation (agency, deadline)."""
    recommendations = [
        {"index": n, "content": r.content, "agency": str(r.agency), "due_date": _day(r.due_date),
         "status": r.get_status_display()}
        for n, r in enumerate(activity.recommendations.select_related("agency").order_by("due_date", "pk"), start=1)
    ]
    context = heading(
        activity.council, number=f"{NUMBER_BLANK}/BC-ĐGS", title=_("BÁO CÁO"),
        subtitle=_("Kết quả %(kind)s: %(title)s") % {"kind": activity.get_kind_display().lower(), "title": activity.title},
        issuer=(activity.body.name.upper() if activity.body else _("THƯỜNG TRỰC HĐND")),
        recipients=[*(str(a) for a in activity.subject_agencies.all()), _("Thường trực HĐND"), _("Lưu: VT")],
    )
    context.update({
        "council_name": activity.council.name, "activity_title": activity.title,
        "kind_label": activity.get_kind_display(), "body_name": str(activity.body or ""),
        "start": _day(activity.actual_start or activity.planned_start),
        "end": _day(activity.actual_end or activity.planned_end),
        "subject_agencies": [str(a) for a in activity.subject_agencies.all()],
        "conclusion": activity.conclusion, "conclusion_date": _day(activity.conclusion_date),
        "recommendations": recommendations, "recommendations_count": len(recommendations),
    })
    return context


@in_vietnamese
def compliance_report_context(user, council: Council, *, as_of: datetime.date | None = None) -> dict:
    """Báo cáo kết quả thực hiện chỉ tiêu of a council and its subtree, for the party committee: per rule the
    status counts, the compliance rate and how many evidence records were counted."""
    rollup = compliance_selectors.rollup(user, council, as_of=as_of)
    evidence: dict[int, list[int]] = {}
    day = rollup["as_of"]
    current = (Result.objects.for_user(user).filter(council__path__startswith=council.path, period_start__lte=day,
                                                    period_end__gte=day) if day else Result.objects.none())
    for rule_id, counted in Evidence.objects.filter(result__in=current).values_list("result__rule_id", "counted"):
        totals = evidence.setdefault(rule_id, [0, 0])
        totals[0] += 1
        totals[1] += int(counted)
    obligations = dict(Obligation.choices)
    rules = [{
        "code": rule["code"], "title": rule["title"], "obligation": str(obligations.get(rule["obligation"], "")),
        "period_label": rule["period_label"], "met": rule["met"], "on_track": rule["on_track"],
        "at_risk": rule["at_risk"], "missed": rule["missed"], "not_applicable": rule["not_applicable"],
        "compliance": _percent(rule["compliance"]),
        "evidence": evidence.get(rule["rule_id"], [0, 0])[0], "counted": evidence.get(rule["rule_id"], [0, 0])[1],
    } for rule in rollup["rules"]]
    overall = rollup["overall"]
    context = heading(
        council, number=f"{NUMBER_BLANK}/BC-HĐND", title=_("BÁO CÁO"),
        subtitle=_("Kết quả thực hiện chỉ tiêu hoạt động của %(council)s và HĐND cấp dưới") % {"council": council.name},
        recipients=[_("Cấp ủy cùng cấp"), _("Đảng đoàn HĐND"), _("Lưu: VT")],
    )
    context.update({
        "council_name": council.name,
        "as_of": _day(rollup["as_of"]) or _("(chưa có số liệu)"),
        "rules": rules,
        "overall": {key: overall[key] for key in ("met", "on_track", "at_risk", "missed", "not_applicable")}
        | {"compliance": _percent(overall["compliance"])},
        "generated_at": display_value(timezone.localtime()),
    })
    return context


def _percent(value) -> str:
    return f"{value}%" if value is not None else "—"
