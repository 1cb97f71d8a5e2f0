// The safety net's HTTP side against the running server, on SQLite and on PostgreSQL
// (docs/api.md, "Safety net"): clinicians list and acknowledge the alerts a crisis message raises,
// every clinician's open tab hears the acknowledgement, and a program's own crisis resources reach
// the author in place of the default ones. Who may not do these gets 403 or 404, and bad input
// changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya
constexpr std::string_view kCrisisText = "I don't want to be here anymore. goodbye everyone";

bool has_type(const nlohmann::json& frame, std::string_view type) {
  return frame.value("type", "") == type;
}

class SafetyNet : public DemoSiteTest {
 protected:
  std::string program_id() {
    const Reply programs = Browser(port()).get("/api/v1/programs");
    EXPECT_EQ(programs.status(), 200) << programs.describe();
    return programs.json["programs"][0]["id"].get<std::string>();
  }

  // Avery writes `text` in the Mood & Anxiety room and gets it acknowledged.
  static void post(Socket& avery_tab, std::string_view text, std::string_view client_id) {
    const auto room = avery_tab.room_named(kMoodGroup);
    avery_tab.send({{"type", "message.send"},
                    {"id", client_id},
                    {"room_id", room},
                    {"client_message_id", client_id},
                    {"text", text}});
    const auto answer = avery_tab.answer_to(client_id);
    ASSERT_EQ(answer.value("type", ""), "ack") << answer.dump();
  }
};

TEST_P(SafetyNet, AClinicianAcknowledgesAnAlertOnceForTheWholeCareTeam) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser priya = signed_in(demo::kPriya);
  const Browser sam = signed_in(demo::kSam);
  Socket avery_tab(avery);
  Socket sam_tab(sam);
  sam_tab.list_rooms();
  post(avery_tab, kCrisisText, "crisis-1");
  sam_tab.until([](const nlohmann::json& f) { return has_type(f, "safety_alert_raised"); });

  const Reply open = priya.get("/api/v1/safety-alerts");
  ASSERT_EQ(open.status(), 200) << open.describe();
  ASSERT_EQ(open.json["alerts"].size(), 1U) << open.describe();
  const auto alert = open.json["alerts"][0];
  EXPECT_EQ(alert["participant_id"], avery.user_id());
  EXPECT_EQ(alert["room_name"], kMoodGroup);
  EXPECT_EQ(alert["acknowledged"], false);
  EXPECT_EQ(open.http.body.find("goodbye"), std::string::npos)
      << "the list carries no message text";
  const std::string path = "/api/v1/safety-alerts/" + alert["id"].get<std::string>();

  // Neither the participant nor the peer specialist may touch it.
  for (const auto& email : {demo::kAvery, demo::kJordan}) {
    const Browser other = signed_in(email);
    EXPECT_EQ(other.get("/api/v1/safety-alerts").status(), 403) << email;
    EXPECT_EQ(other.post(path + "/acknowledge").status(), 403) << email;
  }
  EXPECT_EQ(priya.post("/api/v1/safety-alerts/no-such-alert/acknowledge").status(), 404);
  EXPECT_EQ(priya.get("/api/v1/safety-alerts?status=closed").status(), 422);

  const Reply acknowledged = priya.post(path + "/acknowledge");
  ASSERT_EQ(acknowledged.status(), 200) << acknowledged.describe();
  EXPECT_EQ(acknowledged.json["alert"]["acknowledged"], true);
  EXPECT_EQ(acknowledged.json["alert"]["acknowledged_by"], priya.user_id());
  const auto heard = sam_tab.until(
      [](const nlohmann::json& f) { return has_type(f, "safety_alert_acknowledged"); });
  EXPECT_EQ(heard["alert_id"], alert["id"]);
  EXPECT_EQ(heard["acknowledged_by"], priya.user_id());

  // A second acknowledgement, by Sam, answers with Priya's: the first one stands.
  const Reply again = sam.post(path + "/acknowledge");
  ASSERT_EQ(again.status(), 200) << again.describe();
  EXPECT_EQ(again.json["alert"]["acknowledged_by"], priya.user_id());

  const Reply still_open = sam.get("/api/v1/safety-alerts?status=open");
  ASSERT_EQ(still_open.status(), 200) << still_open.describe();
  EXPECT_TRUE(still_open.json["alerts"].empty()) << still_open.describe();
  const Reply all = sam.get("/api/v1/safety-alerts?status=all");
  ASSERT_EQ(all.json["alerts"].size(), 1U) << all.describe();
  EXPECT_EQ(all.json["alerts"][0]["acknowledged_by_name"],
            acknowledged.json["alert"]["acknowledged_by_name"]);
}

// A clinician of no program of the participant's is not their care team: the alert is not in
// their list and acknowledging it answers as if it did not exist.
TEST_P(SafetyNet, AClinicianOutsideTheProgramNeitherSeesNorAcknowledgesItsAlerts) {
  const Browser admin = signed_in(demo::kAdmin);
  const Reply sent = admin.post(
      "/api/v1/invites", {{"email", "elsewhere@riverbend.example"}, {"roles", {"clinician"}}});
  ASSERT_EQ(sent.status(), 201) << sent.describe();
  Browser elsewhere(port());
  const Reply joined = elsewhere.accept_invite(link_token(sent.json.value("link", "")));
  ASSERT_EQ(joined.status(), 200) << joined.describe();

  const Browser avery = signed_in(demo::kAvery);
  Socket avery_tab(avery);
  post(avery_tab, kCrisisText, "crisis-outside");
  const Reply open = signed_in(demo::kPriya).get("/api/v1/safety-alerts");
  ASSERT_EQ(open.json["alerts"].size(), 1U) << open.describe();
  const std::string path =
      "/api/v1/safety-alerts/" + open.json["alerts"][0]["id"].get<std::string>();

  const Reply listed = elsewhere.get("/api/v1/safety-alerts?status=all");
  ASSERT_EQ(listed.status(), 200) << listed.describe();
  EXPECT_TRUE(listed.json["alerts"].empty()) << listed.describe();
  const Reply refused = elsewhere.post(path + "/acknowledge");
  EXPECT_EQ(refused.status(), 404) << refused.describe();
  const Reply still = signed_in(demo::kPriya).get("/api/v1/safety-alerts");
  ASSERT_EQ(still.json["alerts"].size(), 1U) << still.describe();
  EXPECT_EQ(still.json["alerts"][0]["acknowledged"], false);
}

