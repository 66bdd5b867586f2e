import { Alert, AlertActionCloseButton, ClipboardCopy, Stack, StackItem } from "@patternfly/react-core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedToken } from "./api";

type Props = { token: CreatedToken; regenerated: boolean; onDismiss: () => void };

/**
 * The secret of a token just created or regenerated, shown this once. It takes the focus and is scrolled into view
 * (on a phone it would otherwise sit above the screen), and a live region says what happened without reading the
 * secret aloud.
 */
export const NewTokenSecret = ({ token, regenerated, onDismiss }: Props) => {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const title = `${t(regenerated ? "patRegeneratedTitle" : "patCreatedTitle")}: ${token.name}`;

  useEffect(() => {
    // after a dialog closes, its focus trap hands the focus back a moment later: take it after that
    const timer = window.setTimeout(() => {
      const input = box.current?.querySelector<HTMLInputElement>("[data-testid='pat-secret'] input");
      box.current?.scrollIntoView({ block: "center" });
      input?.focus({ preventScroll: true });
      input?.select();
    }, 100);
    return () => window.clearTimeout(timer);
  }, [token.token]);

  return (
    <div ref={box}>
      <div role="status" className="pf-v5-screen-reader" data-testid="pat-new-token-status">
        {`${title}. ${t("patSecretWarning")}`}
      </div>
      <Alert
        variant="success"
        isInline
        component="h2"
        title={title}
        actionClose={<AlertActionCloseButton onClose={onDismiss} aria-label={t("patDismissSecret")} />}
        data-testid="pat-new-token"
      >
        <Stack hasGutter>
          <StackItem>
            <strong>{t("patSecretWarning")}</strong>
          </StackItem>
          <StackItem>
            <ClipboardCopy
              isReadOnly
              hoverTip={t("patCopy")}
              clickTip={t("patCopied")}
              textAriaLabel={t("patSecretLabel")}
              data-testid="pat-secret"
            >
              {token.token}
            </ClipboardCopy>
          </StackItem>
        </Stack>
      </Alert>
    </div>
  );
};
