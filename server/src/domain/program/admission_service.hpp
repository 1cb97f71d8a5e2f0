// AdmissionService: a participant's enrollment in a program — admission date, expected discharge,
// status (active, on hold, discharged: an alumnus) — and what a participant's page shows: their
// programs, staff, dates and groups. The program's care team enrolls and changes; the participant
// reads their own; reads of someone else's placement are audited as record reads.
//
// Methods block on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "domain/audit/audit_trail.hpp"
#include "domain/program/program_views.hpp"

namespace hearth::program {

struct NewEnrollment {
  std::string participant_id;
  std::string admitted_on;            // "2026-11-23"
  std::string expected_discharge_on;  // "" when not known
  std::string age_band;
};

struct EnrollmentChanges {
  std::optional<std::string> status;
  std::optional<std::string> expected_discharge_on;
  std::optional<std::string> age_band;
};

struct Placement {
  std::vector<EnrollmentView> enrollments;  // with staff
  std::vector<GroupView> groups;            // where the person has a place
};

class AdmissionService {
 public:
  AdmissionService(store::Store& store, const Clock& clock, const audit::AuditTrail& audit)
      : store_(store), clock_(clock), audit_(audit) {}

  Result<EnrollmentView> enroll(const Caller& caller, std::string_view program_id,
                                const NewEnrollment& enrollment);
  // Discharging dates the discharge today in the program's time zone and gives up the person's
  // places in the program's groups (except alumni groups); freed seats go to the waiting lists.
  Result<EnrollmentView> update(const Caller& caller, std::string_view program_id,
                                std::string_view participant_id, const EnrollmentChanges& changes);
  Result<std::vector<EnrollmentView>> enrollments(const Caller& caller,
                                                  std::string_view program_id);
  Result<Placement> my_placement(const Caller& caller);
  Result<Placement> placement_of(const Caller& caller, std::string_view participant_id);

 private:
  store::Store& store_;
  const Clock& clock_;
  const audit::AuditTrail& audit_;
};

}  // namespace hearth::program
