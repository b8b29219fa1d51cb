import { emailDeliverer } from "@/lib/mail/deliver";
import type { Deliverer } from "@/lib/outbox/deliverer";
import type { Channel } from "@/lib/outbox/message";
import { webhookDeliverer } from "@/lib/webhooks/deliver";

// The one place that knows every channel: the dispatcher looks a claimed message's deliverer up
// here. A new channel is a member of OutboxMessage (lib/outbox/message.ts) and a line here.

export const deliverers: { [C in Channel]: Deliverer<C> } = {
  email: emailDeliverer,
  webhook: webhookDeliverer,
};

export function delivererFor(channel: string): Deliverer<Channel> | undefined {
  return Object.hasOwn(deliverers, channel) ? (deliverers[channel as Channel] as Deliverer<Channel>) : undefined;
}
