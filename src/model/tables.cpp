#include "model/tables.h"

#include <algorithm>

namespace netvet {

std::size_t ExtraColumns::column(const std::string& name, std::size_t rows) {
  if (auto it = std::ranges::find(names, name); it != names.end())
    return static_cast<std::size_t>(it - names.begin());
  names.push_back(name);
  values.emplace_back(rows, kEmptyStr);
  return names.size() - 1;
}

void ExtraColumns::pad_to(std::size_t rows) {
  for (auto& column : values) column.resize(rows, kEmptyStr);
}

}  // namespace netvet
