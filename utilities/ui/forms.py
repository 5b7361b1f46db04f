"""Form helpers of the page framework: Bootstrap styling with dd/mm/yyyy dates, date fields that refuse an
implausible date as the API does, service errors placed on the form, and the base of forms that are told who
fills them in."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from ..limits import validate_plausible_date
from .widgets import apply_registered_grouping, is_choice_widget, make_searchable


class ActorForm(forms.Form):
    """A form that knows who fills it in (``user``) and, on an edit page, the record it edits
    (``instance``), so its choices can be limited to what that user may write to."""

    def __init__(self, *args, user, instance=None, **kwargs):
        self.user = user
        self.instance = instance
        super().__init__(*args, **kwargs)


DATE_PLACEHOLDER = "dd/mm/yyyy"


class PlausibleDateField(forms.DateField):
    """A date from 1/1/1945 to ten years ahead, with the API's message (``utilities.limits``)."""

    default_validators = [validate_plausible_date]


class PlausibleDateTimeField(forms.DateTimeField):
    """A moment whose day is from 1/1/1945 to ten years ahead (``utilities.limits``)."""

    default_validators = [validate_plausible_date]


def style_form(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget its Bootstrap class, date fields a dd/mm/yyyy text input, choices of records and every
    multiple choice a searchable box, and the fields in the form's ``starred_fields`` (required by the service
    rather than by the form, such as the "5 rõ" of a work item) the required mark."""
    starred = getattr(form, "starred_fields", ())
    for name, bound_field in form.fields.items():
        widget = bound_field.widget
        if name in starred:
            bound_field.starred = True
        if (bound_field.required or name in starred) and not isinstance(widget, forms.HiddenInput):
            # The asterisk is only drawn; a screen reader hears this.
            widget.attrs["aria-required"] = "true"
        apply_registered_grouping(bound_field)
        if is_choice_widget(widget) and (
                isinstance(widget, forms.SelectMultiple) or isinstance(bound_field, forms.ModelChoiceField)):
            make_searchable(widget)
        if isinstance(bound_field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
            widget = bound_field.widget = forms.DateInput(format="%d/%m/%Y", attrs=widget.attrs)
            widget.attrs.setdefault("placeholder", DATE_PLACEHOLDER)
            widget.attrs.setdefault("inputmode", "numeric")
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
            widget, forms.CheckboxSelectMultiple
        ):
            css = "form-select"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = ""
        else:
            css = "form-control"
        if css:
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        # Only look at errors already computed: asking for them here would validate the form too early.
        if form.is_bound and form._errors is not None and name in form._errors:
            widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form.auto_id % name if form.auto_id else name}-errors"
    return form


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field messages beside their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target, item.messages if hasattr(item, "messages") else item)
    else:
        form.add_error(None, error.messages)
    style_form(form)
