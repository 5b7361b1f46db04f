// Searchable select boxes: every <select data-searchable> becomes a Tom Select (node_modules/tom-select), with
// the server's <optgroup>s (council, body) kept and searchable. Texts come from the page (#portal-texts), in
// its language. Lists refreshed by htmx get theirs too.
(function () {
  "use strict";

  const textsElement = document.getElementById("portal-texts");
  const texts = textsElement ? JSON.parse(textsElement.textContent) : {};

  function escape(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function enhance(root) {
    if (typeof window.TomSelect !== "function") {
      return;
    }
    for (const select of root.querySelectorAll("select[data-searchable]")) {
      if (select.tomselect) {
        continue;
      }
      const multiple = select.multiple;
      new window.TomSelect(select, {
        plugins: multiple ? { remove_button: { title: texts.remove || "" } } : {},
        maxOptions: null,
        hidePlaceholder: true,
        placeholder: texts.search || "",
        // Search the group's name too: "Tổ đại biểu số 2" finds its deputies.
        searchField: ["text", "optgroup"],
        lockOptgroupOrder: true,
        render: {
          no_results: function () {
            return '<div class="no-results">' + escape(texts.noResults || "") + "</div>";
          },
        },
      });
    }
  }

  enhance(document);
  document.body.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
