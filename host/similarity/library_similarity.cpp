// SPDX-License-Identifier: GPL-3.0-or-later
// Only tracks with every chosen signature take part; the others are counted for the caller
// to report. Scales are measured in two passes: first each metric's scales of the sample's
// tracks, then every track's scales, the mix's included, since the mix of a pair needs both
// tracks' metric scales. A cached scale is reused while the sample it was measured against
// still stands; the sample is redrawn (and every track re-scaled) only when one of its tracks
// left the library or, below `reference_sample` tracks, whenever the library changed, which
// keeps small libraries exact.
#include "similarity/library_similarity.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <sstream>

#include "executor/worker_pool.hpp"
#include "similarity/similarity_cache.hpp"
#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre::host {

std::vector<MetricWeight> parse_metric_weights(const std::string& text, const TrackCatalogue& catalogue,
                                               const std::vector<MetricWeight>& configured) {
    const auto available = catalogue.signature_nodes();
    std::string listed;
    for (const auto& node : available) {
        listed += (listed.empty() ? "" : ", ") + node;
    }
    if (available.empty()) {
        throw Error("the store has no similarity signatures: analyse the library with a config that has similarity "
                    "nodes, e.g. `timbre analyze configs/similarity.yaml MUSIC --db STORE`");
    }
    std::vector<MetricWeight> weights;
    const bool configured_stored = !configured.empty() && std::all_of(configured.begin(), configured.end(), [&](const auto& w) {
        return std::find(available.begin(), available.end(), w.node) != available.end();
    });
    if (text.empty() && configured_stored) {
        return configured;
    }
    if (text.empty()) {
        for (const auto& node : available) {
            weights.push_back({node, 1.0});
        }
        return weights;
    }
    std::istringstream parts(text);
    for (std::string part; std::getline(parts, part, ',');) {
        const auto colon = part.find(':');
        MetricWeight weight{part.substr(0, colon), 1.0};
        if (colon != std::string::npos) {
            try {
                weight.weight = std::stod(part.substr(colon + 1));
            } catch (const std::exception&) {
                throw Error("--metric " + part + ": the weight after ':' must be a number");
            }
        }
        if (std::find(available.begin(), available.end(), weight.node) == available.end()) {
            throw Error("--metric " + weight.node + ": the store has no signatures of that metric (it has: " + listed + ")");
        }
        if (!(weight.weight > 0.0)) {
            throw Error("--metric " + part + ": a weight must be positive");
        }
        weights.push_back(weight);
    }
    return weights;
}

namespace {

std::string mix_text(const std::vector<WeightedMetric>& metrics, const SearchSettings& settings) {
    std::ostringstream text;
    text << "reference sample " << settings.reference_sample << "\n";
    for (const auto& metric : metrics) {
        text << metric.choice.node << " weight " << metric.choice.weight << ": " << metric.made_by << "\n";
    }
    return text.str();
}

}  // namespace

LibrarySimilarity::LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics,
                                     const std::optional<std::filesystem::path>& cache_store, SearchSettings settings)
    : catalogue_(catalogue), metrics_(metrics), settings_(settings) {
    find_members();
    if (!members_.empty()) {
        open(cache_store);
    }
}

LibrarySimilarity::LibrarySimilarity(const TrackCatalogue& catalogue, const std::vector<WeightedMetric>& metrics,
                                     const LibrarySimilarity& library,
                                     const std::optional<std::filesystem::path>& cache_store)
    : catalogue_(catalogue), metrics_(metrics), settings_(library.settings_) {
    find_members();
    if (members_.empty()) {
        return;
    }
    // Above the reference sample's size the library's sample stands whatever visitors come
    // (open() would keep it too), so what was measured against it holds.
    if (library.members_.size() > settings_.reference_sample &&
        members_.size() == library.members_.size() + visitors_.size()) {
        borrow(library);
    } else {
        open(cache_store);
    }
}

void LibrarySimilarity::find_members() {
    for (const auto& metric : metrics_) {
        weight_sum_ += metric.choice.weight;
    }
    for (const auto& metric : metrics_) {
        columns_.push_back(catalogue_.signatures(metric.choice.node));
    }
    for (std::size_t i = 0; i < catalogue_.tracks().size(); ++i) {
        const auto has_signature = [&](const SignatureColumn* column) { return column && column->has(i); };
        if (!std::all_of(columns_.begin(), columns_.end(), has_signature)) {
            ++unsigned_;
            continue;
        }
        if (catalogue_.tracks()[i].visiting()) {
            visitors_.push_back(members_.size());
        }
        member_by_id_[catalogue_.tracks()[i].id] = members_.size();
        members_.push_back(i);
    }
}

