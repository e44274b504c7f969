// SPDX-License-Identifier: GPL-3.0-or-later
// Names are zero-padded to three digits so they sort in dimension order.
#include "embedding_output.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace timbre::plugins {

Vector unit_embedding(const torch::Tensor& embedding) {
    const torch::Tensor unit = (embedding / embedding.norm().clamp_min(1e-12)).to(torch::kFloat).contiguous();
    std::vector<std::string> names;
    std::vector<double> values;
    for (std::int64_t i = 0; i < unit.numel(); ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "e%03lld", static_cast<long long>(i));
        names.emplace_back(name);
        values.push_back(unit.data_ptr<float>()[i]);
    }
    return Vector(std::move(names), std::move(values));
}

Outputs labels_and_embedding(const std::vector<std::string>& classes, const torch::Tensor& probabilities,
                             const torch::Tensor& embedding) {
    const torch::Tensor p = probabilities.to(torch::kFloat).contiguous();
    Outputs outputs;
    outputs.put("labels", labels_from(classes, std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + p.numel())));
    outputs.put("embedding", unit_embedding(embedding));
    return outputs;
}

}  // namespace timbre::plugins
