/** A token source that caches its token and asks for a new one before the old one expires. */
export class RefreshingToken {
  private current?: Promise<{ token: string; expiresAt: Date }>;

  constructor(
    private readonly fetch: () => Promise<{ token: string; expiresAt: Date }>,
    private readonly now: () => Date = () => new Date(),
    /** How long before expiry a token is replaced. */
    private readonly marginMs = 5 * 60 * 1000,
  ) {}

  async get(): Promise<string> {
    const cached = this.current && await this.current.catch(() => undefined);
    if (cached && cached.expiresAt.getTime() - this.marginMs > this.now().getTime()) return cached.token;
    this.current = this.fetch();
    return (await this.current).token;
  }
}
