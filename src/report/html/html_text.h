#pragma once
// Text helpers shared by the self-contained HTML pages (check and exposure): escaping,
// JSON safe inside a <script> block, {{placeholder}} templates, npm package versions.

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace netvet::report::html {

// Text safe inside HTML elements and attribute values.
std::string esc(std::string_view s);
// JSON text safe inside <script type="application/json">.
std::string script_safe(std::string_view json_text);
// The template with every {{name}} replaced by vars[name].
std::string fill(std::string_view tpl, const std::map<std::string, std::string, std::less<>>& vars);
// The "version" of an npm package.json.
std::string package_version(std::string_view package_json);

}  // namespace netvet::report::html
