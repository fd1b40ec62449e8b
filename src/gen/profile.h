#pragma once
// A country profile: the facts a synthetic national network is generated from —
// operators, their share of cell sites and subscribers, the vendor shares of their RAN,
// core and transport, who shares sites with whom, and the sensitive facilities. Written
// in data/profiles/CC.yaml with sources and the date the numbers reflect; every number
// there is approximate and the uncertain ones are marked as assumptions.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/inventory.h"
#include "model/vendors.h"
#include "util/date.h"
#include "util/diagnostic.h"

namespace netvet::gen {

// Vendor shares of one domain, in file order; the shares sum to 1.
struct VendorShare {
  std::string vendor;  // canonical registry id, e.g. "huawei"
  double share = 0;
};
using Shares = std::vector<VendorShare>;

// Share of an operator's cell sites by the generations they radiate.
struct GenerationMix {
  double lte_only = 1.0;  // 4G baseband only
  double dual = 0.0;      // 4G and 5G basebands
  double nr_only = 0.0;   // 5G only
};

// A vendor that may not install new kit of some generation after a date (UK: no new
// Huawei 5G after 2020-12-31): generated install dates respect it. A cut-off on or before
// the generation's roll-out (rollout_start) means the vendor never installed that
// generation at all (AU and NZ kept Huawei out of 5G in 2018): the generator has another
// of the operator's vendors build it (never_installs).
struct InstallCutoff {
  std::string vendor;
  Generations generation = kGen5G;
  Date after = kNoDate;
};

struct OperatorProfile {
  std::string id, name;
  std::int64_t subscribers = 0;
  double site_share = 0;  // of the country's cell sites, as the site's (host) operator
  GenerationMix generations;
  double split_5g = 0;    // share of 5G basebands built as a du + cu split
  int core_sites = 2;     // core data centres, 2-4
  Shares ran;             // counted on RAN baseband elements (enb, gnb, du)
  Shares core;            // counted on core-domain elements
  Shares transport;       // counted on IP routers (csr, router)
  Shares microwave;       // microwave backhaul radios (empty: none)
  Shares nfvi;            // virtualisation platform hosting the virtual core
};

// Operators that put their RAN on each other's sites (GB: MBNL, CTIL).
struct SharingGroup {
  std::string name;
  std::vector<std::string> operators;
  double share = 0;  // share of a member's sites that also carry a partner's RAN
};

// A wholesale transport operator whose optical network some aggregation rings cross.
struct WholesaleProfile {
  std::string id, name;
  Shares vendors;
  double share = 0;  // share of aggregation rings that reach their metro through it
};

struct FacilityProfile {
  std::string id, name;
  FacilityKind kind = FacilityKind::other;
  Country owner = kNoCountry;
  double lat = 0, lon = 0;
  std::vector<std::string> tags;
};

struct BoundingBox {
  double lat_min = -90, lat_max = 90, lon_min = -180, lon_max = 180;
  bool contains(double lat, double lon) const {
    return lat >= lat_min && lat <= lat_max && lon >= lon_min && lon <= lon_max;
  }
};

// How the generated network is shaped; the defaults suit a typical national operator.
struct TopologyProfile {
  double rural_share = 0.15;      // cell sites placed between cities rather than around one (at least)
  double land_coverage = 0.9;     // share of the land mask's cells rural sites cover, nearest cities first
  double dual_homed = 0.85;       // cell-site routers homed to two aggregation routers
  double microwave_share = 0.10;  // cell sites backhauled over a microwave hop (single-homed)
  int cells_per_aggregation = 120;  // cell sites per aggregation site
};

struct CountryProfile {
  std::string country;  // ISO 3166-1 alpha-2
  std::string name;
  Date as_of = kNoDate;  // the date the shares reflect
  std::vector<Source> sources;
  std::string capital;
  BoundingBox bbox;  // rough: sites are kept inside it, facilities checked against it
  TopologyProfile topology;
  std::vector<OperatorProfile> operators;
  std::vector<SharingGroup> sharing;
  std::vector<WholesaleProfile> wholesale;
  std::vector<InstallCutoff> install_cutoffs;
  std::vector<FacilityProfile> facilities;
};

// When a generation went in at scale, the earliest install date the generator gives it:
// 5G from mid-2019, LTE from 2012 (as in Europe), anything else from 2008.
Date rollout_start(Generations gens);

// Whether the profile's install cut-offs mean `vendor` never installed kit of one of
// `gens`: a cut-off for it that falls on or before that generation's roll-out start.
// A later cut-off only ends the vendor's installs; none applies to `gens` 0.
bool never_installs(const CountryProfile& profile, std::string_view vendor, Generations gens);

}  // namespace netvet::gen
