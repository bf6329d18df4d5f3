#include "common/index_events.hpp"

#include <cstdio>
#include <iostream>

namespace m2pg::tools {

namespace {

std::string object(const index::IndexEvent& e) { return e.name.empty() ? e.table : e.table + "." + e.name; }

}  // namespace

std::string seconds_text(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f s", s);
    return buf;
}

void print_index_event(const index::IndexEvent& e) {
    using index::EventKind;
    const std::string what = object(e) + " (" + e.step + ")";
    const std::string text = e.text.empty() ? "" : ": " + e.text;
    switch (e.kind) {
        case EventKind::Skip: std::cout << "skip     " << what << text << "\n"; break;
        case EventKind::Plan: std::cout << "plan     " << what << text << "\n"; break;
        case EventKind::Start: std::cout << "start    " << what << text << "\n"; break;
        case EventKind::Progress: std::cout << "         " << object(e) << ": " << e.text << "\n"; break;
        case EventKind::Done: std::cout << "done     " << what << " " << seconds_text(e.seconds) << text << "\n"; break;
        case EventKind::Fail: std::cout << "FAILED   " << what << text << "\n"; break;
        case EventKind::Warn: std::cerr << "warning: " << e.text << "\n"; break;
    }
    std::cout.flush();
}

std::string outcome_counts(const index::IndexResult& result) {
    using index::Outcome;
    return std::to_string(result.count(Outcome::Built)) + " built, " + std::to_string(result.count(Outcome::Rebuilt)) +
           " rebuilt, " + std::to_string(result.count(Outcome::Finished)) + " finished, " +
           std::to_string(result.count(Outcome::Skipped)) + " skipped, " +
           std::to_string(result.count(Outcome::Failed)) + " failed";
}

std::size_t sequences_moved(const index::IndexResult& result) {
    std::size_t moved = 0;
    for (const auto& s : result.sequences) moved += s.moved ? 1 : 0;
    return moved;
}

std::string failed_builds(const index::IndexResult& result) {
    std::string names;
    for (const auto& t : result.tasks)
        if (t.outcome == index::Outcome::Failed) names += (names.empty() ? "" : ", ") + t.table + "." + t.name;
    return names;
}

}  // namespace m2pg::tools
