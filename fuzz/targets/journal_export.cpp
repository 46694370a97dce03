// A journal export as a third party holds it (journal verify --export): entries, checkpoints
// and the signed head, checked with the key of the seed export (fuzz/corpus/journal_export,
// written by a throwaway journal; its secret half was never kept). An export read as intact
// has its chain whole: the same bytes checked again give the same report.
#include "../fuzz_check.hpp"
#include "journal/verify.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace ofpra;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string key = "ad69b73e97d6ec1a14c5766b0e4121e09a89a755dda77c2e9dd466fb9d0b6694";
  static const auto path =
      std::filesystem::temp_directory_path() / ("ofpra-fuzz-export-" + std::to_string(::getpid()));
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const auto first = journal::verify_export(path, key);
  if (first && first->intact) {
    FUZZ_CHECK(first->entries == 0 || first->last_seq - first->first_seq + 1 == first->entries);
    const auto again = journal::verify_export(path, key);
    FUZZ_CHECK(again && again->intact && again->entries == first->entries);
  }
  std::filesystem::remove(path);
  return 0;
}
