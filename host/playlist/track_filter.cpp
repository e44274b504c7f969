// SPDX-License-Identifier: GPL-3.0-or-later
// Number fields are recognised by name; every other field is a text field. A track that lacks
// the value a filter reads (no tempo found, no key) does not pass it.
#include "playlist/track_filter.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "timbre/error.hpp"
#include "timbre/music/key_wheel.hpp"

namespace timbre::host {

namespace {
const std::set<std::string> kNumberFields{"bpm", "duration", "energy", "loudness", "year"};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\"'");
    const auto last = text.find_last_not_of(" \t\"'");
    return first == std::string::npos ? "" : text.substr(first, last - first + 1);
}

std::optional<double> number_of(const CatalogueTrack& track, const std::string& field) {
    if (field == "bpm") return track.bpm;
    if (field == "duration") return track.duration_seconds;
    if (field == "energy") return track.energy;
    if (field == "year") return track.year ? std::optional<double>(*track.year) : std::nullopt;
    return track.loudness_lufs;
}

std::optional<std::string> text_of(const CatalogueTrack& track, const std::string& field) {
    if (field == "artist") return track.artist;
    if (field == "album") return track.album;
    if (field == "title") return track.title;
    if (field == "tag") return track.tag_genre;
    if (field == "key") return track.key;
    const auto answer = track.labels.find(field);
    return answer == track.labels.end() ? std::nullopt : std::optional(answer->second.label);
}
}  // namespace

TrackFilter TrackFilter::parse(const std::string& expression) {
    TrackFilter filter;
    filter.expression_ = expression;
    const auto fail = [&](const std::string& why) { return Error("rule '" + expression + "': " + why); };
    const auto at = expression.find_first_of("=!<>");
    std::string_view op;
    if (at != std::string::npos && at > 0) {
        for (std::string_view candidate : {"!=", "<=", ">=", "=", "<", ">"}) {  // two-character ones first
            if (expression.compare(at, candidate.size(), candidate) == 0) {
                op = candidate;
                break;
            }
        }
    }
    if (op.empty()) {
        throw fail("expected FIELD=VALUE, FIELD!=VALUE, FIELD=LOW..HIGH or FIELD>NUMBER (or <, <=, >=)");
    }
    filter.negated = op == "!=";
    filter.field = lower(trimmed(expression.substr(0, at)));
    const std::string value = trimmed(expression.substr(at + op.size()));
    if (value.empty()) {
        throw fail("no value after '" + std::string(op) + "'");
    }
    const bool below = op.starts_with('<'), above = op.starts_with('>');
    if (kNumberFields.contains(filter.field)) {
        const auto number = [&](const std::string& text) -> std::optional<double> {
            if (text.empty()) {
                return std::nullopt;  // an open end of a range
            }
            double parsed = 0.0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
            if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed)) {
                throw fail(filter.field + " takes a number, a range LOW..HIGH (either end may be left open) or a " +
                           "comparison such as " + filter.field + ">=" + (filter.field == "year" ? "1990" : "0.5"));
            }
            return parsed;
        };
        const auto dots = value.find("..");
        if ((below || above) && dots != std::string::npos) {
            throw fail("a comparison takes one number, not a range");
        }
        const auto low = number(value.substr(0, dots));
        const auto high = dots == std::string::npos ? low : number(value.substr(dots + 2));
        // Bounds are inclusive: a strict comparison moves its bound off the number itself.
        constexpr double kInfinity = std::numeric_limits<double>::infinity();
        filter.low = below ? std::nullopt : op == ">" ? std::optional(std::nextafter(*low, kInfinity)) : low;
        filter.high = above ? std::nullopt : op == "<" ? std::optional(std::nextafter(*high, -kInfinity)) : high;
    } else if (below || above) {
        throw fail(filter.field + " is text, which takes = or !=; <, >, <= and >= compare bpm, duration, energy, " +
                   "loudness and year");
    } else if (filter.field == "key" && music::camelot_key(value)) {
        filter.text = lower(music::camelot_key(value)->code());
    } else {
        filter.text = lower(value);
    }
    return filter;
}

std::vector<TrackFilter> TrackFilter::parse_all(const std::vector<std::string>& expressions) {
    std::vector<TrackFilter> filters;
    for (const auto& expression : expressions) {
        filters.push_back(parse(expression));
    }
    return filters;
}

bool TrackFilter::accepts(const CatalogueTrack& track) const {
    bool match = false;
    if (kNumberFields.contains(field)) {
        const auto value = number_of(track, field);
        match = value && (!low || *value >= *low) && (!high || *value <= *high);
    } else {
        auto value = text_of(track, field);
        if (value && field == "key") {
            const auto key = music::camelot_key(*value);
            value = key ? key->code() : *value;
            match = lower(*value) == text;
        } else if (value) {
            // "calm" matches the mood "calm / relaxed"; any part between slashes will do.
            const std::string label = lower(*value);
            match = label == text || label.starts_with(text + " /") || label.ends_with("/ " + text) ||
                    label.find("/ " + text + " /") != std::string::npos;
        }
    }
    return negated ? !match : match;
}

std::string TrackFilter::values_among(const std::vector<const CatalogueTrack*>& tracks) const {
    constexpr std::size_t kListed = 8;
    std::string listed;
    if (kNumberFields.contains(field)) {
        std::optional<double> lowest, highest;
        for (const auto* track : tracks) {
            if (const auto value = number_of(*track, field)) {
                lowest = std::min(lowest.value_or(*value), *value);
                highest = std::max(highest.value_or(*value), *value);
            }
        }
        if (lowest) {
            // Four significant digits: energy 0.1234, loudness -14.23, bpm 186.4, year 2012.
            std::ostringstream range;
            range << std::setprecision(4) << *lowest << " to " << *highest;
            listed = range.str();
        }
    } else {
        std::map<std::string, std::size_t> counts;
        for (const auto* track : tracks) {
            if (const auto value = text_of(*track, field); value && !value->empty()) {
                ++counts[*value];
            }
        }
        std::vector<std::pair<std::string, std::size_t>> commonest(counts.begin(), counts.end());
        std::stable_sort(commonest.begin(), commonest.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        for (std::size_t i = 0; i < commonest.size() && i < kListed; ++i) {
            listed += (i ? ", " : "") + commonest[i].first + " " + std::to_string(commonest[i].second);
        }
        if (commonest.size() > kListed) {
            listed += ", ...";
        }
    }
    return listed.empty() ? "no track here has a " + field : field + " here: " + listed;
}

}  // namespace timbre::host
