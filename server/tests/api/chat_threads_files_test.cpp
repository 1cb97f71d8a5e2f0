// Threads, reactions, mentions and files against the running server, on SQLite and on PostgreSQL
// (docs/protocol/realtime.md, "Threads, reactions and mentions" and "Files"; docs/api.md, "Chat
// files"): what one tab does, the room's other tabs hear; files go up over HTTP, are sent over the
// WebSocket and come back to the room only, with headers that keep a browser from running them.
// Bad input gets its error and changes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "domain/chat/testing/sample_files.hpp"
#include "realtime_fixtures.hpp"

namespace hearth::api_test {
namespace {

constexpr std::string_view kMoodGroup =
    "Mood & Anxiety Group (Evening)";  // Avery, Blake; led by Priya

const std::string& kPng = chat::testing::kSamplePng;
const std::string& kPdf = chat::testing::kSamplePdf;

bool has_type(const nlohmann::json& frame, std::string_view type) {
  return frame.value("type", "") == type;
}

class ChatThreadsAndFiles : public DemoSiteTest {
 protected:
  std::vector<std::string> server_args() const override {
    return {"--chat-file-limit", "4096", "--chat-burst", "100"};
  }
  static nlohmann::json ask(Socket& tab, nlohmann::json request, const std::string& id) {
    request["id"] = id;
    tab.send(request);
    return tab.answer_to(id);
  }
  static nlohmann::json say(Socket& tab, const std::string& room, std::string_view text,
                            const std::string& client_id, nlohmann::json extra = {}) {
    extra["type"] = "message.send";
    extra["room_id"] = room;
    extra["client_message_id"] = client_id;
    extra["text"] = text;
    return ask(tab, extra, client_id);
  }
  // The room's number of messages as Blake reads it, to check that a refusal stored nothing.
  static std::size_t count(Socket& tab, const std::string& room) {
    const auto page = ask(tab, {{"type", "history"}, {"room_id", room}, {"limit", 100}}, "count");
    return page["messages"].size();
  }
};

TEST_P(ChatThreadsAndFiles, RepliesReactionsAndMentionsReachTheRoom) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  const auto room = avery_tab.room_named(kMoodGroup);
  blake_tab.list_rooms();

  const auto root = say(avery_tab, room, "How did the weekend go?", "a-1");
  ASSERT_EQ(root.value("type", ""), "ack") << root.dump();
  const auto root_id = root["message"]["id"].get<std::string>();
  EXPECT_EQ(root["message"]["reactions"], nlohmann::json::array());

