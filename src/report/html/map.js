// The base map both HTML pages (check and exposure) draw on: a Mercator projection
// fitted to the points shown, padded, over the country outlines of the page's
// "netvet-atlas" block (world-atlas TopoJSON, decoded by topojson-client). Fetches
// nothing. C++ puts this file before each page's own script.
//   points: [[lon, lat, ...], ...], at least one
//   opts: {width (pixels), minSpanDegrees (the least span shown), margin (factor), label}
// Returns {svg, px, py}: the <svg> with the land drawn, and longitude and latitude to
// its pixels.
function netvetBaseMap(points, opts) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";  // a namespace name, never fetched
  var rad = Math.PI / 180;
  function mx(lon) { return lon * rad; }
  function my(lat) {
    var c = Math.max(-85, Math.min(85, lat)) * rad;
    return -Math.log(Math.tan(Math.PI / 4 + c / 2));
  }
  var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  points.forEach(function (p) {
    var x = mx(p[0]), y = my(p[1]);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  });
  // At least minSpanDegrees across, plus the margin; then keep the aspect between
  // landscape 4:3 and portrait 3:4 by widening the narrow side.
  var minSpan = opts.minSpanDegrees * rad;
  var w = Math.max(x1 - x0, minSpan), h = Math.max(y1 - y0, minSpan);
  var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  w *= opts.margin; h *= opts.margin;
  if (w / h > 4 / 3) h = w * 3 / 4;
  if (h / w > 4 / 3) w = h * 3 / 4;
  var W = opts.width, H = Math.round(W * h / w), k = W / w;
  x0 = cx - w / 2; y0 = cy - h / 2;
  function px(lon) { return (mx(lon) - x0) * k; }
  function py(lat) { return (my(lat) - y0) * k; }

  var svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 " + W + " " + H);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", opts.label);

  var atlas = JSON.parse(document.getElementById("netvet-atlas").textContent);
  var d = [];
  function ring(coords) {
    // Skip rings wholly outside the view: most of the world is.
    var rx0 = Infinity, rx1 = -Infinity, ry0 = Infinity, ry1 = -Infinity, pts = [];
    for (var i = 0; i < coords.length; i++) {
      var x = px(coords[i][0]), y = py(coords[i][1]);
      if (x < rx0) rx0 = x; if (x > rx1) rx1 = x; if (y < ry0) ry0 = y; if (y > ry1) ry1 = y;
      pts.push(x.toFixed(1) + "," + y.toFixed(1));
    }
    if (rx1 < -W || rx0 > 2 * W || ry1 < -H || ry0 > 2 * H) return;
    d.push("M" + pts.join("L") + "Z");
  }
  topojson.feature(atlas, atlas.objects.countries).features.forEach(function (f) {
    var g = f.geometry;
    if (!g) return;
    var polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    polys.forEach(function (p) { p.forEach(ring); });
  });
  var land = document.createElementNS(SVG, "path");
  land.setAttribute("class", "land");
  land.setAttribute("fill-rule", "evenodd");
  land.setAttribute("d", d.join(""));
  svg.appendChild(land);
  return {svg: svg, px: px, py: py};
}
