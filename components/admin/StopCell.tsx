import { ConfirmAction } from "./ConfirmAction";

type Props = {
  /** when it was stopped (revoked, disabled), or null while active */
  stoppedText: string | null;
  action: (form: FormData) => void | Promise<void>;
  id: string;
  buttonText: string;
  /** what is stopped, e.g. "the token CRM sync" */
  context: string;
  warning: string;
  confirmText: string;
};

/** A table cell that says when something was stopped, or offers the two-step action that stops it. */
export function StopCell({ stoppedText, action, id, buttonText, context, warning, confirmText }: Props) {
  return (
    <td>
      {stoppedText ?? <ConfirmAction action={action} fields={{ id }} openText={buttonText} openContext={context} warning={warning} confirmText={confirmText} />}
    </td>
  );
}
