#include "domain/partner.hpp"

namespace ofpra::domain {

bool is_siret(std::string_view s) {
  if (s.size() != 14) return false;
  int sum = 0;
  int digit_sum = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    int d = s[i] - '0';
    digit_sum += d;
    // From the right, every second digit is doubled; index 13 is the rightmost.
    if ((13 - i) % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  if (sum % 10 == 0) return true;
  // La Poste (SIREN 356000000) numbers its establishments so that the plain digit sum is a
  // multiple of 5 instead.
  return s.substr(0, 9) == "356000000" && digit_sum % 5 == 0;
}

}  // namespace ofpra::domain
