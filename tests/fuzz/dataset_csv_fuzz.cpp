// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the CSV dataset reader (libcsv, label rules, feature and year columns, the
// group and id columns, the dataset's own split) on an arbitrary file. A bad file must be
// refused with a timbre::Error naming it; anything else is a bug.
#include <cstdint>

#include "fuzz_input_file.hpp"
#include "ml/dataset.hpp"
#include "timbre/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto file = timbre::fuzz::write_input_file(data, size, {".csv", ".csv", ".csv", ".csv", ".csv", ".csv",
                                                                  ".csv", ".csv"});
    timbre::host::DatasetSpec spec;
    spec.csv = file;
    spec.label = "genre";
    spec.label_rules = {{"rock|metal", "rock"}, {"jazz", "jazz"}};
    spec.features = {"tempo", timbre::host::FeatureColumn("released", timbre::host::FeatureColumn::Reading::year)};
    spec.group = "artist";
    spec.id = "id";
    spec.split = "split";
    if (size > 0 && data[0] % 2 == 1) {  // the other reading of the label column: raw classes
        spec.label_rules.clear();
    }
    try {
        const auto dataset = timbre::host::load_dataset(spec);
        (void)dataset;
    } catch (const timbre::Error&) {
    }
    return 0;
}
