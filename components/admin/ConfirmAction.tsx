type Props = {
  action: (form: FormData) => void | Promise<void>;
  /** hidden fields the action reads, e.g. { id } */
  fields: Record<string, string>;
  /** the visible opener, e.g. "Revoke" */
  openText: string;
  /** what is acted on, for screen readers and for a table of many rows, e.g. "the token CRM sync" */
  openContext?: string;
  /** what happens, said before the final button */
  warning: string;
  /** the final button's text, e.g. "Yes, revoke the token CRM sync" */
  confirmText: string;
};

/**
 * A destructive action in two steps that work without JavaScript: a red opener (a <details>
 * disclosure) shows what will happen and the button that does it. One click never destroys.
 */
export function ConfirmAction({ action, fields, openText, openContext, warning, confirmText }: Props) {
  return (
    <details className="admin-confirm">
      <summary className="admin-button admin-button-danger">
        {openText}
        {openContext ? <span className="visually-hidden"> {openContext}</span> : null}…
      </summary>
      <div className="admin-confirm-panel">
        <p>{warning}</p>
        <form action={action}>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className="admin-button admin-button-danger">
            {confirmText}
          </button>
        </form>
      </div>
    </details>
  );
}
