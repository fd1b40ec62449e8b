#include "server/stored_document.h"

#include <fmt/format.h>

#include <vector>

#include "io/inventory_io.h"
#include "server/multipart.h"

namespace netvet::server {
namespace {

std::string_view essence(std::string_view media_type) {
  media_type = media_type.substr(0, media_type.find(';'));
  while (!media_type.empty() && (media_type.back() == ' ' || media_type.back() == '\t')) media_type.remove_suffix(1);
  return media_type;
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_form_data(std::string_view media_type) { return same_text(essence(media_type), kFormDataMediaType); }

Result<Inventory> one_problem(const std::string& shown, std::string message) {
  Diagnostic d;
  d.file = shown;
  d.message = std::move(message);
  return fail(std::move(d));
}

}  // namespace

bool is_document_media_type(std::string_view media_type) {
  return same_text(essence(media_type), "application/json") || is_form_data(media_type);
}

Result<Inventory> read_stored_document(std::string_view body, std::string_view media_type, const std::string& shown) {
  if (!is_form_data(media_type)) return io::read_json_text(body, shown);
  auto parts = parse_form_data(media_type, body);
  if (!parts) return one_problem(shown, "malformed multipart/form-data: " + parts.error());
  std::vector<io::CsvTableText> tables;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const FormPart& part = (*parts)[i];
    if (!part.filename || part.filename->empty())
      return one_problem(shown, fmt::format("malformed multipart/form-data: part {} (name '{}') has no filename; "
                                            "expected the table file it holds, such as filename=\"sites.csv\"",
                                            i + 1, part.name));
    tables.push_back({*part.filename, part.body});
  }
  return io::read_csv_tables(tables);
}

std::string stored_media_type(std::string_view content_type) {
  return is_form_data(content_type) ? std::string(content_type) : "application/json";
}

std::string offline_name(const std::string& id, std::string_view media_type) {
  return is_form_data(media_type) ? id + "/" : id + ".json";
}

}  // namespace netvet::server
