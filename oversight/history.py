"""How oversight records read in a history: an activity's page shows its recommendations, questions and the
commitments made in answer; a session's page shows the questions asked and commitments made at it."""

from django.utils.translation import gettext_lazy as _

from councils import history
from councils.models import Session

from .models import Commitment, OversightActivity, Question, Recommendation


def register() -> None:
    history.register_sentences(Recommendation, {"create": _("%(actor)s thêm %(object)s")})
    history.register_sentences(Question, {"create": _("%(actor)s ghi nhận %(object)s")})
    history.register_sentences(Commitment, {"create": _("%(actor)s ghi nhận %(object)s")})
    history.register_children(OversightActivity, Recommendation,
                              related=lambda activity: activity.recommendations.all())
    history.register_children(OversightActivity, Question, related=lambda activity: activity.questions.all())
    history.register_children(OversightActivity, Commitment,
                              related=lambda activity: Commitment.objects.filter(question__activity=activity))
    history.register_children(Question, Commitment, related=lambda question: question.commitments.all())
    history.register_children(Session, Question,
                              related=lambda session: Question.objects.filter(activity__session=session))
    history.register_children(Session, Commitment,
                              related=lambda session: Commitment.objects.filter(question__activity__session=session))
    history.register_children(Session, OversightActivity,
                              related=lambda session: OversightActivity.objects.filter(session=session))
