#pragma once
// Internal to src/policy: the rule kinds' remedies that take more than a list of flagged
// elements (remedy.h says what each is), for remedy.cpp's check loop.

#include <cstdint>
#include <vector>

#include "policy/remedy.h"

namespace netvet::policy {

// A cap's remedy: per group over its limit, the fewest counted elements to replace.
void remedy_cap(const Pack& pack, const Rule& rule, const CapRule& cap, const Inventory& inventory,
                const Evaluation& evaluation, std::uint32_t rule_index, std::vector<Index>& out);

// An exposure rule's remedy: per flagged facility and operator, its part (out.facilities),
// their union (out.elements) and the unvetted facilities (out.unvetted).
void remedy_exposure(const Pack& pack, const ExposureRule& rule, const Inventory& inventory,
                     const Evaluation& evaluation, std::uint32_t rule_index, Remedy& out);

void sort_unique(std::vector<Index>& rows);

}  // namespace netvet::policy
