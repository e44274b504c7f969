// SPDX-License-Identifier: GPL-3.0-or-later
// nlohmann's SAX interface walks the text once; only the "values" object at the top level is
// collected, everything else ("type", "unit", ...) skipped.
#include "similarity/stored_vector.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

#include "timbre/error.hpp"

namespace timbre::host {

namespace {

using Json = nlohmann::json;

class StoredVectorWalk final : public nlohmann::json_sax<Json> {
public:
    explicit StoredVectorWalk(const std::shared_ptr<const std::vector<std::string>>& layout) : layout_(layout) {}

    bool null() override { return value(std::nan("")); }
    bool boolean(bool) override { return not_a_number("true or false"); }
    bool number_integer(number_integer_t number) override { return value(static_cast<double>(number)); }
    bool number_unsigned(number_unsigned_t number) override { return value(static_cast<double>(number)); }
    bool number_float(number_float_t number, const string_t&) override { return value(number); }
    bool string(string_t&) override { return in_values() ? not_a_number("text") : true; }
    bool binary(binary_t&) override { return in_values() ? not_a_number("binary data") : true; }
    bool start_object(std::size_t) override { return in_values() ? not_a_number("an object") : open(); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return in_values() ? not_a_number("a list") : open(); }
    bool end_array() override { return close(); }
    bool key(string_t& name) override {
        if (depth_ == 1) {
            values_key_ = name == "values";
        } else if (in_values()) {
            add_name(name);
        }
        return true;
    }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override {
        problem_ = "not JSON at character " + std::to_string(position) + " (" + error.what() + ")";
        return false;
    }

    // The vector read, or nullopt with problem() saying why.
    std::optional<Vector> vector(std::shared_ptr<const std::vector<std::string>>& layout) {
        if (!problem_.empty() || !seen_values_) {
            return std::nullopt;
        }
        if (!names_ && values_.size() != layout_->size()) {
            names_.emplace(layout_->begin(), layout_->begin() + static_cast<std::ptrdiff_t>(values_.size()));
        }
        if (names_) {
            layout = std::make_shared<const std::vector<std::string>>(std::move(*names_));
        }
        return Vector(layout, std::move(values_));
    }
    std::string problem() const { return problem_.empty() ? "it holds no \"values\" object" : problem_; }

private:
    bool in_values() const { return values_depth_ && depth_ == values_depth_; }
    bool open() {
        ++depth_;
        if (depth_ == 2 && values_key_ && !seen_values_) {
            values_depth_ = depth_;
            seen_values_ = true;
        }
        return true;
    }
    bool close() {
        if (in_values()) {
            values_depth_ = 0;
        }
        --depth_;
        return true;
    }
    // Names are checked against the layout as they come; a list of their own is made only
    // from the first name that differs.
    void add_name(const std::string& name) {
        const std::size_t at = values_.size();
        if (!names_ && at < layout_->size() && (*layout_)[at] == name) {
            return;
        }
        if (!names_) {
            names_.emplace(layout_->begin(), layout_->begin() + static_cast<std::ptrdiff_t>(at));
        }
        names_->push_back(name);
    }
    bool value(double number) {
        if (in_values()) {
            values_.push_back(number);
        }
        return true;
    }
    bool not_a_number(const char* what) {
        problem_ = "value " + std::to_string(values_.size() + 1) + " is " + what + ", not a number";
        return false;
    }

    const std::shared_ptr<const std::vector<std::string>> layout_;
    std::optional<std::vector<std::string>> names_;  // set once the names differ from layout_'s
    std::vector<double> values_;
    std::string problem_;
    int depth_ = 0;
    int values_depth_ = 0;
    bool values_key_ = false;
    bool seen_values_ = false;
};

const std::shared_ptr<const std::vector<std::string>> kNoNames = std::make_shared<const std::vector<std::string>>();

}  // namespace

Vector read_stored_vector(std::string_view json, std::shared_ptr<const std::vector<std::string>>& layout) {
    if (!layout) {
        layout = kNoNames;
    }
    StoredVectorWalk walk(layout);
    Json::sax_parse(json, &walk);
    auto vector = walk.vector(layout);
    if (!vector) {
        throw Error("a stored vector could not be read: " + walk.problem());
    }
    return std::move(*vector);
}

}  // namespace timbre::host
