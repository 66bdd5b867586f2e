import { Header, PageNav } from "@keycloak/keycloak-account-ui";
import { Page, Spinner } from "@patternfly/react-core";
import { Suspense, useEffect, useLayoutEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router-dom";

/** PatternFly's "xl" breakpoint: from this width on the side menu sits beside the page, below it over the page. */
const XL = 1200;
const isWide = () => window.innerWidth >= XL;

/**
 * The console's own frame (masthead, side menu, page), with a side menu that opens and closes.
 *
 * `@keycloak/keycloak-account-ui` ships its `Header` and `PageNav` with a copy of PatternFly bundled inside, so
 * their ☰ button and sidebar read that copy's page context, which no `Page` of ours can provide: the button did
 * nothing and the menu stayed open at every width. Like PatternFly's managed sidebar, this frame keeps the state
 * itself (open from 1200 px on, closed below, a page chosen on a narrow screen closes it) and applies it to the
 * bundled elements: the sidebar's expanded/collapsed classes, `aria-hidden` and `inert` (no focus in a closed menu),
 * and the button's `aria-expanded`/`aria-controls`. It also names the masthead's unnamed kebab menu (axe: button-name).
 */
export const ConsoleFrame = () => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(isWide);
  const { pathname } = useLocation();

  // crossing the breakpoint decides anew, as PatternFly does; staying on one side keeps the user's choice
  useEffect(() => {
    let wide = isWide();
    const onResize = () => {
      if (isWide() !== wide) {
        wide = isWide();
        setOpen(wide);
      }
    };
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);

  // on a narrow screen the menu covers the page: choosing a page closes it
  useEffect(() => {
    if (!isWide()) setOpen(false);
  }, [pathname]);

  // the ☰ button of the bundled masthead (id "nav-toggle"), heard before its own no-op handler
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.target instanceof Element && event.target.closest("#nav-toggle")) setOpen((value) => !value);
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, []);

  useLayoutEffect(() => {
    const apply = () => {
      const sidebar = document.getElementById("page-sidebar");
      if (sidebar) {
        sidebar.classList.toggle("pf-m-expanded", open);
        sidebar.classList.toggle("pf-m-collapsed", !open);
        attribute(sidebar, "aria-hidden", open ? "false" : "true");
        attribute(sidebar, "inert", open ? null : "");
      }
      const toggle = document.getElementById("nav-toggle");
      if (toggle) {
        attribute(toggle, "aria-expanded", open ? "true" : "false");
        attribute(toggle, "aria-controls", "page-sidebar");
      }
      // the masthead's own menu on narrow screens (name, manage account, sign out) comes without a name
      const kebab = document.querySelector("[data-testid='options-kebab-toggle']");
      if (kebab && !kebab.getAttribute("aria-label")) attribute(kebab, "aria-label", t("patMastheadMenu"));
    };
    apply();
    // the bundled parts render late (translations, menu from content.json) and may render again
    const observer = new MutationObserver(apply);
    observer.observe(document.getElementById("app") ?? document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["class", "aria-expanded", "aria-hidden", "inert"],
    });
    return () => observer.disconnect();
  }, [open, t]);

  return (
    <Page header={<Header />} sidebar={<PageNav />}>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </Page>
  );
};

/** Sets (or with null removes) an attribute only when it differs, so the observer above does not loop. */
function attribute(element: Element, name: string, value: string | null) {
  if (element.getAttribute(name) === value) return;
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}
