// SPDX-License-Identifier: GPL-3.0-or-later
// One pass over the numbers of each value type; text has none.
#include "graph/finite_outputs.hpp"

#include <cmath>
#include <vector>

namespace timbre::host {

namespace {

// Why `x` is not acceptable, or nullptr.
const char* flaw(double x, bool nan_is_unknown) {
    if (std::isinf(x)) {
        return "infinity";
    }
    return std::isnan(x) && !nan_is_unknown ? "NaN" : nullptr;
}

template <typename Number>
std::optional<std::size_t> first_flawed(const std::vector<Number>& numbers, bool nan_is_unknown) {
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        if (flaw(numbers[i], nan_is_unknown)) {
            return i;
        }
    }
    return std::nullopt;
}

struct Describe {
    bool nan_is_unknown;

    std::optional<std::string> operator()(const Audio& audio) const {
        const auto at = first_flawed(audio.samples(), nan_is_unknown);
        return at ? std::optional(std::string(flaw(audio.samples()[*at], nan_is_unknown)) + " at sample " +
                                  std::to_string(*at))
                  : std::nullopt;
    }
    std::optional<std::string> operator()(const MultichannelAudio& audio) const {
        for (std::size_t c = 0; c < audio.channel_count(); ++c) {
            if (const auto at = first_flawed(audio.channels()[c], nan_is_unknown)) {
                return std::string(flaw(audio.channels()[c][*at], nan_is_unknown)) + " at sample " +
                       std::to_string(*at) + " of channel " + std::to_string(c);
            }
        }
        return std::nullopt;
    }
    std::optional<std::string> operator()(const Frames& frames) const {
        const auto at = first_flawed(frames.data(), nan_is_unknown);
        if (!at || frames.bin_count() == 0) {
            return std::nullopt;
        }
        const std::size_t bin = *at % frames.bin_count();
        return std::string(flaw(frames.data()[*at], nan_is_unknown)) + " in frame " +
               std::to_string(*at / frames.bin_count()) + ", bin " +
               (frames.bin_names().empty() ? std::to_string(bin) : "'" + frames.bin_names()[bin] + "'");
    }
    std::optional<std::string> operator()(const Vector& vector) const {
        const auto at = first_flawed(vector.values(), nan_is_unknown);
        return at ? std::optional(std::string(flaw(vector.values()[*at], nan_is_unknown)) + " at '" +
                                  vector.names()[*at] + "'")
                  : std::nullopt;
    }
    // Labels cannot hold one: their constructor refuses a probability outside [0, 1].
    std::optional<std::string> operator()(const Labels&) const { return std::nullopt; }
    std::optional<std::string> operator()(const Scalar& scalar) const {
        const char* what = flaw(scalar.value, nan_is_unknown);
        return what ? std::optional<std::string>(what) : std::nullopt;
    }
    std::optional<std::string> operator()(const Text&) const { return std::nullopt; }
};

}  // namespace

std::optional<std::string> first_non_finite(const Value& value, bool nan_is_unknown) {
    return std::visit(Describe{nan_is_unknown}, value);
}

}  // namespace timbre::host
