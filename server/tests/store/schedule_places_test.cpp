// Conformance: programs' targets, groups' facilitators, enrollments and group places behave alike
// on both drivers, and the last seat of a full group goes to exactly one of two people asking for
// it at the same moment.
#include "schedule_fixture.hpp"

namespace hearth::store::testing {
namespace {

// Rows written at schema version 2 read with the records' defaults once migration 3 ran.
TEST_P(StoreConformance, RowsFromBeforeMigration3ReadWithTheRecordDefaults) {
  ASSERT_EQ(default_migrations()[2].name, "schedule_and_attendance");
  StoreSetup version_2;
  version_2.migrations.resize(2);
  const std::string program_id(26, 'p'), group_id(26, 'g'), user_id(26, 'u');
  version_2.migrations[1].statements.push_back(
      "INSERT INTO programs (id, slug, name, description, time_zone, created_at_ms) VALUES ('" +
      program_id + "', 'old', 'Old', '', 'UTC', 1)");
  version_2.migrations[1].statements.push_back(
      "INSERT INTO groups (id, program_id, slug, name, description, kind, capacity, "
      "created_at_ms) VALUES ('" +
      group_id + "', '" + program_id + "', 'old', 'Old', '', 'therapy', 8, 1)");
  version_2.migrations[1].statements.push_back(
      "INSERT INTO users (id, email, display_name, pronouns, time_zone, roles, status, "
      "password_hash, totp_secret, totp_enabled, totp_last_step, text_size, high_contrast, "
      "created_at_ms, updated_at_ms) VALUES ('" +
      user_id +
      "', 'old@example.org', 'Old', '', 'UTC', 'participant', 'active', 'h', '', 0, 0, "
      "100, 0, 1, 1)");
  version_2.migrations[1].statements.push_back(
      "INSERT INTO program_memberships (program_id, user_id, kind, created_at_ms) VALUES ('" +
      program_id + "', '" + user_id + "', 'participant', 1)");
  ASSERT_TRUE(open_migrated({}, version_2));
  auto store = open_migrated();
  ASSERT_TRUE(store);

  const auto program =
      read_in(*store, [&](Transaction& tx) { return tx.find_program(program_id); });
  ASSERT_TRUE(program);
  const ProgramRecord defaults;
  EXPECT_EQ(program->audience, defaults.audience);
  EXPECT_EQ(program->weekly_target_minutes, defaults.weekly_target_minutes);
  EXPECT_EQ(program->daily_minimum_minutes, defaults.daily_minimum_minutes);
  EXPECT_EQ(program->days_per_week_minimum, defaults.days_per_week_minimum);
  EXPECT_EQ(program->length_weeks, defaults.length_weeks);
  EXPECT_EQ(program->group_capacity_cap, defaults.group_capacity_cap);
  const auto group = read_in(*store, [&](Transaction& tx) { return tx.find_group(group_id); });
  ASSERT_TRUE(group);
  EXPECT_EQ(group->membership, "open");
  EXPECT_EQ(group->status, "active");
  EXPECT_EQ(group->facilitator_id, "");
  const auto membership =
      read_in(*store, [&](Transaction& tx) { return tx.find_membership(program_id, user_id); });
  ASSERT_TRUE(membership);
  EXPECT_EQ(membership->status, "active");
  EXPECT_EQ(membership->admitted_on, "");
}

// Migration 5 made program_memberships again so that a staff membership can end; the rows of
// version 4 come through it whole.
TEST_P(StoreConformance, MembershipsComeThroughMigration5WholeAndStaffMembershipsCanEnd) {
  ASSERT_EQ(default_migrations()[4].name, "staff_memberships_can_end");
  StoreSetup version_4;
  version_4.migrations.resize(4);
  const std::string program_id(26, 'p'), participant_id(26, 'u'), staff_id(26, 's');
  auto& last = version_4.migrations[3].statements;
  last.push_back(
      "INSERT INTO programs (id, slug, name, description, time_zone, created_at_ms) "
      "VALUES ('" +
      program_id + "', 'old', 'Old', '', 'UTC', 1)");
  for (const auto& [id, roles] :
       {std::pair{participant_id, "participant"}, std::pair{staff_id, "clinician"}}) {
    last.push_back(
        "INSERT INTO users (id, email, display_name, pronouns, time_zone, roles, status, "
        "password_hash, totp_secret, totp_enabled, totp_last_step, text_size, high_contrast, "
        "created_at_ms, updated_at_ms) VALUES ('" +
        id + "', '" + id + "@example.org', 'Old', '', 'UTC', '" + roles +
        "', 'active', 'h', '', 0, 0, 100, 0, 1, 1)");
  }
  last.push_back(
      "INSERT INTO program_memberships (program_id, user_id, kind, created_at_ms, status, "
      "admitted_on, expected_discharge_on, discharged_on, age_band, updated_at_ms) VALUES ('" +
      program_id + "', '" + participant_id +
      "', 'participant', 2, 'on_hold', '2026-01-05', '2026-03-30', '', 'adult', 3)");
  last.push_back(
      "INSERT INTO program_memberships (program_id, user_id, kind, created_at_ms) VALUES ('" +
      program_id + "', '" + staff_id + "', 'staff', 4)");
  ASSERT_TRUE(open_migrated({}, version_4));
  auto store = open_migrated();
  ASSERT_TRUE(store);

  const auto participant = read_in(
      *store, [&](Transaction& tx) { return tx.find_membership(program_id, participant_id); });
  ASSERT_TRUE(participant);
  EXPECT_EQ(participant->kind, "participant");
  EXPECT_EQ(participant->status, "on_hold");
  EXPECT_EQ(participant->admitted_on, "2026-01-05");
  EXPECT_EQ(participant->expected_discharge_on, "2026-03-30");
  EXPECT_EQ(participant->age_band, "adult");
  EXPECT_EQ(participant->created_at_ms, 2);
  EXPECT_EQ(participant->updated_at_ms, 3);
  auto staff =
      *read_in(*store, [&](Transaction& tx) { return tx.find_membership(program_id, staff_id); });
  EXPECT_EQ(staff.status, "active");

  staff.status = "ended";
  staff.updated_at_ms = 9;
  auto ended = store->transact(Access::read_write,
                               [&](Transaction& tx) { return tx.update_membership(staff); });
  ASSERT_TRUE(ended.ok()) << ended.error().message;
  const auto after =
      read_in(*store, [&](Transaction& tx) { return tx.find_membership(program_id, staff_id); });
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, "ended");
  EXPECT_FALSE(after->is_current_staff());
  staff.status = "retired";
  EXPECT_FALSE(store->transact(Access::read_write, [&](Transaction& tx) {
    return tx.update_membership(staff);
  })) << "the CHECK still holds";
}

INSTANTIATE_TEST_SUITE_P(Drivers, ScheduleStore,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const auto& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

// --- programs, groups, enrollments ---------------------------------------------------------

TEST_P(ScheduleStore, ProgramTargetsRoundTripAndUpdateEveryFieldButTheKey) {
  expect_same(read([&](Transaction& tx) { return tx.find_program(w_.program.id); }), w_.program);
  expect_same(read([&](Transaction& tx) { return tx.find_program_by_slug("evening"); }),
              w_.program);

  auto changed = w_.other_program;
  changed.id = w_.program.id;
  changed.slug = "evening-2";
  changed.audience = "adult";
  changed.weekly_target_minutes = 600;
  changed.group_capacity_cap = 14;
  changed.updated_at_ms = 99;
  commit([&](Transaction& tx) { return tx.update_program(changed); });
  auto expected = changed;
  expected.created_at_ms = w_.program.created_at_ms;
  expect_same(read([&](Transaction& tx) { return tx.find_program(w_.program.id); }), expected);

  auto missing = changed;
  missing.id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_program(missing); }), Errc::not_found);
}

