// Reading a country profile (data/profiles/CC.yaml) into a CountryProfile, with every
// problem reported at its file:line:column. yaml-cpp throws on conversions; nothing
// thrown here leaves this file.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "gen/generate.h"
#include "model/yaml_util.h"

namespace netvet::gen {

namespace {

constexpr double kShareTolerance = 0.005;  // shares written to two or three decimals

class ProfileReader {
 public:
  explicit ProfileReader(std::string_view file) : file_(file) {}

  Diagnostics problems;

  // parent[key] when present, else parent: a place to point at for a missing key.
  static YAML::Node at(const YAML::Node& parent, const char* key) {
    const YAML::Node n = parent[key];
    return n ? n : parent;
  }

  void problem(const YAML::Node& node, std::string_view key, std::string message) {
    problems.push_back(yaml_problem(node, file_, key, std::move(message)));
  }

  std::string text(const YAML::Node& parent, const char* key, bool required = true) {
    const YAML::Node n = parent[key];
    if (n && n.IsScalar()) return n.Scalar();
    if (required) problem(n ? n : parent, key, fmt::format("expected '{}:' with a text value", key));
    return {};
  }

  double number(const YAML::Node& parent, const char* key, double fallback, bool required = false) {
    const YAML::Node n = parent[key];
    if (!n) {
      if (required) problem(parent, key, fmt::format("expected '{}:' with a number", key));
      return fallback;
    }
    try {
      return n.as<double>();
    } catch (const YAML::Exception&) {
      problem(n, key, fmt::format("expected a number for '{}'", key));
      return fallback;
    }
  }

  // A map vendor -> share, e.g. `ran: {huawei: 0.62, nokia: 0.33, ericsson: 0.05}`.
  Shares shares(const YAML::Node& parent, const char* key, bool required) {
    Shares out;
    const YAML::Node n = parent[key];
    if (!n) {
      if (required) problem(parent, key, fmt::format("expected '{}:' with vendor shares", key));
      return out;
    }
    if (!n.IsMap()) {
      problem(n, key, fmt::format("expected '{}:' as a map of vendor id to share", key));
      return out;
    }
    double total = 0;
    for (const auto& kv : n) {
      const std::string vendor = kv.first.Scalar();
      if (vendor.empty() || VendorRegistry::slug(vendor) != vendor)
        problem(kv.first, key, fmt::format("vendor '{}' must be a canonical registry id (lowercase, '-')", vendor));
      double share = 0;
      try {
        share = kv.second.as<double>();
      } catch (const YAML::Exception&) {
        problem(kv.second, key, fmt::format("expected a number as the share of '{}'", vendor));
      }
      if (share < 0 || share > 1) problem(kv.second, key, fmt::format("share of '{}' must be between 0 and 1", vendor));
      total += share;
      out.push_back({vendor, share});
    }
    if (std::abs(total - 1.0) > kShareTolerance)
      problem(n, key, fmt::format("'{}' shares sum to {:.3f}, expected 1", key, total));
    return out;
  }

  Date date(const YAML::Node& parent, const char* key) {
    const std::string s = text(parent, key);
    if (s.empty()) return kNoDate;
    const auto d = parse_date(s);
    if (!d) problem(at(parent, key), key, fmt::format("'{}' is not a date (expected YYYY-MM-DD)", s));
    return d.value_or(kNoDate);
  }

  const YAML::Node list(const YAML::Node& parent, const char* key, bool required) {
    const YAML::Node n = parent[key];
    if (n && !n.IsSequence()) problem(n, key, fmt::format("expected '{}:' as a list", key));
    if (!n && required) problem(parent, key, fmt::format("expected a list '{}:'", key));
    return n && n.IsSequence() ? n : YAML::Node(YAML::NodeType::Sequence);
  }

