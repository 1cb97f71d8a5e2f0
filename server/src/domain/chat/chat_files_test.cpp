// ChatFiles over a real SQLite store and the system's libmagic database.
#include "domain/chat/chat_files.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/chat/testing/chat_world.hpp"
#include "domain/chat/testing/sample_files.hpp"

namespace hearth::chat {
namespace {

using testing::caller_of;

const std::string& kPng = testing::kSamplePng;
const std::string& kPdf = testing::kSamplePdf;
const std::string kHtml = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
const std::string kSvg =
    "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>"
    "</svg>";

class ChatFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(world_.ok());
    auto rooms = world_.chat().rooms_of(caller_of(world_.alice));
    ASSERT_TRUE(rooms);
    room_ = rooms->front().record.id;  // the Skills group's
  }

  std::int64_t unsent_deleted() {
    auto deleted = files_.delete_unsent();
    EXPECT_TRUE(deleted) << deleted.error().message;
    return deleted ? *deleted : -1;
  }

  testing::ChatWorld world_;
  FileTypeReader types_;
  ChatFiles files_{world_.store(), world_.clock(), types_, 1024};
  std::string room_;
};

TEST_F(ChatFilesTest, TheTypeIsReadFromTheBytes) {
  EXPECT_EQ(types_.type_of(kPng), "image/png");
  EXPECT_EQ(types_.type_of(kPdf), "application/pdf");
  EXPECT_EQ(types_.type_of(kHtml), "text/html");
  EXPECT_EQ(types_.type_of(kSvg), "image/svg+xml");
}

TEST_F(ChatFilesTest, APhotoIsStoredWithoutWhereItWasTaken) {
  const auto uploaded = files_.upload(caller_of(world_.alice), room_, "image/jpeg", "garden.jpg",
                                      testing::kSampleJpegWithMetadata);
  ASSERT_TRUE(uploaded) << uploaded.error().message;
  const auto stored = files_.download(caller_of(world_.alice), uploaded->id);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->content.find(testing::kPhotoPlace), std::string::npos);
  EXPECT_EQ(stored->content.find(testing::kPhotoComment), std::string::npos);
  EXPECT_EQ(uploaded->size, static_cast<std::int64_t>(stored->content.size()))
      << "the size is the stored file's";
  EXPECT_LT(stored->content.size(), testing::kSampleJpegWithMetadata.size());
  EXPECT_EQ(types_.type_of(stored->content), "image/jpeg");
}

TEST_F(ChatFilesTest, AnImageWhoseStructureIsDamagedIsNotStored) {
  const auto damaged = files_.upload(caller_of(world_.alice), room_, "image/jpeg", "cut.jpg",
                                     testing::kSampleJpegWithMetadata.substr(0, 40));
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().code, Errc::invalid_argument);
  EXPECT_EQ(damaged.error().field, "content");
}

TEST_F(ChatFilesTest, AnImageIsStoredSentAndReadByTheRoomOnly) {
  const auto uploaded =
      files_.upload(caller_of(world_.alice), room_, "image/png", "calm place.png", kPng);
  ASSERT_TRUE(uploaded) << uploaded.error().message;
  EXPECT_EQ(uploaded->type, "image/png");
  EXPECT_EQ(uploaded->size, 68);

  // Before it is sent, only its uploader reads it.
  EXPECT_EQ(files_.download(caller_of(world_.alice), uploaded->id)->content, kPng);
  EXPECT_EQ(files_.download(caller_of(world_.bob), uploaded->id).error().code, Errc::not_found);

  auto& chat = world_.chat();
  const MessageExtras with_file{.thread_root_id = "", .mentions = {}, .file_ids = {uploaded->id}};
  EXPECT_EQ(chat.post(caller_of(world_.bob), room_, "b-1", "mine now", with_file).error().field,
            "file_ids")
      << "only its uploader sends it";
  const auto sent = chat.post(caller_of(world_.alice), room_, "a-1", "", with_file);
  ASSERT_TRUE(sent) << sent.error().message;
  ASSERT_EQ(sent->message.files.size(), 1U);
  EXPECT_EQ(sent->message.files[0].name, "calm place.png");
  EXPECT_EQ(chat.message(caller_of(world_.bob), room_, sent->message.id)->files.size(), 1U)
      << "read back with the message";
  EXPECT_EQ(chat.post(caller_of(world_.alice), room_, "a-2", "again", with_file).error().field,
            "file_ids")
      << "a file is sent once";

  const auto read = files_.download(caller_of(world_.bob), uploaded->id);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->content, kPng);
  EXPECT_EQ(read->file.name, "calm place.png");
  EXPECT_EQ(files_.download(caller_of(world_.carol), uploaded->id).error().code, Errc::not_found)
      << "not Carol's room";
  EXPECT_EQ(files_.download(caller_of(world_.outsider), uploaded->id).error().code,
            Errc::not_found);

  // Deleted: the moderators keep it, the room does not.
  ASSERT_TRUE(chat.remove(caller_of(world_.alice), room_, sent->message.id));
  EXPECT_EQ(files_.download(caller_of(world_.bob), uploaded->id).error().code, Errc::not_found);
  EXPECT_EQ(files_.download(caller_of(world_.alice), uploaded->id).error().code, Errc::not_found);
  EXPECT_TRUE(files_.download(caller_of(world_.facilitator), uploaded->id));
}

