#include "store/chat_message_extras.hpp"

#include <charconv>

namespace hearth::store {
namespace {

constexpr char kUnit = '\x1f';
constexpr char kRecord = '\x1e';

// The parts of `text` between `separator`s, leaving out empty ones.
std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const auto end = text.find(separator);
    const auto part = text.substr(0, end);
    if (!part.empty()) parts.push_back(part);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return parts;
}

std::string joined(const std::vector<std::string>& parts, char separator) {
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) text += separator;
    text += part;
  }
  return text;
}

}  // namespace

std::string encode_reactions(const std::vector<ChatReaction>& reactions) {
  std::string text;
  for (const auto& reaction : reactions) {
    if (reaction.user_ids.empty()) continue;
    if (!text.empty()) text += ';';
    text += reaction.reaction;
    text += ':';
    text += joined(reaction.user_ids, ',');
  }
  return text;
}

std::vector<ChatReaction> decode_reactions(std::string_view text) {
  std::vector<ChatReaction> reactions;
  for (const auto part : split(text, ';')) {
    const auto colon = part.find(':');
    if (colon == std::string_view::npos) continue;
    ChatReaction reaction{.reaction = std::string(part.substr(0, colon)), .user_ids = {}};
    reaction.user_ids = decode_user_ids(part.substr(colon + 1));
    if (!reaction.user_ids.empty()) reactions.push_back(std::move(reaction));
  }
  return reactions;
}

std::string encode_user_ids(const std::vector<std::string>& user_ids) {
  return joined(user_ids, ',');
}

std::vector<std::string> decode_user_ids(std::string_view text) {
  std::vector<std::string> ids;
  for (const auto part : split(text, ',')) ids.emplace_back(part);
  return ids;
}

std::string encode_files(const std::vector<ChatFileRef>& files) {
  std::string text;
  for (const auto& file : files) {
    text += file.id;
    text += kUnit;
    text += file.name;
    text += kUnit;
    text += file.type;
    text += kUnit;
    text += std::to_string(file.size);
    text += kRecord;
  }
  return text;
}

std::vector<ChatFileRef> decode_files(std::string_view text) {
  std::vector<ChatFileRef> files;
  for (const auto record : split(text, kRecord)) {
    const auto fields = split(record, kUnit);
    if (fields.size() != 4) continue;
    ChatFileRef file{.id = std::string(fields[0]),
                     .name = std::string(fields[1]),
                     .type = std::string(fields[2]),
                     .size = 0};
    std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), file.size);
    files.push_back(std::move(file));
  }
  return files;
}

}  // namespace hearth::store
