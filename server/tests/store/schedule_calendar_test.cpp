// Conformance: series and occurrences, attendance, notifications and calendar feeds behave alike
// on both drivers.
#include "schedule_fixture.hpp"

namespace hearth::store::testing {
namespace {

// --- series and occurrences ----------------------------------------------------------------

TEST_P(ScheduleStore, SeriesAndOccurrencesRoundTripAndUpdate) {
  expect_same(read([&](Transaction& tx) { return tx.find_series(w_.series.id); }), w_.series);
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_series(new_id()); }));

  auto occurrence = make_occurrence(w_.series, kMonday + 10 * kHour);
  insert_occurrences({occurrence});
  expect_same(read([&](Transaction& tx) { return tx.find_occurrence(occurrence.id); }), occurrence);

  auto moved = occurrence;
  moved.series_id = w_.second_series.id;  // not written: an occurrence stays in its series
  moved.group_id = w_.second_group.id;    // not written
  moved.title = "Skills group (moved)";
  moved.starts_at_ms += kDay;
  moved.ends_at_ms += kDay;
  moved.status = "cancelled";
  moved.change_reason = "Facilitator unwell";
  moved.updated_at_ms = 70;
  commit([&](Transaction& tx) { return tx.update_occurrence(moved); });
  auto expected = moved;
  expected.series_id = occurrence.series_id;
  expected.group_id = occurrence.group_id;
  expect_same(read([&](Transaction& tx) { return tx.find_occurrence(occurrence.id); }), expected);

  auto missing = moved;
  missing.id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.update_occurrence(missing); }),
            Errc::not_found);
}

TEST_P(ScheduleStore, OccurrencesOfAGroupAreOrderedByStartThenIdInAHalfOpenRange) {
  std::vector<OccurrenceRecord> occurrences;
  for (std::int64_t day : {3, 0, 1, 1, 2}) {
    occurrences.push_back(make_occurrence(w_.series, kMonday + day * kDay));
  }
  occurrences[2].status = "cancelled";                        // listed too
  occurrences[3].original_starts_at_ms = kMonday + 5 * kDay;  // moved onto another's time
  occurrences.push_back(make_occurrence(w_.second_series, kMonday + kDay));
  insert_occurrences(occurrences);

  auto expected = std::vector(occurrences.begin(), occurrences.end() - 1);
  std::sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
    return std::tie(a.starts_at_ms, a.id) < std::tie(b.starts_at_ms, b.id);
  });
  // [Monday, Thursday): Thursday's own occurrence is out.
  expected.pop_back();
  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_occurrences_of_group(w_.group.id, kMonday, kMonday + 3 * kDay);
            })),
            ids(expected));
  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_occurrences_of_group(w_.group.id, kMonday + 1, kMonday + kDay + 1);
            })),
            ids(std::vector(expected.begin() + 1, expected.begin() + 3)));
}

TEST_P(ScheduleStore, ABatchOfOccurrencesLargerThanOneStatementIsInsertedWhole) {
  // 301 is no power of two and more than one statement's rows: the batch is split unevenly.
  std::vector<OccurrenceRecord> occurrences;
  for (int i = 0; i < 301; ++i) {
    occurrences.push_back(make_occurrence(w_.series, kMonday + i * kHour));
  }
  occurrences[150].title = "the middle one";
  insert_occurrences(occurrences);
  const auto listed = read(
      [&](Transaction& tx) { return tx.list_occurrences_of_group(w_.group.id, 0, INT64_MAX); });
  ASSERT_EQ(listed.size(), occurrences.size());
  for (std::size_t i = 0; i < listed.size(); ++i) {
    EXPECT_EQ(fields(listed[i]), fields(occurrences[i]));
  }
}

TEST_P(ScheduleStore, OccurrencesAreChecked) {
  auto backwards = make_occurrence(w_.series, kMonday);
  backwards.ends_at_ms = backwards.starts_at_ms;
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.insert_occurrences({backwards}); }),
            Errc::conflict);
  auto postponed = make_occurrence(w_.series, kMonday);
  postponed.status = "postponed";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.insert_occurrences({postponed}); }),
            Errc::conflict);
  auto orphan = make_occurrence(w_.series, kMonday);
  orphan.series_id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.insert_occurrences({orphan}); }),
            Errc::conflict);

  const auto first = make_occurrence(w_.series, kMonday);
  insert_occurrences({first});
  auto same_id = make_occurrence(w_.series, kMonday + kDay);
  same_id.id = first.id;
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.insert_occurrences({same_id}); }),
            Errc::already_exists);
  // The series' slot is taken: expanding a series twice must not double its sessions.
  EXPECT_EQ(failure([&](Transaction& tx) {
              return tx.insert_occurrences({make_occurrence(w_.series, kMonday)});
            }),
            Errc::already_exists);
}

