// The compliance pages' charts (Chart.js). Figures and labels, already in the user's language, come from the
// page's json_script blocks: "chart-data" (the dashboard's overview) and "trend-data" (one rule over periods).
// This script holds no text of its own.
(function () {
  "use strict";

  if (typeof Chart === "undefined") {
    return;
  }
  const read = (id) => {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };
  const locale = document.documentElement.lang || undefined;
  const colours = {success: "#198754", primary: "#0d6efd", warning: "#ffc107", danger: "#dc3545"};
  const percent = {min: 0, max: 100, ticks: {callback: (v) => v + " %"}};
  const integers = {beginAtZero: true, stacked: true, ticks: {precision: 0}};
  const tall = (canvas, rows) => {
    // One bar per row, readable whatever the number of rows (34 provinces, 126 communes of the capital).
    canvas.parentNode.style.height = Math.max(220, 22 * rows + 60) + "px";
  };

  const overview = read("chart-data");
  if (overview) {
    const byRule = document.getElementById("chart-rules");
    if (byRule && overview.rules.labels.length) {
      tall(byRule, overview.rules.labels.length);
      new Chart(byRule, {
        type: "bar",
        data: {
          labels: overview.rules.labels,
          datasets: overview.rules.datasets.map((d) => ({label: d.label, data: d.data, backgroundColor: colours[d.css]})),
        },
        options: {
          locale, animation: false, maintainAspectRatio: false, indexAxis: "y",
          plugins: {title: {display: true, text: overview.labels.byRule}},
          scales: {x: integers, y: {stacked: true}},
        },
      });
    }
    const byChild = document.getElementById("chart-children");
    if (byChild && overview.children.labels.length) {
      tall(byChild, overview.children.labels.length);
      new Chart(byChild, {
        type: "bar",
        data: {labels: overview.children.labels, datasets: [{label: overview.labels.compliance, data: overview.children.values, backgroundColor: "#8b1a1a"}]},
        options: {
          locale, animation: false, maintainAspectRatio: false, indexAxis: "y",
          plugins: {title: {display: true, text: overview.labels.byChild}, legend: {display: false}},
          scales: {x: percent},
        },
      });
    } else if (byChild) {
      byChild.replaceWith(Object.assign(document.createElement("p"), {className: "small text-muted", textContent: overview.labels.noChildren}));
    }
  }

  const trend = read("trend-data");
  const trendCanvas = document.getElementById("chart-trend");
  if (trend && trendCanvas && trend.periods.length) {
    new Chart(trendCanvas, {
      type: "line",
      data: {labels: trend.periods, datasets: [{label: trend.labels.trend, data: trend.values, borderColor: "#0d6efd"}]},
      options: {locale, animation: false, scales: {y: percent}},
    });
  }
})();
