// The HTML report of `netvet alliance`: draws, from the report's JSON (the netvet-data
// block, shared/spec/alliance.md "Output"), the matrix of countries by rules and per
// country its verdicts with their facts, the designated vendors' footprint per operator,
// what would change each verdict, the projection over the country's own deadlines and
// the partner's facilities with what would clear each. Fetches nothing; text goes into the page
// with textContent only.
//
// The JSON grows with the alliance module, so every member is read as optional: a
// section whose data is missing is left out, never an error. When it is done the script
// marks <body data-rendered="ok">, or "error" with the errors in data-error, so that a
// headless browser can tell a page that drew from one that failed
// (tests/report/alliance_html_browser_test.cpp).
(function () {
  "use strict";
  var body = document.body, errors = [];
  function fail(where, e) { errors.push(where + ": " + (e && e.message ? e.message : String(e))); }
  window.addEventListener("error", function (ev) {
    fail("script", ev.error || ev.message);
    body.setAttribute("data-rendered", "error");
    body.setAttribute("data-error", errors.join("; "));
  });

  // ---- Reading the JSON: every member optional ----
  function arr(x) { return Array.isArray(x) ? x : []; }
  function obj(x) { return x !== null && typeof x === "object" && !Array.isArray(x) ? x : null; }
  function str(x) { return typeof x === "string" ? x : x === undefined || x === null ? "" : String(x); }
  function num(x) { return typeof x === "number" && isFinite(x) ? x : null; }
  function fmtInt(n) { return n === null ? "" : Math.round(n).toLocaleString("en-GB"); }
  function plural(n, one, many) { return fmtInt(n) + " " + (n === 1 ? one : (many || one + "s")); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }

  var LEVELS = { "full": "full", "restricted": "restricted", "none": "none", "n/a": "na", "unvetted": "unvetted" };
  var ORDER = { "none": 0, "restricted": 1, "unvetted": 2, "full": 3, "n/a": 4 };
  function verdictClass(v) { return LEVELS.hasOwnProperty(v) ? LEVELS[v] : "unknown"; }
  // A verdict chip: `v` its level, `title` the hover text, `dormant` not in force.
  function chip(v, title, dormant) {
    var s = el("span", "v v-" + verdictClass(str(v)) + (dormant ? " dormant" : ""), str(v) || "\u2013");
    if (title) s.title = title;
    return s;
  }
  function cell(v, title, dormant) {
    var td = el("td", "cell");
    td.setAttribute("data-verdict", str(v));
    td.appendChild(chip(v, title, dormant));
    return td;
  }

  function idList(ids, count, first) {
    // The first few ids inline, all of those the report lists behind a disclosure, and
    // how many more the count says there are.
    ids = arr(ids).map(str);
    var wrap = el("div", "first-ids");
    if (!ids.length) {
      wrap.appendChild(el("span", "muted", count ? "ids not listed" : "\u2013"));
      return wrap;
    }
    first = first || 4;
    ids.slice(0, first).forEach(function (id, i) {
      if (i) wrap.appendChild(document.createTextNode(", "));
      wrap.appendChild(el("span", "mono", id));
    });
    var more = (count !== null && count > ids.length) ? count - ids.length : 0;
    if (ids.length > first || more) {
      var d = el("details", "ids");
      d.appendChild(el("summary", null, ids.length > first ? "all " + fmtInt(ids.length) + " listed" +
                                                              (more ? " (of " + fmtInt(count) + ")" : "")
                                                           : "and " + fmtInt(more) + " more"));
      var list = add(d, el("div", "list"));
      ids.forEach(function (id) { list.appendChild(el("span", "mono", id)); });
      if (more) list.appendChild(el("span", "muted", "\u2026 and " + fmtInt(more) + " more, not listed in the report"));
      wrap.appendChild(d);
    }
    return wrap;
  }

  var data;
  try {
    data = obj(JSON.parse(document.getElementById("netvet-data").textContent)) || {};
  } catch (e) {
    fail("data", e);
    data = {};
  }
  var asOf = str(data.as_of);
  var countries = arr(data.countries).filter(obj);

  // ---- The rules: the matrix's columns ----
  // The report's rules in order; should it list none, those the countries' verdicts name.
  var rules = arr(data.rules).filter(obj).map(function (r) {
    return { pack: str(r.pack), id: str(r.id), title: str(r.title), kind: str(r.kind), scope: str(r.scope),
             status: str(r.status), verdict: str(r.verdict), effective: str(r.effective), applies: obj(r.applies_to) };
  });
  if (!rules.length) {
    countries.forEach(function (c) {
      arr(c.verdicts).filter(obj).forEach(function (v) {
        var known = rules.some(function (r) { return r.id === str(v.rule) && r.pack === str(v.pack); });
        if (!known) {
          rules.push({ pack: str(v.pack), id: str(v.rule), title: "", kind: "", scope: "", status: "", verdict: "",
                       effective: "", applies: null });
        }
      });
    });
  }
  rules.forEach(function (r, i) { r.n = i + 1; });
  // A verdict of a list (a country's, or a projection date's) for a rule: by id, and by
  // pack when the entry names one.
  function verdictFor(list, r) {
    var found = null;
    arr(list).some(function (v) {
      if (!obj(v) || str(v.rule) !== r.id || (v.pack !== undefined && str(v.pack) !== r.pack)) return false;
      found = v;
      return true;
    });
    return found;
  }
  var STATUS = { enacted: "law in force", bill: "counts only if enacted",
                 statement: "an official's statement; counts only if it were law" };
  function ruleTitle(r) {
    var lines = [r.title || r.id];
    lines.push("Rule " + r.n + ": " + r.pack + " " + r.id + (r.kind ? " (" + r.kind + ")" : ""));
    if (r.scope) lines.push("Scope: " + r.scope);
    if (r.status) {
      lines.push("Legal status: " + r.status + (STATUS.hasOwnProperty(r.status) ? " (" + STATUS[r.status] + ")" : ""));
    }
    if (r.verdict) lines.push("Verdict where it has findings: " + r.verdict);
    if (r.effective) lines.push("Effective: " + r.effective);
    if (r.applies) {
      var who = arr(r.applies.alliances).concat(arr(r.applies.countries)).map(str).join(", ");
      lines.push("Concerns: " + (who || "no country"));
    }
    return lines.join("\n");
  }
  function ruleHeader(r, cls) {
    var th = el("th", "rule" + (cls ? " " + cls : ""));
    th.setAttribute("scope", "col");
    th.setAttribute("data-rule", r.pack + " " + r.id);
    th.title = ruleTitle(r);
    var a = add(th, el("a", null));
    a.href = "#rule-" + r.n;
    a.appendChild(el("span", "n", String(r.n)));
    a.appendChild(el("span", "id", r.id));
    var tags = add(th, el("span", "tags"));
    if (r.scope) tags.appendChild(el("span", "tag scope-" + r.scope.replace(/[^a-z-]/g, ""), r.scope));
    if (r.status) tags.appendChild(el("span", "tag status-" + r.status.replace(/[^a-z-]/g, ""), r.status));
    return th;
  }

  // The overall levels of an object { intelligence, co-location, if_enacted: {...} }.
  var OVERALL = [["intelligence", false, "Intelligence"], ["co-location", false, "Co-location"],
                 ["intelligence", true, "If enacted: intelligence"], ["co-location", true, "If enacted: co-location"]];
  function overallLevel(overall, scope, ifEnacted) {
    var o = obj(overall);
    if (o && ifEnacted) o = obj(o.if_enacted);
    return o ? str(o[scope]) : "";
  }
  var OVERALL_TITLE = [
    "Intelligence sharing: the worst verdict over the enacted intelligence rules in force",
    "Co-location: the worst verdict over the enacted co-location rules in force",
    "Intelligence sharing if every rule in force were law (bills and statements included)",
    "Co-location if every rule in force were law (bills and statements included)"];

  function countryName(c) {
    var code = str(c.code), name = str(c.name);
    return !name || name === code ? code : code + " " + name;
  }
  function verdictTitle(v) {
    var lines = [];
    if (str(v.because)) lines.push(str(v.because));
    if (v.in_force === false) lines.push("Not in force on " + asOf + ".");
    if (num(v.findings) !== null) lines.push(plural(num(v.findings), "finding"));
    if (num(v.unvetted)) lines.push(plural(num(v.unvetted), "facility", "facilities") + " that cannot be vetted");
    return lines.join("\n");
  }

  // ---- 1. The matrix ----
  function drawMatrix() {
    var host = document.getElementById("matrix");
    var table = el("table", "matrix");
    table.id = "matrix-table";
    var hr = add(add(table, el("thead")), el("tr"));
    hr.appendChild(el("th", null, "Country"));
    rules.forEach(function (r) { hr.appendChild(ruleHeader(r)); });
    OVERALL.forEach(function (o, i) {
      var th = add(hr, el("th", "overall", o[2]));
      th.title = OVERALL_TITLE[i];
    });
    var tb = add(table, el("tbody"));
    countries.forEach(function (c) {
      var tr = add(tb, el("tr"));
      tr.setAttribute("data-country", str(c.code));
      var th = add(tr, el("th"));
      th.setAttribute("scope", "row");
      var a = add(th, el("a", null, countryName(c)));
      a.href = "#country-" + str(c.code);
      if (arr(c.alliances).length) th.appendChild(el("small", null, arr(c.alliances).map(str).join(", ")));
      rules.forEach(function (r) {
        var v = verdictFor(c.verdicts, r);
        if (!v) {
          var td = add(tr, el("td", "cell"));
          td.setAttribute("data-verdict", "");
          td.appendChild(chip("", "not judged in this report"));
          return;
        }
        // A rule not in force is marked, unless it does not concern the country at all.
        var dormant = v.in_force === false && str(v.verdict) !== "n/a";
        var text = str(v.verdict) + (dormant ? "*" : "");
        var c2 = add(tr, cell(v.verdict, verdictTitle(v), dormant));
        c2.setAttribute("data-rule", r.pack + " " + r.id);
        var s = c2.firstChild;
        s.textContent = text;
        var f = num(v.findings);
        if (f) s.appendChild(el("span", "f", plural(f, "finding")));
        else if (dormant) s.appendChild(el("span", "f", "not in force"));
      });
      OVERALL.forEach(function (o, i) {
        var td = add(tr, cell(overallLevel(c.overall, o[0], o[1]), OVERALL_TITLE[i]));
        td.className += " overall";
      });
    });
    host.textContent = "";
    host.appendChild(table);
  }

  // ---- Per country ----
  // Whether a country's tables name the network of each row: only when it has several.
  function severalNetworks(c) { return arr(c.networks).length > 1; }
  function section(parent, title, note) {
    var h = add(parent, el("h3", null, title));
    if (note) parent.appendChild(el("p", "about", note));
    return h;
  }

  // The verdicts with the facts behind them (what the matrix shows on hover).
  function drawReasons(panel, c) {
    var vs = arr(c.verdicts).filter(obj);
    if (!vs.length) return;
    section(panel, "Verdicts and the facts behind them");
    var t = add(panel, el("table", "reasons"));
    var hr = add(add(t, el("thead")), el("tr"));
    ["Rule", "Verdict", "Findings", "Why"].forEach(function (h, i) { hr.appendChild(el("th", i === 2 ? "num" : null, h)); });
    var tb = add(t, el("tbody"));
    vs.forEach(function (v) {
      var r = rules.filter(function (x) { return x.id === str(v.rule) && (v.pack === undefined || x.pack === str(v.pack)); })[0];
      var tr = add(tb, el("tr"));
      var rc = add(tr, el("td"));
      rc.appendChild(el("span", "mono", (r ? r.n + ". " : "") + str(v.rule)));
      if (r && r.title) rc.title = r.title;
      var dormant = v.in_force === false && str(v.verdict) !== "n/a";
      add(tr, el("td")).appendChild(chip(v.verdict, null, dormant));
      tr.appendChild(el("td", "num", num(v.findings) === null ? "" : fmtInt(num(v.findings))));
      var why = add(tr, el("td", null, str(v.because)));
      if (dormant) why.appendChild(el("span", "because", "Not in force on " + asOf + "."));
      if (num(v.unvetted)) {
        why.appendChild(el("span", "because", plural(num(v.unvetted), "facility", "facilities") +
                                              " cannot be vetted: isolated, no serving cell reaches a core."));
      }
    });
  }

  // 2. The designated vendors' footprint per operator.
  function drawFootprint(panel, c) {
    var fp = obj(c.footprint);
    if (!fp) return;
    var vendors = arr(fp.vendors).map(str);
    section(panel, "Footprint of the designated vendors",
            (vendors.length ? "Designated: " + vendors.join(", ") + ". " : "") +
            (num(fp.facilities_exposed) !== null
                 ? "Partner facilities exposed: " + fmtInt(num(fp.facilities_exposed)) + "." : ""));
    var ops = arr(fp.operators).filter(obj);
    if (!ops.length) { panel.appendChild(el("p", "empty", "No operator listed.")); return; }
    var withNetwork = severalNetworks(c) && ops.some(function (o) { return str(o.network) !== ""; });
    var t = add(panel, el("table", "footprint"));
    var hr = add(add(t, el("thead")), el("tr"));
    var heads = [["Operator"], ["Network"], ["Designated elements", "num"], ["In the core", "num"], ["In 5G", "num"],
                 ["RAN sites with them", "num"], ["Share of RAN sites"]];
    heads.forEach(function (h) { if (h[0] !== "Network" || withNetwork) hr.appendChild(el("th", h[1], h[0])); });
    var tb = add(t, el("tbody"));
    ops.forEach(function (o) {
      var tr = add(tb, el("tr"));
      tr.setAttribute("data-operator", str(o.id));
      tr.appendChild(el("td", "mono", str(o.id)));
      if (withNetwork) tr.appendChild(el("td", "muted", str(o.network)));
      tr.appendChild(el("td", "num", fmtInt(num(o.designated_elements))));
      tr.appendChild(el("td", "num", fmtInt(num(o.designated_core))));
      tr.appendChild(el("td", "num", fmtInt(num(o.designated_5g))));
      var dr = num(o.designated_ran_sites), rs = num(o.ran_sites);
      tr.appendChild(el("td", "num", dr === null ? "" : fmtInt(dr) + (rs === null ? "" : " of " + fmtInt(rs))));
      var share = num(o.designated_ran_share);
      if (share === null && dr !== null && rs) share = dr / rs;
      var sc = add(tr, el("td"));
      if (share !== null) {
        var w = add(sc, el("div", "share"));
        var track = add(w, el("div", "track"));
        var fill = add(track, el("div", "fill"));
        fill.style.width = (100 * Math.max(0, Math.min(1, share))).toFixed(1) + "%";
        w.appendChild(el("b", null, (100 * share).toFixed(1) + "%"));
        w.title = "share of the operator's RAN sites with a designated vendor's element";
      }
    });
  }

  // 3. What would change each verdict: per rule with findings, per operator.
  function drawChanges(panel, c) {
    var vs = arr(c.verdicts).filter(function (v) { return obj(v) && arr(v.to_change).length; });
    if (!vs.length) return;
    section(panel, "What would change a verdict",
            "Per rule with findings: the fewest replacements, by a vendor the rule does not designate, " +
            "after which it has none.");
    var t = add(panel, el("table", "changes"));
    var hr = add(add(t, el("thead")), el("tr"));
    ["Rule", "Verdict", "Operator", "Elements to replace", "Which"].forEach(function (h, i) {
      hr.appendChild(el("th", i === 3 ? "num" : null, h));
    });
    var tb = add(t, el("tbody"));
    vs.forEach(function (v) {
      var changes = arr(v.to_change).filter(obj);
      changes.forEach(function (ch, i) {
        var tr = add(tb, el("tr"));
        tr.setAttribute("data-rule", str(v.rule));
        if (i === 0) {
          var rc = add(tr, el("td", "mono", str(v.rule)));
          rc.rowSpan = changes.length;
          var vc = add(tr, el("td"));
          vc.rowSpan = changes.length;
          vc.appendChild(chip(v.verdict, str(v.because)));
        }
        var oc = add(tr, el("td"));
        oc.appendChild(el("span", "mono", str(ch.operator)));
        if (severalNetworks(c) && str(ch.network)) oc.appendChild(el("span", "because", str(ch.network)));
        var n = num(ch.count);
        if (n === null) n = arr(ch.elements).length;
        tr.appendChild(el("td", "num", fmtInt(n)));
        add(tr, el("td")).appendChild(idList(ch.elements, n));
      });
    });
  }

  // 4. The projection: the verdicts on the date judged, then on each date the country's
  // own deadlines change them, assuming its operators replace what their regime requires.
  function drawProjection(panel, c) {
    var steps = arr(c.projection).filter(obj);
    if (!steps.length) return;
    section(panel, "Projection over the country's own deadlines",
            "Each date on which the country's regime changes what its operators must have replaced, assuming they replace " +
            "exactly that by then. A black outline marks a verdict that changed since the date before.");
    var cols = [{ date: asOf || "as of", label: "as of", verdicts: c.verdicts, overall: c.overall, events: [], replaced: null }];
    steps.forEach(function (s) {
      cols.push({ date: str(s.date), verdicts: s.verdicts, overall: s.overall, events: arr(s.events).map(str),
                  replaced: num(s.replaced) });
    });
    var t = add(panel, el("table", "timeline"));
    t.setAttribute("data-country", str(c.code));
    var hr = add(add(t, el("thead")), el("tr"));
    hr.appendChild(el("th", null, "Rule"));
    cols.forEach(function (col, i) {
      var th = add(hr, el("th", "date", col.date));
      th.setAttribute("data-date", col.date);
      if (i === 0) th.appendChild(el("small", null, "judged"));
      else if (col.replaced !== null) th.appendChild(el("small", null, plural(col.replaced, "replaced", "replaced")));
      th.title = i === 0 ? "the date judged" : (col.events.length ? "Deadlines: " + col.events.join(", ") : "") +
          (col.replaced !== null ? "\n" + plural(col.replaced, "element") + " replaced by then" : "");
    });
    var tb = add(t, el("tbody"));
    function row(label, title, cls, level) {
      var tr = add(tb, el("tr", cls));
      var th = add(tr, el("th", null, label));
      th.setAttribute("scope", "row");
      if (title) th.title = title;
      var before = null;
      cols.forEach(function (col, i) {
        var v = level(col);
        var td = add(tr, v === null ? el("td", "cell") : cell(v, "", false));
        if (v === null) { td.appendChild(el("span", "muted", "\u2013")); return; }
        if (i > 0 && before !== null && v !== before) {
          td.firstChild.className += " changed";
          td.firstChild.title = before + " \u2192 " + v + " on " + col.date;
        }
        before = v;
      });
      return tr;
    }
    rules.forEach(function (r) {
      var tr = row(r.n + ". " + r.id, ruleTitle(r), "rule", function (col) {
        var v = verdictFor(col.verdicts, r);
        return v ? str(v.verdict) : null;
      });
      tr.setAttribute("data-rule", r.pack + " " + r.id);
    });
    OVERALL.forEach(function (o, i) {
      row(o[2], OVERALL_TITLE[i], "overall", function (col) {
        var v = overallLevel(col.overall, o[0], o[1]);
        return v || null;
      });
    });
    var events = cols.filter(function (col) { return col.events.length; });
    if (events.length) {
      var ul = add(panel, el("ul", "events"));
      events.forEach(function (col) {
        var li = add(ul, el("li"));
        li.appendChild(el("b", null, col.date + ": "));
        li.appendChild(document.createTextNode(col.events.join(", ")));
      });
    }
  }

  // 5. The partner's facilities under each co-location rule, exposed ones first, each
  // with what would clear it (to_change): the designated elements to replace, per
  // serving operator.
  function facilityRow(tb, f, withNetwork, withCut) {
    var tr = add(tb, el("tr"));
    tr.setAttribute("data-facility", str(f.id));
    var id = add(tr, el("td"));
    id.appendChild(el("span", "mono", str(f.id)));
    if (str(f.name)) id.appendChild(el("span", "because", str(f.name)));
    tr.appendChild(el("td", null, str(f.kind)));
    if (withNetwork) tr.appendChild(el("td", "muted", str(f.network)));
    tr.appendChild(el("td", "mono", str(f.operator)));
    add(tr, el("td")).appendChild(chip(f.verdict));
    if (!withCut) return;
    var cut = add(tr, el("td", "cut"));
    var parts = arr(f.to_change).filter(obj);
    parts.forEach(function (p) {
      var d = add(cut, el("div"));
      d.appendChild(el("b", "mono", str(p.operator) + ": "));
      d.appendChild(document.createTextNode(plural(arr(p.elements).length, "element") + " "));
      d.appendChild(idList(p.elements, arr(p.elements).length, 3));
    });
    if (!parts.length) cut.appendChild(el("span", "muted", "\u2013"));
  }
  // The to-change column only when the report gives it.
  function facilityTable(parent, list, withNetwork) {
    var withCut = list.some(function (f) { return Array.isArray(f.to_change); });
    var t = add(parent, el("table", "facilities"));
    var hr = add(add(t, el("thead")), el("tr"));
    ["Facility", "Kind", "Network", "Exposed operator", "Verdict", "To change: the elements to replace"].forEach(function (h) {
      if ((h !== "Network" || withNetwork) && (h.indexOf("Cut") !== 0 || withCut)) hr.appendChild(el("th", null, h));
    });
    var tb = add(t, el("tbody"));
    list.forEach(function (f) { facilityRow(tb, f, withNetwork, withCut); });
    return t;
  }
  function drawFacilities(panel, c) {
    arr(c.verdicts).filter(function (v) { return obj(v) && arr(v.facilities).length; }).forEach(function (v) {
      var all = arr(v.facilities).filter(obj).slice().sort(function (a, b) {
        var x = ORDER.hasOwnProperty(str(a.verdict)) ? ORDER[str(a.verdict)] : 5;
        var y = ORDER.hasOwnProperty(str(b.verdict)) ? ORDER[str(b.verdict)] : 5;
        return x - y;
      });
      var flagged = all.filter(function (f) { var l = str(f.verdict); return l !== "full" && l !== "n/a"; });
      var rest = all.filter(function (f) { var l = str(f.verdict); return l === "full" || l === "n/a"; });
      section(panel, "The partner's facilities under " + str(v.rule),
              plural(all.length, "facility", "facilities") + ": " + fmtInt(flagged.length) + " exposed or unvetted, " +
              fmtInt(rest.length) + " full or not concerned.");
      if (flagged.length) facilityTable(panel, flagged, severalNetworks(c)).setAttribute("data-rule", str(v.rule));
      else panel.appendChild(el("p", "empty", "No facility is exposed."));
      if (rest.length) {
        var d = add(panel, el("details", "ids"));
        d.appendChild(el("summary", null, "the " + plural(rest.length, "facility", "facilities") + " full or not concerned"));
        facilityTable(d, rest, severalNetworks(c));
      }
    });
  }

  function drawCountry(host, c) {
    var panel = add(host, el("section", "panel country"));
    panel.id = "country-" + str(c.code);
    var h = add(panel, el("h2", null, countryName(c)));
    if (arr(c.alliances).length) h.appendChild(el("span", "sub", arr(c.alliances).map(str).join(", ")));
    if (arr(c.networks).length) h.appendChild(el("span", "sub", "networks: " + arr(c.networks).map(str).join("; ")));
    var line = add(panel, el("div", "overall-line"));
    OVERALL.forEach(function (o, i) {
      var s = add(line, el("span", null, o[2]));
      s.appendChild(chip(overallLevel(c.overall, o[0], o[1]), OVERALL_TITLE[i]));
    });
    var parts = [["verdicts", drawReasons], ["footprint", drawFootprint], ["to_change", drawChanges],
                 ["projection", drawProjection], ["facilities", drawFacilities]];
    parts.forEach(function (p) {
      try { p[1](panel, c); } catch (e) { fail(str(c.code) + " " + p[0], e); }
    });
  }

  try { drawMatrix(); } catch (e) { fail("matrix", e); }
  var note = document.getElementById("matrix-note");
  if (note && !errors.length) note.remove();
  var host = document.getElementById("countries");
  countries.forEach(function (c) {
    try { drawCountry(host, c); } catch (e) { fail(str(c.code), e); }
  });
  body.setAttribute("data-rendered", errors.length ? "error" : "ok");
  if (errors.length) body.setAttribute("data-error", errors.join("; "));
})();
