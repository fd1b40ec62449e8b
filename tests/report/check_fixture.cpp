#include "check_fixture.h"

#include <memory>

#include "model/builder.h"

namespace netvet::report::testing {

namespace {
FunctionId fn(std::string_view name) { return *FunctionVocabulary::builtin().find(name); }
}  // namespace

Inventory sample_inventory() {
  InventoryBuilder b;
  b.inventory().meta.name = b.intern("UK sample");
  const Index ee = *b.add_operator({.id = "ee"});
  const Index vf = *b.add_operator({.id = "vodafone"});
  const Index three = *b.add_operator({.id = "three"});
  const Index lon1 = *b.add_site({.id = "LDN-001", .op = ee, .lat = 51.5072, .lon = -0.1276});
  const Index man1 = *b.add_site({.id = "MAN-001", .op = ee, .lat = 53.4808, .lon = -2.2426});
  const Index gla1 = *b.add_site({.id = "GLA-001", .op = vf, .lat = 55.8642, .lon = -4.2518});
  const Index bel1 = *b.add_site({.id = "BEL-001", .op = three, .lat = 54.5973, .lon = -5.9301});
  b.add_site({.id = "CDF-001", .op = vf, .lat = 51.4816, .lon = -3.1791});
  b.add_site({.id = "NOWHERE-1", .op = three});  // no coordinates: never on the map
  b.add_element({.id = "E-LDN-RU1", .site = lon1, .function = fn("ru"), .vendor = "Huawei"});
  b.add_element({.id = "E-LDN-AMF", .site = lon1, .function = fn("amf"), .vendor = "Huawei"});
  b.add_element({.id = "E-MAN-RU1", .site = man1, .function = fn("ru"), .vendor = "ZTE"});
  b.add_element({.id = "E-GLA-RU1", .site = gla1, .function = fn("ru"), .vendor = "Huawei"});
  b.add_element({.id = "E-BEL-CSR", .site = bel1, .function = fn("csr"), .vendor = "Huawei"});
  return std::move(b).finish();
}

CheckReport sample_report(const Inventory& inv) {
  CheckReport r;
  r.as_of = *parse_date("2026-11-22");
  r.inventory = "UK sample";
  r.country = "GB";
  r.policies = {{"uk-tsa", "UK designated vendor direction", "2022-10"},
                {"eu-5g", "EU 5G toolbox, high-risk vendor measures", "2020-01"}};
  const Source direction{"Designated Vendor Direction 2022 (Huawei)",
                         "https://www.gov.uk/government/publications/designated-vendor-direction"};
  r.rules = {
      {"uk-tsa", "core-exclusion", "No designated vendor in the core", "Huawei kit must leave 5G and full-fibre cores.",
       FindingSeverity::critical, direction},
      {"uk-tsa", "ran-share-cap", "Designated vendors' share of RAN sites", "At most 35% of an operator's RAN sites.",
       FindingSeverity::high, direction},
      {"uk-tsa", "sensitive-sites", "No designated vendor near sensitive sites", "", FindingSeverity::medium, direction},
      {"eu-5g", "critical-assets", "High-risk vendors out of critical assets", "", FindingSeverity::high,
       {"EU toolbox of risk-mitigating measures", "https://digital-strategy.ec.europa.eu/en/library/cybersecurity-5g-networks-eu-toolbox-risk-mitigating-measures"}},
      {"eu-5g", "diversity", "Multi-vendor strategy", "", FindingSeverity::low, {}},
  };
  r.rules[1].remediation = "Swap 180 sites to Ericsson or Nokia.";
  auto messages = std::make_shared<MessageList>();
  // Rules by index: 0 uk-tsa/core-exclusion, 1 ran-share-cap, 2 sensitive-sites, 3 eu-5g/critical-assets, 4 diversity.
  auto element = [&](std::uint32_t rule, FindingSeverity s, std::string_view id, std::string_view op,
                     std::string_view vendor, std::string message) {
    Finding f{.rule = rule, .severity = s, .subject_kind = SubjectType::element, .effective = *parse_date("2023-01-28"),
              .subject_id = id, .op = op, .vendor = vendor, .clause = "vendor in designated and domain = core",
              .detail = messages->add(std::move(message))};
    f.site = inv.elements.site[*inv.find_element(f.subject_id)];
    return f;
  };
  r.findings.push_back(element(0, FindingSeverity::critical, "E-LDN-AMF", "ee", "huawei", std::string(kAwkwardMessage)));
  Finding cap{.rule = 1, .severity = FindingSeverity::high, .subject_kind = SubjectType::operator_,
              .effective = *parse_date("2021-01-01"), .subject_id = "ee", .op = "ee", .vendor = "",
              .clause = "share(vendor in designated, sites of domain ran) <= 35%",
              .measured = Measurement{0.41, 0.35, MeasureUnit::sites},
              .detail = messages->add("Designated vendors are on 41% of ee's RAN sites, above the 35% cap.")};
  r.findings.push_back(cap);
  Finding near = element(2, FindingSeverity::medium, "E-GLA-RU1", "vodafone", "huawei",
                         "Huawei radio within 1 km of a government facility.");
  near.clause = "distance(site, facility kind government) < 1 km";
  r.findings.push_back(near);
  Finding waived = element(3, FindingSeverity::high, "E-MAN-RU1", "ee", "zte", "ZTE radio on a critical site.");
  waived.waived = true;
  waived.waiver = "WV-2026-07: replacement contracted for 2027-03";
  r.findings.push_back(waived);
  Finding site{.rule = 4, .severity = FindingSeverity::low, .subject_kind = SubjectType::site,
               .effective = *parse_date("2020-01-29"), .subject_id = "BEL-001", .op = "three", .vendor = "huawei",
               .clause = "count(distinct vendor) = 1", .detail = messages->add("Single vendor on a site.")};
  r.findings.push_back(site);  // no `site`: the map finds it by its subject
  r.findings.push_back(element(0, FindingSeverity::critical, "E-LDN-RU1", "ee", "huawei", "Huawei gNB radio unit on a core site."));
  r.messages = std::move(messages);
  r.measures = {{"uk-tsa", "ran-share-cap", "ee", 0.41, 0.35, MeasureUnit::sites, false, 410, 1000},
                {"uk-tsa", "ran-share-cap", "vodafone", 0.22, 0.35, MeasureUnit::sites, true, 220, 1000},
                {"uk-tsa", "ran-share-cap", "three", 0.0, 0.35, MeasureUnit::sites, true}};
  r.operators = {{"ee", "EE", 2, 3, 0}, {"vodafone", "Vodafone", 2, 1, 0}, {"three", "Three", 2, 1, 0}};
  r.scopes = {{"uk-tsa", "core-exclusion", "ee", 5}};
  return r;
}

void set_message(CheckReport& report, std::size_t finding, std::string message) {
  auto messages = std::make_shared<MessageList>(dynamic_cast<const MessageList&>(*report.messages));
  report.findings[finding].detail = messages->add(std::move(message));
  report.messages = std::move(messages);
}

}  // namespace netvet::report::testing
