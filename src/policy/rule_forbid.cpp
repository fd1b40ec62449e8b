// forbid: every selected element is a finding.

#include "policy/rule_context.h"

namespace netvet::policy {

void run_forbid(RuleContext& ctx) { ctx.flagged = ctx.select(ctx.rule.select); }

}  // namespace netvet::policy