TEST_P(ScheduleStore, GroupsRoundTripAndUpdateEveryFieldButTheKeys) {
  expect_same(read([&](Transaction& tx) { return tx.find_group(w_.group.id); }), w_.group);
  const auto listed = read([&](Transaction& tx) { return tx.list_groups(w_.program.id); });
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(fields(listed[1]), fields(w_.group));  // "Skills group" after "Process group"
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_group(new_id()); }));

  auto changed = w_.group;
  changed.program_id = w_.other_program.id;  // not written: a group stays in its program
  changed.created_at_ms = 1;                 // not written
  changed.slug = "skills-2";
  changed.name = "Skills group (evening)";
  changed.description = "Emotion regulation";
  changed.kind = "psychoeducation";
  changed.capacity = 8;
  changed.facilitator_id = w_.co.id;
  changed.co_facilitator_id = "";
  changed.membership = "open";
  changed.tags = "anxiety";
  changed.age_band = "";
  changed.status = "archived";
  changed.updated_at_ms = 77;
  commit([&](Transaction& tx) { return tx.update_group(changed); });
  auto expected = changed;
  expected.program_id = w_.group.program_id;
  expected.created_at_ms = w_.group.created_at_ms;
  expect_same(read([&](Transaction& tx) { return tx.find_group(w_.group.id); }), expected);

  auto missing = changed;
  missing.id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_group(missing); }), Errc::not_found);
}

