import { useEffect, useState } from "react";
import { type PatApi } from "./api";
import { type PatT } from "./texts";

/** scope name -> its consent screen text as people read it; only scopes that have one */
export type ScopeTexts = Record<string, string>;

const MESSAGE_KEY = /^\$\{([^}]+)}$/;

/**
 * The consent texts of the realm's client scopes, as the account console shows them: a message key (${…}) is looked up
 * in the console's messages and falls back to the key's name, as the server does for the account console. Without the
 * right to list client scopes, there are none and names are shown alone.
 */
export function useScopeTexts(api: PatApi, t: PatT): ScopeTexts {
  const [texts, setTexts] = useState<ScopeTexts>({});
  useEffect(() => {
    let live = true;
    api
      .consentTexts()
      .then((raw) => {
        if (!live) return;
        const resolved: ScopeTexts = {};
        for (const [name, text] of Object.entries(raw)) {
          const key = MESSAGE_KEY.exec(text.trim());
          resolved[name] = key ? t(key[1], { defaultValue: key[1] }) : text;
        }
        setTexts(resolved);
      })
      .catch(() => live && setTexts({}));
    return () => {
      live = false;
    };
  }, [api, t]);
  return texts;
}

/** A scope by its consent text, with its raw name beside it; the name alone when it has no other text. */
export const ScopeLabel = ({ name, texts }: { name: string; texts: ScopeTexts }) => {
  const text = texts[name]?.trim();
  if (!text || text === name) {
    return <span className="pat-scope-name" data-testid="pat-scope-name">{name}</span>;
  }
  return (
    <span data-testid="pat-scope" data-scope={name}>
      <span data-testid="pat-scope-text">{text}</span>{" "}
      <span className="pat-scope-name pf-v5-u-color-200" data-testid="pat-scope-name">
        ({name})
      </span>
    </span>
  );
};
