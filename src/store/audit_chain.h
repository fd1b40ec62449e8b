#pragma once
// The audit log's hash chain. Each entry's hash covers its own fields and the hash of the
// entry before it, so changing, removing, inserting or reordering any entry breaks the
// chain at that entry, and a receipt (an entry's index and hash) pins everything up to it.
//
// The hashed text is "netvet-audit-v1" followed by every field as <length>:<bytes>, so no
// two different entries hash the same text (a field cannot borrow its neighbour's bytes).
// Truncating the end of the log leaves a valid shorter chain: only a receipt or a copy of
// a later head shows that (docs/service.md).

#include <cstdint>
#include <optional>
#include <string>

#include "store/records.h"

namespace netvet::store {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The hash of `entry` given its previous_hash (entry.hash is ignored).
std::string entry_hash(const AuditEntry& entry);

// The entry that records `event` by `by` as entry `index`, after the entry whose hash is
// `previous_hash`: time now, hash computed.
AuditEntry chained_entry(const Caller& by, const AuditEvent& event, std::int64_t index, std::string previous_hash);

// Feeds entries in index order and remembers the first that does not verify.
class ChainVerifier {
 public:
  struct Break {
    std::int64_t index = 0;  // the first entry that does not verify (or the one missing)
    std::string reason;      // one line: what is wrong with it
  };

  // False once a break is found (the rest need not be read).
  bool add(const AuditEntry& entry);

  const std::optional<Break>& first_break() const { return break_; }
  std::int64_t entries() const { return count_; }
  const std::string& head_hash() const { return previous_hash_; }

 private:
  std::int64_t count_ = 0;
  std::int64_t last_index_ = 0;
  std::string previous_hash_{kGenesisHash};
  std::optional<Break> break_;
};

}  // namespace netvet::store
