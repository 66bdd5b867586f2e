<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patReusedIntroHtmlStart", realmName)} <strong>${tokenName}</strong> (${tokenHint}) ${msg("patReusedIntroHtmlEnd", reportedFrom)}</p>
<p>${kcSanitize(msg("patReusedAdviceHtml"))?no_esc}</p>
</@layout.emailLayout>
