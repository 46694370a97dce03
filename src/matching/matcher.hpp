#pragma once
// Finding a person from the identity an administration holds (DESIGN §5, issues 5 and 31):
// the module's public face. A blocking index over every name form of every person
// (candidate_index.hpp), a Fellegi–Sunter score with the registry's term frequencies
// (score.hpp, parameters.hpp), and a decision that names a person only when her posterior is
// high and every other candidate far behind.
#include "matching/candidate_index.hpp"
#include "matching/identity_query.hpp"
#include "matching/parameters.hpp"
#include "matching/score.hpp"
