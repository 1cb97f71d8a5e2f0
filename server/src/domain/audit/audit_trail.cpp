#include "domain/audit/audit_trail.hpp"

#include <sodium.h>

#include <array>

#include "base/timestamps.hpp"

namespace hearth::audit {
namespace {

// Each field as its decimal length, ':', the bytes, '\n' — unambiguous whatever the fields hold,
// so no two different entries encode alike.
void put_field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += '\n';
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
  return out;
}

constexpr std::size_t kPage = 1000;

}  // namespace

std::string entry_hash(const store::AuditRecord& r) {
  std::string encoded = "hearth-audit-v1\n";
  put_field(encoded, std::to_string(r.seq));
  put_field(encoded, r.id);
  put_field(encoded, std::to_string(r.at_ms));
  put_field(encoded, r.actor_id);
  put_field(encoded, r.action);
  put_field(encoded, r.subject_type);
  put_field(encoded, r.subject_id);
  put_field(encoded, r.client_address);
  put_field(encoded, r.user_agent);
  put_field(encoded, r.outcome);
  put_field(encoded, r.detail);
  put_field(encoded, r.prev_hash);
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(encoded.data()),
                     encoded.size());
  return hex(digest.data(), digest.size());
}

Result<void> AuditTrail::record(store::Transaction& tx, const Entry& e) const {
  store::AuditRecord r;
  r.at_ms = clock_.now_ms();
  r.actor_id = e.actor_id;
  r.action = e.action;
  r.subject_type = e.subject_type;
  r.subject_id = e.subject_id;
  r.client_address = e.client_address;
  r.user_agent = e.user_agent;
  r.outcome = e.outcome;
  r.detail = e.detail;
  auto appended = tx.append_audit(std::move(r), &entry_hash);
  if (!appended.ok()) return std::move(appended).error();
  return ok();
}

Result<void> AuditTrail::record(const Entry& entry) const {
  return store_.transact(store::Access::read_write,
                         [&](store::Transaction& tx) { return record(tx, entry); });
}

Result<ChainReport> AuditTrail::verify() const {
  ChainReport report;
  std::string expected_prev(64, '0');
  std::int64_t expected_seq = 1;
  for (;;) {
    std::vector<store::AuditRecord> page;
    auto read =
        store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
          store::AuditQuery query;
          query.after_seq = expected_seq - 1;
          query.limit = kPage;
          query.newest_first = false;
          auto rows = tx.list_audit(query);
          if (!rows.ok()) return std::move(rows).error();
          page = std::move(rows).value();
          return ok();
        });
    if (!read.ok()) return std::move(read).error();
    for (const auto& r : page) {
      ++report.checked;
      if (r.seq != expected_seq) {
        report.broken_seq = expected_seq;
        report.problem = "entry " + std::to_string(expected_seq) + " is missing";
        return report;
      }
      if (r.prev_hash != expected_prev) {
        report.broken_seq = r.seq;
        report.problem = "its link to the previous entry does not match";
        return report;
      }
      if (entry_hash(r) != r.hash) {
        report.broken_seq = r.seq;
        report.problem = "its contents do not match its hash";
        return report;
      }
      expected_prev = r.hash;
      ++expected_seq;
    }
    if (page.size() < kPage) break;
  }
  // The head row counts the entries written; fewer rows than that means the newest were cut.
  std::int64_t head_seq = 0;
  auto head =
      store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(head_seq, tx.audit_length());
        return ok();
      });
  if (!head.ok()) return std::move(head).error();
  if (head_seq != expected_seq - 1 && !report.broken_seq) {
    report.broken_seq = expected_seq;
    report.problem = "entry " + std::to_string(expected_seq) + " is missing";
  }
  return report;
}

std::string csv_header() {
  return "seq,id,at,actor_id,action,subject_type,subject_id,client_address,user_agent,outcome,"
         "detail,prev_hash,hash\r\n";
}

namespace {

void put_cell(std::string& out, std::string_view value) {
  // A cell a spreadsheet would evaluate is defused with a leading quote mark (OWASP CSV
  // injection); every cell is quoted so commas, quotes and line breaks stay inside it.
  const bool formula =
      !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                         value.front() == '@' || value.front() == '\t' || value.front() == '\r');
  out += '"';
  if (formula) out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string csv_row(const store::AuditRecord& r) {
  std::string out;
  out += std::to_string(r.seq);
  const std::string at = format_timestamp(r.at_ms);
  const std::string_view cells[] = {r.id,           at,           r.actor_id,       r.action,
                                    r.subject_type, r.subject_id, r.client_address, r.user_agent,
                                    r.outcome,      r.detail,     r.prev_hash,      r.hash};
  for (auto cell : cells) {
    out += ',';
    put_cell(out, cell);
  }
  out += "\r\n";
  return out;
}

}  // namespace hearth::audit
