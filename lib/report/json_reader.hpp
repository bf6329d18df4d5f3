#pragma once
// Typed access to a parsed JSON document that names the JSON path of a missing or
// mistyped field in its UsageError ("report: missing field catalog.tables[3].name").
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace m2pg::report {

using nlohmann::json;

// Reading keeps the JSON path for messages: "tables[3].columns[2].column_type".
class JsonReader {
public:
    JsonReader(const json& node, std::string path) : node_(node), path_(std::move(path)) {}

    const json& at(const std::string& key) const {
        if (!node_.is_object()) fail("", "an object");
        auto it = node_.find(key);
        if (it == node_.end()) throw UsageError("report: missing field " + child_path(key));
        return *it;
    }
    std::string str(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_string()) fail(key, "a string");
        return v.get<std::string>();
    }
    bool boolean(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_boolean()) fail(key, "true or false");
        return v.get<bool>();
    }
    template <typename T>
    T number(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_number_integer()) fail(key, "an integer");
        return v.get<T>();
    }
    double real(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_number()) fail(key, "a number");
        return v.get<double>();
    }
    template <typename T>
    std::optional<T> optional_number(const std::string& key) const {
        const json& v = at(key);
        if (v.is_null()) return std::nullopt;
        if (!v.is_number_integer()) fail(key, "an integer or null");
        return v.get<T>();
    }
    std::optional<std::string> optional_str(const std::string& key) const {
        const json& v = at(key);
        if (v.is_null()) return std::nullopt;
        if (!v.is_string()) fail(key, "a string or null");
        return v.get<std::string>();
    }
    std::vector<std::string> strings(const std::string& key) const {
        const json& v = array(key);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) fail(key + "[" + std::to_string(i) + "]", "a string");
            out.push_back(v[i].get<std::string>());
        }
        return out;
    }
    const json& array(const std::string& key) const {
        const json& v = at(key);
        if (!v.is_array()) fail(key, "an array");
        return v;
    }
    JsonReader child(const std::string& key, std::size_t i) const {
        return JsonReader(array(key)[i], child_path(key) + "[" + std::to_string(i) + "]");
    }

private:
    std::string child_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
    [[noreturn]] void fail(const std::string& key, const std::string& expected) const {
        throw UsageError("report: field " + (key.empty() ? path_ : child_path(key)) + " must be " + expected);
    }

    const json& node_;
    std::string path_;
};

}  // namespace m2pg::report
