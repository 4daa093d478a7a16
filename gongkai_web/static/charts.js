/* The dashboard's charts: data from the json_script block #chart-data (accounts/charts.py),
   drawn with the vendored ECharts. No inline script (a CSP is coming). Each chart's numbers
   are also printed as a table beside it, so nothing here is the only way to read them. */
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var drawn = [];
  charts.forEach(function (chart) {
    var node = document.querySelector('[data-chart="' + chart.key + '"]');
    if (!node) { return; }
    var stacked = chart.kind === "stacked";
    var line = chart.kind === "line";
    var option = {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + (chart.unit === "%" ? "%" : " 件"); } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 48, containLabel: true },
      xAxis: { type: "category", data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 6 ? 30 : 0, width: 90, overflow: "truncate" } },
      yAxis: { type: "value", max: chart.unit === "%" ? 100 : null, axisLabel: { formatter: chart.unit === "%" ? "{value}%" : "{value}" } },
      series: chart.series.map(function (s) {
        return { name: s.name, type: line ? "line" : "bar", data: s.data, stack: stacked ? "all" : undefined, connectNulls: false, emphasis: { focus: "series" } };
      })
    };
    var instance = echarts.init(node, null, { renderer: "svg" });
    instance.setOption(option);
    drawn.push(instance);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
})();
