// Test helper: small files whose type libmagic reads for what they are, for the chat file tests
// of the service and of the running server. The PNG holds bytes no text column could keep (NUL,
// and bytes that are not UTF-8).
#pragma once

#include <cstddef>
#include <string>

namespace hearth::chat::testing {

// A valid 1×1 PNG (68 bytes).
inline const std::string kSamplePng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01"
    "\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0b\x49\x44\x41"
    "\x54\x78\x9c\x63\xf8\x0f\x04\x00\x09\xfb\x03\xfd\xfb\x5e\x6b\x2b\x00\x00\x00\x00"
    "\x49\x45\x4e\x44\xae\x42\x60\x82",
    68);
// The smallest PDF libmagic reads as application/pdf.
inline const std::string kSamplePdf =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
    "endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

// A JPEG segment: its marker, then its length (itself included) and payload.
inline std::string jpeg_segment(unsigned char marker, const std::string& payload) {
  const std::size_t length = payload.size() + 2;
  return std::string{'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                     static_cast<char>(length & 0xFF)} +
         payload;
}

// The marks a phone photo carries that must not reach a room, as found in kSampleJpegWithMetadata.
inline const std::string kPhotoPlace = "GPS 40.7128N 74.0060W";
inline const std::string kPhotoComment = "taken at home";
inline const std::string kPhotoXmp = "<x:xmpmeta>Elm Street</x:xmpmeta>";
// A JPEG as libmagic reads one (image/jpeg), shaped like a phone's: JFIF, then an Exif block
// (little-endian TIFF; IFD0 with Orientation 6, "turn 90° clockwise", and a GPS pointer to the
// place), XMP, a comment, a quantization table, and a scan.
inline const std::string kSampleJpegWithMetadata = [] {
  const std::string tiff =
      std::string("II\x2A\x00\x08\x00\x00\x00", 8) + std::string("\x02\x00", 2) +  // two entries
      std::string("\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00", 12) +        // Orientation 6
      std::string("\x25\x88\x04\x00\x01\x00\x00\x00\x26\x00\x00\x00", 12) +        // GPS IFD at 38
      std::string("\x00\x00\x00\x00", 4) + kPhotoPlace;
  return std::string("\xFF\xD8", 2) +
         jpeg_segment(0xE0, std::string("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 14)) +
         jpeg_segment(0xE1, std::string("Exif\x00\x00", 6) + tiff) +
         jpeg_segment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\x00", 29) + kPhotoXmp) +
         jpeg_segment(0xFE, kPhotoComment) +
         jpeg_segment(0xDB, std::string(1, '\x00') + std::string(64, '\x01')) +
         jpeg_segment(0xDA, std::string("\x01\x01\x00\x00\x3F\x00", 6)) +
         std::string("\x12\x34\x56\xFF\x00\x78\xFF\xD9", 8);
}();

}  // namespace hearth::chat::testing
