import { routes as accountRoutes } from "@keycloak/keycloak-account-ui";
import type { RouteObject } from "react-router-dom";
import { ConsoleFrame } from "./ConsoleFrame";
import { environment } from "./environment";
import { PersonalAccessTokens } from "./PersonalAccessTokens";

export const PersonalAccessTokensRoute: RouteObject = {
  path: "personal-access-tokens",
  element: <PersonalAccessTokens />,
};

/** Every page of Keycloak's own console, plus ours, in the console's own frame. */
export const routes: RouteObject[] = [
  {
    path: decodeURIComponent(new URL(environment.baseUrl).pathname),
    element: <ConsoleFrame />,
    children: [...accountRoutes, PersonalAccessTokensRoute],
  },
];