  const auto reply =
      say(blake_tab, room, "Better than last one", "b-1", {{"thread_root_id", root_id}});
  ASSERT_EQ(reply.value("type", ""), "ack") << reply.dump();
  EXPECT_EQ(reply["message"]["thread_root_id"], root_id);
  const auto posted = avery_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_posted") && f["message"].value("thread_root_id", "") == root_id;
  });
  const auto counted = avery_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_changed") && f["message"]["id"] == root_id;
  });
  EXPECT_EQ(counted["message"]["reply_count"], 1);
  EXPECT_TRUE(counted["message"].contains("last_reply_at"));
  const auto thread =
      ask(avery_tab, {{"type", "thread.get"}, {"room_id", room}, {"root_id", root_id}}, "t-1");
  ASSERT_EQ(thread.value("type", ""), "ack") << thread.dump();
  ASSERT_EQ(thread["replies"].size(), 1U);
  EXPECT_EQ(thread["replies"][0]["id"], posted["message"]["id"]);

  const auto reacted = ask(
      blake_tab,
      {{"type", "reaction.add"}, {"room_id", room}, {"message_id", root_id}, {"reaction", "hug"}},
      "r-1");
  ASSERT_EQ(reacted.value("type", ""), "ack") << reacted.dump();
  const auto hug = avery_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_changed") && !f["message"]["reactions"].empty();
  });
  EXPECT_EQ(hug["message"]["reactions"][0]["reaction"], "hug");
  EXPECT_THAT(hug["message"]["reactions"][0]["user_ids"].get<std::vector<std::string>>(),
              ::testing::ElementsAre(blake.user_id()));
  const auto odd = ask(blake_tab,
                       {{"type", "reaction.add"},
                        {"room_id", room},
                        {"message_id", root_id},
                        {"reaction", "thumbsdown"}},
                       "r-2");
  EXPECT_EQ(odd.value("code", ""), "invalid_argument") << odd.dump();
  EXPECT_EQ(odd.value("field", ""), "reaction");

  // Naming Blake: the people come from room.people, the name from there too.
  const auto people = ask(avery_tab, {{"type", "room.people"}, {"room_id", room}}, "p-1");
  ASSERT_EQ(people.value("type", ""), "ack") << people.dump();
  std::string blakes_name;
  for (const auto& p : people["people"]) {
    if (p["id"] == blake.user_id()) blakes_name = p["name"];
  }
  ASSERT_FALSE(blakes_name.empty()) << people.dump();
  const auto named = say(avery_tab, room, "Thank you @" + blakes_name + " for sharing", "a-2",
                         {{"mentions", {blake.user_id()}}});
  ASSERT_EQ(named.value("type", ""), "ack") << named.dump();
  const auto told =
      blake_tab.until([](const nlohmann::json& f) { return has_type(f, "mentioned"); });
  EXPECT_EQ(told["room_id"], room);
  EXPECT_EQ(told["message_id"], named["message"]["id"]);
  EXPECT_EQ(told.dump().find("for sharing"), std::string::npos) << "never the text";
  const auto rooms = ask(blake_tab, {{"type", "rooms.list"}}, "l-1");
  for (const auto& r : rooms["rooms"]) {
    if (r["id"] == room) {
      EXPECT_EQ(r["mentions"], 1) << r.dump();
    }
  }

  const std::size_t before = count(blake_tab, room);
  const auto unnamed = say(avery_tab, room, "Thanks all", "a-3", {{"mentions", {blake.user_id()}}});
  EXPECT_EQ(unnamed.value("field", ""), "mentions") << unnamed.dump();
  const auto bad_list = say(avery_tab, room, "Hi", "a-4", {{"mentions", "everyone"}});
  EXPECT_EQ(bad_list.value("field", ""), "mentions") << bad_list.dump();
  const auto nowhere = say(avery_tab, room, "Hi", "a-5", {{"thread_root_id", "no-such-message"}});
  EXPECT_EQ(nowhere.value("field", ""), "thread_root_id") << nowhere.dump();
  EXPECT_EQ(count(blake_tab, room), before) << "nothing stored by the refusals";
}

