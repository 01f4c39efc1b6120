// The checkout page's enhancements: the card fields only for a card provider, and live totals as the shopper picks an
// address and a shipping method (the page still works without them: "Update totals" posts the form).
import { quote, type QuoteRequest } from "./api.js";

export function enhanceCheckout(form: HTMLFormElement, money: (amount: number, currency: string) => string): void {
  const cardFields = form.querySelector<HTMLElement>("[data-card-fields]");
  const showCardFields = (): void => {
    const chosen = form.querySelector<HTMLInputElement>("input[name='Input.Provider']:checked");
    if (cardFields) cardFields.hidden = chosen?.dataset["kind"] !== "card";
  };
  showCardFields();

  const field = (name: string): string | null => {
    const value = new FormData(form).get(`Input.${name}`);
    return typeof value === "string" && value.length > 0 ? value : null;
  };
  const set = (selector: string, text: string): void => {
    const element = form.querySelector<HTMLElement>(selector);
    if (element) element.textContent = text;
  };

  let timer = 0;
  let sequence = 0;
  const refresh = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const addressId = field("AddressId");
      const request: QuoteRequest = {
        addressId: addressId && addressId !== "new" ? addressId : null,
        address: addressId && addressId !== "new" ? null : {
          fullName: field("FullName"), line1: field("Line1"), line2: field("Line2"), city: field("City"),
          region: field("Region"), postalCode: field("PostalCode"), country: field("Country"), phone: field("Phone"),
        },
        shippingMethod: field("ShippingMethod"),
      };
      const mine = ++sequence;
      const totals = await quote(request);
      if (mine !== sequence || totals === null) return; // a newer request is on its way, or the address is not complete yet
      set("[data-quote-subtotal]", money(totals.subtotal, totals.currency));
      set("[data-quote-tax]", money(totals.tax, totals.currency));
      set("[data-quote-shipping]", money(totals.shipping, totals.currency));
      set("[data-quote-total]", money(totals.total, totals.currency));
    }, 250);
  };

  // One press places one order: the buttons wait while the page is being submitted (the key makes a repeat harmless anyway).
  form.addEventListener("submit", () => {
    window.setTimeout(() => {
      for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>("button[type=submit]"))) button.disabled = true;
    }, 0);
  });

  const isQuoteInput = (name: string): boolean =>
    name.startsWith("Input.") && name !== "Input.Provider" && !name.startsWith("Input.Card") && name !== "Input.Expiry" && name !== "Input.Cvc";
  form.addEventListener("change", (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "Input.Provider") showCardFields();
    else if (isQuoteInput(target.name)) refresh();
  });

  // An address or shipping method changed before the script arrived (or restored by back/forward): the totals the
  // server rendered are for its defaults, so quote what is chosen now.
  const changedSinceRendered = Array.from(form.elements).some((element) => {
    if (element instanceof HTMLInputElement && isQuoteInput(element.name)) {
      return element.type === "radio" || element.type === "checkbox"
        ? element.checked !== element.defaultChecked
        : element.value !== element.defaultValue;
    }
    if (element instanceof HTMLSelectElement && isQuoteInput(element.name)) {
      return Array.from(element.options).some((option) => option.selected !== option.defaultSelected);
    }
    return false;
  });
  if (changedSinceRendered) refresh();
}
