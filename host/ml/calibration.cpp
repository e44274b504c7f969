// SPDX-License-Identifier: GPL-3.0-or-later
// Equal-width bins, as in Guo et al.'s reliability diagrams; the SVG follows the confusion
// matrix picture's plain style (classification_report.cpp).
#include "ml/calibration.hpp"

#include <cmath>
#include <sstream>

#include "timbre/error.hpp"
#include "timbre/number_text.hpp"

namespace timbre::host {

namespace {
std::string fixed(double value) {
    std::ostringstream out;
    out.precision(3);
    out << std::fixed << value;
    return out.str();
}
}  // namespace

Calibration measure_calibration(const std::vector<double>& confidence, const std::vector<bool>& correct,
                                std::size_t bin_count) {
    if (confidence.size() != correct.size() || confidence.empty() || bin_count == 0) {
        throw Error("calibration needs one confidence per answer, and at least one answer");
    }
    std::vector<ConfidenceBin> bins(bin_count);
    for (std::size_t b = 0; b < bin_count; ++b) {
        bins[b].low = static_cast<double>(b) / static_cast<double>(bin_count);
        bins[b].high = static_cast<double>(b + 1) / static_cast<double>(bin_count);
    }
    for (std::size_t i = 0; i < confidence.size(); ++i) {
        if (!(confidence[i] >= 0.0 && confidence[i] <= 1.0)) {
            throw Error("a confidence of " + number_text(confidence[i]) + " is not a probability");
        }
        auto& bin = bins[std::min(bin_count - 1, static_cast<std::size_t>(confidence[i] * static_cast<double>(bin_count)))];
        ++bin.examples;
        bin.mean_confidence += confidence[i];
        bin.accuracy += correct[i] ? 1.0 : 0.0;
    }
    Calibration calibration;
    calibration.examples = confidence.size();
    for (auto& bin : bins) {
        if (bin.examples == 0) {
            continue;
        }
        bin.mean_confidence /= static_cast<double>(bin.examples);
        bin.accuracy /= static_cast<double>(bin.examples);
        calibration.expected_error += static_cast<double>(bin.examples) / static_cast<double>(calibration.examples) *
                                      std::abs(bin.accuracy - bin.mean_confidence);
        calibration.bins.push_back(bin);
    }
    return calibration;
}

std::string reliability_markdown(const Calibration& calibration) {
    std::ostringstream md;
    md << "\nReliability: the probability given to the answer against how often it was right ("
       << calibration.examples << " answers; expected calibration error " << fixed(calibration.expected_error)
       << ")\n\n| probability | answers | mean probability | right |\n|---|---|---|---|\n";
    for (const auto& bin : calibration.bins) {
        md << "| " << fixed(bin.low) << "–" << fixed(bin.high) << " | " << bin.examples << " | "
           << fixed(bin.mean_confidence) << " | " << fixed(bin.accuracy) << " |\n";
    }
    return md.str();
}

std::string reliability_svg(const Calibration& calibration, const std::string& title) {
    const int left = 60, top = 60, size = 300;
    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << left + size + 30 << "\" height=\"" << top + size + 50
      << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Reliability: " << title << "</text>\n"
      << "<text x=\"10\" y=\"42\">" << calibration.examples << " answers, expected calibration error "
      << fixed(calibration.expected_error) << "; bars: how often right, line: perfect</text>\n"
      << "<rect x=\"" << left << "\" y=\"" << top << "\" width=\"" << size << "\" height=\"" << size
      << "\" fill=\"none\" stroke=\"#888\"/>\n";
    for (const auto& bin : calibration.bins) {
        const double x = left + bin.low * size, width = (bin.high - bin.low) * size, height = bin.accuracy * size;
        s << "<rect x=\"" << x << "\" y=\"" << top + size - height << "\" width=\"" << width << "\" height=\"" << height
          << "\" fill=\"rgb(120,140,255)\" stroke=\"white\"/>\n";
    }
    s << "<line x1=\"" << left << "\" y1=\"" << top + size << "\" x2=\"" << left + size << "\" y2=\"" << top
      << "\" stroke=\"black\" stroke-dasharray=\"4\"/>\n"
      << "<text x=\"" << left + size / 2 << "\" y=\"" << top + size + 30
      << "\" text-anchor=\"middle\">probability given to the answer</text>\n"
      << "<text transform=\"translate(20," << top + size / 2 << ") rotate(-90)\" text-anchor=\"middle\">right</text>\n"
      << "</svg>\n";
    return s.str();
}

}  // namespace timbre::host
