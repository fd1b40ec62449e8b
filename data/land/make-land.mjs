// Writes data/land/CC.yaml, the approximate land mask `netvet generate` covers with rural
// cell sites (src/gen/coverage.cpp), from the country outlines of the npm package
// world-atlas (Natural Earth 1:50m, public domain) that the HTML report already uses.
//
//   npm ci --prefix web && node data/land/make-land.mjs
//
// A mask cell is land when any of 5 x 5 points spread over it lies inside the country's
// outline, so coastal cells count (their sites cover the coast). The grid spans the
// profile's bounding box; `cell_km` is its size at the box's middle latitude.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, "..", "..", "web");
const require = createRequire(join(web, "package.json"));
const topojson = require("topojson-client");
const atlas = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8"));
const version = JSON.parse(readFileSync(require.resolve("world-atlas/package.json"), "utf8")).version;
const countries = topojson.feature(atlas, atlas.objects.countries).features;

// ISO 3166-1 numeric ids (world-atlas feature ids) and the mask's cell size.
const wanted = {
  AU: { id: "036", cell_km: 24 }, CA: { id: "124", cell_km: 24 }, DE: { id: "276", cell_km: 12 },
  GB: { id: "826", cell_km: 12 }, IT: { id: "380", cell_km: 12 }, JP: { id: "392", cell_km: 12 },
  NZ: { id: "554", cell_km: 12 }, SE: { id: "752", cell_km: 12 }, US: { id: "840", cell_km: 24 },
};

function bbox(cc) {
  const text = readFileSync(join(here, "..", "profiles", `${cc}.yaml`), "utf8");
  const m = /bbox:\s*\{([^}]*)\}/.exec(text);
  const b = {};
  for (const part of m[1].split(",")) {
    const [k, v] = part.split(":").map((s) => s.trim());
    b[k] = Number(v);
  }
  return b;
}

// Even-odd ray casting over every ring of a (Multi)Polygon: holes come out right.
function inside(geometry, lon, lat) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let odd = false;
  for (const polygon of polygons)
    for (const ring of polygon)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i], [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
      }
  return odd;
}

for (const [cc, { id, cell_km }] of Object.entries(wanted)) {
  const feature = countries.find((f) => f.id === id);
  const b = bbox(cc);
  const mid = ((b.lat_min + b.lat_max) / 2) * (Math.PI / 180);
  const lat_step = +(cell_km / 111.2).toFixed(5);
  const lon_step = +(cell_km / (111.2 * Math.cos(mid))).toFixed(5);
  const rows = [];
  let land = 0;
  for (let lat = b.lat_min; lat < b.lat_max; lat += lat_step) {
    let row = "";
    for (let lon = b.lon_min; lon < b.lon_max; lon += lon_step) {
      let hit = false;
      for (let i = 0; i < 5 && !hit; ++i)
        for (let j = 0; j < 5 && !hit; ++j)
          hit = inside(feature.geometry, lon + ((j + 0.5) / 5) * lon_step, lat + ((i + 0.5) / 5) * lat_step);
      row += hit ? "#" : ".";
      land += hit;
    }
    rows.push(row);
  }
  const out = [
    `# Approximate land mask of ${cc} for \`netvet generate\` (src/gen/coverage.cpp): which cells of a`,
    `# grid over the profile's bbox hold land. Made by data/land/make-land.mjs from world-atlas`,
    `# ${version} countries-50m.json (Natural Earth 1:50m, public domain); a cell is land when any`,
    `# of 5 x 5 points over it is. Approximate: 1:50m outlines, cells of ~${cell_km} km.`,
    `country: ${cc}`,
    `source: "world-atlas ${version} countries-50m.json (Natural Earth 1:50m), https://github.com/topojson/world-atlas"`,
    `approximate: true`,
    `cell_km: ${cell_km}`,
    `lat_min: ${b.lat_min}`,
    `lon_min: ${b.lon_min}`,
    `lat_step: ${lat_step}`,
    `lon_step: ${lon_step}`,
    `land_cells: ${land}`,
    `rows:  # south to north, west to east; '#' land, '.' not`,
    ...rows.map((r) => `  - "${r}"`),
    "",
  ];
  writeFileSync(join(here, `${cc}.yaml`), out.join("\n"));
  console.log(cc, rows.length, "rows", rows[0].length, "cols", land, "land cells");
}
