// The storefront's one script (an ES module, fetched by the page's inline loader once the page has painted): it only
// enhances pages that already work without it — the cart badge, optimistic add / change / remove with rollback and a
// toast, the variant picker. Text from the server goes into the page as text (textContent), never as HTML.
import { CartStore, type Change } from "./cart-store.js";
import type { Cart, CartLine } from "./api.js";
import { enhanceCheckout } from "./checkout.js";

const $ = <T extends Element>(selector: string, root: ParentNode = document): T | null => root.querySelector<T>(selector);
const $$ = <T extends Element>(selector: string, root: ParentNode = document): T[] => Array.from(root.querySelectorAll<T>(selector));

const currencyOf = (): string => document.documentElement.dataset["currency"] ?? "USD";
const money = (amount: number, currency: string): string =>
  new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount);

export function toast(message: string, bad = false): void {
  const box = $<HTMLElement>("[data-toasts]");
  if (!box) return;
  const item = document.createElement("div");
  item.className = bad ? "toast bad" : "toast";
  item.textContent = message;
  box.append(item);
  window.setTimeout(() => item.remove(), bad ? 6000 : 3000);
}

const store = new CartStore(currencyOf());

function renderBadge(cart: Cart): void {
  for (const badge of $$<HTMLElement>("[data-cart-count]")) {
    badge.textContent = cart.itemCount > 0 ? String(cart.itemCount) : "";
  }
}

// ---- product page: variant picker and optimistic add ------------------------------------------------------------
function enhanceProduct(form: HTMLFormElement): void {
  const price = $<HTMLElement>("[data-product-price]");
  const stock = $<HTMLElement>("[data-product-stock]");
  const button = $<HTMLButtonElement>("[data-add]", form);
  const radios = $$<HTMLInputElement>("input[name=variantId]", form);

  const choose = (radio: HTMLInputElement): void => {
    const available = Number(radio.dataset["stock"] ?? "0");
    if (price) price.textContent = radio.dataset["price"] ?? price.textContent;
    if (stock) {
      stock.textContent = radio.dataset["stockText"] ?? "";
      stock.className = available > 0 ? "stock in" : "stock out";
    }
    if (button) button.disabled = available <= 0;
    const url = new URL(window.location.href);
    url.searchParams.set("variant", radio.value);
    history.replaceState(null, "", url);
  };
  for (const radio of radios) radio.addEventListener("change", () => choose(radio));
  // A variant chosen before the script arrived (or restored by back/forward) shows its own price and stock now.
  const chosen = radios.find((r) => r.checked);
  if (chosen && !chosen.defaultChecked) choose(chosen);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const productId = String(data.get("productId") ?? "");
    const variantId = data.get("variantId") ? String(data.get("variantId")) : null;
    const quantity = Number(data.get("quantity") ?? "1");
    const radio = radios.find((r) => r.checked);
    const change: Change = {
      kind: "add",
      productId,
      variantId,
      quantity,
      preview: {
        productId,
        variantId,
        name: $<HTMLElement>("h1")?.textContent?.trim() ?? "",
        variantName: radio?.parentElement?.textContent?.trim() ?? null,
        image: $<HTMLImageElement>(".gallery img")?.getAttribute("src") ?? null,
        unitPrice: Number(radio?.dataset["amount"] ?? form.dataset["amount"] ?? "0"),
      },
    };
    toast("Added to cart");
    void store.change(change).then((refusal) => {
      if (refusal) toast(refusal, true);
    });
  });
}

// ---- cart page: optimistic quantity and remove, rendered from the store -----------------------------------------
/** What the cart page shows, in a word: lines and quantities (the server renders the same into data-signature). */
const signatureOf = (cart: Cart): string =>
  cart.lines.map((l) => `${l.itemId}:${l.quantity}`).join("|") + `#${cart.subtotal}#${cart.problems.map((p) => p.message).join("|")}`;

function renderCartPage(section: HTMLElement, cart: Cart, pending: boolean): void {
  section.setAttribute("aria-busy", String(pending));
  // Re-render only what changed: a render replaces the inputs, and must not undo what the shopper is typing.
  const signature = signatureOf(cart);
  if (section.dataset["signature"] === signature) return;
  section.dataset["signature"] = signature;
  const list = $<HTMLUListElement>("[data-cart-lines]", section);
  const subtotal = $<HTMLElement>("[data-cart-subtotal]", section);
  if (cart.lines.length === 0) {
    section.replaceChildren(paragraph("Your cart is empty. ", link("/search", "Find something you like"), "."));
    return;
  }
  if (!list) {
    // The page was rendered empty and a change arrived from another tab: reload to get the full page.
    if (!pending) window.location.reload();
    return;
  }
  list.replaceChildren(...cart.lines.map((line) => renderLine(line, cart.currency)));
  let problems = $<HTMLUListElement>("ul.problems", section);
  if (cart.problems.length > 0 && !problems) {
    problems = document.createElement("ul");
    problems.className = "problems";
    problems.setAttribute("role", "alert");
    list.before(problems);
  }
  problems?.replaceChildren(...cart.problems.map((p) => {
    const item = document.createElement("li");
    item.textContent = p.message;
    return item;
  }));
  if (subtotal) subtotal.textContent = money(cart.subtotal, cart.currency);
}

