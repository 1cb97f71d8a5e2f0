#include "http/compression.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>

namespace hearth::http {
namespace {

// Inflates a gzip member with zlib's own reader, the way a browser would.
std::string gunzip(const std::string& packed) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

std::string json_list(int items) {
  std::string s = "{\"participants\":[";
  for (int i = 0; i < items; ++i) {
    if (i) s += ',';
    s += "{\"id\":\"p-" + std::to_string(i) + "\",\"minutes\":" + std::to_string(i * 7 % 540) + "}";
  }
  return s + "]}";
}

TEST(AcceptsGzip, WhatBrowsersAndToolsSend) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br, zstd"));  // Chromium
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));        // Firefox, Safari
  EXPECT_TRUE(accepts_gzip("deflate, gzip;q=1.0, *;q=0.5"));
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip(" br ;q=0.9 ,\tgzip ; q=0.001"));
  EXPECT_FALSE(accepts_gzip(""));  // no header: identity only
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br, zstd"));
}

TEST(AcceptsGzip, WeightsOfZeroRefuse) {
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));  // named, so the star does not count for it
  EXPECT_FALSE(accepts_gzip("gzip, gzip;q=0"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("br;q=0, *;q=0.1"));
}

TEST(AcceptsGzip, UnreadableWeightsLeaveTheEntryOut) {
  EXPECT_FALSE(accepts_gzip("gzip;q=2"));
  EXPECT_FALSE(accepts_gzip("gzip;q=1.5"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.0001"));
  EXPECT_FALSE(accepts_gzip("gzip;q="));
  EXPECT_FALSE(accepts_gzip("gzip;level=9"));
  EXPECT_TRUE(accepts_gzip("gzip;q=abc, *"));  // the star still stands
  EXPECT_FALSE(accepts_gzip(",,;;,"));
}

TEST(IsCompressible, TextLikeTypesOnly) {
  EXPECT_TRUE(is_compressible("application/json"));
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible("text/javascript"));
  EXPECT_TRUE(is_compressible("image/svg+xml"));
  EXPECT_FALSE(is_compressible("image/png"));
  EXPECT_FALSE(is_compressible("font/woff2"));
  EXPECT_FALSE(is_compressible("application/octet-stream"));
  EXPECT_FALSE(is_compressible(""));
}

TEST(Gzip, RoundTripsThroughZlibsReader) {
  const std::string body = json_list(500);
  const auto packed = gzip(body);
  ASSERT_TRUE(packed);
  EXPECT_LT(packed->size(), body.size() / 3);
  ASSERT_GE(packed->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*packed)[0]), 0x1f);  // the gzip magic (RFC 1952)
  EXPECT_EQ(static_cast<unsigned char>((*packed)[1]), 0x8b);
  EXPECT_EQ(gunzip(*packed), body);
  EXPECT_EQ(gunzip(gzip("").value()), "");
}

TEST(GzipEtag, EachFormHasItsOwnStrongTag) {
  EXPECT_EQ(gzip_etag("\"abc\""), "\"abc-gzip\"");
  EXPECT_EQ(gzip_etag("abc"), "abc-gzip");
}

TEST(Compression, KeepsOneGzipFormPerSharedBody) {
  Compression compression;
  auto body = std::make_shared<const std::string>(json_list(200));
  const auto first = compression.gzipped(body);
  ASSERT_TRUE(first);
  EXPECT_EQ(compression.gzipped(body), first);  // the same bytes, not made again
  EXPECT_EQ(gunzip(*first), *body);
  // Random bytes do not get smaller: no gzip form.
  std::mt19937 random(2026);
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>(random() & 0xff);
  EXPECT_EQ(compression.gzipped(std::make_shared<const std::string>(noise)), nullptr);
}

Request request_with(std::string accept_encoding) {
  Request r;
  r.method = Method::get;
  r.target = "/api/v1/me/schedule";
  if (!accept_encoding.empty()) r.headers.emplace_back("accept-encoding", accept_encoding);
  return r;
}

Response shared_json(std::string body) {
  auto r = Response::json(200, {});
  r.shared_body = std::make_shared<const std::string>(std::move(body));
  r.route = "/api/v1/me/schedule";
  return r;
}

TEST(Compression, ASharedAnswerGoesOutGzippedWhenTaken) {
  Compression compression;
  const std::string body = json_list(200);
  auto r = shared_json(body);
  compression.apply(request_with("gzip, deflate, br"), r);
  EXPECT_EQ(r.header("content-encoding"), "gzip");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  EXPECT_EQ(gunzip(*r.shared_body), body);
}

TEST(Compression, OtherwiseTheBodyIsLeftAloneButVaryIsSaid) {
  Compression compression;
  const std::string body = json_list(200);
  auto plain = shared_json(body);
  compression.apply(request_with(""), plain);
  EXPECT_EQ(*plain.shared_body, body);
  EXPECT_FALSE(plain.header("content-encoding"));
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");

  // Small, per-request (not shared), not 200, or a static file: untouched.
  auto small = shared_json("{\"ok\":true}");
  compression.apply(request_with("gzip"), small);
  EXPECT_FALSE(small.header("content-encoding"));
  EXPECT_FALSE(small.header("vary"));
  auto own = Response::json(200, json_list(200));
  compression.apply(request_with("gzip"), own);
  EXPECT_FALSE(own.header("content-encoding"));
  EXPECT_EQ(own.body, json_list(200));
  auto failed = shared_json(body);
  failed.status = 404;
  compression.apply(request_with("gzip"), failed);
  EXPECT_FALSE(failed.header("content-encoding"));
  auto file = shared_json(body);
  file.route = "static";
  compression.apply(request_with("gzip"), file);
  EXPECT_FALSE(file.header("content-encoding"));
}

}  // namespace
}  // namespace hearth::http
