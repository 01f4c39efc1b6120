// The storefront's own endpoints (/shop/api/*), typed by the shapes openapi-typescript generated from
// /openapi/storefront.json (generated/storefront-api.d.ts — never edited by hand).
import type { components } from "./generated/storefront-api";

export type Cart = components["schemas"]["StorefrontCart"];
export type CartLine = components["schemas"]["StorefrontCartLine"];
type AddItem = components["schemas"]["AddItemRequest"];
type SetQuantity = components["schemas"]["SetQuantityRequest"];
export type QuoteRequest = components["schemas"]["QuoteRequest"];
export type Quote = components["schemas"]["StorefrontQuote"];

/** A failed call: the problem details' own words when the server sent them. */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

async function call(method: string, path: string, body?: AddItem | SetQuantity): Promise<Cart> {
  // keepalive: a change the shopper made must reach the server even if they leave the page at once.
  const init: RequestInit = { method, credentials: "same-origin", keepalive: method !== "GET", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    init.headers = { Accept: "application/json", "Content-Type": "application/json" };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("You seem to be offline; the change was not saved.", 0);
  }
  if (!response.ok) {
    throw new ApiError(await problemText(response), response.status);
  }
  return (await response.json()) as Cart;
}

async function problemText(response: Response): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: string; title?: string; errors?: Record<string, string[]> };
    const field = problem.errors ? Object.values(problem.errors).flat()[0] : undefined;
    return problem.detail ?? field ?? problem.title ?? "That did not work; try again.";
  } catch {
    return "That did not work; try again.";
  }
}

export const api = {
  cart: (): Promise<Cart> => call("GET", "/shop/api/cart"),
  add: (productId: string, variantId: string | null, quantity: number): Promise<Cart> =>
    call("POST", "/shop/api/cart/items", { productId, variantId, quantity }),
  setQuantity: (itemId: string, quantity: number): Promise<Cart> =>
    call("PUT", `/shop/api/cart/items/${encodeURIComponent(itemId)}`, { quantity }),
  remove: (itemId: string): Promise<Cart> => call("DELETE", `/shop/api/cart/items/${encodeURIComponent(itemId)}`),
};

/** Live checkout totals; null while the address is incomplete or the quote is refused (the page keeps what it shows). */
export async function quote(request: QuoteRequest): Promise<Quote | null> {
  try {
    const response = await fetch("/shop/api/checkout/quote", {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    return response.ok ? ((await response.json()) as Quote) : null;
  } catch {
    return null;
  }
}
