#include "http/static_files.hpp"

#include <sodium.h>

#include <fstream>
#include <iterator>
#include <system_error>

#include "http/compression.hpp"
#include "http/router.hpp"

namespace hearth::http {
namespace fs = std::filesystem;
namespace {

bool inside(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin();
  auto c = candidate.begin();
  for (; r != root.end(); ++r, ++c) {
    if (c == candidate.end() || *r != *c) return false;
  }
  return true;
}

std::string hash_etag(const std::string& content) {
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return "\"" + std::string(hex) + "\"";
}

bool has_hidden_part(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.native().starts_with('.')) return true;
  }
  return false;
}

}  // namespace

std::string_view content_type_for(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

Result<StaticFiles> StaticFiles::load(const fs::path& root, std::size_t max_total_bytes) {
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical_root, ec)) {
    return Error::of(Errc::unavailable, "the static folder does not exist: " + root.string());
  }
  StaticFiles out;
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(canonical_root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(canonical_root);
    if (has_hidden_part(relative)) continue;
    // Links are resolved and must stay inside the root; this is where a link out is dropped.
    const fs::path target = fs::canonical(it->path(), ec);
    if (ec) {
      ec.clear();
      continue;
    }
    if (!inside(canonical_root, target) || !fs::is_regular_file(target, ec)) continue;
    std::ifstream in(target, std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) continue;
    total += content.size();
    if (total > max_total_bytes) {
      return Error::of(Errc::unavailable, "the static folder is larger than the configured limit");
    }
    const std::string key = relative.generic_string();
    StaticFile file;
    file.content_type = std::string(content_type_for(key));
    file.cache_control =
        key.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    file.etag = hash_etag(content);
    file.body = std::make_shared<const std::string>(std::move(content));
    out.files_.emplace(key, std::move(file));
  }
  if (ec) return Error::of(Errc::unavailable, "the static folder could not be read");
  return out;
}

void StaticFiles::precompress() const {
  for (const auto& [path, file] : files_) {
    if (file.gzipped() || !Compression::applies_to(file.content_type, file.body->size())) continue;
    auto packed = gzip(*file.body);
    if (packed && packed->size() < file.body->size()) {
      file.gzip_form->store(std::make_shared<const std::string>(std::move(*packed)),
                            std::memory_order_release);
    }
  }
}

StaticFiles::Lookup StaticFiles::lookup(std::string_view raw_path) const {
  auto segments = split_path(raw_path);
  if (!segments) return {Outcome::refused, nullptr};
  std::string key;
  for (std::size_t i = 0; i < segments->size(); ++i) {
    const std::string& s = (*segments)[i];
    const bool last = i + 1 == segments->size();
    if (s == "." || s == "..") return {Outcome::refused, nullptr};
    if (s.empty() && !last) return {Outcome::refused, nullptr};  // "//" inside a path
    if (!key.empty() && !s.empty()) key += '/';
    key += s;
  }
  const bool names_directory = segments->back().empty();
  if (key.empty())
    key = "index.html";  // "/"
  else if (names_directory)
    return {Outcome::not_found, nullptr};  // never list a directory

  if (auto it = files_.find(key); it != files_.end()) return {Outcome::found, &it->second};
  // A path without an extension is a client-side route of the single-page app.
  const std::string& last = segments->back();
  if (last.find('.') == std::string::npos) {
    if (auto it = files_.find("index.html"); it != files_.end()) {
      return {Outcome::found, &it->second};
    }
  }
  return {Outcome::not_found, nullptr};
}

}  // namespace hearth::http
