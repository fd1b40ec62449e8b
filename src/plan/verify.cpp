// parse_plan_json and verify_plan: a plan in the spec's JSON read into plain values, then
// every item, element and figure checked against the problem, the schedule scored by
// evaluate(), and the stated objective, totals and status compared with the recomputed ones.

#include "plan/verify.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include <unordered_map>
#include <unordered_set>

#include "util/files.h"

namespace netvet::plan {
namespace {

using Json = nlohmann::json;

// ---- reading ---------------------------------------------------------------------------

// A value as written, for a diagnostic: a list or object in full only when it is small and
// flat (dump() recurses, and the value may be a whole deeply nested document).
std::string shown(const Json& v) {
  if (!v.is_structured()) return v.dump();
  const bool flat =
      v.size() <= 10 && std::ranges::none_of(v, [](const Json& x) { return x.is_structured(); });
  if (flat) return v.dump();
  return fmt::format("{} ({} {})", v.is_array() ? "[...]" : "{...}", v.size(),
                     v.size() == 1 ? "entry" : "entries");
}

// Collects every problem of shape, each at its JSON pointer with the value as written.
class PlanReader {
 public:
  explicit PlanReader(std::string_view file) : file_(file) {}

  Diagnostics problems;

  void problem(std::string pointer, std::string_view key, const Json* value, std::string message) {
    Diagnostic d;
    d.file = file_;
    d.pointer = std::move(pointer);
    d.column = std::string(key);
    if (value) d.value = shown(*value);
    d.message = std::move(message);
    problems.push_back(std::move(d));
  }

  // The member `key` of `object` (at `at`), or null after saying it is missing.
  const Json* member(const Json& object, const std::string& at, std::string_view key,
                     std::string_view expected) {
    const auto it = object.find(key);
    if (it != object.end()) return &*it;
    problem(fmt::format("{}/{}", at, key), key, nullptr,
            fmt::format("missing member \"{}\"; expected {}", key, expected));
    return nullptr;
  }

  std::string string(const Json& object, const std::string& at, std::string_view key,
                     std::string_view expected) {
    const Json* v = member(object, at, key, expected);
    if (!v) return {};
    if (!v->is_string()) {
      problem(fmt::format("{}/{}", at, key), key, v,
              fmt::format("\"{}\" is a {}; expected {}", key, v->type_name(), expected));
      return {};
    }
    return v->get<std::string>();
  }

  double number(const Json& object, const std::string& at, std::string_view key) {
    const Json* v = member(object, at, key, "a number");
    if (!v) return 0;
    if (!v->is_number() || !std::isfinite(v->get<double>())) {
      problem(fmt::format("{}/{}", at, key), key, v,
              fmt::format("\"{}\" is {}; expected a finite number", key,
                          v->is_number() ? "not finite" : std::string("a ") + v->type_name()));
      return 0;
    }
    return v->get<double>();
  }

  const Json* object(const Json& parent, const std::string& at, std::string_view key, bool required,
                     std::string_view expected) {
    const auto it = parent.find(key);
    if (it == parent.end()) {
      if (required) member(parent, at, key, expected);
      return nullptr;
    }
    if (!it->is_object()) {
      problem(fmt::format("{}/{}", at, key), key, &*it,
              fmt::format("\"{}\" is a {}; expected {}", key, it->type_name(), expected));
      return nullptr;
    }
    return &*it;
  }

  SubmittedItem item(const Json& j, const std::string& at) {
    SubmittedItem item;
    if (!j.is_object()) {
      problem(at, "", &j,
              fmt::format("an item is a {}; expected an object {{\"id\": ..., \"month\": ...}}",
                          j.type_name()));
      return item;
    }
    item.id = string(j, at, "id", "the item's id, \"SITE@YYYY-MM\"");
    item.site = string(j, at, "site", "the site's id");
    item.op = string(j, at, "operator", "the operator's id");
    item.region = string(j, at, "region", "the site's region");
    if (const Json* elements = member(j, at, "elements", "a list of element ids")) {
      if (!elements->is_array()) {
        problem(at + "/elements", "elements", elements,
                fmt::format("\"elements\" is a {}; expected a list of element ids",
                            elements->type_name()));
      } else {
        for (std::size_t k = 0; k < elements->size(); ++k) {
          const Json& e = elements->at(k);
          if (e.is_string())
            item.elements.push_back(e.get<std::string>());
          else
            problem(fmt::format("{}/elements/{}", at, k), "elements", &e,
                    fmt::format("an element is a {}; expected its id, a string", e.type_name()));
        }
      }
    }
    item.month = string(j, at, "month", "the month it is done, \"YYYY-MM\"");
    item.deadline = string(j, at, "deadline", "its deadline month, \"YYYY-MM\"");
    item.crew_days = number(j, at, "crew_days");
    item.cost = number(j, at, "cost");
    return item;
  }

