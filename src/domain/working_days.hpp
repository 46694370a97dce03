#pragma once
// Working days in France, for the delays OFPRA promises (a request to OFPRA answered within N
// working days): Monday to Friday, less the public holidays of metropolitan France (Code du
// travail, art. L. 3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension Day, Whit Monday,
// 14 July, 15 August, 1 November, 11 November, 25 December. Alsace-Moselle's Good Friday and
// 26 December are not counted: OFPRA works from Fontenay-sous-Bois.
#include "domain/partial_date.hpp"

#include <vector>

namespace ofpra::domain {

// Easter Sunday of a Gregorian year (the anonymous Gregorian computus of Meeus, Jones, Butcher).
PartialDate easter_sunday(int year);

// The year's public holidays, in date order.
std::vector<PartialDate> french_public_holidays(int year);

// Monday to Friday, and not a public holiday. day: a full date.
bool is_working_day(const PartialDate& day);

// The day that comes n working days after day (n >= 0; 0: day itself). A request filed on a
// Friday with a delay of one working day is due on Monday.
PartialDate add_working_days(const PartialDate& day, int n);

// How many working days fall after from and up to to, included (0 when to is not after from).
int working_days_between(const PartialDate& from, const PartialDate& to);

}  // namespace ofpra::domain
