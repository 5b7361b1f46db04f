"""Quota rules as data (rule sets and rules), evaluation runs, their results and the evidence behind each figure."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councils.choices import CommitteeType
from councils.models import AdministrativeLevel, Council, Versioned
from councils.scoping import ScopedManager

from .choices import (
    BODY_SUBJECT_TYPES,
    Comparison,
    Metric,
    Obligation,
    PeriodKind,
    ResultStatus,
    RunStatus,
    SubjectType,
)
from .labels import stored_period_label
from .metrics import registry
from .metrics.validation import validate_rule


class RuleSet(Versioned):
    """Bộ chỉ tiêu: the quotas of one framework (a province's party project, a draft resolution...)."""

    code = models.SlugField(_("mã bộ chỉ tiêu"), max_length=50, unique=True)
    name = models.CharField(_("tên bộ chỉ tiêu"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="rulesets",
        verbose_name=_("áp dụng cho HĐND và cấp dưới"), help_text=_("Để trống nếu áp dụng cho mọi HĐND."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("bộ chỉ tiêu")
        verbose_name_plural = _("bộ chỉ tiêu")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Rule(Versioned):
    """Chỉ tiêu: who is measured, on what, over which period, against which threshold."""

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules", verbose_name=_("bộ chỉ tiêu"))
    # The code names the rule across its versions; each change of a rule that has results is a new revision.
    code = models.CharField(_("mã chỉ tiêu"), max_length=50)
    revision = models.PositiveSmallIntegerField(_("phiên bản chỉ tiêu"), default=1, editable=False)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="next_version",
        verbose_name=_("phiên bản trước"),
    )
    title = models.CharField(_("tên chỉ tiêu"), max_length=500)
    description = models.TextField(_("diễn giải"), blank=True)
    legal_document = models.CharField(_("căn cứ: văn bản"), max_length=300, blank=True)
    legal_article = models.CharField(_("căn cứ: điều, khoản, mục"), max_length=200, blank=True)
    levels = models.ManyToManyField(
        AdministrativeLevel, blank=True, related_name="rules", verbose_name=_("áp dụng cho cấp"),
        help_text=_("Để trống nếu áp dụng cho mọi cấp."),
    )
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="rules",
        verbose_name=_("chỉ áp dụng cho HĐND và cấp dưới"),
        help_text=_("Thu hẹp phạm vi của bộ chỉ tiêu; để trống để dùng phạm vi của bộ chỉ tiêu."),
    )
    subject_type = models.CharField(_("đối tượng đánh giá"), max_length=20, choices=SubjectType.choices)
    committee_type = models.CharField(
        _("chỉ Ban"), max_length=20, choices=CommitteeType.choices, blank=True, default=CommitteeType.NONE,
        help_text=_("Chỉ dùng khi đối tượng là từng Ban; để trống cho mọi Ban."),
    )
    metric = models.CharField(_("cách đo"), max_length=40, choices=Metric.choices)
    params = models.JSONField(_("tham số cách đo"), default=dict, blank=True)
    period = models.CharField(_("kỳ đánh giá"), max_length=20, choices=PeriodKind.choices)
    period_days = models.PositiveSmallIntegerField(
        _("số ngày (kỳ cuốn chiếu)"), null=True, blank=True, validators=[MinValueValidator(1)],
    )
    comparison = models.CharField(_("so sánh"), max_length=20, choices=Comparison.choices)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=7, decimal_places=2, validators=[MinValueValidator(0)])
    obligation = models.CharField(_("mức độ"), max_length=20, choices=Obligation.choices, default=Obligation.REQUIRED)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["ruleset", "order", "code", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "revision"], name="unique_rule_code_revision",
                violation_error_message=_("Đã có chỉ tiêu với mã này."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rule_valid_range",
                violation_error_message=_("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
            ),
            models.CheckConstraint(
                condition=~Q(comparison=Comparison.SHARE_AT_LEAST) | Q(threshold__lte=100),
                name="rule_share_at_most_100",
                violation_error_message=_("Ngưỡng tỷ lệ không được quá 100 %."),
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.title}"

    @property
    def is_latest(self) -> bool:
        """Only the newest version of a rule is edited; the older ones keep the figures they produced."""
        try:
            return self.next_version is None
        except Rule.next_version.RelatedObjectDoesNotExist:
            return True

    def clean_fields(self, exclude=None):
        # The registry decides which metric codes are valid: a metric registered only in a test has a code
        # beyond the field's choices, which stay the stored codes (forms, filters, migrations).
        if registry.get(self.metric) is not None:
            exclude = {*(exclude or ()), "metric"}
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = validate_rule(
            metric=self.metric, params=self.params, subject_type=self.subject_type, period=self.period,
            period_days=self.period_days, comparison=self.comparison, committee_type=self.committee_type,
        )
        if errors:
            raise ValidationError(errors)

    @property
    def is_share(self) -> bool:
        return self.comparison == Comparison.SHARE_AT_LEAST

    def is_valid_on(self, on_date) -> bool:
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or on_date <= self.valid_to
        )


class EvaluationRun(models.Model):
    """Lượt tính chỉ tiêu: for one as-of date, all councils or one council (with or without its subtree)."""

    council_scope = "council"

    as_of = models.DateField(_("tính đến ngày"), db_index=True)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="evaluation_runs",
        verbose_name=_("phạm vi HĐND"), help_text=_("Để trống nếu tính cho mọi HĐND."),
    )
    include_subtree = models.BooleanField(_("gồm cả HĐND cấp dưới"), default=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=RunStatus.choices, default=RunStatus.RUNNING,
                              db_index=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, db_index=True)
    counts = models.JSONField(_("số kết quả theo trạng thái"), default=dict, blank=True)
    query_count = models.PositiveIntegerField(_("số truy vấn"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    trigger = models.CharField(_("nguồn yêu cầu"), max_length=50, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("người yêu cầu"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lượt tính chỉ tiêu")
        verbose_name_plural = _("lượt tính chỉ tiêu")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        scope = self.council or _("mọi HĐND")
        return f"{self.as_of:%d/%m/%Y} — {scope} — {self.get_status_display()}"


class Result(models.Model):
    """Kết quả một chỉ tiêu của một đối tượng trong một kỳ. Only the current one per (rule, subject, period) is kept."""

    council_scope = "council"

    # The last run that computed this result, whether it wrote it or found it unchanged and kept it: a run
    # moves the results it keeps to itself, with their as-of date (compliance.runs). Not indexed nor checked
    # by the database, so that move is a heap-only update (fillfactor 70, migration 0010), not seven index
    # entries and a deferred foreign key check per row; only runs write it, and runs are never deleted.
    run = models.ForeignKey(EvaluationRun, on_delete=models.PROTECT, related_name="results", verbose_name=_("lượt tính"),
                            db_index=False, db_constraint=False)
    # No index of their own: the unique (rule, subject, period) and the (council, rule) indexes lead with them,
    # and every extra index is written for each of the tens of thousands of rows a full run inserts.
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="results", verbose_name=_("chỉ tiêu"),
                             db_index=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="compliance_results",
                                verbose_name=_("HĐND"), db_index=False)
    subject_type = models.CharField(_("loại đối tượng"), max_length=20, choices=SubjectType.choices)
    subject_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    subject_name = models.CharField(_("đối tượng"), max_length=255)
    as_of = models.DateField(_("tính đến ngày"))
    period_start = models.DateField(_("kỳ từ ngày"))
    period_end = models.DateField(_("kỳ đến ngày"))
    period_label = models.CharField(_("kỳ"), max_length=100)
    value = models.DecimalField(_("kết quả"), max_digits=9, decimal_places=2, null=True, blank=True)
    numerator = models.PositiveIntegerField(_("số đạt"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("tổng số"), null=True, blank=True)
    target = models.DecimalField(_("chỉ tiêu"), max_digits=9, decimal_places=2)
    expected = models.DecimalField(_("cần đạt đến nay"), max_digits=9, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("đánh giá"), max_length=20, choices=ResultStatus.choices, db_index=True)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    # A fingerprint of the evidence (which records, counted or not, their days and versions): a run whose
    # figures and fingerprint for a (rule, subject, period) are the same as the stored ones keeps that result
    # and its evidence instead of writing them again (compliance.runs). Empty for results of older runs.
    evidence_digest = models.BigIntegerField(_("mã băm minh chứng"), null=True, blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        ordering = ["rule__order", "rule__code", "council__path", "subject_type", "subject_name", "id"]
        indexes = [
            models.Index(fields=["rule", "period_start", "status"]),
            models.Index(fields=["council", "rule"]),
        ]
        constraints = [
            # A run replaces the results it recomputes in the same transaction, so one (rule, subject,
            # period) has exactly one result.
            models.UniqueConstraint(
                fields=["rule", "subject_type", "subject_id", "period_start"], name="unique_result_per_period",
                violation_error_message=_("Đã có kết quả của chỉ tiêu này cho đối tượng và kỳ này."),
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="result_period_order"),
        ]

    def __str__(self):
        return f"{self.rule.code} — {self.subject_name} — {self.period_label}"

    @property
    def period_name(self) -> str:
        """The period in the reader's language (``period_label`` keeps the language of the run)."""
        return stored_period_label(self.rule.period, self.period_start, self.period_end, self.period_label)

    @property
    def is_body(self) -> bool:
        return self.subject_type in BODY_SUBJECT_TYPES

    @property
    def shortfall(self) -> Decimal | None:
        if self.value is None:
            return None
        return max(Decimal(0), self.target - self.value)


class Evidence(models.Model):
    """Minh chứng: one record the result counted (or, for a share, one record of the denominator)."""

    council_scope = "result__council"

    # DO_NOTHING and no database constraint, on purpose: a run deletes the evidence of the results it replaces
    # itself, in one statement (Django's cascade would load every row first), and a national run writes some
    # 100,000 rows whose deferred checks at commit cost more (0.95 s) than computing the figures. Indexed by
    # the unique (result, record) constraint, which leads with it. No evidence without its result: test_runs.
    result = models.ForeignKey(Result, on_delete=models.DO_NOTHING, related_name="evidence",
                               verbose_name=_("kết quả"), db_index=False, db_constraint=False)
    # Not indexed alone: nothing looks evidence up by type only, and its index was 1 of a row's 4 WAL records.
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("loại bản ghi"),
                                     db_constraint=False, db_index=False)
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    counted = models.BooleanField(_("được tính là đạt"), default=True,
                                  help_text=_("Với chỉ tiêu tỷ lệ: bản ghi có nằm trong tử số không."))
    label = models.CharField(_("mô tả"), max_length=300)
    date = models.DateField(_("ngày"), null=True, blank=True)
    # Of a record counted in SQL, its version then (0 otherwise): a later run rewrites only the rows it changed.
    record_version = models.PositiveIntegerField(_("phiên bản bản ghi"), default=0, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["result", "-counted", "date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["result", "content_type", "object_id"], name="unique_evidence_record"),
        ]

    def __str__(self):
        return self.label


class PendingEvaluation(models.Model):
    """A council whose data changed since its results were last computed (coalesces many edits into one run)."""

    council_scope = "council"

    council = models.OneToOneField(Council, on_delete=models.CASCADE, related_name="pending_evaluation",
                                   verbose_name=_("HĐND"))
    requested_at = models.DateTimeField(_("yêu cầu lúc"), db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("HĐND chờ tính lại")
        verbose_name_plural = _("HĐND chờ tính lại")

    def __str__(self):
        return str(self.council)


class EvaluationLock(models.Model):
    """A named lock in the database, so runs never interleave across processes on SQLite and PostgreSQL alike.

    It lasts as long as its holder may run (the task's hard time limit) and names the task and the run it
    belongs to: a redelivery of the same task knows the lock is its dead predecessor's, and a run whose lock
    has expired is known to be abandoned.
    """

    name = models.CharField(_("tên khóa"), max_length=100, unique=True)
    token = models.CharField(_("mã giữ khóa"), max_length=64)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    owner = models.CharField(_("tác vụ giữ khóa"), max_length=255, blank=True,
                             help_text=_("Mã tác vụ Celery; để trống nếu lượt tính chạy từ lệnh quản trị."))
    run = models.OneToOneField(EvaluationRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="lock",
                               verbose_name=_("lượt tính"))

    class Meta:
        verbose_name = _("khóa lượt tính")
        verbose_name_plural = _("khóa lượt tính")

    def __str__(self):
        return self.name


# ---------------------------------------------------------------------------------------------------------
# A full run split by province (compliance.tasks.evaluate_all_by_province): each part stages what it computed
# here, and the run's last step moves every part's rows into Result and Evidence in one transaction, so no
# reader ever sees one province's new figures beside another's old ones. Plain columns, no foreign keys:
# the rows live only while their run is running, are written in bulk and read once, by INSERT … SELECT.

class StagedResult(models.Model):
    """Một kết quả một phần của lượt tính chia theo tỉnh đã tính, chờ cả lượt tính xong."""

    # The id its Result will have (drawn from Result's own sequence), so staged evidence can point at it.
    id = models.BigIntegerField(primary_key=True)
    run_id = models.BigIntegerField(_("lượt tính"))
    part = models.BigIntegerField(_("phần (HĐND cấp tỉnh)"))
    rule_id = models.BigIntegerField()
    council_id = models.BigIntegerField()
    subject_type = models.CharField(max_length=20)
    subject_id = models.PositiveBigIntegerField()
    subject_name = models.CharField(max_length=255)
    as_of = models.DateField()
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=100)
    value = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    numerator = models.PositiveIntegerField(null=True)
    denominator = models.PositiveIntegerField(null=True)
    target = models.DecimalField(max_digits=9, decimal_places=2)
    expected = models.DecimalField(max_digits=9, decimal_places=2, null=True)
    status = models.CharField(max_length=20)
    reason = models.CharField(max_length=300, blank=True)
    evidence_digest = models.BigIntegerField(null=True)

    class Meta:
        verbose_name = _("kết quả chờ ghi")
        verbose_name_plural = _("kết quả chờ ghi")
        indexes = [models.Index(fields=["run_id", "part"])]

    def __str__(self):
        return f"{self.run_id}/{self.part}/{self.pk}"


class StagedEvidence(models.Model):
    """Một minh chứng của một kết quả chờ ghi."""

    run_id = models.BigIntegerField(_("lượt tính"))
    part = models.BigIntegerField(_("phần (HĐND cấp tỉnh)"))
    result_id = models.BigIntegerField()
    content_type_id = models.BigIntegerField()
    object_id = models.PositiveBigIntegerField()
    counted = models.BooleanField(default=True)
    label = models.CharField(max_length=300)
    date = models.DateField(null=True)
    record_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("minh chứng chờ ghi")
        verbose_name_plural = _("minh chứng chờ ghi")
        indexes = [models.Index(fields=["run_id", "part"])]

    def __str__(self):
        return f"{self.run_id}/{self.part}/{self.result_id}"
