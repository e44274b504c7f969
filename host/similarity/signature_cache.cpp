// SPDX-License-Identifier: GPL-3.0-or-later
// A header line, the lists of names the signatures use (a metric's thousands of signatures
// share one), then per signature its row, stamp, list and numbers, as the machine holds them
// (similarity/cache_fields), like the other caches beside the store.
#include "similarity/signature_cache.hpp"

#include <xxhash.h>

#include <fstream>
#include <map>
#include <memory>

#include "results/partial_file.hpp"
#include "similarity/cache_fields.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr const char* kSignaturesHeader = "timbre similarity signatures 1\n";
constexpr std::uint64_t kLongestText = 1 << 16;  // a name or an output name; longer means damage

void write_text(std::ostream& out, const std::string& text) {
    write_field<std::uint64_t>(out, text.size());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

bool read_text(std::istream& in, std::string& text) {
    const auto size = read_field<std::uint64_t>(in);
    if (!in || size > kLongestText) {
        return false;
    }
    text.resize(size);
    in.read(text.data(), static_cast<std::streamsize>(size));
    return static_cast<bool>(in);
}

}  // namespace

std::uint64_t signature_stamp(const std::string& path, const std::string& content_hash, const std::string& pipeline,
                              const std::string& analysed_at) {
    const std::string text = path + '\0' + content_hash + '\0' + pipeline + '\0' + analysed_at;
    return XXH3_64bits(text.data(), text.size());
}

SignatureCache::SignatureCache(const std::filesystem::path& store)
    : file_(std::filesystem::path(store.string() + ".similarity") / "signatures") {}

std::vector<CachedSignature> SignatureCache::load() const {
    std::ifstream in(file_, std::ios::binary);
    std::string header;
    if (!in || !std::getline(in, header) || header + "\n" != kSignaturesHeader) {
        return {};
    }
    std::error_code unknown_size;
    const auto bytes = std::filesystem::file_size(file_, unknown_size);
    // Counts a damaged file could make huge are held below what its bytes could hold.
    const auto layout_count = read_field<std::uint64_t>(in);
    if (!in || unknown_size || layout_count > bytes / sizeof(std::uint64_t)) {
        return {};
    }
    std::vector<std::shared_ptr<const std::vector<std::string>>> layouts;
    for (std::uint64_t l = 0; l < layout_count; ++l) {
        const auto name_count = read_field<std::uint64_t>(in);
        if (!in || name_count > bytes / sizeof(std::uint64_t)) {
            return {};
        }
        std::vector<std::string> names(name_count);
        for (auto& name : names) {
            if (!read_text(in, name)) {
                return {};
            }
        }
        layouts.push_back(std::make_shared<const std::vector<std::string>>(std::move(names)));
    }
    const auto entry_count = read_field<std::uint64_t>(in);
    if (!in || entry_count > bytes / (4 * sizeof(std::uint64_t))) {
        return {};
    }
    std::vector<CachedSignature> signatures;
    signatures.reserve(entry_count);
    for (std::uint64_t e = 0; e < entry_count; ++e) {
        const auto track_id = read_field<std::int64_t>(in);
        std::string output;
        if (!in || !read_text(in, output)) {
            return {};
        }
        const auto stamp = read_field<std::uint64_t>(in);
        const auto layout = read_field<std::uint64_t>(in);
        if (!in || layout >= layouts.size()) {
            return {};
        }
        std::vector<double> values(layouts[layout]->size());
        in.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)));
        if (!in) {
            return {};
        }
        signatures.push_back({{track_id, std::move(output), stamp}, Vector(layouts[layout], std::move(values))});
    }
    if (in.peek() != std::char_traits<char>::eof()) {
        return {};
    }
    return signatures;
}

void SignatureCache::save(const std::vector<std::pair<SignatureOrigin, const Vector*>>& signatures) const {
    std::map<const std::vector<std::string>*, std::uint64_t> layout_of;
    std::vector<const std::vector<std::string>*> layouts;
    for (const auto& [origin, signature] : signatures) {
        const auto* names = &signature->names();
        if (layout_of.try_emplace(names, layouts.size()).second) {
            layouts.push_back(names);
        }
    }
    replace_file(file_, "the similarity signatures", [&](std::ostream& out) {
        out << kSignaturesHeader;
        write_field<std::uint64_t>(out, layouts.size());
        for (const auto* names : layouts) {
            write_field<std::uint64_t>(out, names->size());
            for (const auto& name : *names) {
                write_text(out, name);
            }
        }
        write_field<std::uint64_t>(out, signatures.size());
        for (const auto& [origin, signature] : signatures) {
            write_field(out, origin.track_id);
            write_text(out, origin.output);
            write_field(out, origin.stamp);
            write_field(out, layout_of.at(&signature->names()));
            const auto& values = signature->values();
            out.write(reinterpret_cast<const char*>(values.data()),
                      static_cast<std::streamsize>(values.size() * sizeof(double)));
        }
    });
}

}  // namespace timbre::host
