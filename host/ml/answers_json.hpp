// SPDX-License-Identifier: GPL-3.0-or-later
// The per-example answers every model report keeps, as its JSON holds them:
// [{example, origin, group, truth, predicted}, ...], where truth and predicted are a label, a number
// or a list of tags as the answer type has them. One writer and one reader, so that what
// `timbre evaluate`, `train` and `evaluate-similarity` write is what `compare-models` reads.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace timbre::host {

template <typename Answer>
nlohmann::ordered_json answers_json(const std::vector<Answer>& answers) {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const auto& answer : answers) {
        json.push_back({{"example", answer.example.key},
                        {"origin", answer.example.origin},
                        {"group", answer.example.group},
                        {"truth", answer.truth},
                        {"predicted", answer.predicted}});
    }
    return json;
}

// Throws nlohmann::json::exception for an answer that lacks a field or has one of another type;
// a report written before answers kept their group (December 2026) reads as examples without one.
template <typename Answer>
std::vector<Answer> answers_from_json(const nlohmann::json& answers) {
    std::vector<Answer> read;
    for (const auto& answer : answers) {
        read.push_back({{answer.at("example").template get<std::string>(),
                         answer.at("origin").template get<std::string>(),
                         answer.value("group", std::string())},
                        answer.at("truth").template get<decltype(Answer::truth)>(),
                        answer.at("predicted").template get<decltype(Answer::predicted)>()});
    }
    return read;
}

}  // namespace timbre::host
