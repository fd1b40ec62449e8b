// Stage 5: the cell sites themselves, the bulk of the network. Per site: the host's radio
// units and basebands (a 4G enb, a 5G gnb or du + cu split, by the site's generations),
// a guest operator's radio and baseband where the site is shared, one cell-site router,
// and the backhaul — to both routers of the nearest aggregation pair (dual-homed), to
// one (a spur), or over a microwave hop. Each RAN element is managed by its operator's
// EMS for its vendor; each router by the NMS for its vendor.

#include <algorithm>
#include <array>

#include "gen/network.h"

namespace netvet::gen {

namespace {

struct CellBuilder {
  Context& ctx;
  std::string site_id, guest_prefix;
  std::array<std::string_view, 2> tags_storage{};

  // One operator's radios on `site`: RUs on the basebands, basebands on the router. The
  // region's vendor builds them, but for a generation the profile's cut-offs say it never
  // installed; that generation's baseband, with its RUs, comes from the vendor
  // Context::vendor_for names, under that vendor's EMS.
  void radio(Index site, std::string_view prefix, std::size_t op, Index op_row, const RadioPlan& plan,
             std::uint32_t city, Index csr) {
    OperatorNet& net = ctx.ops[op];
    const Shares& shares = ctx.profile.operators[op].ran;
    const std::uint8_t region_vendor = net.ran_vendor[city];
    auto add = [&](std::string_view suffix, FunctionId fn, const Kit& kit, std::size_t v, Generations gens,
                   Date when) {
      const Index e = ctx.element(ctx.id("{}{}{}", site_id, prefix, suffix), site, fn, kit, op_row, gens, when);
      ctx.link(net.ems[v], e, LinkKind::manages);
      return e;
    };
    // The radio faces of the basebands, what RUs plug into, with the vendor of each.
    struct Face {
      Index baseband = kNoIndex;
      Generations gens = 0;
      std::size_t vendor = 0;
    };
    std::array<Face, 2> faces{};
    std::size_t n_faces = 0;
    if (plan.gens & kGen4G) {
      const std::size_t v = ctx.vendor_for(shares, region_vendor, kGen4G);
      const RanKits& kits = net.ran_kits[v];
      const Date when = ctx.install_date(kits.enb->vendor, kGen4G);
      const Index enb = add("-enb", ctx.fn.enb, *kits.enb, v, kGen4G, when);
      ctx.link(enb, csr);
      faces[n_faces++] = {enb, kGen4G, v};
    }
    if (plan.gens & kGen5G) {
      const std::size_t v = ctx.vendor_for(shares, region_vendor, kGen5G);
      const RanKits& kits = net.ran_kits[v];
      const Date when = ctx.install_date(kits.gnb->vendor, kGen5G);
      if (plan.split) {
        const Index du = add("-du", ctx.fn.du, *kits.du, v, kGen5G, when);
        const Index cu = add("-cu", ctx.fn.cu, *kits.cu, v, kGen5G, when);
        ctx.link(du, cu);
        ctx.link(cu, csr);
        faces[n_faces++] = {du, kGen5G, v};
      } else {
        const Index gnb = add("-gnb", ctx.fn.gnb, *kits.gnb, v, kGen5G, when);
        ctx.link(gnb, csr);
        faces[n_faces++] = {gnb, kGen5G, v};
      }
    }
    for (std::uint8_t k = 0; k < plan.rus; ++k) {
      const Face& face = faces[k % n_faces];
      static constexpr std::array<std::string_view, 3> kRuSuffix = {"-ru1", "-ru2", "-ru3"};
      const Kit& kit = *net.ran_kits[face.vendor].ru;
      const Index ru = add(kRuSuffix[std::min<std::size_t>(k, 2)], ctx.fn.ru, kit, face.vendor, face.gens,
                           ctx.builder.inventory().elements.installed[face.baseband]);
      ctx.link(ru, face.baseband);
    }
  }

  void cell(std::uint32_t i) {
    const CellPlan& c = ctx.cells[i];
    const auto& opp = ctx.profile.operators[c.op];
    OperatorNet& net = ctx.ops[c.op];
    site_id.clear();
    fmt::format_to(std::back_inserter(site_id), "{}-C{:06}", opp.id, i + 1);
    std::size_t n_tags = 0;
    if (c.rural) tags_storage[n_tags++] = "rural";
    if (c.guest != kNobody) tags_storage[n_tags++] = "shared";
    const Index site = *ctx.builder.add_site({.id = site_id, .op = net.row, .kind = SiteKind::cell, .lat = c.lat,
                                              .lon = c.lon, .region = ctx.cities[c.city].name,
                                              .subscribers = c.subscribers,
                                              .tags = std::span(tags_storage.data(), n_tags),
                                              .range_km = c.range_km});
    const std::uint8_t tv = net.csr_vendor[c.city];
    const Kit& csr_kit = *net.csr_kits[tv];
    const Index csr = ctx.element(ctx.id("{}-csr", site_id), site, ctx.fn.csr, csr_kit, kNoIndex, 0,
                                  ctx.install_date(csr_kit.vendor, 0));
    ctx.link(net.nms.at(csr_kit.vendor), csr, LinkKind::manages);
    const RouterPair& agg = net.aggs[c.agg];
    if (c.microwave) {
      const auto& shares = opp.microwave;
      std::array<double, 16> weights{};
      for (std::size_t k = 0; k < shares.size() && k < weights.size(); ++k) weights[k] = shares[k].share;
      const std::string& vendor = shares[ctx.rng.weighted(std::span(weights.data(), std::min<std::size_t>(shares.size(), 16)))].vendor;
      const Index mw = ctx.element(ctx.id("{}-mw", site_id), site, ctx.fn.microwave, ctx.kit(vendor, "microwave", "transport"),
                                   kNoIndex, 0, ctx.install_date(vendor, 0));
      ctx.link(net.nms.at(vendor), mw, LinkKind::manages);
      ctx.link(csr, mw);
      ctx.link(mw, agg.a);
    } else {
      ctx.link(csr, agg.a);
      if (c.dual_homed) ctx.link(csr, agg.b);
    }
    radio(site, "", c.op, kNoIndex, c.host, c.city, csr);
    if (c.guest != kNobody) {
      const auto& guest = ctx.profile.operators[c.guest];
      guest_prefix = fmt::format("-{}", guest.id);
      radio(site, guest_prefix, c.guest, ctx.ops[c.guest].row, c.guest_radio, c.city, csr);
    }
  }
};

}  // namespace

void build_cells(Context& ctx) {
  CellBuilder b{ctx};
  const std::size_t n = ctx.cells.size();
  const std::size_t step = std::max<std::size_t>(1, n / 100);
  for (std::uint32_t i = 0; i < n; ++i) {
    b.cell(i);
    // Cells are the bulk of the work: they run the progress from 10% to 95%.
    if (i % step == 0) ctx.progress("cell sites", 0.10 + 0.85 * static_cast<double>(i) / static_cast<double>(n));
  }
}

}  // namespace netvet::gen