TEST_P(ScheduleStore, OccurrencesOfAProgramAndTheSweepsRange) {
  const auto in_group = make_occurrence(w_.series, kMonday + 2 * kHour);
  const auto in_second = make_occurrence(w_.second_series, kMonday + kHour);
  const auto elsewhere = make_occurrence(w_.other_series, kMonday + 3 * kHour);
  const auto next_week = make_occurrence(w_.series, kMonday + 7 * kDay);
  insert_occurrences({in_group, in_second, elsewhere, next_week});

  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_occurrences_of_program(w_.program.id, kMonday, kMonday + 7 * kDay);
            })),
            (std::vector{in_second.id, in_group.id}));
  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_occurrences_starting(kMonday + kHour, kMonday + 7 * kDay);
            })),
            (std::vector{in_second.id, in_group.id, elsewhere.id}));
}

TEST_P(ScheduleStore, OccurrencesOfAPersonCoverTheirSeatsAndTheGroupsTheyLead) {
  const auto skills = make_occurrence(w_.series, kMonday + kHour);
  const auto process = make_occurrence(w_.second_series, kMonday + 2 * kHour);
  const auto other = make_occurrence(w_.other_series, kMonday + 3 * kHour);
  insert_occurrences({skills, process, other});
  commit([&](Transaction& tx) -> Result<void> {
    HEARTH_TRY(tx.insert_group_member(place(w_.group, w_.alice, "member", 1)));
    HEARTH_TRY(tx.insert_group_member(place(w_.second_group, w_.alice, "member", 1)));
    HEARTH_TRY(tx.insert_group_member(place(w_.group, w_.bob, "waiting", 1)));
    HEARTH_TRY(tx.insert_group_member(place(w_.group, w_.carol, "requested", 1)));
    HEARTH_TRY(tx.insert_group_member(place(w_.other_group, w_.carol, "member", 1)));
    // Leading a group and holding a seat in it lists its sessions once.
    return tx.insert_group_member(place(w_.group, w_.clinician, "member", 1));
  });
  const auto of = [&](const UserRecord& person) {
    return ids(read([&](Transaction& tx) {
      return tx.list_occurrences_of_user(person.id, kMonday, kMonday + kDay);
    }));
  };
  EXPECT_EQ(of(w_.alice), (std::vector{skills.id, process.id}));
  EXPECT_EQ(of(w_.bob), std::vector<std::string>{});
  EXPECT_EQ(of(w_.carol), std::vector{other.id});
  EXPECT_EQ(of(w_.clinician), std::vector{skills.id});
  EXPECT_EQ(of(w_.co), std::vector{skills.id});
  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_occurrences_of_user(w_.alice.id, kMonday + kHour, kMonday + 2 * kHour);
            })),
            std::vector{skills.id});
}

// --- invited guests ------------------------------------------------------------------------

