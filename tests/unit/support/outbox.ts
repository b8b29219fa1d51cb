// Reads an outbox row's payload (lib/outbox/message.ts) the way an operator would: an email's
// subject and bodies, a webhook's body. Bodies are absent once a message was sent or given up.

export function emailOf(row: { payload: string }): { to: string; subject: string; text: string; html: string } {
  const p = JSON.parse(row.payload) as { to: string; subject: string; text?: string; html?: string };
  return { to: p.to, subject: p.subject, text: p.text ?? "", html: p.html ?? "" };
}

export function webhookOf(row: { payload: string }): { url: string; endpointId: string; body: string } {
  const p = JSON.parse(row.payload) as { url: string; endpointId: string; body?: string };
  return { url: p.url, endpointId: p.endpointId, body: p.body ?? "" };
}