TEST_P(ScheduleStore, GroupMembershipAndStatusAreChecked) {
  auto invite_only = w_.group;
  invite_only.membership = "invite_only";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_group(invite_only); }), Errc::conflict);
  auto deleted = make_group(w_.program, "deleted");
  deleted.status = "deleted";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.insert_group(deleted); }), Errc::conflict);
}

TEST_P(ScheduleStore, EnrollmentsRoundTripAndUpdateByTheirKey) {
  const MembershipRecord alice{.program_id = w_.program.id,
                               .user_id = w_.alice.id,
                               .kind = "participant",
                               .created_at_ms = 3,
                               .status = "on_hold",
                               .admitted_on = "2027-01-18",
                               .expected_discharge_on = "2027-04-12",
                               .discharged_on = "",
                               .age_band = "young_adult",
                               .updated_at_ms = 4};
  const MembershipRecord bob{w_.program.id, w_.bob.id, "participant", 3};
  const MembershipRecord clinician{w_.program.id, w_.clinician.id, "staff", 3};
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* m : {&alice, &bob, &clinician}) HEARTH_TRY(tx.insert_membership(*m));
    return tx.insert_membership({w_.other_program.id, w_.dave.id, "participant", 3});
  });
  expect_same(read([&](Transaction& tx) { return tx.find_membership(w_.program.id, w_.alice.id); }),
              alice);
  const auto bob_found =
      read([&](Transaction& tx) { return tx.find_membership(w_.program.id, w_.bob.id); });
  ASSERT_TRUE(bob_found);
  EXPECT_EQ(bob_found->status, "active");
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_membership(w_.program.id, w_.dave.id); }));

  const auto listed =
      read([&](Transaction& tx) { return tx.list_memberships_of_program(w_.program.id); });
  auto expected_order = std::vector<std::string>{w_.alice.id, w_.bob.id, w_.clinician.id};
  std::sort(expected_order.begin(), expected_order.end());
  EXPECT_EQ(user_ids(listed), expected_order);

  auto discharged = alice;
  discharged.status = "discharged";
  discharged.discharged_on = "2027-04-09";
  discharged.updated_at_ms = 50;
  commit([&](Transaction& tx) { return tx.update_membership(discharged); });
  expect_same(read([&](Transaction& tx) { return tx.find_membership(w_.program.id, w_.alice.id); }),
              discharged);

  auto as_staff = discharged;
  as_staff.kind = "staff";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_membership(as_staff); }),
            Errc::not_found);
  auto paused = discharged;
  paused.status = "paused";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_membership(paused); }), Errc::conflict);
}

