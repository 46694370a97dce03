#pragma once
// Names the calling thread (at most 15 characters), so that top, perf and gdb tell the io
// workers, the journal writer and the pool apart; and sets its scheduling weight.
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

namespace ofpra::env {

inline void name_this_thread(const char* name) { pthread_setname_np(pthread_self(), name); }

// The calling thread's nice value (Linux keeps one per thread), best effort: lowering it
// needs CAP_SYS_NICE, and without it the thread keeps the process's.
inline void set_this_thread_nice(int nice) { (void)setpriority(PRIO_PROCESS, gettid(), nice); }

}  // namespace ofpra::env
