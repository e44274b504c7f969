// Rows without a label are dropped (and counted); a feature that is not a number is an error
// with its line and column, since silently dropping it would bias the data.
#include "ml/dataset.hpp"

#include <charconv>
#include <set>

#include "ml/csv_table.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

Dataset load_dataset(const DatasetSpec& spec) {
    const CsvTable table = CsvTable::read(spec.csv);
    const std::size_t label = table.column(spec.label);
    std::vector<std::size_t> features;
    for (const auto& name : spec.features) {
        features.push_back(table.column(name));
    }
    const std::optional<std::size_t> group = spec.group.empty() ? std::nullopt : std::optional(table.column(spec.group));
    const std::optional<std::size_t> id = spec.id.empty() ? std::nullopt : std::optional(table.column(spec.id));
    const std::optional<std::size_t> audio =
        spec.audio.empty() ? std::nullopt : std::optional(table.column(spec.audio));
    Dataset dataset;
    dataset.feature_names = spec.features;
    std::set<std::string> seen;
    for (std::size_t r = 0; r < table.rows().size(); ++r) {
        const auto& row = table.rows()[r];
        if (row[label].empty()) {
            ++dataset.unlabelled_dropped;
            continue;
        }
        if (id && !seen.insert(row[*id]).second) {
            ++dataset.duplicates_dropped;
            continue;
        }
        Example example{row[label], group ? row[*group] : std::to_string(r), {}, {}};
        if (audio) {
            example.audio = spec.csv.parent_path() / row[*audio];
        }
        for (std::size_t f = 0; f < features.size(); ++f) {
            const std::string& text = row[features[f]];
            double value = 0.0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (error != std::errc() || end != text.data() + text.size()) {
                throw Error("dataset " + spec.csv.string() + ":" + std::to_string(r + 2) + ": column '" +
                            spec.features[f] + "' holds '" + text + "', not a number");
            }
            example.features.push_back(value);
        }
        dataset.examples.push_back(std::move(example));
    }
    return dataset;
}

}  // namespace timbre::host
