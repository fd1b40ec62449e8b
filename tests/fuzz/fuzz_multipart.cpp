// libFuzzer harness: multipart/form-data submissions (server/multipart.h) and the stored
// document reader behind them (server/stored_document.h). The input is a Content-Type up
// to the first newline, then the body.
//
// Checks: no crash; a refusal says something; parts never exceed the limit and their
// bytes lie inside the body; what parses is written again (write_form_data) and parses
// to the same names, filenames and bytes; read_stored_document on the same bytes either
// reads an inventory (which then survives the CSV <-> JSON round trip) or gives problems,
// a malformed body (or a part without a filename) as exactly one problem naming
// "submission".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.h"
#include "server/multipart.h"
#include "server/stored_document.h"

namespace server = netvet::server;
using netvet::fuzz::fail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string content_type(input.substr(0, newline));
  const std::string body(input.substr(newline + 1));

  const server::FormLimits limits;
  auto parts = server::parse_form_data(content_type, body, limits);
  if (!parts) {
    if (parts.error().empty()) fail("parse_form_data", "refused without a reason");
  } else {
    if (parts->empty() || parts->size() > limits.max_parts) fail("parse_form_data", "part count out of bounds");
    std::vector<server::FormFile> files;
    for (const auto& part : *parts) {
      if (part.name.empty()) fail("parse_form_data", "a part without a name was accepted");
      if (part.body.data() < body.data() || part.body.data() + part.body.size() > body.data() + body.size())
        fail("parse_form_data", "a part's bytes lie outside the body");
      files.push_back({part.name, "text/csv", std::string(part.body)});
    }
    // Written again (names as filenames), it reads back the same.
    const auto again = server::write_form_data(files);
    auto reread = server::parse_form_data(again.content_type, again.body, limits);
    if (!reread) fail("parse_form_data of write_form_data", reread.error());
    if (reread->size() != files.size()) fail("write_form_data", "part count changed");
    for (std::size_t i = 0; i < files.size(); ++i)
      if ((*reread)[i].filename != files[i].filename || (*reread)[i].body != files[i].body)
        fail("write_form_data", "part " + std::to_string(i + 1) + " changed");
  }

  auto inventory = server::read_stored_document(body, content_type, "submission");
  if (inventory) {
    netvet::fuzz::check_round_trip(*inventory);
  } else {
    const auto& problems = inventory.error();
    if (problems.empty()) fail("read_stored_document", "refused without a problem");
    for (const auto& d : problems)
      if (d.message.empty() || d.file.empty()) fail("read_stored_document", "a problem names no file or says nothing");
    const bool malformed = problems.front().message.starts_with("malformed multipart/form-data");
    // A body that parses is malformed only for a part without the filename naming its table.
    const bool unnamed_file = parts && std::ranges::any_of(*parts, [](const server::FormPart& part) {
                                return !part.filename || part.filename->empty();
                              });
    if (malformed && parts && !unnamed_file) fail("read_stored_document", "a body that parses was called malformed");
    if (malformed && (problems.size() != 1 || problems.front().file != "submission"))
      fail("read_stored_document", "a malformed body gave more than one problem, or not of 'submission'");
  }
  return 0;
}
