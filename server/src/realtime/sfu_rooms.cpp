#include "realtime/sfu_rooms.hpp"

#include <algorithm>
#include <random>

#include <spdlog/spdlog.h>

#include "base/ids.hpp"

namespace hearth::realtime {
namespace {

// Janus room ids are numbers; JavaScript-safe (53 bits) in case a tool reads them.
std::uint64_t random_room_id() {
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  return (generator() & ((std::uint64_t{1} << 53) - 1)) | 1;
}

Frame signal_frame(const std::string& occurrence_id, std::string_view from,
                   const nlohmann::json& jsep) {
  return frame({{"type", "session_signal"},
                {"occurrence_id", occurrence_id},
                {"from", from},
                {"signal", {{"type", jsep.value("type", "")}, {"sdp", jsep.value("sdp", "")}}}});
}

const nlohmann::json* plugin_data(const nlohmann::json& event) {
  const auto found = event.find("plugindata");
  if (found == event.end() || !found->contains("data")) return nullptr;
  return &(*found)["data"];
}

}  // namespace

std::string audio_mid_of(std::string_view sdp) {
  bool in_audio = false;
  std::size_t start = 0;
  while (start < sdp.size()) {
    auto end = sdp.find('\n', start);
    if (end == std::string_view::npos) end = sdp.size();
    auto line = sdp.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("m=")) in_audio = line.starts_with("m=audio");
    if (in_audio && line.starts_with("a=mid:")) return std::string(line.substr(6));
    start = end + 1;
  }
  return "";
}

std::vector<std::string> mids_of(std::string_view sdp) {
  std::vector<std::string> mids;
  std::size_t start = 0;
  while (start < sdp.size()) {
    auto end = sdp.find('\n', start);
    if (end == std::string_view::npos) end = sdp.size();
    auto line = sdp.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("a=mid:")) mids.emplace_back(line.substr(6));
    start = end + 1;
  }
  return mids;
}

std::shared_ptr<SfuRooms::Room> SfuRooms::room_of(const std::string& occurrence_id, int place,
                                                  bool create) {
  const auto key = occurrence_id + "#" + std::to_string(place);
  std::lock_guard lock(mutex_);
  auto found = rooms_.find(key);
  if (found != rooms_.end()) return found->second;
  if (!create) return nullptr;
  auto room = std::make_shared<Room>();
  room->occurrence_id = occurrence_id;
  room->place = place;
  rooms_[key] = room;
  return room;
}

void SfuRooms::queue(const std::shared_ptr<Room>& room, std::function<void()> job) {
  bool start = false;
  {
    std::lock_guard lock(room->queue_mutex);
    room->jobs.push_back(std::move(job));
    start = !room->running;
    room->running = true;
  }
  if (start) run_blocking_([this, room] { drain(room); });
}

void SfuRooms::drain(const std::shared_ptr<Room>& room) {
  for (;;) {
    std::function<void()> job;
    {
      std::lock_guard lock(room->queue_mutex);
      if (room->jobs.empty()) {
        room->running = false;
        return;
      }
      job = std::move(room->jobs.front());
      room->jobs.pop_front();
    }
    try {
      job();
    } catch (const std::exception&) {
      spdlog::error("event=sfu_job_failed");
    }
  }
}

void SfuRooms::entered(const std::string& occurrence_id, int place,
                       const std::string& participant_id, bool hard_muted) {
  auto room = room_of(occurrence_id, place, true);
  queue(room,
        [this, room, participant_id, hard_muted] { enter(room, participant_id, hard_muted); });
}

void SfuRooms::left(const std::string& occurrence_id, int place,
                    const std::string& participant_id) {
  auto room = room_of(occurrence_id, place, false);
  if (!room) return;
  queue(room, [this, room, participant_id] {
    leave(*room, participant_id);
    if (room->members.empty()) shut(*room);
  });
}