TEST_P(ChatThreadsAndFiles, AFileGoesUpIsSentAndIsReadByTheRoomOnly) {
  const Browser avery = signed_in(demo::kAvery);
  const Browser blake = signed_in(demo::kBlake);
  const Browser robin = signed_in(demo::kRobin);
  Socket avery_tab(avery);
  Socket blake_tab(blake);
  const auto room = avery_tab.room_named(kMoodGroup);
  blake_tab.list_rooms();
  const std::string upload_path = "/api/v1/chat/rooms/" + room + "/files";

  const Reply image =
      avery.upload(upload_path, "image/png", "my%20calm%20place%20%F0%9F%8C%BB.png", kPng);
  ASSERT_EQ(image.status(), 201) << image.describe();
  EXPECT_EQ(image.json["file"]["name"], "my calm place 🌻.png");
  EXPECT_EQ(image.json["file"]["type"], "image/png");
  const auto image_id = image.json["file"]["id"].get<std::string>();
  const Reply pdf = avery.upload(upload_path, "application/pdf", "worksheet.pdf", kPdf);
  ASSERT_EQ(pdf.status(), 201) << pdf.describe();
  const auto pdf_id = pdf.json["file"]["id"].get<std::string>();
  EXPECT_EQ(blake.get("/api/v1/chat/files/" + image_id).status(), 404) << "not sent yet";

  const auto sent = say(avery_tab, room, "", "a-1", {{"file_ids", {image_id, pdf_id}}});
  ASSERT_EQ(sent.value("type", ""), "ack") << sent.dump();
  ASSERT_EQ(sent["message"]["files"].size(), 2U);
  const auto heard = blake_tab.until([&](const nlohmann::json& f) {
    return has_type(f, "message_posted") && !f["message"]["files"].empty();
  });
  EXPECT_EQ(heard["message"]["files"][0]["id"], image_id);

  const Reply shown = blake.get("/api/v1/chat/files/" + image_id);
  ASSERT_EQ(shown.status(), 200) << shown.describe();
  EXPECT_EQ(shown.http.body, kPng);
  EXPECT_EQ(shown.http.header("content-type"), "image/png");
  EXPECT_THAT(shown.http.header("content-disposition").value_or(""),
              ::testing::StartsWith("inline; "));
  EXPECT_THAT(shown.http.header("content-disposition").value_or(""),
              ::testing::HasSubstr("filename*=UTF-8''my%20calm%20place%20%F0%9F%8C%BB.png"));
  EXPECT_EQ(shown.http.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(shown.http.header("cache-control"), "no-store");
  const Reply document = blake.get("/api/v1/chat/files/" + pdf_id);
  ASSERT_EQ(document.status(), 200) << document.describe();
  EXPECT_THAT(document.http.header("content-disposition").value_or(""),
              ::testing::StartsWith("attachment; "));
  bool sandboxed = false;
  for (const auto& [name, value] : document.http.headers) {
    if (name == "content-security-policy" && value == "default-src 'none'; sandbox")
      sandboxed = true;
  }
  EXPECT_TRUE(sandboxed) << document.describe();
  EXPECT_EQ(robin.get("/api/v1/chat/files/" + pdf_id).status(), 404) << "not Robin's room";
  EXPECT_EQ(Browser(port()).get("/api/v1/chat/files/" + pdf_id).status(), 401);
  EXPECT_EQ(robin.upload(upload_path, "image/png", "a.png", kPng).status(), 404);
}

TEST_P(ChatThreadsAndFiles, BadFilesAreRefusedAndNothingIsStored) {
  const Browser avery = signed_in(demo::kAvery);
  Socket avery_tab(avery);
  const auto room = avery_tab.room_named(kMoodGroup);
  const std::size_t before = count(avery_tab, room);
  const std::string upload_path = "/api/v1/chat/rooms/" + room + "/files";
  const std::string html = "<!DOCTYPE html><html><script>alert(1)</script></html>";

  const Reply lying = avery.upload(upload_path, "image/png", "notes.png", html);
  EXPECT_EQ(lying.status(), 422) << lying.describe();
  EXPECT_EQ(lying.json["error"]["field"], "content");
  EXPECT_EQ(lying.http.body.find("notes"), std::string::npos) << "never the name";
  EXPECT_EQ(avery.upload(upload_path, "text/html", "page.html", html).status(), 415);
  EXPECT_EQ(avery.upload(upload_path, "image/svg+xml", "a.svg", "<svg></svg>").status(), 415);
  EXPECT_EQ(avery.upload(upload_path, "image/png", "", kPng).status(), 422);
  EXPECT_EQ(avery.upload(upload_path, "image/png", "a%0Ab.png", kPng).status(), 422)
      << "a control character in the name";
  EXPECT_EQ(avery.upload(upload_path, "image/png", "%zz.png", kPng).status(), 422);
  const Reply big =
      avery.upload(upload_path, "application/pdf", "big.pdf", kPdf + std::string(5000, ' '));
  EXPECT_EQ(big.status(), 413) << big.describe();
  // Other routes keep their own limit (1 MiB), above this server's file limit.
  Connection c(port());
  (void)c.try_send(make_request("POST", "/api/v1/chat-reports/x/decision",
                                {{"Content-Type", "application/json"}, {"Connection", "close"}},
                                std::string(1024 * 1024 + 1024, ' ')));
  const auto not_upload = c.read_response_or_end();
  ASSERT_TRUE(not_upload.has_value()) << "the connection was closed without a 413 answer";
  EXPECT_EQ(not_upload->status, 413) << not_upload->describe();

  // A file id one never uploaded cannot be sent.
  const auto refused = say(avery_tab, room, "look", "a-1", {{"file_ids", {"no-such-file"}}});
  EXPECT_EQ(refused.value("field", ""), "file_ids") << refused.dump();
  const auto too_many =
      say(avery_tab, room, "look", "a-2", {{"file_ids", {"a", "b", "c", "d", "e"}}});
  EXPECT_EQ(too_many.value("field", ""), "file_ids") << too_many.dump();
  EXPECT_EQ(count(avery_tab, room), before) << "nothing stored";
}

INSTANTIATE_TEST_SUITE_P(Realtime, ChatThreadsAndFiles,
                         ::testing::Values(Driver::sqlite, Driver::postgresql), DriverName{});

}  // namespace
}  // namespace hearth::api_test
