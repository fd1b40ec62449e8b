// Small text helpers shared by the self-contained HTML pages (check and exposure).

#include "report/html/html_text.h"

#include <cassert>

#include <nlohmann/json.hpp>

namespace netvet::report::html {

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON inside <script type="application/json">: '<' can only occur inside strings,
// where \u003c means the same, so no "</script>" or "<!--" can end the block early.
std::string script_safe(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (const char c : json_text) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

// Replaces each {{name}} of the template once, in one pass, so that nothing inserted
// is itself searched for placeholders.
std::string fill(std::string_view tpl, const std::map<std::string, std::string, std::less<>>& vars) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = tpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = tpl.find("}}", open);
    assert(close != std::string_view::npos);
    out.append(tpl.substr(pos, open - pos));
    const auto it = vars.find(tpl.substr(open + 2, close - open - 2));
    assert(it != vars.end() && "report.html names a placeholder the caller does not fill");
    if (it != vars.end()) out += it->second;
    pos = close + 2;
  }
  out.append(tpl.substr(pos));
  return out;
}

std::string package_version(std::string_view package_json) {
  const auto j = nlohmann::json::parse(package_json, nullptr, false);
  return j.is_object() && j.contains("version") && j["version"].is_string() ? j["version"].get<std::string>() : "?";
}

}  // namespace netvet::report::html
