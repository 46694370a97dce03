#pragma once
// The 2D-Doc out of what a verifier has: a PDF (its first page rendered, poppler), an image
// (PNG or JPEG: a scan, a photo) or the 2D-Doc's text itself (what a reader or the page's
// camera decoded). Untrusted input: bounded in size and in decoding time.
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::attest {

inline constexpr std::size_t max_scan_bytes = 8 * 1024 * 1024;

enum class ScanProblem { too_large, unreadable, no_symbol };

struct ScanResult {
  std::string twoddoc;  // empty when problem is set
  std::optional<ScanProblem> problem;
};

// Recognises a PDF, PNG or JPEG by its first bytes; anything else is taken as the 2D-Doc text.
ScanResult scan(std::string_view content);

}  // namespace ofpra::attest
