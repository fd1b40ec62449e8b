#pragma once
// A submission's stored document, read as an inventory: the one place that knows the
// formats a submission may come in. Everything that reads a stored document — the
// submission itself, assessments, diffs — calls read_stored_document, so no reader knows
// about two formats.
//
// * `application/json`: the inventory JSON document (io::read_json_text).
// * `multipart/form-data; boundary=...`: the CSV bundle, one part per table file, each
//   part's filename the table's (operators.csv ... meta.csv); read by io::read_csv_tables
//   exactly as `netvet check FOLDER/` reads a folder holding those files.

#include <string>
#include <string_view>

#include "model/inventory.h"
#include "util/diagnostic.h"

namespace netvet::server {

// Whether `media_type` (a Content-Type, parameters and all) is a format a submission may
// come in; what read_stored_document reads.
bool is_document_media_type(std::string_view media_type);

// The document as an inventory, or its problems: a CSV table's name its part's filename;
// a malformed multipart body one problem naming `shown`, which part and what was expected.
Result<Inventory> read_stored_document(std::string_view body, std::string_view media_type, const std::string& shown);

// The media type a submitted document is stored with: `application/json` for JSON (its
// parameters dropped, as always); a multipart Content-Type as received, boundary and all,
// since the body cannot be read again without it.
std::string stored_media_type(std::string_view content_type);

// The name the offline command gives the document of submission `id`: `ID.json`, or the
// folder `ID/` into which a CSV bundle's parts are saved, each under its filename.
std::string offline_name(const std::string& id, std::string_view media_type);

}  // namespace netvet::server
