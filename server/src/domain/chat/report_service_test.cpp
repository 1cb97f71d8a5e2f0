#include "domain/chat/report_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/chat/testing/chat_world.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

class ReportServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(world_.ok()); }

  std::string room_of(const store::UserRecord& user, std::string_view name) {
    return world_.room_of(user, name);
  }
  store::ChatMessageRecord say(const store::UserRecord& who, const std::string& room,
                               const std::string& text) {
    auto posted = world_.chat().post(caller_of(who), room, "c-" + std::to_string(next_++), text);
    EXPECT_TRUE(posted) << posted.error().message;
    return posted ? posted->message : store::ChatMessageRecord{};
  }
  std::vector<store::AuditRecord> audit() {
    std::vector<store::AuditRecord> entries;
    EXPECT_TRUE(world_.store().transact(store::Access::read_only,
                                        [&](store::Transaction& tx) -> Result<void> {
                                          HEARTH_TRY_ASSIGN(entries, tx.list_audit({}));
                                          return ok();
                                        }));
    return entries;
  }

  testing::ChatWorld world_;
  int next_ = 0;
};

TEST_F(ReportServiceTest, AMemberReportsOnceAndTheProgramsClinicianHearsAndReadsItInContext) {
  const auto room = room_of(world_.alice, "Skills group");
  for (int i = 0; i < 5; ++i) say(world_.alice, room, "before " + std::to_string(i));
  const auto rude = say(world_.bob, room, "that was a stupid thing to share");
  for (int i = 0; i < 5; ++i) say(world_.alice, room, "after " + std::to_string(i));
  auto& reports = world_.reports();

  const auto made =
      reports.report(caller_of(world_.alice), room, rude.id, "disrespectful", "he does this a lot");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_TRUE(made->created);
  EXPECT_EQ(made->reviewers, (std::vector<std::string>{world_.clinician.id}))
      << "the program's current clinicians: not the facilitator, not staff who left";
  EXPECT_EQ(made->report.author_name, "Bob");
  EXPECT_EQ(made->report.room_name, "Skills group");
  const auto again = reports.report(caller_of(world_.alice), room, rude.id, "spam", "");
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->report.record.id, made->report.record.id);
  EXPECT_EQ(again->report.record.reason, "disrespectful") << "the first report stands";
  EXPECT_TRUE(again->reviewers.empty()) << "nobody is told twice";

  const auto queue = reports.reports(caller_of(world_.clinician), true);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ((*queue)[0].reporter_name, "Alice");
  EXPECT_EQ((*queue)[0].record.note, "he does this a lot");
  for (const auto* other :
       {&world_.facilitator, &world_.former_clinician, &world_.alice, &world_.bob}) {
    EXPECT_TRUE(reports.reports(caller_of(*other), false)->empty()) << other->display_name;
    EXPECT_EQ(reports.detail(caller_of(*other), made->report.record.id).error().code,
              Errc::not_found)
        << other->display_name;
  }

  const auto detail = reports.detail(caller_of(world_.clinician), made->report.record.id);
  ASSERT_TRUE(detail) << detail.error().message;
  std::vector<std::string> texts;
  for (const auto& m : detail->messages) texts.push_back(m.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"before 2", "before 3", "before 4",
                                             "that was a stupid thing to share", "after 0",
                                             "after 1", "after 2"}))
      << kContextMessages << " messages on each side, oldest first";
}

TEST_F(ReportServiceTest, AReportOfAPrivateMessageShowsTheCareTeamOnlyItsNeighbours) {
  const auto started = world_.chat().start_private(caller_of(world_.alice), {world_.bob.id});
  ASSERT_TRUE(started) << started.error().message;
  const auto room = started->record.id;
  for (int i = 0; i < 10; ++i) say(world_.bob, room, "line " + std::to_string(i));
  const auto reported = say(world_.bob, room, "send me your address");
  auto& reports = world_.reports();
  const auto made =
      reports.report(caller_of(world_.alice), room, reported.id, "private_information", "");
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(made->report.room_kind, "private");
  EXPECT_EQ(made->report.room_name, "");
  const auto detail = reports.detail(caller_of(world_.clinician), made->report.record.id);
  ASSERT_TRUE(detail);
  ASSERT_EQ(detail->messages.size(), kContextMessages + 1) << "nothing after it yet";
  EXPECT_EQ(detail->messages.front().text, "line 7");
  EXPECT_EQ(detail->messages.back().text, "send me your address");
  EXPECT_EQ(reports.report(caller_of(world_.carol), room, reported.id, "spam", "").error().code,
            Errc::not_found)
      << "only the conversation's people may report in it";
}

