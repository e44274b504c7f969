// SPDX-License-Identifier: GPL-3.0-or-later
// Where files uploaded through the web service land (`timbre serve --uploads DIR`): each is
// received into a hidden part file, at most `largest` bytes, then sniffed (audio_sniffing.hpp)
// and kept under a clean name of its own (the client's name reduced to letters, digits, dot,
// dash and underscore, with the sniffed extension, never overwriting a file there); a part
// that fails is removed. The folder is one of the service's library folders, so its files
// are analysed like any other.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <mutex>
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
        ~Receiving();  // removes the part file unless kept
        Receiving(const Receiving&) = delete;
        Receiving& operator=(const Receiving&) = delete;
        // Appends `data`; false, writing nothing, when the file would grow past the
        // folder's largest size.
        bool write(const char* data, std::size_t length);
        // Sniffs what came and keeps it; ApiError 400 for nothing received, 415 for a type
        // timbre does not decode (naming the type found). Returns the kept file's path.
        std::filesystem::path keep(const std::string& requested_name);

    private:
        friend class UploadFolder;
        Receiving(UploadFolder& folder, std::filesystem::path part);
        UploadFolder& folder_;
        std::filesystem::path part_;
        std::ofstream stream_;
        std::size_t received_ = 0;
        bool kept_ = false;
    };

    Receiving receive();

private:
    std::filesystem::path folder_;  // canonical
    std::size_t largest_;
    std::mutex naming_;  // choosing a free final name and renaming into it
    std::size_t next_part_ = 0;
};

}  // namespace timbre::host
