// SPDX-License-Identifier: GPL-3.0-or-later
// Every handler runs through `answer`, which turns ApiError into its status and any other
// exception into a 500, both as {"error": "..."}: a bad request never takes the server down.
// Audio is streamed from the track's file in 64 KiB pieces; cpp-httplib answers Range
// requests (206) from the length given.
#include "web/web_server.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "results/json_text.hpp"
#include "timbre/error.hpp"
#include "web/client_rate_limit.hpp"
#include "web/request_parameters.hpp"
#include "web/upload_request.hpp"
#include "web/web_assets.hpp"

namespace timbre::host {

namespace {

constexpr std::size_t kLargestBody = 64 * 1024;
constexpr std::size_t kAudioPiece = 64 * 1024;
constexpr std::size_t kAnyJob = std::numeric_limits<std::size_t>::max();
constexpr int kSlowClientSeconds = 10;
// A client may spend this many seconds' worth of its request rate at once (a page loading).
constexpr double kBurstSeconds = 10.0;

bool loopback(const std::string& host) { return host == "127.0.0.1" || host == "::1" || host == "localhost"; }

void send_json(httplib::Response& response, const nlohmann::ordered_json& json, int status = 200) {
    response.status = status;
    response.set_content(json_text(json), "application/json");
}

// Runs `work`, turning ApiError into its status and any other exception into a 500.
template <typename Work>
void respond_safely(const httplib::Request& request, httplib::Response& response, const Work& work) {
    try {
        work();
    } catch (const ApiError& error) {
        if (error.retry_after > 0) {
            response.set_header("Retry-After", std::to_string(error.retry_after));
        }
        send_json(response, {{"error", error.what()}}, error.status);
    } catch (const std::exception& error) {
        // The details (a path of the server, say) go to the log, not to the client.
        spdlog::error("{} {}: {}", request.method, request.path, error.what());
        send_json(response, {{"error", "the server failed to answer this request; its log says why"}}, 500);
    }
}

template <typename Handler>
httplib::Server::Handler answer(Handler handler) {
    return [handler](const httplib::Request& request, httplib::Response& response) {
        respond_safely(request, response, [&] { handler(request, response); });
    };
}

// The same for a handler that reads the request body itself, as it arrives. A request it
// refuses may have left its body unread, so the connection is closed after the answer: the
// unread bytes must never be taken for the client's next request.
template <typename Handler>
httplib::Server::HandlerWithContentReader answer_streaming(Handler handler) {
    return [handler](const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& body) {
        respond_safely(request, response, [&] { handler(request, response, body); });
        if (response.status >= 400) {
            response.set_header("Connection", "close");
        }
    };
}

std::int64_t id_of(const httplib::Request& request) {
    try {
        return std::stoll(request.matches[1].str());
    } catch (const std::exception&) {
        throw ApiError(404, "no track " + request.matches[1].str());
    }
}

nlohmann::json body_of(const httplib::Request& request) {
    try {
        return nlohmann::json::parse(request.body);
    } catch (const nlohmann::json::exception& error) {
        throw ApiError(400, std::string("the request body is not JSON: ") + error.what());
    }
}

std::string audio_type(const std::filesystem::path& file) {
    static const std::map<std::string, std::string> types{
        {".mp3", "audio/mpeg"},  {".ogg", "audio/ogg"},   {".oga", "audio/ogg"},   {".opus", "audio/ogg"},
        {".flac", "audio/flac"}, {".wav", "audio/wav"},   {".m4a", "audio/mp4"},   {".mp4", "audio/mp4"},
        {".aif", "audio/aiff"},  {".aiff", "audio/aiff"}, {".webm", "audio/webm"}, {".weba", "audio/webm"},
        {".aac", "audio/aac"}};
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto it = types.find(extension);
    return it == types.end() ? "application/octet-stream" : it->second;
}

void stream_audio(const std::filesystem::path& file, httplib::Response& response) {
    std::error_code error;
    const auto size = std::filesystem::file_size(file, error);
    if (error) {
        throw ApiError(410, "the track's file is gone: " + file.filename().string());
    }
    auto stream = std::make_shared<std::ifstream>(file, std::ios::binary);
    response.set_content_provider(static_cast<std::size_t>(size), audio_type(file),
                                  [stream](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                      std::vector<char> piece(std::min(length, kAudioPiece));
                                      stream->clear();
                                      stream->seekg(static_cast<std::streamoff>(offset));
                                      stream->read(piece.data(), static_cast<std::streamsize>(piece.size()));
                                      const auto got = static_cast<std::size_t>(stream->gcount());
                                      return got > 0 && sink.write(piece.data(), got);
                                  });
}

}  // namespace

void serve(const LiveLibrary& library, AnalysisJobs& jobs, UploadFolder* uploads, VisitorQueries& visitors,
           const ServeOptions& options) {
    if (!loopback(options.host) && options.token.empty()) {
        throw Error("serving on " + options.host + " reaches other machines: give --token (or TIMBRE_TOKEN) so that "
                    "only those who know it can change anything");
    }
    // A client that goes away mid-answer (a closed tab during playback) makes the next write
    // fail; without this, the process would die of SIGPIPE instead of that request failing.
    std::signal(SIGPIPE, SIG_IGN);
    httplib::Server server;
    server.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(
        std::max({uploads ? largest_upload_request(*uploads) : 0, visitors.largest(), kLargestBody}));
    // A client that stops sending or reading holds a worker only this long.
    server.set_read_timeout(kSlowClientSeconds, 0);
    server.set_write_timeout(kSlowClientSeconds, 0);
    server.set_keep_alive_timeout(kSlowClientSeconds);
    // Headers and body go out as separate writes: with Nagle's algorithm on, the body waits
    // for the client's delayed ACK of the headers, 40 ms on Linux, on every kept-alive answer.
    server.set_tcp_nodelay(true);
    const double rate = options.rate_limit.value_or(loopback(options.host) ? 0.0 : kDefaultRateLimit);
    std::optional<ClientRateLimit> limit;
    if (rate > 0.0) {
        limit.emplace(rate, kBurstSeconds);
    }
    server.set_pre_routing_handler([&](const httplib::Request& request, httplib::Response& response) {
        if (const auto wait = limit ? limit->admit(request.remote_addr) : std::nullopt) {
            const auto seconds = static_cast<long>(std::ceil(*wait));
            response.set_header("Retry-After", std::to_string(seconds));
            std::ostringstream message;
            message << "too many requests from " << request.remote_addr << ": this server answers " << rate
                    << " a second from one address (--rate-limit); try again in " << seconds << " s";
            send_json(response, {{"error", message.str()}}, 429);
            return httplib::Server::HandlerResponse::Handled;
        }
        const bool reads = request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS";
        if (!reads && !options.token.empty() &&
            request.get_header_value("Authorization") != "Bearer " + options.token) {
            send_json(response, {{"error", "this server needs its token: Authorization: Bearer TOKEN"}}, 401);
            return httplib::Server::HandlerResponse::Handled;
        }
        // Only an upload or a file to compare may be larger than kLargestBody, and its length must be declared.
        if (request.path != "/api/uploads" && request.path != "/api/similar") {
            if (request.get_header_value("Transfer-Encoding") == "chunked") {
                send_json(response, {{"error", "send a Content-Length: bodies of unknown length are not accepted"}}, 411);
                return httplib::Server::HandlerResponse::Handled;
            }
            if (std::strtoull(request.get_header_value("Content-Length").c_str(), nullptr, 10) > kLargestBody) {
                send_json(response, {{"error", "the request body is larger than " + std::to_string(kLargestBody / 1024) +
                                                   " KiB"}},
                          413);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    server.Get("/api/health", answer([&](const httplib::Request&, httplib::Response& response) {
                   send_json(response, library.current()->health());
               }));
    server.Get("/api/tracks", answer([&](const httplib::Request& request, httplib::Response& response) {
                   send_json(response, library.current()->tracks(parameters_of(request)));
               }));
    server.Get(R"(/api/tracks/(-?\d+))", answer([&](const httplib::Request& request, httplib::Response& response) {
                   send_json(response, library.current()->track(id_of(request), parameters_of(request)));
               }));
    server.Get(R"(/api/tracks/(-?\d+)/audio)", answer([&](const httplib::Request& request, httplib::Response& response) {
                   stream_audio(library.current()->audio_file(id_of(request)), response);
               }));
    server.Get("/api/map", answer([&](const httplib::Request&, httplib::Response& response) {
                   send_json(response, library.current()->map());
               }));
    server.Post("/api/playlist", answer([&](const httplib::Request& request, httplib::Response& response) {
                    const auto format = request.get_param_value("format");
                    if (format.empty() || format == "json") {
                        send_json(response, library.current()->playlist(body_of(request)));
                        return;
                    }
                    const auto [file, type] = library.current()->playlist_file(body_of(request), format);
                    response.set_header("Content-Disposition", "attachment; filename=\"playlist." + format + "\"");
                    response.set_content(file, type);
                }));
    server.Get("/api/playlists", answer([&](const httplib::Request&, httplib::Response& response) {
                   send_json(response, library.current()->saved_playlists());
               }));
    server.Get(R"(/api/playlists/(-?\d+))", answer([&](const httplib::Request& request, httplib::Response& response) {
                   send_json(response, library.current()->saved_playlist(id_of(request)));
               }));
    server.Post("/api/playlists", answer([&](const httplib::Request& request, httplib::Response& response) {
                    send_json(response, library.current()->save_playlist(body_of(request)), 201);
                }));
    server.Put(R"(/api/playlists/(-?\d+))", answer([&](const httplib::Request& request, httplib::Response& response) {
                   send_json(response, library.current()->change_playlist(id_of(request), body_of(request)));
               }));
    server.Delete(R"(/api/playlists/(-?\d+))", answer([&](const httplib::Request& request, httplib::Response& response) {
                      library.current()->delete_playlist(id_of(request));
                      response.status = 204;
                  }));
    server.Get("/api/analysis", answer([&](const httplib::Request& request, httplib::Response& response) {
                   std::optional<std::uint64_t> since;
                   if (request.has_param("since")) {
                       since = count_parameter(parameters_of(request), "since", 0, kAnyJob);
                   }
                   send_json(response, jobs.status(since));
               }));
    server.Post("/api/analysis", answer([&](const httplib::Request& request, httplib::Response& response) {
                    const auto body = body_of(request);
                    if (!body.is_object() || !body.contains("path") || !body.at("path").is_string()) {
                        throw ApiError(400, "an analysis takes {\"path\": \"a file or folder inside --library\"}");
                    }
                    send_json(response, jobs.start({body.at("path").get<std::string>()}), 202);
                }));
    server.Post("/api/uploads", answer_streaming([&](const httplib::Request& request, httplib::Response& response,
                                                     const httplib::ContentReader& body) {
                    const UploadAnswer answer = receive_uploads(uploads, jobs, request, body);
                    send_json(response, answer.body, answer.status);
                }));
    server.Post("/api/similar", answer_streaming([&](const httplib::Request& request, httplib::Response& response,
                                                     const httplib::ContentReader& body) {
                    send_json(response, visitors.answer(request, body));
                }));
    server.Get(R"(/api/uploads/([A-Za-z0-9-]+))", answer([&](const httplib::Request& request, httplib::Response& response) {
                   send_json(response, upload_progress(uploads, request.matches[1].str()));
               }));
    for (const WebAsset& asset : web_assets()) {
        const std::string path = asset.path == "/openapi.json" ? "/api/openapi.json" : std::string(asset.path);
        server.Get(path, [&asset](const httplib::Request&, httplib::Response& response) {
            response.set_content(asset.content.data(), asset.content.size(), std::string(asset.content_type));
        });
    }
    server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
        if (response.body.empty() && request.path.rfind("/api/", 0) == 0) {
            const std::string error = response.status == 404   ? "no such endpoint: " + request.method + " " + request.path
                                      : response.status == 413 ? "the request body is larger than this server accepts"
                                                               : "the request failed with HTTP status " + std::to_string(response.status);
            send_json(response, {{"error", error}}, response.status);
        }
    });
    const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                       : (server.bind_to_port(options.host, options.port) ? options.port : -1);
    if (port <= 0) {
        throw Error("cannot listen on " + options.host + ":" + std::to_string(options.port) +
                    " (in use, or not an address of this machine)");
    }
    spdlog::info("serving {} tracks on http://{}:{}/ (stop with Ctrl-C)",
                 library.current()->health().at("tracks").get<std::size_t>(), options.host, port);
    server.listen_after_bind();
}

}  // namespace timbre::host
