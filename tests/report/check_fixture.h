#pragma once
// A small check of a UK network shared by the report tests: three operators, six sites
// in four cities, findings of every severity (one waived, one operator-level cap breach)
// and messages that need quoting in every format.

#include <cstddef>
#include <string>

#include "model/inventory.h"
#include "report/check_report.h"

namespace netvet::report::testing {

Inventory sample_inventory();
// Its findings view string literals and `inventory`; their messages are a MessageList.
CheckReport sample_report(const Inventory& inventory);
// Gives finding `finding` of a report made by sample_report another message (in a copy
// of the list, so other copies of the report keep theirs).
void set_message(CheckReport& report, std::size_t finding, std::string message);

// The message that needs escaping everywhere: comma, quotes, newline, markup.
inline constexpr std::string_view kAwkwardMessage = "Huawei AAU5613, \"designated\"\nsee <annex & 2>";

}  // namespace netvet::report::testing
