/** The ProjectX endpoints Risk Warden uses, with their real request field names; list rows are read one by one (rows.ts). */
import type { Account, Contract, Fill, Order } from '../../shared/domain';
import { createLogger, type Logger } from '../log';
import { toAccount, toContract, toFill, toOrder, toPositionEvent } from './normalise';
import { GatewayProtocolError } from './errors';
import type { Priority } from './pacer';
import type { RestClient } from './rest-client';
import { repairTrade, RowReader } from './rows';
import {
  AccountsResponseSchema,
  ContractByIdResponseSchema,
  ContractsResponseSchema,
  EnvelopeSchema,
  LoginResponseSchema,
  OrderResponseSchema,
  OrdersResponseSchema,
  PlaceOrderResponseSchema,
  PositionsResponseSchema,
  TradesResponseSchema,
  ValidateResponseSchema,
  WireAccountSchema,
  WireContractSchema,
  WireOrderSchema,
  WirePositionSchema,
  WireTradeSchema,
  type PlaceOrderRequest,
} from './wire';
import type { GatewayEvent } from '../../shared/domain';

export class ProjectXApi {
  private readonly reader: RowReader;

  constructor(
    readonly rest: RestClient,
    logger: Logger = createLogger('gateway'),
  ) {
    this.reader = new RowReader(logger);
  }

  async loginKey(userName: string, apiKey: string): Promise<string> {
    const response = await this.rest.post('Auth/loginKey', { userName, apiKey }, LoginResponseSchema);
    if (!response.token) throw new GatewayProtocolError('Auth/loginKey', 'success without a token');
    this.rest.setToken(response.token);
    return response.token;
  }

  async validate(): Promise<string> {
    const response = await this.rest.post('Auth/validate', {}, ValidateResponseSchema);
    const token = response.newToken ?? this.rest.currentToken();
    if (!token) throw new GatewayProtocolError('Auth/validate', 'success without a token');
    this.rest.setToken(token);
    return token;
  }

  async searchAccounts(priority?: Priority): Promise<Account[]> {
    const response = await this.rest.post('Account/search', { onlyActiveAccounts: true }, AccountsResponseSchema, priority);
    return this.reader.rows('Account/search', response.accounts, WireAccountSchema).map(toAccount);
  }

  async availableContracts(live: boolean): Promise<Contract[]> {
    const response = await this.rest.post('Contract/available', { live }, ContractsResponseSchema);
    return this.reader.rows('Contract/available', response.contracts, WireContractSchema).map(toContract);
  }

  async contractById(contractId: string): Promise<Contract | null> {
    const response = await this.rest.post('Contract/searchById', { contractId }, ContractByIdResponseSchema);
    const wire = response.contract ?? response.contracts?.[0] ?? null;
    return wire ? toContract(wire) : null;
  }

  /** Open positions as gateway events (a zero-size row would be a close). */
  async openPositions(accountId: number, priority?: Priority): Promise<GatewayEvent[]> {
    const response = await this.rest.post('Position/searchOpen', { accountId }, PositionsResponseSchema, priority);
    return this.reader.rows('Position/searchOpen', response.positions, WirePositionSchema).map((row) => toPositionEvent(row));
  }

  async openOrders(accountId: number, priority?: Priority): Promise<Order[]> {
    const response = await this.rest.post('Order/searchOpen', { accountId }, OrdersResponseSchema, priority);
    return this.reader.rows('Order/searchOpen', response.orders, WireOrderSchema).map(toOrder);
  }

  /** Every order of the account since `startTimestamp`, terminal ones included (what became of an order). */
  async searchOrders(accountId: number, startTimestamp: string, priority?: Priority): Promise<Order[]> {
    const response = await this.rest.post('Order/search', { accountId, startTimestamp }, OrdersResponseSchema, priority);
    return this.reader.rows('Order/search', response.orders, WireOrderSchema).map(toOrder);
  }

  async orderById(accountId: number, orderId: number): Promise<Order | null> {
    const response = await this.rest.post('Order/searchById', { accountId, orderId }, OrderResponseSchema);
    return response.order ? toOrder(response.order) : null;
  }

  /** Trade/search takes `startTimestamp` (not `startTime`; a wrong name is silently ignored). */
  async trades(accountId: number, startTimestamp: string, priority?: Priority): Promise<Fill[]> {
    const response = await this.rest.post('Trade/search', { accountId, startTimestamp }, TradesResponseSchema, priority);
    return this.reader.rows('Trade/search', response.trades, WireTradeSchema, repairTrade).map(toFill);
  }

  async closeContract(accountId: number, contractId: string): Promise<void> {
    await this.rest.post('Position/closeContract', { accountId, contractId }, EnvelopeSchema);
  }

  /** The field is `size` (not `closeSize`, which the gateway silently ignores). */
  async partialCloseContract(accountId: number, contractId: string, size: number): Promise<void> {
    await this.rest.post('Position/partialCloseContract', { accountId, contractId, size }, EnvelopeSchema);
  }

  async modifyOrder(accountId: number, orderId: number, change: { size?: number; limitPrice?: number; stopPrice?: number }): Promise<void> {
    await this.rest.post('Order/modify', { accountId, orderId, ...change }, EnvelopeSchema);
  }

  async cancelOrder(accountId: number, orderId: number): Promise<void> {
    await this.rest.post('Order/cancel', { accountId, orderId }, EnvelopeSchema);
  }

  /** A rejected place still returns an orderId; the envelope, not the id, says whether it worked. */
  async placeOrder(request: PlaceOrderRequest): Promise<number> {
    const response = await this.rest.post('Order/place', request, PlaceOrderResponseSchema);
    if (response.orderId == null) throw new GatewayProtocolError('Order/place', 'success without an orderId');
    return response.orderId;
  }
}
