/**
 * The bundled console is Keycloak 26.7.4's; on an older server it must not offer a setting that server does not know
 * (an admin who sets a security control the server silently ignores is worse off than with the stock console).
 *
 * Settings that come with a server feature (SSF, OID4VC, passkeys, SCIM, workflows, JWT authorization grant...) are
 * already shown by the console only when the server's serverinfo reports the feature. The settings below are plain
 * realm fields or client/identity-provider attributes that the server's code reads or ignores, and serverinfo reports
 * nothing that tells them apart: only the server's line (major.minor of systemInfo.version) does. Each entry names the
 * first line whose server code knows the setting (found by diffing the console's form fields against the
 * representation classes and string constants of the 26.4, 26.5 and 26.6 servers: first on 26.7.3's console; 26.7.4's
 * has the same fields, its bundle's string literals differ from 26.7.3's only in a group route).
 *
 * Hidden by CSS: a PatternFly form group that holds a control with one of these ids, label targets, test ids or
 * names. The console names its form controls after the field they write (attribute names with "." as "🍺"), which
 * is more stable across its releases than its markup; CSS keeps matching as the console re-renders, lazily loads and
 * switches tabs, without a DOM observer. Until the line is known, everything listed is hidden.
 */
type Line = { major: number; minor: number };

/**
 * fields: form controls (their form group is hidden); tabs: test ids of tabs (their tab is hidden); navItems: test ids
 * of the navigation's links (their entry is hidden).
 */
type Lacking = { since: Line; setting: string; fields: string[]; tabs?: string[]; navItems?: string[] };

const line = (text: string): Line => {
  const [major, minor] = text.split(".").map(Number);
  return { major, minor };
};

/** A client or identity-provider attribute as the console names its control (Te() in the console: dots become 🍺). */
const attribute = (prefix: "attributes" | "config", name: string) => [
  `${prefix}.${name}`,
  `${prefix}.${name.replaceAll(".", "🍺")}`,
];

export const LACKING: Lacking[] = [
  // whole pages whose requests the older server cannot answer (admin endpoints that came in 26.6): not offered, and
  // the navigation says to use the stock console for them (pat.olderLineWarning)
  {
    since: line("26.6"),
    setting: "Authentication section (its pages call admin endpoints of 26.6)",
    fields: [],
    navItems: ["nav-item-authentication"],
  },
  {
    since: line("26.6"),
    setting: "role mappings: the tabs of users, groups and service accounts, and the realm's default roles (Realm settings, User registration); they call ui-ext/role-mappings of 26.6",
    fields: [],
    tabs: ["role-mapping-tab", "serviceAccountTab", "rs-userRegistration-tab"],
  },
  { since: line("26.5"), setting: "client: logout confirmation", fields: attribute("attributes", "logout.confirmation.enabled") },
  {
    since: line("26.5"),
    setting: "email: SMTP connection, read and write timeouts",
    fields: ["smtpServer.connectionTimeout", "smtpServer.timeout", "smtpServer.writeTimeout"],
  },
  {
    since: line("26.6"),
    setting: "client credentials: allowed authentication method",
    fields: attribute("attributes", "client.secret.authentication.allowed.method"),
  },
  {
    since: line("26.6"),
    setting: "client advanced: introspection without audience check",
    fields: [
      "allowTokenIntrospectionWithoutAudienceCheck",
      ...attribute("attributes", "allow.token.introspection.without.audience.check"),
    ],
  },
  {
    since: line("26.6"),
    setting: "client advanced: userinfo with a lightweight access token",
    fields: [
      "allowUserinfoWithLightweightAccessToken",
      ...attribute("attributes", "allow.userinfo.with.lightweight.access.token"),
    ],
  },
  {
    since: line("26.6"),
    setting: "client: external tokens (with the identity brokering API v2 feature)",
    fields: [...attribute("attributes", "external.token.enabled"), ...attribute("attributes", "external.token.idp")],
  },
  { since: line("26.5"), setting: "organizations: invitations", fields: [], tabs: ["organization-invitations-tab"] },
  { since: line("26.6"), setting: "organizations: groups", fields: [], tabs: ["groupsTab"] },
  { since: line("26.6"), setting: "brute force: maximum secondary authentication failures", fields: ["maxSecondaryAuthFailures"] },
  {
    since: line("26.6"),
    setting: "identity providers and user federation: newer options",
    fields: [
      ...attribute("config", "storeTokenInSession"),
      ...attribute("config", "allowClientIdAsAudience"),
      ...attribute("config", "fedClientAssertionMaxExp"),
      ...attribute("config", "enableLdapPasswordPolicy"),
      ...attribute("config", "kc.org.broker.login.hide-when-org-unknown"),
    ],
  },
  {
    since: line("26.7"),
    setting: "WebAuthn policies: discoverable credential and passkey mediation",
    fields: [
      "webAuthnPolicyResidentKey",
      "webAuthnPolicyPasswordlessResidentKey",
      "webAuthnPolicyMediation",
      "webAuthnPolicyPasswordlessMediation",
    ],
  },
  {
    since: line("26.7"),
    setting: "client scopes and clients: consent always shown, parameterized scopes",
    fields: [
      ...attribute("attributes", "always.display.consent"),
      ...attribute("attributes", "is.parameterized.scope"),
      ...attribute("attributes", "parameterized.scope.type"),
      ...attribute("attributes", "parameterized.scope.regexp"),
      ...attribute("attributes", "parameterized.scope.repeatable"),
      ...attribute("attributes", "parameterized.scope.allow.user.data"),
    ],
  },
  {
    since: line("26.7"),
    setting: "organization identity providers: shown when linked elsewhere, excluded domains",
    fields: [
      ...attribute("config", "kc.org.broker.login.show-when-linked-elsewhere"),
      ...attribute("config", "kc.org.excluded.domains"),
    ],
  },
];