TEST_P(ScheduleStore, APersonWhoIsBothParticipantAndStaffIsFoundAsParticipant) {
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.insert_membership({w_.program.id, w_.co.id, "staff", 3}));
    return tx.insert_membership({w_.program.id, w_.co.id, "participant", 3});
  });
  const auto found =
      read([&](Transaction& tx) { return tx.find_membership(w_.program.id, w_.co.id); });
  ASSERT_TRUE(found);
  EXPECT_EQ(found->kind, "participant");
}

TEST_P(ScheduleStore, ThePeopleOfAProgramAreItsMembersOfAnyKindByName) {
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.insert_membership({w_.program.id, w_.alice.id, "participant", 3}));
    HEARTH_TRY(tx.insert_membership({w_.program.id, w_.co.id, "staff", 3}));
    HEARTH_TRY(tx.insert_membership({w_.program.id, w_.co.id, "participant", 3}));
    auto discharged = MembershipRecord{w_.program.id, w_.bob.id, "participant", 3};
    discharged.status = "discharged";
    HEARTH_TRY(tx.insert_membership(discharged));
    return tx.insert_membership({w_.other_program.id, w_.dave.id, "participant", 3});
  });
  const auto people =
      read([&](Transaction& tx) { return tx.list_people_of_program(w_.program.id); });
  std::vector<std::string> ids;
  for (const auto& p : people) ids.push_back(p.id);
  auto expected = std::vector<std::string>{w_.alice.id, w_.bob.id, w_.co.id};  // once each
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ids, expected);
  for (const auto& p : people) {
    if (p.id != w_.alice.id) continue;
    EXPECT_EQ(p.display_name, w_.alice.display_name);
    EXPECT_EQ(p.pronouns, w_.alice.pronouns);
    EXPECT_EQ(p.roles, w_.alice.roles);
  }
  EXPECT_TRUE(
      read([&](Transaction& tx) { return tx.list_people_of_program("no-such-program"); }).empty());
}

// --- group places --------------------------------------------------------------------------

TEST_P(ScheduleStore, GroupPlacesAreListedSeatsFirstThenRequestsThenTheWaitingList) {
  const auto seat_alice = place(w_.group, w_.alice, "member", 30);
  const auto seat_bob = place(w_.group, w_.bob, "member", 10);
  const auto wait_carol = place(w_.group, w_.carol, "waiting", 20);
  const auto wait_dave = place(w_.group, w_.dave, "waiting", 15);
  const auto ask_co = place(w_.group, w_.co, "requested", 40);
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* m : {&wait_carol, &seat_alice, &ask_co, &wait_dave, &seat_bob}) {
      HEARTH_TRY(tx.insert_group_member(*m));
    }
    return tx.insert_group_member(place(w_.second_group, w_.alice, "member", 1));
  });

  EXPECT_EQ(user_ids(read([&](Transaction& tx) { return tx.list_group_members(w_.group.id); })),
            (std::vector{w_.bob.id, w_.alice.id, w_.co.id, w_.dave.id, w_.carol.id}));
  EXPECT_EQ(read([&](Transaction& tx) { return tx.count_group_seats_taken(w_.group.id); }), 2);
  expect_same(read([&](Transaction& tx) { return tx.find_group_member(w_.group.id, w_.dave.id); }),
              wait_dave);

  auto places = read([&](Transaction& tx) { return tx.list_places_of_user(w_.alice.id); });
  ASSERT_EQ(places.size(), 2U);
  EXPECT_LT(places[0].group_id, places[1].group_id);
}

