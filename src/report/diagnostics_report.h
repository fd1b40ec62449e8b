#pragma once
// Problems found in input, for people (one line each, errors first) and for machines.

#include <nlohmann/json.hpp>

#include <string>

#include "util/diagnostic.h"

namespace netvet::report {

std::string diagnostics_text(const Diagnostics& diagnostics, bool style);
nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics);

}  // namespace netvet::report
