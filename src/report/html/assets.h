#pragma once
// Internal to the report module: the files the HTML report inlines, compiled in by
// cmake/EmbedFiles.cmake (see src/report/CMakeLists.txt). Ours: report.html (the page
// template), report.css, report.js. From npm, pinned by web/package-lock.json:
// countries-50m.json and world-atlas/package.json (Natural Earth outlines, ISC), and
// topojson-client.min.js and topojson-client/package.json (the decoder, ISC).

#include <string_view>

namespace netvet::report::html {

// The named file's text; empty for an unknown name.
std::string_view asset(std::string_view name);

}  // namespace netvet::report::html
