import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";

/**
 * The JSON that keycloak.v2's admin index.ftl writes into <script id="environment">. Read here rather than with
 * ui-shared's getInjectedEnvironment: importing @keycloak/keycloak-ui-shared would bundle a second copy of it.
 */
export const environment: AdminEnvironment = JSON.parse(document.getElementById("environment")?.textContent ?? "{}");
