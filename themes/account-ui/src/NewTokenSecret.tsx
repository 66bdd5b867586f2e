import { Alert, AlertActionCloseButton, Button, Flex, FlexItem, Stack, StackItem, TextArea } from "@patternfly/react-core";
import { CheckIcon, CopyIcon } from "@patternfly/react-icons";
import { type CSSProperties, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreatedToken } from "./api";
import { DiscardSecretDialog } from "./DiscardSecretDialog";
import { formatSeconds } from "../../shared/dates";
import { pendingScopes } from "../../shared/approvals";
import { environment } from "./environment";

type Props = { token: CreatedToken; regenerated: boolean; onDismiss: () => void };

/**
 * In monospace, and wrapped rather than cut off, so that the whole secret can be read and checked on a phone;
 * `field-sizing` grows the field to its text (two rows where it is not supported).
 */
const SECRET_STYLE = {
  fontFamily: "var(--pf-v5-global--FontFamily--monospace)",
  wordBreak: "break-all",
  overflowWrap: "anywhere",
  fieldSizing: "content",
} as CSSProperties;

/**
 * The secret of a token just created or regenerated, shown this once. It takes the focus and is scrolled into view
 * (on a phone it would otherwise sit above the screen), and a live region says what happened without reading the
 * secret aloud. Closing it (×, Close or Escape) before the secret was copied asks first: it cannot be shown again.
 */
export const NewTokenSecret = ({ token, regenerated, onDismiss }: Props) => {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const [copyFailed, setCopyFailed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const title = `${t(regenerated ? "patRegeneratedTitle" : "patCreatedTitle")}: ${token.name}`;

  useEffect(() => {
    setCopied(false);
    setCopyFailed(false);
    setConfirming(false);
    // after a dialog closes, its focus trap hands the focus back a moment later: take it after that
    const timer = window.setTimeout(() => {
      box.current?.scrollIntoView({ block: "center" });
      field.current?.focus({ preventScroll: true });
      field.current?.select();
    }, 100);
    return () => window.clearTimeout(timer);
  }, [token.token]);

  const close = () => (copied ? onDismiss() : setConfirming(true));

  const copy = async () => {
    const done = await copyToClipboard(token.token, field.current);
    setCopied((before) => before || done);
    setCopyFailed(!done);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // the discard dialog is a portal: its Escape bubbles here through React, but is not inside this box
    if (event.key === "Escape" && box.current?.contains(event.target as Node)) {
      event.preventDefault();
      // the dialog this opens listens for Escape on <body>, which this same keypress would reach next and close it
      event.stopPropagation();
      close();
    }
  };

  return (
    <div ref={box} onKeyDown={onKeyDown}>
      <div role="status" className="pf-v5-screen-reader" data-testid="pat-new-token-status">
        {`${title}. ${t("patSecretWarning")}`}
      </div>
      <Alert
        variant="success"
        isInline
        component="h2"
        title={title}
        actionClose={<AlertActionCloseButton onClose={close} aria-label={t("patDismissSecret")} />}
        data-testid="pat-new-token"
      >
        <Stack hasGutter>
          <StackItem>
            <strong>{t("patSecretWarning")}</strong>
          </StackItem>
          {pendingScopes(token.scopeApprovals).length > 0 && (
            <StackItem data-testid="pat-new-token-pending">
              {t("patCreatedPending", { scopes: pendingScopes(token.scopeApprovals).join(", ") })}
            </StackItem>
          )}
          {token.previousSecretExpiresAt != null && (
            <StackItem data-testid="pat-new-token-previous-secret">
              {t("patRegeneratedPrevious", { date: formatSeconds(token.previousSecretExpiresAt, environment.locale) })}
            </StackItem>
          )}
          <StackItem>
            <TextArea
              ref={field}
              readOnlyVariant="default"
              resizeOrientation="vertical"
              value={token.token}
              aria-label={t("patSecretLabel")}
              rows={2}
              spellCheck={false}
              autoComplete="off"
              style={SECRET_STYLE}
              // copying by hand (Ctrl+C, the context menu) counts as copied too
              onCopy={() => setCopied(true)}
              data-testid="pat-secret"
            />
          </StackItem>
          <StackItem>
            <Flex spaceItems={{ default: "spaceItemsSm" }} alignItems={{ default: "alignItemsCenter" }}>
              <FlexItem>
                <Button
                  variant="secondary"
                  icon={copied ? <CheckIcon /> : <CopyIcon />}
                  onClick={copy}
                  data-testid="pat-copy"
                >
                  {copied ? t("patCopied") : t("patCopy")}
                </Button>
              </FlexItem>
              <FlexItem>
                <Button variant="link" onClick={close} data-testid="pat-secret-close">
                  {t("patDismissSecret")}
                </Button>
              </FlexItem>
            </Flex>
            <div role="status" className={copyFailed ? "pf-v5-u-mt-sm" : "pf-v5-screen-reader"} data-testid="pat-copy-status">
              {copyFailed ? t("patCopyFailed") : copied ? t("patCopied") : ""}
            </div>
          </StackItem>
        </Stack>
      </Alert>
      {confirming && (
        <DiscardSecretDialog
          onDiscard={onDismiss}
          onGoBack={() => {
            setConfirming(false);
            window.setTimeout(() => field.current?.focus(), 100);
          }}
        />
      )}
    </div>
  );
};

/** The Clipboard API, else the selected field and the older copy command; true when one of them copied. */
async function copyToClipboard(text: string, field: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // not allowed here (no secure context, no permission): fall back below
  }
  if (!field) return false;
  field.focus();
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}
