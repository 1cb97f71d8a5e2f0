#include "domain/chat/chat_files.hpp"

#include <fmt/format.h>

#include "base/ids.hpp"
#include "domain/chat/image_metadata.hpp"
#include "domain/chat/room_access.hpp"

namespace hearth::chat {
namespace {

Error no_such_file() {
  return Error::of(Errc::not_found, "no such file");
}

// The length of the UTF-8 sequence starting at text[at], or 0 if it is not a valid one
// (overlong forms, surrogates and code points past U+10FFFF included).
std::size_t utf8_sequence(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 0;
  std::uint32_t code = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (at + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(at + i) & 0x3F);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  if (overlong || surrogate || code > 0x10FFFF) return 0;
  return length;
}

}  // namespace

std::string_view file_name_problem(std::string_view name) {
  if (name.empty()) return "a file needs a name";
  std::size_t characters = 0;
  for (std::size_t at = 0; at < name.size();) {
    const std::size_t length = utf8_sequence(name, at);
    if (length == 0) return "a file's name must be UTF-8";
    const auto byte = static_cast<unsigned char>(name[at]);
    if (length == 1 && (byte < 0x20 || byte == 0x7f)) {
      return "a file's name may not hold control characters";
    }
    at += length;
    ++characters;
  }
  if (characters > kMaxFileNameCharacters) return "a file's name may be at most 200 characters";
  return "";
}

Result<store::ChatFileRef> ChatFiles::upload(const identity::Caller& caller,
                                             std::string_view room_id,
                                             std::string_view claimed_type, std::string_view name,
                                             std::string_view bytes) {
  if (!is_allowed_file_type(claimed_type)) {
    return Error::of(Errc::unsupported_media_type,
                     "only PNG, JPEG, GIF and WebP images and PDFs can be shared");
  }
  if (const auto problem = file_name_problem(name); !problem.empty()) {
    return Error::of(Errc::invalid_argument, std::string(problem), "name");
  }
  if (bytes.empty()) return Error::of(Errc::invalid_argument, "the file is empty", "content");
  if (bytes.size() > max_bytes_) {
    return Error::of(Errc::payload_too_large,
                     fmt::format("a file may be at most {} bytes", max_bytes_));
  }
  if (!is_valid_id(room_id)) return no_such_room();
  // Read before the transaction: libmagic takes a moment, and holds no database lock.
  const std::string found = types_.type_of(bytes);
  if (found != claimed_type) {
    // Never the bytes nor the name: only what it was said to be.
    return Error::of(Errc::invalid_argument,
                     fmt::format("the file's content is not {} as its type says", claimed_type),
                     "content");
  }
  // Stored without what the image says besides its picture: a photo's place, time and device.
  HEARTH_TRY_ASSIGN(const std::string content, without_metadata(bytes, found));
  const std::int64_t now_ms = clock_.now_ms();
  store::ChatFileRecord file{.id = new_id(),
                             .room_id = std::string(room_id),
                             .uploader_id = caller.user_id,
                             .message_id = "",
                             .name = std::string(name),
                             .type = found,
                             .size = static_cast<std::int64_t>(content.size()),
                             .created_at_ms = now_ms};
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(auto room, usable_room(tx, caller, room_id));
        HEARTH_TRY(must_not_be_muted(tx, caller, room, now_ms));
        return tx.insert_chat_file(file, content);
      }));
  return store::ChatFileRef{file.id, file.name, file.type, file.size};
}

Result<DownloadedFile> ChatFiles::download(const identity::Caller& caller,
                                           std::string_view file_id) {
  if (!is_valid_id(file_id)) return no_such_file();
  DownloadedFile found;
  HEARTH_TRY(store_.transact(store::Access::read_only, [&](store::Transaction& tx) -> Result<void> {
    HEARTH_TRY_ASSIGN(auto file, tx.find_chat_file(file_id));
    if (!file) return no_such_file();
    auto room = usable_room(tx, caller, file->room_id);
    if (!room) return room.error().code == Errc::not_found ? no_such_file() : room.error();
    if (file->message_id.empty()) {
      if (file->uploader_id != caller.user_id) return no_such_file();
    } else {
      HEARTH_TRY_ASSIGN(auto message, tx.find_chat_message(file->message_id));
      if (!message) return no_such_file();
      const bool deleted = message->deleted_at_ms != 0;
      const bool hidden = message->hidden_at_ms != 0;
      if (deleted || hidden) {
        HEARTH_TRY_ASSIGN(bool moderates, may_moderate(tx, caller, *room));
        const bool author_of_hidden = hidden && !deleted && message->author_id == caller.user_id;
        if (!moderates && !author_of_hidden) return no_such_file();
      }
    }
    HEARTH_TRY_ASSIGN(found.content, tx.chat_file_content(file_id));
    found.file = std::move(*file);
    return ok();
  }));
  return found;
}

Result<std::int64_t> ChatFiles::delete_unsent() {
  const std::int64_t before_ms = clock_.now_ms() - kUnsentFileLifetimeMs;
  std::int64_t deleted = 0;
  HEARTH_TRY(
      store_.transact(store::Access::bookkeeping, [&](store::Transaction& tx) -> Result<void> {
        HEARTH_TRY_ASSIGN(deleted, tx.delete_unsent_chat_files(before_ms));
        return ok();
      }));
  return deleted;
}

}  // namespace hearth::chat
