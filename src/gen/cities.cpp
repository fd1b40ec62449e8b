#include "gen/cities.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/text.h"

namespace netvet::gen {

Result<std::vector<City>> load_cities(std::string_view csv, std::string_view file, std::string_view country) {
  std::vector<City> cities;
  Diagnostics problems;
  std::int64_t line_no = 0;
  bool header = true;
  while (!csv.empty()) {
    const auto eol = csv.find('\n');
    std::string_view line = trim(csv.substr(0, eol));
    csv = eol == std::string_view::npos ? std::string_view{} : csv.substr(eol + 1);
    ++line_no;
    if (line.empty()) continue;
    if (header) {  // country,city,lat,lon,population
      header = false;
      continue;
    }
    std::vector<std::string_view> cells;
    for (std::size_t start = 0;;) {
      const auto comma = line.find(',', start);
      cells.push_back(trim(line.substr(start, comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    auto bad = [&](std::string message) {
      Diagnostic d;
      d.file = std::string(file);
      d.line = line_no;
      d.value = std::string(line);
      d.message = std::move(message);
      problems.push_back(std::move(d));
    };
    if (cells.size() != 5) {
      bad("expected 5 fields: country,city,lat,lon,population");
      continue;
    }
    const auto lat = parse_number(cells[2]), lon = parse_number(cells[3]);
    const auto population = parse_integer(cells[4]);
    if (!lat || !lon || !population || *population <= 0) {
      bad("expected numbers for lat, lon and a positive population");
      continue;
    }
    if (cells[0] != country) continue;
    cities.push_back({std::string(cells[1]), *lat, *lon, *population});
  }
  if (has_errors(problems)) return std::unexpected(std::move(problems));
  std::ranges::sort(cities, [](const City& a, const City& b) {
    return a.population != b.population ? a.population > b.population : a.name < b.name;
  });
  return cities;
}

}  // namespace netvet::gen
