// SPDX-License-Identifier: GPL-3.0-or-later
// Harmonic-percussive separation by median filtering (FitzGerald, "Harmonic/percussive
// separation using median filtering", DAFx 2010): a pitched note is steady along time, a drum
// hit is flat along frequency. Chroma of the harmonic part is not smeared by the drums that
// dominate the spectra of hip-hop, metal and disco.
#pragma once

#include <cstddef>
#include <vector>

namespace timbre::plugins {

// Frames in the harmonic (time) median: about 0.8 s at the chroma's default hop.
inline constexpr std::size_t kHarmonicMedianFrames = 9;

// Scales bins [first_bin, last_bin] of a frames x bins power spectrogram (row-major) by the
// soft mask H^2 / (H^2 + P^2), H the median over kHarmonicMedianFrames frames of that bin, P
// the median over `frequency_bins` bins of that frame (odd; both windows centred, cut short at
// the spectrogram's edges, the upper median of an even count; the frequency window may reach
// outside the range). Bins outside the range are left as they are.
void keep_harmonic_part(std::vector<float>& power, std::size_t frames, std::size_t bins, std::size_t first_bin,
                        std::size_t last_bin, std::size_t frequency_bins);

}  // namespace timbre::plugins
