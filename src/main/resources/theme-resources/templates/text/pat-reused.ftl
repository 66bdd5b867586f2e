<#ftl output_format="plainText">
${msg("patReusedIntro", realmName, tokenName, tokenHint, reportedFrom)}

${msg("patReusedAdvice")}
