// SPDX-License-Identifier: GPL-3.0-or-later
// A header line, the lists of names the signatures use (a metric's thousands of signatures
// share one), per signature its row, stamp and list, then every signature's numbers in that
// order, as the machine holds them (similarity/cache_fields), like the other caches beside
// the store. The numbers come last so that opening reads the entries' few megabytes and not
// the pages between them (with each entry beside its numbers, walking the entries touched
// every page of the file). Opening checks the numbers' length against the file's, so a file
// cut short is refused before any number is read from it; version 1 files are read as none.
#include "similarity/signature_cache.hpp"

#include <xxhash.h>

#include <cstring>
#include <map>
#include <memory>

#include "results/partial_file.hpp"
#include "similarity/cache_fields.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr const char* kSignaturesHeader = "timbre similarity signatures 2\n";
constexpr std::uint64_t kLongestText = 1 << 16;  // a name or an output name; longer means damage

}  // namespace

std::uint64_t signature_stamp(const std::string& path, const std::string& content_hash, const std::string& pipeline,
                              const std::string& analysed_at) {
    const std::string text = path + '\0' + content_hash + '\0' + pipeline + '\0' + analysed_at;
    return XXH3_64bits(text.data(), text.size());
}

SignatureCache::SignatureCache(const std::filesystem::path& store)
    : file_(std::filesystem::path(store.string() + ".similarity") / "signatures") {}

Vector KeptSignatures::signature(std::size_t entry) const {
    const Entry& kept = entries_[entry];
    std::vector<double> values(layouts_[kept.layout]->size());
    if (!values.empty()) {  // an empty vector's data() may be null, which memcpy must never be given
        std::memcpy(values.data(), kept.values, values.size() * sizeof(double));
    }
    return Vector(layouts_[kept.layout], std::move(values));
}

std::unique_ptr<const KeptSignatures> SignatureCache::open() const {
    auto kept = std::make_unique<KeptSignatures>();
    try {
        kept->file_ = boost::interprocess::file_mapping(file_.c_str(), boost::interprocess::read_only);
        kept->region_ = boost::interprocess::mapped_region(kept->file_, boost::interprocess::read_only);
    } catch (const boost::interprocess::interprocess_exception&) {
        return nullptr;  // no file, or an empty one
    }
    FieldReader in(static_cast<const char*>(kept->region_.get_address()), kept->region_.get_size());
    if (!in.skip_text(kSignaturesHeader)) {
        return nullptr;
    }
    // Counts a damaged file could make huge are held below what its bytes could hold.
    const auto layout_count = in.field<std::uint64_t>();
    if (!in || layout_count > in.left() / sizeof(std::uint64_t)) {
        return nullptr;
    }
    for (std::uint64_t l = 0; l < layout_count; ++l) {
        const auto name_count = in.field<std::uint64_t>();
        if (!in || name_count > in.left() / sizeof(std::uint64_t)) {
            return nullptr;
        }
        std::vector<std::string> names(name_count);
        for (auto& name : names) {
            name = in.text(kLongestText);
        }
        if (!in) {
            return nullptr;
        }
        kept->layouts_.push_back(std::make_shared<const std::vector<std::string>>(std::move(names)));
    }
    const auto entry_count = in.field<std::uint64_t>();
    if (!in || entry_count > in.left() / (4 * sizeof(std::uint64_t))) {
        return nullptr;
    }
    kept->entries_.reserve(entry_count);
    for (std::uint64_t e = 0; e < entry_count; ++e) {
        KeptSignatures::Entry entry;
        entry.origin.track_id = in.field<std::int64_t>();
        entry.origin.output = in.text(kLongestText);
        entry.origin.stamp = in.field<std::uint64_t>();
        entry.layout = in.field<std::uint64_t>();
        if (!in || entry.layout >= kept->layouts_.size()) {
            return nullptr;
        }
        kept->entries_.push_back(std::move(entry));
    }
    for (auto& entry : kept->entries_) {
        entry.values = in.skip(kept->layouts_[entry.layout]->size() * sizeof(double));
    }
    if (!in || in.left() != 0) {
        return nullptr;
    }
    return kept;
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
        }
        for (const auto& [origin, signature] : signatures) {
            const auto& values = signature->values();
            out.write(reinterpret_cast<const char*>(values.data()),
                      static_cast<std::streamsize>(values.size() * sizeof(double)));
        }
    });
}

}  // namespace timbre::host