function renderLine(line: CartLine, currency: string): HTMLLIElement {
  const pendingLine = line.itemId.startsWith("pending-");
  const item = document.createElement("li");
  item.className = "line" + (line.available ? "" : " unavailable") + (pendingLine ? " pending" : "");
  item.dataset["line"] = line.itemId;
  if (line.image) {
    const img = document.createElement("img");
    Object.assign(img, { src: line.image, alt: "", width: 96, height: 96, loading: "lazy" });
    item.append(img);
  }
  const what = document.createElement("span");
  what.className = "what";
  what.append(span("name", line.name));
  if (line.variantName) what.append(span("variant", line.variantName));
  what.append(span("unit", `${money(line.unitPrice, currency)} each`));
  item.append(what);

  const form = document.createElement("form");
  form.className = "qty-form";
  form.method = "post";
  form.action = `/shop/cart/items/${line.itemId}`;
  form.dataset["lineQuantity"] = "";
  const label = document.createElement("label");
  const input = document.createElement("input");
  Object.assign(input, { type: "number", name: "quantity", value: String(line.quantity), min: "0", max: "999", required: true, disabled: pendingLine });
  label.append("Quantity ", input);
  const update = document.createElement("button");
  update.type = "submit";
  update.textContent = "Update";
  update.disabled = pendingLine;
  form.append(label, update);
  item.append(form, span("total", money(line.lineTotal, currency)));

  const remove = document.createElement("form");
  remove.method = "post";
  remove.action = `/shop/cart/items/${line.itemId}/remove`;
  remove.dataset["lineRemove"] = "";
  const removeButton = document.createElement("button");
  removeButton.type = "submit";
  removeButton.className = "link";
  removeButton.textContent = "Remove";
  removeButton.setAttribute("aria-label", `Remove ${line.name}`);
  removeButton.disabled = pendingLine;
  remove.append(removeButton);
  item.append(remove);
  return item;
}

function enhanceCartPage(section: HTMLElement): void {
  section.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    const itemId = form.closest<HTMLElement>("[data-line]")?.dataset["line"];
    if (!itemId) return;
    event.preventDefault();
    let change: Change;
    if (form.hasAttribute("data-line-remove")) {
      change = { kind: "remove", itemId };
    } else {
      const quantity = Number(new FormData(form).get("quantity"));
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > 999) {
        toast("Enter a quantity from 0 to 999.", true);
        return;
      }
      change = { kind: "set", itemId, quantity };
    }
    void store.change(change).then((refusal) => {
      if (refusal) toast(refusal, true);
    });
  });
  // The page was rendered from the server's cart: until the store has heard from the server too, a stale copy from
  // localStorage must not replace it — only the shopper's own changes render before that.
  let synced = false;
  store.subscribe((cart, pending) => {
    if (synced || pending) renderCartPage(section, cart, pending);
  });
  void store.refresh().then(() => {
    synced = true;
    renderCartPage(section, store.view, false);
  });
}

function span(className: string, text: string): HTMLSpanElement {
  const s = document.createElement("span");
  s.className = className;
  s.textContent = text;
  return s;
}

function link(href: string, text: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function paragraph(...parts: (string | Node)[]): HTMLParagraphElement {
  const p = document.createElement("p");
  p.dataset["cartEmpty"] = "";
  p.append(...parts);
  return p;
}

// ---- start -------------------------------------------------------------------------------------------------------
store.subscribe((cart) => renderBadge(cart));
const addForm = $<HTMLFormElement>("[data-add-to-cart]");
if (addForm) enhanceProduct(addForm);
const checkoutForm = $<HTMLFormElement>("[data-checkout-form]");
if (checkoutForm) enhanceCheckout(checkoutForm, money);
const cartSection = $<HTMLElement>("[data-cart-page]");
if (cartSection) enhanceCartPage(cartSection);
// The server is the truth: reconcile once the page is idle (a sign-in merged carts, another device changed it).
const idle = (callback: () => void): void => {
  if ("requestIdleCallback" in window) window.requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 200);
};
if (!cartSection) idle(() => void store.refresh());
// Wired: tests (and anything else that must know) wait for <html data-shop="ready">.
document.documentElement.dataset["shop"] = "ready";
