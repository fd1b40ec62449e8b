// require: selected elements need valid evidence of a type (and scheme) on the date, held
// by the element, its model or its vendor.

#include "policy/rule_context.h"

namespace netvet::policy {

void run_require(RuleContext& ctx, const RequireRule& require) {
  RowMask missing = ctx.select(ctx.rule.select);
  Expr evidence;
  evidence.kind = Expr::Kind::evidence;
  evidence.evidence_type = std::string(name_of(require.type));
  evidence.evidence_scheme = require.scheme;
  missing.subtract(ctx.selectors.elements(evidence, ctx.pack.scope()));
  ctx.flagged = std::move(missing);
}

}  // namespace netvet::policy
