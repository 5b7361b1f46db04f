// Behaviour every page shares, as data- attributes rather than inline scripts (the Content-Security-Policy
// runs no inline script or style).
(function () {
  "use strict";

  // A form with errors: move the focus to their summary, so a screen reader reads it first.
  document.getElementById("form-errors")?.focus();

  // <form data-confirm="..."> asks before it is sent.
  document.addEventListener("submit", function (event) {
    const message = event.target.dataset?.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // <button data-print> prints the page (the print stylesheet shapes the report).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // <a data-back-link href="/"> goes back one page when there is one to go back to, home otherwise.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-back-link]") && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // <div data-bar-width="42.5"> is a bar segment of that share (%): set through the DOM, which the policy
  // allows, not through a style attribute, which it does not.
  for (const bar of document.querySelectorAll("[data-bar-width]")) {
    bar.style.width = bar.dataset.barWidth + "%";
  }
})();
