// SPDX-License-Identifier: GPL-3.0-or-later
// What an uploaded file really is, read from its bytes by libmagic (the `file` command's
// library), never from the name the client gave: only audio timbre decodes is kept, under the
// extension of the type found, so a script named song.mp3 is refused and a FLAC named
// song.mp3 is stored as song.flac.
#pragma once

#include <filesystem>
#include <string>

namespace timbre::host {

struct SniffedType {
    std::string mime;       // as libmagic names it, e.g. "audio/flac", "text/plain"
    std::string extension;  // ".flac", ...; empty when timbre does not decode this type
};

// Throws timbre::Error when libmagic or its database cannot be loaded.
SniffedType sniff_audio(const std::filesystem::path& file);

}  // namespace timbre::host
