#pragma once
// Problems found in user input, as values. Every reader and checker reports what went
// wrong as Diagnostics that name the file, the row (or JSON pointer), the column and the
// offending value, and say what was expected: the error contract of
// shared/spec/inventory.md. Nothing user-caused is ever thrown across a module's door.

#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace netvet {

enum class Severity : std::uint8_t { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;      // path as the user gave it, e.g. "net/elements.csv"
  std::int64_t row = 0;  // CSV: 1-based data row (the header is row 0, so line = row + 1)
  std::int64_t line = 0;  // text files (YAML, expressions): 1-based line; 0 when n/a
  std::int64_t col = 0;   // with `line`: 1-based column
  std::string pointer;   // JSON pointer (e.g. "/elements/3/vendor") when the input is JSON
  std::string column;    // column or key name, empty when the problem is the whole row/file
  std::string value;     // the offending value as written
  std::string message;   // what is wrong and what was expected
  std::int64_t count = 1;  // for grouped problems: how many instances in total (the last
                           // instance shown of a folded group carries the group's total)

  // "file:line[:col]: column 'c': message (value 'v')" for people; a JSON problem reads
  // "file at /pointer: ...". Rendered from for_display().
  std::string to_string() const;

  // A copy fit to show, which every rendering (text, JSON) starts from: control bytes and
  // bytes that are not UTF-8 escaped (\x1b), so input can neither drive a terminal nor
  // break a JSON writer; a long value cut to kMaxShownValue bytes with "… (N bytes)",
  // and, when the message already quotes it, shown there only (the value is cleared).
  Diagnostic for_display() const;

 private:
  std::string render() const;  // to_string() of a for_display() copy
};

inline constexpr std::size_t kMaxShownValue = 100;     // bytes of a value shown in a message
inline constexpr std::size_t kMaxShownMessage = 4000;  // bytes of a whole message

using Diagnostics = std::vector<Diagnostic>;

// A result that is either a value or the problems that prevented it.
template <typename T>
using Result = std::expected<T, Diagnostics>;

// One error, for the common case of failing with a single problem.
// A problem with a whole file (no row or column): `shown` is the file as the user named it.
inline Diagnostic file_problem(std::string shown, std::string message) {
  Diagnostic d;
  d.file = std::move(shown);
  d.message = std::move(message);
  return d;
}

inline std::unexpected<Diagnostics> fail(Diagnostic d) {
  return std::unexpected<Diagnostics>(Diagnostics{std::move(d)});
}

bool has_errors(const Diagnostics& diagnostics);

// Groups of the same problem (same file, column and message stem) beyond `keep` instances
// are folded into their first `keep` instances, the last of which carries the group's
// total count: "a referential error is reported with the first few instances and a total".
Diagnostics fold_repeats(Diagnostics diagnostics, std::size_t keep = 5);

}  // namespace netvet
