import { useAccess, useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import { Link, matchPath, NavLink, Outlet, useLocation } from "react-router-dom";
import { toPersonalAccessTokens } from "./routes";
import { Alert } from "@patternfly/react-core";
import { applyServerLine, lacksConsoleEndpoints } from "./serverLine";
import { usePatTranslation } from "./texts";
import { usePatApi } from "./api";
import { useApproverScopes } from "./useApproverScopes";

/**
 * Watches the DOM for an element that `find` returns (the console renders its nav and its lazy pages on its own
 * schedule) and keeps it current while `active`.
 */
function useDomTarget(find: () => HTMLElement | null, active: boolean, deps: unknown[]): HTMLElement | null {
  const [target, setTarget] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!active) {
      setTarget(null);
      return;
    }
    let frame = 0;
    const update = () => {
      frame = 0;
      const found = find();
      setTarget((current) => (current === found ? current : found));
    };
    update();
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(update);
    });
    observer.observe(document.getElementById("app") ?? document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, ...deps]);
  return target;
}

/** The "Manage" group of the console's left navigation (the list that holds "Users"). */
function findManageList(): HTMLElement | null {
  const nav = document.querySelector<HTMLElement>(".keycloak__page_nav__nav");
  if (!nav) return null;
  const users = nav.querySelector('[data-testid="nav-item-users"]');
  // not the list this page brings itself where the console shows no group (findNav)
  const list =
    users?.closest("ul") ??
    Array.from(nav.querySelectorAll<HTMLElement>("ul.pf-v5-c-nav__list")).find((ul) => !ul.closest("[data-pat-nav]"));
  return (list as HTMLElement | undefined) ?? null;
}

/**
 * Where the nav entry goes for a user the console shows no "Manage" group (an approver without view-users and without
 * the query roles that show it): the console's <nav> itself, where the entry brings its own list.
 */
function findNav(): HTMLElement | null {
  return document.querySelector<HTMLElement>(".keycloak__page_nav__nav nav");
}

/** The toolbar of the user details page's header (the one with the "Action" menu). */
function findUserToolbar(): HTMLElement | null {
  const title = document.querySelector(".kc-username-view-header");
  const section = title?.closest(".pf-v5-c-page__main-section");
  return section?.querySelector<HTMLElement>(".pf-v5-c-toolbar__content-section") ?? null;
}

/**
 * What the stock console cannot be told through its exports: an entry in its left navigation (PageNav is hard-coded)
 * and a link on the user details page (EditUser hard-codes its tabs). Both are rendered by React, into the console's
 * own DOM, through portals; the console's markup is not otherwise changed.
 */
export const Extensions = () => {
  const { t } = usePatTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { pathname } = useLocation();
  const mayView = hasAccess("view-users");
  const { adminClient } = useAdminClient();
  // an approver (GET …/requests/scopes not empty) reaches the page for its Requests tab, even without view-users
  const approverScopes = useApproverScopes(usePatApi());
  const mayDecide = (approverScopes?.length ?? 0) > 0;
  const showEntry = mayView || mayDecide;

  // once per console load: what the running server lacks stays hidden (see serverLine.ts); on failure all of it
  const [serverLine, setServerLine] = useState<string>();
  useEffect(() => {
    adminClient.serverInfo
      .find()
      .then((info) => {
        const server = applyServerLine(info.systemInfo?.version);
        if (lacksConsoleEndpoints(server)) setServerLine(`${server!.major}.${server!.minor}`);
      })
      .catch(() => applyServerLine(undefined));
  }, [adminClient]);

  const navList = useDomTarget(findManageList, showEntry || !!serverLine, [realm]);
  const bareNav = useDomTarget(findNav, showEntry && !navList, [realm]);
  const userMatch = matchPath("/:realm/users/:id/:tab", pathname);
  const userId = userMatch?.params.id;
  const userToolbar = useDomTarget(findUserToolbar, mayView && !!userId, [userId]);

  const entry = (
    <NavLink
      id="nav-item-personal-access-tokens"
      data-testid="nav-personal-access-tokens"
      to={`/${encodeURIComponent(realm)}/personal-access-tokens`}
      className={({ isActive }) => `pf-v5-c-nav__link${isActive ? " pf-m-current" : ""}`}
    >
      {t("pat.nav")}
    </NavLink>
  );

  return (
    <>
      {!navList &&
        bareNav &&
        createPortal(
          <section className="pf-v5-c-nav__section" aria-label={t("pat.nav")} data-pat-nav>
            <ul className="pf-v5-c-nav__list" role="list">
              <li className="pf-v5-c-nav__item">{entry}</li>
            </ul>
          </section>,
          bareNav,
        )}
      {navList &&
        serverLine &&
        createPortal(
          <li className="pf-v5-u-px-md pf-v5-u-py-sm" data-testid="pat-older-line-warning">
            <Alert isInline isPlain variant="warning" title={t("pat.olderLineWarning", { line: serverLine })} />
          </li>,
          navList,
        )}
      {navList && showEntry && createPortal(<li>{entry}</li>, navList)}
      {userToolbar &&
        userId &&
        createPortal(
          <div className="pf-v5-c-toolbar__item">
            <Link
              className="pf-v5-c-button pf-m-secondary"
              data-testid="pat-user-link"
              title={t("pat.userLinkHelp")}
              to={toPersonalAccessTokens(realm, { userId })}
            >
              {t("pat.userLink")}
            </Link>
          </div>,
          userToolbar,
        )}
      <Outlet />
    </>
  );
};
