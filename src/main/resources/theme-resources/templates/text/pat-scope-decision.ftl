<#ftl output_format="plainText">
${msg("patScopeDecisionIntro", realmName, tokenName, tokenHint)}

${msg("patScopeDecision_" + outcome, scope)}
<#if decisionReason?has_content>

${msg("patScopeDecisionReason", decisionReason)}
</#if>
