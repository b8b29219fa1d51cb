type Props = {
  /** when it was stopped (revoked, disabled), or null while active */
  stoppedText: string | null;
  action: (form: FormData) => void | Promise<void>;
  id: string;
  buttonText: string;
  buttonLabel: string;
};

/** A table cell that says when something was stopped, or offers the button that stops it. */
export function StopCell({ stoppedText, action, id, buttonText, buttonLabel }: Props) {
  return (
    <td>
      {stoppedText ?? (
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="admin-button admin-button-danger" aria-label={buttonLabel}>
            {buttonText}
          </button>
        </form>
      )}
    </td>
  );
}
