#include "store/migration_steps.hpp"

namespace hearth::store {

// Migration 17: guests invited to one session who are not on its roster (a family member at a
// family session). Listed by occurrence for its managers and by user for the guest's schedule;
// a second invitation of the same person to the same session is refused by the key.
MigrationStep session_guests() {
  return MigrationStep{
      .version = 17,
      .name = "session_guests",
      .statements =
          {
              R"(CREATE TABLE session_guests (
                   occurrence_id TEXT NOT NULL REFERENCES occurrences (id),
                   user_id TEXT NOT NULL REFERENCES users (id),
                   invited_by TEXT NOT NULL REFERENCES users (id),
                   invited_at_ms BIGINT NOT NULL,
                   PRIMARY KEY (occurrence_id, user_id)))",
              "CREATE INDEX session_guests_by_user ON session_guests (user_id, occurrence_id)",
          },
  };
}

}  // namespace hearth::store
