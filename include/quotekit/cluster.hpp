// quotekit/cluster.hpp — talking points: groups of statements, across documents, that say the
// same thing, built from verified candidate pairs (LSH → Scorer). No chaining: a statement
// joins a group only when it matches the group's centre AND a strict majority of its members,
// so A~B and B~C never pull an unrelated A and C together. Groups get content-derived ids, a
// canonical wording (the medoid), their spread over documents, outlets and dates, and
// boilerplate ("Thank you very much.", recurring host questions, interview headings, website
// furniture) is set aside unless asked for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/segment.hpp"

namespace quotekit {

// Per-document metadata given by the caller. Views: the data must outlive the call.
struct ClusterDocument {
  std::string_view id;      // stable document id (file name, JSONL id): part of cluster ids
  std::string_view outlet;  // optional: counts distinct outlets
  std::string_view date;    // optional, ISO 8601: compared as strings
};

// Per-statement metadata. Views: the data must outlive the call.
struct ClusterStatement {
  std::uint32_t doc = 0;    // index into the documents
  std::uint32_t index = 0;  // the statement's index in its document (Statement::index)
  // Statements with equal `exact` are one unit under merge_exact: exact_hash() of the tokens, or
  // a coarser key under which they score 1 against each other (find_talking_points() passes
  // AnalyzedCorpus::feature_key()).
  std::uint64_t exact = 0;
  std::uint32_t content_terms = 0;  // FeatureView::content_units(): a compound counts once
  bool has_names = false;           // !StatementFeatures::names.empty()
  Role role = Role::none;
  StatementKind kind = StatementKind::sentence;
  std::string_view speaker;
};

// A verified pair: indices into the statements and its Scorer total.
struct ScoredPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  float score = 0;
};

struct ClusterOptions {
  float threshold = 0.5f;      // pairs scoring below are ignored
  std::uint32_t min_docs = 2;  // a talking point spans at least this many distinct documents
  // Drop statements whose role is question (host turns). Statements of unknown role (none) are
  // kept: news reports have no turns at all.
  bool answers_only = false;
  // When non-empty, keep only statements whose speaker contains one of these (ASCII
  // case-insensitive): "Aliyev" keeps "President Ilham Aliyev".
  std::vector<std::string> speakers;
  // Keep boilerplate (and flag it) instead of leaving it out: furniture statements, statements
  // with fewer than min_content_terms, clusters made mostly of questions, of short statements,
  // or of headings (statements without a role in documents that have question/answer turns).
  bool keep_boilerplate = false;
  std::uint32_t min_content_terms = 2;    // fewer: never clustered ("Thank you.", "Yes.", "F-16.")
  std::uint32_t short_content_terms = 3;  // a cluster whose members mostly have ≤ this many and
                                          // no name is boilerplate ("Thank you very much."); with
                                          // a name it is a slogan ("Karabakh is Azerbaijan!") and stays
  // Statements with the same `exact` are one unit: they match each other with score 1 and
  // need no pair from the caller (the LSH bucket cap may have dropped verbatim repeats).
  bool merge_exact = true;
  // Joining checks a candidate against at most this many members (the centre and the earliest
  // joined, i.e. the closest), to bound the cost of huge clusters.
  std::uint32_t majority_sample = 64;
  // Threads that turn the groups into talking points (medoids, members' scores: the rescoring).
  // Above 1, the RescoreFn is called from several threads at once and must allow it. The
  // result does not depend on it.
  unsigned threads = 1;
};

// What most members (more than half) of a boilerplate cluster are.
enum class Boilerplate : std::uint8_t {
  none,
  short_statements,  // short and nameless ("No, no.", "Thank you very much.")
  questions,         // questions (host turns, courtesies)
  headings,          // outside the turns of interviews: "Ilham Aliyev was interviewed by ..."
  furniture,         // website furniture
};

// "none", "short", "questions", "headings", "furniture"
std::string_view to_string(Boilerplate b) noexcept;

struct ClusterMember {
  std::uint32_t statement = 0;  // index into the statements given
  std::uint32_t doc = 0;
  std::uint32_t index = 0;
  float score = 0;  // to the medoid (1 for the medoid and its exact repeats; 0 when unknown)
};

struct TalkingPoint {
  // 16 hex digits: XXH3-64 of the earliest member's document id and exact hash. Content-derived,
  // so the same input gives the same ids, and adding documents renumbers nothing (only a
  // group whose earliest member changes gets a new id).
  std::string id;
  std::uint32_t medoid = 0;  // statement index: the canonical wording, highest total score to the others
  std::vector<ClusterMember> members;  // earliest first: by date (undated last), document id, index
  std::uint32_t documents = 0;         // distinct documents
  std::uint32_t outlets = 0;           // distinct non-empty outlets
  std::string first_date, last_date;   // over dated members; empty when none
  Boilerplate boilerplate = Boilerplate::none;
};

struct ClusterResult {
  std::vector<TalkingPoint> clusters;  // most documents first, then most members, then id
  std::size_t filtered = 0;            // statements left out by role/speaker/length/furniture
  std::size_t boilerplate = 0;         // boilerplate clusters left out (0 with keep_boilerplate)
  std::size_t below_min_docs = 0;      // clusters left out for spanning too few documents
};

// Whether a speaker's name contains one of `names` (ASCII case-insensitive; "Aliyev" matches
// "President Ilham Aliyev"); true when `names` is empty. ClusterOptions::speakers and
// SearchOptions::speakers select statements this way.
bool speaker_matches(std::string_view speaker, std::span<const std::string> names);

// Whether a statement takes part under these options (content, role, speaker, furniture,
// length): the selection cluster_talking_points() applies first, for callers that want to skip
// work on the others early.
bool cluster_eligible(const ClusterStatement& statement, const ClusterOptions& options);

// Optional: the score of two statements without a verified pair between them (LSH may miss a
// pair, or the caller pruned it). Used when a candidate is checked against the members of a
// group (≥ threshold counts as a match) and for the medoid and members' scores to it (groups
// of up to 200 distinct wordings). Without it, such pairs count as not matching, score 0.
using RescoreFn = std::function<float(std::uint32_t a, std::uint32_t b)>;

// Greedy star clustering. Nodes are statements (or groups of exact repeats); edges are pairs
// with score ≥ threshold. Nodes are taken in decreasing strength (Σ edge scores × group size,
// ties by earliest member); an unassigned node becomes a centre, and its unassigned neighbours,
// closest first, join when they also match a strict majority of the statements already in the
// group. Deterministic and independent of the order of `pairs`. Throws UsageError for a pair or
// statement that points outside the inputs.
ClusterResult cluster_talking_points(std::span<const ClusterDocument> documents,
                                     std::span<const ClusterStatement> statements,
                                     std::span<const ScoredPair> pairs, const ClusterOptions& options = {},
                                     const RescoreFn& rescore = {});

}  // namespace quotekit
