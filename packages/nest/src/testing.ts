export { describePresenceStoreContract } from './testing/presence-store.contract';
export type { ContractTestApi, PresenceStoreContractOptions } from './testing/presence-store.contract';
