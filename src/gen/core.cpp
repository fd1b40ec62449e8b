// Stage 3: each operator's core data centres. 2-4 sites in the largest cities, each with
// a pair of core routers; the user plane (UPF, SGW, PGW) in every one, the control plane
// (5GC and EPC), IMS and interconnect (SEPP, DEA, peering) in the first two as a
// geo-redundant pair; NFVI hosting the virtual functions; and in the first, the
// management stack: an EMS per RAN vendor, an NMS per transport vendor, the OSS above
// them, MANO, lawful interception and the vendors' remote-support gateways.

#include <algorithm>
#include <array>

#include "gen/network.h"

namespace netvet::gen {

namespace {

constexpr std::array<std::string_view, 3> kUserPlane = {"upf", "sgw", "pgw"};
constexpr std::array<std::string_view, 15> kControlPlane = {
    "amf", "smf", "ausf", "udm", "udr", "pcf", "nrf", "nssf", "nef", "scp", "chf", "mme", "hss", "pcrf", "ims"};
// 5GC is cloud native and runs on NFVI; EPC nodes are mostly appliances (assumption).
constexpr std::array<std::string_view, 14> kVirtual = {
    "upf", "amf", "smf", "ausf", "udm", "udr", "pcf", "nrf", "nssf", "nef", "scp", "chf", "ims", "sepp"};
constexpr std::array<std::string_view, 12> k5gc = {
    "upf", "amf", "smf", "ausf", "udm", "udr", "pcf", "nrf", "nssf", "nef", "scp", "chf"};

bool is_one_of(std::string_view name, std::span<const std::string_view> names) {
  return std::ranges::find(names, name) != names.end();
}

// The generation a core function belongs to, for install dates and cut-offs: 5GC is 5G;
// EPC, IMS and the rest carry none.
Generations era_of(std::string_view function) { return is_one_of(function, k5gc) ? kGen5G : 0; }

// The vendor with the largest share: who supplies the pieces a profile does not split.
const std::string& lead_vendor(const Shares& shares) {
  return std::ranges::max_element(shares, {}, &VendorShare::share)->vendor;
}

struct CoreBuilder {
  Context& ctx;
  const OperatorProfile& opp;
  OperatorNet& net;

  FunctionId function(std::string_view name) const { return *ctx.builder.inventory().functions->find(name); }

  // An element in data centre `dc`, linked to both of its core routers.
  Index attached(std::size_t dc, std::string_view name, FunctionId function, const Kit& kit, Date installed) {
    const RouterPair& pair = net.dcs[dc];
    const Index site = ctx.builder.inventory().elements.site[pair.a];
    const std::string suffix(name);  // `name` may live in ctx.id's buffer, which ctx.id reuses
    const Index e = ctx.element(ctx.id("{}-{}", net.dc_ids[dc], suffix), site, function, kit, kNoIndex, 0, installed);
    ctx.link(e, pair.a);
    ctx.link(e, pair.b);
    return e;
  }

  void data_centres() {
    const auto n = static_cast<std::size_t>(opp.core_sites);
    for (std::size_t k = 0; k < n; ++k) {
      const auto city_index = static_cast<std::uint32_t>(k % ctx.cities.size());
      const City& city = ctx.cities[city_index];
      const double lat = city.lat + ctx.rng.uniform(-0.03, 0.03), lon = city.lon + ctx.rng.uniform(-0.03, 0.03);
      const std::string site_id = fmt::format("{}-DC{}", opp.id, k + 1);
      const std::string name = fmt::format("{} {} core DC{}", opp.name, city.name, k + 1);
      const Index site = *ctx.builder.add_site({.id = site_id, .op = net.row,
                                                .kind = k < 2 ? SiteKind::core : SiteKind::datacenter,
                                                .lat = lat, .lon = lon, .name = name, .region = city.name});
      const auto vendor = static_cast<std::uint8_t>(net.routers.pick(2));
      const Kit& kit = ctx.kit(opp.transport[vendor].vendor, "router", "transport");
      RouterPair pair{.lat = lat, .lon = lon, .city = city_index, .vendor = vendor};
      pair.a = ctx.element(ctx.id("{}-cr1", site_id), site, ctx.fn.router, kit, kNoIndex, 0, ctx.install_date(kit.vendor, 0));
      pair.b = ctx.element(ctx.id("{}-cr2", site_id), site, ctx.fn.router, kit, kNoIndex, 0, ctx.install_date(kit.vendor, 0));
      ctx.link(pair.a, pair.b);
      net.dcs.push_back(pair);
      net.dc_ids.push_back(site_id);
    }
    // The data centres in a ring (a pair for two) over both router planes.
    for (std::size_t k = 0; k < (n == 2 ? 1 : n); ++k) {
      ctx.link(net.dcs[k].a, net.dcs[(k + 1) % n].a);
      ctx.link(net.dcs[k].b, net.dcs[(k + 1) % n].b);
    }
  }