TEST_P(ScheduleStore, GroupPlacesAreUpdatedAndDeleted) {
  auto waiting = place(w_.group, w_.carol, "waiting", 20);
  commit([&](Transaction& tx) { return tx.insert_group_member(waiting); });

  auto seated = waiting;
  seated.state = "member";
  seated.joined_at_ms = 60;
  seated.added_by = w_.clinician.id;
  commit([&](Transaction& tx) { return tx.update_group_member(seated); });
  expect_same(read([&](Transaction& tx) { return tx.find_group_member(w_.group.id, w_.carol.id); }),
              seated);

  std::vector<bool> deleted;
  commit([&](Transaction& tx) -> Result<void> {
    for (int i = 0; i < 2; ++i) {
      HEARTH_TRY_ASSIGN(const bool existed, tx.delete_group_member(w_.group.id, w_.carol.id));
      deleted.push_back(existed);
    }
    return ok();
  });
  EXPECT_EQ(deleted, (std::vector<bool>{true, false}));
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_group_member(w_.group.id, w_.carol.id); }));
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_group_member(seated); }),
            Errc::not_found);
}

TEST_P(ScheduleStore, APersonHasOnePlaceInAGroupInAKnownState) {
  commit([&](Transaction& tx) {
    return tx.insert_group_member(place(w_.group, w_.alice, "member", 1));
  });
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_group_member(place(w_.group, w_.alice, "waiting", 2));
            }),
            Errc::already_exists);
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_group_member(place(w_.group, w_.bob, "invited", 2));
            }),
            Errc::conflict);
}

// Two people ask for the last seat at the same moment; each transaction counts the seats and
// takes one only if one is free. Exactly one must get it, on both drivers: SQLite runs writers
// one at a time, PostgreSQL runs them SERIALIZABLE and transact() retries the one that loses.
TEST_P(ScheduleStore, TheLastSeatGoesToExactlyOneOfTwoAskingAtOnce) {
  constexpr int kRounds = 20;
  RetryLog retries;
  StoreSetup setup;
  setup.on_retry = retries.callback();
  auto store = open_migrated({}, std::move(setup));
  ASSERT_TRUE(store);

  for (int round = 0; round < kRounds; ++round) {
    auto group = make_group(w_.program, "race-" + std::to_string(round));
    group.capacity = 3;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY(tx.insert_group(group));
      HEARTH_TRY(tx.insert_group_member(place(group, w_.alice, "member", 1)));
      return tx.insert_group_member(place(group, w_.bob, "member", 2));
    });

    // On PostgreSQL both first attempts count before either inserts, so that the two really
    // overlap; SQLite never lets two writers overlap, so there they just start together.
    const bool overlap = !is_sqlite();
    std::mutex mutex;
    std::condition_variable counted_cv;
    int counted = 0;
    auto wait_for_the_other = [&] {
      std::unique_lock lock(mutex);
      ++counted;
      counted_cv.notify_all();
      counted_cv.wait_for(lock, std::chrono::seconds(10), [&] { return counted >= 2; });
    };

    std::latch start(2);
    std::array<Result<void>, 2> results{ok(), ok()};
    auto ask = [&](int index, const UserRecord& person) {
      int attempt = 0;
      start.arrive_and_wait();
      results[index] = store->transact(Access::read_write, [&](Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(const auto found, tx.find_group(group.id));
        HEARTH_TRY_ASSIGN(const auto taken, tx.count_group_seats_taken(group.id));
        if (overlap && ++attempt == 1) wait_for_the_other();
        const bool seat_free = found && taken < found->capacity;
        return tx.insert_group_member(place(group, person, seat_free ? "member" : "waiting", 3));
      });
    };
    std::thread carol(ask, 0, std::cref(w_.carol));
    std::thread dave(ask, 1, std::cref(w_.dave));
    carol.join();
    dave.join();

    ASSERT_TRUE(results[0].ok()) << results[0].error().message;
    ASSERT_TRUE(results[1].ok()) << results[1].error().message;
    EXPECT_EQ(read([&](Transaction& tx) { return tx.count_group_seats_taken(group.id); }), 3);
    const auto places = read([&](Transaction& tx) { return tx.list_group_members(group.id); });
    ASSERT_EQ(places.size(), 4U);
    EXPECT_EQ(places[2].state, "member");
    EXPECT_EQ(places[3].state, "waiting");
  }
  if (!is_sqlite()) {
    EXPECT_GE(retries.count(), kRounds) << "the two transactions never collided";
  }
}

}  // namespace
}  // namespace hearth::store::testing
