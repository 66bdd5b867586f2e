<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("patExpiryIntroHtml", realmName, days))?no_esc}</p>
<ul>
<#list tokens as token>
<li><strong>${token.name}</strong>: ${kcSanitize(msg("patExpiryAt", token.expiresAt))?no_esc}</li>
</#list>
</ul>
<p>${kcSanitize(msg("patExpiryAdviceHtml"))?no_esc}</p>
</@layout.emailLayout>
