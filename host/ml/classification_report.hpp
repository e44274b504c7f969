// Scores of a classifier on held-out examples: accuracy, macro-F1, per-class precision,
// recall and F1, and the confusion matrix, written as JSON, Markdown and an SVG picture.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace timbre::host {

struct ClassScores {
    std::string label;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::size_t support = 0;
};

struct ClassificationReport {
    std::vector<std::string> labels;                       // sorted
    std::vector<std::vector<std::size_t>> confusion;       // [true][predicted]
    std::vector<ClassScores> classes;
    double accuracy = 0.0;
    double macro_f1 = 0.0;
    std::size_t examples = 0;
};

ClassificationReport score_predictions(const std::vector<std::string>& truth, const std::vector<std::string>& predicted);

// Writes `stem`.json, `stem`.md and `stem`.svg; `title` heads the Markdown and the picture.
// Throws timbre::Error naming a file that cannot be written.
void write_report(const ClassificationReport& report, const std::string& title, const std::filesystem::path& stem);

// Writes one report file; throws timbre::Error naming it if it cannot be written.
void write_report_file(const std::filesystem::path& file, const std::string& text);

}  // namespace timbre::host
