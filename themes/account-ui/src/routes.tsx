import { Header, PageNav, routes as accountRoutes } from "@keycloak/keycloak-account-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { Suspense } from "react";
import { Outlet, type RouteObject } from "react-router-dom";
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
    element: (
      <Page header={<Header />} sidebar={<PageNav />} isManagedSidebar>
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </Page>
    ),
    children: [...accountRoutes, PersonalAccessTokensRoute],
  },
];
