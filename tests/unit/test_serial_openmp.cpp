// Built with -fopenmp (tests/CMakeLists.txt), so the pragmas below go through the same
// GOMP_* entry points as libtesseract's, and ctest runs it with OMP_THREAD_LIMIT=1 as
// receiptocr runs its engines.
#include <doctest/doctest.h>
#include <omp.h>

#include <cstddef>
#include <vector>

#include "receiptocr/serial_openmp.hpp"

using namespace receiptocr;

namespace {

// One pass over 1000 items with `parallel for`, and three `parallel sections`, the second of
// which holds a nested `parallel for`: the shapes Tesseract's LSTM uses.
struct Trace {
  std::vector<int> visits = std::vector<int>(1000, 0);
  std::vector<int> sections;
  long nested_sum = 0;
  int threads_seen = 0;
};

Trace run_regions() {
  Trace t;
#pragma omp parallel for
  for (int i = 0; i < 1000; ++i) {
#pragma omp atomic
    t.visits[static_cast<std::size_t>(i)] += 1;
  }
#pragma omp parallel sections
  {
#pragma omp section
    {
#pragma omp critical
      t.sections.push_back(1);
    }
#pragma omp section
    {
      long sum = 0;
#pragma omp parallel for reduction(+ : sum)
      for (int i = 1; i <= 100; ++i) sum += i;
#pragma omp critical
      {
        t.sections.push_back(2);
        t.nested_sum = sum;
      }
    }
#pragma omp section
    {
#pragma omp critical
      {
        t.sections.push_back(3);
        t.threads_seen = omp_get_num_threads();
      }
    }
  }
  return t;
}

void check_complete(const Trace& t) {
  int wrong = 0;
  for (int v : t.visits) wrong += v != 1;
  CHECK(wrong == 0);  // every iteration ran exactly once
  CHECK(t.sections.size() == 3);
  CHECK(t.nested_sum == 5050);
}

}  // namespace

TEST_CASE("libraries get this program's GOMP_parallel and sections entry points") {
  CHECK(serial_openmp_interposed());
}

TEST_CASE("one-thread parallel regions run directly inside a SerialOpenMpScope, with the same effect") {
  long before = serial_openmp_regions();
  Trace outside = run_regions();
  check_complete(outside);
  CHECK(serial_openmp_regions() == before);  // no scope: libgomp ran them

  Trace inside;
  {
    SerialOpenMpScope scope;
    inside = run_regions();
  }
  check_complete(inside);
  if (omp_get_thread_limit() == 1) {
    // parallel for, parallel sections, and the nested parallel for: three regions.
    CHECK(serial_openmp_regions() == before + 3);
    // A one-thread team takes the sections in order; so must the direct run.
    CHECK(inside.sections == std::vector<int>{1, 2, 3});
    CHECK(inside.threads_seen == 1);
    CHECK(outside.sections == inside.sections);
  } else {
    // More than one thread allowed: libgomp's teams are used even inside the scope.
    CHECK(serial_openmp_regions() == before);
  }
  long after = serial_openmp_regions();
  run_regions();
  CHECK(serial_openmp_regions() == after);  // the scope ended
}
