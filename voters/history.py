"""How the voters' records read in a history: a petition's page shows its forwardings (and the agencies'
answers), its attachments and the senders' feedback; a voter meeting's page shows the petitions it raised."""

from django.utils.translation import gettext_lazy as _

from councils import history

from .models import Attachment, Forwarding, Petition, VoterFeedback, VoterMeeting


def register() -> None:
    history.register_sentences(Petition, {
        "create": _("%(actor)s tiếp nhận kiến nghị%(about)s"),
        "classify": _("%(actor)s phân loại kiến nghị%(about)s"),
        "forward": _("%(actor)s chuyển kiến nghị%(about)s đến %(subjects)s"),
        "add_forwarding": _("%(actor)s chuyển thêm kiến nghị đến %(subjects)s"),
        "answered": _("Kiến nghị đã có trả lời của tất cả cơ quan được chuyển"),
        "answer_returned": _("%(actor)s trả lại câu trả lời; kiến nghị chờ cơ quan trả lời lại"),
        "report": _("%(actor)s báo cáo kết quả giải quyết kiến nghị%(about)s tại kỳ họp"),
        "close": _("%(actor)s đóng kiến nghị%(about)s"),
        "reopen": _("%(actor)s mở lại kiến nghị%(about)s"),
        "merge": _("%(actor)s gộp kiến nghị này vào một kiến nghị khác"),
        "merge_into": _("%(actor)s gộp một kiến nghị trùng vào kiến nghị này"),
        "add_attachment": _("%(actor)s đính kèm tệp vào kiến nghị%(about)s"),
        "release_identity": _("%(actor)s cho cơ quan biết danh tính người tố cáo"),
        "voter_feedback": _("%(actor)s cho ý kiến về kết quả giải quyết"),
    }, label=lambda petition: petition.code or str(petition))
    history.register_sentences(Forwarding, {
        "create": _("%(actor)s chuyển kiến nghị đến %(subject)s"),
        "acknowledge": _("%(actor)s xác nhận %(subject)s đã nhận kiến nghị"),
        "answer": _("%(actor)s ghi nhận trả lời của %(subject)s"),
        "return_answer": _("%(actor)s trả lại câu trả lời của %(subject)s để trả lời lại"),
        "previous_answer": _("Câu trả lời trước của %(subject)s được lưu lại"),
        "accept_answer": _("%(actor)s chấp nhận câu trả lời của %(subject)s"),
        "request_clarification": _("%(actor)s ghi nhận %(subject)s đề nghị làm rõ kiến nghị"),
        "clarify": _("%(actor)s gửi nội dung làm rõ cho %(subject)s"),
        "reopen": _("%(actor)s mở lại lần chuyển đến %(subject)s"),
        "forwarding_letter": _("%(actor)s lập công văn chuyển kiến nghị đến %(subject)s"),
        "publish_answer": _("%(actor)s công khai câu trả lời của %(subject)s"),
    })
    history.register_sentences(VoterFeedback, {
        "reopen": _("%(actor)s mở lại kiến nghị theo ý kiến của người gửi"),
    })

    history.register_children(Petition, Forwarding,
                              related=lambda petition: petition.forwardings.select_related("agency"),
                              label=lambda forwarding: forwarding.agency.name)
    history.register_children(Petition, Attachment, related=lambda petition: petition.attachments.all(),
                              label=lambda attachment: attachment.original_name)
    history.register_children(Petition, VoterFeedback, related=lambda petition: petition.feedback.all(),
                              label=lambda feedback: feedback.get_status_display())
    history.register_fold(Petition, actions=("forward", "add_forwarding"), child=Forwarding, child_action="create")
    history.register_children(VoterMeeting, Petition, related=lambda meeting: meeting.petitions.all())