TEST_F(ChatFilesTest, AHiddenMessagesFilesStayWithItsAuthorAndTheModerators) {
  const auto uploaded =
      files_.upload(caller_of(world_.alice), room_, "application/pdf", "worksheet.pdf", kPdf);
  ASSERT_TRUE(uploaded) << uploaded.error().message;
  const auto sent =
      world_.chat().post(caller_of(world_.alice), room_, "a-1", "my worksheet",
                         {.thread_root_id = "", .mentions = {}, .file_ids = {uploaded->id}});
  ASSERT_TRUE(sent);
  ASSERT_TRUE(world_.chat().hide(caller_of(world_.facilitator), room_, sent->message.id,
                                 "private_information", ""));
  EXPECT_EQ(files_.download(caller_of(world_.bob), uploaded->id).error().code, Errc::not_found);
  EXPECT_TRUE(world_.chat().message(caller_of(world_.bob), room_, sent->message.id)->files.empty())
      << "nor listed to the room";
  EXPECT_TRUE(files_.download(caller_of(world_.alice), uploaded->id));
  EXPECT_TRUE(files_.download(caller_of(world_.facilitator), uploaded->id));
}

TEST_F(ChatFilesTest, BadFilesAreRefusedAndNothingIsStored) {
  const auto alice = caller_of(world_.alice);
  const auto html = files_.upload(alice, room_, "image/png", "notes.png", kHtml);
  ASSERT_FALSE(html);
  EXPECT_EQ(html.error().code, Errc::invalid_argument);
  EXPECT_EQ(html.error().field, "content");
  EXPECT_EQ(html.error().message.find("notes"), std::string::npos) << "never the name";
  EXPECT_EQ(files_.upload(alice, room_, "image/png", "chart.png", kPdf).error().field, "content")
      << "a PDF is not a PNG, whatever it is called";
  EXPECT_EQ(files_.upload(alice, room_, "image/svg+xml", "a.svg", kSvg).error().code,
            Errc::unsupported_media_type);
  EXPECT_EQ(files_.upload(alice, room_, "text/html", "a.html", kHtml).error().code,
            Errc::unsupported_media_type);
  EXPECT_EQ(files_.upload(alice, room_, "image/png", "", kPng).error().field, "name");
  EXPECT_EQ(files_.upload(alice, room_, "image/png", "a\nb.png", kPng).error().field, "name");
  EXPECT_EQ(files_.upload(alice, room_, "image/png", "\xff.png", kPng).error().field, "name");
  EXPECT_EQ(files_.upload(alice, room_, "image/png", std::string(201, 'a'), kPng).error().field,
            "name");
  EXPECT_EQ(files_.upload(alice, room_, "image/png", "empty.png", "").error().field, "content");
  EXPECT_EQ(files_.upload(alice, room_, "application/pdf", "big.pdf", kPdf + std::string(2000, ' '))
                .error()
                .code,
            Errc::payload_too_large);
  EXPECT_EQ(files_.upload(caller_of(world_.carol), room_, "image/png", "a.png", kPng).error().code,
            Errc::not_found);
  ASSERT_TRUE(world_.chat().restrict_member(caller_of(world_.facilitator), room_, world_.bob.id,
                                            "muted", 10, "spam", ""));
  EXPECT_EQ(files_.upload(caller_of(world_.bob), room_, "image/png", "a.png", kPng).error().code,
            Errc::muted);
  EXPECT_EQ(unsent_deleted(), 0) << "nothing was stored";
}

TEST_F(ChatFilesTest, FilesNeverSentAreDeletedADayLater) {
  const auto uploaded = files_.upload(caller_of(world_.alice), room_, "image/png", "a.png", kPng);
  ASSERT_TRUE(uploaded);
  EXPECT_EQ(unsent_deleted(), 0);
  world_.clock().advance(std::chrono::hours(25));
  EXPECT_EQ(unsent_deleted(), 1);
  EXPECT_EQ(files_.download(caller_of(world_.alice), uploaded->id).error().code, Errc::not_found);
}

TEST(FileNames, AreUtf8WithoutControlCharacters) {
  EXPECT_EQ(file_name_problem("Ma séance — notes.pdf"), "");
  EXPECT_EQ(file_name_problem("🌻.png"), "");
  EXPECT_NE(file_name_problem("\xc0\xaf.png"), "") << "an overlong slash";
  EXPECT_NE(file_name_problem("\xed\xa0\x80.png"), "") << "a surrogate";
  EXPECT_NE(file_name_problem("a\x7f.png"), "");
  EXPECT_EQ(file_name_problem(std::string(200, 'a')), "");
}

}  // namespace
}  // namespace hearth::chat
