#pragma once
// Pretty-printed JSON written value by value, laid out byte for byte as nlohmann's
// dump(indent) lays out the same document: a report of a million findings is streamed
// to its file instead of being built as a tree of ten million nodes first.
//
// Every scalar is written by nlohmann's own serializer (string escaping, UTF-8 checks,
// number formatting), so the text cannot drift from what dump() would have produced;
// this class only decides where commas, newlines and indentation go. Strings of plain
// printable ASCII, which need no escaping, are copied as they are.
//
//   ChunkedOutput out(stream);
//   JsonWriter w(out);
//   w.begin_object().key("as_of").value("2026-11-22").key("findings").begin_array();
//   ...
//   w.end_array().end_object().raw("\n");
//   out.flush();

#include <nlohmann/json.hpp>

#include <concepts>
#include <cstdint>
#include <string_view>
#include <vector>

#include "report/chunked_output.h"

namespace netvet::report {

class JsonWriter {
 public:
  explicit JsonWriter(ChunkedOutput& out, unsigned indent = 2);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The name of the next member of the object being written.
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }  // not bool
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }  // not a document
  JsonWriter& value(bool b);
  JsonWriter& value(double number);
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  JsonWriter& value(T number) {
    before_value();
    if constexpr (std::is_signed_v<T>) number_ = static_cast<std::int64_t>(number);
    else number_ = static_cast<std::uint64_t>(number);
    serializer_.dump(number_, false, false, 0);
    return *this;
  }
  JsonWriter& null();
  // A small document (an object, array or scalar) written in place, at this depth.
  JsonWriter& value(const nlohmann::ordered_json& document);

  // Text outside the document, such as the newline after it.
  JsonWriter& raw(std::string_view text);

 private:
  struct Level {
    bool object = false;
    std::size_t members = 0;
  };
  void before_value();
  void write_string(std::string_view text);
  void new_line();
  void close(char bracket);
  unsigned depth() const { return static_cast<unsigned>(levels_.size()); }

  ChunkedOutput& out_;
  unsigned indent_;
  std::vector<Level> levels_;
  bool after_key_ = false;
  nlohmann::ordered_json text_ = "";  // reused: escaping a string allocates nothing
  nlohmann::ordered_json number_ = 0;
  nlohmann::detail::serializer<nlohmann::ordered_json> serializer_;
};

}  // namespace netvet::report
