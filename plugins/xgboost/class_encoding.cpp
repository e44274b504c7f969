// Classes are sorted so that a model's class order does not depend on example order.
#include "class_encoding.hpp"

#include <set>

namespace timbre::plugins {

ClassEncoding encode_classes(const std::vector<LabelledExample>& examples) {
    std::set<std::string> class_set;
    for (const auto& example : examples) {
        class_set.insert(example.label);
    }
    if (class_set.size() < 2) {
        throw Error("training needs at least two classes, got " + std::to_string(class_set.size()));
    }
    ClassEncoding encoding{{class_set.begin(), class_set.end()}, {}};
    std::map<std::string, float> index;
    for (std::size_t c = 0; c < encoding.classes.size(); ++c) {
        index[encoding.classes[c]] = static_cast<float>(c);
    }
    for (const auto& example : examples) {
        encoding.labels.push_back(index.at(example.label));
    }
    return encoding;
}

Labels labels_from(const std::vector<std::string>& classes, const std::vector<float>& probabilities) {
    double total = 0.0;
    for (float p : probabilities) {
        total += p;
    }
    std::vector<std::pair<std::string, double>> labels;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        labels.emplace_back(classes[c], probabilities[c] / total);
    }
    return Labels(std::move(labels));
}

std::map<std::string, std::string> shared_parameters(const Params& params, std::size_t class_count) {
    std::map<std::string, std::string> parameters{{"booster", params.string("booster")},
                                                  {"objective", "multi:softprob"},
                                                  {"num_class", std::to_string(class_count)},
                                                  {"eta", std::to_string(params.real("learning_rate"))},
                                                  {"lambda", std::to_string(params.real("l2"))},
                                                  {"verbosity", "0"}};
    if (params.integer("threads") > 0) {
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
