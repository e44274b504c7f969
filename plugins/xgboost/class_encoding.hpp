// What both XGBoost classifiers do around the booster itself: turn labelled examples into
// class indices, read a softprob prediction back as a label distribution, set the
// parameters they share, and open the model file their `model` parameter names.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "booster.hpp"
#include "timbre/timbre.hpp"

namespace timbre::plugins {

// Sorted class names and each example's class index; throws timbre::Error for fewer than
// two classes.
struct ClassEncoding {
    std::vector<std::string> classes;
    std::vector<float> labels;
};
ClassEncoding encode_classes(const std::vector<LabelledExample>& examples);

// One row's class probabilities (softprob output) as Labels, renormalised to sum to 1.
Labels labels_from(const std::vector<std::string>& classes, const std::vector<float>& probabilities);

// booster, objective multi:softprob, num_class, eta (learning_rate), lambda (l2), nthread
// (threads, 0 = XGBoost's default of all cores), quiet.
std::map<std::string, std::string> shared_parameters(const Params& params, std::size_t class_count);

// The model named by the `model` parameter, set to predict on one thread (the host runs one
// instance per worker); nullopt when the parameter is empty (not trained yet). Throws
// ParameterError when it names a missing file.
std::optional<Booster> open_model(const Params& params);

}  // namespace timbre::plugins
