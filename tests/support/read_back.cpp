#include "read_back.h"

#include <csv.h>
#include <libxml/parser.h>

namespace netvet::read_back {

Parsed parse_csv(const std::string& text) {
  Parsed p;
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    p.ok = false;
    return p;
  }
  auto on_field = [](void* data, std::size_t len, void* out) {
    static_cast<Parsed*>(out)->row.emplace_back(static_cast<const char*>(data), len);
  };
  auto on_row = [](int, void* out) {
    auto* q = static_cast<Parsed*>(out);
    q->rows.push_back(std::move(q->row));
    q->row.clear();
  };
  if (csv_parse(&parser, text.data(), text.size(), on_field, on_row, &p) != text.size()) p.ok = false;
  if (csv_fini(&parser, on_field, on_row, &p) != 0) p.ok = false;
  csv_free(&parser);
  return p;
}

Doc parse_xml(const std::string& text) {
  return Doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
             &xmlFreeDoc);
}

std::vector<xmlNode*> children(xmlNode* node, std::string_view name) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(c->name)) out.push_back(c);
  return out;
}

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* v = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string content(xmlNode* node) {
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

}  // namespace netvet::read_back
