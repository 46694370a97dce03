// attestation issue, verify, revoke, rotate: an operator issues a person's signed attestation
// (journaled as the portal's), anyone verifies one (online through the door, or offline against
// the published certificates), OFPRA revokes one, and the signing certificate is rotated.
#include "api/attestations.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "attest/verification.hpp"
#include "service/attestations.hpp"
#include "service/standalone_door.hpp"
#include "web/attestation_document.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace ofpra::app {
namespace {

struct AttestationOptions {
  std::string db;
  std::string keys_dir;
  AttestationConfig config;
  std::string public_url = "http://127.0.0.1:8080";
  std::string numero_ofpra;
  std::string level;
  std::string language = "fr";
  std::string out;
  std::string file;
  std::string certificates;
  std::string crl;
  std::string id;
  std::string by = "ofpra";
  bool revoke_previous = false;
};

std::optional<std::string> read_input(const std::string& file, int& exit_code) {
  std::stringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "error: cannot read " << file << "\n";
      exit_code = exit_failure;
      return std::nullopt;
    }
    text << in.rdbuf();
  }
  return text.str();
}

std::optional<attest::Authority> authority_or_report(const AttestationOptions& o, int& exit_code) {
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  if (!keys) return std::nullopt;
  auto authority = attest::Authority::load_or_create(*keys, o.config.authority, env::system_clock());
  if (!authority) {
    std::cerr << "error: " << authority.error().message << "\n";
    exit_code = exit_failure;
    return std::nullopt;
  }
  return std::move(*authority);
}

// The database, the authority and a door of its own: what issuing and verifying online need.
struct Online {
  std::unique_ptr<store::Database> db;
  attest::Authority authority;
  std::unique_ptr<service::StandaloneDoor> door;
};

std::optional<Online> online_or_report(const AttestationOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return std::nullopt;
  auto authority = authority_or_report(o, exit_code);
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  if (!authority || !keys) return std::nullopt;
  auto door = service::StandaloneDoor::open(*db, env::system_clock(), *keys);
  if (!door) {
    std::cerr << "error: " << door.error().message << "\n";
    exit_code = exit_failure;
    return std::nullopt;
  }
  return Online{std::move(db), std::move(*authority), std::move(*door)};
}

void run_issue(const AttestationOptions& o, int& exit_code) {
  const auto level = domain::parse_attestation_level(o.level);
  const auto language = web::attestation_language(o.language);
  if (!level || !language) {
    std::cerr << "error: "
              << (level ? "--langue: one of fr, en, ar, prs, ps, ti, ru"
                        : "--niveau: protection, avancement or identite")
              << "\n";
    exit_code = exit_usage;
    return;
  }
  auto online = online_or_report(o, exit_code);
  if (!online) return;
  const auto& authority = online->authority;
  auto issued =
      service::issue_attestation(online->door->door(), env::secure_random(), o.config.validity_days,
                                 {o.numero_ofpra, *level, *language, "operateur", authority.current_certificate()});
  if (const auto* refusal = std::get_if<service::Refusal>(&issued)) {
    std::cerr << "error: " << refusal->detail << "\n";
    exit_code = domain::info(refusal->problem).status >= 500 ? exit_failure : exit_rejected;
    return;
  }
  const auto& attestation = std::get<service::IssuedAttestation>(issued);
  const auto files = web::attestation_files(attestation, authority, o.public_url);
  write_output_or_report(o.out, exit_code, [&](std::ostream& out) {
    out << files.pdf;
    return std::string();
  });
  if (exit_code != exit_ok) return;
  const auto& r = attestation.record;
  std::cout << boost::json::serialize(boost::json::object{{"id", r.id},
                                                          {"niveau", to_string(r.level)},
                                                          {"langue", r.language},
                                                          {"valable_jusqu_au", r.valid_until},
                                                          {"certificat", r.certificate},
                                                          {"reference", std::to_string(r.reference)}})
            << "\n";
}

// Against the published certificates only: its signature and dates, not whether it was revoked.
void verify_offline(const AttestationOptions& o, const std::string& content, int& exit_code) {
  auto chain = read_input(o.certificates, exit_code);
  std::optional<std::string> crl = o.crl.empty() ? std::optional<std::string>("") : read_input(o.crl, exit_code);
  if (!chain || !crl) return;
  auto trusted = attest::TrustedCertificates::from_pem(*chain, *crl);
  if (!trusted) {
    std::cerr << "error: " << trusted.error().message << "\n";
    exit_code = exit_rejected;
    return;
  }
  const auto read = attest::read_attestation(*trusted, o.config.authority.document_type, content);
  if (!read.stated) {
    std::cerr << "error: not an attestation's 2D-Doc\n";
    exit_code = exit_rejected;
    return;
  }
  const auto& s = *read.stated;
  const auto today = std::chrono::floor<std::chrono::days>(env::system_clock().now());
  auto status = domain::AttestationStatus::valid;
  if (!read.presented.genuine)
    status = domain::AttestationStatus::invalid;
  else if (read.presented.certificate_revoked)
    status = domain::AttestationStatus::revoked;
  else if (!s.valid_until || *s.valid_until < today)
    status = domain::AttestationStatus::expired;
  std::cout << boost::json::serialize(boost::json::object{{"data", boost::json::object{{"statut", to_string(status)},
                                                                                       {"hors_ligne", true},
                                                                                       {"revocation_verifiee", false},
                                                                                       {"identifiant", s.id},
                                                                                       {"situation", s.statement}}}})
            << "\n";
  if (status != domain::AttestationStatus::valid) exit_code = exit_rejected;
}

