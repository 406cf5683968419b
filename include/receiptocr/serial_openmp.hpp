#pragma once
// Tesseract's LSTM opens an OpenMP parallel region for every time step of every layer
// (`#pragma omp parallel for` in LSTM::Forward). receiptocr runs one engine per core with
// OMP_THREAD_LIMIT=1, so each of those regions has a team of one thread, and libgomp still
// builds and tears down a team for it, with a futex system call each time
// (docs/performance.md).
//
// src/engine/serial_openmp.cpp defines GOMP_parallel, libgomp's entry point for a parallel
// region (a stable, versioned C ABI: GOMP_4.0), in the executable, so the dynamic linker
// binds libtesseract's calls to it (ELF symbol interposition, as fast_png.hpp does for
// pixWriteMem). Inside a SerialOpenMpScope, when the thread limit is 1, it runs the region's
// body directly on the calling thread: what a one-thread team does, since the body then
// sees omp_get_num_threads() == 1 and omp_get_thread_num() == 0 and takes the whole loop.
// Everywhere else, or with a larger thread limit, it calls libgomp's own.

namespace receiptocr {

// While alive, one-thread OpenMP parallel regions on this thread skip libgomp's team setup.
class SerialOpenMpScope {
public:
  SerialOpenMpScope();
  ~SerialOpenMpScope();
  SerialOpenMpScope(const SerialOpenMpScope&) = delete;
  SerialOpenMpScope& operator=(const SerialOpenMpScope&) = delete;

private:
  bool previous_;
};

// True when the GOMP_parallel the dynamic linker hands to libraries is this program's.
bool serial_openmp_interposed();

// How many parallel regions this thread has run directly (for tests).
long serial_openmp_regions();

}  // namespace receiptocr
