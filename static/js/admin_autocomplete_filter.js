// Admin list filters picked with the autocomplete (utilities.admin_filters): choosing a value reloads the
// changelist with it, from the first page; clearing it removes the filter.
"use strict";
window.addEventListener("load", function () {
  const $ = window.django && window.django.jQuery;
  if (!$) {
    return;
  }
  $("select[data-autocomplete-filter]").on("change", function () {
    const url = new URL(window.location.href);
    const name = this.getAttribute("data-autocomplete-filter");
    if (this.value) {
      url.searchParams.set(name, this.value);
    } else {
      url.searchParams.delete(name);
    }
    url.searchParams.delete("p");
    window.location.assign(url.toString());
  });
});
