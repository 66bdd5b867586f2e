import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./index.css";

import { AdminUi, KeycloakProvider } from "@keycloak/keycloak-admin-ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { environment } from "./environment";
import { i18n } from "./i18n";
import { Extensions } from "./Extensions";
import { routes } from "./routes";

// As the stock console boots (js/apps/admin-ui/src/main.tsx and Root.tsx): i18n first, then a hash router whose
// root renders the console (AdminUi = App: admin client, realm/whoami/access contexts, header, nav, auth wall).
await i18n.init();

const router = createHashRouter([
  {
    path: "/",
    element: (
      <KeycloakProvider environment={environment}>
        <AdminUi />
      </KeycloakProvider>
    ),
    // a pathless layout inside the console's contexts: adds our nav entry and the link on the user page
    children: [{ element: <Extensions />, children: routes }],
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
