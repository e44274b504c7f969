// SPDX-License-Identifier: GPL-3.0-or-later
// The playlist rule language as a listener writes it: ranges and comparisons of number
// fields, text fields by word, and a rule that cannot be read refused with what it takes.
#include <catch2/catch.hpp>

#include "playlist/track_filter.hpp"
#include "timbre/error.hpp"

using timbre::host::CatalogueTrack;
using timbre::host::TrackFilter;

namespace {
CatalogueTrack track_at(double bpm, int year) {
    CatalogueTrack track;
    track.bpm = bpm;
    track.year = year;
    track.labels["mood"].label = "calm / relaxed";
    return track;
}

bool passes(const std::string& rule, const CatalogueTrack& track) { return TrackFilter::parse(rule).accepts(track); }
}  // namespace

TEST_CASE("a number field compares as a range does, strictly or not", "[playlist][filter]") {
    const auto at_120 = track_at(120.0, 1999);
    CHECK(passes("bpm>=120", at_120));
    CHECK_FALSE(passes("bpm>120", at_120));
    CHECK(passes("bpm>119.9", at_120));
    CHECK(passes("bpm<=120", at_120));
    CHECK_FALSE(passes("bpm<120", at_120));
    CHECK(passes("year<2000", at_120));
    CHECK_FALSE(passes("year<1999", at_120));
    CHECK(passes("bpm = 90..130", at_120));
    CHECK(passes("bpm=120..", at_120));
    CHECK_FALSE(passes("bpm=..119", at_120));
    CHECK(passes("bpm!=100..110", at_120));
    CHECK_FALSE(passes("bpm>100", CatalogueTrack{}));  // no tempo found: not known to be above
}

TEST_CASE("text fields match a word of the answer, and only compare by = and !=", "[playlist][filter]") {
    const auto calm = track_at(80.0, 2001);
    CHECK(passes("mood=calm", calm));
    CHECK(passes("mood=Relaxed", calm));
    CHECK_FALSE(passes("mood!=calm", calm));
    CHECK_THROWS_WITH(TrackFilter::parse("mood>calm"), Catch::Contains("mood is text, which takes = or !="));
}

TEST_CASE("a rule that cannot be read is refused with what it takes", "[playlist][filter]") {
    CHECK_THROWS_WITH(TrackFilter::parse("bpm"), Catch::Contains("rule 'bpm': expected FIELD=VALUE"));
    CHECK_THROWS_WITH(TrackFilter::parse(">120"), Catch::Contains("expected FIELD=VALUE"));
    CHECK_THROWS_WITH(TrackFilter::parse("bpm>"), Catch::Contains("no value after '>'"));
    CHECK_THROWS_WITH(TrackFilter::parse("bpm=fast"), Catch::Contains("bpm takes a number, a range LOW..HIGH"));
    // Trailing words were once read as far as a number went ("120abc" as 120).
    CHECK_THROWS_WITH(TrackFilter::parse("bpm=120abc"), Catch::Contains("bpm takes a number"));
    CHECK_THROWS_WITH(TrackFilter::parse("bpm>90..130"), Catch::Contains("a comparison takes one number, not a range"));
}
