/** One way to write money, for the rule summaries main sends and the figures the renderer shows. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function money(value: number): string {
  return usd.format(value);
}

export function signedMoney(value: number): string {
  return value > 0 ? `+${usd.format(value)}` : usd.format(value);
}