 private:
  std::string file_;
};

// The 1-based line and column of byte `offset` (1-based, as nlohmann counts) of `text`.
Diagnostic syntax_error(std::string_view text, std::string_view file, std::size_t offset,
                        std::string_view what) {
  Diagnostic d;
  d.file = std::string(file);
  d.line = 1;
  d.col = 1;
  for (std::size_t i = 0; i + 1 < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++d.line;
      d.col = 1;
    } else {
      ++d.col;
    }
  }
  // nlohmann's message starts "[json.exception.parse_error.101] parse error at line 1,
  // column 2: ": the position is ours already.
  const auto colon = what.find(": ");
  d.message = fmt::format("not a JSON document: {}",
                          colon == std::string_view::npos ? what : what.substr(colon + 2));
  return d;
}

// The first key written twice in one object, found while parsing: nlohmann would keep the
// last silently, and a plan whose "cost" is stated twice means two things. The inventory
// reader refuses duplicates too (io/json_rows.cpp).
class DuplicateKeys {
 public:
  struct Found {
    std::string pointer;  // of the key's second occurrence
    std::string key;
  };

  bool operator()(int, nlohmann::json::parse_event_t event, Json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start: frames_.push_back({true, {}, {}, 0}); break;
      case Event::array_start: frames_.push_back({false, {}, {}, 0}); break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        completed();
        break;
      case Event::key: {
        Frame& top = frames_.back();
        top.key = parsed.get<std::string>();
        if (!top.keys.insert(top.key).second && !found) found = Found{pointer(), top.key};
        break;
      }
      case Event::value: completed(); break;
    }
    return true;
  }

