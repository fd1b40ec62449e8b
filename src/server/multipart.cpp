// multipart/form-data, strictly (RFC 7578, RFC 2046 section 5.1.1): see multipart.h for
// what is accepted and why it is not a library.
#include "server/multipart.h"

#include <fmt/format.h>

#include <algorithm>
#include <random>

namespace netvet::server {
namespace {

using Failed = std::unexpected<std::string>;

bool is_token_char(char c) {  // RFC 9110 tchar
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_bchar(char c) {  // RFC 2046 bchars
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Up to 60 bytes from `text`, quoted, non-printable bytes as \xNN; or "the end of the body".
std::string shown(std::string_view text) {
  if (text.empty()) return "the end of the body";
  std::string out = "'";
  for (const char c : text.substr(0, 60)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) out += c;
    else if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else out += fmt::format("\\x{:02X}", byte);
  }
  return out + (text.size() > 60 ? "...'" : "'");
}

struct Parameter {
  std::string name;  // lower case
  std::string value;
};

// A header value `type; name=value; ...` (values tokens or quoted strings): its type,
// lower case, and its parameters; or what is wrong, for `what` ("the Content-Type").
std::expected<std::pair<std::string, std::vector<Parameter>>, std::string> parse_value(std::string_view text,
                                                                                       std::string_view what) {
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  };
  const auto token = [&] {
    const std::size_t from = at;
    while (at < text.size() && (is_token_char(text[at]) || text[at] == '/')) ++at;
    return text.substr(from, at - from);
  };
  skip_space();
  const std::string type = lower(token());
  if (type.empty()) return Failed(fmt::format("{} {} does not start with a type", what, shown(text)));
  std::vector<Parameter> parameters;
  for (;;) {
    skip_space();
    if (at == text.size()) break;
    if (text[at] != ';')
      return Failed(fmt::format("{} {}: expected ';' before {}", what, shown(text), shown(text.substr(at))));
    ++at;
    skip_space();
    const std::string name = lower(token());
    if (name.empty() || at == text.size() || text[at] != '=')
      return Failed(fmt::format("{} {}: expected a parameter name=value at {}", what, shown(text), shown(text.substr(at))));
    ++at;
    std::string value;
    if (at < text.size() && text[at] == '"') {
      ++at;
      bool closed = false;
      while (at < text.size()) {
        const char c = text[at++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\' && at < text.size()) value += text[at++];
        else value += c;
      }
      if (!closed) return Failed(fmt::format("{} {}: the quoted value of '{}' is not closed", what, shown(text), name));
    } else {
      const std::size_t from = at;
      while (at < text.size() && is_token_char(text[at])) ++at;
      value = text.substr(from, at - from);
      if (value.empty())
        return Failed(fmt::format("{} {}: parameter '{}' has no value; expected a token or a quoted string", what,
                                  shown(text), name));
    }
    if (std::ranges::any_of(parameters, [&](const Parameter& p) { return p.name == name; }))
      return Failed(fmt::format("{} {}: parameter '{}' comes twice", what, shown(text), name));
    parameters.push_back({name, std::move(value)});
  }
  return std::pair{type, std::move(parameters)};
}

const std::string* find(const std::vector<Parameter>& parameters, std::string_view name) {
  for (const auto& p : parameters)
    if (p.name == name) return &p.value;
  return nullptr;
}

std::string label(std::size_t index, const FormPart& part) {
  if (part.filename) return fmt::format("part {} ('{}')", index + 1, *part.filename);
  if (!part.name.empty()) return fmt::format("part {} (name '{}')", index + 1, part.name);
  return fmt::format("part {}", index + 1);
}

constexpr std::string_view kDispositionExpected = "expected Content-Disposition: form-data; name=\"...\"; filename=\"...\"";

// One header line of a part into `part`; what is wrong with it, if anything.
std::optional<std::string> read_header(std::string_view line, FormPart& part, bool& disposition,
                                       const std::string& where) {
  if (line.front() == ' ' || line.front() == '\t')
    return fmt::format("{}: header line {} is folded (starts with a space); expected each header on one line", where,
                       shown(line));
  for (const char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte == 0x7F)
      return fmt::format("{}: header line {} holds a control character; expected text", where, shown(line));
  }
  const auto colon = line.find(':');
  const std::string_view raw_name = line.substr(0, colon);
  if (colon == std::string_view::npos || raw_name.empty() || !std::ranges::all_of(raw_name, is_token_char))
    return fmt::format("{}: header line {} is not 'Name: value'", where, shown(line));
  const std::string name = lower(raw_name);
  const std::string_view value = trim(line.substr(colon + 1));
  if (name == "content-disposition") {
    if (disposition) return fmt::format("{}: a second Content-Disposition header; expected one", where);
    disposition = true;
    auto parsed = parse_value(value, "Content-Disposition");
    if (!parsed) return fmt::format("{}: {}", where, parsed.error());
    if (parsed->first != "form-data")
      return fmt::format("{}: Content-Disposition is {}; {}", where, shown(value), kDispositionExpected);
    const std::string* form_name = find(parsed->second, "name");
    if (form_name == nullptr || form_name->empty())
      return fmt::format("{}: Content-Disposition {} has {}; {}", where, shown(value),
                         form_name ? "an empty name" : "no name parameter", kDispositionExpected);
    part.name = *form_name;
    if (const std::string* filename = find(parsed->second, "filename")) part.filename = *filename;
  } else if (name == "content-type") {
    if (!part.content_type.empty()) return fmt::format("{}: a second Content-Type header; expected one", where);
    part.content_type = value;
  } else if (name == "content-transfer-encoding") {
    const std::string encoding = lower(value);
    if (encoding != "7bit" && encoding != "8bit" && encoding != "binary")
      return fmt::format("{}: Content-Transfer-Encoding {}; expected the bytes as they are (7bit, 8bit or binary): "
                         "RFC 7578 senders do not encode",
                         where, shown(value));
  }
  return std::nullopt;
}

}  // namespace

std::expected<std::string, std::string> form_data_boundary(std::string_view content_type) {
  auto parsed = parse_value(content_type, "the Content-Type");
  if (!parsed) return Failed(parsed.error());
  if (parsed->first != kFormDataMediaType)
    return Failed(fmt::format("the Content-Type is {}; expected multipart/form-data; boundary=...", shown(content_type)));
  const std::string* boundary = find(parsed->second, "boundary");
  if (boundary == nullptr)
    return Failed("the Content-Type multipart/form-data has no boundary parameter; expected multipart/form-data; "
                  "boundary=...");
  if (boundary->empty() || boundary->size() > 70 || !std::ranges::all_of(*boundary, is_bchar) || boundary->back() == ' ')
    return Failed(fmt::format("the boundary {} is not an RFC 2046 boundary; expected 1 to 70 letters, digits or "
                              "'()+_,-./:=? (not ending in a space)",
                              shown(*boundary)));
  return *boundary;
}

std::expected<std::vector<FormPart>, std::string> parse_form_data(std::string_view content_type, std::string_view body,
                                                                  const FormLimits& limits) {
  auto boundary = form_data_boundary(content_type);
  if (!boundary) return Failed(boundary.error());
  const std::string dash = "--" + *boundary, delimiter = "\r\n" + dash;
  // The first delimiter: at the start, or after a preamble and its CRLF.
  std::size_t at = 0;
  if (body.starts_with(dash)) {
    at = dash.size();
  } else {
    const auto first = body.find(delimiter);
    if (first == std::string_view::npos)
      return Failed(fmt::format("the body holds no line '{}'; expected the parts, each after a line '{}', the last "
                                "followed by '{}--'",
                                dash, dash, dash));
    at = first + delimiter.size();
  }
  std::vector<FormPart> parts;
  for (;;) {
    const std::string after = parts.empty() ? "the first delimiter" : "the delimiter after " + label(parts.size() - 1, parts.back());
    if (body.substr(at).starts_with("--")) {  // the close delimiter; the epilogue is ignored
      at += 2;
      while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
      if (at != body.size() && !body.substr(at).starts_with("\r\n"))
        return Failed(fmt::format("after the closing '{}--', {}; expected a line break (CRLF) or the end of the body",
                                  dash, shown(body.substr(at))));
      if (parts.empty()) return Failed("the body has no parts; expected one part per table file");
      return parts;
    }
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (!body.substr(at).starts_with("\r\n"))
      return Failed(fmt::format("{} ('{}') is followed by {}; expected a line break (CRLF), or '--' after the last part",
                                after, dash, shown(body.substr(at))));
    at += 2;
    if (parts.size() == limits.max_parts)
      return Failed(fmt::format("more than {} parts; a CSV bundle has at most 7 table files", limits.max_parts));
    FormPart part;
    std::string where = fmt::format("part {}", parts.size() + 1);
    bool disposition = false;
    const std::size_t headers_start = at;
    for (;;) {
      const auto lf = body.find('\n', at);
      if (lf == std::string_view::npos)
        return Failed(fmt::format("{}: the body ends in its headers; expected header lines, then an empty line, then "
                                  "the part's bytes",
                                  where));
      if (lf == at || body[lf - 1] != '\r')
        return Failed(fmt::format("{}: a header line ends with a bare LF; expected CRLF", where));
      if (lf + 1 - headers_start > limits.max_header_bytes)
        return Failed(fmt::format("{}: its headers exceed {} bytes", where, limits.max_header_bytes));
      const std::string_view line = body.substr(at, lf - 1 - at);
      at = lf + 1;
      if (line.empty()) break;
      if (auto problem = read_header(line, part, disposition, where)) return Failed(std::move(*problem));
      where = label(parts.size(), part);
    }
    if (!disposition) return Failed(fmt::format("{} has no Content-Disposition header; {}", where, kDispositionExpected));
    const auto end = body.find(delimiter, at);
    if (end == std::string_view::npos)
      return Failed(fmt::format("{}: the body ends inside the part (truncated?); expected a line '{}' after it, and "
                                "'{}--' after the last part",
                                where, dash, dash));
    part.body = body.substr(at, end - at);
    at = end + delimiter.size();
    parts.push_back(std::move(part));
  }
}

namespace {

// A quoted-string's content: quotes and backslashes escaped, as parse_value reads them.
std::string quoted(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

FormData write_form_data(std::span<const FormFile> files) {
  std::random_device random;
  std::string boundary;
  const auto taken = [&] {
    return std::ranges::any_of(files, [&](const FormFile& f) { return f.body.find(boundary) != std::string::npos; });
  };
  do {
    boundary = fmt::format("netvet-{:08x}{:08x}{:08x}{:08x}", random(), random(), random(), random());
  } while (taken());
  FormData out;
  out.content_type = fmt::format("{}; boundary={}", kFormDataMediaType, boundary);
  for (const auto& file : files) {
    out.body += fmt::format("--{}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\n", boundary,
                            quoted(file.filename), quoted(file.filename));
    if (!file.content_type.empty()) out.body += fmt::format("Content-Type: {}\r\n", file.content_type);
    out.body += "\r\n";
    out.body += file.body;
    out.body += "\r\n";
  }
  out.body += fmt::format("--{}--\r\n", boundary);
  return out;
}

}  // namespace netvet::server
