// The built web app as the server serves it: content types, caching of hashed assets, ETags,
// client-side routes, gzip for clients that take it, no directory listing, and no way out of the
// static root.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <thread>

#include "fixtures.hpp"

namespace hearth::api_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

class StaticFiles : public DemoServerTest {};

TEST_F(StaticFiles, IndexIsServedAtTheRoot) {
  const auto r = http_get(port(), "/");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("text/html"));
  EXPECT_THAT(r.body, HasSubstr(kIndexMarker));
  EXPECT_THAT(r.header("cache-control").value_or(""), Not(HasSubstr("immutable")));
}

TEST_F(StaticFiles, ClientRoutesGetIndexHtml) {
  for (const char* target :
       {"/settings", "/settings/", "/programs/riverbend-iop", "/settings?x=1"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    if (std::string_view(target) == "/settings/") {
      // A trailing slash names a folder; it is either a client route or not found, never a listing.
      EXPECT_TRUE(r.status == 200 || r.status == 404) << r.describe();
      continue;
    }
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_THAT(r.header("content-type").value_or(""), StartsWith("text/html"));
    EXPECT_THAT(r.body, HasSubstr(kIndexMarker));
  }
}

TEST_F(StaticFiles, HashedAssetHasItsContentTypeAndIsImmutable) {
  const auto js = http_get(port(), kAssetPath);
  ASSERT_EQ(js.status, 200) << js.describe();
  EXPECT_EQ(js.body, kAssetBody);
  EXPECT_THAT(js.header("content-type").value_or(""), StartsWith("text/javascript"));
  EXPECT_THAT(js.header("cache-control").value_or(""), HasSubstr("immutable"));
  EXPECT_THAT(js.header("cache-control").value_or(""), HasSubstr("max-age="));

  const auto css = http_get(port(), "/assets/style-9c8d7e6f.css");
  ASSERT_EQ(css.status, 200) << css.describe();
  EXPECT_THAT(css.header("content-type").value_or(""), StartsWith("text/css"));
  EXPECT_THAT(css.header("cache-control").value_or(""), HasSubstr("immutable"));

  const auto txt = http_get(port(), "/robots.txt");
  ASSERT_EQ(txt.status, 200) << txt.describe();
  EXPECT_THAT(txt.header("content-type").value_or(""), StartsWith("text/plain"));
  EXPECT_THAT(txt.header("cache-control").value_or(""), Not(HasSubstr("immutable")));
}

TEST_F(StaticFiles, MatchingEtagAnswers304WithoutBody) {
  const auto first = http_get(port(), kAssetPath);
  ASSERT_EQ(first.status, 200) << first.describe();
  const std::string etag = first.header("etag").value_or("");
  ASSERT_FALSE(etag.empty()) << first.describe();

  const auto again = http_get(port(), kAssetPath, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304) << again.describe();
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("etag").value_or(""), etag);

  const auto other = http_get(port(), kAssetPath, {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(other.status, 200) << other.describe();
  EXPECT_EQ(other.body, kAssetBody);
}

std::string gunzip(const std::string& packed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return "<inflateInit2 failed>";
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int done = inflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return done == Z_STREAM_END ? out : "<not a whole gzip stream>";
}

TEST_F(StaticFiles, ClientsThatTakeGzipGetItWithItsOwnEtag) {
  // The server makes the gzip forms in the background after it starts, and sends files as they
  // are meanwhile: the first requests may still get the plain form.
  const auto give_up_at = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  auto packed = http_get(port(), kLargeAssetPath, {{"Accept-Encoding", "gzip, deflate, br"}});
  while (packed.status == 200 && !packed.has_header("content-encoding") &&
         std::chrono::steady_clock::now() < give_up_at) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    packed = http_get(port(), kLargeAssetPath, {{"Accept-Encoding", "gzip, deflate, br"}});
  }
  ASSERT_EQ(packed.status, 200) << packed.describe();
  EXPECT_EQ(packed.header("content-encoding").value_or(""), "gzip");
  EXPECT_EQ(packed.header("vary").value_or(""), "Accept-Encoding");
  EXPECT_EQ(packed.header("content-length").value_or(""), std::to_string(packed.body.size()));
  EXPECT_LT(packed.body.size(), large_asset_body().size() / 3);
  EXPECT_EQ(gunzip(packed.body), large_asset_body());

  const auto plain = http_get(port(), kLargeAssetPath);
  ASSERT_EQ(plain.status, 200) << plain.describe();
  EXPECT_FALSE(plain.has_header("content-encoding"));
  EXPECT_EQ(plain.header("vary").value_or(""), "Accept-Encoding");
  EXPECT_EQ(plain.body, large_asset_body());
  EXPECT_NE(plain.header("etag"), packed.header("etag"));

  const auto revalidated = http_get(
      port(), kLargeAssetPath,
      {{"Accept-Encoding", "gzip"}, {"If-None-Match", packed.header("etag").value_or("")}});
  EXPECT_EQ(revalidated.status, 304) << revalidated.describe();

  // A small file, and a client that refuses gzip, get the bytes as they are.
  const auto small = http_get(port(), kAssetPath, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(small.body, kAssetBody);
  EXPECT_FALSE(small.has_header("content-encoding"));
  const auto refused = http_get(port(), kLargeAssetPath, {{"Accept-Encoding", "gzip;q=0, br"}});
  EXPECT_EQ(refused.body, large_asset_body());
  EXPECT_FALSE(refused.has_header("content-encoding"));
}

TEST_F(StaticFiles, MissingFileIs404) {
  for (const char* target : {"/nope.js", "/assets/nope-123.js", "/missing/deeper/file.css"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    EXPECT_EQ(r.status, 404) << r.describe();
    EXPECT_THAT(r.body, Not(HasSubstr(kIndexMarker)));
  }
}

TEST_F(StaticFiles, DirectoriesAreNeverListed) {
  const auto r = http_get(port(), "/assets/");
  EXPECT_EQ(r.status, 404) << r.describe();
  EXPECT_THAT(r.body, Not(HasSubstr("app-3f2a1b9c")));
  EXPECT_THAT(r.body, Not(HasSubstr("style-9c8d7e6f")));
}

TEST_F(StaticFiles, DotFilesAreNotServed) {
  const auto r = http_get(port(), "/.env");
  EXPECT_TRUE(r.status == 400 || r.status == 404) << r.describe();
  EXPECT_THAT(r.body, Not(HasSubstr(kSecret)));
}

TEST_F(StaticFiles, ALinkInsideTheRootIsServed) {
  const auto r = http_get(port(), "/robots-alias.txt");
  EXPECT_EQ(r.status, 200) << r.describe();
  EXPECT_THAT(r.body, HasSubstr("User-agent"));
}

TEST_F(StaticFiles, LinksLeadingOutOfTheRootAreNotFollowed) {
  for (const char* target : {"/leak.txt", "/outside/secret.txt", "/outside/site/index.html"}) {
    SCOPED_TRACE(target);
    const auto r = http_get(port(), target);
    EXPECT_EQ(r.status, 404) << r.describe();
    EXPECT_THAT(r.body, Not(HasSubstr(kSecret)));
  }
  // No extension: at most the client-route fallback, never the file behind the link.
  const auto r = http_get(port(), "/outside/secret");
  EXPECT_THAT(r.body, Not(HasSubstr(kSecret))) << r.describe();
  EXPECT_TRUE(still_serving(port()));
}

// Request targets sent byte for byte as written here: nothing normalises them on the way.
class StaticTraversal : public DemoServerTest,
                        public ::testing::WithParamInterface<std::string_view> {};

TEST_P(StaticTraversal, IsRefusedAndRevealsNothing) {
  const std::string target(GetParam());
  Connection c(port());
  c.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  const auto r = c.read_response_or_end();
  if (r) {
    EXPECT_TRUE(r->status == 400 || r->status == 404) << r->describe();
    EXPECT_THAT(r->body, Not(HasSubstr(kSecret)));
    EXPECT_THAT(r->body, Not(HasSubstr(kIndexMarker)));
  }
  EXPECT_TRUE(still_serving(port()));
}

INSTANTIATE_TEST_SUITE_P(Targets, StaticTraversal,
                         ::testing::Values("/../secret", "/../secret.txt", "/assets/../../secret",
                                           "/assets/../../secret.txt", "/%2e%2e/secret",
                                           "/%2E%2E/secret.txt", "/.%2e/secret",
                                           "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret",
                                           "/..%2Fsecret.txt", "/assets%2f..%2f..%2fsecret.txt",
                                           "/..%5csecret.txt", "/..\\secret.txt", "/a%00b",
                                           "/index.html%00.js", "/./index.html", "//secret.txt",
                                           "/%252e%252e/secret.txt", std::string_view("/a\0b", 4)),
                         [](const auto& info) { return "case" + std::to_string(info.index); });

}  // namespace
}  // namespace hearth::api_test
