// SPDX-License-Identifier: GPL-3.0-or-later
// Stages are named in the error ("hash:", "decode:", "node 'x' ...") so a user knows
// whether to fix the file or report the plugin.
#include "executor/track_analysis.hpp"

#include <chrono>
#include <optional>

#include "decode/audio_decoder.hpp"
#include "tracks/content_hash.hpp"
#include "tracks/file_stamp.hpp"

namespace timbre::host {

namespace {
// A file rewritten or deleted while it was hashed, decoded and analysed: what was stored
// could mix two contents, so the track fails rather than store it.
void check_unchanged(const std::filesystem::path& path, const std::optional<FileStamp>& before) {
    const auto after = FileStamp::of(path);
    if (!after) {
        throw Error("the file was deleted while it was analysed");
    }
    if (before && !(*after == *before)) {
        throw Error("the file changed while it was analysed (" + std::to_string(before->size) + " bytes then, " +
                    std::to_string(after->size) + " now" +
                    (after->modified_ns != before->modified_ns ? ", modified since" : "") +
                    "); rerun with --resume to analyse it as it is now");
    }
}
}  // namespace

std::string to_string(TrackStatus status) {
    switch (status) {
    case TrackStatus::ok: return "ok";
    case TrackStatus::failed: return "failed";
    case TrackStatus::skipped: return "skipped";
    }
    return "unknown";
}

TrackResult analyse_track(std::size_t index, const std::filesystem::path& path, GraphInstance& instance,
                          const std::set<std::string>& completed_hashes, const TrackMilestones& milestones) {
    const auto started = std::chrono::steady_clock::now();
    TrackResult result;
    result.index = index;
    result.path = path;
    std::string stage = "read";
    try {
        std::error_code error;
        if (!std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
            throw Error("no such file");
        }
        if (!std::filesystem::exists(path, error)) {
            throw Error(error == std::errc::too_many_symbolic_link_levels
                            ? "symbolic link loop (following it leads back to a link already followed)"
                            : "broken symbolic link (its target does not exist)");
        }
        const auto before = FileStamp::of(path);
        result.content_hash = hash_file(path);
        if (milestones.hashed) {
            milestones.hashed(result.content_hash);
        }
        if (completed_hashes.count(result.content_hash)) {
            result.status = TrackStatus::skipped;
            return result;
        }
        stage = "decode";
        result.tags = read_tags(path);
        DecodedAudio decoded = instance.decode(path);
        result.format = decoded.format;
        result.source_rate_hz = decoded.source_rate_hz;
        result.source_channels = decoded.source_channels;
        result.duration_seconds = decoded.source_duration_seconds;
        result.analysed_seconds = decoded.audio.duration_seconds();
        for (const auto& warning : decoded.warnings) {
            result.warnings.push_back("decode: " + warning);
        }
        if (milestones.decoded) {
            milestones.decoded(result.analysed_seconds);
        }
        stage = "analyse";
        TrackOutputs outputs = instance.run(std::move(decoded.audio), Text{result.tags.lyrics});
        stage = "read";
        check_unchanged(path, before);
        result.outputs = std::move(outputs.stored);
        result.skipped_nodes = std::move(outputs.skipped);
        result.status = TrackStatus::ok;
    } catch (const NodeError& error) {
        result.error = error.what();
    } catch (const std::exception& error) {
        result.error = stage + ": " + error.what();
    }
    result.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace timbre::host
