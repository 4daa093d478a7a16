// The overview's heatmap: errors and warnings by agency (rows) and rule (columns).
// Data comes from the page (json_script); the same numbers are in the table below it.
(function () {
  var box = document.getElementById("heatmap");
  var source = document.getElementById("heatmap-data");
  if (!box || !source || typeof echarts === "undefined") return;
  var d = JSON.parse(source.textContent);
  box.style.height = Math.max(240, 60 + 28 * d.agencies.length) + "px";
  var chart = echarts.init(box, null, { renderer: "canvas" });
  chart.setOption({
    tooltip: {
      position: "top",
      formatter: function (p) {
        return d.agencies[p.value[1]] + "<br>" + d.titles[p.value[0]] + "：" + p.value[2] + " 项";
      }
    },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: d.titles, axisLabel: { rotate: 40, fontSize: 11 }, splitArea: { show: true } },
    yAxis: { type: "category", data: d.agencies, axisLabel: { fontSize: 12 }, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, d.max), calculable: false, orient: "horizontal", show: false,
                 inRange: { color: ["#fff7e6", "#f5a623", "#c0392b"] } },
    series: [{ type: "heatmap", data: d.data, label: { show: true },
               emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } } }]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
