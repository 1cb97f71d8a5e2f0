#include "domain/chat/file_type.hpp"

#include <magic.h>

#include <stdexcept>

namespace hearth::chat {

struct FileTypeReader::Handle {
  magic_t cookie = nullptr;
};

FileTypeReader::FileTypeReader() : handle_(std::make_unique<Handle>()) {
  // MAGIC_NO_CHECK_COMPRESS: never look inside compressed data (a decompression bomb is not a
  // file type). MAGIC_ERROR: a read problem is an error, not a guess.
  handle_->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS);
  if (handle_->cookie == nullptr || magic_load(handle_->cookie, nullptr) != 0) {
    if (handle_->cookie != nullptr) magic_close(handle_->cookie);
    throw std::runtime_error(
        "libmagic could not load its database (Debian libmagic-mgc): scripts/setup.sh installs it");
  }
}

FileTypeReader::~FileTypeReader() {
  if (handle_ && handle_->cookie != nullptr) magic_close(handle_->cookie);
}

std::string FileTypeReader::type_of(std::string_view bytes) const {
  std::lock_guard lock(mutex_);
  const char* type = magic_buffer(handle_->cookie, bytes.data(), bytes.size());
  return type == nullptr ? std::string() : std::string(type);
}

}  // namespace hearth::chat
