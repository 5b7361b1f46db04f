// The petitions formset of a voter meeting: "Thêm dòng" adds an empty row from the <template> of the page.
(function () {
  "use strict";

  const button = document.getElementById("add-row");
  if (!button) {
    return;
  }
  button.addEventListener("click", function () {
    const total = document.getElementById("id_items-TOTAL_FORMS");
    const n = parseInt(total.value, 10);
    const html = document.getElementById("petition-row-template").innerHTML
      .replace(/__prefix__/g, n).replace(/__n__/g, n + 1);
    document.querySelector("#petition-rows tbody").insertAdjacentHTML("beforeend", html);
    total.value = n + 1;
    document.getElementById("id_items-" + n + "-content").focus();
  });
})();
