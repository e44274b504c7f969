// SPDX-License-Identifier: GPL-3.0-or-later
// The XGBoost side of class handling: shared booster parameters and opening a model.
#include "class_encoding.hpp"

#include "timbre/number_text.hpp"

namespace timbre::plugins {

std::vector<float> booster_labels(const ClassEncoding& encoding) {
    return {encoding.indices.begin(), encoding.indices.end()};
}

std::map<std::string, std::string> shared_parameters(const Params& params, std::size_t class_count) {
    auto parameters = common_parameters(params);
    parameters["objective"] = "multi:softprob";
    parameters["num_class"] = std::to_string(class_count);
    return parameters;
}

std::map<std::string, std::string> common_parameters(const Params& params) {
    std::map<std::string, std::string> parameters{{"booster", params.string("booster")},
                                                  {"eta", number_text(params.real("learning_rate"))},
                                                  {"lambda", number_text(params.real("l2"))},
                                                  {"verbosity", "0"}};
    // gblinear's updaters on more than one thread update coefficients concurrently (shotgun's
    // hogwild), so two trainings of the same data would write different models.
    if (params.string("booster") == "gblinear") {
        parameters["nthread"] = "1";
    } else if (params.integer("threads") > 0) {
        parameters["nthread"] = std::to_string(params.integer("threads"));
    }
    return parameters;
}

std::optional<Booster> open_model(const Params& params) {
    const std::string& file = params.string("model");
    if (file.empty()) {
        return std::nullopt;
    }
    if (!std::filesystem::exists(file)) {
        throw ParameterError("model", "file not found: " + file + " (train it with `timbre train`)");
    }
    std::optional<Booster> model(Booster::load(file));
    model->set_parameter("nthread", "1");
    return model;
}

}  // namespace timbre::plugins
