// The compliance dashboard's charts (Chart.js): the figures come from the page's json_script "chart-data",
// the translated labels from the data- attributes of #rule-charts.
(function () {
  "use strict";

  const source = document.getElementById("chart-data");
  const container = document.getElementById("rule-charts");
  if (!source || !container || typeof Chart === "undefined") {
    return;
  }
  const labels = container.dataset;
  const data = JSON.parse(source.textContent);
  const percent = {min: 0, max: 100, ticks: {callback: (v) => v + "%"}};
  for (const chart of data) {
    const children = document.getElementById("chart-children-" + chart.id);
    if (children && chart.children.labels.length) {
      new Chart(children, {type: "bar", data: {labels: chart.children.labels, datasets: [{label: labels.childrenLabel, data: chart.children.values, backgroundColor: "#8b1a1a"}]}, options: {animation: false, scales: {y: percent}}});
    } else if (children) {
      children.replaceWith(Object.assign(document.createElement("p"), {className: "small text-muted", textContent: labels.noChildren}));
    }
    const trend = document.getElementById("chart-trend-" + chart.id);
    if (trend && chart.trend.labels.length) {
      new Chart(trend, {type: "line", data: {labels: chart.trend.labels, datasets: [{label: labels.trendLabel, data: chart.trend.values, borderColor: "#0d6efd"}]}, options: {animation: false, scales: {y: percent}}});
    }
  }
})();
