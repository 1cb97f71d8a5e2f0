#include "domain/chat/image_metadata.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace hearth::chat {
namespace {

Error damaged() {
  return Error::of(Errc::invalid_argument, "the image's structure is damaged", "content");
}

std::uint8_t byte_at(std::string_view s, std::size_t i) {
  return static_cast<std::uint8_t>(s[i]);
}

std::uint32_t big_endian(std::string_view s, std::size_t at, int width) {
  std::uint32_t value = 0;
  for (int i = 0; i < width; ++i) value = (value << 8) | byte_at(s, at + i);
  return value;
}

std::uint32_t little_endian(std::string_view s, std::size_t at, int width) {
  std::uint32_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = (value << 8) | byte_at(s, at + i);
  return value;
}

// --- JPEG -----------------------------------------------------------------------------------

constexpr std::string_view kExifHeader{"Exif\0\0", 6};

// The Orientation (tag 0x0112) of IFD0 in an APP1 Exif payload, when it is 2–8: the turns and
// mirrorings a viewer must apply. 1 (upright), absent or unreadable: nullopt.
std::optional<std::uint16_t> exif_orientation(std::string_view payload) {
  if (!payload.starts_with(kExifHeader)) return std::nullopt;
  const std::string_view tiff = payload.substr(kExifHeader.size());
  if (tiff.size() < 8) return std::nullopt;
  const bool little = tiff.starts_with("II");
  if (!little && !tiff.starts_with("MM")) return std::nullopt;
  const auto read = [&](std::size_t at, int width) {
    return little ? little_endian(tiff, at, width) : big_endian(tiff, at, width);
  };
  if (read(2, 2) != 42) return std::nullopt;
  const std::size_t ifd0 = read(4, 4);
  if (ifd0 > tiff.size() || tiff.size() - ifd0 < 2) return std::nullopt;
  const std::size_t entries = read(ifd0, 2);
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t entry = ifd0 + 2 + 12 * i;
    if (entry + 12 > tiff.size()) break;
    if (read(entry, 2) != 0x0112) continue;
    constexpr std::uint32_t kShort = 3;
    if (read(entry + 2, 2) != kShort) return std::nullopt;
    const auto orientation = static_cast<std::uint16_t>(read(entry + 8, 2));
    if (orientation < 2 || orientation > 8) return std::nullopt;
    return orientation;
  }
  return std::nullopt;
}

// An APP1 segment holding only Orientation: a big-endian TIFF header, IFD0 with one SHORT entry,
// and no next IFD (36 bytes with the marker).
std::string orientation_segment(std::uint16_t orientation) {
  std::string segment = "\xFF\xE1";
  segment += std::string("\x00\x22", 2);  // length: 34, itself included
  segment += kExifHeader;
  segment += std::string("MM\x00\x2A\x00\x00\x00\x08", 8);        // header, IFD0 at 8
  segment += std::string("\x00\x01", 2);                          // one entry
  segment += std::string("\x01\x12\x00\x03\x00\x00\x00\x01", 8);  // Orientation, SHORT, 1
  segment += static_cast<char>(0);                                // the value, big-endian,
  segment += static_cast<char>(orientation);                      // left-aligned in 4 bytes
  segment += std::string("\x00\x00\x00\x00\x00\x00", 6);          // padding, no next IFD
  return segment;
}

bool is_standalone_marker(std::uint8_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);  // TEM, RST0–RST7
}

// APP1 (Exif, XMP), APP13 (IPTC), COM, and APP2 "MPF" (the index of a phone's further pictures
// after the end of the image, which are dropped with everything else that follows it).
bool is_metadata_segment(std::uint8_t marker, std::string_view payload) {
  return marker == 0xE1 || marker == 0xED || marker == 0xFE ||
         (marker == 0xE2 && payload.starts_with(std::string_view("MPF\0", 4)));
}

