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
    var map = netvetBaseMap(all, {width: 560, minSpanDegrees: 0.05, margin: 1.15,
                                  label: "Map of facilities coloured by exposure"});
    var svg = map.svg, px = map.px, py = map.py;
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
