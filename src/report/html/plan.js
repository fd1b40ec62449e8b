// The plan page (src/report/plan_html.cpp): draws the work by region and month, the
// cumulative cost per operator against its budget, each cap's units left over time and
// the slips, from the JSON in #netvet-data (the plan's JSON with the page's series). Text
// goes into the page with textContent only; class names come from fixed lists.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#1f6feb", "#d4730b", "#2a9d5c", "#8250df", "#cf222e", "#0a7f8c", "#9a6700", "#57606a"];
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function arr(x) { return Array.isArray(x) ? x : []; }
  function num(x) { return typeof x === "number" && isFinite(x) ? x : 0; }
  function str(x) { return typeof x === "string" ? x : ""; }
  function money(x) {
    var a = Math.abs(x);
    if (a >= 1e9) return (x / 1e9).toFixed(2) + "bn";
    if (a >= 1e6) return (x / 1e6).toFixed(1) + "m";
    if (a >= 1e3) return (x / 1e3).toFixed(0) + "k";
    return x.toFixed(0);
  }
  // Months as "YYYY-MM" <-> an index from the plan's start.
  function monthIndex(start, m) {
    var a = start.split("-"), b = m.split("-");
    return (+b[0] - +a[0]) * 12 + (+b[1] - +a[1]);
  }
  function monthName(start, k) {
    var a = start.split("-");
    var total = +a[0] * 12 + (+a[1] - 1) + k;
    var y = Math.floor(total / 12), mo = total - y * 12 + 1;
    return y + "-" + (mo < 10 ? "0" : "") + mo;
  }

  function gantt(data, parent) {
    var start = str(data.start), horizon = str(data.horizon);
    if (!start || !horizon) return;
    var n = monthIndex(start, horizon) + 1;
    var byRegion = {};
    arr(data.months).forEach(function (m) {
      var r = str(m.region), k = monthIndex(start, str(m.month));
      if (!byRegion[r]) byRegion[r] = { total: 0, cells: {} };
      byRegion[r].cells[k] = { used: num(m.crew_days), capacity: m.capacity, cost: num(m.cost), visits: 0 };
      byRegion[r].total += num(m.crew_days);
    });
    var due = {};
    arr(data.items).forEach(function (it) {
      var r = byRegion[str(it.region)], k = monthIndex(start, str(it.month));
      if (r && r.cells[k]) r.cells[k].visits++;
      due[monthIndex(start, str(it.deadline))] = true;
    });
    var regions = Object.keys(byRegion).sort(function (a, b) { return byRegion[b].total - byRegion[a].total || (a < b ? -1 : 1); });
    var shown = regions.slice(0, 40);
    var t = el("table", "gantt");
    var hr = t.appendChild(el("thead")).appendChild(el("tr"));
    hr.appendChild(el("th"));
    for (var k = 0; k < n; k++) {
      var name = monthName(start, k);
      var th = hr.appendChild(el("th", "month" + (name.slice(5) === "01" ? " year" : "") + (due[k] ? " due" : ""),
                                 name.slice(5) === "01" || k === 0 ? name : name.slice(5)));
      if (due[k]) th.title = "a deadline: work due by the end of " + name;
    }
    var tb = t.appendChild(el("tbody"));
    shown.forEach(function (r) {
      var tr = tb.appendChild(el("tr"));
      tr.setAttribute("data-region", r);
      tr.appendChild(el("th", "region", r));
      for (var k2 = 0; k2 < n; k2++) {
        var c = byRegion[r].cells[k2];
        var td = tr.appendChild(el("td", "cell"));
        if (!c) continue;
        var cap = typeof c.capacity === "number" && c.capacity > 0 ? c.capacity : null;
        var fill = cap ? Math.min(1, c.used / cap) : 0.6;
        td.style.background = "rgba(31,111,235," + (0.15 + 0.85 * fill).toFixed(2) + ")";
        td.textContent = c.visits ? String(c.visits) : "";
        td.title = r + ", " + monthName(start, k2) + ": " + c.visits + " site visit(s), " + c.used.toFixed(1) + " crew-days" +
                   (cap ? " of " + cap : "") + ", " + money(c.cost) + " " + str(data.currency);
      }
    });
    parent.appendChild(t);
    if (regions.length > shown.length)
      parent.appendChild(el("p", "note", (regions.length - shown.length) + " more regions with less work are left out; the JSON has them all."));
  }

  // A line chart: series [{name, points:[[x,y]], cls}], x in months from the start.
  function chart(parent, n, series, yLabel) {
    var W = 1000, H = 260, L = 70, B = 30, T = 10, R = 10;
    var ymax = 0;
    series.forEach(function (s) { s.points.forEach(function (p) { ymax = Math.max(ymax, p[1]); }); });
    if (ymax <= 0) ymax = 1;
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img" });
    var x = function (k) { return L + (W - L - R) * (n <= 1 ? 0 : k / (n - 1)); };
    var y = function (v) { return H - B - (H - B - T) * (v / ymax); };
    root.appendChild(svg("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, "class": "axis" }));
    root.appendChild(svg("line", { x1: L, y1: T, x2: L, y2: H - B, "class": "axis" }));
    [0, 0.5, 1].forEach(function (f) {
      var t = root.appendChild(svg("text", { x: L - 6, y: y(ymax * f) + 4, "text-anchor": "end" }));
      t.textContent = yLabel(ymax * f);
    });
    series.forEach(function (s, i) {
      var d = s.points.map(function (p, j) { return (j ? "L" : "M") + x(p[0]).toFixed(1) + " " + y(p[1]).toFixed(1); }).join(" ");
      var path = root.appendChild(svg("path", { d: d, "class": s.cls || "series" }));
      path.setAttribute("stroke", s.colour || COLOURS[i % COLOURS.length]);
      var title = path.appendChild(svg("title", {}));
      title.textContent = s.name;
    });
    var box = el("div", "chart");
    box.appendChild(root);
    var legend = box.appendChild(el("div", "legend"));
    series.forEach(function (s, i) {
      if (s.hideLegend) return;
      var span = legend.appendChild(el("span"));
      var swatch = span.appendChild(el("i"));
      swatch.style.background = s.colour || COLOURS[i % COLOURS.length];
      span.appendChild(document.createTextNode(s.name));
    });
    parent.appendChild(box);
    return root;
  }

  function cost(data, parent) {
    var start = str(data.start), n = monthIndex(start, str(data.horizon)) + 1;
    var ops = {};
    arr(data.items).forEach(function (it) {
      var o = str(it.operator), k = monthIndex(start, str(it.month));
      if (!ops[o]) ops[o] = new Array(n).fill(0);
      if (k >= 0 && k < n) ops[o][k] += num(it.cost);
    });
    var names = Object.keys(ops).sort();
    var series = [];
    names.forEach(function (o, i) {
      var run = 0, pts = [];
      for (var k = 0; k < n; k++) { run += ops[o][k]; pts.push([k, run]); }
      series.push({ name: o, points: pts, colour: COLOURS[i % COLOURS.length] });
      var budget = arr(data.page && data.page.budgets).filter(function (b) { return str(b.operator) === o; });
      if (budget.length) {
        var total = 0, bpts = [];
        budget.forEach(function (b) {
          var k0 = Math.max(0, monthIndex(start, b.year + "-01"));
          var k1 = Math.min(n - 1, monthIndex(start, b.year + "-12"));
          bpts.push([k0, total]);
          total += num(b.amount);
          bpts.push([k1, total]);
        });
        series.push({ name: o + " budget", points: bpts, cls: "budget", colour: COLOURS[i % COLOURS.length], hideLegend: true });
      }
    });
    if (!series.length) { parent.appendChild(el("p", "muted", "No work to cost.")); return; }
    chart(parent, n, series, function (v) { return money(v); });
  }

  function caps(data, parent) {
    var list = arr(data.page && data.page.caps);
    if (!list.length) { parent.appendChild(el("p", "muted", "No cap applies to this plan.")); return; }
    var start = str(data.start), n = monthIndex(start, str(data.horizon)) + 1;
    list.forEach(function (c) {
      var h = parent.appendChild(el("h3", null, str(c.policy) + "/" + str(c.rule) + " \u2014 " + str(c.operator) +
                                              ", from " + str(c.date) + ": at most " + num(c.allowed).toFixed(1) + " of " +
                                              num(c.total).toFixed(0)));
      h.setAttribute("data-cap", str(c.rule));
      var left = arr(c.left).map(function (v, k) { return [k, num(v)]; });
      var k0 = Math.max(0, monthIndex(start, str(c.date).slice(0, 7)));
      chart(parent, n, [
        { name: "units left", points: left, colour: "#1f6feb" },
        { name: "allowed", points: [[k0, num(c.allowed)], [n - 1, num(c.allowed)]], cls: "limit", colour: "#b4232c" }
      ], function (v) { return v.toFixed(0); });
    });
  }

  function slips(data, parent) {
    var list = arr(data.slips);
    if (!list.length) { parent.appendChild(el("p", "ok", "None: every deadline and cap is met.")); return; }
    var t = el("table", "findings");
    var hr = t.appendChild(el("thead")).appendChild(el("tr"));
    ["What", "Deadline or date", "Done", "Late by"].forEach(function (h) { hr.appendChild(el("th", null, h)); });
    var tb = t.appendChild(el("tbody"));
    list.forEach(function (s) {
      var tr = tb.appendChild(el("tr"));
      if (s.item) {
        tr.appendChild(el("td", "mono", s.item));
        tr.appendChild(el("td", null, str(s.deadline)));
        tr.appendChild(el("td", null, str(s.month)));
        tr.appendChild(el("td", null, num(s.months_late) + " month(s)"));
      } else {
        tr.appendChild(el("td", "mono", str(s.cap) + " " + str(s.operator)));
        tr.appendChild(el("td", null, str(s.date)));
        tr.appendChild(el("td", null, "\u2013"));
        tr.appendChild(el("td", null, num(s.units_over).toFixed(2) + " unit(s) over"));
      }
    });
    parent.appendChild(t);
  }

  try {
    var data = JSON.parse(document.getElementById("netvet-data").textContent);
    gantt(data, document.getElementById("gantt"));
    cost(data, document.getElementById("cost"));
    caps(data, document.getElementById("caps"));
    slips(data, document.getElementById("slips"));
    document.body.setAttribute("data-rendered", "ok");
  } catch (e) {
    document.body.setAttribute("data-error", String(e && e.message || e));
  }
})();
