import { createInstance } from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";
import { environment } from "./environment";

type KeyValue = { key: string; value: string };

/**
 * The stock console's i18n set-up (js/apps/admin-ui/src/i18n/i18n.ts): one namespace per realm, loaded from
 * GET {adminBaseUrl}/resources/{realm}/admin/{lng} (that realm's admin theme with its parents, plus the realm's
 * overrides). The login realm's namespace comes first; RealmContextProvider adds and selects the namespace of the
 * realm being managed.
 */
export const i18n = createInstance({
  fallbackLng: "en",
  keySeparator: ".",
  nsSeparator: false,
  interpolation: { escapeValue: false },
  defaultNS: [environment.realm],
  ns: [environment.realm],
  // The managed realm's namespace becomes the default; on an older server its bundle (keycloak.v2 of that server)
  // lacks keys of this newer console, which the login realm's bundle (this theme, messages_en.properties) has.
  fallbackNS: [environment.realm],
  backend: {
    loadPath: `${environment.adminBaseUrl}/resources/{{ns}}/admin/{{lng}}`,
    parse: (data: string) =>
      Object.fromEntries((JSON.parse(data) as KeyValue[]).map(({ key, value }) => [key, value])),
  },
});

i18n.use(FetchBackend);
i18n.use(initReactI18next);
