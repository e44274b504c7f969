// SPDX-License-Identifier: GPL-3.0-or-later
// Where files uploaded through the web service land (`timbre serve --uploads DIR`): each is
// received into a hidden part file, at most `largest` bytes, then sniffed (audio_sniffing.hpp)
// and kept under a clean name of its own (the client's name reduced to letters, digits, dot,
// dash and underscore, with the sniffed extension, never overwriting a file there); a part
// that fails is removed. A resumable upload's part is named by the client's id and outlives
// a request cut off, so that the next one goes on from the bytes it holds; parts untouched
// for a day are removed when the folder is opened and when a new upload starts. The folder is one of the service's
// library folders, so its files are analysed like any other.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace timbre::host {

class UploadFolder {
public:
    // Creates the folder if needed; throws timbre::Error when it cannot.
    UploadFolder(const std::filesystem::path& folder, std::size_t largest);
    const std::filesystem::path& folder() const { return folder_; }
    std::size_t largest() const { return largest_; }

    // One file being received.
    class Receiving {
    public:
        ~Receiving();  // removes the part file unless kept, or resumable and not refused
        Receiving(const Receiving&) = delete;
        Receiving& operator=(const Receiving&) = delete;
        // Appends `data`; false, writing nothing, when the file would grow past the
        // folder's largest size.
        bool write(const char* data, std::size_t length);
        // The bytes the part holds.
        std::size_t received() const { return received_; }
        // Sniffs what came and keeps it; ApiError 400 for nothing received, 415 for a type
        // timbre does not decode (naming the type found), the part removed. Returns the kept
        // file's path.
        std::filesystem::path keep(const std::string& requested_name);
        // Removes the part (a resumable one too): what came cannot be used.
        void discard();

    private:
        friend class UploadFolder;
        Receiving(UploadFolder& folder, std::filesystem::path part, std::string id, std::size_t offset);
        UploadFolder& folder_;
        std::filesystem::path part_;
        std::string id_;  // a resumable upload's; "" for one that lives as long as its request
        std::ofstream stream_;
        std::size_t received_ = 0;
        bool done_ = false;  // kept or discarded
    };

    Receiving receive();
    // The part of resumable upload `id` (8 to 64 letters, digits and '-'), continued at
    // `offset`, which must be the bytes it holds (0 starts it again). ApiError: 400 for a bad
    // id, 409 for another offset (naming the bytes held) or an id another request is sending.
    Receiving resume(const std::string& id, std::size_t offset);
    // Where resumable upload `id` stands: the bytes its part holds and whether a request is
    // sending it now (then more may come, and another request for it is refused); nullopt
    // where there is no part.
    struct Progress {
        std::size_t received = 0;
        bool sending = false;
    };
    std::optional<Progress> progress(const std::string& id) const;

private:
    std::filesystem::path part_of(const std::string& id) const;
    // Removes the part files untouched for a day: uploads abandoned, or left by a killed service.
    void remove_stale_parts() const;

    std::filesystem::path folder_;  // canonical
    std::size_t largest_;
    mutable std::mutex naming_;  // choosing a free final name and renaming into it; `sending_`
    std::size_t next_part_ = 0;
    std::set<std::string> sending_;  // resumable uploads a request is receiving now
};

}  // namespace timbre::host
