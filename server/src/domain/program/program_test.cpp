#include "domain/program/program.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace hearth::program {
namespace {

NewGroup good_group() {
  return NewGroup{"evening-recovery", "Evening Recovery", "", "therapy", 10};
}

TEST(ProgramValidation, AcceptsAWellFormedProgram) {
  EXPECT_TRUE(validate(NewProgram{"adult-iop", "Adult IOP", "", "America/Chicago"}).ok());
}

TEST(ProgramValidation, RejectsBadSlugs) {
  for (std::string slug : std::vector<std::string>{"", "-lead", "trail-", "Upper", "sp ace",
                                                   "dot.ted", std::string(65, 'a')}) {
    auto r = validate(NewProgram{slug, "Adult IOP", "", "UTC"});
    ASSERT_FALSE(r.ok()) << slug;
    EXPECT_EQ(r.error().field, "slug");
  }
}

TEST(ProgramValidation, RequiresANameWithinTheLimit) {
  EXPECT_EQ(validate(NewProgram{"a", "", "", "UTC"}).error().field, "name");
  EXPECT_EQ(validate(NewProgram{"a", std::string(kMaxNameBytes + 1, 'x'), "", "UTC"}).error().field,
            "name");
}

TEST(GroupValidation, AcceptsEveryKnownKind) {
  for (auto kind : {"therapy", "skills", "peer_support", "family", "alumni", "social"}) {
    NewGroup g = good_group();
    g.kind = kind;
    EXPECT_TRUE(validate(g).ok()) << kind;
  }
}

TEST(GroupValidation, RejectsUnknownKindAndCapacityOutsideTheRange) {
  NewGroup g = good_group();
  g.kind = "lecture";
  EXPECT_EQ(validate(g).error().field, "kind");
  g = good_group();
  g.capacity = -1;
  EXPECT_EQ(validate(g).error().field, "capacity");
  g.capacity = kMaxGroupCapacity + 1;
  EXPECT_EQ(validate(g).error().field, "capacity");
}

}  // namespace
}  // namespace hearth::program