  OperatorProfile operator_profile(const YAML::Node& n) {
    OperatorProfile op;
    op.id = text(n, "id");
    op.name = text(n, "name", false);
    if (op.name.empty()) op.name = op.id;
    op.subscribers = static_cast<std::int64_t>(number(n, "subscribers", 0, true));
    op.site_share = number(n, "site_share", 0, true);
    if (const YAML::Node g = n["generations"]) {
      op.generations = {number(g, "4G", 0), number(g, "4G+5G", 0), number(g, "5G", 0)};
      const double total = op.generations.lte_only + op.generations.dual + op.generations.nr_only;
      if (std::abs(total - 1.0) > kShareTolerance)
        problem(g, "generations", fmt::format("generation mix sums to {:.3f}, expected 1 (keys 4G, 4G+5G, 5G)", total));
    }
    op.split_5g = number(n, "split_5g", 0);
    op.core_sites = static_cast<int>(number(n, "core_sites", 2));
    if (op.core_sites < 2 || op.core_sites > 4)
      problem(at(n, "core_sites"), "core_sites", "expected 2 to 4 core data centres");
    op.ran = shares(n, "ran", true);
    op.core = shares(n, "core", true);
    op.transport = shares(n, "transport", true);
    op.microwave = shares(n, "microwave", false);
    op.nfvi = shares(n, "nfvi", false);
    if (op.nfvi.empty()) op.nfvi = {{"vmware", 1.0}};
    return op;
  }

  FacilityProfile facility(const YAML::Node& n) {
    FacilityProfile f;
    f.id = text(n, "id");
    f.name = text(n, "name", false);
    const std::string kind = text(n, "kind");
    if (const auto k = parse_facility_kind(kind)) f.kind = *k;
    else if (!kind.empty()) problem(at(n, "kind"), "kind", fmt::format("unknown facility kind '{}'", kind));
    if (const std::string owner = text(n, "owner", false); !owner.empty()) {
      if (const auto c = parse_country(owner)) f.owner = *c;
      else problem(at(n, "owner"), "owner", fmt::format("'{}' is not an ISO 3166-1 alpha-2 code", owner));
    }
    f.lat = number(n, "lat", 0, true);
    f.lon = number(n, "lon", 0, true);
    if (const YAML::Node tags = n["tags"]; tags && tags.IsSequence())
      for (const auto& t : tags) f.tags.push_back(t.Scalar());
    return f;
  }

