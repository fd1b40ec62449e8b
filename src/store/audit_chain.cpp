#include "store/audit_chain.h"

#include <fmt/format.h>

#include "store/digest.h"

namespace netvet::store {
namespace {

void append_field(std::string& text, std::string_view field) {
  text += fmt::format("{}:", field.size());
  text += field;
  text += '\n';
}

}  // namespace

std::string entry_hash(const AuditEntry& entry) {
  std::string text = "netvet-audit-v1\n";
  append_field(text, std::to_string(entry.index));
  append_field(text, entry.at);
  append_field(text, entry.actor_id);
  append_field(text, entry.actor_name);
  append_field(text, entry.action);
  append_field(text, entry.object);
  append_field(text, entry.operator_id);
  append_field(text, entry.outcome);
  append_field(text, entry.previous_hash);
  return sha256_hex(text);
}

AuditEntry chained_entry(const Caller& by, const AuditEvent& event, std::int64_t index, std::string previous_hash) {
  AuditEntry entry{.index = index,
                   .at = utc_now(),
                   .actor_id = by.actor_id,
                   .actor_name = by.actor_name,
                   .action = event.action,
                   .object = event.object,
                   .operator_id = event.operator_id,
                   .outcome = event.outcome,
                   .previous_hash = std::move(previous_hash),
                   .hash = {}};
  entry.hash = entry_hash(entry);
  return entry;
}

bool ChainVerifier::add(const AuditEntry& entry) {
  if (break_) return false;
  const std::int64_t expected = last_index_ + 1;
  if (entry.index != expected) {
    break_ = Break{expected, entry.index > expected
                                 ? fmt::format("entry {} is missing: the log goes from entry {} to entry {}",
                                               expected, last_index_, entry.index)
                                 : fmt::format("entry {} appears after entry {}: the log is out of order or "
                                               "holds an index twice",
                                               entry.index, last_index_)};
    if (entry.index < expected) break_->index = entry.index;
    return false;
  }
  if (entry.previous_hash != previous_hash_) {
    break_ = Break{entry.index, fmt::format("entry {} does not follow entry {}: its previous hash {} is not "
                                            "that entry's hash {} (an entry before it was inserted, removed or reordered, or this one changed)",
                                            entry.index, last_index_, entry.previous_hash, previous_hash_)};
    return false;
  }
  const std::string recomputed = entry_hash(entry);
  if (entry.hash != recomputed) {
    break_ = Break{entry.index, fmt::format("entry {} was changed: its fields hash to {}, not to the stored {}",
                                            entry.index, recomputed, entry.hash)};
    return false;
  }
  ++count_;
  last_index_ = entry.index;
  previous_hash_ = entry.hash;
  return true;
}

}  // namespace netvet::store