void LibrarySimilarity::fit_metrics() {
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        std::vector<const Vector*> fitted;
        for (std::size_t s : sample_) {
            fitted.push_back(&signature(m, s));
        }
        metrics_[m].metric->fit(fitted);
    }
    tables_.resize(metrics_.size());
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        if (EmbeddingTable::applies_to(*metrics_[m].metric)) {
            tables_[m].emplace(*metrics_[m].metric, "node '" + metrics_[m].choice.node + "'", members_.size(),
                               [this, m](std::size_t member) -> const Vector& { return signature(m, member); });
        }
    }
}

void LibrarySimilarity::borrow(const LibrarySimilarity& library) {
    for (std::size_t s : library.sample_) {
        sample_.push_back(member_by_id_.at(library.catalogue_.tracks()[library.members_[s]].id));
    }
    std::sort(sample_.begin(), sample_.end());
    fit_metrics();
    scales_.assign(members_.size(), {});
    for (std::size_t i = 0; i < members_.size(); ++i) {
        if (const auto own = library.member_by_id_.find(catalogue_.tracks()[members_[i]].id);
            own != library.member_by_id_.end()) {
            scales_[i] = library.scales_[own->second];
        }
    }
    scale_members(visitors_);
    embedding_ = library.embedding_;
    index_ = library.index_;
}

void LibrarySimilarity::open(const std::optional<std::filesystem::path>& cache_store) {
    const std::size_t n = members_.size();
    const std::size_t per_track = metrics_.size() > 1 ? metrics_.size() + 1 : 1;
    std::optional<StoredScales> kept;
    if (cache_store) {
        // Visiting tracks are scaled for this query only, and never indexed: what is kept stays the library's.
        cache_.emplace(*cache_store, mix_text(metrics_, settings_),
                       catalogue_.has_visitors() ? SimilarityCache::Writes::skipped : SimilarityCache::Writes::made);
        kept = cache_->load_scales();
    }
    if (kept) {
        const bool sample_present = std::all_of(kept->sample.begin(), kept->sample.end(),
                                                [&](std::int64_t id) { return member_by_id_.contains(id); });
        const bool sample_fits = n <= settings_.reference_sample ? kept->sample.size() == n
                                                                 : 2 * kept->sample.size() >= settings_.reference_sample;
        if (!sample_present || !sample_fits || kept->scales_per_track != per_track) {
            kept.reset();
        }
    }
    if (kept) {
        for (std::int64_t id : kept->sample) {
            sample_.push_back(member_by_id_.at(id));
        }
        std::sort(sample_.begin(), sample_.end());
    } else {
        // Content hashes are uniformly spread, so the first ones in their order are a random
        // sample that does not depend on the order tracks were analysed in.
        std::vector<std::size_t> order(n);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& ta = catalogue_.tracks()[members_[a]];
            const auto& tb = catalogue_.tracks()[members_[b]];
            return std::tie(ta.content_hash, ta.id) < std::tie(tb.content_hash, tb.id);
        });
        order.resize(std::min(n, settings_.reference_sample));
        std::sort(order.begin(), order.end());
        sample_ = std::move(order);
        upkeep_.resampled = true;
    }
    fit_metrics();
    scales_.assign(n, {});
    std::vector<std::size_t> todo;
    for (std::size_t i = 0; i < n; ++i) {
        if (kept) {
            if (const auto found = kept->tracks.find(catalogue_.tracks()[members_[i]].id); found != kept->tracks.end()) {
                scales_[i] = found->second;
                continue;
            }
        }
        todo.push_back(i);
    }
    scale_members(todo);
    const bool changed = !kept || !todo.empty() || kept->tracks.size() != n - todo.size();
    if (cache_ && cache_->writable() && changed) {
        StoredScales fresh{{}, per_track, {}};
        for (std::size_t s : sample_) {
            fresh.sample.push_back(catalogue_.tracks()[members_[s]].id);
        }
        for (std::size_t i = 0; i < n; ++i) {
            fresh.tracks[catalogue_.tracks()[members_[i]].id] = scales_[i];
        }
        try {
            cache_->save_scales(fresh);
        } catch (const Error& error) {
            spdlog::warn("{} (the next command will measure them again)", error.what());
        }
    }
    std::vector<EmbeddedMetric> parts;
    std::vector<std::vector<const Vector*>> sample(metrics_.size());
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        parts.push_back({metrics_[m].metric, "node '" + metrics_[m].choice.node + "'", metrics_[m].choice.weight});
        for (std::size_t s : sample_) {
            sample[m].push_back(&signature(m, s));
        }
    }
    embedding_ = std::make_shared<const JointEmbedding>(parts, sample, cache_ ? &*cache_ : nullptr);
    spdlog::debug("joint embedding: {} numbers per track, {:.1f} % of the reference sample's spread", embedding_->dimension(),
                  100.0 * embedding_->retained());
    if (n > settings_.exact_below) {
        keep_index(cache_ ? std::optional(cache_->index_file()) : std::nullopt, upkeep_.resampled);
    }
}

