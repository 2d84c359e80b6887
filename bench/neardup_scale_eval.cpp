// neardup at scale: runs the real `quotekit neardup` binary on corpora grown from the
// interviews (grow_corpus.hpp) to 100k, 1M and 2M statements and reports wall time, CPU time
// and peak memory of each run (wait4's rusage of the child: ru_maxrss is its peak resident set).
// The machine is shared and its timings vary by ±20% from run to run, so each size runs
// --repeat times (default 3): the row shows the fastest run (the one least disturbed), every
// run's wall time, and the load average before the first and after the last; doubling compares
// the fastest runs.
//   build/bench/neardup_scale_eval [--threads N] [--repeat R] [--keep] [--dir /tmp] [STATEMENTS...]
// Generated corpora go to --dir (default /tmp) and are removed afterwards unless --keep.
#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "grow_corpus.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

struct Run {
  int status = -1;
  double wall = 0, user = 0, sys = 0, peak_mib = 0;
};

Run run_neardup(const std::string& corpus, const std::string& out, unsigned threads) {
  std::vector<std::string> args{QUOTEKIT_CLI, "neardup", "--quiet", "--format", "jsonl"};
  if (threads != 0) {
    args.push_back("--threads");
    args.push_back(std::to_string(threads));
  }
  args.push_back(corpus);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  Run r;
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, QUOTEKIT_CLI, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    fmt::print(stderr, "cannot start {}: {}\n", QUOTEKIT_CLI, std::strerror(rc));
    return r;
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.user = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
  r.sys = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
  r.peak_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;
  return r;
}

std::size_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  unsigned threads = 0, repeat = 3;
  bool keep = false;
  std::string dir = "/tmp";
  std::vector<std::uint64_t> sizes;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--threads" && i + 1 < argc) {
      threads = static_cast<unsigned>(std::stoul(argv[++i]));
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1U, static_cast<unsigned>(std::stoul(argv[++i])));
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (!a.empty() && a[0] != '-') {
      sizes.push_back(std::stoull(a));
    } else {
      fmt::print(stderr, "usage: {} [--threads N] [--repeat R] [--keep] [--dir DIR] [STATEMENTS...]\n",
                 argv[0]);
      return 2;
    }
  }
  if (sizes.empty()) sizes = {100000, 1000000, 2000000};
  const auto ic = quotekit::eval::load_interviews(std::string(QUOTEKIT_SHARED_CORPORA) + "/interviews");
  if (ic.docs.empty()) {
    fmt::print(stderr, "interviews corpus not found under {}\n", QUOTEKIT_SHARED_CORPORA);
    return 1;
  }
  const quotekit::grow::Generator gen(ic.docs);
  fmt::print("quotekit neardup on grown corpora ({} threads; {} cores here)\n",
             threads == 0 ? std::string("all") : std::to_string(threads),
             std::thread::hardware_concurrency());
  fmt::print("{:>10} {:>9} {:>8} {:>8} {:>8} {:>6} {:>9} {:>9}  every run's wall s; load before / after\n",
             "statements", "text MB", "wall s", "user s", "sys s", "cpu/w", "peak MiB", "clusters");
  double previous_wall = 0, previous_cpu = 0;
  std::uint64_t previous_size = 0;
  for (const std::uint64_t n : sizes) {
    const std::string corpus = fmt::format("{}/quotekit-scale-{}.jsonl", dir, n);
    const std::string out = fmt::format("{}/quotekit-scale-{}.out.jsonl", dir, n);
    quotekit::grow::Options o;
    o.statements = n;
    const quotekit::grow::Stats st = gen.write(corpus, o);
    const std::string before = load_average();
    Run r;
    std::string walls;
    for (unsigned k = 0; k < repeat; ++k) {
      const Run run = run_neardup(corpus, out, threads);
      if (run.status != 0) {
        fmt::print(stderr, "quotekit neardup exited with {} on {}\n", run.status, corpus);
        return 1;
      }
      if (k == 0 || run.wall < r.wall) r = run;
      walls += fmt::format("{}{:.1f}", k == 0 ? "" : " ", run.wall);
    }
    const std::string after = load_average();
    fmt::print("{:>10} {:>9.1f} {:>8.1f} {:>8.1f} {:>8.1f} {:>6.2f} {:>9.0f} {:>9}  {}; {} / {}\n",
               st.statements, static_cast<double>(st.bytes) / 1e6, r.wall, r.user, r.sys,
               (r.user + r.sys) / r.wall, r.peak_mib, count_lines(out), walls, before, after);
    if (previous_size != 0 && n == 2 * previous_size) {
      fmt::print("{:>10}  doubling: wall × {:.2f}, CPU × {:.2f}\n", "", r.wall / previous_wall,
                 (r.user + r.sys) / previous_cpu);
    }
    previous_size = n;
    previous_wall = r.wall;
    previous_cpu = r.user + r.sys;
    if (!keep) {
      fs::remove(corpus);
      fs::remove(out);
    }
  }
  return 0;
}
