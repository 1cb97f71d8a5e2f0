// Who may do what with programs. Positive predicates only (can_<verb>), default deny elsewhere.
//
// Until accounts exist (issue 3) the only callers are anonymous visitors and the operator's own
// command line. The program overview (names, descriptions and group kinds) is the provider's
// public brochure, not anyone's record, so anyone may read it.
#pragma once

namespace hearth::program {

enum class Caller { anonymous, operator_cli };

inline bool can_view_overview(Caller) {
  return true;
}
inline bool can_create_program(Caller caller) {
  return caller == Caller::operator_cli;
}

}  // namespace hearth::program
