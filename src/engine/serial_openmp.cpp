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

template <typename F>
F next_definition(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

extern "C" void GOMP_parallel(void (*fn)(void*), void* data, unsigned num_threads, unsigned flags) {
  if (receiptocr::serial_scope && receiptocr::single_thread_limit()) {
    ++receiptocr::direct_regions;
    // A sections construct inside this region is not the one run directly outside it.
    receiptocr::DirectSections outer = receiptocr::direct_sections;
    receiptocr::direct_sections = {};
    fn(data);
    receiptocr::direct_sections = outer;
    return;
  }
  using Parallel = void (*)(void (*)(void*), void*, unsigned, unsigned);
  static const Parallel libgomp = next_definition<Parallel>("GOMP_parallel");
  if (libgomp) {
    libgomp(fn, data, num_threads, flags);
  } else {
    fn(data);  // no OpenMP runtime behind us: a one-thread team is all there can be
  }
}

// `#pragma omp parallel sections`: GCC outlines the body as a loop over GOMP_sections_next()
// ending with GOMP_sections_end_nowait(), and starts it with GOMP_parallel_sections.
extern "C" void GOMP_parallel_sections(void (*fn)(void*), void* data, unsigned num_threads, unsigned count,
                                       unsigned flags) {
  if (receiptocr::serial_scope && receiptocr::single_thread_limit()) {
    ++receiptocr::direct_regions;
    receiptocr::DirectSections outer = receiptocr::direct_sections;
    receiptocr::direct_sections = {true, 1, count};
    fn(data);
    receiptocr::direct_sections = outer;
    return;
  }
  using ParallelSections = void (*)(void (*)(void*), void*, unsigned, unsigned, unsigned);
  static const ParallelSections libgomp = next_definition<ParallelSections>("GOMP_parallel_sections");
  if (libgomp) {
    libgomp(fn, data, num_threads, count, flags);
  } else {
    receiptocr::DirectSections outer = receiptocr::direct_sections;
    receiptocr::direct_sections = {true, 1, count};
    fn(data);
    receiptocr::direct_sections = outer;
  }
}

extern "C" unsigned GOMP_sections_next() {
  receiptocr::DirectSections& d = receiptocr::direct_sections;
  if (d.active) return d.next <= d.count ? d.next++ : 0;
  using Next = unsigned (*)();
  static const Next libgomp = next_definition<Next>("GOMP_sections_next");
  return libgomp ? libgomp() : 0;
}

extern "C" void GOMP_sections_end_nowait() {
  if (receiptocr::direct_sections.active) return;
  using End = void (*)();
  static const End libgomp = next_definition<End>("GOMP_sections_end_nowait");
  if (libgomp) libgomp();
}

namespace receiptocr {
bool serial_openmp_interposed() {
  return dlsym(RTLD_DEFAULT, "GOMP_parallel") == reinterpret_cast<void*>(&::GOMP_parallel);
}
}  // namespace receiptocr
