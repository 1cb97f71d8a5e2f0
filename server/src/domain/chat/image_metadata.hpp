// Strips what an image says besides its picture before it is stored and shown to a room: a
// phone's photo carries, in its Exif block, where it was taken (GPS), when, and on what device —
// for a participant sharing a picture from home, their address. Only the picture's own structure
// is kept (and, for a JPEG, the one Exif field that tells how to turn it, so that a phone's
// portrait photo is not shown on its side).
//
// - JPEG: drops every APP1 segment (Exif, XMP), APP13 (IPTC), COM and APP2 "MPF", wherever they
//   stand, and anything after the end of the image (where phones put further pictures, each with
//   its own Exif); a rotation other than "upright" comes back as a minimal Exif block holding
//   only Orientation.
// - PNG: drops eXIf, tEXt, zTXt, iTXt and tIME chunks, and anything after IEND.
// - WebP: drops the EXIF and XMP chunks and clears their flags in VP8X.
// - GIF and PDF are returned as they are (GIF has no standard place for a location; a PDF's
//   document information is its author's business).
//
// A file whose structure cannot be walked (truncated, a length running past the end) is refused:
// what it carries could not be removed. Pure functions; no I/O.
#pragma once

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace hearth::chat {

// `bytes` without their metadata, for `type` as libmagic read it (file_type.hpp).
// invalid_argument (field "content") for an image whose structure is damaged.
Result<std::string> without_metadata(std::string_view bytes, std::string_view type);

}  // namespace hearth::chat