  std::optional<Found> found;

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string key;      // an object's current member
    std::size_t index;    // an array's current element
  };

  void completed() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
  }

  std::string pointer() const {
    std::string out;
    for (const Frame& frame : frames_) {
      out += '/';
      if (!frame.object) {
        out += std::to_string(frame.index);
        continue;
      }
      for (char c : frame.key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return out;
  }

  std::vector<Frame> frames_;
};

// ---- checking --------------------------------------------------------------------------

// Stated figures are written with a finite number of digits: equal within a relative 1e-6.
bool same(double stated, double actual) {
  const double gap = std::abs(stated - actual);
  return gap <= 1e-6 * std::max(std::abs(stated), std::abs(actual)) || gap <= 1e-9;
}

std::string plural(double n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

class Checker {
 public:
  Checker(const PlanProblem& problem, const SubmittedPlan& plan) : p_(problem), plan_(plan) {}

  VerifyReport run() {
    for (std::size_t i = 0; i < p_.items.size(); ++i)
      index_.emplace(p_.items[i].id, static_cast<std::uint32_t>(i));
    first_.assign(p_.items.size(), kAbsent);
    if (plan_.currency != p_.currency)
      add("currency", plan_.currency, 0, 0,
          fmt::format("the plan's currency is {}; the catalog's is {}", plan_.currency,
                      p_.currency));
    ids();
    for (std::size_t i = 0; i < p_.items.size(); ++i)
      if (first_[i] == kAbsent)
        add("missing item", p_.items[i].id, 0, 1,
            fmt::format("{} is not in the plan: its elements ({}) are not replaced", p_.items[i].id,
                        fmt::join(p_.items[i].elements, ", ")));
    elements();
    Schedule schedule{std::vector<Month>(p_.items.size(), kNoMonth)};
    std::unordered_set<std::string> unscheduled;
    for (std::size_t i = 0; i < p_.items.size(); ++i) {
      if (first_[i] == kAbsent) {
        unscheduled.insert(p_.items[i].id);
        continue;
      }
      if (const auto month = fields(p_.items[i], plan_.items[first_[i]]))
        schedule.month[i] = *month;
      else
        unscheduled.insert(p_.items[i].id);
    }
    out_.evaluation = evaluate(p_, schedule);
    for (const Violation& v : out_.evaluation.violations)
      if (v.kind != "horizon" || !unscheduled.contains(v.subject)) add(v, describe(v, schedule));
    objective();
    totals();
    status();
    return std::move(out_);
  }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  void add(std::string kind, std::string subject, double amount, double limit, std::string detail) {
    add({.kind = std::move(kind), .subject = std::move(subject), .amount = amount, .limit = limit},
        std::move(detail));
  }
  void add(Violation v, std::string detail) {
    out_.violations.push_back(std::move(v));
    out_.details.push_back(std::move(detail));
  }

  // Unknown and repeated ids; the first entry of each of the problem's ids is the one checked.
  void ids() {
    std::unordered_map<std::string, std::size_t> times;
    for (const SubmittedItem& s : plan_.items) ++times[s.id];
    std::unordered_set<std::string> said;
    for (std::size_t k = 0; k < plan_.items.size(); ++k) {
      const std::string& id = plan_.items[k].id;
      const auto known = index_.find(id);
      if (known != index_.end() && first_[known->second] == kAbsent) first_[known->second] = k;
      if (!said.insert(id).second) continue;
      const auto n = static_cast<double>(times[id]);
      if (known == index_.end())
        add("unknown item", id, n, 0,
            fmt::format("{} (items[{}]) is not an item of the problem: no site visit of flagged "
                        "elements with that site and deadline",
                        id, k));
      else if (n > 1)
        add("duplicate item", id, n, 1,
            fmt::format("{} is listed {} times; only the first (items[{}]) is checked", id, n, k));
    }
  }

  // Every element where the problem has it: flagged ones once, in their own item; others nowhere.
  void elements() {
    // element -> the problem's items whose (first) entry in the plan lists it
    std::unordered_map<std::string, std::vector<std::uint32_t>> listed;
    std::vector<std::string> unflagged;
    std::unordered_map<std::string, std::uint32_t> owner;
    for (std::size_t i = 0; i < p_.items.size(); ++i)
      for (const std::string& e : p_.items[i].elements)
        owner.emplace(e, static_cast<std::uint32_t>(i));
    for (std::size_t i = 0; i < p_.items.size(); ++i) {
      if (first_[i] == kAbsent) continue;
      for (const std::string& e : plan_.items[first_[i]].elements) {
        auto& where = listed[e];
        if (where.empty() && !owner.contains(e)) unflagged.push_back(e);
        where.push_back(static_cast<std::uint32_t>(i));
      }
    }
    auto where_text = [&](const std::vector<std::uint32_t>& where) {
      if (where.empty()) return std::string("in no item");
      std::vector<std::string> ids;
      for (const std::uint32_t i : where) ids.push_back(p_.items[i].id);
      return fmt::format("in {}", fmt::join(ids, ", "));
    };
    for (std::size_t i = 0; i < p_.items.size(); ++i) {
      for (const std::string& e : p_.items[i].elements) {
        const auto it = listed.find(e);
        const std::vector<std::uint32_t> where =
            it == listed.end() ? std::vector<std::uint32_t>{} : it->second;
        const bool present = first_[i] != kAbsent;
        const bool right = present
                               ? where == std::vector<std::uint32_t>{static_cast<std::uint32_t>(i)}
                               : where.empty();
        if (right) continue;
        add("elements", e, static_cast<double>(where.size()), 1,
            fmt::format("{} belongs to {}{}; the plan lists it {}", e, p_.items[i].id,
                        present ? "" : " (not in the plan)", where_text(where)));
      }
    }
    for (const std::string& e : unflagged)
      add("elements", e, static_cast<double>(listed[e].size()), 0,
          fmt::format("{} is not an element the packs flag; the plan lists it {}", e,
                      where_text(listed[e])));
  }

  // An item's stated fields against the problem's; its month when it can be read.
  std::optional<Month> fields(const WorkItem& item, const SubmittedItem& s) {
    auto field = [&](std::string_view kind, const std::string& stated, const std::string& actual) {
      if (stated != actual)
        add(std::string(kind), item.id, 0, 0,
            fmt::format("{} states {} {}; the problem's is {}", item.id, kind, stated, actual));
    };
    field("site", s.site, item.site);
    field("operator", s.op, p_.operators[item.op]);
    field("region", s.region, p_.regions[item.region]);
    const auto deadline = parse_month(s.deadline);
    if (deadline != item.deadline)
      add("stated deadline", item.id, deadline ? static_cast<double>(*deadline - item.deadline) : 0,
          0,
          fmt::format("{} states the deadline {}; the problem's is {}", item.id, s.deadline,
                      format_month(item.deadline)));
    const auto month = parse_month(s.month);
    if (!month)
      add("month", item.id, 0, 0,
          fmt::format("{} has the month '{}'; expected YYYY-MM", item.id, s.month));
    if (!same(s.crew_days, item.crew_days))
      add("crew-days", item.id, s.crew_days - item.crew_days, item.crew_days,
          fmt::format("{} states {} crew-days; the catalog's are {}", item.id, s.crew_days,
                      item.crew_days));
    if (month) {
      const double cost = p_.cost(item, *month);
      if (!same(s.cost, cost))
        add("cost", item.id, s.cost - cost, cost,
            fmt::format("{} states a cost of {} {}; in {} it costs {}", item.id, s.cost,
                        p_.currency, s.month, cost));
    }
    return month;
  }

  std::string describe(const Violation& v, const Schedule& schedule) const {
    if (v.kind == "horizon") {
      const auto it = index_.find(v.subject);
      const Month m = it == index_.end() ? kNoMonth : schedule.month[it->second];
      return fmt::format("{} is done in {}, outside the plan's months {}..{}", v.subject,
                         m == kNoMonth ? "no month" : format_month(m), format_month(p_.start),
                         format_month(p_.horizon));
    }
    if (v.kind == "crews")
      return fmt::format("{}: {} crew-days of work for a capacity of {}", v.subject,
                         v.amount + v.limit, v.limit);
    if (v.kind == "budget")
      return fmt::format("{}: {} {} spent for a budget of {}", v.subject, v.amount + v.limit,
                         p_.currency, v.limit);
    if (v.kind == "deadline")
      return fmt::format("{} is {} late", v.subject, plural(v.amount, "month", "months"));
    if (v.kind == "cap")
      return fmt::format("{}: {} units left where {} are allowed", v.subject, v.amount + v.limit,
                         v.limit);
    return v.subject;
  }

  void compare(std::string_view kind, std::string_view what, double stated, double actual) {
    if (!same(stated, actual))
      add(std::string(kind), std::string(what), stated - actual, actual,
          fmt::format("the plan states {} {} {}; recomputed: {}", kind, what, stated, actual));
  }

  void objective() {
    if (!plan_.objective) return;
    const Objective& actual = out_.evaluation.objective;
    compare("objective", "lateness", plan_.objective->lateness, actual.lateness);
    compare("objective", "cost", plan_.objective->cost, actual.cost);
    compare("objective", "exposure", plan_.objective->exposure, actual.exposure);
  }

  void totals() {
    if (!plan_.totals) return;
    double elements = 0, crew_days = 0;
    for (const WorkItem& item : p_.items) {
      elements += static_cast<double>(item.elements.size());
      crew_days += item.crew_days;
    }
    compare("totals", "items", plan_.totals->items, static_cast<double>(p_.items.size()));
    compare("totals", "elements", plan_.totals->elements, elements);
    compare("totals", "cost", plan_.totals->cost, out_.evaluation.objective.cost);
    compare("totals", "crew_days", plan_.totals->crew_days, crew_days);
  }

  void status() {
    const double lateness = out_.evaluation.objective.lateness;
    if ((plan_.status == "optimal" || plan_.status == "feasible") && lateness > 1e-9)
      add("status", plan_.status, lateness, 0,
          fmt::format(
              "the plan says {}, which promises every deadline and cap met; its lateness is {}",
              plan_.status, lateness));
    if (plan_.status == "infeasible" && out_.evaluation.on_time())
      add("status", plan_.status, 0, 0,
          "the plan says infeasible (no plan meets every deadline and cap), yet it meets them all");
  }

  const PlanProblem& p_;
  const SubmittedPlan& plan_;
  std::unordered_map<std::string, std::uint32_t> index_;  // problem item id -> index
  std::vector<std::size_t> first_;  // problem item -> its first entry in the plan
  VerifyReport out_;
};

}  // namespace

Result<SubmittedPlan> parse_plan_json(std::string_view text, std::string_view file) {
  Json doc;
  DuplicateKeys duplicates;
  try {
    doc = Json::parse(text.begin(), text.end(), std::ref(duplicates));
  } catch (const Json::parse_error& e) {
    return fail(syntax_error(text, file, e.byte, e.what()));
  } catch (const Json::exception& e) {
    // A number too large for a double (out_of_range.406): nlohmann gives no position, its
    // message quotes the number.
    const std::string_view what = e.what();
    const auto end = what.find("] ");
    return fail(
        file_problem(std::string(file),
                     fmt::format("not a JSON document netvet can read: {}",
                                 end == std::string_view::npos ? what : what.substr(end + 2))));
  }
  PlanReader r(file);
  SubmittedPlan plan;
  if (duplicates.found) {
    r.problem(duplicates.found->pointer, duplicates.found->key, nullptr,
              fmt::format("duplicate key \"{}\" in one object; write each key once", duplicates.found->key));
    return std::unexpected(std::move(r.problems));
  }
  if (!doc.is_object()) {
    r.problem("", "", &doc,
              fmt::format("a plan is a JSON object {{\"status\": ..., \"currency\": ..., "
                          "\"items\": [...]}}, not a {}",
                          doc.type_name()));
    return std::unexpected(std::move(r.problems));
  }
  plan.status = r.string(doc, "", "status", "\"optimal\", \"feasible\" or \"infeasible\"");
  if (const auto it = doc.find("status"); it != doc.end() && it->is_string() &&
                                          plan.status != "optimal" && plan.status != "feasible" &&
                                          plan.status != "infeasible")
    r.problem("/status", "status", &*it,
              "unknown status; expected \"optimal\", \"feasible\" or \"infeasible\"");
  plan.currency = r.string(doc, "", "currency", "the catalog's currency, e.g. \"GBP\"");
  if (const Json* items = r.member(doc, "", "items", "a list of items")) {
    if (!items->is_array()) {
      r.problem("/items", "items", items,
                fmt::format("\"items\" is a {}; expected a list of items", items->type_name()));
    } else {
      for (std::size_t k = 0; k < items->size(); ++k)
        plan.items.push_back(r.item(items->at(k), fmt::format("/items/{}", k)));
    }
  }
  if (const Json* o = r.object(doc, "", "objective", false,
                               "an object {\"lateness\", \"cost\", \"exposure\"}")) {
    plan.objective = Objective{.lateness = r.number(*o, "/objective", "lateness"),
                               .cost = r.number(*o, "/objective", "cost"),
                               .exposure = r.number(*o, "/objective", "exposure")};
  }
  if (const Json* t = r.object(doc, "", "totals", false,
                               "an object {\"items\", \"elements\", \"cost\", \"crew_days\"}")) {
    plan.totals = SubmittedTotals{.items = r.number(*t, "/totals", "items"),
                                  .elements = r.number(*t, "/totals", "elements"),
                                  .cost = r.number(*t, "/totals", "cost"),
                                  .crew_days = r.number(*t, "/totals", "crew_days")};
  }
  if (!r.problems.empty()) return std::unexpected(std::move(r.problems));
  return plan;
}

Result<SubmittedPlan> load_plan_json(const std::filesystem::path& path) {
  const auto text = read_input_file(path, path.string(), "a plan to verify (the JSON of netvet plan --format json)",
                                    std::numeric_limits<std::size_t>::max());
  if (!text) return std::unexpected(text.error());
  return parse_plan_json(*text, path.string());
}

VerifyReport verify_plan(const PlanProblem& problem, const SubmittedPlan& plan) {
  return Checker(problem, plan).run();
}

}  // namespace netvet::plan
