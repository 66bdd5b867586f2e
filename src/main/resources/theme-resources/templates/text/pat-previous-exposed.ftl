<#ftl output_format="plainText">
${msg("patPreviousExposedIntro", realmName, tokenName, tokenHint, reportedFrom)}

${msg("patPreviousExposedAdvice")}
