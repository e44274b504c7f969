// SPDX-License-Identifier: GPL-3.0-or-later
// The terms' text form: three lines, so a licence or source may hold any character but a
// newline (config values are single-line scalars).
#include "timbre/data_terms.hpp"

#include <array>
#include <utility>

#include "timbre/error.hpp"

namespace timbre {

namespace {
constexpr std::array<std::pair<DataUse, std::string_view>, 3> kUseNames{{
    {DataUse::unrestricted, "unrestricted"},
    {DataUse::non_commercial, "non-commercial"},
    {DataUse::research_only, "research-only"},
}};

std::string one_line(const std::string& text, const char* what) {
    if (text.find('\n') != std::string::npos) {
        throw Error(std::string("data terms: the ") + what + " must be one line");
    }
    return text;
}
}  // namespace

std::string_view data_use_name(DataUse use) {
    for (const auto& [value, name] : kUseNames) {
        if (value == use) {
            return name;
        }
    }
    throw Error("data terms: unknown use");
}

std::optional<DataUse> data_use_named(std::string_view name) {
    for (const auto& [value, known] : kUseNames) {
        if (known == name) {
            return value;
        }
    }
    return std::nullopt;
}

std::string data_terms_text(const DataTerms& terms) {
    return std::string(data_use_name(terms.use)) + "\n" + one_line(terms.licence, "licence") + "\n" +
           one_line(terms.source, "source");
}

DataTerms parse_data_terms(const std::string& text) {
    const auto first = text.find('\n');
    const auto second = first == std::string::npos ? first : text.find('\n', first + 1);
    if (second == std::string::npos || text.find('\n', second + 1) != std::string::npos) {
        throw Error("data terms: expected three lines (use, licence, source), got '" + text + "'");
    }
    const auto use = data_use_named(std::string_view(text).substr(0, first));
    if (!use) {
        throw Error("data terms: unknown use '" + text.substr(0, first) + "'");
    }
    return DataTerms{*use, text.substr(first + 1, second - first - 1), text.substr(second + 1)};
}

ModelFileTerms::~ModelFileTerms() = default;

}  // namespace timbre
