// What the identity services share: how a caller relates to a person or a program, read from the
// store inside the caller's transaction, and the audit entry a caller's action makes.
#pragma once

#include <string_view>

#include "base/result.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/identity/identity_policy.hpp"
#include "store/store.hpp"

namespace hearth::identity {

// True when the user is staff of the program.
Result<bool> staffs_program(store::Transaction& tx, std::string_view user_id,
                            std::string_view program_id);

// The caller's relationship to a person (self, staff of one of their programs, break-glass).
Result<Relationship> relationship_to(store::Transaction& tx, const Caller& caller,
                                     std::string_view person_id, std::int64_t now_ms);

audit::Entry audit_entry(const Caller& caller, std::string_view action,
                         std::string_view subject_type, std::string_view subject_id,
                         std::string_view outcome = "success");

}  // namespace hearth::identity
