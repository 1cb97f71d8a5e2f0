// Chat files (docs/api.md, "Chat files").
#include "http/handlers/chat_file_handlers.hpp"

#include <cctype>
#include <string>

#include "http/handlers/schedule_handlers.hpp"

namespace hearth::http {
namespace {

using boost::asio::awaitable;

constexpr std::string_view kUploadPrefix = "/api/v1/chat/rooms/";
constexpr std::string_view kUploadSuffix = "/files";

// The claimed type without parameters, lower-cased ("image/png; x=y" → "image/png").
std::string claimed_type_of(const Request& request) {
  std::string type(request.header("content-type").value_or(""));
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// RFC 6266 and RFC 8187: an ASCII fallback name (anything else becomes '_', and no quote or
// backslash can end it early) and the full name percent-encoded as UTF-8.
std::string content_disposition(std::string_view disposition, std::string_view name) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string fallback;
  std::string encoded;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = byte >= 0x20 && byte < 0x7f && c != '"' && c != '\\';
    fallback += plain ? c : '_';
    if (std::isalnum(byte) != 0 || std::string_view("-._~").find(c) != std::string_view::npos) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kDigits[byte >> 4];
      encoded += kDigits[byte & 0x0f];
    }
  }
  return std::string(disposition) + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

nlohmann::json file_json(const store::ChatFileRef& f) {
  return {{"id", f.id}, {"name", f.name}, {"type", f.type}, {"size", f.size}};
}

}  // namespace

bool is_chat_file_upload(Method method, std::string_view target) {
  if (method != Method::post) return false;
  const auto path = target.substr(0, target.find('?'));
  return path.starts_with(kUploadPrefix) && path.ends_with(kUploadSuffix) &&
         path.size() > kUploadPrefix.size() + kUploadSuffix.size();
}

void add_chat_file_routes(Router& router, const ChatFileDeps& deps) {
  router.add(Method::post, "/api/v1/chat/rooms/{id}/files", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               // The name travels in a header, never in the address: it may say something
               // personal, and addresses reach logs.
               const auto raw_name = ctx.request.header("x-file-name");
               const auto name = decode_path_segment(raw_name.value_or(""));
               if (!raw_name || !name) {
                 co_return error_response(
                     Error::of(Errc::invalid_argument,
                               "X-File-Name must hold the file's name, percent-encoded", "name"));
               }
               const std::string type = claimed_type_of(ctx.request);
               co_return co_await answer_json(
                   d.blocking,
                   [&] {
                     return d.files.upload(*ctx.caller, ctx.param("id"), type, *name,
                                           ctx.request.body);
                   },
                   [](const store::ChatFileRef& file) {
                     return nlohmann::json{{"file", file_json(file)}};
                   },
                   201);
             });
  router.add(Method::get, "/api/v1/chat/files/{id}", Access::signed_in,
             [d = deps](RouteContext& ctx) -> awaitable<Response> {
               auto found = co_await d.blocking.run(
                   [&] { return d.files.download(*ctx.caller, ctx.param("id")); });
               if (!found) co_return error_response(found.error());
               Response response;
               response.status = 200;
               response.body = std::move(found->content);
               // The type read from the content when it was stored, never one the uploader said;
               // images are shown in the page, anything else only ever downloaded.
               const auto& file = found->file;
               response.set_header("Content-Type", file.type);
               response.set_header(
                   "Content-Disposition",
                   content_disposition(chat::is_image_type(file.type) ? "inline" : "attachment",
                                       file.name));
               // On top of the site's policy: nothing in the file may run or load anything.
               response.set_header("Content-Security-Policy", "default-src 'none'; sandbox");
               co_return response;
             });
}

}  // namespace hearth::http
