// SPDX-License-Identifier: GPL-3.0-or-later
// The similarity signatures of a store's tracks kept beside it as numbers
// (`timbre.db.similarity/signatures`), so that a command opening the library reads them
// without parsing the store's rows: at 14,420 tracks the JSON was 930 MB and reading it was
// most of what `timbre similar` took. The file is mapped, not read: a query reads the
// signatures of the tracks it compares. Like the rest of that folder a cache: each entry is
// checked against the track row it came from, and a missing, stale or damaged file costs
// time, never a different answer. It is only ever replaced whole (renamed over), never
// rewritten in place, so a mapping held by a running command stays valid.
#pragma once

#include <boost/interprocess/file_mapping.hpp>
#include <boost/interprocess/mapped_region.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "timbre/values.hpp"

namespace timbre::host {

// Where a stored signature comes from: the features row (track row and output,
// "timbre.signature") and a stamp of what that track row says about its analysis (path,
// content, pipeline, time).
struct SignatureOrigin {
    std::int64_t track_id = 0;
    std::string output;
    std::uint64_t stamp = 0;
};

// A signatures file opened for reading: what each entry is, and its numbers read from the
// file (mapped into memory, read only by the pages it touches) when asked for. Opening a
// 14,436-track library's 227 MB file walks the entries, not the numbers, so a command that
// asks for a few hundred tracks reads a few hundred signatures.
class KeptSignatures {
public:
    std::size_t size() const { return entries_.size(); }
    const SignatureOrigin& origin(std::size_t entry) const { return entries_[entry].origin; }
    // The entry's signature, its names shared with every other of its layout's.
    Vector signature(std::size_t entry) const;

private:
    friend class SignatureCache;
    struct Entry {
        SignatureOrigin origin;
        std::size_t layout = 0;
        const char* values = nullptr;  // in the mapping: as many doubles as the layout has names
    };
    boost::interprocess::file_mapping file_;
    boost::interprocess::mapped_region region_;
    std::vector<std::shared_ptr<const std::vector<std::string>>> layouts_;
    std::vector<Entry> entries_;
};

// The stamp of a track row: a cached signature is used only for a row with the same stamp,
// so a store replaced by another one under the same name never lends it its numbers.
std::uint64_t signature_stamp(const std::string& path, const std::string& content_hash, const std::string& pipeline,
                              const std::string& analysed_at);

class SignatureCache {
public:
    explicit SignatureCache(const std::filesystem::path& store);

    // The kept signatures; nullptr when there is no file or it does not parse. Valid while
    // the file is replaced (a new one is renamed over it).
    std::unique_ptr<const KeptSignatures> open() const;
    // Written whole to a temporary file, then renamed over the old one. Throws timbre::Error
    // naming the file when it cannot be written.
    void save(const std::vector<std::pair<SignatureOrigin, const Vector*>>& signatures) const;

    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
};

}  // namespace timbre::host
