import { env } from "@/lib/env";
import { isPermanentFailure } from "@/lib/mail/backoff";
import { fromHeader } from "@/lib/mail/sender";
import { mailSender } from "@/lib/mail/transport";
import type { Deliverer } from "@/lib/outbox/deliverer";

// The email channel's deliverer: one message through the configured sender (pooled SMTP, or .eml
// files without SMTP_URL). Registered in lib/outbox/deliverers.ts.

export const emailDeliverer: Deliverer<"email"> = {
  async deliver({ id, kind, payload }) {
    await mailSender().send({
      kind,
      // Stable per row: a receiver can drop a duplicate if a crash made us send twice.
      messageId: `<${id}@${new URL(env().APP_URL).hostname}>`,
      // The campaign's name at MAIL_FROM's address (the envelope sender); MAIL_FROM as it is otherwise.
      from: fromHeader(env().MAIL_FROM, payload.fromName),
      to: payload.to,
      subject: payload.subject,
      text: payload.text ?? "",
      html: payload.html ?? "",
    });
  },
  isPermanent: isPermanentFailure,
  // one mail server: when it is down, the round's other mail waits
  destination: () => "smtp",
};
