// What an attestation costs to make and to verify, on one core, against the bare ECDSA P-256
// signature and verification it cannot do without (OpenSSL). Made: the 2D-Doc signed, its
// DataMatrix, the whole A4 PDF in French, and in French and Arabic. Verified: from the 2D-Doc's
// text, from a PNG scan of the page (150 dpi), from the PDF itself (rendered by poppler). The
// door's check (a store read and a journal entry) is not in these figures: bench/attestations.sh
// measures it over HTTP. Usage: attestations [ROUNDS]. What it says: docs/PERFORMANCE.md.
#include "attest/attestation_code.hpp"
#include "attest/datamatrix.hpp"
#include "attest/p256.hpp"
#include "web/attestation_document.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

using namespace ofpra;
using Clock = std::chrono::steady_clock;

struct Figures {
  double per_second;
  double median_ms;
  double p99_ms;
};

Figures measure(int rounds, const std::function<void()>& work) {
  std::vector<double> ms;
  work();  // warm
  const auto start = Clock::now();
  for (int i = 0; i < rounds; ++i) {
    const auto t = Clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
  }
  const double total = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(ms.begin(), ms.end());
  return {rounds / total, ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]};
}

void line(const char* what, const Figures& f, const Figures& baseline) {
  std::printf("%-44s %10.0f /s %9.3f ms %9.3f ms %8.1fx\n", what, f.per_second, f.median_ms, f.p99_ms,
              baseline.per_second / f.per_second);
}

service::IssuedAttestation sample(const std::string& language) {
  service::IssuedAttestation a;
  a.record = {"7QK4MZP2XW9D",
              "100000001",
              domain::AttestationLevel::protection,
              language,
              "OC01",
              "2026-12-07T10:00:00.000Z",
              "2027-03-09",
              1,
              "portail",
              "",
              std::nullopt,
              ""};
  a.answer.outcome = service::Outcome::found;
  a.answer.designation =
      service::DesignationBlock{"AHMADI", std::nullopt, {"Mohammad", "Reza"}, *domain::PartialDate::parse("1990")};
  a.answer.protection =
      service::ProtectionBlock{true, *domain::PartialDate::parse("2026-12-07"), domain::ProtectionType::refugee,
                               *domain::PartialDate::parse("2023-04-12")};
  return a;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 200;
  const auto dir = std::filesystem::temp_directory_path() / ("ofpra-bench-attest-" + std::to_string(::getpid()));
  auto authority = attest::Authority::load_or_create(dir, {}, env::system_clock());
  if (!authority) return std::fprintf(stderr, "%s\n", authority.error().message.c_str()), 1;
  const auto fr = sample("fr"), ar = sample("ar");
  const auto text = attest::sign_attestation(*authority, fr);
  const auto message = text.substr(0, text.find('\x1f'));
  const auto key = attest::P256Key::generate();
  const auto signature = key.sign(message);
  const auto files = web::attestation_files(fr, *authority, "https://connect.ofpra.gouv.fr");
  // A scan of the page as a PNG, drawn by poppler's pdftoppm (the reader's own input).
  const auto pdf_file = dir / "a.pdf";
  std::ofstream(pdf_file, std::ios::binary) << files.pdf;
  const auto png_file = dir / "a";
  if (std::system(("pdftoppm -r 150 -png -singlefile " + pdf_file.string() + " " + png_file.string()).c_str()) != 0)
    return 1;
  std::ifstream in(png_file.string() + ".png", std::ios::binary);
  const std::string png((std::istreambuf_iterator<char>(in)), {});
  const auto& trusted = authority->trusted();
  auto must_read = [&](const std::string& content) {
    if (!attest::read_attestation(trusted, "ZZ", content).presented.genuine) std::abort();
  };

  std::printf("%d rounds, one core. Ratio: the bare operation's rate over this one's.\n\n", rounds);
  std::printf("%-44s %13s %12s %12s %9s\n", "made", "rate", "median", "p99", "× bare");
  const auto sign = measure(rounds * 10, [&] { (void)key.sign(message); });
  line("bare ECDSA P-256 signature (baseline)", sign, sign);
  line("2D-Doc built and signed", measure(rounds * 10, [&] { (void)attest::sign_attestation(*authority, fr); }), sign);
  line("DataMatrix drawn", measure(rounds, [&] { (void)attest::encode_datamatrix(text); }), sign);
  line("whole attestation, French (PDF)",
       measure(rounds, [&] { (void)web::attestation_files(fr, *authority, "https://connect.ofpra.gouv.fr"); }), sign);
  line("whole attestation, French and Arabic (PDF)",
       measure(rounds, [&] { (void)web::attestation_files(ar, *authority, "https://connect.ofpra.gouv.fr"); }), sign);

  std::printf("\n%-44s %13s %12s %12s %9s\n", "verified", "rate", "median", "p99", "× bare");
  const auto verify = measure(rounds * 10, [&] {
    if (!attest::p256_verify(key.evp(), message, signature)) std::abort();
  });
  line("bare ECDSA P-256 verification (baseline)", verify, verify);
  line("from the 2D-Doc's text", measure(rounds * 10, [&] { must_read(text); }), verify);
  line("from a PNG scan of the page (150 dpi)", measure(rounds, [&] { must_read(png); }), verify);
  line("from the PDF (rendered at 150 dpi)", measure(rounds, [&] { must_read(files.pdf); }), verify);
  std::filesystem::remove_all(dir);
}
