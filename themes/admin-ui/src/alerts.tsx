import { Alert, AlertActionCloseButton, AlertGroup, AlertVariant } from "@patternfly/react-core";
import { createContext, PropsWithChildren, useCallback, useContext, useState } from "react";

type Toast = { id: number; title: string; variant: AlertVariant };

const ToastContext = createContext<(title: string, variant?: AlertVariant) => void>(() => {});

/** Toasts for this page (the console's own useAlerts is not exported). */
export const ToastProvider = ({ children }: PropsWithChildren) => {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const remove = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const add = useCallback(
    (title: string, variant: AlertVariant = AlertVariant.success) => {
      const id = Date.now() + Math.random();
      setToasts((all) => [...all, { id, title, variant }]);
      setTimeout(() => remove(id), 8000);
    },
    [remove],
  );
  return (
    <ToastContext.Provider value={add}>
      <AlertGroup isToast isLiveRegion data-testid="pat-alerts">
        {toasts.map(({ id, title, variant }) => (
          <Alert
            key={id}
            variant={variant}
            title={title}
            data-testid="pat-alert"
            actionClose={<AlertActionCloseButton onClose={() => remove(id)} />}
          />
        ))}
      </AlertGroup>
      {children}
    </ToastContext.Provider>
  );
};

export const useToast = () => useContext(ToastContext);