void SfuRooms::signal(const std::string& occurrence_id, int place, const std::string& from,
                      const std::string& to, const nlohmann::json& signal) {
  auto room = room_of(occurrence_id, place, false);
  if (!room) return;
  queue(room, [this, room, from, to, signal] {
    const auto member = room->members.find(from);
    if (member == room->members.end()) return;
    const std::string type = signal.value("type", "");
    if (to == kSfuPeer) {
      if (type == "offer") return publish(room, from, signal);
      if (type == "candidate" && member->second.publisher != 0) {
        (void)janus_.trickle(member->second.publisher, signal["candidate"]);
      }
      return;
    }
    const auto receiving = member->second.receiving.find(to);
    if (receiving == member->second.receiving.end()) return;
    if (type == "answer") {
      (void)janus_.send(receiving->second, {{"request", "start"}},
                        nlohmann::json{{"type", "answer"}, {"sdp", signal["sdp"]}});
    } else if (type == "candidate") {
      (void)janus_.trickle(receiving->second, signal["candidate"]);
    }
  });
}

void SfuRooms::hard_mute(const std::string& occurrence_id, int place,
                         const std::string& participant_id, bool muted) {
  auto room = room_of(occurrence_id, place, false);
  if (!room) return;
  queue(room, [this, room, participant_id, muted] {
    const auto member = room->members.find(participant_id);
    if (member == room->members.end()) return;
    member->second.hard_muted = muted;
    apply_mute(*room, member->second);
  });
}

void SfuRooms::close(const std::string& occurrence_id) {
  std::vector<std::shared_ptr<Room>> places;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, room] : rooms_) {
      if (room->occurrence_id == occurrence_id) places.push_back(room);
    }
  }
  for (const auto& room : places) {
    queue(room, [this, room] {
      std::vector<std::string> everyone;
      for (const auto& [participant_id, member] : room->members) everyone.push_back(participant_id);
      for (const auto& participant_id : everyone) leave(*room, participant_id);
      shut(*room);
      // Forgotten only now, at the session's end: an emptied room stays known (its Janus room
      // shut), so that a job queued for it meanwhile never finds it gone.
      std::lock_guard lock(mutex_);
      rooms_.erase(room->occurrence_id + "#" + std::to_string(room->place));
    });
  }
}

void SfuRooms::receive_again(const std::string& occurrence_id, int place, const std::string& viewer,
                             const std::string& source) {
  const auto room = room_of(occurrence_id, place, false);
  if (!room) return;
  queue(room, [this, room, viewer, source] {
    const auto watcher = room->members.find(viewer);
    const auto sender = room->members.find(source);
    if (watcher == room->members.end() || sender == room->members.end()) return;
    if (const auto old = watcher->second.receiving.find(source);
        old != watcher->second.receiving.end()) {
      const auto handle = old->second;
      watcher->second.receiving.erase(old);
      janus_.detach(handle);
    }
    if (sender->second.publishing) receive(room, viewer, source);
  });
}

void SfuRooms::janus_restarted() {
  std::vector<std::shared_ptr<Room>> everything;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, room] : rooms_) everything.push_back(room);
  }
  for (const auto& room : everything) {
    queue(room, [room] {
      room->janus_room = 0;
      room->admin_handle = 0;
      room->secret.clear();
      room->members.clear();
    });
  }
}

std::size_t SfuRooms::open_rooms() const {
  std::lock_guard lock(mutex_);
  return rooms_.size();
}

Result<void> SfuRooms::open(Room& room) {
  if (room.janus_room != 0) return ok();
  HEARTH_TRY_ASSIGN(room.admin_handle, janus_.attach([](const nlohmann::json&) {}));
  room.secret = new_id();
  const auto id = random_room_id();
  // Private (not listed), no recording, and only listed tokens may join.
  auto created = janus_.request(room.admin_handle, {{"request", "create"},
                                                    {"admin_key", admin_key_},
                                                    {"room", id},
                                                    {"secret", room.secret},
                                                    {"is_private", true},
                                                    {"permanent", false},
                                                    {"record", false},
                                                    {"publishers", 100},
                                                    {"allowed", nlohmann::json::array()},
                                                    {"audiolevel_event", false},
                                                    {"notify_joining", false}});
  if (!created) {
    janus_.detach(room.admin_handle);
    room.admin_handle = 0;
    return created.error();
  }
  room.janus_room = id;
  spdlog::info("event=sfu_room_opened");
  return ok();
}

