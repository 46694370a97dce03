#pragma once
// Secrets kept in the keys folder, outside the repository and the database: the folder 0700,
// each secret 0600 from the moment it exists. Nodes that share the folder agree on one key:
// a key is written under a name of its own and linked into place, and whoever comes second
// reads the first one's.
#include "domain/result.hpp"

#include <filesystem>
#include <functional>
#include <string>

namespace ofpra::auth {

// The file's text without its trailing newline.
domain::Result<std::string> read_key_file(const std::filesystem::path& file);

// The text of `file`, which is created from make() (mode 0600, the folder 0700) if it does not
// exist yet.
domain::Result<std::string> read_or_create_key_file(const std::filesystem::path& file,
                                                    const std::function<std::string()>& make);

}  // namespace ofpra::auth
