export { money, signedMoney } from '../../shared/money';
export { countdown, wallClock } from '../../shared/time-format';

export function tone(value: number): 'gain' | 'loss' | 'flat' {
  return value > 0 ? 'gain' : value < 0 ? 'loss' : 'flat';
}

export function timeOfDay(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}
