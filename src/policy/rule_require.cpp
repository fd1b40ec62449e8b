// require: selected elements need valid evidence of a type (under one of the schemes the
// rule recognises, or any) on the date, held by the element, its model or its vendor.

#include "policy/rule_context.h"

namespace netvet::policy {

void run_require(RuleContext& ctx, const RequireRule& require) {
  RowMask missing = ctx.select(ctx.rule.select);
  Expr evidence;
  evidence.kind = Expr::Kind::evidence;
  evidence.evidence_type = std::string(name_of(require.type));
  if (require.schemes.empty()) {
    missing.subtract(ctx.selectors.elements(evidence, ctx.pack.scope()));
  } else {
    for (const std::string& scheme : require.schemes) {
      evidence.evidence_scheme = scheme;
      missing.subtract(ctx.selectors.elements(evidence, ctx.pack.scope()));
    }
  }
  ctx.flagged = std::move(missing);
}

}  // namespace netvet::policy
