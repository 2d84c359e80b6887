// quotekit/quotekit.hpp — the entry header: the whole pipeline,
// decode → normalize → segment → tokenize → fingerprint → match → align → diff → report.
#pragma once

#include "quotekit/align.hpp"
#include "quotekit/base.hpp"
#include "quotekit/cluster.hpp"
#include "quotekit/compare.hpp"
#include "quotekit/corpus.hpp"
#include "quotekit/document.hpp"
#include "quotekit/drift.hpp"
#include "quotekit/drift_report.hpp"
#include "quotekit/fingerprint.hpp"
#include "quotekit/lexicon.hpp"
#include "quotekit/lsh.hpp"
#include "quotekit/normalize.hpp"
#include "quotekit/report.hpp"
#include "quotekit/score.hpp"
#include "quotekit/segment.hpp"
#include "quotekit/tokenize.hpp"
