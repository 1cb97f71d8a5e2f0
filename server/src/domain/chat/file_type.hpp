// What a chat file really is, read from its bytes by libmagic (Debian libmagic-dev), never from
// its name or the type its sender claims. Only types a browser shows without running anything are
// taken: PNG, JPEG, GIF and WebP images, and PDF (offered for download). HTML, SVG and the rest
// never are, whatever they are called.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace hearth::chat {

inline constexpr std::array<std::string_view, 5> kFileTypes = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"};

inline bool is_allowed_file_type(std::string_view type) {
  for (const auto allowed : kFileTypes) {
    if (allowed == type) return true;
  }
  return false;
}

inline bool is_image_type(std::string_view type) {
  return type.starts_with("image/");
}

// One libmagic handle with the system's compiled magic database, loaded once (it takes some
// milliseconds); asked under a mutex, since a handle is not safe to share between threads.
class FileTypeReader {
 public:
  FileTypeReader();
  ~FileTypeReader();
  FileTypeReader(const FileTypeReader&) = delete;
  FileTypeReader& operator=(const FileTypeReader&) = delete;

  // The MIME type of `bytes` ("image/png", "text/html", …), or "" if libmagic could not tell.
  std::string type_of(std::string_view bytes) const;

 private:
  struct Handle;
  std::unique_ptr<Handle> handle_;
  mutable std::mutex mutex_;
};

}  // namespace hearth::chat
