// GET /v1/submissions/{id}/diff?against={other}: what changed from `other` (before) to
// `id` (after) — elements added, removed and changed, vendor shares per operator and
// domain on both sides (model/diff.h, report/diff_report.h).
//
// Both submissions must be visible to the caller. `against` naming another operator's
// submission answers exactly as one that does not exist: the store finds neither.
// Analysts may read diffs although they may not read the documents: a diff holds no
// facility, only elements and shares.
#include <fmt/format.h>

#include "model/diff.h"
#include "report/diff_report.h"
#include "server/routes.h"
#include "server/stored_document.h"

namespace netvet::server {
namespace {

struct Loaded {
  store::SubmissionMeta meta;
  Inventory inventory;
};

// The submission `id` as the caller may see it, parsed; or nothing when it does not exist
// for this caller; or the response for a store that fails.
std::variant<std::optional<Loaded>, Response> load(Context& context, const std::string& id) {
  auto meta = context.store.submission(context.caller, id);
  if (!meta) return store_unreadable();
  if (!meta->has_value()) return std::optional<Loaded>();
  auto body = context.store.submission_body(context.caller, id);
  if (!body) return store_unreadable();
  if (!body->has_value()) return std::optional<Loaded>();
  // Every stored document was read this way when it was submitted: failing now is ours.
  auto inventory = read_stored_document(**body, (*meta)->media_type, "submission " + id);
  if (!inventory) return error_response(500, fmt::format("submission {} no longer reads as an inventory", id));
  return std::optional<Loaded>(Loaded{std::move(**meta), std::move(*inventory)});
}

nlohmann::ordered_json side_json(const store::SubmissionMeta& meta) {
  return {{"id", meta.id}, {"operator", meta.operator_id}, {"received", meta.received}};
}

}  // namespace

Response get_submission_diff(Context& context) {
  const auto against_param = context.request.query.find("against");
  if (against_param == context.request.query.end() || against_param->second.empty())
    return error_response(400, "a diff needs ?against=ID, the submission to compare with (the one before)");
  const std::string& id = context.path.at("id");
  const std::string& against = against_param->second;

  auto after = load(context, id);
  if (auto* failed = std::get_if<Response>(&after)) return std::move(*failed);
  auto& found_after = std::get<std::optional<Loaded>>(after);
  if (!found_after) return error_response(404, fmt::format("no submission {}", id));

  auto before = load(context, against);
  if (auto* failed = std::get_if<Response>(&before)) return std::move(*failed);
  auto& found_before = std::get<std::optional<Loaded>>(before);
  if (!found_before) return error_response(400, fmt::format("against: no submission {} to compare with", against));

  const InventoryDiff diff = diff_inventories(found_before->inventory, found_after->inventory);
  nlohmann::ordered_json body = {{"submission", side_json(found_after->meta)},
                                 {"against", side_json(found_before->meta)}};
  body.update(report::diff_json(found_before->inventory, found_after->inventory, diff));
  return json_response(200, body);
}

}  // namespace netvet::server
