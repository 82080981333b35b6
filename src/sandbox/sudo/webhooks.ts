import { objectId } from "./ids";
import { sleep } from "../faults";

/** One delivery attempt as the sandbox made it, for tests to count duplicates and retries. */
export interface DeliveryRecord {
  eventId: string;
  type: string;
  attempt: number;
  /** The receiver's HTTP status, or 0 when the request failed. */
  status: number;
}

/** How the next emitted event is delivered: twice, later than events emitted after it, or both. */
export interface DeliveryFault {
  duplicate?: boolean;
  delayMs?: number;
}

/** Retries after a non-2xx or a failed request, with doubling waits: Sudo retries, its schedule is not published. */
const ATTEMPTS = 4;
const FIRST_RETRY_MS = 100;

/**
 * The dashboard's webhook setting (FACTS E.2): a URL and an "Authorization Token" sent with each delivery as the
 * `Authorization` header, in the envelope `{environment, business, data, type, pendingWebhook, webhookArchived,
 * createdAt (epoch seconds), _id}`. Nothing is sent until a URL is configured.
 */
export class WebhookSender {
  private target: { url: string; token: string } | null = null;
  private faults: DeliveryFault[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  readonly deliveries: DeliveryRecord[] = [];

  constructor(private readonly business: string) {}

  configure(url: string, token: string): void {
    this.target = { url, token };
  }

  /** Applies to the next emitted event (one fault per call, consumed in order). */
  nextDelivery(fault: DeliveryFault): void {
    this.faults.push(fault);
  }

  /** Sends one event for `data` (a card as webhooks carry it); returns its `_id`. */
  emit(type: string, data: Record<string, unknown>): string {
    const event = {
      environment: "development",
      business: this.business,
      data,
      type,
      pendingWebhook: false,
      webhookArchived: false,
      createdAt: Math.floor(Date.now() / 1000),
      _id: objectId(),
    };
    const fault = this.faults.shift() ?? {};
    const copies = fault.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) this.track(this.deliver(event, fault.delayMs ?? 0));
    return event._id;
  }

  /** Resolves once every delivery started so far has succeeded or given up. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  reset(): void {
    this.faults = [];
    this.deliveries.length = 0;
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }

  private async deliver(event: { _id: string; type: string }, delayMs: number): Promise<void> {
    if (delayMs) await sleep(delayMs);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const target = this.target;
      if (!target) return;
      const status = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: target.token },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(5_000),
      }).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      );
      this.deliveries.push({ eventId: event._id, type: event.type, attempt, status });
      if (status >= 200 && status < 300) return;
      await sleep(FIRST_RETRY_MS * 2 ** (attempt - 1));
    }
  }
}
