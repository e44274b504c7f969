// SPDX-License-Identifier: GPL-3.0-or-later
// The data terms' entry of a YAML model file: a literal block of data_terms_text's lines.
#include "yaml_model_file.hpp"

#include <fstream>

#include "timbre/error.hpp"

namespace timbre::plugins {

void write_yaml_model(const std::filesystem::path& file, YAML::Emitter& out, const std::optional<DataTerms>& terms) {
    if (terms) {
        out << YAML::Key << "data_terms" << YAML::Value << YAML::Literal << data_terms_text(*terms);
    }
    out << YAML::EndMap;
    std::ofstream stream(file);
    stream << out.c_str() << "\n";
    if (!stream) {
        throw Error("cannot write " + file.string());
    }
}

std::optional<DataTerms> read_yaml_model_terms(const std::filesystem::path& file, const std::string& kind) {
    YAML::Node root;
    try {
        root = YAML::LoadFile(file.string());
    } catch (const YAML::Exception& error) {
        throw Error(file.string() + " is not " + kind + " timbre train wrote: " + error.msg);
    }
    if (!root["data_terms"]) {
        return std::nullopt;
    }
    try {
        std::string text = root["data_terms"].as<std::string>();
        while (!text.empty() && text.back() == '\n') {
            text.pop_back();  // a YAML block keeps its final line break
        }
        return parse_data_terms(text);
    } catch (const YAML::Exception& error) {
        throw Error(file.string() + ": data_terms is not text: " + error.msg);
    } catch (const Error& error) {
        throw Error(file.string() + ": " + error.what());
    }
}

}  // namespace timbre::plugins
