// SPDX-License-Identifier: GPL-3.0-or-later
// Each file is a header line, then counts, ids and numbers as the machine holds them
// (similarity/cache_fields; the subspace's and the map's after a line with the fingerprint of
// what they were made from; the map's points with their track ids); a file
// that does not parse is treated as missing.
#include "similarity/similarity_cache.hpp"

#include <cstring>

#include "results/partial_file.hpp"
#include "similarity/cache_fields.hpp"
#include "timbre/error.hpp"
#include "tracks/content_hash.hpp"

namespace timbre::host {

namespace {

constexpr const char* kScalesHeader = "timbre similarity scales 1\n";
constexpr const char* kSubspaceHeader = "timbre similarity subspace 1\n";
constexpr const char* kMapHeader = "timbre similarity map 1\n";

}  // namespace

SimilarityCache::SimilarityCache(const std::filesystem::path& store, const std::string& mix, Writes writes)
    : folder_(store.string() + ".similarity"), key_("mix-" + hash_text(mix).substr(0, 16)), writes_(writes) {}

void SimilarityCache::replace(const std::filesystem::path& file, const std::string& what,
                              const std::function<void(std::ostream&)>& write) const {
    if (writable()) {
        replace_file(file, what, write);
    }
}

std::optional<StoredScales> SimilarityCache::load_scales() const {
    const std::string bytes = cache_file_bytes(scales_file());
    FieldReader in(bytes.data(), bytes.size());
    if (!in.skip_text(kScalesHeader)) {
        return std::nullopt;
    }
    StoredScales scales;
    const auto samples = in.field<std::uint64_t>();
    for (std::uint64_t i = 0; i < samples && in; ++i) {
        scales.sample.push_back(in.field<std::int64_t>());
    }
    scales.scales_per_track = in.field<std::uint64_t>();
    const auto tracks = in.field<std::uint64_t>();
    for (std::uint64_t t = 0; t < tracks && in; ++t) {
        auto& track = scales.tracks[in.field<std::int64_t>()];
        for (std::size_t s = 0; s < scales.scales_per_track && in; ++s) {
            const auto mean = in.field<double>();
            track.push_back({mean, in.field<double>()});
        }
    }
    if (!in || in.left() != 0 || scales.tracks.size() != tracks) {
        return std::nullopt;
    }
    return scales;
}

void SimilarityCache::save_scales(const StoredScales& scales) const {
    replace(scales_file(), "the similarity scales", [&](std::ostream& out) {
        out << kScalesHeader;
        write_field<std::uint64_t>(out, scales.sample.size());
        for (std::int64_t id : scales.sample) {
            write_field(out, id);
        }
        write_field<std::uint64_t>(out, scales.scales_per_track);
        write_field<std::uint64_t>(out, scales.tracks.size());
        for (const auto& [id, track] : scales.tracks) {
            write_field(out, id);
            for (const auto& scale : track) {
                write_field(out, scale.mean);
                write_field(out, scale.deviation);
            }
        }
    });
}

std::optional<PrincipalSubspace> SimilarityCache::load_subspace(const std::string& rows) const {
    const std::string bytes = cache_file_bytes(subspace_file());
    FieldReader in(bytes.data(), bytes.size());
    if (!in.skip_text(kSubspaceHeader) || in.line() != rows) {
        return std::nullopt;
    }
    const auto input = in.field<std::uint64_t>();
    const auto components = in.field<std::uint64_t>();
    const auto retained = in.field<double>();
    if (!in || components > input || input > (std::uint64_t{1} << 24) || components > 4096) {
        return std::nullopt;
    }
    std::vector<float> basis(input * components);
    const char* numbers = in.skip(basis.size() * sizeof(float));
    if (!in || in.left() != 0) {
        return std::nullopt;
    }
    if (!basis.empty()) {  // an empty vector's data() may be null, which memcpy must never be given
        std::memcpy(basis.data(), numbers, basis.size() * sizeof(float));
    }
    return PrincipalSubspace(input, components, std::move(basis), retained);
}

void SimilarityCache::save_subspace(const std::string& rows, const PrincipalSubspace& subspace) const {
    replace(subspace_file(), "the similarity subspace", [&](std::ostream& out) {
        out << kSubspaceHeader << rows << "\n";
        write_field<std::uint64_t>(out, subspace.input());
        write_field<std::uint64_t>(out, subspace.dimension());
        write_field(out, subspace.retained());
        out.write(reinterpret_cast<const char*>(subspace.basis().data()),
                  static_cast<std::streamsize>(subspace.basis().size() * sizeof(float)));
    });
}

std::optional<KeptMap> SimilarityCache::load_map() const {
    const std::string bytes = cache_file_bytes(map_file());
    FieldReader in(bytes.data(), bytes.size());
    KeptMap map;
    if (!in.skip_text(kMapHeader)) {
        return std::nullopt;
    }
    map.library = in.line();
    const auto tracks = in.field<std::uint64_t>();
    for (std::uint64_t i = 0; i < tracks && in; ++i) {
        PlacedTrack& track = map.tracks.emplace_back();
        track.id = in.field<std::int64_t>();
        track.point.x = in.field<float>();
        track.point.y = in.field<float>();
    }
    if (!in || in.left() != 0) {
        return std::nullopt;
    }
    return map;
}

void SimilarityCache::save_map(const KeptMap& map) const {
    replace(map_file(), "the library's map", [&](std::ostream& out) {
        out << kMapHeader << map.library << "\n";
        write_field<std::uint64_t>(out, map.tracks.size());
        for (const PlacedTrack& track : map.tracks) {
            write_field(out, track.id);
            write_field(out, track.point.x);
            write_field(out, track.point.y);
        }
    });
}

}  // namespace timbre::host
