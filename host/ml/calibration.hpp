// SPDX-License-Identifier: GPL-3.0-or-later
// Whether a classifier's probabilities can be taken at their word: its held-out answers
// binned by the probability it gave the class it answered, each bin's mean probability set
// against how often that answer was right (a reliability diagram), and the expected
// calibration error, the example-weighted mean gap between the two (Guo et al. 2017). With a
// gap of 0, "0.9" means right nine times in ten.
#pragma once

#include <string>
#include <vector>

namespace timbre::host {

struct ConfidenceBin {
    double low = 0.0;   // the bin holds confidences in [low, high), the last one also 1
    double high = 0.0;
    std::size_t examples = 0;
    double mean_confidence = 0.0;
    double accuracy = 0.0;
};

struct Calibration {
    std::vector<ConfidenceBin> bins;  // the non-empty ones, lowest first
    std::size_t examples = 0;
    double expected_error = 0.0;
};

// `confidence[i]`: the probability example i's answer was given; `correct[i]`: whether that
// answer was right. `bin_count` equal-width bins over [0, 1]. Throws timbre::Error if the two
// lists differ in length, are empty or hold a confidence outside [0, 1].
Calibration measure_calibration(const std::vector<double>& confidence, const std::vector<bool>& correct,
                                std::size_t bin_count = 10);

// The diagram as a Markdown table and as an SVG picture (bars: accuracy per bin; the
// diagonal: perfect calibration).
std::string reliability_markdown(const Calibration& calibration);
std::string reliability_svg(const Calibration& calibration, const std::string& title);

}  // namespace timbre::host
