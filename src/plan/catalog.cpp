// Reading cost catalogs: the head (currency, title, version, reflects, end-of-life
// factor), the sources, the site visit and a figure per function, every problem with its
// place; and finding built-in catalogs.

#include "plan/catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "data/embedded.h"
#include "model/functions.h"
#include "model/inventory.h"
#include "model/yaml_util.h"
#include "plan/yaml_reader.h"
#include "util/files.h"
#include "util/text.h"

namespace netvet::plan {
namespace {

constexpr NumberRange kCost{.least = 0, .expected = "a number of at least 0 (money, in the catalog's currency)"};
constexpr NumberRange kCrewDays{.least = 0, .expected = "a number of at least 0 (crew-days)"};
constexpr NumberRange kLifetime{.least = 0, .most = 100, .open = true, .expected = "a number above 0 and at most 100 (years)"};
constexpr NumberRange kFactor{.least = 0, .most = 1,
                              .expected = "a number from 0 to 1 (the share of an element's cost still counted at "
                                          "the end of its life)"};

bool is_currency_code(std::string_view code) {
  return code.size() == 3 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

class CatalogReader : YamlReader {
 public:
  CatalogReader(std::string_view text, std::string_view file) : YamlReader(file), text_(text) {
    catalog_.file = std::string(file);
  }

  Result<Catalog> read() {
    auto root = parse_yaml(text_, file());
    if (!root) return std::unexpected(root.error());
    if (!root->IsMap()) {
      problem(*root, "", "a cost catalog is a mapping with currency, sources, site_visit, end_of_life_factor and "
                         "functions (data/catalogs/README.md)");
      return std::unexpected(std::move(problems()));
    }
    try {
      read_head(*root);
      read_sources(*root);
      read_site_visit(*root);
      read_functions(*root);
    } catch (const YAML::Exception& e) {
      // yaml-cpp throws on conversions of malformed nodes; report where it points.
      problems().push_back(yaml_exception_problem(e, file()));
    }
    if (has_errors(problems())) return std::unexpected(std::move(problems()));
    return std::move(catalog_);
  }

 private:
  void read_head(const YAML::Node& root) {
    check_keys(root, {"id", "title", "version", "reflects", "description", "currency", "jurisdictions", "sources",
                      "site_visit", "end_of_life_factor", "functions"},
               "a cost catalog");
    catalog_.id = text(root, "id", false).value_or(std::filesystem::path(file()).stem().string());
    catalog_.title = text(root, "title", false).value_or("");
    catalog_.version = text(root, "version", false).value_or("");
    if (const auto reflects = text(root, "reflects", false)) {
      if (const auto date = parse_date(*reflects)) catalog_.reflects = *date;
      else problem(root["reflects"], "reflects", fmt::format("'{}' is not a date: {}", *reflects, date_problem(*reflects)));
    }
    if (const auto currency = text(root, "currency", true)) {
      if (is_currency_code(*currency)) catalog_.currency = *currency;
      else problem(root["currency"], "currency",
                   fmt::format("'{}' is not a currency code: expected three capital letters (ISO 4217, as GBP)", *currency));
    }
    catalog_.end_of_life_factor = number(root, "end_of_life_factor", false, kFactor).value_or(1);
    if (const YAML::Node list = root["jurisdictions"]) {
      if (!list.IsSequence()) {
        problem(list, "jurisdictions", "'jurisdictions' is a list of ISO country codes (as [GB])");
      } else {
        for (const auto& item : list) {
          const auto code = item.IsScalar() ? parse_country(item.Scalar()) : std::nullopt;
          if (code) catalog_.jurisdictions.emplace_back(netvet::name_of(*code));
          else problem(item, "jurisdictions", "expected a two-letter ISO country code (as GB)");
        }
      }
    }
  }

  void read_sources(const YAML::Node& root) {
    const YAML::Node list = root["sources"];
    if (!list) return;
    if (!list.IsSequence()) return problem(list, "sources", "'sources' must be a list of {id, title, url}");
    for (const auto& node : list) {
      if (!is_map(node, "sources", "a source ({id, title, url})")) continue;
      check_keys(node, {"id", "title", "url"}, "a source");
      CatalogSource source{text(node, "id", true).value_or(""), text(node, "title", true).value_or(""),
                           text(node, "url", false).value_or("")};
      if (!source.id.empty() && catalog_.source(source.id)) {
        problem(node["id"], "id", fmt::format("source id '{}' is listed twice", source.id));
        continue;
      }
      catalog_.sources.push_back(std::move(source));
    }
  }

  void read_site_visit(const YAML::Node& root) {
    const YAML::Node node = root["site_visit"];
    if (!node) return problem(root, "site_visit", "missing required key 'site_visit': expected {cost, crew_days, source or assumption}");
    if (auto figure = read_figure(node, "site_visit", false)) catalog_.site_visit = std::move(*figure);
  }

  void read_functions(const YAML::Node& root) {
    const YAML::Node map = root["functions"];
    if (!map) return problem(root, "functions", "missing required key 'functions': expected a figure per function id");
    if (!is_map(map, "functions", "'functions' (a figure per function id of data/functions.yaml)")) return;
    if (map.size() == 0) return problem(map, "functions", "'functions' needs at least one function's figure");
    const FunctionVocabulary& vocabulary = FunctionVocabulary::builtin();
    std::map<std::string, std::pair<std::string, int>, std::less<>> seen;  // canonical id -> spelling, line
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string name = it->first.IsScalar() ? it->first.Scalar() : std::string();
      const auto id = vocabulary.find(name);
      if (!id) {
        const auto near = vocabulary.suggestions(name);
        // Worded as the inventory reader words an unknown function.
        problem(it->first, name,
                near.empty() ? fmt::format("unknown function '{}'; expected a function id of data/functions.yaml "
                                           "(ru, du, cu, gnb, enb, csr, router, upf, amf, ...)",
                                           name)
                             : fmt::format("unknown function '{}'; did you mean {}?", name, join_or(near)));
        continue;
      }
      const std::string& canonical = vocabulary[*id].id;
      const int line = it->first.Mark().line + 1;
      if (const auto first = seen.find(canonical); first != seen.end()) {
        problem(it->first, name,
                fmt::format("function '{}' is listed twice (first as '{}' on line {})", canonical, first->second.first,
                            first->second.second));
        continue;
      }
      seen.emplace(canonical, std::pair{name, line});
      if (auto figure = read_figure(it->second, canonical, true)) catalog_.functions.emplace(canonical, std::move(*figure));
    }
  }

  // `{cost, crew_days, lifetime_years (elements only), source, assumption, note}`.
  std::optional<CatalogFigure> read_figure(const YAML::Node& node, const std::string& name, bool element) {
    const std::string what = element ? fmt::format("the figure for '{}'", name) : std::string("the site visit");
    if (!is_map(node, name, what)) return std::nullopt;
    if (element) check_keys(node, {"cost", "crew_days", "lifetime_years", "source", "assumption", "note"}, what);
    else check_keys(node, {"cost", "crew_days", "source", "assumption", "note"}, what);
    CatalogFigure f;
    const auto cost = number(node, "cost", true, kCost);
    const auto crew_days = number(node, "crew_days", true, kCrewDays);
    const auto lifetime = element ? number(node, "lifetime_years", true, kLifetime) : std::optional<double>(0);
    bool ok = cost && crew_days && lifetime;
    f.cost = cost.value_or(0);
    f.crew_days = crew_days.value_or(0);
    f.lifetime_years = lifetime.value_or(0);
    f.note = text(node, "note", false).value_or("");
    const auto assumption = flag(node, "assumption");
    f.assumption = assumption.value_or(false);
    if (node["source"]) {
      const auto source = text(node, "source", false);
      if (source && !catalog_.source(*source)) {
        std::vector<std::string> ids;
        for (const auto& s : catalog_.sources) ids.push_back(s.id);
        const auto near = did_you_mean(*source, ids);
        problem(node["source"], "source",
                fmt::format("unknown source '{}'{}", *source,
                            near ? fmt::format(" (did you mean '{}'?)", *near)
                            : ids.empty() ? std::string("; the catalog lists no sources")
                                          : fmt::format("; expected an id of the catalog's sources: {}", join_or(ids))));
        ok = false;
      }
      if (source) f.source = *source;
      else ok = false;
    } else if (!f.assumption && (!node["assumption"] || assumption.has_value())) {
      // (an `assumption` that is neither true nor false was reported above)
      problem(node, name,
              fmt::format("{} cites no source and is not marked 'assumption: true': cite an id of the catalog's "
                          "sources, or mark it as an assumption with a 'note' saying what it rests on",
                          what));
      ok = false;
    }
    if (f.assumption && f.note.empty() && !node["note"]) {
      problem(node, "note", fmt::format("{} is an assumption: add a 'note' saying what it rests on", what));
      ok = false;
    }
    if (!ok) return std::nullopt;
    return f;
  }

  std::string_view text_;
  Catalog catalog_;
};

std::string_view stem_of(std::string_view path) {
  constexpr std::string_view kPrefix = "catalogs/", kSuffix = ".yaml";
  if (!path.starts_with(kPrefix) || !path.ends_with(kSuffix)) return {};
  const auto name = path.substr(kPrefix.size(), path.size() - kPrefix.size() - kSuffix.size());
  return name.find('/') == std::string_view::npos ? name : std::string_view();
}

}  // namespace

const CatalogFigure* Catalog::of(std::string_view function) const {
  const auto it = functions.find(function);
  return it == functions.end() ? nullptr : &it->second;
}

const CatalogSource* Catalog::source(std::string_view source_id) const {
  for (const auto& s : sources)
    if (s.id == source_id) return &s;
  return nullptr;
}

Result<Catalog> parse_catalog(std::string_view text, std::string_view file) { return CatalogReader(text, file).read(); }

Result<Catalog> load_catalog_file(const std::filesystem::path& path) {
  const auto text = read_input_file(path, path.string(), "a cost catalog (a YAML file)", kMaxCatalogBytes);
  if (!text) return std::unexpected(text.error());
  return parse_catalog(*text, path.string());
}

std::vector<std::string> builtin_catalog_ids() {
  std::vector<std::string> ids;
  for (const auto& file : data::embedded_files())
    if (const auto name = stem_of(file.path); !name.empty()) ids.emplace_back(name);
  return ids;
}

Result<Catalog> builtin_catalog_for(std::string_view jurisdiction) {
  for (const auto& id : builtin_catalog_ids()) {
    auto catalog = builtin_catalog(id);
    if (catalog && std::ranges::find(catalog->jurisdictions, jurisdiction) != catalog->jurisdictions.end()) return catalog;
  }
  Diagnostic d;
  d.file = "--catalog";
  d.value = std::string(jurisdiction);
  d.message = fmt::format("no built-in cost catalog prices {}'s networks (built-in catalogs: {}): give --catalog with one "
                          "of them or a catalog file", jurisdiction, join_or(builtin_catalog_ids()));
  return fail(std::move(d));
}

Result<Catalog> builtin_catalog(std::string_view id) {
  const std::string key = to_lower(trim(id));
  const auto ids = builtin_catalog_ids();
  const auto text = std::ranges::find(ids, key) != ids.end() ? data::embedded(fmt::format("catalogs/{}.yaml", key))
                                                             : std::nullopt;
  if (!text) {
    const auto near = did_you_mean(key, ids);
    Diagnostic d;
    d.file = "--catalog";
    d.value = std::string(id);
    d.message = fmt::format("no built-in cost catalog '{}'{}; built-in catalogs: {}, or a catalog file's path", id,
                            near ? fmt::format(" (did you mean '{}'?)", *near) : "", join_or(ids));
    return fail(std::move(d));
  }
  return parse_catalog(*text, fmt::format("data/catalogs/{}.yaml", key));
}

Result<Catalog> catalog_named(std::string_view name) {
  const std::string written(name);
  const bool file = written.find('/') != std::string::npos || written.ends_with(".yaml") || written.ends_with(".yml") ||
                    path_kind(written) != PathKind::missing;
  return file ? load_catalog_file(written) : builtin_catalog(name);
}

}  // namespace netvet::plan