TEST_P(ScheduleStore, GuestsAreListedPerSessionAndTheirSessionsPerPerson) {
  const auto skills = make_occurrence(w_.series, kMonday + kHour);
  const auto later = make_occurrence(w_.series, kMonday + 3 * kHour);
  const auto other = make_occurrence(w_.other_series, kMonday + 2 * kHour);
  insert_occurrences({skills, later, other});
  const SessionGuestRecord dave_at_skills{skills.id, w_.dave.id, w_.clinician.id, 20};
  const SessionGuestRecord bob_at_skills{skills.id, w_.bob.id, w_.co.id, 10};
  const SessionGuestRecord dave_later{later.id, w_.dave.id, w_.clinician.id, 30};
  const SessionGuestRecord dave_other{other.id, w_.dave.id, w_.clinician.id, 40};
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* g : {&dave_at_skills, &bob_at_skills, &dave_later, &dave_other}) {
      HEARTH_TRY(tx.put_session_guest(*g));
    }
    return ok();
  });
  const auto guests = read([&](Transaction& tx) { return tx.list_session_guests(skills.id); });
  ASSERT_EQ(guests.size(), 2u);  // first invited first
  EXPECT_EQ(fields(guests[0]), fields(bob_at_skills));
  EXPECT_EQ(fields(guests[1]), fields(dave_at_skills));
  EXPECT_EQ(ids(read([&](Transaction& tx) {
              return tx.list_guest_occurrences_of_user(w_.dave.id, kMonday, kMonday + 3 * kHour);
            })),
            (std::vector{skills.id, other.id}));  // by start, half-open
  // A guest is not on the roster: their seats' list does not have it.
  EXPECT_TRUE(read([&](Transaction& tx) {
                return tx.list_occurrences_of_user(w_.dave.id, kMonday, kMonday + kDay);
              }).empty());
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.put_session_guest(dave_at_skills); }),
            Errc::already_exists);
  SessionGuestRecord nobody = dave_at_skills;
  nobody.user_id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.put_session_guest(nobody); }), Errc::conflict);
  const auto withdraw_dave = [&] {
    bool removed = false;
    commit([&](Transaction& tx) -> Result<void> {
      HEARTH_TRY_ASSIGN(removed, tx.delete_session_guest(skills.id, w_.dave.id));
      return ok();
    });
    return removed;
  };
  EXPECT_TRUE(withdraw_dave());
  EXPECT_FALSE(withdraw_dave());
  EXPECT_EQ(user_ids(read([&](Transaction& tx) { return tx.list_session_guests(skills.id); })),
            std::vector{w_.bob.id});
}

// --- attendance ----------------------------------------------------------------------------

TEST_P(ScheduleStore, AttendanceIsUpsertedPerOccurrenceAndPerson) {
  const auto session = make_occurrence(w_.series, kMonday);
  insert_occurrences({session});
  AttendanceRecord joined{.occurrence_id = session.id,
                          .user_id = w_.alice.id,
                          .status = "late",
                          .attended_ms = 0,
                          .first_joined_ms = kMonday + 600'000,
                          .last_left_ms = 0,
                          .open_since_ms = kMonday + 600'000,
                          .corrected_by = "",
                          .correction_reason = "",
                          .updated_at_ms = kMonday + 600'000};
  commit([&](Transaction& tx) { return tx.put_attendance(joined); });
  expect_same(read([&](Transaction& tx) { return tx.find_attendance(session.id, w_.alice.id); }),
              joined);

  auto corrected = joined;
  corrected.status = "present";
  corrected.attended_ms = 80 * 60'000;
  corrected.last_left_ms = kMonday + 90 * 60'000;
  corrected.open_since_ms = 0;
  corrected.corrected_by = w_.clinician.id;
  corrected.correction_reason = "joined by phone";
  corrected.updated_at_ms = kMonday + kDay;
  commit([&](Transaction& tx) { return tx.put_attendance(corrected); });
  expect_same(read([&](Transaction& tx) { return tx.find_attendance(session.id, w_.alice.id); }),
              corrected);
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_attendance(session.id, w_.bob.id); }));

  auto unknown = joined;
  unknown.status = "asleep";
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.put_attendance(unknown); }), Errc::conflict);
  auto no_session = joined;
  no_session.occurrence_id = new_id();
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.put_attendance(no_session); }),
            Errc::conflict);
}

