#include "store_fixture.hpp"

namespace hearth::store::testing {

void StoreConformance::SetUp() {
  backend_ = GetParam() == BackendKind::sqlite ? make_sqlite_backend() : make_postgres_backend();
  auto url = backend_->create_database();
  ASSERT_TRUE(url.ok()) << url.error().message;
  url_ = std::move(url).value();
}

void StoreConformance::TearDown() {
  backend_.reset();
}

std::unique_ptr<Store> StoreConformance::open(const StoreOptions& options, StoreSetup setup) {
  auto store = open_store_with(url_, options, std::move(setup));
  if (!store.ok()) {
    ADD_FAILURE() << "cannot open " << redact_url(url_) << ": " << store.error().message;
    return nullptr;
  }
  return std::move(store).value();
}

std::unique_ptr<Store> StoreConformance::open_migrated(const StoreOptions& options,
                                                       StoreSetup setup) {
  auto store = open(options, std::move(setup));
  if (!store) return nullptr;
  auto applied = store->migrate();
  if (!applied.ok()) {
    ADD_FAILURE() << "migrate failed: " << applied.error().message;
    return nullptr;
  }
  return store;
}

// One instantiation per driver; test names end in /sqlite or /postgresql, which is how CTest
// tells the PostgreSQL cases (they need the server fixture) from the SQLite ones.
INSTANTIATE_TEST_SUITE_P(Drivers, StoreConformance,
                         ::testing::Values(BackendKind::sqlite, BackendKind::postgresql),
                         [](const ::testing::TestParamInfo<BackendKind>& info) {
                           return info.param == BackendKind::sqlite ? "sqlite" : "postgresql";
                         });

}  // namespace hearth::store::testing
