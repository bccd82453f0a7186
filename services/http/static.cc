#include "services/http/static.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/http/exchange.h"
#include "services/http/routes.h"

namespace mea::services::http {
namespace {

namespace fs = std::filesystem;

bool IsInside(const fs::path& root, const fs::path& file) {
  auto [root_end, file_part] =
      std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end();
}

// The path's segments, or nullopt when one may not be served.
std::optional<std::vector<std::string>> SafeSegments(const std::string& path) {
  if (path.empty() || path[0] != '/' ||
      path.find_first_of(std::string("\\\0", 2)) != std::string::npos) {
    return std::nullopt;
  }
  std::vector<std::string> segments;
  for (absl::string_view part : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    if (part == "..") return std::nullopt;
    if (part == ".") continue;
    segments.emplace_back(part);
  }
  return segments;
}

std::optional<std::string> ReadFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

bool IsSourceMap(const fs::path& file) {
  return absl::AsciiStrToLower(file.extension().string()) == ".map";
}

}  // namespace

std::string ContentTypeFor(const fs::path& file) {
  static const auto* const kTypes = new std::map<std::string, std::string>{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  auto found = kTypes->find(absl::AsciiStrToLower(file.extension().string()));
  return found == kTypes->end() ? "application/octet-stream" : found->second;
}

absl::StatusOr<StaticFiles> StaticFiles::Open(const std::string& root,
                                              bool serve_source_maps) {
  std::error_code error;
  fs::path canonical = fs::canonical(root, error);
  if (error || !fs::is_directory(canonical)) {
    return absl::NotFoundError(
        absl::StrCat("web root ", root, " is not a folder"));
  }
  return StaticFiles(canonical, serve_source_maps);
}

std::optional<fs::path> StaticFiles::Resolve(
    const std::string& url_path) const {
  std::optional<std::vector<std::string>> segments = SafeSegments(url_path);
  if (!segments.has_value()) return std::nullopt;
  fs::path file = root_;
  for (const std::string& segment : *segments) file /= segment;
  std::error_code error;
  if (fs::is_directory(file, error)) file /= "index.html";
  if (!fs::exists(file, error)) {
    const bool has_extension =
        !segments->empty() && segments->back().find('.') != std::string::npos;
    if (has_extension) return std::nullopt;
    file = root_ / "index.html";
  }
  fs::path canonical = fs::canonical(file, error);
  if (error || !IsInside(root_, canonical) ||
      !fs::is_regular_file(canonical, error)) {
    return std::nullopt;
  }
  // Asked for by name or reached through a link: either way no map.
  if (!serve_source_maps_ && (IsSourceMap(file) || IsSourceMap(canonical))) {
    return std::nullopt;
  }
  return canonical;
}

void StaticFiles::Serve(const httplib::Request& request,
                        httplib::Response& response) const {
  std::optional<std::string> path = PercentDecode(RawPathOf(request));
  std::optional<fs::path> file =
      path.has_value() ? Resolve(*path) : std::nullopt;
  std::optional<std::string> bytes =
      file.has_value() ? ReadFile(*file) : std::nullopt;
  if (!bytes.has_value()) {
    WriteError(response, absl::NotFoundError(absl::StrCat("no such file: ",
                                                          path.value_or("?"))));
    return;
  }
  response.set_header("Cache-Control", "no-cache");
  response.set_content(*std::move(bytes), ContentTypeFor(*file));
}

}  // namespace mea::services::http
