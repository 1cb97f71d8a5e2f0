#include "store/sql.hpp"

#include <gtest/gtest.h>

namespace hearth::store {
namespace {

TEST(SqlitePlaceholders, RewritesDollarNumbersToQuestionMarkNumbers) {
  EXPECT_EQ(sqlite_placeholders("SELECT a FROM t WHERE b = $1 AND c = $12"),
            "SELECT a FROM t WHERE b = ?1 AND c = ?12");
}

TEST(SqlitePlaceholders, KeepsTheNumberSoOrderInTheTextDoesNotMatter) {
  EXPECT_EQ(sqlite_placeholders("VALUES ($2, $1)"), "VALUES (?2, ?1)");
}

TEST(SqlitePlaceholders, LeavesQuotedTextAlone) {
  EXPECT_EQ(sqlite_placeholders("SELECT '$1', \"$2\", 'it''s $3' WHERE x = $4"),
            "SELECT '$1', \"$2\", 'it''s $3' WHERE x = ?4");
}

TEST(SqlitePlaceholders, LeavesADollarWithoutDigitsAlone) {
  EXPECT_EQ(sqlite_placeholders("SELECT '$' || $a"), "SELECT '$' || $a");
}

TEST(SqlRows, ReadsTextIntegersAndNulls) {
  SqlRows rows(2);
  rows.add_cell("alpha");
  rows.add_cell("-42");
  rows.add_cell(std::nullopt);
  rows.add_cell("x");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows.text(0, 0), "alpha");
  EXPECT_EQ(*rows.integer(0, 1), -42);
  EXPECT_EQ(rows.text(1, 0), "");
  EXPECT_FALSE(rows.integer(1, 0).ok());
  EXPECT_EQ(rows.integer(1, 1).error().code, Errc::internal);
}

TEST(SqlRows, EmptyResultHasNoRows) {
  EXPECT_TRUE(SqlRows().empty());
  EXPECT_TRUE(SqlRows(3).empty());
}

}  // namespace
}  // namespace hearth::store
