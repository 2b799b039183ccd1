/** Prices as a trader reads them, to the contract's tick: the demo panel's labels and the demo control's results. */

/** The decimals a tick size needs (0.25 → 2, 0.015625 → 6, 0.00005 → 5), at least 2. */
function decimalsOf(tickSize: number): number {
  const text = tickSize.toString();
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.max(2, Number(exponent[1]));
  const fraction = text.split('.')[1] ?? '';
  return Math.max(2, fraction.length);
}

/** 21000.25 → "21,000.25", 112.515625 → "112.515625". */
export function priceText(price: number, tickSize: number): string {
  const decimals = decimalsOf(tickSize);
  return price.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
