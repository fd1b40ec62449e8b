// libFuzzer harness: the cost catalog reader (`netvet plan --catalog FILE`: YAML, the
// head, sources, the site visit and a figure per function id). A bad input must give
// problems that name the file and say what is wrong; what reads must hold what the
// reader promises (figures in range, every cited source listed), else abort.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "plan/catalog.h"

namespace {

void check_figure(const netvet::plan::Catalog& catalog, const std::string& name,
                  const netvet::plan::CatalogFigure& f, bool element) {
  using netvet::fuzz::fail;
  if (!(f.cost >= 0 && std::isfinite(f.cost)) || !(f.crew_days >= 0 && std::isfinite(f.crew_days)))
    fail("catalog", "a negative or non-finite figure for " + name);
  if (element && !(f.lifetime_years > 0 && f.lifetime_years <= 100))
    fail("catalog", "the lifetime of " + name);
  if (!f.source.empty() && !catalog.source(f.source))
    fail("catalog", name + " cites an unlisted source " + f.source);
  if (f.source.empty() && !f.assumption)
    fail("catalog", name + " has neither a source nor an assumption");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using netvet::fuzz::fail;
  auto catalog = netvet::plan::parse_catalog(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
  if (!catalog) {
    netvet::fuzz::check_problems(catalog.error(), "fuzz.yaml");
    return 0;
  }
  const netvet::plan::Catalog& c = *catalog;
  if (c.currency.size() != 3) fail("catalog", "currency '" + c.currency + "'");
  if (c.functions.empty()) fail("catalog", "read without a function's figure");
  if (!(c.end_of_life_factor >= 0 && c.end_of_life_factor <= 1))
    fail("catalog", "the end-of-life factor");
  check_figure(c, "the site visit", c.site_visit, false);
  for (const auto& [function, figure] : c.functions) check_figure(c, function, figure, true);
  return 0;
}