/** The line of a version string such as "26.4.7" or "26.7.4-SNAPSHOT"; undefined when it is not one. */
export function parseLine(version: string | undefined): Line | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? "");
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

const atLeast = (server: Line, since: Line) =>
  server.major !== since.major ? server.major > since.major : server.minor >= since.minor;

/** What the server of this line lacks; everything when the line is unknown. */
export function lackedBy(server: Line | undefined): Lacking[] {
  return server ? LACKING.filter((entry) => !atLeast(server, entry.since)) : LACKING;
}

const quote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;

export function hidingCss(lacking: Lacking[]): string {
  const groups = lacking.flatMap((entry) => entry.fields).map((field) => {
    const q = quote(field);
    return `.pf-v5-c-form__group:has([id=${q}], label[for=${q}], [data-testid=${q}], [name=${q}])`;
  });
  const tabs = lacking
    .flatMap((entry) => entry.tabs ?? [])
    .map((tab) => `.pf-v5-c-tabs__item:has([data-testid=${quote(tab)}])`);
  const navItems = lacking
    .flatMap((entry) => entry.navItems ?? [])
    .map((item) => `li:has(> [data-testid=${quote(item)}])`);
  return [...groups, ...tabs, ...navItems].map((selector) => `${selector} { display: none !important; }`).join("\n");
}

const style = document.createElement("style");
style.id = "kcpat-server-line";
style.textContent = hidingCss(LACKING);
document.head.appendChild(style);

/** Shows again what the running server knows; tests read the outcome from <html data-kcpat-server-line>. */
export function applyServerLine(version: string | undefined): Line | undefined {
  const server = parseLine(version);
  style.textContent = hidingCss(lackedBy(server));
  document.documentElement.dataset.kcpatServerLine = server ? `${server.major}.${server.minor}` : "unknown";
  return server;
}

/**
 * Before 26.6 the server lacks admin-ui-ext endpoints that this console's pages call (ui-ext/role-mappings,
 * effective-roles-all, role-mapping-delete, role composites): those pages fail, and hiding cannot help them.
 */
export const lacksConsoleEndpoints = (server: Line | undefined) => !!server && !atLeast(server, line("26.6"));