  CountryProfile profile(const YAML::Node& root) {
    CountryProfile p;
    if (!root.IsMap()) {
      problem(root, "", "expected a country profile (a YAML map)");
      return p;
    }
    p.country = text(root, "country");
    if (!parse_country(p.country)) problem(at(root, "country"), "country", "expected an ISO 3166-1 alpha-2 code");
    p.name = text(root, "name");
    p.as_of = date(root, "as_of");
    p.capital = text(root, "capital");
    for (const auto& s : list(root, "sources", true)) p.sources.push_back({text(s, "title"), text(s, "url", false)});
    if (const YAML::Node b = root["bbox"]) {
      p.bbox = {number(b, "lat_min", -90, true), number(b, "lat_max", 90, true),
                number(b, "lon_min", -180, true), number(b, "lon_max", 180, true)};
    } else {
      problem(root, "bbox", "expected 'bbox:' with lat_min, lat_max, lon_min, lon_max");
    }
    if (const YAML::Node t = root["topology"]) {
      auto& topo = p.topology;
      topo.rural_share = number(t, "rural_share", topo.rural_share);
      topo.land_coverage = number(t, "land_coverage", topo.land_coverage);
      if (!(topo.land_coverage >= 0 && topo.land_coverage <= 1)) problem(t, "land_coverage", "expected a share from 0 to 1");
      topo.dual_homed = number(t, "dual_homed", topo.dual_homed);
      topo.microwave_share = number(t, "microwave_share", topo.microwave_share);
      topo.cells_per_aggregation = static_cast<int>(number(t, "cells_per_aggregation", topo.cells_per_aggregation));
      if (topo.cells_per_aggregation < 10) problem(t, "cells_per_aggregation", "expected at least 10");
    }
    double site_total = 0;
    for (const auto& n : list(root, "operators", true)) {
      p.operators.push_back(operator_profile(n));
      site_total += p.operators.back().site_share;
    }
    if (p.operators.empty()) problem(root, "operators", "a profile needs at least one operator");
    if (p.operators.size() > 200) problem(at(root, "operators"), "operators", "at most 200 operators");
    if (!p.operators.empty() && std::abs(site_total - 1.0) > kShareTolerance)
      problem(at(root, "operators"), "site_share", fmt::format("operators' site_share sums to {:.3f}, expected 1", site_total));
    for (const auto& n : list(root, "sharing", false)) {
      SharingGroup g{text(n, "name"), {}, number(n, "share", 0, true)};
      for (const auto& o : list(n, "operators", true)) {
        g.operators.push_back(o.Scalar());
        if (std::ranges::none_of(p.operators, [&](const auto& op) { return op.id == o.Scalar(); }))
          problem(o, "operators", fmt::format("sharing group '{}' names unknown operator '{}'", g.name, o.Scalar()));
      }
      if (g.operators.size() < 2) problem(n, "operators", "a sharing group needs two operators or more");
      p.sharing.push_back(std::move(g));
    }
    for (const auto& n : list(root, "wholesale", false))
      p.wholesale.push_back({text(n, "id"), text(n, "name", false), shares(n, "vendors", true), number(n, "share", 0, true)});
    for (const auto& n : list(root, "install_cutoffs", false)) {
      InstallCutoff c{text(n, "vendor"), kGen5G, date(n, "after")};
      const std::string gen = text(n, "generation");
      if (const auto g = parse_generation(gen)) c.generation = *g;
      else problem(at(n, "generation"), "generation", fmt::format("unknown generation '{}' (2G, 3G, 4G or 5G)", gen));
      p.install_cutoffs.push_back(std::move(c));
    }
    if (const YAML::Node ops = root["operators"]; ops && ops.IsSequence()) check_cutoffs(p, ops);
    for (const auto& n : list(root, "facilities", false)) p.facilities.push_back(facility(n));
    return p;
  }

  // Every generation an operator builds needs a vendor of its shares that the cut-offs
  // leave in it (never_installs, profile.h): RAN for the generations of its sites, core
  // for 5G, as every generated core has 5GC functions.
  void check_cutoffs(const CountryProfile& p, const YAML::Node& operators) {
    std::size_t i = 0;
    for (const auto& n : operators) {
      const OperatorProfile& op = p.operators[i++];
      auto check = [&](const char* key, const Shares& shares, Generations gen) {
        if (shares.empty() || std::ranges::any_of(shares, [&](const VendorShare& s) {
              return s.share > 0 && !never_installs(p, s.vendor, gen);
            }))
          return;
        const std::string_view name = generation_names(gen).front();
        problem(at(n, key), key,
                fmt::format("operator '{}' builds {} but install_cutoffs end every '{}' vendor's {} "
                            "before its roll-out ({}): give the operator a vendor that installed {}",
                            op.id, name, key, name, format_date(rollout_start(gen)), name));
      };
      const auto& mix = op.generations;
      if (mix.lte_only + mix.dual > 0) check("ran", op.ran, kGen4G);
      if (mix.dual + mix.nr_only > 0) check("ran", op.ran, kGen5G);
      check("core", op.core, kGen5G);
    }
  }

 private:
  std::string_view file_;
};

}  // namespace

Result<CountryProfile> load_profile(std::string_view yaml, std::string_view file) {
  auto root = parse_yaml(yaml, file);
  if (!root) return std::unexpected(root.error());
  ProfileReader reader(file);
  CountryProfile profile;
  try {
    profile = reader.profile(*root);
  } catch (const YAML::Exception& e) {  // a malformed node the checks above did not foresee
    reader.problems.push_back(yaml_exception_problem(e, file, "malformed profile"));
  }
  if (has_errors(reader.problems)) return std::unexpected(std::move(reader.problems));
  return profile;
}

}  // namespace netvet::gen
