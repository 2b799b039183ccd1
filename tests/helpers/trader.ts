/** A trader clicking in the platform: places orders through the gateway's own REST API, not Risk Warden. */
import { ProjectXApi } from '../../src/main/gateway/projectx-api';
import { RestClient } from '../../src/main/gateway/rest-client';
import type { Simulator } from '../../src/main/sim/simulator';

export const DEMO_ACCOUNT = 7001;
export const MNQ = 'CON.F.US.MNQ.Z26';
export const NQ = 'CON.F.US.ENQ.Z26';
export const ES = 'CON.F.US.EP.Z26';
export const MES = 'CON.F.US.MES.Z26';

export class Trader {
  private constructor(private readonly api: ProjectXApi) {}

  static async login(sim: Simulator): Promise<Trader> {
    const api = new ProjectXApi(new RestClient({ baseUrl: sim.url }));
    await api.loginKey('trader', 'platform-key');
    return new Trader(api);
  }

  buy(contractId: string, size: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: 2, side: 0, size });
  }

  sell(contractId: string, size: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: 2, side: 1, size });
  }

  limitBuy(contractId: string, size: number, limitPrice: number): Promise<number> {
    return this.api.placeOrder({ accountId: DEMO_ACCOUNT, contractId, type: 1, side: 0, size, limitPrice });
  }

  /** A round trip that realizes `points` × size on the contract (negative = a loss), before fees. */
  async roundTrip(sim: Simulator, contractId: string, entry: number, exit: number, size = 1): Promise<void> {
    sim.exchange.setPrice(contractId, entry);
    await this.buy(contractId, size);
    sim.exchange.setPrice(contractId, exit);
    await this.sell(contractId, size);
  }
}
