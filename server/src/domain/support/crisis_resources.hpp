// Where someone in crisis can get help now: what the safety net shows the author of a message
// with crisis language, at once and without judgement. The built-in list is for the United
// States; a deployment elsewhere replaces it (per program in a later issue).
#pragma once

#include <string>
#include <vector>

namespace hearth::support {

struct CrisisResource {
  std::string name;     // "988 Suicide & Crisis Lifeline"
  std::string contact;  // "Call or text 988"
  std::string url;      // "" when there is none
};

inline std::vector<CrisisResource> default_crisis_resources() {
  return {
      {"988 Suicide & Crisis Lifeline", "Call or text 988, any time", "https://988lifeline.org"},
      {"Crisis Text Line", "Text HOME to 741741", "https://www.crisistextline.org"},
      {"Emergency services", "Call 911 if you are in immediate danger", ""},
  };
}

}  // namespace hearth::support
