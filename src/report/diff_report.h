#pragma once
// A diff of two inventories (model/diff.h) as JSON: the body of the service's
// GET /v1/submissions/{id}/diff, "before" being the `against` submission.
//
// {"summary": {"added", "removed", "changed", "unchanged"},
//  "added":   [{"id", "operator", "site", "function", "vendor"}],   in the after order
//  "removed": [{"id", "operator", "site", "function", "vendor"}],   in the before order
//  "changed": [{"id", "fields": {"vendor": {"before": "huawei", "after": "ericsson"}, ...}}],
//  "shares":  [{"operator", "domains": [{"domain", "before": {...} or null, "after": {...} or null}]}]}
//
// A field's value is model/diff.h's text of it, null when absent (a generation list is an
// array). A share's before and after are what `netvet stats --format json` writes for that
// operator and domain (domain_shares_json); null where the side has no element there.

#include <nlohmann/json.hpp>

#include "model/diff.h"

namespace netvet::report {

nlohmann::ordered_json diff_json(const Inventory& before, const Inventory& after, const InventoryDiff& diff);

}  // namespace netvet::report
