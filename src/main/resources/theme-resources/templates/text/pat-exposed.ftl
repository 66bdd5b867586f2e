<#ftl output_format="plainText">
${msg("patExposedIntro", realmName, tokenName, tokenHint)}

${msg("patExposedAdvice")}
