#pragma once
// `netvet timeline` output: the dates on which findings appear or clear, and what each
// operator must do by when (policy/timeline.h). JSON shape: docs/cli-json.md.

#include <nlohmann/json.hpp>

#include <span>
#include <string>

#include "policy/pack.h"
#include "policy/timeline.h"

namespace netvet::report {

// For people: the start state, one block per date (why it matters, what appears and
// clears, per rule and operator), then per operator "by DATE: do X (rule ...)".
std::string timeline_text(const policy::Timeline& timeline, std::span<const policy::Pack> packs, bool style);

nlohmann::ordered_json timeline_json(const policy::Timeline& timeline, std::span<const policy::Pack> packs);

}  // namespace netvet::report
