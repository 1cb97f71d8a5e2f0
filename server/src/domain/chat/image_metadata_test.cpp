#include "domain/chat/image_metadata.hpp"

#include <gtest/gtest.h>

#include <string>

#include "domain/chat/file_type.hpp"
#include "domain/chat/testing/sample_files.hpp"

namespace hearth::chat {
namespace {

using testing::jpeg_segment;
using testing::kPhotoComment;
using testing::kPhotoPlace;
using testing::kPhotoXmp;
using testing::kSampleJpegWithMetadata;
using testing::kSamplePdf;
using testing::kSamplePng;

bool holds(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A PNG chunk: length, type, data and a CRC (not checked by the stripper, so any will do).
std::string png_chunk(const std::string& type, const std::string& data) {
  const std::size_t n = data.size();
  return std::string{static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                     static_cast<char>(n >> 8), static_cast<char>(n)} +
         type + data + std::string("\x01\x02\x03\x04", 4);
}

// A RIFF chunk with its little-endian size and, for an odd size, the pad byte.
std::string riff_chunk(const std::string& fourcc, const std::string& data) {
  const std::size_t n = data.size();
  std::string chunk = fourcc + std::string{static_cast<char>(n), static_cast<char>(n >> 8),
                                           static_cast<char>(n >> 16), static_cast<char>(n >> 24)};
  chunk += data;
  if (n % 2 == 1) chunk += '\0';
  return chunk;
}

std::string webp_of(const std::string& chunks) {
  const std::size_t n = chunks.size() + 4;
  return "RIFF" +
         std::string{static_cast<char>(n), static_cast<char>(n >> 8), static_cast<char>(n >> 16),
                     static_cast<char>(n >> 24)} +
         "WEBP" + chunks;
}

TEST(ImageMetadata, AJpegLosesItsPlaceCommentAndXmpButKeepsItsTurnAndPicture) {
  const auto stripped = without_metadata(kSampleJpegWithMetadata, "image/jpeg");
  ASSERT_TRUE(stripped) << stripped.error().message;
  EXPECT_FALSE(holds(*stripped, kPhotoPlace));
  EXPECT_FALSE(holds(*stripped, kPhotoComment));
  EXPECT_FALSE(holds(*stripped, kPhotoXmp));
  EXPECT_TRUE(holds(*stripped, "JFIF"));
  // The quantization table, the scan and the end marker are the original's last bytes.
  const std::string picture = kSampleJpegWithMetadata.substr(kSampleJpegWithMetadata.find(
      jpeg_segment(0xDB, std::string(1, '\x00') + std::string(64, '\x01'))));
  EXPECT_TRUE(stripped->ends_with(picture));
  // One Exif block is left, holding Orientation 6 and nothing else.
  const std::string turn = jpeg_segment(
      0xE1, std::string("Exif\x00\x00MM\x00\x2A\x00\x00\x00\x08\x00\x01"
                        "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00",
                        32));
  EXPECT_TRUE(holds(*stripped, turn));
  EXPECT_EQ(stripped->find("\xFF\xE1"), stripped->rfind("\xFF\xE1")) << "a single APP1";
  EXPECT_EQ(FileTypeReader().type_of(*stripped), "image/jpeg");
  // Stripping again changes nothing: the block it writes is one it keeps.
  EXPECT_EQ(*without_metadata(*stripped, "image/jpeg"), *stripped);
}

TEST(ImageMetadata, AJpegLosesMetadataBetweenScansAndThePicturesAfterItsEnd) {
  // Like a phone's progressive JPEG: an MPF index in APP2, a first scan (with a stuffed FF 00
  // and a restart marker), Exif and a comment before the second scan, and after the end of the
  // image a second picture carrying its own Exif.
  const std::string scan_header = jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6));
  const std::string tables = jpeg_segment(0xC4, std::string(20, '\x02'));
  const std::string first_scan = std::string("\x10\xFF\x00\x20\xFF\xD0\x30", 7);
  const std::string second_scan = std::string("\x40\x50", 2);
  const std::string trailing = std::string("\xFF\xD8", 2) +
                               jpeg_segment(0xE1, std::string("Exif\x00\x00", 6) + kPhotoPlace) +
                               std::string("\xFF\xD9", 2);
  const std::string jpeg = std::string("\xFF\xD8", 2) +
                           jpeg_segment(0xE2, std::string("MPF\x00", 4) + "index") + tables +
                           scan_header + first_scan +
                           jpeg_segment(0xE1, std::string("Exif\x00\x00", 6) + kPhotoPlace) +
                           jpeg_segment(0xFE, kPhotoComment) + tables + scan_header + second_scan +
                           std::string("\xFF\xD9", 2) + trailing;
  const auto stripped = without_metadata(jpeg, "image/jpeg");
  ASSERT_TRUE(stripped) << stripped.error().message;
  EXPECT_EQ(*stripped, std::string("\xFF\xD8", 2) + tables + scan_header + first_scan + tables +
                           scan_header + second_scan + std::string("\xFF\xD9", 2));
}

TEST(ImageMetadata, AnUprightJpegKeepsNoExifAtAll) {
  // Big-endian TIFF, Orientation 1.
  const std::string exif = std::string("Exif\x00\x00MM\x00\x2A\x00\x00\x00\x08\x00\x01", 16) +
                           std::string("\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00", 12) +
                           std::string(4, '\0') + kPhotoPlace;
  const std::string jpeg = std::string("\xFF\xD8", 2) + jpeg_segment(0xE1, exif) +
                           jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) +
                           std::string("\x11\x22\xFF\xD9", 4);
  const auto stripped = without_metadata(jpeg, "image/jpeg");
  ASSERT_TRUE(stripped) << stripped.error().message;
  EXPECT_FALSE(holds(*stripped, "Exif"));
  EXPECT_EQ(*stripped, std::string("\xFF\xD8", 2) + jpeg.substr(2 + 4 + exif.size()));
}

