#pragma once
// Names the calling thread (at most 15 characters), so that top, perf and gdb tell the io
// workers, the journal writer and the pool apart.
#include <pthread.h>

namespace ofpra::env {

inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

}  // namespace ofpra::env
