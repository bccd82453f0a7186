// The web app's files (mead --web_root), served at "/" beside the API.
//
// Only files inside the root are served: the decoded path may not hold a
// ".." segment, a backslash or a NUL, and the resolved file (symbolic links
// followed) must still lie inside the root. "/" and folders serve their
// index.html; a path without a file extension that names no file serves
// the root's index.html, so that the web app's own routes survive a reload.
// Content types come from the file extension; unknown ones are
// application/octet-stream (and nosniff keeps browsers from guessing).
// Source maps (*.map) are 404 unless asked for (mead
// --http_serve_source_maps): they hand out the app's original source, which
// production has no need to publish.
#ifndef MEA_SERVICES_HTTP_STATIC_H_
#define MEA_SERVICES_HTTP_STATIC_H_

#include <httplib.h>

#include <filesystem>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace mea::services::http {

class StaticFiles {
 public:
  // NOT_FOUND when `root` is not a folder.
  static absl::StatusOr<StaticFiles> Open(const std::string& root,
                                          bool serve_source_maps = false);

  void Serve(const httplib::Request& request,
             httplib::Response& response) const;

  // The file `url_path` (decoded, "/..."), if it may be served.
  std::optional<std::filesystem::path> Resolve(
      const std::string& url_path) const;

 private:
  StaticFiles(std::filesystem::path root, bool serve_source_maps)
      : root_(std::move(root)), serve_source_maps_(serve_source_maps) {}
  std::filesystem::path root_;
  bool serve_source_maps_ = false;
};

// The Content-Type for a file name's extension.
std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace mea::services::http

#endif  // MEA_SERVICES_HTTP_STATIC_H_
