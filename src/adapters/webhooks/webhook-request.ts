/** An HTTP request as intake sees it, whatever server or gateway delivered it. */
export interface WebhookRequest {
  method: string;
  path: string;
  /** Header names lower-cased. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body: signatures are verified over these bytes, before any parsing. */
  body: Uint8Array;
}

export interface WebhookResponse {
  status: number;
  body: Record<string, unknown>;
}
