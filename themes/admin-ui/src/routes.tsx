import { routes as consoleRoutes } from "@keycloak/keycloak-admin-ui";
import { PersonalAccessTokensSection } from "./PersonalAccessTokensSection";
import { fallbackText } from "./texts";

type ConsoleRoute = (typeof consoleRoutes)[number];

export type PatTab = "tokens" | "policy" | "setup" | "requests";

export const PAT_PATH = "/:realm/personal-access-tokens";

/**
 * The page, realm-level. Not behind the console's AuthWall (handle.access "anyone"): who may approve a scope is a
 * matter of the realm's policy (an approver group), not of an admin role the console knows. The page itself shows its
 * Tokens, Policy and Setup tabs as view-users and view-realm allow, its Requests tab to whoever may approve a scope
 * (GET …/requests/scopes), and to anyone else what the console's AuthWall would have said.
 */
export const PersonalAccessTokensRoute: ConsoleRoute = {
  path: PAT_PATH,
  element: <PersonalAccessTokensSection />,
  handle: { access: "anyone", breadcrumb: (t) => t("pat.title", { defaultValue: fallbackText("pat.title") }) },
};

export const PersonalAccessTokensTabRoute: ConsoleRoute = {
  path: `${PAT_PATH}/:tab`,
  element: <PersonalAccessTokensSection />,
  handle: { access: "anyone" },
};

/** `#/{realm}/personal-access-tokens[/policy][?user={userId}]` */
export function toPersonalAccessTokens(realm: string, options: { tab?: PatTab; userId?: string } = {}): string {
  const tab = options.tab && options.tab !== "tokens" ? `/${options.tab}` : "";
  const query = options.userId ? `?user=${encodeURIComponent(options.userId)}` : "";
  return `/${encodeURIComponent(realm)}/personal-access-tokens${tab}${query}`;
}

// The console's own route list is one exported array that PageBreadCrumbs and the nav also read: ours go in before
// its catch-all "*" route, so breadcrumbs know them and the router serves them.
const notFound = consoleRoutes.findIndex((route) => route.path === "*");
consoleRoutes.splice(notFound < 0 ? consoleRoutes.length : notFound, 0, PersonalAccessTokensRoute, PersonalAccessTokensTabRoute);

export const routes = consoleRoutes;
