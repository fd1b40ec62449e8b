#pragma once
// Reading netvet's outputs back with parsers independent of ours, as their consumers
// would: CSV with libcsv in strict mode (RFC 4180), XML (JUnit) with libxml2. Shared by
// the report tests and the command-line tests.

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace netvet::read_back {

struct Parsed {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;  // the row being read
  bool ok = true;                // false: the text is not strict RFC 4180
};
Parsed parse_csv(const std::string& text);

// Null when the text is not well-formed XML.
using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;
Doc parse_xml(const std::string& text);
// The element children of `node` named `name`, in order.
std::vector<xmlNode*> children(xmlNode* node, std::string_view name);
std::string attribute(xmlNode* node, const char* name);
std::string content(xmlNode* node);

}  // namespace netvet::read_back
