// SPDX-License-Identifier: GPL-3.0-or-later
// A thin owner of XGBoost C-API handles, turning its error codes into exceptions that carry
// XGBoost's own message. Everything model-specific (classes, feature names, scaling) is
// stored inside the model file as attributes, so one file is the whole model.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace timbre::plugins {

// Row-major float matrix for XGBoost.
struct DenseRows {
    std::vector<float> values;
    std::size_t rows = 0;
    std::size_t columns = 0;
};

// Compressed sparse rows: row r holds columns[row_starts[r] .. row_starts[r+1]).
struct SparseRows {
    std::vector<std::size_t> row_starts{0};
    std::vector<unsigned> columns;
    std::vector<float> values;
    std::size_t column_count = 0;
};

class Booster {
public:
    // A booster trained on `rows` with integer class labels and the given XGBoost parameters.
    static Booster train(const DenseRows& rows, const std::vector<float>& labels,
                         const std::map<std::string, std::string>& parameters, int rounds);
    static Booster train(const SparseRows& rows, const std::vector<float>& labels,
                         const std::map<std::string, std::string>& parameters, int rounds);
    // A booster with one output per column of `targets` (rows x columns, each 0 or 1 for a
    // tagger), all fitted at once: XGBoost's multi-target training.
    static Booster train(const DenseRows& rows, const DenseRows& targets,
                         const std::map<std::string, std::string>& parameters, int rounds);
    static Booster load(const std::filesystem::path& file);
    Booster(Booster&& other) noexcept;
    Booster& operator=(Booster&& other) noexcept;
    ~Booster();

    void set_parameter(const std::string& name, const std::string& value);
    void set_attribute(const std::string& name, const std::string& value);
    std::string attribute(const std::string& name) const;  // throws if absent
    std::optional<std::string> find_attribute(const std::string& name) const;
    void save(const std::filesystem::path& file) const;
    // Class probabilities (or each target's value), rows x outputs, row-major.
    std::vector<float> predict(const DenseRows& rows) const;
    std::vector<float> predict(const SparseRows& rows) const;

private:
    explicit Booster(void* handle) : handle_(handle) {}
    static Booster train_on(void* matrix, const std::map<std::string, std::string>& parameters, int rounds);
    std::vector<float> predict_on(void* matrix) const;
    void* handle_;
};

}  // namespace timbre::plugins
