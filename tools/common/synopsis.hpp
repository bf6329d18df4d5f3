#pragma once
// Each tool's synopsis, written once: the tool's --help prints its forms as "Usage:" and its
// summary, the m2pg dispatcher's --help lists the summaries, the man pages are made from
// --help (help2man), and a test holds README.md and docs/ to them.
#include <string_view>
#include <vector>

namespace m2pg::tools {

struct Synopsis {
    std::string_view tool;     // "check": run as `m2pg check` or `m2pg-check`
    std::string_view summary;  // one line: the man page's NAME, the dispatcher's list
    // The forms of its command line after "m2pg <tool> ", most common first; every flag
    // named here is one of the tool's flags (tested). --help lists the rest.
    std::vector<std::string_view> forms;
};

// Every tool, in the order of a migration.
const std::vector<Synopsis>& synopses();

// The entry of `tool`; throws std::logic_error for a tool missing from the table (a bug).
const Synopsis& synopsis_of(std::string_view tool);

}  // namespace m2pg::tools
