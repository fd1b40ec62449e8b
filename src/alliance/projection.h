#pragma once
// Internal to src/alliance: a network's projection under its country's regime (alliance.h
// says what is assumed): on each date, what the regime has replaced and what each sharing
// rule then finds.

#include <span>
#include <string>
#include <vector>

#include "model/inventory.h"
#include "policy/evaluate.h"
#include "policy/pack.h"

namespace netvet::alliance {

// The dates after `after` on which a rule of the regime, or of the sharing packs, takes
// effect or ends, with what happens on each ("gb/5g-removal takes effect", "us-sharing/x
// ends"): the dates on which the regime's requirements or the verdicts can change.
struct ProjectionDates {
  std::vector<Date> dates;
  std::vector<std::vector<std::string>> events;  // per date
};
ProjectionDates projection_dates(std::span<const policy::Pack> regime, std::span<const policy::Pack> sharing, Date after);

struct NetworkProjection {
  std::size_t overdue = 0;                         // elements the regime already required on the start date, replaced on the first date
  std::vector<std::size_t> replaced;               // per date: elements that changed vendor (overdue included)
  std::vector<std::vector<std::size_t>> findings;  // per date, per sharing rule (unvetted facilities apart)
  // Per date, per sharing rule: the ids of the facilities an exposure rule flags (unvetted apart).
  std::vector<std::vector<std::vector<std::string>>> facilities;
};

// Projects one network (consumed: its elements are replaced as the regime requires) from
// `from` (the date judged) over `dates`. What the regime already requires on `from` is
// overdue: it is replaced on the first date, with what that date requires.
NetworkProjection project_network(Inventory inventory, std::span<const policy::Pack> regime,
                                  std::span<const policy::Pack> sharing, Date from, std::span<const Date> dates,
                                  const policy::EvaluationOptions& options, const std::string& replacement);

}  // namespace netvet::alliance
