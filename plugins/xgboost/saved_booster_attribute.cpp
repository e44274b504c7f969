// SPDX-License-Identifier: GPL-3.0-or-later
// XGBoost saves a model as {"learner": {"attributes": {NAME: TEXT, ...}, "gradient_booster":
// {...the trees...}, ...}, "version": [...]}, its keys in order, so the attributes come
// before the trees and the reading stops as soon as they end.
#include "saved_booster_attribute.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <vector>

#include "timbre/error.hpp"

namespace timbre::plugins {

namespace {

using Json = nlohmann::json;

// Follows the keys from the root down; keeps the string under learner.attributes.NAME, and
// stops the parse (returns false) once that object is closed.
class AttributeFinder : public nlohmann::json_sax<Json> {
public:
    explicit AttributeFinder(std::string name) : name_(std::move(name)) {}

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool string(string_t& value) override {
        if (in_attributes() && key_ == name_) {
            found_ = value;
        }
        return true;
    }
    bool key(string_t& value) override {
        key_ = value;
        return true;
    }
    bool start_object(std::size_t) override {
        open_.push_back(key_);
        key_.clear();
        return true;
    }
    bool end_object() override {
        const bool leaving_attributes = in_attributes();
        open_.pop_back();
        finished_ = finished_ || leaving_attributes;
        return !finished_;
    }
    bool start_array(std::size_t) override {
        open_.push_back(key_);
        return true;
    }
    bool end_array() override {
        open_.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
        error_ = error.what();
        return false;
    }

    const std::optional<std::string>& found() const { return found_; }
    bool finished() const { return finished_; }
    const std::string& error() const { return error_; }

private:
    // The root object is opened under an empty key.
    bool in_attributes() const { return open_.size() == 3 && open_[1] == "learner" && open_[2] == "attributes"; }

    std::string name_;
    std::vector<std::string> open_;  // the key each open object or array was opened under
    std::string key_;
    std::optional<std::string> found_;
    bool finished_ = false;
    std::string error_;
};

}  // namespace

bool saved_as_json(const std::filesystem::path& file) {
    const auto extension = file.extension();
    return extension == ".json" || extension == ".ubj";
}

std::optional<std::string> saved_booster_attribute(const std::filesystem::path& file, const std::string& name) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error("cannot read " + file.string());
    }
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    AttributeFinder finder(name);
    const auto format = file.extension() == ".json" ? Json::input_format_t::json : Json::input_format_t::ubjson;
    const bool whole = Json::sax_parse(bytes, &finder, format);
    if (!whole && !finder.finished()) {
        throw Error(file.string() + " is not an XGBoost model saved as " +
                    (format == Json::input_format_t::json ? "JSON" : "UBJSON") +
                    (finder.error().empty() ? "" : ": " + finder.error()));
    }
    return finder.found();
}

}  // namespace timbre::plugins
