// staff add, staff list; habilitation reminders.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "service/habilitation_requests.hpp"
#include "service/staff.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <iostream>

namespace ofpra::app {
namespace {

struct StaffOptions {
  std::string db;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  bool inactive = false;
  std::string public_url;
};

// staff add: the first admin, then anyone the back office cannot reach. The command line acts
// as itself in the staff actions ("ligne de commande").
void run_add(const StaffOptions& o, int& exit_code) {
  std::string words;
  for (const auto& r : o.roles) words += (words.empty() ? "" : " ") + r;
  auto roles = domain::parse_staff_roles(words);
  if (!roles || roles->empty()) {
    std::cerr << "error: --role must be habilitations, support, audit or admin (several: repeat it)\n";
    exit_code = exit_usage;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto member =
      service::put_staff_member(*db, env::system_clock(), nullptr,
                                {o.email, o.name.empty() ? o.email : o.name, *roles, !o.inactive}, "ligne de commande");
  if (!member) {
    std::cerr << "error: " << member.error().field << ": " << member.error().message << "\n";
    exit_code = member.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  std::cout << member->email << ": " << to_string(member->roles) << (member->active ? "" : " (inactive)") << "\n";
}

void run_list(const StaffOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto members = db->staff().staff_members();
  if (!members) {
    std::cerr << "error: " << members.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  for (const auto& m : *members)
    std::cout << boost::json::serialize(boost::json::object{
                     {"email", m.email}, {"name", m.name}, {"roles", to_string(m.roles)}, {"active", m.active}})
              << "\n";
}

void run_reminders(const StaffOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  const service::RequestContext c{*db, env::system_clock(), env::secure_random(), o.public_url};
  auto n = service::send_expiry_reminders(c);
  if (!n) {
    std::cerr << "error: " << n.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << *n << " habilitation(s) ending within " << service::reminder_days_before_end
            << " days: their contacts were reminded\n";
}

}  // namespace

void add_staff_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<StaffOptions>();
  auto* staff = app.add_subcommand("staff", "OFPRA staff of the back office (/admin)");
  staff->require_subcommand(1);
  auto* add = staff->add_subcommand(
      "add", "Add a staff member, or set her roles: she signs in with ProConnect under this e-mail");
  add_db_option(*add, o->db);
  add->add_option("--email", o->email, "Her e-mail, as ProConnect gives it")->required();
  add->add_option("--name", o->name, "Her name, as the back office shows it (default: the e-mail)");
  add->add_option("--role", o->roles, "habilitations, support, audit or admin; repeat for several")
      ->required()
      ->delimiter(',');
  add->add_flag("--inactive", o->inactive, "Keep her but refuse her sign-in and end her sessions");
  add->callback([o, &exit_code] { run_add(*o, exit_code); });
  auto* list = staff->add_subcommand("list", "Print the staff members, one JSON object per line");
  add_db_option(*list, o->db);
  list->callback([o, &exit_code] { run_list(*o, exit_code); });

  auto* habilitation = app.add_subcommand("habilitation", "Habilitations and their requests");
  habilitation->require_subcommand(1);
  auto* remind = habilitation->add_subcommand(
      "reminders", "E-mail the contacts of habilitations ending within 30 days, once each (run daily)");
  add_db_option(*remind, o->db);
  remind->add_option("--public-url", o->public_url, "The service's public address, for the e-mails' links")
      ->envname("OFPRA_CONNECT_PUBLIC_URL")
      ->default_val("http://127.0.0.1:8080");
  remind->callback([o, &exit_code] { run_reminders(*o, exit_code); });
}

}  // namespace ofpra::app
