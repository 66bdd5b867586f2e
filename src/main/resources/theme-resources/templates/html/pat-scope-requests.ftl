<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patScopeRequestsIntro", realmName, requestCount)}</p>
<ul>
<#list requests as r>
<li>${msg("patScopeRequestsItem", r.scope, r.username, r.tokenName, r.requestedAt)}<#if r.reason?has_content>: ${r.reason}</#if></li>
</#list>
</ul>
<p>${msg("patScopeRequestsWhere")}</p>
</@layout.emailLayout>