TEST(ImageMetadata, APngLosesItsTextExifAndTimeChunksAndWhatFollowsIend) {
  const std::size_t after_ihdr = 8 + 12 + 13;
  const std::string png = kSamplePng.substr(0, after_ihdr) +
                          png_chunk("tEXt", std::string("Location\0", 9) + kPhotoPlace) +
                          png_chunk("eXIf", std::string("MM\x00\x2A", 4) + kPhotoPlace) +
                          png_chunk("tIME", std::string(7, '\x07')) +
                          png_chunk("iTXt", std::string("Comment\0\0\0\0\0", 12) + kPhotoComment) +
                          kSamplePng.substr(after_ihdr) + "trailing bytes";
  const auto stripped = without_metadata(png, "image/png");
  ASSERT_TRUE(stripped) << stripped.error().message;
  EXPECT_EQ(*stripped, kSamplePng);
}

TEST(ImageMetadata, AWebpLosesItsExifAndXmpChunksAndTheirFlags) {
  // VP8X flags: alpha (0x10), EXIF (0x08), XMP (0x04); then canvas size.
  const std::string vp8x_flags = std::string(1, '\x1C');
  const std::string canvas(9, '\0');
  const std::string picture =
      riff_chunk("VP8L", std::string("\x2F\x00\x00\x00\x00", 5));  // odd: padded
  const std::string webp = webp_of(riff_chunk("VP8X", vp8x_flags + canvas) + picture +
                                   riff_chunk("EXIF", std::string("MM\x00\x2A", 4) + kPhotoPlace) +
                                   riff_chunk("XMP ", kPhotoXmp));
  const auto stripped = without_metadata(webp, "image/webp");
  ASSERT_TRUE(stripped) << stripped.error().message;
  EXPECT_EQ(*stripped, webp_of(riff_chunk("VP8X", std::string(1, '\x10') + canvas) + picture));
}

TEST(ImageMetadata, GifsAndPdfsAreKeptAsTheyAre) {
  const std::string gif("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
  EXPECT_EQ(*without_metadata(gif, "image/gif"), gif);
  EXPECT_EQ(*without_metadata(kSamplePdf, "application/pdf"), kSamplePdf);
}

TEST(ImageMetadata, AnImageWhoseStructureCannotBeWalkedIsRefused) {
  const auto refused = [](const std::string& bytes, std::string_view type) {
    const auto stripped = without_metadata(bytes, type);
    return !stripped && stripped.error().code == Errc::invalid_argument &&
           stripped.error().field == "content";
  };
  // A segment whose length runs past the end; no start of scan; not a JPEG at all.
  EXPECT_TRUE(refused(kSampleJpegWithMetadata.substr(0, 30), "image/jpeg"));
  EXPECT_TRUE(refused(std::string("\xFF\xD8", 2) + jpeg_segment(0xFE, "x"), "image/jpeg"));
  EXPECT_TRUE(refused("not a jpeg", "image/jpeg"));
  // A PNG cut before IEND; a chunk longer than the file.
  EXPECT_TRUE(refused(kSamplePng.substr(0, 50), "image/png"));
  EXPECT_TRUE(
      refused(kSamplePng.substr(0, 8) + std::string("\x7F\xFF\xFF\xFFIHDR", 8), "image/png"));
  // A WebP whose chunk is longer than the RIFF says.
  EXPECT_TRUE(refused(webp_of(std::string("VP8L\xFF\x00\x00\x00", 8)), "image/webp"));
  EXPECT_TRUE(refused("RIFF", "image/webp"));
}

}  // namespace
}  // namespace hearth::chat
