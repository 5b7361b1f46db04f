"""A sample context of each kind: what an uploaded Word template is checked against (its placeholders must be
among these names and render with them), and what the committed previews in docs/ are drawn from."""

from __future__ import annotations

from ..choices import DocumentKind

COMMON = {
    "issuer_parent": "HĐND THÀNH PHỐ HÀ NỘI",
    "issuer": "THƯỜNG TRỰC HĐND",
    "number": "125/BC-HĐND",
    "place": "Hà Nội",
    "date_text": "ngày 02 tháng 12 năm 2026",
    "title": "BÁO CÁO",
    "subtitle": "Kết quả giải quyết kiến nghị cử tri",
    "recipients": ["Các vị đại biểu HĐND", "Lưu: VT"],
    "signer_authority": "TM. THƯỜNG TRỰC HĐND",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Nguyễn Ngọc Tuấn",
    "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "council_name": "HĐND thành phố Hà Nội",
}

_ANSWER = {"agency": "Sở Xây dựng Hà Nội", "outcome": "Đã giải quyết",
           "text": "Sở đã chỉ đạo sửa chữa, hoàn thành trong tháng 11/2026.", "answered_on": "20/11/2026"}
_ROW = {"group": "Giao thông", "total": 3, "resolved": 1, "being_resolved": 1, "explained": 0, "not_answered": 1}

