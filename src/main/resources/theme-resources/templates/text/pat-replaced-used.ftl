<#ftl output_format="plainText">
${msg("patReplacedUsedIntro", realmName, tokenName, tokenHint, reportedFrom)}

${msg("patReplacedUsedAdvice")}
