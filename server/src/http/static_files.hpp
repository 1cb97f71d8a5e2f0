// StaticFiles: the built web app (web/dist), read into memory once at start-up and served from
// there.
//
// Loading walks the root without following directory links; a file that is a symbolic link is
// kept only if its target lies inside the root, and dot-files are never served. A lookup decodes
// the request path segment by segment and refuses "..", ".", encoded separators and NUL before
// anything is looked up, so no request can name a file outside the set loaded here. Paths without
// a file extension that match no file get index.html (client-side routes); directories are never
// listed. Files under assets/ carry content hashes in their names (Vite) and are marked immutable.
// After load() the object is read-only, but for the gzip forms that precompress() adds, and safe
// to share between threads.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.hpp"

namespace hearth::http {

struct StaticFile {
  std::shared_ptr<const std::string> body;
  std::string content_type;
  std::string cache_control;
  std::string etag;  // strong validator: a hash of the content, quoted

  // The gzip form once StaticFiles::precompress() has made it; null before that, and for a file
  // that compression does not apply to or that gzip does not make smaller.
  std::shared_ptr<const std::string> gzipped() const {
    return gzip_form->load(std::memory_order_acquire);
  }
  std::unique_ptr<std::atomic<std::shared_ptr<const std::string>>> gzip_form =
      std::make_unique<std::atomic<std::shared_ptr<const std::string>>>();
};

class StaticFiles {
 public:
  enum class Outcome { found, not_found, refused };
  struct Lookup {
    Outcome outcome = Outcome::not_found;
    const StaticFile* file = nullptr;
  };

  // Errc::unavailable if root is not a readable directory or holds more than max_total_bytes.
  static Result<StaticFiles> load(const std::filesystem::path& root,
                                  std::size_t max_total_bytes = 64 * 1024 * 1024);

  Lookup lookup(std::string_view raw_path) const;

  // Makes the gzip form of every file that compression applies to (http/compression.hpp), one
  // after another: for a background thread at start-up, as the app's script alone takes tens of
  // milliseconds and its source map about a tenth of a second. Until a file's form is made it
  // goes out uncompressed. Safe while lookups run; calling it again changes nothing.
  void precompress() const;
  std::size_t file_count() const { return files_.size(); }

 private:
  std::unordered_map<std::string, StaticFile> files_;  // key: relative path, '/'-separated
};

std::string_view content_type_for(std::string_view file_name);

}  // namespace hearth::http