TEST_F(ReportServiceTest, BadReportsAreRefusedAndStoreNothing) {
  const auto room = room_of(world_.alice, "Skills group");
  const auto mine = say(world_.alice, room, "my own words");
  const auto bobs = say(world_.bob, room, "bob's words");
  auto& reports = world_.reports();
  const auto alice = caller_of(world_.alice);
  auto code = [](const auto& result) { return result ? Errc::internal : result.error().code; };
  EXPECT_EQ(code(reports.report(alice, room, bobs.id, "rude", "")), Errc::invalid_argument);
  EXPECT_EQ(reports.report(alice, room, bobs.id, "rude", "").error().field, "reason");
  EXPECT_EQ(code(reports.report(alice, room, bobs.id, "spam", std::string(501, 'x'))),
            Errc::invalid_argument);
  EXPECT_EQ(code(reports.report(alice, room, bobs.id, "spam", "a\x01")), Errc::invalid_argument);
  EXPECT_EQ(code(reports.report(alice, room, mine.id, "spam", "")), Errc::invalid_argument)
      << "not one's own message";
  EXPECT_EQ(code(reports.report(alice, room, "not an id", "spam", "")), Errc::not_found);
  EXPECT_EQ(code(reports.report(alice, room, new_id(), "spam", "")), Errc::not_found);
  EXPECT_EQ(code(reports.report(caller_of(world_.carol), room, bobs.id, "spam", "")),
            Errc::not_found)
      << "not a member of the room";
  ASSERT_TRUE(world_.chat().remove(caller_of(world_.bob), room, bobs.id));
  EXPECT_EQ(code(reports.report(alice, room, bobs.id, "spam", "")), Errc::invalid_argument)
      << "a deleted message";
  EXPECT_TRUE(reports.reports(caller_of(world_.clinician), false)->empty());
}

TEST_F(ReportServiceTest, HidingSettlesEveryOpenReportOfTheMessageOnceAndIsAuditedWithCodesOnly) {
  const auto room = room_of(world_.alice, "Skills group");
  const auto graphic = say(world_.bob, room, "graphic details of my last use");
  auto& reports = world_.reports();
  const auto by_alice =
      *reports.report(caller_of(world_.alice), room, graphic.id, "triggering", "too much");
  const auto by_facilitator =
      *reports.report(caller_of(world_.facilitator), room, graphic.id, "triggering", "");
  const auto clinician = caller_of(world_.clinician);
  const auto id = by_alice.report.record.id;

  EXPECT_EQ(reports.decide(clinician, id, "ban", "", "").error().field, "decision");
  EXPECT_EQ(reports.decide(clinician, id, "hide", "rude", "").error().field, "reason");
  EXPECT_EQ(
      reports.decide(caller_of(world_.facilitator), id, "hide", "triggering", "").error().code,
      Errc::not_found)
      << "facilitators moderate the room but review no reports";
  ASSERT_EQ(reports.reports(clinician, true)->size(), 2u) << "nothing changed so far";

  const auto decided = reports.decide(clinician, id, "hide", "triggering", "relapse detail");
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_TRUE(decided->changed);
  ASSERT_TRUE(decided->hidden);
  EXPECT_EQ(decided->hidden->hidden_reason, "triggering");
  EXPECT_GT(decided->hidden->change_seq, 0);
  EXPECT_EQ(decided->report.record.decision, "hidden");
  EXPECT_EQ(decided->report.decided_by_name, "Cleo");
  EXPECT_TRUE(reports.reports(clinician, true)->empty()) << "both reports are settled";
  const auto seen = world_.chat().history(caller_of(world_.alice), room, 0, 10);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->front().text, "") << "hidden from the room";

  const auto later = reports.decide(clinician, by_facilitator.report.record.id, "dismiss", "", "");
  ASSERT_TRUE(later);
  EXPECT_FALSE(later->changed);
  EXPECT_EQ(later->report.record.decision, "hidden") << "the first decision stands";

  std::vector<std::string> details;
  for (const auto& entry : audit()) {
    if (entry.action == "chat.message_reported" || entry.action == "chat.report_decided" ||
        entry.action == "chat.message_hidden") {
      details.push_back(entry.action + ":" + entry.detail);
    }
    EXPECT_EQ(entry.detail.find("graphic"), std::string::npos);
    EXPECT_EQ(entry.detail.find("too much"), std::string::npos);
    EXPECT_EQ(entry.detail.find("relapse"), std::string::npos);
  }
  std::ranges::sort(details);
  EXPECT_EQ(details, (std::vector<std::string>{
                         "chat.message_hidden:triggering", "chat.message_reported:triggering",
                         "chat.message_reported:triggering", "chat.report_decided:hidden"}));
}

TEST_F(ReportServiceTest, ADeletedMessagesReportCanOnlyBeDismissed) {
  const auto room = room_of(world_.alice, "Skills group");
  const auto said = say(world_.bob, room, "something unkind");
  auto& reports = world_.reports();
  const auto made = *reports.report(caller_of(world_.alice), room, said.id, "disrespectful", "");
  ASSERT_TRUE(world_.chat().remove(caller_of(world_.bob), room, said.id));
  const auto clinician = caller_of(world_.clinician);
  EXPECT_EQ(reports.decide(clinician, made.report.record.id, "hide", "other", "").error().code,
            Errc::invalid_argument);
  const auto dismissed = reports.decide(clinician, made.report.record.id, "dismiss", "", "");
  ASSERT_TRUE(dismissed);
  EXPECT_FALSE(dismissed->hidden);
  EXPECT_EQ(dismissed->report.record.decision, "dismissed");
}

}  // namespace
}  // namespace hearth::chat
