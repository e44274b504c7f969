// SPDX-License-Identifier: GPL-3.0-or-later
// XGBoost's C API: DMatrix from a dense float matrix, one UpdateOneIter per round,
// softprob predictions. The model is saved as JSON (portable, diffable, small).
#include "booster.hpp"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <utility>

#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {
void check(int status, const std::string& what) {
    if (status != 0) {
        throw Error("XGBoost " + what + ": " + XGBGetLastError());
    }
}

struct MatrixDeleter {
    void operator()(void* matrix) const { XGDMatrixFree(matrix); }
};
using Matrix = std::unique_ptr<void, MatrixDeleter>;

Matrix matrix_of(const DenseRows& rows) {
    DMatrixHandle handle = nullptr;
    check(XGDMatrixCreateFromMat(rows.values.data(), rows.rows, rows.columns, NAN, &handle), "creating a matrix");
    return Matrix(handle);
}

Matrix matrix_of(const SparseRows& rows) {
    DMatrixHandle handle = nullptr;
    check(XGDMatrixCreateFromCSREx(rows.row_starts.data(), rows.columns.data(), rows.values.data(),
                                   rows.row_starts.size(), rows.values.size(), rows.column_count, &handle),
          "creating a sparse matrix");
    return Matrix(handle);
}
}  // namespace

Booster Booster::train(const DenseRows& rows, const std::vector<float>& labels,
                       const std::map<std::string, std::string>& parameters, int rounds) {
    const Matrix matrix = matrix_of(rows);
    check(XGDMatrixSetFloatInfo(matrix.get(), "label", labels.data(), labels.size()), "setting labels");
    return train_on(matrix.get(), parameters, rounds);
}

Booster Booster::train(const SparseRows& rows, const std::vector<float>& labels,
                       const std::map<std::string, std::string>& parameters, int rounds) {
    const Matrix matrix = matrix_of(rows);
    check(XGDMatrixSetFloatInfo(matrix.get(), "label", labels.data(), labels.size()), "setting labels");
    return train_on(matrix.get(), parameters, rounds);
}

Booster Booster::train(const DenseRows& rows, const DenseRows& targets,
                       const std::map<std::string, std::string>& parameters, int rounds) {
    const Matrix matrix = matrix_of(rows);
    // A label matrix reaches XGBoost only through the array interface (NumPy's
    // __array_interface__ as JSON: address, read-only flag, shape, little-endian float32).
    const std::string interface = "{\"data\": [" + std::to_string(reinterpret_cast<std::uintptr_t>(targets.values.data())) +
                                  ", true], \"shape\": [" + std::to_string(targets.rows) + ", " +
                                  std::to_string(targets.columns) + "], \"typestr\": \"<f4\", \"version\": 3}";
    check(XGDMatrixSetInfoFromInterface(matrix.get(), "label", interface.c_str()), "setting a label matrix");
    return train_on(matrix.get(), parameters, rounds);
}

Booster Booster::train_on(void* matrix, const std::map<std::string, std::string>& parameters, int rounds) {
    DMatrixHandle matrices[] = {matrix};
    BoosterHandle handle = nullptr;
    check(XGBoosterCreate(matrices, 1, &handle), "creating a booster");
    Booster booster(handle);
    for (const auto& [name, value] : parameters) {
        booster.set_parameter(name, value);
    }
    for (int round = 0; round < rounds; ++round) {
        check(XGBoosterUpdateOneIter(handle, round, matrix), "training round " + std::to_string(round));
    }
    return booster;
}

Booster Booster::load(const std::filesystem::path& file) {
    BoosterHandle handle = nullptr;
    check(XGBoosterCreate(nullptr, 0, &handle), "creating a booster");
    Booster booster(handle);
    check(XGBoosterLoadModel(handle, file.c_str()), "loading " + file.string());
    return booster;
}

Booster::Booster(Booster&& other) noexcept : handle_(other.handle_) { other.handle_ = nullptr; }

Booster& Booster::operator=(Booster&& other) noexcept {
    std::swap(handle_, other.handle_);
    return *this;
}

Booster::~Booster() {
    if (handle_) {
        XGBoosterFree(handle_);
    }
}

void Booster::set_parameter(const std::string& name, const std::string& value) {
    check(XGBoosterSetParam(handle_, name.c_str(), value.c_str()), "parameter " + name + "=" + value);
}

void Booster::set_attribute(const std::string& name, const std::string& value) {
    check(XGBoosterSetAttr(handle_, name.c_str(), value.c_str()), "attribute " + name);
}

std::string Booster::attribute(const std::string& name) const {
    auto value = find_attribute(name);
    if (!value) {
        throw Error("model has no '" + name + "' attribute: it was not written by timbre.gbt_classifier");
    }
    return std::move(*value);
}

std::optional<std::string> Booster::find_attribute(const std::string& name) const {
    const char* value = nullptr;
    int found = 0;
    check(XGBoosterGetAttr(handle_, name.c_str(), &value, &found), "attribute " + name);
    return found ? std::optional<std::string>(value) : std::nullopt;
}

void Booster::save(const std::filesystem::path& file) const {
    check(XGBoosterSaveModel(handle_, file.c_str()), "saving " + file.string());
}

std::vector<float> Booster::predict(const DenseRows& rows) const { return predict_on(matrix_of(rows).get()); }

std::vector<float> Booster::predict(const SparseRows& rows) const { return predict_on(matrix_of(rows).get()); }

std::vector<float> Booster::predict_on(void* matrix) const {
    bst_ulong length = 0;
    const float* result = nullptr;
    check(XGBoosterPredict(handle_, matrix, 0, 0, 0, &length, &result), "predicting");
    return std::vector<float>(result, result + length);
}

}  // namespace timbre::plugins
