// quotekit — the command-line tool. Every subcommand is a thin tools/cmd_<name>.cpp over the
// library; tools/cli.hpp holds what they share.
#include "cli.hpp"

// The subcommands, in the order `quotekit --help` lists them. To add one, write
// tools/cmd_<name>.cpp defining `quotekit::cli::Command quotekit::cli::<name>_command()` and add
// `X(<name>)` to this list.
#define QUOTEKIT_COMMANDS(X) X(segment) X(neardup) X(search) X(drift) X(align) X(lexicon)

namespace quotekit::cli {
#define QUOTEKIT_DECLARE_COMMAND(name) Command name##_command();
QUOTEKIT_COMMANDS(QUOTEKIT_DECLARE_COMMAND)
#undef QUOTEKIT_DECLARE_COMMAND
}  // namespace quotekit::cli

int main(int argc, char** argv) {
#define QUOTEKIT_REGISTER_COMMAND(name) quotekit::cli::name##_command(),
  const std::vector<quotekit::cli::Command> commands{QUOTEKIT_COMMANDS(QUOTEKIT_REGISTER_COMMAND)};
#undef QUOTEKIT_REGISTER_COMMAND
  return quotekit::cli::run_main(argc, argv, commands);
}
