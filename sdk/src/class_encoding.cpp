// SPDX-License-Identifier: GPL-3.0-or-later
// Class indices for training and Labels from a learner's output, shared by all classifiers.
#include "timbre/class_encoding.hpp"

#include <map>
#include <set>

#include "timbre/error.hpp"

namespace timbre {

ClassEncoding encode_classes(const std::vector<LabelledExample>& examples) {
    const std::set<std::string> class_set = [&] {
        std::set<std::string> names;
        for (const auto& example : examples) {
            names.insert(example.label);
        }
        return names;
    }();
    if (class_set.size() < 2) {
        throw Error("training needs at least two classes, got " + std::to_string(class_set.size()));
    }
    ClassEncoding encoding{{class_set.begin(), class_set.end()}, {}};
    std::map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < encoding.classes.size(); ++c) {
        index[encoding.classes[c]] = c;
    }
    for (const auto& example : examples) {
        encoding.indices.push_back(index.at(example.label));
    }
    return encoding;
}

Labels labels_from(const std::vector<std::string>& classes, const std::vector<float>& scores) {
    if (scores.size() != classes.size()) {
        throw Error("a classifier produced " + std::to_string(scores.size()) + " scores for " +
                    std::to_string(classes.size()) + " classes");
    }
    double total = 0.0;
    for (float score : scores) {
        total += score;
    }
    std::vector<std::pair<std::string, double>> labels;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        labels.emplace_back(classes[c], total > 0.0 ? scores[c] / total : 1.0 / static_cast<double>(classes.size()));
    }
    return Labels(std::move(labels));
}

}  // namespace timbre
