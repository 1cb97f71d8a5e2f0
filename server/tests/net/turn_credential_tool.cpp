// hearth_turn_credential SECRET_FILE LABEL TTL_SECONDS [NOW_UNIX_SECONDS]
//
// Prints the TURN username and credential that Hearth hands a browser (crypto/turn_credentials.hpp)
// on two lines, so that turn_coturn_test.sh can offer them to a real coturn. NOW defaults to the
// clock; a NOW in the past makes an expired credential. The secret file is read like Hearth reads
// it: trailing line breaks and spaces do not belong to the secret. Exit status 2 for a usage error,
// 1 for input turn_credential refuses.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/turn_credentials.hpp"

namespace {

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: hearth_turn_credential SECRET_FILE LABEL TTL_SECONDS [NOW_UNIX_SECONDS]\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::cerr << "hearth_turn_credential: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::string secret((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r' ||
                             secret.back() == ' ' || secret.back() == '\t')) {
    secret.pop_back();
  }
  const std::optional<std::int64_t> ttl = parse_int(argv[3]);
  const std::optional<std::int64_t> now = argc == 5 ? parse_int(argv[4]) : unix_now();
  if (!ttl || !now) {
    std::cerr << "hearth_turn_credential: TTL_SECONDS and NOW_UNIX_SECONDS are whole numbers\n";
    return 2;
  }
  const hearth::Result<hearth::crypto::TurnCredential> credential =
      hearth::crypto::turn_credential(secret, argv[2], *now, *ttl);
  if (!credential) {
    std::cerr << "hearth_turn_credential: " << credential.error().message << "\n";
    return 1;
  }
  std::cout << credential->username << "\n" << credential->credential << "\n";
  return 0;
}
