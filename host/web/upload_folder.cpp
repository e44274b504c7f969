// SPDX-License-Identifier: GPL-3.0-or-later
// Part files are named by this process's id and a counter, so two uploads at once (or two
// services sharing a folder) never write the same part; a resumable upload's by its id, which
// one request at a time may write. The final rename is within one folder, so a kept file
// appears whole or not at all.
#include "web/upload_folder.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "timbre/error.hpp"
#include "web/audio_sniffing.hpp"
#include "web/library_api.hpp"

namespace timbre::host {

namespace {

constexpr auto kStalePart = std::chrono::hours(24);

// The client's name as a safe file stem: its last component without extension, every
// character but letters, digits, '.', '-' and '_' turned into '_'; "upload" if nothing is left.
std::string clean_stem(const std::string& requested) {
    std::string stem = std::filesystem::path(requested).filename().stem().string();
    for (char& c : stem) {
        const auto u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '.' && c != '-' && c != '_') {
            c = '_';
        }
    }
    while (!stem.empty() && stem.front() == '.') {
        stem.erase(stem.begin());
    }
    return stem.empty() ? "upload" : stem.substr(0, 120);
}

bool valid_id(const std::string& id) {
    return id.size() >= 8 && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

}  // namespace

UploadFolder::UploadFolder(const std::filesystem::path& folder, std::size_t largest) : largest_(largest) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    folder_ = std::filesystem::canonical(folder, error);
    if (error || !std::filesystem::is_directory(folder_)) {
        throw Error("--uploads " + folder.string() + ": cannot create or use this folder" +
                    (error ? " (" + error.message() + ")" : ""));
    }
    remove_stale_parts();
}

void UploadFolder::remove_stale_parts() const {
    const auto stale = std::filesystem::file_time_type::clock::now() - kStalePart;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder_, error)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(".upload-") && name.ends_with(".part") && entry.last_write_time(error) < stale) {
            std::filesystem::remove(entry.path(), error);
        }
    }
}

std::filesystem::path UploadFolder::part_of(const std::string& id) const {
    return folder_ / (".upload-" + id + ".part");
}

UploadFolder::Receiving UploadFolder::receive() {
    std::size_t number;
    {
        std::lock_guard lock(naming_);
        number = next_part_++;
    }
    const std::string name = ".upload-" + std::to_string(::getpid()) + "-" + std::to_string(number) + ".part";
    return Receiving(*this, folder_ / name, "", 0);
}

UploadFolder::Receiving UploadFolder::resume(const std::string& id, std::size_t offset) {
    if (!valid_id(id)) {
        throw ApiError(400, "an upload id is 8 to 64 letters, digits and '-'");
    }
    if (offset == 0) {
        remove_stale_parts();  // a new upload: those abandoned a day ago go
    }
    std::lock_guard lock(naming_);
    if (sending_.contains(id)) {
        throw ApiError(409, "upload " + id + " is being sent by another request");
    }
    std::error_code missing;
    const auto held = std::filesystem::file_size(part_of(id), missing);
    if (offset != 0 && (missing || held != offset)) {
        throw ApiError(409, "upload " + id + " holds " + std::to_string(missing ? 0 : held) + " bytes, not " +
                                std::to_string(offset) + ": send the rest from there");
    }
    sending_.insert(id);
    return Receiving(*this, part_of(id), id, offset);
}

std::optional<UploadFolder::Progress> UploadFolder::progress(const std::string& id) const {
    if (!valid_id(id)) {
        return std::nullopt;
    }
    // Under the lock a request that is no longer sending has closed its part (its receiver
    // closes the file before it lets go of the id), so the size read is all it wrote.
    std::lock_guard lock(naming_);
    std::error_code missing;
    const auto held = std::filesystem::file_size(part_of(id), missing);
    return missing ? std::nullopt : std::optional(Progress{held, sending_.contains(id)});
}

UploadFolder::Receiving::Receiving(UploadFolder& folder, std::filesystem::path part, std::string id, std::size_t offset)
    : folder_(folder),
      part_(std::move(part)),
      id_(std::move(id)),
      stream_(part_, std::ios::binary | (offset == 0 ? std::ios::trunc : std::ios::app)),
      received_(offset) {
    if (!stream_) {
        std::lock_guard lock(folder_.naming_);
        folder_.sending_.erase(id_);
        throw Error("cannot write an upload into " + folder_.folder().string());
    }
}

UploadFolder::Receiving::~Receiving() {
    stream_.close();
    if (!done_ && id_.empty()) {
        std::error_code ignored;
        std::filesystem::remove(part_, ignored);
    }
    if (!id_.empty()) {
        std::lock_guard lock(folder_.naming_);
        folder_.sending_.erase(id_);
    }
}

void UploadFolder::Receiving::discard() {
    stream_.close();
    std::error_code ignored;
    std::filesystem::remove(part_, ignored);
    done_ = true;
}

bool UploadFolder::Receiving::write(const char* data, std::size_t length) {
    if (length > folder_.largest() - received_) {
        return false;
    }
    received_ += length;
    stream_.write(data, static_cast<std::streamsize>(length));
    if (!stream_) {
        throw Error("writing an upload into " + folder_.folder().string() + " failed");
    }
    return true;
}

std::filesystem::path UploadFolder::Receiving::keep(const std::string& requested_name) {
    stream_.close();
    if (received_ == 0) {
        discard();
        throw ApiError(400, "the upload is empty: send the audio file as the request body");
    }
    const SniffedType type = sniff_audio(part_);
    if (type.extension.empty()) {
        discard();
        throw ApiError(415, "the upload is " + type.mime +
                                ", not audio timbre takes as an upload (MP3, WAV, AIFF, FLAC, Ogg, MP4/M4A, WMA, "
                                "Matroska/WebM, Monkey's Audio, Musepack, AAC, AC-3 or AU)");
    }
    std::lock_guard lock(folder_.naming_);
    const std::string stem = clean_stem(requested_name);
    std::filesystem::path kept = folder_.folder() / (stem + type.extension);
    for (int n = 2; std::filesystem::exists(kept); ++n) {
        kept = folder_.folder() / (stem + "-" + std::to_string(n) + type.extension);
    }
    std::filesystem::rename(part_, kept);
    done_ = true;
    return kept;
}

}  // namespace timbre::host
