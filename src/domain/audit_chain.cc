#include "domain/audit_chain.h"

#include "core/crypto.h"

namespace trygg {
namespace {

// Length-prefixed fields, so that no two different records encode the same.
void Put(std::string& out, const std::string& field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

std::string AuditHash(const AuditRecord& r) {
  std::string buf;
  Put(buf, std::to_string(r.seq));
  Put(buf, std::to_string(r.at));
  Put(buf, r.actor_id ? std::to_string(*r.actor_id) : std::string("-"));
  Put(buf, r.action);
  Put(buf, r.target_type);
  Put(buf, std::to_string(r.target_id));
  Put(buf, r.detail);
  Put(buf, r.prev_hash);
  return Sha256Hex(buf);
}

AuditVerification VerifyAuditChain(const std::vector<AuditRecord>& records, int64_t prev_seq,
                                   const std::string& prev_hash) {
  AuditVerification v;
  std::string expected_prev = prev_hash;
  int64_t expected_seq = prev_seq + 1;
  for (const AuditRecord& r : records) {
    auto fail = [&](const char* problem) {
      v.ok = false;
      v.first_bad_seq = r.seq;
      v.problem = problem;
      return v;
    };
    if (r.seq != expected_seq) return fail("gap");
    if (r.prev_hash != expected_prev) return fail("broken_link");
    if (AuditHash(r) != r.hash) return fail("hash_mismatch");
    expected_prev = r.hash;
    ++expected_seq;
    ++v.records;
  }
  return v;
}

}  // namespace trygg
