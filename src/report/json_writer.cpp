#include "report/json_writer.h"

#include <cassert>

namespace netvet::report {

namespace {

// Bytes nlohmann's serializer copies unchanged: printable ASCII other than the quote and
// the backslash. Anything else (controls, UTF-8 that must be checked) goes through it.
// Written without an early exit so that the compiler can test 16 or 32 bytes at a time:
// this scan runs over every string of a gigabyte document.
bool plain(std::string_view text) {
  unsigned special = 0;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    special |= static_cast<unsigned>((b < 0x20) | (b >= 0x80) | (b == '"') | (b == '\\'));
  }
  return special == 0;
}

}  // namespace

JsonWriter::JsonWriter(ChunkedOutput& out, unsigned indent)
    : out_(out), indent_(indent), serializer_(nlohmann::detail::output_adapter<char>(out.buffer()), ' ') {}

void JsonWriter::new_line() {
  out_.buffer().push_back('\n');
  out_.buffer().append(std::size_t{depth()} * indent_, ' ');
}

// dump() puts each member and element on a line of its own, indented one step per level,
// with a comma ending every line but a container's last.
void JsonWriter::before_value() {
  out_.spill();
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  Level& level = levels_.back();
  assert(!level.object && "a member needs its key() first");
  if (level.members++ > 0) out_.buffer().push_back(',');
  new_line();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  assert(!levels_.empty() && levels_.back().object && !after_key_);
  Level& level = levels_.back();
  if (level.members++ > 0) out_.buffer().push_back(',');
  new_line();
  write_string(name);  // a key is escaped as a string is
  out_.append(": ");
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.buffer().push_back('{');
  levels_.push_back({.object = true});
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.buffer().push_back('[');
  levels_.push_back({.object = false});
  return *this;
}

// An empty container stays on its line: "{}", "[]".
void JsonWriter::close(char bracket) {
  assert(!levels_.empty() && !after_key_);
  const Level level = levels_.back();
  levels_.pop_back();
  if (level.members > 0) new_line();
  out_.buffer().push_back(bracket);
}

JsonWriter& JsonWriter::end_object() {
  assert(levels_.back().object);
  close('}');
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  assert(!levels_.back().object);
  close(']');
  return *this;
}

void JsonWriter::write_string(std::string_view text) {
  if (plain(text)) {
    std::string& buffer = out_.buffer();
    buffer.push_back('"');
    buffer.append(text);
    buffer.push_back('"');
    return;
  }
  text_.get_ref<std::string&>().assign(text);
  serializer_.dump(text_, false, false, 0);
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  write_string(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  before_value();
  out_.append(b ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  number_ = number;
  serializer_.dump(number_, false, false, 0);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.append("null");
  return *this;
}

JsonWriter& JsonWriter::value(const nlohmann::ordered_json& document) {
  before_value();
  serializer_.dump(document, true, false, indent_, depth() * indent_);
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view text) {
  out_.append(text);
  return *this;
}

}  // namespace netvet::report