SAMPLES: dict[str, dict] = {
    DocumentKind.SESSION_REPORT: {
        **COMMON,
        "subtitle": "Kết quả giải quyết kiến nghị cử tri gửi tới Kỳ họp thứ 24 HĐND khóa XVI",
        "session_name": "Kỳ họp thứ 24 HĐND khóa XVI", "session_start": "08/12/2026",
        "group_label": "Lĩnh vực", "petitions_count": 4,
        "summary": [_ROW, {**_ROW, "group": "Đất đai", "total": 1, "resolved": 0, "being_resolved": 0,
                           "explained": 1, "not_answered": 0}],
        "total": {**_ROW, "group": "Tổng cộng", "total": 4, "explained": 1},
        "groups": [
            {"index": 1, "name": "Giao thông", "petitions": [
                {"index": 1, "code": "KN-01", "content": "Cử tri đề nghị sửa chữa đường Lê Lợi bị xuống cấp.",
                 "answers": [_ANSWER]},
                {"index": 2, "code": "KN-02", "content": "Cử tri đề nghị lắp đèn tín hiệu tại ngã tư Đào Tấn.",
                 "answers": [{**_ANSWER, "outcome": "Đang giải quyết",
                              "text": "Đã đưa vào kế hoạch năm 2027."}]},
                {"index": 3, "code": "KN-03", "content": "Cử tri đề nghị mở rộng ngõ 68 Cầu Giấy.",
                 "answers": [{**_ANSWER, "outcome": "Chưa trả lời", "text": "", "answered_on": ""}]},
            ]},
            {"index": 2, "name": "Đất đai", "petitions": [
                {"index": 1, "code": "KN-04", "content": "Cử tri hỏi tiến độ cấp giấy chứng nhận quyền sử dụng đất.",
                 "answers": [{**_ANSWER, "agency": "Sở Tài nguyên và Môi trường Hà Nội",
                              "outcome": "Đã giải trình, thông tin", "text": "Hồ sơ đang được thẩm định."}]},
            ]},
        ],
    },
    DocumentKind.FORWARDING_LETTER: {
        **COMMON, "number": "318/HĐND-VP", "title": "", "subtitle": "V/v chuyển kiến nghị của cử tri",
        "recipients": ["Như trên", "Lưu: VT"],
        "agency_name": "Sở Giao thông vận tải Hà Nội", "count": 2, "earliest_due": "10/12/2026",
        "forwardings": [
            {"index": 1, "code": "KN-01", "content": "Cử tri đề nghị sửa chữa đường Lê Lợi bị xuống cấp.",
             "voters_count": 12, "due_date": "10/12/2026", "forwarded_on": "10/11/2026"},
            {"index": 2, "code": "KN-02", "content": "Cử tri đề nghị lắp đèn tín hiệu tại ngã tư Đào Tấn.",
             "voters_count": 3, "due_date": "10/12/2026", "forwarded_on": "10/11/2026"},
        ],
    },
    DocumentKind.RECEIPT: {
        **COMMON, "issuer": "VĂN PHÒNG HĐND", "number": "KN-15/BN-VP", "title": "GIẤY BIÊN NHẬN",
        "subtitle": "Đơn thư, kiến nghị của công dân", "recipients": ["Người gửi", "Lưu: VT"],
        "signer_authority": "VĂN PHÒNG HĐND", "signer_title": "NGƯỜI NHẬN", "signer_name": "",
        "petition_code": "KN-15", "kind_label": "Đơn kiến nghị, phản ánh", "channel_label": "Tiếp công dân",
        "sender_name": "Lê Văn Bình", "sender_address": "Số 5 ngõ 12 phố Đội Cấn, phường Ba Đình",
        "received_on": "02/12/2026", "forward_due": "09/12/2026",
        "content": "Đề nghị giải quyết việc lấn chiếm vỉa hè trước số nhà 5 phố Đội Cấn.",
        "tracking_code": "KN7Q-M4TX", "tracking_key": "9KDW-3RHP-XN4C", "tracking_url": "https://hdnd.example.vn/tra-cuu/",
    },
    DocumentKind.ACTIVITY_REPORT: {
        **COMMON, "issuer": "BAN ĐÔ THỊ", "number": "46/BC-ĐGS",
        "subtitle": "Kết quả giám sát chuyên đề: việc quản lý trật tự xây dựng năm 2026",
        "recipients": ["Ủy ban nhân dân thành phố", "Thường trực HĐND", "Lưu: VT"],
        "activity_title": "Việc quản lý trật tự xây dựng năm 2026", "kind_label": "Giám sát chuyên đề",
        "body_name": "Ban Đô thị", "start": "01/10/2026", "end": "30/10/2026",
        "subject_agencies": ["Sở Xây dựng Hà Nội"], "conclusion_date": "15/11/2026",
        "conclusion": "Công tác quản lý trật tự xây dựng có chuyển biến; còn để xảy ra vi phạm kéo dài.",
        "recommendations_count": 1,
        "recommendations": [{"index": 1, "content": "Rà soát, xử lý dứt điểm các công trình vi phạm.",
                             "agency": "Sở Xây dựng Hà Nội", "due_date": "31/03/2027", "status": "Chưa thực hiện"}],
    },
    DocumentKind.COMPLIANCE_REPORT: {
        **COMMON, "number": "12/BC-HĐND",
        "subtitle": "Kết quả thực hiện chỉ tiêu hoạt động của HĐND thành phố Hà Nội và HĐND cấp dưới",
        "recipients": ["Thành ủy Hà Nội", "Đảng đoàn HĐND", "Lưu: VT"],
        "as_of": "30/11/2026", "generated_at": "02/12/2026 08:30",
        "rules": [{"code": "GS-HDND-2", "title": "HĐND tổ chức ít nhất 2 cuộc giám sát", "obligation": "Bắt buộc",
                   "period_label": "Năm 2026", "met": 2, "on_track": 1, "at_risk": 0, "missed": 0,
                   "not_applicable": 0, "compliance": "100.0%", "evidence": 5, "counted": 5},
                  {"code": "KN-100", "title": "100% kiến nghị được chuyển đến cơ quan có thẩm quyền",
                   "obligation": "Bắt buộc", "period_label": "Năm 2026", "met": 1, "on_track": 0, "at_risk": 1,
                   "missed": 1, "not_applicable": 0, "compliance": "33.3%", "evidence": 40, "counted": 31}],
        "overall": {"met": 3, "on_track": 1, "at_risk": 1, "missed": 1, "not_applicable": 0, "compliance": "60.0%"},
    },
}

# Names a template may also use though a document does not always have them (render them under an {% if %}).
OPTIONAL: dict[str, set[str]] = {DocumentKind.RECEIPT: {"tracking_code", "tracking_key", "tracking_url"}}

# Names every template of the kind must use: without them the document would not say what it is.
_HEADING = {"issuer", "number", "date_text"}
REQUIRED: dict[str, set[str]] = {
    DocumentKind.SESSION_REPORT: _HEADING | {"summary"},
    DocumentKind.FORWARDING_LETTER: _HEADING | {"agency_name", "forwardings"},
    DocumentKind.RECEIPT: _HEADING | {"content", "received_on"},
    DocumentKind.ACTIVITY_REPORT: _HEADING | {"conclusion", "recommendations"},
    DocumentKind.COMPLIANCE_REPORT: _HEADING | {"rules"},
}


def allowed_names(kind: str) -> set[str]:
    return set(SAMPLES[kind]) | OPTIONAL.get(kind, set())
