// The HTML report of `netvet check`: the findings table with its filters, and the map.
// Reads the data and the country outlines from the page's JSON blocks; fetches nothing.
// Text goes into the page with textContent only, and links only when they are http(s).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("netvet-data").textContent);
  var SEV = data.severities;  // ["critical", "high", "medium", "low"]
  var SVG = "http://www.w3.org/2000/svg";  // a namespace name, never fetched

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function fmtInt(n) { return n.toLocaleString("en-GB"); }
  function safeUrl(u) { return /^https?:\/\//i.test(u || "") ? u : null; }

  // ---- Findings table ----
  // Each finding: [rule, severity, kind, subject, operator, vendor, effective, message,
  //                why, waived, waiver, site, remediation, source title, source url]
  var F = { rule: 0, sev: 1, kind: 2, subject: 3, op: 4, vendor: 5, effective: 6, message: 7, why: 8,
            waived: 9, waiver: 10, site: 11, remediation: 12, srcTitle: 13, srcUrl: 14 };
  var rows = data.findings;
  var ctl = {
    severity: document.getElementById("f-severity"), policy: document.getElementById("f-policy"),
    operator: document.getElementById("f-operator"), vendor: document.getElementById("f-vendor"),
    text: document.getElementById("f-text"), waived: document.getElementById("f-waived")
  };
  var tbody = document.getElementById("f-rows");
  var count = document.getElementById("f-count");
  var more = document.getElementById("f-more");
  var PAGE = 250, shown = PAGE, sortKey = "sev", sortAsc = true, matching = [];

  function addOptions(select, values, label) {
    values.forEach(function (v, i) {
      var o = el("option", null, label ? label(v, i) : v);
      o.value = String(i);
      select.appendChild(o);
    });
  }
  addOptions(ctl.severity, SEV);
  addOptions(ctl.policy, data.policies);
  addOptions(ctl.operator, data.operators, function (v) { return v || "no (serving) operator"; });
  addOptions(ctl.vendor, data.vendors, function (v) { return v || "no single vendor"; });

  // An empty operator, in words: a facility that no site serves has no serving operator;
  // a cap per region spans operators.
  function opText(r) {
    var op = data.operators[r[F.op]];
    if (op) return op;
    return r[F.kind] === "facility" ? "no serving operator" : r[F.kind] === "region" ? "all operators" : "no operator";
  }

  // Lower-case text each row is searched in, built once.
  var haystack = rows.map(function (r) {
    var rule = data.rules[r[F.rule]];
    return [rule.key, rule.title, r[F.subject], r[F.site], r[F.message], r[F.why], r[F.waiver],
            data.operators[r[F.op]], data.vendors[r[F.vendor]]].join("\n").toLowerCase();
  });

  function sortValue(r, key) {
    switch (key) {
      case "sev": return r[F.sev];
      case "rule": return data.rules[r[F.rule]].key;
      case "subject": return r[F.subject];
      case "op": return data.operators[r[F.op]];
      case "vendor": return data.vendors[r[F.vendor]];
      case "effective": return r[F.effective] || "";
    }
    return 0;
  }

  function apply() {
    var sev = ctl.severity.value, pol = ctl.policy.value, op = ctl.operator.value, ven = ctl.vendor.value;
    var words = ctl.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var showWaived = ctl.waived.checked;
    matching = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (sev !== "" && r[F.sev] !== +sev) continue;
      if (pol !== "" && data.rules[r[F.rule]].policy !== +pol) continue;
      if (op !== "" && r[F.op] !== +op) continue;
      if (ven !== "" && r[F.vendor] !== +ven) continue;
      if (!showWaived && r[F.waived]) continue;
      var h = haystack[i], ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = h.indexOf(words[w]) >= 0;
      if (ok) matching.push(i);
    }
    matching.sort(function (a, b) {
      var x = sortValue(rows[a], sortKey), y = sortValue(rows[b], sortKey);
      var c = x < y ? -1 : x > y ? 1 : a - b;
      return sortAsc ? c : -c;
    });
    shown = PAGE;
    render();
  }

  function findingCell(r) {
    var td = el("td", "msg");
    td.appendChild(el("span", null, r[F.message]));
    function why(label, text) {
      if (!text) return;
      var s = el("span", "why");
      s.appendChild(el("b", null, label + " "));
      s.appendChild(document.createTextNode(text));
      td.appendChild(s);
      return s;
    }
    why("Why:", r[F.why]);
    var rule = data.rules[r[F.rule]];
    var title = r[F.srcTitle] || rule.source_title, url = safeUrl(r[F.srcUrl] || rule.source_url);
    if (url) {
      var s = why("Source:", " ");
      var a = el("a", null, title || url);
      a.href = url; a.rel = "noreferrer noopener"; a.target = "_blank";
      s.appendChild(a);
    } else {
      why("Source:", title);
    }
    why("Fix:", r[F.remediation]);
    if (r[F.waived]) why("Waived:", r[F.waiver] || "no reason given");
    return td;
  }

  function render() {
    tbody.textContent = "";
    var frag = document.createDocumentFragment();
    var n = Math.min(shown, matching.length);
    for (var k = 0; k < n; k++) {
      var r = rows[matching[k]], rule = data.rules[r[F.rule]];
      var tr = el("tr", r[F.waived] ? "waived" : null);
      var sev = el("td"); sev.appendChild(el("span", "sev " + SEV[r[F.sev]], SEV[r[F.sev]])); tr.appendChild(sev);
      var rc = el("td"); rc.appendChild(el("span", "mono", rule.key)); rc.title = rule.title; tr.appendChild(rc);
      var sc = el("td"); sc.appendChild(el("span", "mono", r[F.subject]));
      sc.appendChild(el("span", "tag", r[F.kind]));
      if (r[F.site] && r[F.site] !== r[F.subject]) sc.appendChild(el("span", "why", "site " + r[F.site]));
      tr.appendChild(sc);
      tr.appendChild(el("td", data.operators[r[F.op]] ? null : "muted", opText(r)));
      tr.appendChild(el("td", null, data.vendors[r[F.vendor]]));
      tr.appendChild(el("td", "mono", r[F.effective] || ""));
      tr.appendChild(findingCell(r));
      frag.appendChild(tr);
    }
    tbody.appendChild(frag);
    var text = "Showing " + fmtInt(n) + " of " + fmtInt(matching.length) + " matching findings";
    if (data.findings_total > rows.length)
      text += " (the page holds the " + fmtInt(rows.length) + " most severe of " + fmtInt(data.findings_total) +
              "; the JSON, CSV and SARIF outputs hold all)";
    count.textContent = text + ".";
    more.hidden = n >= matching.length;
  }

  ["severity", "policy", "operator", "vendor", "waived"].forEach(function (k) { ctl[k].addEventListener("change", apply); });
  // Links from the top of the page and from the rules table show the findings they count.
  Array.prototype.forEach.call(document.querySelectorAll("a.card[data-severity]"), function (a) {
    a.addEventListener("click", function () { ctl.severity.value = a.getAttribute("data-severity"); apply(); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a.to-findings[data-rule]"), function (a) {
    a.addEventListener("click", function () {
      ctl.severity.value = ""; ctl.text.value = a.getAttribute("data-rule"); apply();
    });
  });
  ctl.text.addEventListener("input", apply);
  more.addEventListener("click", function () { shown += PAGE; render(); });
  Array.prototype.forEach.call(document.querySelectorAll("table.findings th[data-key]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      sortAsc = key === sortKey ? !sortAsc : true;
      sortKey = key;
      Array.prototype.forEach.call(th.parentNode.children, function (o) { o.classList.remove("sorted", "asc"); });
      th.classList.add("sorted");
      if (sortAsc) th.classList.add("asc");
      apply();
    });
  });
  apply();

  // ---- Map ----
  // The base map of map.js, fitted to the plotted sites.
  function drawMap() {
    var host = document.getElementById("map"), sites = data.map.sites;
    var legend = document.getElementById("map-legend");
    if (!sites.length) { host.textContent = "No site has coordinates."; return; }
    var map = netvetBaseMap(sites, {width: 640, minSpanDegrees: 0.5, margin: 1.12,
                                    label: "Map of sites coloured by their worst finding"});
    var svg = map.svg, px = map.px, py = map.py;

    // Sites come clean first and worst last, so the worst are drawn on top.
    var counts = [0, 0, 0, 0, 0];
    sites.forEach(function (s) {
      var worst = s[2], cls = worst < SEV.length ? SEV[worst] : "none";
      counts[worst]++;
      var c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", px(s[0]).toFixed(1));
      c.setAttribute("cy", py(s[1]).toFixed(1));
      c.setAttribute("r", worst < SEV.length ? (worst === 0 ? 4.2 : 3.6) : 2.2);
      c.setAttribute("class", "site " + cls);
      var t = document.createElementNS(SVG, "title");
      t.textContent = s[4] + " (" + (data.operators[s[5]] || "no operator") + "): " +
          (s[3] ? s[3] + " finding" + (s[3] > 1 ? "s" : "") + ", worst " + cls : "no findings");
      c.appendChild(t);
      c.addEventListener("click", function () { ctl.text.value = s[4]; apply(); ctl.text.scrollIntoView({ block: "center" }); });
      svg.appendChild(c);
    });
    host.textContent = "";
    host.appendChild(svg);

    SEV.concat(["no findings"]).forEach(function (name, i) {
      var item = el("span");
      var dot = el("i");
      dot.style.background = "var(--" + (i < SEV.length ? name : "none") + ")";
      item.appendChild(dot);
      item.appendChild(document.createTextNode(name + " (" + fmtInt(counts[i]) + ")"));
      legend.appendChild(item);
    });
  }
  try { drawMap(); } catch (e) { document.getElementById("map").textContent = "The map could not be drawn: " + e; }
})();
