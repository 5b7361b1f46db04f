"""Pages of the yearly oversight programmes, each with the activities it plans."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import filtersets, selectors
from ._links import _url
from .activities import ActivityListView


class ProgrammeListView(ui.ScopedListView):
    title = _("Chương trình giám sát")
    selector = staticmethod(selectors.programmes_for)
    filterset_class = filtersets.ProgrammeFilterSet
    filter_fields = ("subtree_of", "year")
    detail_url_name = "oversight:programme_detail"
    default_sort = "-year"
    export_filename = "chuong-trinh-giam-sat"
    columns = (
        ui.Column(_("Năm"), "year", sort="year"),
        ui.Column(_("Tên chương trình"), "title", sort="title", link=True),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Số nghị quyết/quyết định"), "decision_number"),
        ui.Column(_("Ngày thông qua"), "approved_on"),
        ui.Column(_("Số hoạt động"), "activities_count", sort="activities_count", css="text-end"),
    )


class ProgrammeDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.programmes_for)
    list_url_name = "oversight:programme_list"
    list_title = _("Chương trình giám sát")
    fields = ProgrammeListView.columns

    def sections(self, programme):
        activities = selectors.activities_for(self.request.user).filter(programme=programme)
        return [ui.Section(_("Hoạt động trong chương trình"), ActivityListView.columns, list(activities),
                           url=_url("activity_detail"))]
