// ChatFiles: images and PDFs shared in chat rooms (docs/api.md, "Chat files").
//
// A file is uploaded to a room first, by someone who may post there, and waits until a message
// sends it (ChatService::post with file_ids); one not sent within kUnsentFileLifetime is deleted.
// Its type is read from its bytes (FileTypeReader), and must be the type its sender claimed and
// one of kFileTypes: a file whose content is something else is refused whole, never stored.
// The bytes live in the database, never under the web root.
//
// Who reads a file: whoever may read its message as it is now. A file not yet sent, its uploader
// only; a deleted message's files, the room's moderators; a hidden message's, its author and the
// moderators. Anyone else gets not_found, as for a file that does not exist.
//
// Every method blocks on the store: run them through BlockingPool. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/chat/file_type.hpp"
#include "domain/identity/identity.hpp"
#include "store/store.hpp"

namespace hearth::chat {

inline constexpr std::size_t kMaxFileNameCharacters = 200;
inline constexpr std::size_t kDefaultMaxFileBytes = 10 * 1024 * 1024;
inline constexpr std::int64_t kUnsentFileLifetimeMs = 24 * 60 * 60 * 1000;

// Why `name` cannot be a file's name ("" if it can): empty, longer than kMaxFileNameCharacters,
// not UTF-8, or holding a control character.
std::string_view file_name_problem(std::string_view name);

struct DownloadedFile {
  store::ChatFileRecord file;
  std::string content;
};

class ChatFiles {
 public:
  // `types` must outlive the service. Files over `max_bytes` are refused (payload_too_large).
  ChatFiles(store::Store& store, const Clock& clock, const FileTypeReader& types,
            std::size_t max_bytes = kDefaultMaxFileBytes)
      : store_(store), clock_(clock), types_(types), max_bytes_(max_bytes) {}

  // Stores a file in the room for the caller to send. not_found for a room they may not use;
  // muted while muted there; unsupported_media_type for a claimed type not in kFileTypes;
  // invalid_argument for a bad name (field "name"), an empty file or content of another type
  // than claimed (field "content"); payload_too_large over the limit.
  Result<store::ChatFileRef> upload(const identity::Caller& caller, std::string_view room_id,
                                    std::string_view claimed_type, std::string_view name,
                                    std::string_view bytes);
  // A file with its bytes, for whoever may read its message (above); not_found otherwise.
  Result<DownloadedFile> download(const identity::Caller& caller, std::string_view file_id);
  // Deletes the files never sent that were uploaded more than kUnsentFileLifetimeMs ago; how many.
  Result<std::int64_t> delete_unsent();

  std::size_t max_bytes() const { return max_bytes_; }

 private:
  store::Store& store_;
  const Clock& clock_;
  const FileTypeReader& types_;
  std::size_t max_bytes_;
};

}  // namespace hearth::chat
