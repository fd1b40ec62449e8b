#include "util/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

namespace netvet {

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_list(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  while (true) {
    const auto pos = s.find(sep);
    const auto part = trim(s.substr(0, pos));
    if (!part.empty()) parts.push_back(part);
    if (pos == std::string_view::npos) break;
    s.remove_prefix(pos + 1);
  }
  return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest(std::string_view word, std::span<const std::string> candidates,
                                 std::size_t max) {
  if (word.size() > kMaxSuggestLength) return {};
  const std::string lower = to_lower(word);
  const std::size_t limit = std::max<std::size_t>(2, lower.size() / 3);
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& candidate : candidates) {
    const std::string c = to_lower(candidate);
    std::size_t d = edit_distance(lower, c);
    const bool prefix = lower.size() >= 3 && (c.starts_with(lower) || lower.starts_with(c));
    if (prefix) d = std::min<std::size_t>(d, 1);
    if (d <= limit) scored.emplace_back(d, candidate);
  }
  std::ranges::stable_sort(scored, {}, &std::pair<std::size_t, std::string>::first);
  std::vector<std::string> out;
  for (auto& [d, c] : scored) {
    if (out.size() == max) break;
    if (std::ranges::find(out, c) == out.end()) out.push_back(std::move(c));
  }
  return out;
}

std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  auto near = closest(word, candidates, 8);
  if (near.empty()) return std::nullopt;
  std::ranges::stable_sort(near, {}, [&](const std::string& c) { return edit_distance(to_lower(word), to_lower(c)); });
  return near.front();
}

std::optional<long long> parse_integer(std::string_view s) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

namespace {

enum class Utf8 { ok, control, stray, truncated, overlong, surrogate, too_large };

// The sequence starting at p[0] (n bytes left): its length, or why it is not UTF-8. The
// second byte's range is what excludes overlong forms, surrogates and > U+10FFFF
// (RFC 3629, section 4: UTF8-3 = E0 A0-BF / E1-EC / ED 80-9F / EE-EF; UTF8-4 = F0 90-BF /
// F1-F3 / F4 80-8F).
Utf8 decode(const unsigned char* p, std::size_t n, std::size_t& len) {
  const unsigned char c = p[0];
  len = 1;
  if (c < 0x80) return c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? Utf8::control : Utf8::ok;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c < 0xC0) return Utf8::stray;
  if (c < 0xC2) return Utf8::overlong;
  if (c < 0xE0) len = 2;
  else if (c < 0xF0) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c < 0xF5) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return Utf8::too_large;
  }
  if (n < len) return Utf8::truncated;
  for (std::size_t k = 1; k < len; ++k)
    if ((p[k] & 0xC0) != 0x80) return Utf8::truncated;
  if (p[1] < lo) return Utf8::overlong;
  if (p[1] > hi) return c == 0xED ? Utf8::surrogate : Utf8::too_large;
  return Utf8::ok;
}

}  // namespace

std::optional<std::size_t> find_non_text_byte(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (p[i] >= 0x20 && p[i] < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 1;
    if (decode(p + i, n - i, len) != Utf8::ok) return i;
    i += len;
  }
  return std::nullopt;
}

std::string describe_non_text_byte(std::string_view s, std::size_t offset) {
  if (offset >= s.size()) return "no bad byte";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + offset;
  std::size_t len = 1;
  switch (decode(p, s.size() - offset, len)) {
    case Utf8::ok: return "valid text";
    case Utf8::control: return fmt::format("control byte 0x{:02X}", p[0]);
    case Utf8::stray: return fmt::format("byte 0x{:02X} that does not start a UTF-8 character", p[0]);
    case Utf8::truncated: return fmt::format("truncated UTF-8 sequence starting 0x{:02X}", p[0]);
    case Utf8::overlong: return fmt::format("overlong UTF-8 sequence starting 0x{:02X}", p[0]);
    case Utf8::surrogate: return "encoded UTF-16 surrogate (U+D800 to U+DFFF)";
    case Utf8::too_large: return fmt::format("UTF-8 sequence starting 0x{:02X} above U+10FFFF", p[0]);
  }
  return "not UTF-8";
}

std::string printable(std::string_view s, std::size_t max_bytes, bool keep_newlines) {
  std::string out;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (out.size() >= max_bytes) {
      out += fmt::format("… ({} bytes)", n);
      return out;
    }
    const unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (keep_newlines && (c == '\n' || c == '\t')) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::size_t len = 1;
    // C1 controls (U+0080 to U+009F, C2 80-9F) act on terminals as ESC [ does.
    const bool c1 = c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
    if (c >= 0x80 && !c1 && decode(p + i, n - i, len) == Utf8::ok) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    const std::size_t bad = c1 ? 2 : 1;
    for (std::size_t k = 0; k < bad; ++k) out += fmt::format("\\x{:02x}", p[i + k]);
    i += bad;
  }
  return out;
}

std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool blank = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::string join_or(std::span<const std::string> words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size()) ? " or " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace netvet
