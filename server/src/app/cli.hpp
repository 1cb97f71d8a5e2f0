// The `hearth` command line: serve, migrate, demo, backup, version (each with --help).
#pragma once

namespace hearth::app {

// Parses argv and runs the chosen command; returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace hearth::app
