<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patReplacedUsedIntroHtmlStart", realmName)} <strong>${tokenName}</strong> (${tokenHint}) ${msg("patReplacedUsedIntroHtmlEnd", reportedFrom)}</p>
<p>${kcSanitize(msg("patReplacedUsedAdviceHtml"))?no_esc}</p>
</@layout.emailLayout>
