#pragma once
// Small string helpers shared by readers, vocabularies and reports.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace netvet {

std::string to_lower(std::string_view s);
std::string_view trim(std::string_view s);

// Every run of blanks and line breaks as one space, none at either end: a multi-line
// selector or description as one line of a table, CSV cell or message.
std::string one_line(std::string_view s);

// Splits on `sep`, trimming each part and dropping empty parts ("a; b;" -> {a, b}).
std::vector<std::string_view> split_list(std::string_view s, char sep = ';');

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `max` candidates closest to `word` (case-insensitive), best first, that are close
// enough to be a plausible typo: distance <= max(2, |word| / 3), or a prefix either way.
std::vector<std::string> closest(std::string_view word, std::span<const std::string> candidates,
                                 std::size_t max = 3);

// The one name to offer for an unknown `word` ("did you mean ...?"): of closest()'s
// plausible typos (prefixes included), the nearest by edit distance, so `site.knd`
// suggests `site.kind`, not its prefix `site`.
std::optional<std::string> did_you_mean(std::string_view word, std::span<const std::string> candidates);

// Parses a whole decimal integer / floating number; nothing on any stray character.
std::optional<long long> parse_integer(std::string_view s);
std::optional<double> parse_number(std::string_view s);

// The one strict UTF-8 check every reader of text uses (RFC 3629): whether `s` is UTF-8
// with no NUL or other C0 control except tab, CR and LF. Refused: stray continuation
// bytes, truncated sequences, overlong forms (C0, C1, E0 80-9F, F0 80-8F), encoded UTF-16
// surrogates (ED A0-BF) and code points above U+10FFFF (F4 90-BF, F5-FF). Returns the byte
// offset of the first bad byte, or nothing when the text is clean.
std::optional<std::size_t> find_non_text_byte(std::string_view s);

// Why the bytes at `s[offset]` are not text (find_non_text_byte's answer), for messages:
// "control byte 0x1B", "overlong UTF-8 sequence", "encoded UTF-16 surrogate", ...
std::string describe_non_text_byte(std::string_view s, std::size_t offset);

// `s` made safe to print in one message: control bytes (C0, DEL, and C1 controls such as
// the terminal's CSI) and bytes that are not UTF-8 escaped as \xNN, so that input can
// never drive the terminal nor break a JSON writer; with `keep_newlines`, LF and tab stay.
// Longer than `max_bytes`, it is cut at a character boundary and ends "… (N bytes)"
// with its whole length.
std::string printable(std::string_view s, std::size_t max_bytes = 200, bool keep_newlines = false);

// The longest value "did you mean" compares: a longer one is no typo of a short name,
// and comparing it (edit distance is quadratic) only costs time.
inline constexpr std::size_t kMaxSuggestLength = 128;

// "a, b or c" for messages.
std::string join_or(std::span<const std::string> words);

}  // namespace netvet
