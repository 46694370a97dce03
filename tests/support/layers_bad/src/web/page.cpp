// A page that reads the store itself: scripts/check-layers must refuse it.
#include "store/database.hpp"
