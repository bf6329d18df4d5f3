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

}  // namespace m2pg::tools
