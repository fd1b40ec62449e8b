// The CSV scanner against libcsv in strict mode, the library it replaced: on thousands of
// random texts built from the characters that matter (separators, quotes, line breaks,
// blanks), both must find the same rows and fields, or both must call the text malformed.
// A few hand-written cases pin what each rule means.

#include <csv.h>
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "io/csv_tokenizer.h"

namespace netvet::io {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// What libcsv (CSV_STRICT | CSV_STRICT_FINI) reads, or nullopt when it rejects the text.
std::optional<Rows> libcsv_rows(const std::string& text) {
  struct Sink {
    Rows rows;
    std::vector<std::string> row;
  } sink;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) return std::nullopt;
  const auto on_field = [](void* s, std::size_t n, void* self) {
    static_cast<Sink*>(self)->row.emplace_back(static_cast<const char*>(s), n);
  };
  const auto on_row = [](int, void* self) {
    auto& to = *static_cast<Sink*>(self);
    to.rows.push_back(std::move(to.row));
    to.row.clear();
  };
  const bool ok = csv_parse(&parser, text.data(), text.size(), on_field, on_row, &sink) == text.size() &&
                  csv_fini(&parser, on_field, on_row, &sink) == 0;
  csv_free(&parser);
  if (!ok) return std::nullopt;
  return sink.rows;
}

std::optional<Rows> scanner_rows(const std::string& text) {
  CsvCells cells;
  if (cells.tokenize(text)) return std::nullopt;
  Rows rows(cells.rows());
  for (std::size_t r = 0; r < cells.rows(); ++r)
    for (std::size_t f = 0; f < cells.fields(r); ++f) rows[r].emplace_back(cells.field(r, f));
  return rows;
}

std::string shown(const std::optional<Rows>& rows) {
  if (!rows) return "malformed";
  std::string out;
  for (const auto& row : *rows) {
    out += "[";
    for (const auto& f : row) out += "<" + f + ">";
    out += "]";
  }
  return out;
}

TEST(CsvTokenizer, AgreesWithLibcsvOnRandomText) {
  // Weighted towards the characters with rules; 'x' and 'é' stand for ordinary text.
  const std::vector<std::string> alphabet = {"x", "x", "x", "y", ",", ",", "\"", "\"", "\n", "\r\n", "\r", " ", "\t", "é"};
  std::mt19937 rng(20261122);
  std::size_t malformed = 0, compared = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = std::uniform_int_distribution(0, 40)(rng);
    for (int c = 0; c < length; ++c) text += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    const auto expected = libcsv_rows(text);
    const auto actual = scanner_rows(text);
    ASSERT_EQ(shown(actual), shown(expected)) << "text: \"" << text << "\"";
    malformed += expected ? 0u : 1u;
    ++compared;
  }
  // Both kinds of text were exercised, not just one.
  EXPECT_GT(malformed, compared / 10);
  EXPECT_LT(malformed, compared * 9 / 10);
}

TEST(CsvTokenizer, AgreesWithLibcsvOnWellFormedRows) {
  // Random but well-formed rows (quoted fields with commas, quotes and line breaks in
  // them), so that long texts are compared too, not only malformed ones.
  std::mt19937 rng(7);
  const std::vector<std::string> values = {"ee-DC1-cr1", "", "Huawei", "IOS XR 7.9.1", "a,b", "say \"hi\"",
                                           "two\nlines", " padded ", "2024-03-31", "51.47787959897789"};
  for (int i = 0; i < 500; ++i) {
    std::string text;
    const int rows = std::uniform_int_distribution(1, 30)(rng);
    for (int r = 0; r < rows; ++r) {
      const int fields = std::uniform_int_distribution(1, 9)(rng);
      for (int f = 0; f < fields; ++f) {
        const std::string& v = values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)];
        if (f > 0) text += ',';
        const bool must_quote = v.find_first_of(",\"\n ") != std::string::npos;
        if (must_quote || std::uniform_int_distribution(0, 3)(rng) == 0) {
          text += '"';
          for (char c : v) text += c == '"' ? std::string("\"\"") : std::string(1, c);
          text += '"';
        } else {
          text += v;
        }
      }
      text += std::uniform_int_distribution(0, 1)(rng) ? "\r\n" : "\n";
    }
    const auto expected = libcsv_rows(text);
    ASSERT_TRUE(expected.has_value()) << text;
    ASSERT_EQ(shown(scanner_rows(text)), shown(expected)) << text;
  }
}

TEST(CsvTokenizer, FieldsAreViewsUnlessQuotesWereDoubled) {
  const std::string text = "id,name\nS1,\"Big \"\"Ben\"\" site\"\nS2,  plain  \n";
  CsvCells cells;
  ASSERT_FALSE(cells.tokenize(text));
  ASSERT_EQ(cells.rows(), 3u);
  EXPECT_EQ(cells.field(1, 1), "Big \"Ben\" site");
  EXPECT_EQ(cells.field(2, 1), "plain");
  // An ordinary field is the text itself, not a copy.
  EXPECT_EQ(cells.field(2, 0).data(), text.data() + text.find("S2"));
}

TEST(CsvTokenizer, ErrorsPointAtTheProblem) {
  CsvCells cells;
  const std::string stray = "a,b\nc,\"d\"x\n";
  EXPECT_EQ(cells.tokenize(stray), stray.find('x'));  // text after a closing quote
  const std::string inside = "a,b\nc,d\"e\n";
  EXPECT_EQ(cells.tokenize(inside), inside.find('"'));  // a quote in an unquoted field
  const std::string open = "a,b\nc,\"never closed\n";
  EXPECT_EQ(cells.tokenize(open), open.find('"'));  // the quote that opened the field
}

TEST(CsvTokenizer, SplitRowsNeverCutsAQuotedLineBreak) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += i % 3 == 0 ? "a,\"one\ntwo\"\n" : "b,c\n";
  const std::size_t cut = split_rows(text);
  ASSERT_GT(cut, 0u);
  ASSERT_LT(cut, text.size());
  CsvCells first, second, whole;
  ASSERT_FALSE(first.tokenize(std::string_view(text).substr(0, cut)));
  ASSERT_FALSE(second.tokenize(std::string_view(text).substr(cut)));
  ASSERT_FALSE(whole.tokenize(text));
  EXPECT_EQ(first.rows() + second.rows(), whole.rows());
  EXPECT_EQ(second.field(0, 0), whole.field(first.rows(), 0));
}

}  // namespace
}  // namespace netvet::io
