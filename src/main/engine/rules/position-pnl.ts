import type { Position } from '../../../shared/domain';
import { roundCents } from '../../../shared/domain';
import { money, signedMoney } from '../../../shared/money';
import { symbolOf } from '../../../shared/symbols';
import { breachOf, usageOf, type Breach, type Rule, type RuleContext } from '../rule';

/** Each open position with a known mark and its unrealized P&L. */
export function positionPnls(context: RuleContext): { position: Position; pnl: number }[] {
  return context.account.positions().flatMap((position) => {
    const pnl = context.account.unrealizedOf(position);
    return pnl === null ? [] : [{ position, pnl }];
  });
}

export interface PositionThreshold {
  id: string;
  name: string;
  title: string;
  enabled: boolean;
  /** A loss limit (negative, reached going down) or a profit target (positive, reached going up). */
  threshold: number;
  /** "per-position limit", "take-profit". */
  label: string;
  /** What is reached: "open loss", "open profit". */
  reaching: string;
}

/** RULE-004 and RULE-005: close any one position whose open P&L reaches the threshold, on every quote. */
export function positionThresholdRule(spec: PositionThreshold): Rule {
  const direction = Math.sign(spec.threshold);
  const reached = (pnl: number) => direction * roundCents(pnl) >= direction * spec.threshold;
  return {
    id: spec.id,
    name: spec.name,
    title: spec.title,
    unit: 'usd',
    enabled: spec.enabled,
    gauge: true,
    description: `Closes any position whose ${spec.reaching} reaches ${money(spec.threshold)}`,
    measure(context) {
      const extreme = positionPnls(context).reduce((worst, { pnl }) => (direction * pnl > direction * worst ? pnl : worst), 0);
      return { value: roundCents(extreme), limit: spec.threshold, usage: usageOf(extreme, spec.threshold) };
    },
    evaluate(context): Breach[] {
      const breaches: Breach[] = [];
      for (const position of context.account.positions()) {
        const pnl = context.account.unrealizedOf(position);
        if (pnl === null || !reached(pnl)) continue;
        breaches.push(
          breachOf(this, context, {
            category: 'tradeByTrade',
            remedy: { kind: 'closePosition', contractId: position.contractId },
            message: `${symbolOf(context.market, position.contractId)} open P&L ${signedMoney(roundCents(pnl))} reached the ${spec.label} ${money(spec.threshold)}`,
            value: roundCents(pnl),
            limit: spec.threshold,
          }),
        );
      }
      return breaches;
    },
  };
}
