// A batch's progress bar: ask the server every two seconds; reload the page when done.
(function () {
  var box = document.getElementById("progress");
  if (!box || box.dataset.finished === "1") return;
  var bar = document.getElementById("progress-bar");
  var text = document.getElementById("progress-text");
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (p) {
        bar.value = p.percent;
        text.textContent = "已处理 " + p.finished + "/" + p.total + "（成功 " + p.done + "，失败 " + p.failed + "）";
        if (p.finished >= p.total) { window.location.reload(); } else { setTimeout(poll, 2000); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1500);
})();
