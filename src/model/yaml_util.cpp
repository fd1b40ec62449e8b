#include "model/yaml_util.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "util/text.h"

namespace netvet {

namespace {

Diagnostic not_text(std::string_view file, std::int64_t line, std::int64_t col, std::string_view text,
                    std::size_t bad, std::string_view where) {
  Diagnostic d;
  d.file = std::string(file);
  d.line = line;
  d.col = col;
  d.value = fmt::format("0x{:02X}", static_cast<unsigned char>(text[bad]));
  d.message = fmt::format("not UTF-8 text: {}{}; expected UTF-8 text without control characters",
                          describe_non_text_byte(text, bad), where);
  return d;
}

// Escapes in double-quoted scalars ("\x00", "\ud800") make bytes the file itself does
// not hold: every key and value is checked once parsed. A node reached again through an
// alias (same mark) is not walked again, so "billion laughs" anchors cost nothing here.
std::optional<Diagnostic> check_scalars(const YAML::Node& root, std::string_view file) {
  std::vector<YAML::Node> stack{root};
  std::set<std::pair<int, int>> seen;
  while (!stack.empty()) {
    const YAML::Node node = stack.back();
    stack.pop_back();
    const YAML::Mark mark = node.Mark();
    if (!mark.is_null() && !seen.emplace(mark.line, mark.column).second) continue;
    if (node.IsScalar()) {
      const std::string& s = node.Scalar();
      if (const auto bad = find_non_text_byte(s))
        return not_text(file, mark.line + 1, mark.column + 1, s, *bad, fmt::format(" at byte {} of the value", *bad));
    } else if (node.IsSequence()) {
      for (const auto& item : node) stack.push_back(item);
    } else if (node.IsMap()) {
      for (const auto& item : node) {
        stack.push_back(item.first);
        stack.push_back(item.second);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<YAML::Node> parse_yaml(std::string_view text, std::string_view file) {
  // The file's own bytes first: yaml-cpp would pass overlong forms and surrogates on.
  if (const auto bad = find_non_text_byte(text)) {
    const auto head = text.substr(0, *bad);
    const auto line = 1 + static_cast<std::int64_t>(std::ranges::count(head, '\n'));
    const auto newline = head.rfind('\n');
    const auto col = static_cast<std::int64_t>(newline == std::string_view::npos ? *bad + 1 : *bad - newline);
    return fail(not_text(file, line, col, text, *bad, fmt::format(" at byte offset {}", *bad)));
  }
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (auto bad = check_scalars(root, file)) return fail(std::move(*bad));
    return root;
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
