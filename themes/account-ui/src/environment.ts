import type { AccountEnvironment } from "@keycloak/keycloak-account-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";

// Parses <script id="environment" type="application/json"> written by index.ftl
export const environment = getInjectedEnvironment<AccountEnvironment>();
