#pragma once
// Cost catalogs: what replacing one element of each function costs, in money and
// crew-days, how long it lives (for end of life), and what one site visit adds
// (shared/spec/plan.md). Built-in catalogs are data/catalogs/ID.yaml, one per currency
// (gbp, eur, usd, cad), compiled into the binary; `--catalog FILE` reads an operator's
// own. The format, and where every built-in figure comes from, is in
// data/catalogs/README.md.
//
// A catalog is checked completely when it is read: unknown keys and function ids, figures
// that are negative or not numbers, a figure that neither cites one of the catalog's
// sources nor says it is an assumption, ... each with file:line:column and the value.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/date.h"
#include "util/diagnostic.h"

namespace netvet::plan {

// The figure for one function (per element) or for the site visit (per item). Where it
// comes from: `source`, an id of the catalog's sources, and/or `assumption` with a `note`
// saying what it rests on (a figure derived from a source by an assumption has both).
struct CatalogFigure {
  double cost = 0, crew_days = 0, lifetime_years = 0;  // lifetime: 0 for the site visit
  bool assumption = false;
  std::string source;
  std::string note;
};

struct CatalogSource {
  std::string id, title, url;
};

struct Catalog {
  std::string id, file, title, currency, version;
  Date reflects = kNoDate;  // the date whose prices the figures reflect
  std::vector<std::string> jurisdictions;  // ISO codes of the jurisdictions whose networks it prices by default
  std::vector<CatalogSource> sources;
  CatalogFigure site_visit;
  // The share of an element's cost still counted when it is replaced in or after the
  // month its life ends (installed + lifetime): it would have been replaced anyway.
  double end_of_life_factor = 1;
  std::map<std::string, CatalogFigure, std::less<>> functions;  // canonical function ids

  // The figure for a canonical function id; null when the catalog has none.
  const CatalogFigure* of(std::string_view function) const;
  const CatalogSource* source(std::string_view source_id) const;
};

// A catalog file is read only when it is a regular file of at most this size: the
// built-in ones are ~10 KB.
inline constexpr std::size_t kMaxCatalogBytes = 1u << 20;

// Parses catalog YAML; every problem is reported with `file`, line and column. Function
// ids are data/functions.yaml's, in any spelling it knows (kept under the canonical id).
Result<Catalog> parse_catalog(std::string_view text, std::string_view file);
// Reads and parses a catalog file.
Result<Catalog> load_catalog_file(const std::filesystem::path& path);
// A built-in catalog by id ("gbp", "eur", "usd", "cad"; case ignored).
Result<Catalog> builtin_catalog(std::string_view id);
// The built-in catalog whose `jurisdictions` include `jurisdiction` (an ISO code, as a
// pack's jurisdiction): the default of `netvet plan --catalog`.
Result<Catalog> builtin_catalog_for(std::string_view jurisdiction);
std::vector<std::string> builtin_catalog_ids();
// What `--catalog NAME` names: a file when NAME looks like one (has '/', ends .yaml or
// .yml, or exists), else a built-in catalog.
Result<Catalog> catalog_named(std::string_view name);

}  // namespace netvet::plan
