import type { ReactNode } from "react";

/** What a control needs to be tied to its label, hint and error for assistive technology. */
export type FieldControlProps = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

type Props = {
  name: string;
  label: string;
  hint?: string;
  /** the translated error, shown under the field and read with it */
  error: string | null;
  children: (control: FieldControlProps) => ReactNode;
};

/** A labelled form field: the hint and the error message are tied to the control by aria-describedby. */
export function Field({ name, label, hint, error, children }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {children({ id: name, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