TEST_P(SafetyNet, AProgramsOwnCrisisResourcesReachTheAuthorInsteadOfTheDefault) {
  const std::string resources_path = "/api/v1/programs/" + program_id() + "/crisis-resources";
  const Browser admin = signed_in(demo::kAdmin);
  const Browser avery = signed_in(demo::kAvery);

  const Reply before = avery.get(resources_path);
  ASSERT_EQ(before.status(), 200) << before.describe();
  EXPECT_EQ(before.json["own"], false);
  EXPECT_EQ(before.json["resources"][0]["contact"], "Call or text 988, any time");

  const nlohmann::json own = {{"resources",
                               {{{"name", "Riverbend after-hours line"},
                                 {"contact", "Call 555-0100, any time"},
                                 {"url", "https://riverbend.example/help"}},
                                {{"name", "988 Suicide & Crisis Lifeline"},
                                 {"contact", "Call or text 988"},
                                 {"url", ""}}}}};
  EXPECT_EQ(avery.put(resources_path, own).status(), 403) << "only an admin sets them";
  EXPECT_EQ(signed_in(demo::kRobin).get(resources_path).status(), 404) << "not in the program";

  const Reply set = admin.put(resources_path, own);
  ASSERT_EQ(set.status(), 200) << set.describe();
  EXPECT_EQ(set.json["own"], true);
  ASSERT_EQ(set.json["resources"].size(), 2U);

  // Bad lists are refused whole and leave the program's list as it was.
  nlohmann::json eleven = {{"resources", nlohmann::json::array()}};
  for (int i = 0; i < 11; ++i) {
    eleven["resources"].push_back({{"name", "Line " + std::to_string(i)}, {"contact", "Call"}});
  }
  const nlohmann::json bad_bodies[] = {
      {{"resources", {{{"name", "Line"}, {"contact", "Call"}, {"url", "javascript:alert(1)"}}}}},
      {{"resources", {{{"contact", "Call"}}}}},
      {{"resources", {{{"name", "Line"}, {"contact", "Call\nnow"}}}}},
      {{"resources", "988"}},
      eleven,
  };
  for (const auto& body : bad_bodies) {
    const Reply refused = admin.put(resources_path, body);
    EXPECT_EQ(refused.status(), 422) << body.dump() << " " << refused.describe();
  }
  const Reply after = avery.get(resources_path);
  EXPECT_EQ(after.json["resources"], set.json["resources"]) << after.describe();

  Socket avery_tab(avery);
  post(avery_tab, kCrisisText, "crisis-1");
  const auto shown = avery_tab.until(
      [](const nlohmann::json& f) { return has_type(f, "crisis_resources_offered"); });
  ASSERT_EQ(shown["resources"].size(), 2U) << shown.dump();
  EXPECT_EQ(shown["resources"][0]["name"], "Riverbend after-hours line");

  // An empty list returns the program to the default resources.
  const Reply cleared = admin.put(resources_path, {{"resources", nlohmann::json::array()}});
  ASSERT_EQ(cleared.status(), 200) << cleared.describe();
  EXPECT_EQ(cleared.json["own"], false);
  EXPECT_EQ(cleared.json["resources"][0]["contact"], "Call or text 988, any time");
}

// A deployment's own phrase list replaces the built-in one.
class SafetyNetOwnPhrases : public SafetyNet {
 protected:
  std::vector<std::string> server_args() const override {
    write_file(phrases_.path() / "phrases.txt",
               "# Riverbend's list\nfarewell: signing off for good\n\nself_harm: hurt myself\n");
    return {"--crisis-phrases", (phrases_.path() / "phrases.txt").string()};
  }

 private:
  TempDir phrases_;
};

TEST_P(SafetyNetOwnPhrases, APhraseFromTheFileRaisesAnAlertAndTheBuiltInOnesNoLonger) {
  Socket avery_tab(signed_in(demo::kAvery));
  Socket priya_tab(signed_in(demo::kPriya));
  priya_tab.list_rooms();
  post(avery_tab, "I want to die", "built-in");
  post(avery_tab, "I think I am signing off for good", "own");
  const auto alert =
      priya_tab.until([](const nlohmann::json& f) { return has_type(f, "safety_alert_raised"); });
  EXPECT_EQ(alert["alert"]["category"], "farewell");
  const Reply listed = signed_in(demo::kPriya).get("/api/v1/safety-alerts");
  ASSERT_EQ(listed.status(), 200) << listed.describe();
  EXPECT_EQ(listed.json["alerts"].size(), 1U) << "only the file's phrase raised one";
}

INSTANTIATE_TEST_SUITE_P(Realtime, SafetyNet, ::testing::Values(Driver::sqlite, Driver::postgresql),
                         DriverName{});
INSTANTIATE_TEST_SUITE_P(Realtime, SafetyNetOwnPhrases, ::testing::Values(Driver::sqlite),
                         DriverName{});

}  // namespace
}  // namespace hearth::api_test