Result<std::string> jpeg_without_metadata(std::string_view bytes) {
  if (bytes.size() < 4 || byte_at(bytes, 0) != 0xFF || byte_at(bytes, 1) != 0xD8) {
    return damaged();
  }
  std::string out(bytes.substr(0, 2));
  out.reserve(bytes.size());
  bool orientation_kept = false;
  bool in_scan = false;  // after a start of scan: compressed picture data up to the next marker
  std::size_t at = 2;
  while (true) {
    if (in_scan) {
      // In the picture data FF 00 is a data byte and RST0–RST7 mark restart points; any other
      // marker ends the scan (another table or scan of a progressive JPEG, or the end).
      const std::size_t ff = bytes.find('\xFF', at);
      if (ff == std::string_view::npos || ff + 1 >= bytes.size()) {
        out += bytes.substr(at);  // no end marker: the rest is picture data
        return out;
      }
      const std::uint8_t next = byte_at(bytes, ff + 1);
      if (next == 0x00 || is_standalone_marker(next)) {
        out += bytes.substr(at, ff + 2 - at);
        at = ff + 2;
        continue;
      }
      out += bytes.substr(at, ff - at);
      at = ff;
    }
    if (at + 2 > bytes.size() || byte_at(bytes, at) != 0xFF) return damaged();
    const std::uint8_t marker = byte_at(bytes, at + 1);
    if (marker == 0xFF) {  // fill byte before a marker
      ++at;
      continue;
    }
    if (marker == 0xD9) {  // end of image: whatever follows is not this picture
      out += bytes.substr(at, 2);
      return out;
    }
    if (is_standalone_marker(marker)) {
      out += bytes.substr(at, 2);
      at += 2;
      continue;
    }
    if (at + 4 > bytes.size()) return damaged();
    const std::size_t length = big_endian(bytes, at + 2, 2);
    if (length < 2 || at + 2 + length > bytes.size()) return damaged();
    const std::string_view payload = bytes.substr(at + 4, length - 2);
    if (!is_metadata_segment(marker, payload)) {
      out += bytes.substr(at, 2 + length);
    } else if (marker == 0xE1 && !orientation_kept) {
      if (const auto orientation = exif_orientation(payload)) {
        out += orientation_segment(*orientation);
        orientation_kept = true;
      }
    }
    in_scan = in_scan || marker == 0xDA;  // start of scan
    at += 2 + length;
  }
}

// --- PNG ------------------------------------------------------------------------------------

constexpr std::string_view kPngSignature{"\x89PNG\r\n\x1a\n", 8};
constexpr std::array<std::string_view, 5> kPngMetadataChunks = {"eXIf", "tEXt", "zTXt", "iTXt",
                                                                "tIME"};

Result<std::string> png_without_metadata(std::string_view bytes) {
  if (!bytes.starts_with(kPngSignature)) return damaged();
  std::string out(kPngSignature);
  out.reserve(bytes.size());
  std::size_t at = kPngSignature.size();
  while (true) {
    if (at + 12 > bytes.size()) return damaged();  // no IEND
    const std::size_t length = big_endian(bytes, at, 4);
    if (length > bytes.size() - at - 12) return damaged();
    const std::string_view type = bytes.substr(at + 4, 4);
    bool metadata = false;
    for (const auto name : kPngMetadataChunks) metadata = metadata || type == name;
    if (!metadata) out += bytes.substr(at, 12 + length);
    at += 12 + length;
    if (type == "IEND") return out;  // whatever follows is not part of the image
  }
}

// --- WebP -----------------------------------------------------------------------------------

constexpr std::uint8_t kVp8xExifFlag = 0x08;
constexpr std::uint8_t kVp8xXmpFlag = 0x04;

void append_little_endian32(std::string& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

Result<std::string> webp_without_metadata(std::string_view bytes) {
  if (bytes.size() < 12 || !bytes.starts_with("RIFF") || bytes.substr(8, 4) != "WEBP") {
    return damaged();
  }
  const std::size_t riff_end = 8 + static_cast<std::size_t>(little_endian(bytes, 4, 4));
  if (riff_end > bytes.size() || riff_end < 12) return damaged();
  std::string chunks;
  chunks.reserve(riff_end);
  std::size_t at = 12;
  while (at < riff_end) {
    if (riff_end - at < 8) return damaged();
    const std::string_view fourcc = bytes.substr(at, 4);
    const std::size_t size = little_endian(bytes, at + 4, 4);
    if (size > riff_end - at - 8) return damaged();
    // Chunks are padded to an even size; a last chunk may end without its pad byte.
    const std::size_t padded = std::min(size + (size & 1), riff_end - at - 8);
    if (fourcc == "EXIF" || fourcc == "XMP ") {
      at += 8 + padded;
      continue;
    }
    std::string chunk(bytes.substr(at, 8 + padded));
    if (fourcc == "VP8X" && size >= 1) {
      chunk[8] = static_cast<char>(byte_at(chunk, 8) & ~(kVp8xExifFlag | kVp8xXmpFlag));
    }
    chunks += chunk;
    at += 8 + padded;
  }
  std::string out = "RIFF";
  append_little_endian32(out, static_cast<std::uint32_t>(4 + chunks.size()));
  out += "WEBP";
  out += chunks;
  return out;
}

}  // namespace

Result<std::string> without_metadata(std::string_view bytes, std::string_view type) {
  if (type == "image/jpeg") return jpeg_without_metadata(bytes);
  if (type == "image/png") return png_without_metadata(bytes);
  if (type == "image/webp") return webp_without_metadata(bytes);
  return std::string(bytes);
}

}  // namespace hearth::chat
