#pragma once
// An assessment as the service makes it: `netvet check --format json` of a submission's
// document against built-in packs as of a date — the same library, the same bytes — with
// a summary for the operators' status (findings by severity per pack, caps against their
// limits, the next deadlines from `netvet timeline`) and what it takes to reproduce it.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "util/date.h"
#include "util/diagnostic.h"

namespace netvet::server {

struct AssessmentOutput {
  std::string check;               // exactly what `netvet check NAME --policy P --as-of D --format json` writes
  std::string check_redacted;      // the same with `--redact facilities`, rendered from the same evaluation
  nlohmann::ordered_json packs;    // [{id, version, digest}] of the packs used
  // {compliant, findings: {pack: {severity: n}}, caps: [...], deadlines: [...]}: counts per
  // pack and severity, caps by operator and scope, deadlines as counts of elements, sites
  // and facilities. It names no facility, so every role reads the one summary.
  nlohmann::ordered_json summary;
  std::string reproduce;           // the offline command, to run beside the document saved as NAME
  std::string reproduce_redacted;  // the same for check_redacted
};

// `document` is the stored document of `media_type` (server/stored_document.h), `name` the
// file or folder name the offline command gives it (offline_name).
// Problems: an unknown pack id (with the ids there are), or a document that no longer reads.
Result<AssessmentOutput> assess(std::string_view document, std::string_view media_type, const std::string& name,
                                const std::vector<std::string>& pack_ids, Date as_of);

}  // namespace netvet::server
