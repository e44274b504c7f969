// SPDX-License-Identifier: GPL-3.0-or-later
// Part files are named by this process's id and a counter, so two uploads at once (or two
// services sharing a folder) never write the same part; the final rename is within one
// folder, so a kept file appears whole or not at all.
#include "web/upload_folder.hpp"

#include <unistd.h>

#include "timbre/error.hpp"
#include "web/audio_sniffing.hpp"
#include "web/library_api.hpp"

namespace timbre::host {

namespace {
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
}  // namespace

UploadFolder::UploadFolder(const std::filesystem::path& folder, std::size_t largest) : largest_(largest) {
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    folder_ = std::filesystem::canonical(folder, error);
    if (error || !std::filesystem::is_directory(folder_)) {
        throw Error("--uploads " + folder.string() + ": cannot create or use this folder" +
                    (error ? " (" + error.message() + ")" : ""));
    }
}

UploadFolder::Receiving UploadFolder::receive() {
    std::size_t number;
    {
        std::lock_guard lock(naming_);
        number = next_part_++;
    }
    return Receiving(*this,
                     folder_ / (".upload-" + std::to_string(::getpid()) + "-" + std::to_string(number) + ".part"));
}

UploadFolder::Receiving::Receiving(UploadFolder& folder, std::filesystem::path part)
    : folder_(folder), part_(std::move(part)), stream_(part_, std::ios::binary | std::ios::trunc) {
    if (!stream_) {
        throw Error("cannot write an upload into " + folder_.folder().string());
    }
}

UploadFolder::Receiving::~Receiving() {
    if (!kept_) {
        stream_.close();
        std::error_code ignored;
        std::filesystem::remove(part_, ignored);
    }
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
        throw ApiError(400, "the upload is empty: send the audio file as the request body");
    }
    const SniffedType type = sniff_audio(part_);
    if (type.extension.empty()) {
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
    kept_ = true;
    return kept;
}

}  // namespace timbre::host
