// The routes of chat files (docs/api.md, "Chat files"): upload an image or PDF to a room, and
// read one back. Thin: decode, call ChatFiles on the BlockingPool, encode. The route rule admits
// anyone signed in; the service decides by the room and the message.
#pragma once

#include "base/blocking_pool.hpp"
#include "domain/chat/chat_files.hpp"
#include "http/router.hpp"

namespace hearth::http {

struct ChatFileDeps {
  chat::ChatFiles& files;
  BlockingPool& blocking;
};

// True for the path of a file upload, whose body may be larger than other requests' (net/ asks
// before it reads the body).
bool is_chat_file_upload(Method method, std::string_view target);

void add_chat_file_routes(Router& router, const ChatFileDeps& deps);

}  // namespace hearth::http
