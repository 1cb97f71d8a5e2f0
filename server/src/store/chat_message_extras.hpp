// How a chat message's reactions, mentions and file list are kept in its row (migration 14):
// small lists always read with the message, as text columns rather than joined tables.
//
//   reactions  "heart:u1,u2;hug:u3"   (reaction codes and user ids hold no ':', ',' nor ';')
//   mentions   "u1,u2"
//   files      id US name US type US size RS …   (US = 0x1f, RS = 0x1e: a file's name never
//              holds a control character, chat::file_name_problem refuses them)
//
// "" is an empty list for each. Decoding is forgiving of an empty part and never fails: the
// columns are written only by the encoders below.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/chat_records.hpp"

namespace hearth::store {

std::string encode_reactions(const std::vector<ChatReaction>& reactions);
std::vector<ChatReaction> decode_reactions(std::string_view text);

std::string encode_user_ids(const std::vector<std::string>& user_ids);
std::vector<std::string> decode_user_ids(std::string_view text);

std::string encode_files(const std::vector<ChatFileRef>& files);
std::vector<ChatFileRef> decode_files(std::string_view text);

}  // namespace hearth::store
