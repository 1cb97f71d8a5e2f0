// Test helper: small files whose type libmagic reads for what they are, for the chat file tests
// of the service and of the running server. The PNG holds bytes no text column could keep (NUL,
// and bytes that are not UTF-8).
#pragma once

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

}  // namespace hearth::chat::testing
