// GOMP_parallel interposer: see include/receiptocr/serial_openmp.hpp.
#include "receiptocr/serial_openmp.hpp"

#include <dlfcn.h>

namespace receiptocr {
namespace {
thread_local bool serial_scope = false;
thread_local long direct_regions = 0;

// The `sections` construct of a parallel region run directly: its sections are handed out
// in order, 1..count, as libgomp does for a one-thread team.
struct DirectSections {
  bool active = false;
  unsigned next = 1;
  unsigned count = 0;
};
thread_local DirectSections direct_sections;

// OpenMP's thread limit (OMP_THREAD_LIMIT) is fixed when the process starts.
bool single_thread_limit() {
  static const bool single = [] {
    using GetLimit = int (*)();
    auto get_limit = reinterpret_cast<GetLimit>(dlsym(RTLD_DEFAULT, "omp_get_thread_limit"));
    return get_limit && get_limit() == 1;
  }();
  return single;
}
}  // namespace

SerialOpenMpScope::SerialOpenMpScope() : previous_(serial_scope) { serial_scope = true; }
SerialOpenMpScope::~SerialOpenMpScope() { serial_scope = previous_; }

long serial_openmp_regions() { return direct_regions; }

}  // namespace receiptocr

namespace receiptocr {
namespace {

template <typename F>
F next_definition(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

// Runs a parallel region's body on the calling thread, as a one-thread team would, with
// `sections` as the sections construct its GOMP_sections_next() calls see (none for a plain
// parallel region: a sections construct inside it is not the one of an enclosing region).
void run_directly(void (*fn)(void*), void* data, DirectSections sections) {
  DirectSections outer = direct_sections;
  direct_sections = sections;
  fn(data);
  direct_sections = outer;
}

bool run_serially() { return serial_scope && single_thread_limit(); }

}  // namespace
}  // namespace receiptocr

extern "C" void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags) {
  using Parallel = void (*)(void (*)(void*), void*, unsigned, unsigned);
  static const Parallel libgomp = receiptocr::next_definition<Parallel>("GOMP_parallel");
  if (receiptocr::run_serially() || !libgomp) {
    // Without libgomp behind us a one-thread team is all there can be anyway.
    if (libgomp) ++receiptocr::direct_regions;
    receiptocr::run_directly(fn, data, {});
    return;
  }
  libgomp(fn, data, num_threads, flags);
}

// `#pragma omp parallel sections`: GCC outlines the body as a loop over GOMP_sections_next()
// ending with GOMP_sections_end_nowait(), and starts it with GOMP_parallel_sections.
extern "C" void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                                       unsigned flags) {
  using ParallelSections = void (*)(void (*)(void*), void*, unsigned, unsigned, unsigned);
  static const ParallelSections libgomp = receiptocr::next_definition<ParallelSections>("GOMP_parallel_sections");
  if (receiptocr::run_serially() || !libgomp) {
    if (libgomp) ++receiptocr::direct_regions;
    receiptocr::run_directly(fn, data, {true, 1, count});
    return;
  }
  libgomp(fn, data, num_threads, count, flags);
}

extern "C" unsigned GOMP_sections_next() {
  receiptocr::DirectSections& d = receiptocr::direct_sections;
  if (d.active) return d.next <= d.count ? d.next++ : 0;
  using Next = unsigned (*)();
  static const Next libgomp = receiptocr::next_definition<Next>("GOMP_sections_next");
  return libgomp ? libgomp() : 0;
}

extern "C" void GOMP_sections_end_nowait() {
  if (receiptocr::direct_sections.active) return;
  using End = void (*)();
  static const End libgomp = receiptocr::next_definition<End>("GOMP_sections_end_nowait");
  if (libgomp) libgomp();
}

namespace receiptocr {
bool serial_openmp_interposed() {
  return dlsym(RTLD_DEFAULT, "GOMP_parallel") == reinterpret_cast<void*>(&::GOMP_parallel);
}
}  // namespace receiptocr
