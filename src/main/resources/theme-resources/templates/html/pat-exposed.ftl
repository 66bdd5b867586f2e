<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patExposedIntroHtmlStart", realmName)} <strong>${tokenName}</strong> (${tokenHint}) ${msg("patExposedIntroHtmlEnd")}</p>
<p>${kcSanitize(msg("patExposedAdviceHtml"))?no_esc}</p>
</@layout.emailLayout>
