// The gen module's door: loads the profile, cities and equipment catalog, then runs the
// stages of network.h in order and hands over the finished inventory.

#include "gen/generate.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "data/embedded.h"
#include "gen/network.h"
#include "util/text.h"

namespace netvet::gen {

namespace {

constexpr std::string_view kProfileDir = "profiles/";

Diagnostic problem(std::string file, std::string message) {
  Diagnostic d;
  d.file = std::move(file);
  d.message = std::move(message);
  return d;
}

// Resolves the function names the stages use; a missing one is a vocabulary mismatch.
Result<Functions> resolve_functions(const FunctionVocabulary& vocabulary) {
  Diagnostics missing;
  auto get = [&](std::string_view name) -> FunctionId {
    if (auto id = vocabulary.find(name)) return *id;
    missing.push_back(problem("data/functions.yaml", fmt::format("the generator needs function '{}'", name)));
    return 0;
  };
  Functions f{get("ru"), get("du"), get("cu"), get("gnb"), get("enb"), get("csr"), get("router"),
              get("microwave"), get("optical"), get("sepp"), get("dea"), get("peering"), get("firewall"),
              get("oss"), get("ems"), get("nms"), get("mano"), get("nfvi"), get("li"), get("remote_access")};
  for (auto name : {"upf", "sgw", "pgw", "amf", "smf", "ausf", "udm", "udr", "pcf", "nrf", "nssf", "nef", "scp",
                    "chf", "mme", "hss", "pcrf", "ims"})
    get(name);
  if (!missing.empty()) return std::unexpected(std::move(missing));
  return f;
}

void add_meta(Context& ctx) {
  auto& inv = ctx.builder.inventory();
  inv.meta.name = ctx.builder.intern(fmt::format("Synthetic {} network (netvet generate, seed {})", ctx.profile.name, ctx.options.seed));
  inv.meta.country = parse_country(ctx.profile.country).value_or(kNoCountry);
  inv.meta.as_of = ctx.profile.as_of;
  auto add = [&](const std::string& key, std::string_view value) {
    const std::size_t column = inv.meta.extra.column(key, 0);
    inv.meta.extra.values[column].push_back(ctx.builder.intern(value));
  };
  add("generator", "netvet generate");
  add("seed", fmt::format("{}", ctx.options.seed));
  add("profile_as_of", format_date(ctx.profile.as_of));
}

void add_operators(Context& ctx) {
  const Country country = parse_country(ctx.profile.country).value_or(kNoCountry);
  for (std::size_t i = 0; i < ctx.profile.operators.size(); ++i) {
    const auto& op = ctx.profile.operators[i];
    ctx.ops[i].row = *ctx.builder.add_operator({.id = op.id, .name = op.name, .country = country, .subscribers = op.subscribers});
  }
  for (const auto& w : ctx.profile.wholesale) {
    WholesaleNet net;
    net.row = *ctx.builder.add_operator({.id = w.id, .name = w.name, .country = country, .subscribers = 0});
    net.balancer = ShareBalancer(w.vendors);
    ctx.wholesale.push_back(std::move(net));
  }
}

}  // namespace

Result<Inventory> generate(const CountryProfile& profile, std::string_view cities_csv, const GenerateOptions& options) {
  if (options.sites == 0) return fail(problem("", "--sites must be at least 1"));
  auto cities = load_cities(cities_csv, "data/cities.csv", profile.country);
  if (!cities) return std::unexpected(cities.error());
  if (cities->empty())
    return fail(problem("data/cities.csv", fmt::format("no cities for country {} in data/cities.csv", profile.country)));
  auto catalog = EquipmentCatalog::builtin();
  if (!catalog) return std::unexpected(catalog.error());
  auto functions = resolve_functions(FunctionVocabulary::builtin());
  if (!functions) return std::unexpected(functions.error());
  auto coverage = CoverageFacts::builtin();
  if (!coverage) return std::unexpected(coverage.error());
  auto land = land_cells(profile.country, *coverage, *cities);
  if (!land) return std::unexpected(land.error());

  try {
    Context ctx(profile, std::move(*cities), std::move(*catalog), options);
    ctx.fn = *functions;
    ctx.coverage = *coverage;
    ctx.land = std::move(*land);
    // ~5 elements and ~9 links per cell site (see kElementsPerSite).
    ctx.builder.reserve(options.sites + options.sites / 50 + 100, options.sites * 11 / 2 + 1000,
                        options.sites * 10 + 1000);
    ctx.progress("placing sites", 0.0);
    plan_cells(ctx);
    ctx.progress("assigning vendors", 0.05);
    assign_regional_vendors(ctx);
    add_operators(ctx);
    add_meta(ctx);
    ctx.progress("core networks", 0.07);
    build_cores(ctx);
    ctx.progress("transport", 0.08);
    build_transport(ctx);
    build_cells(ctx);
    ctx.progress("facilities", 0.97);
    build_facilities(ctx);
    ctx.progress("done", 1.0);
    return std::move(ctx.builder).finish();
  } catch (const std::exception& e) {  // a generator bug or out of memory: never thrown across the door
    return fail(problem("", fmt::format("generating the network failed: {}", e.what())));
  }
}

Result<CountryProfile> builtin_profile(std::string_view country) {
  std::string code(country);
  std::ranges::transform(code, code.begin(), [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
  const std::string path = fmt::format("{}{}.yaml", kProfileDir, code);
  const auto text = data::embedded(path);
  if (!text) {
    const auto known = available_countries();
    std::string list;
    for (std::size_t i = 0; i < known.size(); ++i) list += (i == 0 ? "" : i + 1 == known.size() ? " and " : ", ") + known[i];
    return fail(problem("--country", fmt::format("no country profile for '{}': the profiles are {} (data/profiles/)",
                                                 country, list)));
  }
  return load_profile(*text, "data/" + path);
}

Result<Inventory> generate(const GenerateOptions& options) {
  auto profile = builtin_profile(options.country);
  if (!profile) return std::unexpected(profile.error());
  const auto cities = data::embedded("cities.csv");
  if (!cities) return fail(problem("data/cities.csv", "the city list is not embedded in this build"));
  return generate(*profile, *cities, options);
}

std::vector<std::string> available_countries() {
  std::vector<std::string> out;
  for (const auto& f : data::embedded_files()) {
    if (!f.path.starts_with(kProfileDir) || !f.path.ends_with(".yaml")) continue;
    const auto name = f.path.substr(kProfileDir.size(), f.path.size() - kProfileDir.size() - 5);
    if (name.find('/') == std::string_view::npos) out.emplace_back(name);
  }
  std::ranges::sort(out);
  return out;
}

}  // namespace netvet::gen
