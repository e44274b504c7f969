// SPDX-License-Identifier: GPL-3.0-or-later
// The words an answer is given in, and which model classes each word stands for: models
// name their classes after their training data ("Q3", "Hip Hop/Rap", "sad"), a listener
// wants "sad / depressed" and "hip-hop" whichever model said it. Read from a reviewed YAML
// table that says where each name comes from.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace timbre::plugins {

class AnswerVocabulary {
public:
    // No table: every class is its own answer.
    AnswerVocabulary() = default;

    // Throws timbre::ParameterError ("vocabulary") naming file, line and column of what is wrong:
    // not a list of {answer, classes, source}, a class under two answers, an answer twice.
    static AnswerVocabulary read(const std::filesystem::path& file);

    // The answer `model_class` stands for. Throws timbre::InputError for a class the table
    // does not list (a model the table was not written for must not be mixed in silently).
    const std::string& answer(const std::string& model_class) const;

    // The answers in the table's order (empty without a table).
    const std::vector<std::string>& answers() const { return answers_; }

private:
    std::filesystem::path file_;
    std::vector<std::string> answers_;
    std::map<std::string, std::string> answer_of_class_;
};

}  // namespace timbre::plugins
