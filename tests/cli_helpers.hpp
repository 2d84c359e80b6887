// Test-only helpers for running the built `quotekit` binary (path in the macro QUOTEKIT_CLI):
// spawn it with arguments and a standard input, capture exit status, standard output and error.
// Shared by the CLI tests of every command.
#pragma once

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace quotekit::cli_testing {

namespace fs = std::filesystem;

struct Result {
  int status = -1;  // exit status; 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

inline std::string read_all(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

inline fs::path temp_path(const std::string& name) {
  return fs::path(::testing::TempDir()) / ("quotekit_cli_" + std::to_string(::getpid()) + "_" + name);
}

inline fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path p = temp_path(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// Runs `program` (a path) with `args`, standard input from `stdin_path`, and captures standard
// output and error through files (no pipe can fill up and block). With a timeout (seconds, 0:
// none) a program still running then is killed (SIGKILL) and a failure is recorded.
inline Result run_program(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdin_path = "/dev/null", int timeout_seconds = 0) {
  const fs::path out_path = temp_path("stdout"), err_path = temp_path("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

  std::vector<std::string> argv_storage{program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  Result r;
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << program << ": " << std::strerror(rc);
    return r;
  }
  int wstatus = 0;
  if (timeout_seconds > 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    pid_t done = 0;
    while ((done = waitpid(pid, &wstatus, WNOHANG)) == 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (done == 0) {
      ::kill(pid, SIGKILL);
      ADD_FAILURE() << program << " still running after " << timeout_seconds << " s: killed";
      while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
      }
    }
  } else {
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
  }
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  r.out = read_all(out_path);
  r.err = read_all(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return r;
}

// Runs the built CLI (QUOTEKIT_CLI) with `args`, as run_program().
inline Result run(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
  return run_program(QUOTEKIT_CLI, args, stdin_path);
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}


inline const fs::path kCorpus = fs::path(QUOTEKIT_TESTDATA) / "corpus";

inline std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kCorpus)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The text of every document of the sample corpus, keyed by the ids a record's "doc" may carry:
// a plain file's path as given and its file name; a JSONL record's "id". Read straight from the
// bytes (the sample corpus is UTF-8 without BOM), not through the library.
inline std::map<std::string, std::string> corpus_texts() {
  std::map<std::string, std::string> texts;
  for (const std::string& file : corpus_files()) {
    const std::string bytes = read_all(file);
    if (fs::path(file).extension() == ".jsonl") {
      for (const std::string& line : lines_of(bytes)) {
        const auto j = nlohmann::json::parse(line);
        texts[j.at("id").get<std::string>()] = j.at("text").get<std::string>();
      }
    } else {
      texts[file] = bytes;
      texts[fs::path(file).filename().string()] = bytes;
    }
  }
  return texts;
}

// Checks one JSONL record against the contract and the document it names; returns its doc.
inline std::string check_record(const nlohmann::json& r, const std::map<std::string, std::string>& texts) {
  for (const char* field :
       {"doc", "index", "kind", "role", "speaker", "turn", "parent", "lang", "start", "end", "text"})
    EXPECT_TRUE(r.contains(field)) << "missing " << field << " in " << r.dump();
  EXPECT_TRUE(r["doc"].is_string());
  EXPECT_TRUE(r["index"].is_number_unsigned());
  EXPECT_THAT((std::set<std::string>{"sentence", "quote", "furniture"}),
              ::testing::Contains(r["kind"].get<std::string>()));
  EXPECT_TRUE(r["role"].is_null() || r["role"] == "question" || r["role"] == "answer") << r.dump();
  EXPECT_TRUE(r["speaker"].is_null() ||
              (r["speaker"].is_string() && !r["speaker"].get<std::string>().empty()));
  EXPECT_TRUE(r["lang"].is_null() || r["lang"].is_string());
  if (r["kind"] == "quote") {
    EXPECT_TRUE(r["parent"].is_number_unsigned()) << r.dump();
    if (r["parent"].is_number()) {
      EXPECT_LT(r["parent"].get<long>(), r["index"].get<long>());
    }
  } else {
    EXPECT_TRUE(r["parent"].is_null()) << r.dump();
  }
  const std::string doc = r["doc"].get<std::string>();
  const auto it = texts.find(doc);
  if (it == texts.end()) {
    ADD_FAILURE() << "record names an unknown document: " << doc;
    return doc;
  }
  const auto start = r["start"].get<std::uint64_t>(), end = r["end"].get<std::uint64_t>();
  EXPECT_LE(start, end) << r.dump();
  EXPECT_LE(end, it->second.size()) << r.dump();
  if (start <= end && end <= it->second.size()) {
    EXPECT_EQ(it->second.substr(start, end - start), r["text"].get<std::string>())
        << doc << " [" << start << "," << end << ")";
  }
  return doc;
}

}  // namespace quotekit::cli_testing

// The name the talking-point CLI tests use.
namespace cli_test = quotekit::cli_testing;
