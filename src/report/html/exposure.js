// The HTML report of `netvet exposure`: a map of the facilities, coloured by what they
// are exposed to, with the cell sites that serve them. Reads the page's JSON blocks;
// fetches nothing; text goes into the page with textContent only.
(function () {
  "use strict";
  var host = document.getElementById("map");
  if (!host) return;  // the outage page has no map
  var data = JSON.parse(document.getElementById("netvet-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";  // a namespace name, never fetched
  var STATUS = ["clean", "exposed", "isolated"];
  function draw() {
    // Each facility: [lon, lat, status, id]; each serving site: [lon, lat, id].
    var fac = data.facilities, sites = data.sites, all = fac.concat(sites);
    if (!all.length) { host.textContent = "No facility has coordinates."; return; }
    var rad = Math.PI / 180;
    function mx(lon) { return lon * rad; }
    function my(lat) { var c = Math.max(-85, Math.min(85, lat)) * rad; return -Math.log(Math.tan(Math.PI / 4 + c / 2)); }
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    all.forEach(function (p) {
      var x = mx(p[0]), y = my(p[1]);
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    });
    var minSpan = 0.05 * rad, w = Math.max(x1 - x0, minSpan), h = Math.max(y1 - y0, minSpan);
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    w *= 1.15; h *= 1.15;
    if (w / h > 4 / 3) h = w * 3 / 4;
    if (h / w > 4 / 3) w = h * 3 / 4;
    var W = 560, H = Math.round(W * h / w), k = W / w;
    x0 = cx - w / 2; y0 = cy - h / 2;
    function px(lon) { return (mx(lon) - x0) * k; }
    function py(lat) { return (my(lat) - y0) * k; }
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Map of facilities coloured by exposure");
    var atlas = JSON.parse(document.getElementById("netvet-atlas").textContent);
    var d = [];
    topojson.feature(atlas, atlas.objects.countries).features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      polys.forEach(function (p) {
        p.forEach(function (ring) {
          var rx0 = Infinity, rx1 = -Infinity, ry0 = Infinity, ry1 = -Infinity, pts = [];
          ring.forEach(function (c) {
            var x = px(c[0]), y = py(c[1]);
            rx0 = Math.min(rx0, x); rx1 = Math.max(rx1, x); ry0 = Math.min(ry0, y); ry1 = Math.max(ry1, y);
            pts.push(x.toFixed(1) + "," + y.toFixed(1));
          });
          if (rx1 < -W || rx0 > 2 * W || ry1 < -H || ry0 > 2 * H) return;
          d.push("M" + pts.join("L") + "Z");
        });
      });
    });
    var land = document.createElementNS(SVG, "path");
    land.setAttribute("class", "land");
    land.setAttribute("fill-rule", "evenodd");
    land.setAttribute("d", d.join(""));
    svg.appendChild(land);
    function dot(p, r, cls, title) {
      var c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", px(p[0]).toFixed(1));
      c.setAttribute("cy", py(p[1]).toFixed(1));
      c.setAttribute("r", r);
      c.setAttribute("class", cls);
      var t = document.createElementNS(SVG, "title");
      t.textContent = title;
      c.appendChild(t);
      svg.appendChild(c);
      return c;
    }
    sites.forEach(function (s) { dot(s, 2.2, "site none", "cell site " + s[2]); });
    var counts = [0, 0, 0];
    // Clean first, so that exposed and isolated facilities are drawn on top.
    fac.slice().sort(function (a, b) { return (a[2] === 0 ? 0 : 1) - (b[2] === 0 ? 0 : 1); }).forEach(function (f) {
      counts[f[2]]++;
      var c = dot(f, 5, "site " + (f[2] === 1 ? "critical" : f[2] === 2 ? "medium" : "fac-clean"), f[3] + ": " + STATUS[f[2]]);
      c.addEventListener("click", function () {
        var target = document.getElementById("fac-" + f[3]);
        if (target) target.scrollIntoView({ block: "center" });
      });
    });
    host.textContent = "";
    host.appendChild(svg);
    var legend = document.getElementById("map-legend");
    [["exposed", "var(--critical)", 1], ["isolated", "var(--medium)", 2], ["clean", "var(--ok)", 0]].forEach(function (x) {
      var item = document.createElement("span"), i = document.createElement("i");
      i.style.background = x[1];
      item.appendChild(i);
      item.appendChild(document.createTextNode(x[0] + " (" + counts[x[2]] + ")"));
      legend.appendChild(item);
    });
    var s = document.createElement("span"), i2 = document.createElement("i");
    i2.style.background = "var(--none)";
    s.appendChild(i2);
    s.appendChild(document.createTextNode("serving cell site"));
    legend.appendChild(s);
  }
  try { draw(); } catch (e) { host.textContent = "The map could not be drawn: " + e; }
})();
