// The bytes of server/data/common-passwords.txt, compiled in by embed_file.cmake (see
// CMakeLists.txt). Private to the crypto layer; password_policy.cpp parses it once.
#pragma once

#include <cstddef>

namespace hearth::crypto::detail {

extern const unsigned char kCommonPasswordsData[];
extern const std::size_t kCommonPasswordsDataSize;

}  // namespace hearth::crypto::detail
