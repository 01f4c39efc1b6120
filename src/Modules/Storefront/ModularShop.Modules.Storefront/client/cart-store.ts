// The cart store: what the badge and the cart page show. It is the last cart the server confirmed plus the changes
// still on their way (applied optimistically, in order); it lives in localStorage (survives reloads and restarts) and
// is shared with the other open tabs (BroadcastChannel). A change the server refuses is dropped (rolled back) and the
// store is reconciled from the server.
import { api, ApiError, type Cart, type CartLine } from "./api.js";

export type Change =
  | { kind: "add"; productId: string; variantId: string | null; quantity: number; preview: Omit<CartLine, "itemId" | "quantity" | "lineTotal" | "available"> }
  | { kind: "set"; itemId: string; quantity: number }
  | { kind: "remove"; itemId: string };

type Listener = (cart: Cart, pending: boolean) => void;

const storageKey = "shop.cart.v1";
const emptyCart = (currency: string): Cart => ({ id: null, lines: [], itemCount: 0, subtotal: 0, currency, problems: [], version: 0 });

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** A change applied to a cart, as the server would apply it when nothing stands in the way. */
export function apply(cart: Cart, change: Change): Cart {
  let lines: CartLine[];
  switch (change.kind) {
    case "add": {
      const same = cart.lines.find((l) => l.productId === change.productId && (l.variantId ?? null) === change.variantId);
      lines = same
        ? cart.lines.map((l) => (l === same ? withQuantity(l, l.quantity + change.quantity) : l))
        : [...cart.lines, { ...change.preview, itemId: `pending-${change.productId}-${change.variantId ?? ""}`, quantity: change.quantity, lineTotal: round2(change.preview.unitPrice * change.quantity), available: true }];
      break;
    }
    case "set":
      lines = change.quantity === 0
        ? cart.lines.filter((l) => l.itemId !== change.itemId)
        : cart.lines.map((l) => (l.itemId === change.itemId ? withQuantity(l, change.quantity) : l));
      break;
    case "remove":
      lines = cart.lines.filter((l) => l.itemId !== change.itemId);
      break;
  }
  return {
    ...cart,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotal: round2(lines.reduce((s, l) => s + l.lineTotal, 0)),
    problems: cart.problems.filter((p) => lines.some((l) => l.itemId === p.itemId)),
  };
}

function withQuantity(line: CartLine, quantity: number): CartLine {
  return { ...line, quantity, lineTotal: round2(line.unitPrice * quantity) };
}

export class CartStore {
  private confirmed: Cart;
  private readonly pending: Change[] = [];
  private readonly listeners: Listener[] = [];
  private queue: Promise<void> = Promise.resolve();
  private readonly channel: BroadcastChannel | null = "BroadcastChannel" in window ? new BroadcastChannel("shop.cart") : null;

  constructor(currency: string) {
    this.confirmed = CartStore.load() ?? emptyCart(currency);
    this.channel?.addEventListener("message", (e: MessageEvent<Cart>) => this.receive(e.data));
    window.addEventListener("storage", (e) => {
      if (e.key === storageKey && e.newValue) this.receive(JSON.parse(e.newValue) as Cart);
    });
  }

  /** What to show: the confirmed cart with the pending changes applied. */
  get view(): Cart {
    return this.pending.reduce(apply, this.confirmed);
  }

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
    listener(this.view, this.pending.length > 0);
  }

  /** Applies a change at once and sends it; resolves to the refusal's message, or null when the server took it. */
  change(change: Change): Promise<string | null> {
    this.pending.push(change);
    this.publish(false);
    const done = this.queue.then(async () => {
      try {
        this.accept(await send(change));
        return null;
      } catch (e) {
        // Refused (out of stock, gone) or failed: the change is dropped and the truth fetched again.
        this.pending.splice(this.pending.indexOf(change), 1);
        await this.fetchConfirmed();
        return e instanceof ApiError ? e.message : "That did not work; try again.";
      } finally {
        const index = this.pending.indexOf(change);
        if (index >= 0) this.pending.splice(index, 1);
        this.publish(true);
      }
    });
    this.queue = done.then(() => undefined);
    return done;
  }

  /** Replaces the confirmed cart with the server's (page load, sign-in); queued behind the changes in flight. */
  refresh(): Promise<void> {
    const done = this.queue.then(() => this.fetchConfirmed());
    this.queue = done;
    return done;
  }

  private async fetchConfirmed(): Promise<void> {
    try {
      if (this.accept(await api.cart())) this.publish(true);
    } catch {
      // Offline: keep what we have.
    }
  }

  /** Takes a cart from the server or another tab unless it is an older version of the one we hold. */
  private accept(cart: Cart): boolean {
    if (cart.id !== null && cart.id === this.confirmed.id && cart.version < this.confirmed.version) return false;
    this.confirmed = cart;
    return true;
  }

  private receive(cart: Cart): void {
    if (this.pending.length > 0) return; // our own changes are in flight; their answers will settle it
    if (this.accept(cart)) this.notify();
  }

  private publish(broadcast: boolean): void {
    const view = this.view;
    try {
      localStorage.setItem(storageKey, JSON.stringify(this.confirmed));
    } catch {
      // Private mode or full storage: the page still works, the cart just is not kept.
    }
    if (broadcast) this.channel?.postMessage(this.confirmed);
    this.notify(view);
  }

  private notify(view: Cart = this.view): void {
    for (const listener of this.listeners) listener(view, this.pending.length > 0);
  }

  private static load(): Cart | null {
    try {
      const text = localStorage.getItem(storageKey);
      return text ? (JSON.parse(text) as Cart) : null;
    } catch {
      return null;
    }
  }
}

function send(change: Change): Promise<Cart> {
  switch (change.kind) {
    case "add":
      return api.add(change.productId, change.variantId, change.quantity);
    case "set":
      return api.setQuantity(change.itemId, change.quantity);
    case "remove":
      return api.remove(change.itemId);
  }
}
