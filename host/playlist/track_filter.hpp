// SPDX-License-Identifier: GPL-3.0-or-later
// A playlist constraint on single tracks, as a user writes it after --where:
//   genre=rock   mood!=sad   key=8A (or key="A minor")   artist=Nine Inch Nails
//   bpm=90..130  duration=120..420 (seconds)  energy=0.5..  loudness=..-10 (LUFS)
//   year=1990..1999  tag=jazz (the file's own genre tag)
//   bpm>120  year<2000  energy>=0.5  (a number field compared: the same as a range)
// Text fields compare without case; `genre` and `mood` are the tracks' combined answers, and
// any stored classifier node (genre_cnn, ...) can be named too. A track without the value
// (no year tag, say) does not match (so `year!=2000` keeps it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "similarity/track_catalogue.hpp"

namespace timbre::host {

class TrackFilter {
public:
    // Throws timbre::Error naming the expression and what was expected.
    static TrackFilter parse(const std::string& expression);
    // Each of `expressions` (repeated --where options), in order.
    static std::vector<TrackFilter> parse_all(const std::vector<std::string>& expressions);

    bool accepts(const CatalogueTrack& track) const;
    // What the field holds among `tracks`, for an error that says why nothing passed:
    // "genre here: jazz 19, electronic 16, reggae 1", "energy here: 0.12 to 0.83".
    std::string values_among(const std::vector<const CatalogueTrack*>& tracks) const;
    const std::string& expression() const { return expression_; }

private:
    std::string expression_;
    std::string field;
    bool negated = false;
    std::string text;                  // for text fields
    std::optional<double> low, high;   // for number fields (either bound may be open)
};

}  // namespace timbre::host