void SfuRooms::enter(const std::shared_ptr<Room>& room, const std::string& participant_id,
                     bool hard_muted) {
  if (room->members.contains(participant_id)) return;
  if (auto opened = open(*room); !opened) {
    spdlog::error("event=sfu_room_not_opened code={}", errc_name(opened.error().code));
    return;
  }
  Member member;
  member.token = new_id();
  member.hard_muted = hard_muted;
  auto allowed = janus_.request(room->admin_handle, {{"request", "allowed"},
                                                     {"secret", room->secret},
                                                     {"room", room->janus_room},
                                                     {"action", "add"},
                                                     {"allowed", {member.token}}});
  if (!allowed) {
    spdlog::error("event=sfu_token_not_added");
    return;
  }
  room->members[participant_id] = std::move(member);
  for (const auto& [source, other] : room->members) {
    if (source != participant_id && other.publishing) receive(room, participant_id, source);
  }
}

void SfuRooms::leave(Room& room, const std::string& participant_id) {
  const auto found = room.members.find(participant_id);
  if (found == room.members.end()) return;
  auto& member = found->second;
  if (member.publisher != 0) janus_.detach(member.publisher);
  for (const auto& [source, handle] : member.receiving) janus_.detach(handle);
  for (auto& [other_id, other] : room.members) {
    const auto receiving = other.receiving.find(participant_id);
    if (receiving == other.receiving.end()) continue;
    janus_.detach(receiving->second);
    other.receiving.erase(receiving);
  }
  (void)janus_.request(room.admin_handle, {{"request", "allowed"},
                                           {"secret", room.secret},
                                           {"room", room.janus_room},
                                           {"action", "remove"},
                                           {"allowed", {member.token}}});
  room.members.erase(found);
}

void SfuRooms::publish(const std::shared_ptr<Room>& room, const std::string& participant_id,
                       const nlohmann::json& signal) {
  auto& member = room->members[participant_id];
  const std::string sdp = signal.value("sdp", "");
  member.audio_mid = audio_mid_of(sdp);
  const auto mids = mids_of(sdp);
  const nlohmann::json jsep = {{"type", "offer"}, {"sdp", sdp}};
  if (member.publisher != 0) {
    // A new offer from a publishing browser (a screen share added). Janus does not add a new
    // stream to the subscriptions already made: once it answers, they subscribe to it.
    for (const auto& mid : mids) {
      if (std::find(member.mids.begin(), member.mids.end(), mid) == member.mids.end()) {
        member.new_mids.push_back(mid);
      }
    }
    member.mids = mids;
    (void)janus_.send(member.publisher, {{"request", "configure"}}, jsep);
    return;
  }
  member.mids = mids;
  auto handle = janus_.attach([this, room, participant_id](const nlohmann::json& event) {
    queue(room,
          [this, room, participant_id, event] { on_publisher_event(room, participant_id, event); });
  });
  if (!handle) return;
  member.publisher = *handle;
  auto sent = janus_.send(member.publisher,
                          {{"request", "joinandconfigure"},
                           {"ptype", "publisher"},
                           {"room", room->janus_room},
                           {"token", member.token},
                           // Janus shows display names to nobody here, but they land in its
                           // log: the opaque participant id, never a name.
                           {"display", participant_id}},
                          jsep);
  if (!sent) spdlog::error("event=sfu_publish_not_sent");
}

