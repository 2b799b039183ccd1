/** A trader clicking in the platform: places orders through the gateway's own REST API, not Risk Warden. */
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import { OrderSide, OrderType } from '../../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../../src/main/sim/contracts';
import type { Simulator } from '../../src/main/sim/simulator';

export const DEMO_ACCOUNT = DEMO_ACCOUNTS[0]!.id;
export const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
export const NQ = SIM_CONTRACTS_BY_SYMBOL.NQ.id;
export const ES = SIM_CONTRACTS_BY_SYMBOL.ES.id;
export const MES = SIM_CONTRACTS_BY_SYMBOL.MES.id;

export class Trader {
  private constructor(private readonly api: ProjectXApi) {}

  static async login(sim: Simulator): Promise<Trader> {
    const api = new ProjectXApi(new RestClient({ baseUrl: sim.url }));
    await api.loginKey('trader', 'platform-key');
    return new Trader(api);
  }

  buy(contractId: string, size: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: OrderType.Market, side: OrderSide.Bid, size });
  }

  sell(contractId: string, size: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: OrderType.Market, side: OrderSide.Ask, size });
  }

  limitBuy(contractId: string, size: number, limitPrice: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: OrderType.Limit, side: OrderSide.Bid, size, limitPrice });
  }

  /** A round trip that realizes `points` × size on the contract (negative = a loss), before fees. */
  async roundTrip(sim: Simulator, contractId: string, entry: number, exit: number, size = 1): Promise<void> {
    sim.exchange.setPrice(contractId, entry);
    await this.buy(contractId, size);
    sim.exchange.setPrice(contractId, exit);
    await this.sell(contractId, size);
  }
}
