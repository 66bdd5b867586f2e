import { useRealm, useEnvironment } from "@keycloak/keycloak-admin-ui";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
// the theme's own English texts, bundled as the fallback
import messages from "../../personal-access-tokens/admin/messages/messages_en.properties?raw";

/** Parses a .properties file: key=value lines, # and ! comments, backslash continuations and escapes. */
function parseProperties(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^\s+/, "");
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^\s+/, "");
    }
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) continue;
    const unescape = (s: string) =>
      s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) =>
        c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : c === "n" ? "\n" : c === "t" ? "\t" : c,
      );
    result[unescape(match[1])] = unescape(match[2]);
  }
  return result;
}

const fallback = parseProperties(messages);

export function fallbackText(key: string): string {
  return fallback[key] ?? key;
}

export type PatT = (key: string, options?: Record<string, unknown>) => string;

/**
 * t() for this page's `pat.*` keys. The console's default namespace is the managed realm's bundle, which comes from
 * THAT realm's admin theme (keycloak.v2 unless the realm chose ours) plus its overrides; so look in the managed
 * realm's bundle first (its overrides win), then in the login realm's bundle (served by this theme), then fall back to
 * the English texts bundled from this theme's messages_en.properties.
 */
export function usePatTranslation(): { t: PatT; language: string } {
  const { realm } = useRealm();
  const { environment } = useEnvironment();
  const { t, i18n } = useTranslation([encodeURIComponent(realm), encodeURIComponent(environment.realm)]);
  const patT = useCallback<PatT>(
    (key, options) => t(key, { defaultValue: fallback[key] ?? key, ...options }) as string,
    [t],
  );
  return { t: patT, language: i18n.language };
}
