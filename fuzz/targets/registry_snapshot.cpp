// The registry's snapshot file, read at start instead of the whole registry: a damaged,
// truncated or foreign file is refused (null), never trusted and never a crash.
#include "service/registry_snapshot.hpp"
#include "../fuzz_check.hpp"

#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

using namespace ofpra;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto path =
      std::filesystem::temp_directory_path() / ("ofpra-fuzz-snapshot-" + std::to_string(::getpid()));
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const auto snapshot = service::RegistrySnapshot::read_file(path, "fuzz", 1);
  std::filesystem::remove(path);
  // Whatever it holds, a snapshot read is one a lookup can walk.
  if (snapshot) FUZZ_CHECK(snapshot->size() < size);
  return 0;
}
