<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("patPreviousExposedIntroHtmlStart", realmName)} <strong>${tokenName}</strong> (${tokenHint}) ${msg("patPreviousExposedIntroHtmlEnd", reportedFrom)}</p>
<p>${kcSanitize(msg("patPreviousExposedAdviceHtml"))?no_esc}</p>
</@layout.emailLayout>