LibrarySimilarity::~LibrarySimilarity() = default;

void LibrarySimilarity::scale_members(const std::vector<std::size_t>& todo) {
    if (todo.empty()) {
        return;
    }
    upkeep_.scaled = todo.size();
    // The sample's own metric scales first: the mix's scale of any track needs them.
    std::vector<std::size_t> unscaled_sample;
    for (std::size_t s : sample_) {
        if (scales_[s].empty()) {
            unscaled_sample.push_back(s);
        }
    }
    const std::size_t count = metrics_.size();
    on_every_core(unscaled_sample.size(), [&](std::size_t k) {
        const std::size_t member = unscaled_sample[k];
        std::vector<ProximityScale> scales;
        for (std::size_t m = 0; m < count; ++m) {
            std::vector<double> distances;
            for (std::size_t s : sample_) {
                if (s != member) {
                    distances.push_back(raw(m, member, s));
                }
            }
            scales.push_back(ProximityScale::of(distances));
        }
        scales_[member] = std::move(scales);
    });
    std::vector<std::vector<ProximityScale>> measured(todo.size());
    on_every_core(todo.size(), [&](std::size_t k) { measured[k] = measure_scales(todo[k]); });
    for (std::size_t k = 0; k < todo.size(); ++k) {
        scales_[todo[k]] = std::move(measured[k]);
    }
}

std::vector<ProximityScale> LibrarySimilarity::measure_scales(std::size_t member) const {
    const std::size_t count = metrics_.size();
    std::vector<std::vector<double>> distances(count);
    for (std::size_t s : sample_) {
        for (std::size_t m = 0; m < count && s != member; ++m) {
            distances[m].push_back(raw(m, member, s));
        }
    }
    std::vector<ProximityScale> scales;
    for (const auto& row : distances) {
        scales.push_back(ProximityScale::of(row));
    }
    if (count > 1) {
        std::vector<double> mixed;
        for (std::size_t k = 0, at = 0; k < sample_.size(); ++k) {
            const std::size_t s = sample_[k];
            if (s == member) {
                continue;
            }
            double sum = 0.0;
            for (std::size_t m = 0; m < count; ++m) {
                sum += metrics_[m].choice.weight * mutual_proximity(distances[m][at], scales[m], scales_[s][m]);
            }
            mixed.push_back(sum / weight_sum_);
            ++at;
        }
        scales.push_back(ProximityScale::of(mixed));
    }
    return scales;
}

const Vector& LibrarySimilarity::signature(std::size_t metric, std::size_t member) const {
    return *columns_[metric]->at(members_[member]);
}

double LibrarySimilarity::raw(std::size_t metric, std::size_t a, std::size_t b) const {
    const double d = tables_[metric] ? tables_[metric]->distance(a, b)
                                     : metrics_[metric].metric->distance(signature(metric, a), signature(metric, b));
    if (!std::isfinite(d) || d < 0.0) {
        throw Error("similarity metric node '" + metrics_[metric].choice.node + "' gave " + number_text(d) +
                    " between " + catalogue_.tracks()[members_[a]].path.string() + " and " +
                    catalogue_.tracks()[members_[b]].path.string() + " (a distance must be finite and >= 0)");
    }
    return d;
}

double LibrarySimilarity::normalised(std::size_t metric, std::size_t a, std::size_t b) const {
    return a == b ? 0.0 : mutual_proximity(raw(metric, a, b), scales_[a][metric], scales_[b][metric]);
}

double LibrarySimilarity::distance(std::size_t a, std::size_t b) const {
    if (a == b) {
        return 0.0;
    }
    if (metrics_.size() == 1) {
        return normalised(0, a, b);
    }
    double sum = 0.0;
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        sum += metrics_[m].choice.weight * normalised(m, a, b);
    }
    // A mix of several metrics is normalised once more: measured on three collections, this
    // second mutual proximity adds 1-4 points of k-NN agreement (docs/similarity.md).
    const std::size_t mix = metrics_.size();
    return mutual_proximity(sum / weight_sum_, scales_[a][mix], scales_[b][mix]);
}

std::vector<std::pair<std::string, double>> LibrarySimilarity::metric_distances(std::size_t a, std::size_t b) const {
    std::vector<std::pair<std::string, double>> distances;
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        distances.emplace_back(metrics_[m].choice.node, normalised(m, a, b));
    }
    return distances;
}

