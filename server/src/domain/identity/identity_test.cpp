#include "domain/identity/identity.hpp"

#include <gtest/gtest.h>

#include "domain/identity/identity_policy.hpp"
#include "domain/identity/roles.hpp"

namespace hearth::identity {
namespace {

TEST(Roles, RoundTripThroughTheStoredForm) {
  const RoleSet roles{Role::participant, Role::peer_mentor};
  EXPECT_EQ(roles.to_string(), "participant,peer_mentor");
  EXPECT_EQ(RoleSet::parse("peer_mentor,participant"), roles);
  EXPECT_EQ(RoleSet::parse(""), RoleSet{});
}

TEST(Roles, UnknownNamesAreRefused) {
  EXPECT_FALSE(RoleSet::parse("participant,superuser"));
  EXPECT_FALSE(RoleSet::from_names({"Admin"}));
}

TEST(Roles, StaffRolesRequireASecondFactor) {
  for (Role r : {Role::clinician, Role::peer_specialist, Role::admin}) {
    EXPECT_TRUE(RoleSet{r}.requires_second_factor()) << role_name(r);
  }
  for (Role r : {Role::participant, Role::peer_mentor, Role::family}) {
    EXPECT_FALSE(RoleSet{r}.requires_second_factor()) << role_name(r);
  }
}

TEST(Email, IsTrimmedAndLowerCased) {
  EXPECT_EQ(normalize_email("  Avery.M@Example.ORG ").value(), "avery.m@example.org");
}

TEST(Email, MalformedOrOverlongAddressesAreRefused) {
  for (const std::string& bad : std::vector<std::string>{
           "", "avery", "@example.org", "avery@", "avery@example", "a b@example.org",
           "a@b@example.org", "avery@.org", "avery@example..org", "\"a\"@x.org",
           std::string(250, 'a') + "@x.org", std::string(65, 'a') + "@x.org", "avé@example.org"}) {
    auto r = normalize_email(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().field, "email");
  }
}

TEST(DisplayName, ControlCharactersAndEmptyNamesAreRefused) {
  EXPECT_FALSE(check_display_name("   "));
  EXPECT_FALSE(check_display_name("Avery\nM."));
  EXPECT_FALSE(check_display_name("Avery\xc2\x85"));  // U+0085, a C1 control
  EXPECT_FALSE(check_display_name(std::string(81, 'a')));
  EXPECT_EQ(check_display_name(" Zoë ").value(), "Zoë");
}

TEST(TimeZone, KnownZonesPassAndOthersAreRefused) {
  EXPECT_TRUE(check_time_zone("America/Chicago"));
  EXPECT_TRUE(check_time_zone("UTC"));
  EXPECT_FALSE(check_time_zone("../etc/passwd"));
  EXPECT_FALSE(check_time_zone("Mars/Olympus_Mons"));
  EXPECT_FALSE(check_time_zone(""));
}

TEST(UserAgent, IsReducedToBrowserAndDevice) {
  EXPECT_EQ(describe_user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
                                "Firefox/128.0"),
            "Firefox on Linux");
  EXPECT_EQ(describe_user_agent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
                                "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 "
                                "Mobile/15E148 Safari/604.1"),
            "Safari on iPhone");
  EXPECT_EQ(describe_user_agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                                "(KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0"),
            "Edge on Windows");
  EXPECT_EQ(describe_user_agent(""), "Unknown browser on unknown device");
}

Caller caller_with(RoleSet roles, std::string id = "me") {
  Caller c;
  c.user_id = std::move(id);
  c.roles = roles;
  return c;
}

TEST(Policy, APersonRecordIsVisibleToThemselvesTheirCliniciansGrantsAndAdmins) {
  const Relationship self{.self = true};
  const Relationship staffed{.staffs_their_program = true};
  const Relationship granted{.active_grant = true};
  const Relationship stranger{};
  const auto participant = caller_with({Role::participant});
  const auto mentor = caller_with({Role::participant, Role::peer_mentor});
  const auto family = caller_with({Role::family});
  const auto clinician = caller_with({Role::clinician});
  const auto specialist = caller_with({Role::peer_specialist});
  const auto admin = caller_with({Role::admin});
  EXPECT_TRUE(can_view_person(participant, self));
  EXPECT_FALSE(can_view_person(participant, stranger));
  EXPECT_FALSE(can_view_person(mentor, stranger));
  EXPECT_FALSE(can_view_person(family, stranger));
  EXPECT_FALSE(can_view_person(specialist, staffed));
  EXPECT_TRUE(can_view_person(clinician, staffed));
  EXPECT_TRUE(can_view_person(clinician, granted));
  EXPECT_FALSE(can_view_person(clinician, stranger));
  EXPECT_TRUE(can_view_person(admin, stranger));
}

TEST(Policy, CliniciansInviteOnlyParticipantsIntoProgramsTheyStaff) {
  const auto clinician = caller_with({Role::clinician});
  EXPECT_TRUE(can_invite(clinician, {Role::participant}, true));
  EXPECT_FALSE(can_invite(clinician, {Role::participant}, false));
  EXPECT_FALSE(can_invite(clinician, {Role::clinician}, true));
  EXPECT_FALSE(can_invite(clinician, {Role::participant, Role::admin}, true));
  EXPECT_TRUE(can_invite(caller_with({Role::admin}), {Role::clinician, Role::admin}, false));
  EXPECT_FALSE(can_invite(caller_with({Role::peer_specialist}), {Role::participant}, true));
}

TEST(Policy, ResetLinksComeFromAdminsOrTheirClinicianButNotForOneself) {
  EXPECT_TRUE(can_issue_password_reset(caller_with({Role::admin}), {}));
  EXPECT_FALSE(can_issue_password_reset(caller_with({Role::admin}), {.self = true}));
  EXPECT_TRUE(
      can_issue_password_reset(caller_with({Role::clinician}), {.staffs_their_program = true}));
  EXPECT_FALSE(can_issue_password_reset(caller_with({Role::clinician}), {.active_grant = true}));
  EXPECT_FALSE(can_issue_password_reset(caller_with({Role::participant}), {}));
}

TEST(Policy, StaffMayNotTurnTheirSecondFactorOff) {
  EXPECT_FALSE(can_disable_second_factor(caller_with({Role::clinician})));
  EXPECT_FALSE(can_disable_second_factor(caller_with({Role::participant, Role::admin})));
  EXPECT_TRUE(can_disable_second_factor(caller_with({Role::participant, Role::peer_mentor})));
}

}  // namespace
}  // namespace hearth::identity
