// SqliteTestStore: a migrated SQLite store in a fresh temporary folder, for domain tests that
// want the real store contract rather than a fake; removed with the object.
#pragma once

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/store.hpp"

namespace hearth::testing {

class SqliteTestStore {
 public:
  SqliteTestStore() {
    std::random_device seed;
    dir_ = std::filesystem::temp_directory_path() /
           ("hearth-domain-" + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(dir_);
    auto opened = store::open_store("sqlite://" + (dir_ / "test.db").string(), {});
    if (opened) store_ = std::move(opened).value();
    if (store_ && !store_->migrate()) store_.reset();
  }
  ~SqliteTestStore() {
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  SqliteTestStore(const SqliteTestStore&) = delete;
  SqliteTestStore& operator=(const SqliteTestStore&) = delete;

  bool ok() const { return store_ != nullptr; }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }
  std::filesystem::path file() const { return dir_ / "test.db"; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace hearth::testing
