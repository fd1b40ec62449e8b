#pragma once
// Internal to gen: the state the generator's stages hand on to each other. Stages run in
// order (generate.cpp): plan cells -> assign regional vendors -> cores -> transport ->
// cells -> facilities; each reads what the earlier ones left here.

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "gen/catalog.h"
#include "gen/cities.h"
#include "gen/coverage.h"
#include "gen/generate.h"
#include "gen/rng.h"
#include "gen/shares.h"
#include "model/builder.h"

namespace netvet::gen {

inline constexpr std::uint8_t kNobody = 0xff;

// The radios one operator puts on a site.
struct RadioPlan {
  Generations gens = kGen4G;
  bool split = false;  // 5G as du + cu rather than an integrated gnb
  std::uint8_t rus = 1;
};

// A cell site before it becomes rows.
struct CellPlan {
  double lat = 0, lon = 0;
  std::uint32_t city = 0;  // region: the city the site belongs to
  std::uint32_t agg = 0;   // the host operator's aggregation pair it homes to
  std::uint8_t op = 0;     // host operator (profile index)
  std::uint8_t guest = kNobody;
  bool rural = false, microwave = false, dual_homed = true;
  RadioPlan host, guest_radio;
  double range_km = 0;  // coverage radius, km, to 0.1 km, by setting (gen/coverage.h)
  float weight = 1;  // share of the operator's subscribers, before normalising
  std::int64_t subscribers = 0;
};

struct RouterPair {
  Index a = kNoIndex, b = kNoIndex;  // elements rows
  double lat = 0, lon = 0;
  std::uint32_t city = 0;
  std::uint8_t vendor = 0;  // index into the operator's transport shares
};

// A vendor's product names for one function, resolved once from the catalog.
struct Kit {
  std::string vendor;
  std::vector<std::string> models, software;
};

struct RanKits {
  const Kit *ru = nullptr, *enb = nullptr, *gnb = nullptr, *du = nullptr, *cu = nullptr;
};

// One operator's network as far as it is built.
struct OperatorNet {
  Index row = kNoIndex;                   // operators row
  std::vector<std::uint8_t> ran_vendor;   // by city: index into the profile's ran shares
                                          // (its 5G may be another's: Context::vendor_for)
  std::vector<std::uint8_t> csr_vendor;   // by city: index into the transport shares
  ShareBalancer routers;                  // transport vendors, continuing the CSRs' count
  std::vector<RanKits> ran_kits;          // by ran vendor index
  std::vector<const Kit*> csr_kits;       // by transport vendor index
  std::vector<Index> ems;                 // by ran vendor index: the vendor's element manager
  std::map<std::string, Index, std::less<>> nms;  // by transport/microwave vendor
  std::vector<RouterPair> dcs, metros, aggs;
  std::vector<std::string> dc_ids;        // site ids of the data centres
  std::vector<Index> nfvis;               // by data centre
  Index mano = kNoIndex;
};

// A wholesale transport operator's optical network, built as rings need it.
struct WholesaleNet {
  Index row = kNoIndex;
  ShareBalancer balancer;
  std::vector<Index> optical_by_city;
  std::map<std::string, Index, std::less<>> nms;
};

// Function ids the generator uses, resolved from the vocabulary once.
struct Functions {
  FunctionId ru, du, cu, gnb, enb, csr, router, microwave, optical;
  FunctionId sepp, dea, peering, firewall, oss, ems, nms, mano, nfvi, li, remote_access;
};

struct Context {
  Context(const CountryProfile& p, std::vector<City> c, EquipmentCatalog cat, const GenerateOptions& o)
      : profile(p), cities(std::move(c)), catalog(std::move(cat)), options(o), rng(o.seed) {}

  const CountryProfile& profile;
  std::vector<City> cities;
  EquipmentCatalog catalog;
  const GenerateOptions& options;
  Rng rng;
  InventoryBuilder builder;
  Functions fn{};
  CoverageFacts coverage;
  std::vector<LandCell> land;  // nearest city first (gen/coverage.h)
  std::vector<CellPlan> cells;
  std::vector<OperatorNet> ops;  // by profile operator index
  std::vector<WholesaleNet> wholesale;  // by profile wholesale index
  std::vector<StrId> city_names;

  // Tells the caller (a progress bar) how far the whole run has got, 0..1.
  void progress(std::string_view stage, double fraction) const {
    if (options.progress) options.progress(stage, fraction);
  }

  // The kit of `vendor` for `function`, resolved once and kept (map nodes are stable).
  const Kit& kit(std::string_view vendor, std::string_view function, std::string_view domain);

  // A date in [roll-out start of `gens`, as_of] for kit of `vendor` radiating `gens`,
  // before the vendor's install cut-off for them if it has one.
  Date install_date(std::string_view vendor, Generations gens);

  // The index into `shares` of the vendor that builds kit of `gens` where `preferred` was
  // contracted: `preferred`, unless the profile's cut-offs mean it never installed `gens`
  // (never_installs); then the operator's largest vendor of those shares that did, the
  // first of equals. The one place that rule is applied (gen/cutoffs.cpp says why); kits
  // and an EMS exist for every vendor of an operator's shares, so any answer can be built.
  std::size_t vendor_for(const Shares& shares, std::size_t preferred, Generations gens) const;

  // Adds an element with a model and software from `kit`; `id` must be new.
  Index element(std::string_view id, Index site, FunctionId function, const Kit& kit,
                Index op = kNoIndex, Generations gens = 0, Date installed = kNoDate);
  // The wholesale operator `w`'s optical element in `city`, built on first use.
  Index wholesale_optical(std::size_t w, std::uint32_t city);
  // The profile index of operator `id` (one the profile has validated).
  std::size_t operator_index(std::string_view op_id) const {
    for (std::size_t i = 0; i < profile.operators.size(); ++i)
      if (profile.operators[i].id == op_id) return i;
    return 0;
  }

  void link(Index a, Index b, LinkKind kind = LinkKind::transport) { builder.add_link(a, b, kind); }

  // Formats an id into a reused buffer (valid until the next call).
  template <typename... Args>
  std::string_view id(fmt::format_string<Args...> format, Args&&... args) {
    id_buffer_.clear();
    fmt::format_to(std::back_inserter(id_buffer_), format, std::forward<Args>(args)...);
    return {id_buffer_.data(), id_buffer_.size()};
  }

 private:
  std::map<std::string, Kit, std::less<>> kits_;
  fmt::memory_buffer id_buffer_;
};

// The stages, in the order generate() runs them.
void plan_cells(Context& ctx);             // placement.cpp
void assign_regional_vendors(Context& ctx);// regions.cpp
void build_cores(Context& ctx);            // core.cpp
void build_transport(Context& ctx);        // transport.cpp
void build_cells(Context& ctx);            // ran.cpp
void build_facilities(Context& ctx);       // facilities.cpp

}  // namespace netvet::gen
