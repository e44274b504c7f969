// SPDX-License-Identifier: GPL-3.0-or-later
// TagLib's FileRef picks the tag format from the file type; its PropertyMap unifies the
// lyrics field across ID3v2 (USLT) and Xiph comments.
#include "decode/tag_reader.hpp"

#include <taglib/fileref.h>
#include <taglib/tag.h>
#include <taglib/tpropertymap.h>

namespace timbre::host {

namespace {
std::string utf8(const TagLib::String& text) { return text.to8Bit(true); }
}  // namespace

TrackTags read_tags(const std::filesystem::path& file) {
    TrackTags tags;
    TagLib::FileRef ref(file.c_str(), false);
    if (ref.isNull() || ref.tag() == nullptr) {
        return tags;
    }
    const TagLib::Tag& tag = *ref.tag();
    tags.artist = utf8(tag.artist());
    tags.title = utf8(tag.title());
    tags.album = utf8(tag.album());
    tags.genre = utf8(tag.genre());
    tags.year = static_cast<int>(tag.year());
    const TagLib::PropertyMap properties = ref.file()->properties();
    for (const char* key : {"LYRICS", "UNSYNCEDLYRICS"}) {
        const auto it = properties.find(key);
        if (it != properties.end() && !it->second.isEmpty()) {
            tags.lyrics = utf8(it->second.toString("\n"));
            break;
        }
    }
    return tags;
}

}  // namespace timbre::host
