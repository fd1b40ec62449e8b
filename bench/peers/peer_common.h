#pragma once
// What the C++ peers share: the canonical answer files every peer writes (so that run.sh
// can compare them byte for byte) and a wall clock. See bench/peers/README.md.
//
// exposure.txt: one line per `cell` site, "<site id>\t<unavoidable element ids, sorted,
//   comma-separated>" or "<site id>\tisolated"; lines sorted.
// outage.txt: one line per (vendor, mode, operator), "<vendor id>\t<failure|kill-switch>\t
//   <operator id>\t<sites total>\t<sites surviving>\t<subscribers total>\t<subscribers
//   surviving>"; lines sorted.
// Sorting is by bytes, which for UTF-8 is Python's code-point order.

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace peers {

// Wall and process CPU time (all threads) since the last lap. On a shared machine the CPU
// time of a single-threaded run is the steadier measure; run.sh reports both.
class Clock {
 public:
  Clock() : wall_(std::chrono::steady_clock::now()), cpu_(cpu_now()) {}
  struct Lap {
    double wall = 0, cpu = 0;
  };
  Lap lap() {
    const auto wall = std::chrono::steady_clock::now();
    const double cpu = cpu_now();
    const Lap out{std::chrono::duration<double>(wall - wall_).count(), cpu - cpu_};
    wall_ = wall, cpu_ = cpu;
    return out;
  }

 private:
  static double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  }
  std::chrono::steady_clock::time_point wall_;
  double cpu_;
};

// Timings of the phases a peer reports, printed as key=value for run.sh; the analyses
// are repeated and each figure is the median over the repeats.
struct Timings {
  Clock::Lap load;
  std::vector<Clock::Lap> exposure, outage;
  void print() const {
    std::printf("load_s=%.6f exposure_s=%.6f outage_s=%.6f load_cpu=%.6f exposure_cpu=%.6f outage_cpu=%.6f\n",
                load.wall, median(exposure, &Clock::Lap::wall), median(outage, &Clock::Lap::wall), load.cpu,
                median(exposure, &Clock::Lap::cpu), median(outage, &Clock::Lap::cpu));
  }
  static double median(const std::vector<Clock::Lap>& laps, double Clock::Lap::*field) {
    std::vector<double> xs;
    for (const auto& l : laps) xs.push_back(l.*field);
    std::sort(xs.begin(), xs.end());
    return xs.empty() ? 0 : xs[xs.size() / 2];
  }
};

inline void write_sorted(std::vector<std::string> lines, const std::string& path) {
  std::sort(lines.begin(), lines.end());
  std::ofstream out(path, std::ios::binary);
  for (const auto& line : lines) out << line << '\n';
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

}  // namespace peers
