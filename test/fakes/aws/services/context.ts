/** What a service handler gets besides the request. */
import type { FakeAccount } from '../model.js';
import type { FakeRequest, FakeResponse } from '../wire.js';

export interface HandlerContext {
  account: FakeAccount;
  /** Pages never hold more than this (see paging.ts). */
  pageSizeCap: number | undefined;
  /** Per-server state that is not the account: e.g. how often the credential report was asked for. */
  state: { credentialReportGenerations: number };
}

export type Handler = (req: FakeRequest, ctx: HandlerContext) => FakeResponse;