std::vector<float> LibrarySimilarity::embedding(std::size_t member) const {
    if (index_) {
        if (auto held = index_->embedding_of(catalogue_.tracks()[members_[member]].id); !held.empty()) {
            return held;
        }
    }
    return joint_embedding_of(member);
}

std::vector<float> LibrarySimilarity::joint_embedding_of(std::size_t member) const {
    std::vector<const Vector*> signatures;
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        signatures.push_back(&signature(m, member));
    }
    return (*embedding_)(signatures);
}

void LibrarySimilarity::keep_index(const std::optional<std::filesystem::path>& file, bool fresh_sample) {
    std::optional<NeighbourIndex> loaded;
    if (file && !fresh_sample) {
        loaded = NeighbourIndex::load(*file, embedding_->dimension());
    }
    // A metric's embed() may have changed since the index was built (a new plugin build):
    // the first sample tracks must be held as they embed now, else the index is rebuilt.
    for (std::size_t k = 0; loaded && k < std::min<std::size_t>(sample_.size(), 8); ++k) {
        const auto held = loaded->embedding_of(catalogue_.tracks()[members_[sample_[k]]].id);
        const auto now = joint_embedding_of(sample_[k]);
        if (held.size() != now.size() || !std::equal(held.begin(), held.end(), now.begin(), [](float a, float b) {
                return std::abs(a - b) <= 1e-5f * std::max(1.0f, std::abs(b));
            })) {
            loaded.reset();
        }
    }
    auto index = std::make_shared<NeighbourIndex>(loaded ? std::move(*loaded) : NeighbourIndex(embedding_->dimension()));
    bool changed = !loaded;
    for (std::int64_t id : index->tracks()) {
        if (!member_by_id_.contains(id)) {
            index->remove(id);
            changed = true;
        }
    }
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < members_.size(); ++i) {
        const CatalogueTrack& track = catalogue_.tracks()[members_[i]];
        if (!track.visiting() && !index->contains(track.id)) {
            missing.push_back(i);
        }
    }
    index->reserve(index->tracks().size() + missing.size() + 1);
    on_every_core(missing.size(), [&](std::size_t k) {
        index->add(catalogue_.tracks()[members_[missing[k]]].id, joint_embedding_of(missing[k]));
    });
    upkeep_.indexed = missing.size();
    if (file && cache_->writable() && (changed || !missing.empty())) {
        try {
            index->save(*file);
        } catch (const Error& error) {
            spdlog::warn("{} (the next command will build it again)", error.what());
        }
    }
    index_ = std::move(index);
}

std::optional<std::size_t> LibrarySimilarity::position(std::size_t track) const {
    const auto it = std::lower_bound(members_.begin(), members_.end(), track);
    return it != members_.end() && *it == track ? std::optional(static_cast<std::size_t>(it - members_.begin()))
                                                : std::nullopt;
}

std::vector<std::string> LibrarySimilarity::missing_signatures(std::size_t track) const {
    std::vector<std::string> missing;
    for (std::size_t m = 0; m < metrics_.size(); ++m) {
        if (!columns_[m] || !columns_[m]->has(track)) {
            missing.push_back(metrics_[m].choice.node);
        }
    }
    return missing;
}

std::vector<std::size_t> LibrarySimilarity::neighbourhood(std::size_t query, std::size_t count) const {
    std::vector<std::size_t> found;
    if (!index_ || count >= members_.size()) {
        found.resize(members_.size());
        std::iota(found.begin(), found.end(), 0);
        return found;
    }
    for (std::int64_t id : index_->search(embedding(query), count)) {
        if (const auto member = member_by_id_.find(id); member != member_by_id_.end()) {
            found.push_back(member->second);
        }
    }
    // Visitors are not in the index (it is the library's): the few there are, always.
    found.insert(found.end(), visitors_.begin(), visitors_.end());
    return found;
}

std::vector<std::size_t> LibrarySimilarity::nearest(std::size_t query, std::size_t k,
                                                    const std::function<bool(std::size_t)>& allowed) const {
    std::size_t wanted = std::max(settings_.candidates, settings_.candidates * k / 10);
    for (;;) {
        std::vector<std::pair<double, std::size_t>> ranked;
        for (std::size_t member : neighbourhood(query, wanted)) {
            if (member != query && allowed(member)) {
                ranked.emplace_back(distance(query, member), member);
            }
        }
        const bool everyone = !index_ || wanted >= members_.size();
        if (ranked.size() >= k || everyone) {
            const std::size_t keep = std::min(k, ranked.size());
            std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end());
            std::vector<std::size_t> nearest;
            for (std::size_t i = 0; i < keep; ++i) {
                nearest.push_back(ranked[i].second);
            }
            return nearest;
        }
        wanted *= 4;  // too few of the candidates are allowed: ask for more
    }
}

}  // namespace timbre::host
