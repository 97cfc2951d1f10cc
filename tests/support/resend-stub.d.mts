import type { Server } from "node:http";

export type StubMail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string | null;
};

export function createResendStub(): {
  server: Server;
  mails: StubMail[];
  failNext(count: number): void;
  readonly received: number;
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
};
