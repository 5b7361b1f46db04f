// The agency scorecard's chart (Chart.js): on-time rates per period of the charted agencies, from the page's
// json_script "scorecard-chart-data".
(function () {
  "use strict";

  const source = document.getElementById("scorecard-chart-data");
  const canvas = document.getElementById("scorecard-chart");
  if (!source || !canvas || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(source.textContent);
  const colours = ["#8b1a1a", "#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997"];
  new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.datasets.map((set, i) => ({label: set.label, data: set.data, spanGaps: true,
        borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length]})),
    },
    options: {animation: false, scales: {y: {min: 0, max: 100, ticks: {callback: (v) => v + "%"}}}},
  });
})();
