import { List, ListItem } from "@patternfly/react-core";
import type { Scope } from "./api";

/** The scope's words for users, by name: its consent screen text, when the admin gave it one. */
export type ScopeTexts = ReadonlyMap<string, string | undefined>;

export const scopeTexts = (scopes: Scope[]): ScopeTexts =>
  new Map(scopes.map((scope) => [scope.name, scope.displayName?.trim() || undefined]));

/**
 * One scope as every part of the tab names it: the consent screen text users know from Keycloak's consent page, with
 * the scope's own name beside it, small and in monospace, as programs and admins write it. A scope without consent text
 * is shown by its name alone.
 */
export const ScopeLabel = ({ name, text }: { name: string; text?: string }) => (
  <span data-testid="pat-scope-label">
    {text && <span data-testid="pat-scope-text">{text} </span>}
    <code className="pf-v5-u-font-size-sm pf-v5-u-font-family-monospace" data-testid="pat-scope-name">
      {name}
    </code>
  </span>
);

/** A token's scopes, one a line. */
export const ScopeList = ({ names, texts }: { names: string[]; texts: ScopeTexts }) => (
  <List isPlain>
    {names.map((name) => (
      <ListItem key={name}>
        <ScopeLabel name={name} text={texts.get(name)} />
      </ListItem>
    ))}
  </List>
);
