#pragma once
// Internal to the report module: the files the HTML report inlines, compiled in by
// cmake/EmbedFiles.cmake (see src/report/CMakeLists.txt). Ours: report.html (the page
// template), report.css, report.js, map.js (the base map both pages draw on); the
// exposure page's exposure.html, .css and .js; the alliance page's alliance.html, .css
// and .js (which draws no map). From npm, pinned by web/package-lock.json:
// countries-50m.json and world-atlas/package.json (Natural Earth outlines, ISC), and
// topojson-client.min.js and topojson-client/package.json (the decoder, ISC).

#include <string>
#include <string_view>

namespace netvet::report::html {

// The named file's text; empty for an unknown name.
std::string_view asset(std::string_view name);

// A page's script (report.js or exposure.js) after map.js, which it calls.
inline std::string page_script(std::string_view name) {
  std::string script(asset("map.js"));
  script += asset(name);
  return script;
}

}  // namespace netvet::report::html