void run_verify(const AttestationOptions& o, int& exit_code) {
  auto content = read_input(o.file, exit_code);
  if (!content) return;
  if (!o.certificates.empty()) return verify_offline(o, *content, exit_code);
  if (o.db.empty()) {
    std::cerr << "error: give --db (online: revocations checked, journaled) or --certificats (offline)\n";
    exit_code = exit_usage;
    return;
  }
  auto online = online_or_report(o, exit_code);
  if (!online) return;
  const auto v = attest::verify_attestation(online->door->door(), online->authority.trusted(),
                                            o.config.authority.document_type, {"ligne de commande", {}}, *content);
  if (!v.read.stated) {
    std::cerr << "error: no attestation's 2D-Doc could be read from " << o.file
              << (v.read.unreadable.empty() ? std::string() : ": " + v.read.unreadable) << "\n";
    exit_code = exit_rejected;
    return;
  }
  if (v.refusal) {
    std::cerr << "error: " << v.refusal->detail << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << api::verification_json(v) << "\n";
  if (v.check->status != domain::AttestationStatus::valid) exit_code = exit_rejected;
}

void run_revoke(const AttestationOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  report_revocation(
      service::revoke_attestation(*db, env::system_clock(), o.id, {}, domain::RevocationReason::by_ofpra, o.by),
      "no attestation in force with that id", "attestation revoked: its verification says so at once", exit_code);
}

void run_rotate(const AttestationOptions& o, int& exit_code) {
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  if (!keys) return;
  auto id = attest::Authority::rotate(*keys, o.config.authority, env::system_clock(), o.revoke_previous);
  if (!id) {
    std::cerr << "error: " << id.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << boost::json::serialize(boost::json::object{{"certificat", *id}}) << "\n";
}

}  // namespace

void add_attestation_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<AttestationOptions>();
  auto* attestation = app.add_subcommand("attestation", "Signed attestations (2D-Doc): issue, verify, revoke, rotate");
  attestation->require_subcommand(1);

  auto* issue = attestation->add_subcommand("issue", "Issue a person's attestation as a PDF; prints its id");
  add_db_option(*issue, o->db);
  add_keys_dir_option(*issue, o->keys_dir);
  add_attestation_options(*issue, o->config);
  issue->add_option("--numero-ofpra", o->numero_ofpra, "The person (9 digits)")->required();
  issue->add_option("--niveau", o->level, "What it states: protection, avancement or identite")->required();
  issue->add_option("--langue", o->language, "Her language beside French: fr, en, ar, prs, ps, ti, ru");
  issue->add_option("--out", o->out, "The PDF to write")->required();
  issue->add_option("--public-url", o->public_url, "Where the verification page is")
      ->envname("OFPRA_CONNECT_PUBLIC_URL");
  issue->callback([o, &exit_code] { run_issue(*o, exit_code); });

  auto* verify = attestation->add_subcommand(
      "verify", "Verify an attestation (PDF, PNG, JPEG or the 2D-Doc text; - for standard input): exit 0 if valid");
  verify->add_option("FILE", o->file, "The attestation")->required();
  verify->add_option("--db", o->db, "Database URL: online verification, revocations included (journaled)")
      ->envname("OFPRA_CONNECT_DB");
  add_keys_dir_option(*verify, o->keys_dir);
  add_attestation_options(*verify, o->config);
  verify->add_option("--certificats", o->certificates, "Offline: the published certificates (PEM)");
  verify->add_option("--crl", o->crl, "Offline: the published revocation list (PEM)");
  verify->callback([o, &exit_code] { run_verify(*o, exit_code); });

  auto* revoke = attestation->add_subcommand("revoke", "Revoke an attestation (OFPRA's decision)");
  add_db_option(*revoke, o->db);
  revoke->add_option("--id", o->id, "The attestation's identifier")->required();
  revoke->add_option("--by", o->by, "Who revokes it, for the record");
  revoke->callback([o, &exit_code] { run_revoke(*o, exit_code); });

  auto* rotate = attestation->add_subcommand("rotate", "Make a new signing certificate current; prints its id");
  rotate->add_option("--db", o->db, "Database URL (the keys folder beside a SQLite file)")->envname("OFPRA_CONNECT_DB");
  add_keys_dir_option(*rotate, o->keys_dir);
  add_attestation_options(*rotate, o->config);
  rotate->add_flag("--revoke-previous", o->revoke_previous, "Revoke the certificate it replaces (a compromised key)");
  rotate->callback([o, &exit_code] { run_rotate(*o, exit_code); });
}

}  // namespace ofpra::app
