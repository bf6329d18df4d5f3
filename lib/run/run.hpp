#pragma once
// `m2pg run`: check, schema, copy, index and verify in order, each as its own tool in a
// child process, stopping at the first that fails and resuming after it on the next run.
#include <functional>
#include <string>

#include "run/confirm.hpp"
#include "run/steps.hpp"

namespace m2pg::run {

using Confirm = std::function<bool(const std::string& question)>;

// Runs the steps not yet done in the work directory (creating it), asking `confirm` once
// first unless options.yes or nothing that runs writes. Prints a line before and after
// each step on stdout; the steps print straight to our stdout and stderr. Returns 0 when
// every step succeeded, the first failing step's exit code (128 + signal when one killed
// it), or 1 when the question was answered no.
// Throws UsageError (options, a missing tool executable, no terminal to ask on),
// StateError (the work directory belongs to another run, an unreadable state file) and
// the target's ConnectionError/TargetError when looking for a copy to resume.
int run_pipeline(const RunOptions& options, const Confirm& confirm = ask_on_terminal);

}  // namespace m2pg::run
