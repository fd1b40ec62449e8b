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

// Parses a whole decimal integer / floating number; nothing on any stray character.
std::optional<long long> parse_integer(std::string_view s);
std::optional<double> parse_number(std::string_view s);

// Whether `s` is valid UTF-8 with no NUL or other C0 control except tab, CR and LF.
// Returns the byte offset of the first bad byte, or nothing when the text is clean.
std::optional<std::size_t> find_non_text_byte(std::string_view s);

// "a, b or c" for messages.
std::string join_or(std::span<const std::string> words);

}  // namespace netvet
