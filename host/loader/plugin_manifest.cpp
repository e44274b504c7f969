// SPDX-License-Identifier: GPL-3.0-or-later
// The file is one JSON object: a format number, the ABI stamp it was written under, and per
// library path its size, modification time and descriptors. Libraries that failed to load
// are not recorded: their failure may have a cause outside the file (a missing dependency),
// so they are tried again on every run. Libraries no longer on disk are left out when the
// file is written, so scratch builds do not make every later start-up read more.
#include "loader/plugin_manifest.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "loader/descriptor_json.hpp"
#include "results/json_text.hpp"
#include "results/partial_file.hpp"
#include "timbre/abi.hpp"
#include "timbre/error.hpp"

namespace timbre::host {

namespace {

constexpr int kFormat = 1;

nlohmann::json abi_json() {
    return {{"sdk_abi", current_abi_stamp.sdk_abi_version}, {"compiler", std::string(current_abi_stamp.compiler)}};
}

}  // namespace

PluginManifest PluginManifest::read(const std::filesystem::path& file) {
    PluginManifest manifest;
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        return manifest;
    }
    try {
        const nlohmann::json json = nlohmann::json::parse(stream);
        if (json.at("format").get<int>() != kFormat || json.at("abi") != abi_json()) {
            return manifest;
        }
        for (const auto& [path, item] : json.at("libraries").items()) {
            Entry entry{{item.at("size").get<std::uintmax_t>(), item.at("modified_ns").get<std::int64_t>()}, {}};
            for (const auto& descriptor : item.at("descriptors")) {
                entry.descriptors.push_back(descriptor_from_json(descriptor));
            }
            manifest.entries_.emplace(path, std::move(entry));
        }
    } catch (const std::exception& error) {
        spdlog::debug("plugin manifest {} is not usable ({}); the plugin libraries are read instead", file.string(),
                      error.what());
        return PluginManifest();
    }
    return manifest;
}

const std::vector<Descriptor>* PluginManifest::find(const std::filesystem::path& library,
                                                    const FileStamp& stamp) const {
    const auto found = entries_.find(library);
    return found != entries_.end() && found->second.stamp == stamp ? &found->second.descriptors : nullptr;
}

void PluginManifest::record(const std::filesystem::path& library, const FileStamp& stamp,
                            std::vector<Descriptor> descriptors) {
    entries_[library] = Entry{stamp, std::move(descriptors)};
    changed_ = true;
}

bool PluginManifest::write(const std::filesystem::path& file) const {
    nlohmann::json libraries = nlohmann::json::object();
    for (const auto& [path, entry] : entries_) {
        std::error_code gone;
        if (!std::filesystem::exists(path, gone)) {
            continue;  // a library removed since (a scratch build, an uninstalled plugin): forgotten
        }
        nlohmann::json descriptors = nlohmann::json::array();
        for (const auto& descriptor : entry.descriptors) {
            descriptors.push_back(descriptor_to_json(descriptor));
        }
        libraries[path.string()] = {
            {"size", entry.stamp.size}, {"modified_ns", entry.stamp.modified_ns}, {"descriptors", std::move(descriptors)}};
    }
    const nlohmann::json json{{"format", kFormat}, {"abi", abi_json()}, {"libraries", std::move(libraries)}};
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    const auto temporary = partial_file(file);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << json_text(json);
        if (!out.flush()) {
            std::filesystem::remove(temporary, error);
            return false;
        }
    }
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, error);
        return false;
    }
    return true;
}

std::filesystem::path plugin_manifest_file() {
    if (const char* chosen = std::getenv("TIMBRE_PLUGIN_CACHE"); chosen && *chosen) {
        return std::string(chosen) == "off" ? std::filesystem::path() : std::filesystem::path(chosen);
    }
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache) {
        return std::filesystem::path(cache) / "timbre" / "plugins.json";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "timbre" / "plugins.json";
    }
    return {};
}

}  // namespace timbre::host
