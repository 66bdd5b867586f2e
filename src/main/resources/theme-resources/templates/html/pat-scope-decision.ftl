<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patScopeDecisionIntroHtml", realmName)} <strong>${tokenName}</strong> (${tokenHint})</p>
<p>${msg("patScopeDecision_" + outcome, scope)}</p>
<#if decisionReason?has_content><p>${msg("patScopeDecisionReason", decisionReason)}</p></#if>
</@layout.emailLayout>
