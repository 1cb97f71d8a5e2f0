// AuditTrail: the append-only, hash-chained record of who did what to which record, when, from
// where, and with what outcome (HIPAA 164.312(b) audit controls, (c)(1) integrity).
//
// Entries are written inside the same transaction as the change they describe, so a change and
// its entry commit or roll back together; refusals and failures, which change nothing, get a
// transaction of their own. Entries hold codes and ids only: never a password, a token or
// clinical free text (the `detail` field is a short machine code such as "wrong_password").
//
// Each entry's hash is SHA-256 over its fields and the previous entry's hash
// (docs/storage/schema.md gives the exact encoding); verify() walks the chain and names the
// first entry that does not match. Thread-safe; holds references that must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "store/store.hpp"

namespace hearth::audit {

struct Entry {
  std::string actor_id;  // "" when nobody is signed in
  std::string action;    // "sign_in", "person.read", "invite.create", ...
  std::string subject_type;
  std::string subject_id;
  std::string client_address;
  std::string user_agent;
  std::string outcome = "success";  // "success", "failure" or "denied"
  std::string detail;
};

// The hash an entry must carry, from all its fields but `hash` itself.
std::string entry_hash(const store::AuditRecord& record);

struct ChainReport {
  std::int64_t checked = 0;                // entries read
  std::optional<std::int64_t> broken_seq;  // the first entry that does not fit, if any
  std::string problem;                     // what is wrong with it
};

class AuditTrail {
 public:
  AuditTrail(store::Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Appends inside the caller's transaction.
  Result<void> record(store::Transaction& tx, const Entry& entry) const;
  // Appends in a transaction of its own (for refusals and failures).
  Result<void> record(const Entry& entry) const;

  // Walks every entry oldest first, checking sequence, links and hashes.
  Result<ChainReport> verify() const;

 private:
  store::Store& store_;
  const Clock& clock_;
};

// One CSV line (RFC 4180, CRLF) per entry, oldest first; cells that a spreadsheet would run as
// a formula (=, +, -, @ first) are prefixed with a quote mark.
std::string csv_header();
std::string csv_row(const store::AuditRecord& record);

}  // namespace hearth::audit
