// SPDX-License-Identifier: GPL-3.0-or-later
// The similarity signatures of a store's tracks kept beside it as numbers
// (`timbre.db.similarity/signatures`), so that a command opening the library reads them
// without parsing the store's JSON: at 14,420 tracks the JSON is 930 MB and reading it was
// most of what `timbre similar` took. Like the rest of that folder a cache: each entry is
// checked against the track row it came from, and a missing, stale or damaged file costs
// time, never a different answer.
#pragma once

#include <cstdint>
#include <filesystem>
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

struct CachedSignature {
    SignatureOrigin origin;
    Vector signature;
};

// The stamp of a track row: a cached signature is used only for a row with the same stamp,
// so a store replaced by another one under the same name never lends it its numbers.
std::uint64_t signature_stamp(const std::string& path, const std::string& content_hash, const std::string& pipeline,
                              const std::string& analysed_at);

class SignatureCache {
public:
    explicit SignatureCache(const std::filesystem::path& store);

    // Every signature kept; none when there is no file or it does not parse.
    std::vector<CachedSignature> load() const;
    // Written whole to a temporary file, then renamed over the old one. Throws timbre::Error
    // naming the file when it cannot be written.
    void save(const std::vector<std::pair<SignatureOrigin, const Vector*>>& signatures) const;

    const std::filesystem::path& file() const { return file_; }

private:
    std::filesystem::path file_;
};

}  // namespace timbre::host
