<#ftl output_format="plainText">
${msg("patExpiryIntro", realmName, days)}

<#list tokens as token>
- ${token.name}: ${msg("patExpiryAt", token.expiresAt)}
</#list>

${msg("patExpiryAdvice")}
