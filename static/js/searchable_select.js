// Searchable select boxes: every <select data-searchable> becomes a Tom Select (node_modules/tom-select), with
// the server's <optgroup>s (council, body) kept and searchable. A box with data-remote-url (ui.RemoteSelect: a
// choice among thousands) holds only its current choice and asks that URL for the others as the user types
// (?q=..., answered {"results": [{"value", "text"}]}, already filtered accent-free by the server). Texts come
// from the page (#portal-texts), in its language. Lists refreshed by htmx get theirs too.
(function () {
  "use strict";

  const textsElement = document.getElementById("portal-texts");
  const texts = textsElement ? JSON.parse(textsElement.textContent) : {};

  function escape(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function remoteOptions(select) {
    const url = select.dataset.remoteUrl;
    // The server searches (accents ignored) and answers in its order: a typed query shows exactly the options
    // the server gave for it, not the ones loaded for earlier queries.
    const answers = {};
    return {
      valueField: "value",
      labelField: "text",
      searchField: ["text"],
      score: function (query) {
        return function (item) {
          const answer = answers[query];
          return answer && answer.has(String(item.value)) ? 1 : 0;
        };
      },
      shouldLoad: function () {
        return true;
      },
      preload: "focus",
      loadThrottle: 250,
      load: function (query, callback) {
        const address = url + (url.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
        fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { results: [] };
          })
          .then(function (data) {
            const results = data.results || [];
            answers[query] = new Set(results.map(function (row) {
              return String(row.value);
            }));
            callback(results);
          })
          .catch(function () {
            callback();
          });
      },
    };
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
      const options = {
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
      };
      new window.TomSelect(select, select.dataset.remoteUrl ? Object.assign(options, remoteOptions(select)) : options);
    }
  }

  enhance(document);
  document.body.addEventListener("htmx:load", function (event) {
    enhance(event.target);
  });
})();
