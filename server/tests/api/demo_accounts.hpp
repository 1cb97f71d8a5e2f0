// The demo accounts that `hearth demo` makes (server/src/app/demo_accounts.cpp), for the API
// suites that sign in.
#pragma once

#include <string_view>

namespace hearth::api_test {

// Every demo account's password.
inline constexpr std::string_view kDemoPassword = "Riverbend-demo-2026";
namespace demo {
inline constexpr std::string_view kAdmin = "admin@riverbend.example";
inline constexpr std::string_view kPriya = "priya.shah@riverbend.example";   // clinician, staff
inline constexpr std::string_view kSam = "sam.okafor@riverbend.example";     // clinician, staff
inline constexpr std::string_view kJordan = "jordan.lee@riverbend.example";  // peer specialist
inline constexpr std::string_view kAvery = "avery@riverbend.example";        // participant
inline constexpr std::string_view kBlake = "blake@riverbend.example";        // participant
inline constexpr std::string_view kCasey = "casey@riverbend.example";  // participant, peer mentor
inline constexpr std::string_view kRobin = "robin@riverbend.example";  // family, no program
}  // namespace demo

}  // namespace hearth::api_test