void SfuRooms::on_publisher_event(const std::shared_ptr<Room>& room,
                                  const std::string& participant_id, const nlohmann::json& event) {
  const auto found = room->members.find(participant_id);
  if (found == room->members.end()) return;
  auto& member = found->second;
  const std::string kind = event.value("janus", "");
  // Janus takes subscriptions to a publisher only once its media is up.
  if (kind == "webrtcup" && !member.publishing && member.feed != 0) {
    member.publishing = true;
    if (member.hard_muted) apply_mute(*room, member);  // muted before their media was up
    for (const auto& [viewer, other] : room->members) {
      if (viewer != participant_id) receive(room, viewer, participant_id);
    }
    return;
  }
  if (kind == "hangup") {
    member.publishing = false;
    return;
  }
  if (const auto* data = plugin_data(event)) {
    if (data->contains("error_code")) {
      spdlog::warn("event=sfu_publisher_refused code={}", data->value("error_code", 0));
      return;
    }
    if (data->value("videoroom", "") == "joined") member.feed = data->value("id", std::uint64_t{0});
  }
  const auto jsep = event.find("jsep");
  if (jsep == event.end() || jsep->value("type", "") != "answer") return;
  send_(room->occurrence_id, participant_id, signal_frame(room->occurrence_id, kSfuPeer, *jsep));
  if (!member.publishing || member.new_mids.empty()) return;
  // Janus answered a new offer: those receiving this person add its new streams (Janus then
  // offers each of them an updated connection).
  nlohmann::json streams = nlohmann::json::array();
  for (const auto& mid : member.new_mids) streams.push_back({{"feed", member.feed}, {"mid", mid}});
  member.new_mids.clear();
  for (const auto& [viewer, other] : room->members) {
    const auto receiving = other.receiving.find(participant_id);
    if (receiving == other.receiving.end()) continue;
    (void)janus_.send(receiving->second, {{"request", "subscribe"}, {"streams", streams}});
  }
}

void SfuRooms::receive(const std::shared_ptr<Room>& room, const std::string& viewer,
                       const std::string& source) {
  auto& watcher = room->members[viewer];
  if (watcher.receiving.contains(source)) return;
  const auto occurrence_id = room->occurrence_id;
  auto handle = janus_.attach([this, occurrence_id, viewer, source](const nlohmann::json& event) {
    const auto jsep = event.find("jsep");
    if (jsep == event.end() || jsep->value("type", "") != "offer") return;
    // Janus's offer of the source's media, to the viewer, as if the source offered it.
    send_(occurrence_id, viewer, signal_frame(occurrence_id, source, *jsep));
  });
  if (!handle) return;
  watcher.receiving[source] = *handle;
  auto sent = janus_.send(*handle, {{"request", "join"},
                                    {"ptype", "subscriber"},
                                    {"room", room->janus_room},
                                    {"token", watcher.token},
                                    {"streams", {{{"feed", room->members[source].feed}}}}});
  if (!sent) spdlog::error("event=sfu_subscribe_not_sent");
}

void SfuRooms::apply_mute(Room& room, Member& member) {
  if (!member.publishing || member.audio_mid.empty()) return;
  auto moderated = janus_.request(room.admin_handle, {{"request", "moderate"},
                                                      {"secret", room.secret},
                                                      {"room", room.janus_room},
                                                      {"id", member.feed},
                                                      {"mid", member.audio_mid},
                                                      {"mute", member.hard_muted}});
  if (!moderated) spdlog::error("event=sfu_moderate_failed");
}

void SfuRooms::shut(Room& room) {
  if (room.janus_room != 0) {
    (void)janus_.request(room.admin_handle, {{"request", "destroy"},
                                             {"secret", room.secret},
                                             {"room", room.janus_room},
                                             {"permanent", false}});
    janus_.detach(room.admin_handle);
    spdlog::info("event=sfu_room_closed");
  }
  room.janus_room = 0;
  room.admin_handle = 0;
}

}  // namespace hearth::realtime
