// Who may do what with programs. Positive predicates only (can_<verb>), default deny elsewhere.
//
// Until accounts exist (issue 3) the only callers are anonymous visitors and the operator's own
// command line. The program overview (names, descriptions and group kinds) is the provider's
// public brochure, not anyone's record, so anyone may read it.
#pragma once

namespace hearth::program {

enum class Requester { anonymous, operator_cli };

inline bool can_view_overview(Requester) {
  return true;
}
inline bool can_create_program(Requester caller) {
  return caller == Requester::operator_cli;
}

}  // namespace hearth::program
