#include "policy/finding.h"

#include <fmt/format.h>

namespace netvet::policy {

std::string_view name_of(SubjectType type) {
  static constexpr std::string_view kNames[] = {"element", "site", "operator", "facility", "region"};
  return kNames[static_cast<std::size_t>(type)];
}

FingerprintHasher& FingerprintHasher::add(std::string_view part) {
  for (const char c : part) {
    hash_ ^= static_cast<unsigned char>(c);
    hash_ *= 1099511628211ULL;
  }
  hash_ ^= 0xffU;
  hash_ *= 1099511628211ULL;
  return *this;
}

std::uint64_t fingerprint_of(std::string_view policy, std::string_view rule, SubjectType kind,
                             std::string_view subject, std::string_view scope) {
  return FingerprintHasher().add(policy).add(rule).add(name_of(kind)).add(subject).add(scope).value();
}

std::string fingerprint_hex(std::uint64_t fingerprint) { return fmt::format("{:016x}", fingerprint); }

}  // namespace netvet::policy
