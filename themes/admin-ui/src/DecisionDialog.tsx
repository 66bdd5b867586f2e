import {
  Alert,
  Button,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Modal,
  ModalVariant,
  Text,
  TextArea,
} from "@patternfly/react-core";
import { useState } from "react";
import { MAX_REASON_LENGTH, reasonProblem, reasonToSend } from "../../shared/approvals";
import type { ApprovalRequest, Decision } from "./api";
import { usePatTranslation } from "./texts";

type Props = {
  decision: Decision;
  requests: ApprovalRequest[];
  /** sends the decision with the reason (undefined: none); throws the server's refusal, shown in the dialog */
  onDecide: (reason: string | undefined) => Promise<void>;
  onClose: () => void;
};

/**
 * Approve or deny one request or many, with an optional reason (plain text, at most 500 characters, counted as typed),
 * which the requester sees with the decision. What approving and denying do is said before it is done.
 */
export const DecisionDialog = ({ decision, requests, onDecide, onClose }: Props) => {
  const { t } = usePatTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const tooLong = reasonProblem(reason) === "tooLong";
  const single = requests.length === 1 ? requests[0] : undefined;

  const confirm = async () => {
    if (tooLong || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onDecide(reasonToSend(reason));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Modal
      variant={ModalVariant.small}
      title={t(decision === "approve" ? "pat.requestsApproveTitle" : "pat.requestsDenyTitle", { count: requests.length })}
      isOpen
      onClose={onClose}
      data-testid="pat-decision-dialog"
      actions={[
        <Button
          key="confirm"
          variant={decision === "approve" ? "primary" : "danger"}
          data-testid="pat-decision-confirm"
          isDisabled={busy || tooLong}
          isLoading={busy}
          onClick={confirm}
        >
          {t(decision === "approve" ? "pat.requestsApprove" : "pat.requestsDeny")}
        </Button>,
        <Button key="cancel" variant="link" data-testid="pat-cancel" onClick={onClose}>
          {t("pat.cancel")}
        </Button>,
      ]}
    >
      {error && <Alert isInline variant="danger" title={error} data-testid="pat-decision-error" className="pf-v5-u-mb-md" />}
      <Text className="pf-v5-u-mb-md" data-testid="pat-decision-consequence">
        {single
          ? t(decision === "approve" ? "pat.requestsApproveOne" : "pat.requestsDenyOne", {
              scope: single.scope,
              name: single.tokenName ?? "—",
              username: single.username ?? single.userId,
            })
          : t(decision === "approve" ? "pat.requestsApproveMany" : "pat.requestsDenyMany", { count: requests.length })}
      </Text>
      <FormGroup label={t("pat.requestsReason")} fieldId="pat-decision-reason">
        <TextArea
          id="pat-decision-reason"
          data-testid="pat-decision-reason"
          value={reason}
          onChange={(_event, value) => setReason(value)}
          validated={tooLong ? "error" : "default"}
          resizeOrientation="vertical"
          rows={3}
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant={tooLong ? "error" : "default"} data-testid="pat-decision-reason-help">
              {tooLong ? t("pat.reasonTooLong", { max: MAX_REASON_LENGTH }) : t("pat.requestsReasonHelp")}
            </HelperTextItem>
            <HelperTextItem variant={tooLong ? "error" : "default"} data-testid="pat-decision-reason-count">
              {t("pat.reasonCount", { count: reason.length, max: MAX_REASON_LENGTH })}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
    </Modal>
  );
};
