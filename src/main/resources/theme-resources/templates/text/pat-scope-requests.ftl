<#ftl output_format="plainText">
${msg("patScopeRequestsIntro", realmName, requestCount)}

<#list requests as r>
- ${msg("patScopeRequestsItem", r.scope, r.username, r.tokenName, r.requestedAt)}<#if r.reason?has_content>: ${r.reason}</#if>
</#list>

${msg("patScopeRequestsWhere")}