TEST_P(ScheduleStore, AttendanceIsListedPerOccurrenceProgramAndPerson) {
  auto monday = make_occurrence(w_.series, kMonday);
  auto tuesday = make_occurrence(w_.second_series, kMonday + kDay);
  auto next_week = make_occurrence(w_.series, kMonday + 7 * kDay);
  auto elsewhere = make_occurrence(w_.other_series, kMonday);
  insert_occurrences({monday, tuesday, next_week, elsewhere});
  const auto mark = [](const OccurrenceRecord& o, const UserRecord& u) {
    return AttendanceRecord{.occurrence_id = o.id, .user_id = u.id, .status = "present"};
  };
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* o : {&monday, &tuesday, &next_week}) {
      for (const auto* u : {&w_.bob, &w_.alice}) HEARTH_TRY(tx.put_attendance(mark(*o, *u)));
    }
    return tx.put_attendance(mark(elsewhere, w_.alice));
  });

  auto by_user = std::vector{w_.alice.id, w_.bob.id};
  std::sort(by_user.begin(), by_user.end());
  EXPECT_EQ(
      user_ids(read([&](Transaction& tx) { return tx.list_attendance_of_occurrence(monday.id); })),
      by_user);

  auto this_week = std::vector{monday.id, tuesday.id};
  std::sort(this_week.begin(), this_week.end());
  const auto program = read([&](Transaction& tx) {
    return tx.list_attendance_of_program(w_.program.id, kMonday, kMonday + 7 * kDay);
  });
  ASSERT_EQ(program.size(), 4U);
  for (std::size_t i = 0; i < program.size(); ++i) {
    EXPECT_EQ(program[i].occurrence_id, this_week[i / 2]);
    EXPECT_EQ(program[i].user_id, by_user[i % 2]);
  }

  auto alices = std::vector{monday.id, tuesday.id, elsewhere.id};
  std::sort(alices.begin(), alices.end());
  const auto of_alice = read([&](Transaction& tx) {
    return tx.list_attendance_of_user(w_.alice.id, kMonday, kMonday + 7 * kDay);
  });
  std::vector<std::string> occurrence_ids;
  for (const auto& a : of_alice) occurrence_ids.push_back(a.occurrence_id);
  EXPECT_EQ(occurrence_ids, alices);
}

// --- notifications -------------------------------------------------------------------------

NotificationRecord make_notification(const UserRecord& user, std::string dedupe_key,
                                     std::int64_t created_at_ms) {
  return NotificationRecord{.id = new_id(),
                            .user_id = user.id,
                            .kind = "reminder_24h",
                            .occurrence_id = new_id(),
                            .group_id = new_id(),
                            .dedupe_key = std::move(dedupe_key),
                            .text = "Skills group tomorrow at 10:00",
                            .created_at_ms = created_at_ms,
                            .read_at_ms = 0};
}

TEST_P(ScheduleStore, ARepeatedNotificationIsSkippedAndTheTransactionGoesOn) {
  const auto first = make_notification(w_.alice, "reminder_24h:o1", 10);
  const auto repeat = make_notification(w_.alice, "reminder_24h:o1", 11);
  const auto bobs = make_notification(w_.bob, "reminder_24h:o1", 12);
  const auto later = make_notification(w_.alice, "reminder_15m:o1", 13);
  std::vector<bool> inserted;
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* n : {&first, &repeat, &bobs, &later}) {
      HEARTH_TRY_ASSIGN(const bool made, tx.insert_notification(*n));
      inserted.push_back(made);
    }
    return ok();
  });
  EXPECT_EQ(inserted, (std::vector<bool>{true, false, true, true}));
  const auto listed =
      read([&](Transaction& tx) { return tx.list_notifications(w_.alice.id, INT64_MAX, 10); });
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_EQ(fields(listed[0]), fields(later));
  EXPECT_EQ(fields(listed[1]), fields(first));
  auto same_id = make_notification(w_.alice, "other", 14);
  same_id.id = first.id;
  EXPECT_EQ(failure([&](Transaction& tx) -> Result<void> {
              HEARTH_TRY(tx.insert_notification(same_id));
              return ok();
            }),
            Errc::already_exists);
}

TEST_P(ScheduleStore, NotificationsArePagedNewestFirst) {
  std::vector<NotificationRecord> made;
  for (std::int64_t at : {10, 20, 20, 30, 40}) {
    made.push_back(make_notification(w_.alice, "k" + std::to_string(made.size()), at));
  }
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto& n : made) HEARTH_TRY(tx.insert_notification(n));
    HEARTH_TRY(tx.insert_notification(make_notification(w_.bob, "k", 25)));
    return ok();
  });
  auto newest_first = made;
  std::sort(newest_first.begin(), newest_first.end(), [](const auto& a, const auto& b) {
    return std::tie(a.created_at_ms, a.id) > std::tie(b.created_at_ms, b.id);
  });
  EXPECT_EQ(ids(read([&](Transaction& tx) { return tx.list_notifications(w_.alice.id, 40, 3); })),
            ids(std::vector(newest_first.begin() + 1, newest_first.begin() + 4)));
  EXPECT_EQ(ids(read([&](Transaction& tx) { return tx.list_notifications(w_.alice.id, 11, 3); })),
            std::vector{made[0].id});
}

