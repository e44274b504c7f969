// SPDX-License-Identifier: GPL-3.0-or-later
// Reads and checks an answer vocabulary table (answer_vocabulary.hpp); every error points
// at the file, line and column of the entry at fault.
#include "answer_vocabulary.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const YAML::Node& at, const std::string& message) {
    const YAML::Mark mark = at.Mark();
    throw ParameterError("vocabulary", file.string() + ":" + std::to_string(mark.line + 1) + ":" +
                                           std::to_string(mark.column + 1) + ": " + message);
}

// The text at `key` of `entry`; an error points at the value, or at the entry that lacks it.
std::string text(const std::filesystem::path& file, const YAML::Node& entry, const std::string& key,
                 const std::string& what) {
    const YAML::Node node = entry[key];
    if (!node) {
        fail(file, entry, what + " is missing");
    }
    if (!node.IsScalar() || node.Scalar().empty()) {
        fail(file, node, what + " must be a non-empty string");
    }
    return node.Scalar();
}

}  // namespace

AnswerVocabulary AnswerVocabulary::read(const std::filesystem::path& file) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::BadFile&) {
        throw ParameterError("vocabulary", "cannot read " + file.string());
    } catch (const YAML::Exception& error) {
        throw ParameterError("vocabulary", file.string() + ":" + std::to_string(error.mark.line + 1) + ":" +
                                               std::to_string(error.mark.column + 1) + ": " + error.msg);
    }
    const YAML::Node entries = root["answers"];
    if (!entries || !entries.IsSequence() || entries.size() == 0) {
        fail(file, entries ? entries : root, "'answers' must be a list of {answer, classes, source}");
    }
    AnswerVocabulary vocabulary;
    vocabulary.file_ = file;
    for (const YAML::Node& entry : entries) {
        if (!entry.IsMap()) {
            fail(file, entry, "an answer must be {answer, classes, source}");
        }
        for (const auto& key : entry) {
            const std::string name = key.first.as<std::string>();
            if (name != "answer" && name != "classes" && name != "source") {
                fail(file, key.first, "unknown key '" + name + "' (an answer has answer, classes and source)");
            }
        }
        const std::string answer = text(file, entry, "answer", "'answer'");
        text(file, entry, "source", "'source' (where the name comes from)");
        if (std::find(vocabulary.answers_.begin(), vocabulary.answers_.end(), answer) != vocabulary.answers_.end()) {
            fail(file, entry["answer"], "the answer '" + answer + "' is listed twice");
        }
        const YAML::Node classes = entry["classes"];
        if (!classes || !classes.IsSequence() || classes.size() == 0) {
            fail(file, classes ? classes : entry, "'classes' must list the model classes that mean '" + answer + "'");
        }
        for (const YAML::Node& model_class : classes) {
            if (!model_class.IsScalar() || model_class.Scalar().empty()) {
                fail(file, model_class, "a class must be a non-empty string");
            }
            const std::string& name = model_class.Scalar();
            const auto [it, inserted] = vocabulary.answer_of_class_.emplace(name, answer);
            if (!inserted) {
                fail(file, model_class, "the class '" + name + "' already means '" + it->second + "'");
            }
        }
        vocabulary.answers_.push_back(answer);
    }
    return vocabulary;
}

const std::string& AnswerVocabulary::answer(const std::string& model_class) const {
    if (file_.empty()) {
        return model_class;
    }
    const auto it = answer_of_class_.find(model_class);
    if (it == answer_of_class_.end()) {
        throw InputError("a model gave the class '" + model_class + "', which the vocabulary " + file_.string() +
                         " does not list: add it under the answer it means");
    }
    return it->second;
}

}  // namespace timbre::plugins
