/** The Settings "Send test alert" button: one try, no retries, and the receiver's answer in words. */
import type { WebhookTestResult } from '../../shared/contract';
import { systemClock, type Clock } from '../schedule/clock';
import { postAlert } from './webhook-sender';
import { receiverOf, type WebhookTarget } from './webhook-target';

export async function sendTestAlert(target: WebhookTarget | null, clock: Clock = systemClock): Promise<WebhookTestResult> {
  if (!target) return { ok: false, message: 'No webhook set' };
  const receiver = receiverOf(target);
  const result = await postAlert(
    target,
    {
      kind: 'test',
      accountId: null,
      accountName: null,
      title: 'Test alert',
      detail: 'Locks, rule breaches and the kill switch will be reported here.',
      at: new Date(clock.now()).toISOString(),
      tone: 'info',
    },
    clock,
  );
  switch (result.outcome) {
    case 'delivered':
      return { ok: true, message: `Sent to ${receiver} (HTTP ${result.status})` };
    case 'refused':
      return { ok: false, message: `Refused by the receiver: ${result.why}` };
    case 'retry':
      return { ok: false, message: `Not sent: ${receiver} ${result.why}` };
  }
}
