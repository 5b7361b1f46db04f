// Bulk actions of a list: the toolbar's buttons work once rows are ticked (or "all matching the filters" is),
// and the header's box ticks every row of the page. The rows are refreshed by htmx, so events are delegated.
(function () {
  "use strict";

  const form = document.getElementById("bulk-form");
  if (!form) {
    return;
  }
  const status = document.getElementById("bulk-status");

  function refresh() {
    const ticked = document.querySelectorAll("input.bulk-row:checked").length;
    const all = document.getElementById("bulk-all");
    const everything = all !== null && all.checked;
    form.querySelectorAll("button.bulk-action").forEach(function (button) {
      button.disabled = !(ticked || everything);
    });
    if (everything) {
      status.textContent = status.dataset.all;
    } else if (ticked) {
      status.textContent = status.dataset.some + " " + ticked;
    } else {
      status.textContent = status.dataset.none;
    }
  }

  document.addEventListener("change", function (event) {
    const target = event.target;
    if (target.id === "bulk-page") {
      document.querySelectorAll("input.bulk-row").forEach(function (box) {
        box.checked = target.checked;
      });
    }
    if (target.id === "bulk-page" || target.id === "bulk-all" || target.classList.contains("bulk-row")) {
      refresh();
    }
  });
  document.body.addEventListener("htmx:afterSwap", refresh);
  refresh();
})();
