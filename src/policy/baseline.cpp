#include "policy/baseline.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <sstream>

#include "util/files.h"

namespace netvet::policy {

namespace {

// Collects findings[].fingerprint without building the document: an earlier run of a
// national network holds millions of findings.
class FingerprintSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool string(string_t& s) override {
    if (depth_ == 3 && in_findings_ && key_ == "fingerprint") {
      std::uint64_t fp = 0;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), fp, 16);
      if (ec != std::errc() || end != s.data() + s.size() || s.size() != 16) bad_.push_back(s);
      else fingerprints.push_back(fp);
    }
    return value();
  }
  bool start_object(std::size_t) override {
    ++depth_;
    if (depth_ == 3 && in_findings_) ++findings;
    return true;
  }
  bool end_object() override {
    --depth_;
    return value();
  }
  bool start_array(std::size_t) override {
    ++depth_;
    if (depth_ == 2 && key_ == "findings") {
      in_findings_ = true;
      saw_findings = true;
    }
    return true;
  }
  bool end_array() override {
    if (depth_ == 2) in_findings_ = false;
    --depth_;
    return value();
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) override {
    error_position = position;
    error = e.what();
    return false;
  }

  std::vector<std::uint64_t> fingerprints;
  std::vector<std::string> bad_;
  std::size_t findings = 0;
  bool saw_findings = false;
  std::size_t error_position = 0;
  std::string error;

 private:
  bool value() { return true; }
  int depth_ = 0;
  bool in_findings_ = false;
  std::string key_;
};

Diagnostic at_byte(std::string_view text, std::string_view file, std::size_t byte, std::string message) {
  Diagnostic d;
  d.file = std::string(file);
  d.line = 1;
  d.col = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++d.line;
      d.col = 1;
    } else {
      ++d.col;
    }
  }
  d.message = std::move(message);
  return d;
}

}  // namespace

bool Baseline::contains(std::uint64_t fingerprint) const { return std::ranges::binary_search(fingerprints, fingerprint); }

Result<Baseline> parse_baseline(std::string_view text, std::string_view file) {
  FingerprintSax sax;
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &sax);
  if (!ok) return fail(at_byte(text, file, sax.error_position, fmt::format("not a JSON document: {}", sax.error)));
  Diagnostic d;
  d.file = std::string(file);
  if (!sax.saw_findings) {
    d.message = "not a `netvet check --format json` document: no \"findings\" list at the top level";
    return fail(std::move(d));
  }
  if (!sax.bad_.empty()) {
    d.value = sax.bad_.front();
    d.message = fmt::format("{} finding fingerprint{} not 16 hex digits", sax.bad_.size(), sax.bad_.size() == 1 ? " is" : "s are");
    return fail(std::move(d));
  }
  if (sax.fingerprints.size() != sax.findings) {
    d.message = fmt::format("{} of {} findings have no \"fingerprint\"; make the baseline with `netvet check --format json`",
                            sax.findings - sax.fingerprints.size(), sax.findings);
    return fail(std::move(d));
  }
  Baseline b;
  b.file = std::string(file);
  b.fingerprints = std::move(sax.fingerprints);
  std::ranges::sort(b.fingerprints);
  b.fingerprints.erase(std::unique(b.fingerprints.begin(), b.fingerprints.end()), b.fingerprints.end());
  return b;
}

Result<Baseline> load_baseline(const std::filesystem::path& path) {
  // No size bound: a baseline is an earlier check's JSON, which may list a million findings.
  const auto text = read_input_file(path, path.string(), "a baseline (the JSON of an earlier check)",
                                    std::numeric_limits<std::size_t>::max());
  if (!text) return std::unexpected(text.error());
  return parse_baseline(*text, path.string());
}

}  // namespace netvet::policy
