// write_json: an inventory -> a netvet-inventory JSON document in canonical form.
//
// Streamed row by row through a small escaping writer (no DOM: a million elements never
// sit in memory as JSON values), one compact row object per line (diffable, and smaller
// than spaced JSON), keys in canonical order, absent values omitted. Written into a
// temporary sibling renamed into place when complete.

#include <fmt/format.h>

#include "io/atomic_write.h"
#include "io/canonical_tables.h"
#include "io/inventory_io.h"
#include "util/files.h"

namespace netvet::io {

namespace {

void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t plain = 0;  // copy runs of plain bytes at once
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
    }
  }
  out.append(text.substr(plain));
  out.push_back('"');
}

void append_table(OutputFile& file, const OutTable& table) {
  std::string& out = file.buffer();
  out += ",\n  ";
  append_string(out, table.spec->name);
  out += ": [";
  OutCell cell;
  for (Index r = 0; r < table.rows; ++r) {
    out += r == 0 ? "\n    {" : ",\n    {";
    bool first = true;
    for (const OutColumn& column : table.columns) {
      cell.text = {};
      cell.items.clear();
      column.fill(r, cell);
      if (column.kind == CellKind::list ? cell.items.empty() : cell.text.empty()) continue;
      if (!first) out.push_back(',');
      first = false;
      append_string(out, column.name);
      out.push_back(':');
      if (column.kind == CellKind::number || column.kind == CellKind::integer) {
        out += cell.text;
      } else if (column.kind == CellKind::list) {
        out.push_back('[');
        for (std::size_t i = 0; i < cell.items.size(); ++i) {
          if (i > 0) out.push_back(',');
          append_string(out, cell.items[i]);
        }
        out.push_back(']');
      } else {
        append_string(out, cell.text);
      }
    }
    out.push_back('}');
    file.flush_if_full();
  }
  out += table.rows == 0 ? "]" : "\n  ]";
}

}  // namespace

Result<void> write_json(const Inventory& inventory, const std::filesystem::path& path) {
  // Through a symlink to its target; never onto a FIFO or device (util/files.h).
  const auto resolved = resolve_output_file(path, path.string());
  if (!resolved) return std::unexpected(resolved.error());
  const std::filesystem::path& target = *resolved;
  const auto temp = temp_sibling(target);
  {
    OutputFile file(temp, target);
    std::string& out = file.buffer();
    out += "{\n  \"format\": \"netvet-inventory\",\n  \"version\": 1";
    if (const auto meta = canonical_meta(inventory); !meta.empty()) {
      out += ",\n  \"meta\": {";
      for (std::size_t i = 0; i < meta.size(); ++i) {
        if (i > 0) out.push_back(',');
        append_string(out, meta[i].first);
        out.push_back(':');
        append_string(out, meta[i].second);
      }
      out.push_back('}');
    }
    for (const OutTable& table : canonical_tables(inventory))
      if (table.spec->required_file || table.rows > 0) append_table(file, table);
    out += "\n}\n";
    if (auto closed = file.close(); !closed) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return closed;
    }
  }
  return commit_file(temp, target);
}

}  // namespace netvet::io