  void functions() {
    const std::size_t n = net.dcs.size();
    // Vendor per function, the functions with most instances first.
    std::vector<std::pair<std::string_view, std::size_t>> plan;  // function, instances
    for (auto f : kUserPlane) plan.emplace_back(f, n);
    for (auto f : kControlPlane) plan.emplace_back(f, 2);
    // A vendor the profile's cut-offs keep out of 5G (AU, NZ) builds no 5GC function: the
    // balancer hands those to the others, and makes up the vendor's share with EPC ones.
    ShareBalancer balancer(opp.core);
    std::vector<std::string> vendor_of(plan.size());
    for (std::size_t i = 0; i < plan.size(); ++i) {
      const auto weight = static_cast<double>(plan[i].second);
      const Generations era = era_of(plan[i].first);
      const std::size_t v =
          balancer.choose(weight, [&](std::size_t k) { return ctx.vendor_for(opp.core, k, era) == k; });
      balancer.add(v, weight);
      vendor_of[i] = opp.core[v].vendor;
    }

    auto vendor_of_function = [&](std::string_view f) -> const std::string& {
      for (std::size_t i = 0; i < plan.size(); ++i)
        if (plan[i].first == f) return vendor_of[i];
      return vendor_of[0];
    };
    ShareBalancer nfvi_balancer(opp.nfvi);
    for (std::size_t dc = 0; dc < n; ++dc) {
      const Kit& nfvi_kit = ctx.kit(opp.nfvi[nfvi_balancer.pick(1)].vendor, "nfvi", "management");
      const Index nfvi = attached(dc, "nfvi", ctx.fn.nfvi, nfvi_kit, ctx.install_date(nfvi_kit.vendor, kGen5G));
      net.nfvis.push_back(nfvi);
      auto place = [&](std::string_view name, const std::string& vendor, std::string_view domain) {
        const Kit& kit = ctx.kit(vendor, name, domain);
        const Date when = ctx.install_date(vendor, era_of(name));
        const Index e = attached(dc, name, function(name), kit, when);
        if (is_one_of(name, kVirtual)) ctx.link(nfvi, e, LinkKind::hosts);
        return e;
      };
      for (std::size_t i = 0; i < plan.size(); ++i)
        if (plan[i].second == n || dc < 2) place(plan[i].first, vendor_of[i], "core");
      const std::string& router_vendor = opp.transport[net.dcs[dc].vendor].vendor;
      place("firewall", router_vendor, "transport");
      if (dc < 2) {
        // SEPP from the 5GC control-plane vendor, the Diameter edge from the HSS's.
        place("sepp", vendor_of_function("amf"), "core");
        place("dea", vendor_of_function("hss"), "core");
        place("peering", router_vendor, "transport");
      }
      if (dc == 0) management();
    }
  }

  // The management stack, in the first data centre.
  void management() {
    const std::string& lead = lead_vendor(opp.core);
    auto mgmt = [&](std::string_view name, std::string_view function_name, const std::string& vendor) {
      const Kit& kit = ctx.kit(vendor, function_name, "management");
      return attached(0, name, function(function_name), kit, ctx.install_date(vendor, 0));
    };
    const Index oss = mgmt("oss", "oss", lead);
    for (const auto& v : opp.ran) {
      const Index ems = mgmt(ctx.id("ems-{}", v.vendor), "ems", v.vendor);
      net.ems.push_back(ems);
      ctx.link(oss, ems, LinkKind::manages);
      // The vendor's support gateway reaches into its element manager.
      const Index gateway = mgmt(ctx.id("ra-{}", v.vendor), "remote_access", v.vendor);
      ctx.link(gateway, ems, LinkKind::manages);
    }
    auto add_nms = [&](const std::string& vendor) {
      if (net.nms.contains(vendor)) return;
      const Index nms = mgmt(ctx.id("nms-{}", vendor), "nms", vendor);
      net.nms.emplace(vendor, nms);
      ctx.link(oss, nms, LinkKind::manages);
    };
    for (const auto& v : opp.transport) add_nms(v.vendor);
    for (const auto& v : opp.microwave) add_nms(v.vendor);
    // The NMSs manage the core routers built so far; aggregation, metro and cell-site
    // routers are linked as they are built.
    for (const auto& pair : net.dcs)
      for (Index r : {pair.a, pair.b}) ctx.link(net.nms.at(opp.transport[pair.vendor].vendor), r, LinkKind::manages);
    net.mano = mgmt("mano", "mano", lead);
    ctx.link(oss, net.mano, LinkKind::manages);
    mgmt("li", "li", lead);
  }
};

}  // namespace

void build_cores(Context& ctx) {
  for (std::size_t op = 0; op < ctx.ops.size(); ++op) {
    CoreBuilder b{ctx, ctx.profile.operators[op], ctx.ops[op]};
    b.data_centres();
    b.functions();
    // MANO orchestrates every data centre's NFVI.
    for (Index nfvi : ctx.ops[op].nfvis) ctx.link(ctx.ops[op].mano, nfvi, LinkKind::manages);
  }
}

}  // namespace netvet::gen
