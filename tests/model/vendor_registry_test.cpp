// The built-in vendor registry (data/vendors.yaml): the spellings operators write resolve
// to the right vendor, the ids other modules rely on exist, and every entry is sourced.
// Loading the registry is itself a test: VendorRegistry::builtin() aborts on a broken file
// (a malformed id, a missing country, a spelling that names two vendors).

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/vendors.h"

namespace netvet {
namespace {

const VendorRegistry& registry() { return VendorRegistry::builtin(); }

// The id `text` resolves to, or "" when it names no known vendor.
std::string id_of(std::string_view text) {
  const auto found = registry().find(text);
  return found ? registry()[*found].id : std::string();
}

TEST(VendorRegistry, LoadsWithEnoughVendors) { EXPECT_GE(registry().size(), 50u); }

TEST(VendorRegistry, HasEveryIdOtherModulesUse) {
  for (std::string_view id :
       {"huawei", "zte", "ericsson", "nokia", "samsung", "cisco", "juniper", "ciena", "fujitsu", "nec",
        "mavenir", "parallel-wireless", "casa", "ribbon", "ceragon", "aviat", "infinera", "adtran",
        "fiberhome", "h3c", "dell", "hpe", "vmware", "red-hat", "oracle", "hytera", "hikvision", "dahua",
        "affirmed", "kaspersky", "china-mobile", "china-telecom", "china-unicom", "pacific-network",
        "hmn-tech", "rakuten-symphony", "airspan", "commscope", "corning", "amdocs", "netcracker",
        "arista", "extreme", "ekinops", "adva", "tejas", "ip-infusion", "ubiquiti", "cambium",
        "siae-microelettronica", "palo-alto", "fortinet", "check-point", "microsoft", "amazon",
        "google-cloud"}) {
    EXPECT_EQ(id_of(id), id) << id;
  }
}

TEST(VendorRegistry, IdsAreUniqueAndWellFormed) {
  std::set<std::string> seen;
  for (const auto& v : registry().all()) {
    EXPECT_TRUE(seen.insert(v.id).second) << "duplicate id " << v.id;
    EXPECT_EQ(VendorRegistry::slug(v.id), v.id) << v.id;
    EXPECT_FALSE(v.name.empty()) << v.id;
  }
}

TEST(VendorRegistry, CommonSpellingsResolveToTheRightVendor) {
  const std::vector<std::pair<std::string_view, std::string_view>> cases = {
      // Huawei and ZTE
      {"HUAWEI", "huawei"},
      {"huawei", "huawei"},
      {"Huawei Technologies Co., Ltd.", "huawei"},
      {"HUAWEI TECHNOLOGIES CO LTD", "huawei"},
      {"Huawei Technologies (UK) Co. Ltd", "huawei"},
      {"HW", "huawei"},
      {"HiSilicon", "huawei"},
      {"华为技术有限公司", "huawei"},
      {"ZTE", "zte"},
      {"ZTE Corporation", "zte"},
      {"ZTE Corp.", "zte"},
      {"中兴通讯", "zte"},
      // Ericsson
      {"Telefonaktiebolaget LM Ericsson", "ericsson"},
      {"Ericsson AB", "ericsson"},
      {"LM Ericsson", "ericsson"},
      {"ERICSSON", "ericsson"},
      {"Cradlepoint", "ericsson"},
      // Nokia and its heritage
      {"Nokia", "nokia"},
      {"Nokia Oyj", "nokia"},
      {"Nokia Solutions and Networks Oy", "nokia"},
      {"Nokia Solutions & Networks", "nokia"},
      {"NSN", "nokia"},
      {"Nokia Siemens Networks", "nokia"},
      {"Alcatel-Lucent", "nokia"},
      {"Alcatel Lucent", "nokia"},
      {"ALU", "nokia"},
      {"Nokia Networks", "nokia"},
      {"Lucent Technologies", "nokia"},
      {"Nokia Shanghai Bell Co., Ltd.", "nokia"},
      // Samsung
      {"Samsung Electronics Co., Ltd.", "samsung"},
      {"Samsung Networks", "samsung"},
      // Transport
      {"Cisco Systems, Inc.", "cisco"},
      {"Acacia Communications", "cisco"},
      {"Starent Networks", "cisco"},
      {"Juniper Networks", "juniper"},
      {"Ciena Corporation", "ciena"},
      {"Blue Planet", "ciena"},
      {"Nortel Metro Ethernet Networks", "ciena"},
      {"Coriant", "infinera"},
      {"Infinera Corp", "infinera"},
      {"ADTRAN, Inc.", "adtran"},
      {"ADVA Optical Networking SE", "adva"},
      {"ADVA Optical Networking", "adva"},
      {"Adtran Networks SE", "adva"},
      {"Sonus Networks", "ribbon"},
      {"GENBAND", "ribbon"},
      {"ECI Telecom Ltd.", "ribbon"},
      {"Ribbon Communications Inc.", "ribbon"},
      {"Fujitsu Limited", "fujitsu"},
      {"NEC Corporation", "nec"},
      {"FiberHome Telecommunication Technologies Co., Ltd.", "fiberhome"},
      {"New H3C Technologies Co., Ltd.", "h3c"},
      {"Huawei-3Com", "h3c"},
      {"Arista Networks", "arista"},
      {"Extreme Networks", "extreme"},
      {"OneAccess", "ekinops"},
      {"Ekinops S.A.", "ekinops"},
      {"Tejas Networks Limited", "tejas"},
      {"IP Infusion Inc.", "ip-infusion"},
      {"Huawei Marine Networks", "hmn-tech"},
      {"HMN Technologies Co., Limited", "hmn-tech"},
      // Microwave
      {"Ceragon Networks Ltd.", "ceragon"},
      {"Siklu", "ceragon"},
      {"Aviat Networks", "aviat"},
      {"Harris Stratex Networks", "aviat"},
      {"SIAE Microelettronica S.p.A.", "siae-microelettronica"},
      {"SIAE", "siae-microelettronica"},
      {"Ubiquiti Networks", "ubiquiti"},
      {"Cambium Networks", "cambium"},
      {"Intracom Telecom", "intracom"},
      // RAN and core challengers
      {"Mavenir Systems", "mavenir"},
      {"ip.access", "mavenir"},
      {"Parallel Wireless", "parallel-wireless"},
      {"Casa Systems, Inc.", "casa"},
      {"Affirmed Networks", "affirmed"},
      {"Altiostar Networks", "rakuten-symphony"},
      {"Rakuten Symphony", "rakuten-symphony"},
      {"Airspan Networks", "airspan"},
      // Cloud and IT
      {"Dell EMC", "dell"},
      {"Dell Technologies", "dell"},
      {"Hewlett Packard Enterprise", "hpe"},
      {"Hewlett Packard Enterprise Company", "hpe"},
      {"HPE", "hpe"},
      {"Aruba Networks", "hpe"},
      {"VMware, Inc.", "vmware"},
      {"VMware by Broadcom", "vmware"},
      {"Red Hat, Inc.", "red-hat"},
      {"RedHat", "red-hat"},
      {"Oracle Communications", "oracle"},
      {"Tekelec", "oracle"},
      {"Acme Packet", "oracle"},
      {"Microsoft Azure", "microsoft"},
      {"Azure for Operators", "microsoft"},
      {"Metaswitch Networks", "microsoft"},
      {"AWS", "amazon"},
      {"Amazon Web Services, Inc.", "amazon"},
      {"Google Cloud Platform", "google-cloud"},
      {"Broadcom Inc.", "broadcom"},
      // Security
      {"Palo Alto Networks", "palo-alto"},
      {"Fortinet, Inc.", "fortinet"},
      {"Check Point Software Technologies Ltd.", "check-point"},
      {"F5 Networks", "f5"},
      {"Ixia", "keysight"},
      // Public safety and surveillance
      {"Hytera Communications Corporation Limited", "hytera"},
      {"Hangzhou Hikvision Digital Technology Co., Ltd.", "hikvision"},
      {"HIKVISION", "hikvision"},
      {"Zhejiang Dahua Technology Co., Ltd.", "dahua"},
      {"Dahua Technology", "dahua"},
      {"Motorola Solutions, Inc.", "motorola-solutions"},
      // FCC Covered List carriers and Kaspersky
      {"AO Kaspersky Lab", "kaspersky"},
      {"Kaspersky Lab", "kaspersky"},
      {"China Mobile International USA Inc.", "china-mobile"},
      {"China Mobile International (USA) Inc.", "china-mobile"},
      {"China Telecom (Americas) Corporation", "china-telecom"},
      {"China Telecom (Americas) Corp", "china-telecom"},
      {"China Unicom (Americas) Operations Limited", "china-unicom"},
      {"Pacific Networks Corp.", "pacific-network"},
      {"ComNet (USA) LLC", "pacific-network"},
      // Operators' other abbreviations
      {"CommScope", "commscope"},
      {"Ruckus Networks", "commscope"},
      {"Corning Incorporated", "corning"},
      {"Amdocs Limited", "amdocs"},
      {"Openet", "amdocs"},
      {"NetCracker Technology Corporation", "netcracker"},
      {"Radisys Corporation", "radisys"},
      {"DriveNets", "drivenets"},
      {"Calix", "calix"},
      {"IBM", "ibm"},
  };
  for (const auto& [spelling, id] : cases) EXPECT_EQ(id_of(spelling), id) << spelling;
}

// Names that are deliberately left unmapped because they are ambiguous or name a
// company that is not the vendor one might guess.
TEST(VendorRegistry, AmbiguousNamesStayUnknown) {
  for (std::string_view text : {"Nortel", "Motorola", "ComNet", "Brocade", "Andrew", "Siemens", "3Com",
                                "Alcatel-Lucent Enterprise", "Acme Radio Ltd", "Sepura"}) {
    EXPECT_EQ(id_of(text), "") << text;
  }
}

TEST(VendorRegistry, HighRiskVendorsAreHeadquarteredInChina) {
  for (std::string_view id : {"huawei", "zte", "hytera", "hikvision", "dahua", "china-mobile", "china-telecom",
                              "china-unicom", "pacific-network", "fiberhome", "h3c", "hmn-tech"}) {
    const auto v = registry().find(id);
    ASSERT_TRUE(v) << id;
    EXPECT_EQ(registry()[*v].country, "CN") << id;
  }
  EXPECT_EQ(registry()[*registry().find("kaspersky")].country, "RU");
  EXPECT_EQ(registry()[*registry().find("ericsson")].country, "SE");
  EXPECT_EQ(registry()[*registry().find("nokia")].country, "FI");
  EXPECT_EQ(registry()[*registry().find("samsung")].country, "KR");
}

TEST(VendorRegistry, FccCoveredEntitiesCiteTheCoveredList) {
  for (std::string_view id : {"huawei", "zte", "hytera", "hikvision", "dahua", "kaspersky", "china-mobile",
                              "china-telecom", "china-unicom", "pacific-network"}) {
    const auto& v = registry()[*registry().find(id)];
    bool cites = false;
    for (const auto& s : v.sources) cites = cites || s.url == "https://www.fcc.gov/supplychain/coveredlist";
    EXPECT_TRUE(cites) << id;
  }
}

TEST(VendorRegistry, EveryVendorIsSourcedCountriedAndSegmented) {
  const std::set<std::string> segments = {"ran",        "core",     "transport",  "optical",
                                          "microwave",  "cloud",    "security",   "management",
                                          "oss",        "public-safety", "surveillance", "services"};
  for (const auto& v : registry().all()) {
    ASSERT_FALSE(v.sources.empty()) << v.id;
    for (const auto& s : v.sources) {
      EXPECT_TRUE(s.url.starts_with("https://")) << v.id << ": " << s.url;
      EXPECT_FALSE(s.title.empty()) << v.id << ": " << s.url;
    }
    ASSERT_EQ(v.country.size(), 2u) << v.id;
    for (char c : v.country) EXPECT_TRUE(c >= 'A' && c <= 'Z') << v.id << ": " << v.country;
    EXPECT_FALSE(v.segments.empty()) << v.id;
    for (const auto& s : v.segments) EXPECT_TRUE(segments.contains(s)) << v.id << ": segment " << s;
  }
}

TEST(VendorRegistry, NearMissesPointAtTheRightVendor) {
  const auto huawei = registry().closest("Huawey");
  ASSERT_TRUE(huawei);
  EXPECT_EQ(registry()[*huawei].id, "huawei");
  const auto nokia = registry().closest("Nokia Solution and Network");
  ASSERT_TRUE(nokia);
  EXPECT_EQ(registry()[*nokia].id, "nokia");
}

}  // namespace
}  // namespace netvet