TEST_P(ScheduleStore, NotificationsAreMarkedReadOnlyByTheirOwner) {
  const auto a1 = make_notification(w_.alice, "a1", 1);
  const auto a2 = make_notification(w_.alice, "a2", 2);
  const auto a3 = make_notification(w_.alice, "a3", 3);
  const auto b1 = make_notification(w_.bob, "b1", 1);
  std::vector<bool> marked;
  std::int64_t marked_all = 0;
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* n : {&a1, &a2, &a3, &b1}) HEARTH_TRY(tx.insert_notification(*n));
    for (const auto& [owner, id] : {std::pair{w_.bob.id, a1.id}, std::pair{w_.alice.id, a1.id},
                                    std::pair{w_.alice.id, a1.id}}) {
      HEARTH_TRY_ASSIGN(const bool changed, tx.mark_notification_read(owner, id, 50));
      marked.push_back(changed);
    }
    HEARTH_TRY_ASSIGN(marked_all, tx.mark_all_notifications_read(w_.alice.id, 60));
    return ok();
  });
  EXPECT_EQ(marked, (std::vector<bool>{false, true, false}));
  EXPECT_EQ(marked_all, 2);
  EXPECT_EQ(read([&](Transaction& tx) { return tx.count_unread_notifications(w_.alice.id); }), 0);
  EXPECT_EQ(read([&](Transaction& tx) { return tx.count_unread_notifications(w_.bob.id); }), 1);
  const auto listed =
      read([&](Transaction& tx) { return tx.list_notifications(w_.alice.id, INT64_MAX, 10); });
  ASSERT_EQ(listed.size(), 3U);
  EXPECT_EQ(listed[2].read_at_ms, 50);  // a1 keeps the time it was first read
  EXPECT_EQ(listed[0].read_at_ms, 60);
}

// --- calendar feeds ------------------------------------------------------------------------

TEST_P(ScheduleStore, ARotatedCalendarFeedNoLongerAnswersToItsOldToken) {
  const CalendarFeedRecord first{w_.alice.id, std::string(64, 'a'), 10};
  const CalendarFeedRecord rotated{w_.alice.id, std::string(64, 'b'), 20};
  commit([&](Transaction& tx) { return tx.put_calendar_feed(first); });
  expect_same(read([&](Transaction& tx) { return tx.find_calendar_feed(w_.alice.id); }), first);
  commit([&](Transaction& tx) { return tx.put_calendar_feed(rotated); });

  expect_same(read([&](Transaction& tx) { return tx.find_calendar_feed(w_.alice.id); }), rotated);
  expect_same(
      read([&](Transaction& tx) { return tx.find_calendar_feed_by_digest(rotated.token_digest); }),
      rotated);
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_calendar_feed_by_digest(first.token_digest); }));
  EXPECT_FALSE(read([&](Transaction& tx) { return tx.find_calendar_feed(w_.bob.id); }));

  const CalendarFeedRecord clash{w_.bob.id, rotated.token_digest, 30};
  EXPECT_EQ(failure([&](Transaction& tx) { return tx.put_calendar_feed(clash); }),
            Errc::already_exists);
}

TEST_P(ScheduleStore, ACalendarFeedTurnedOffIsGone) {
  const CalendarFeedRecord feed{w_.alice.id, std::string(64, 'c'), 10};
  commit([&](Transaction& tx) { return tx.put_calendar_feed(feed); });
  std::vector<bool> deleted;
  commit([&](Transaction& tx) -> Result<void> {
    for (const auto* user : {&w_.alice, &w_.alice, &w_.bob}) {
      HEARTH_TRY_ASSIGN(const bool existed, tx.delete_calendar_feed(user->id));
      deleted.push_back(existed);
    }
    return ok();
  });
  EXPECT_EQ(deleted, (std::vector<bool>{true, false, false}));
  EXPECT_FALSE(
      read([&](Transaction& tx) { return tx.find_calendar_feed_by_digest(feed.token_digest); }));
}

}  // namespace
}  // namespace hearth::store::testing
