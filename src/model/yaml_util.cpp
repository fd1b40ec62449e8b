#include "model/yaml_util.h"

#include <fmt/format.h>

namespace netvet {

Result<YAML::Node> parse_yaml(std::string_view text, std::string_view file) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return fail(yaml_exception_problem(e, file, "YAML syntax error"));
  }
}

Diagnostic yaml_exception_problem(const YAML::Exception& e, std::string_view file, std::string_view message) {
  Diagnostic d;
  d.file = std::string(file);
  if (!e.mark.is_null()) {
    d.line = e.mark.line + 1;
    d.col = e.mark.column + 1;
  }
  d.message = message.empty() ? e.msg : fmt::format("{}: {}", message, e.msg);
  return d;
}

Diagnostic yaml_problem(const YAML::Node& node, std::string_view file, std::string_view key,
                        std::string message) {
  Diagnostic d;
  d.file = std::string(file);
  const YAML::Mark mark = node.Mark();
  d.column = std::string(key);
  if (!mark.is_null()) {
    d.line = mark.line + 1;
    d.col = mark.column + 1;
  }
  d.message = std::move(message);
  return d;
}

std::string yaml_string(const YAML::Node& node, const char* key, std::string fallback) {
  const YAML::Node value = node[key];
  if (!value || !value.IsScalar()) return fallback;
  return value.Scalar();
}

}  // namespace netvet
