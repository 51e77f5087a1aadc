import type { CreateTokenRequest, NewToken, TokenView } from '@store-platform/contracts';

import { PlatformError } from '../domain/errors.js';
import type { Principal } from '../domain/roles.js';
import { newTokenExpiry, newTokenRole } from '../domain/tokens.js';
import type { StoreRepository } from '../ports/store-repository.js';
import type { TokenRecord, TokenRepository } from '../ports/token-repository.js';
import { randomToken, sha256 } from './secrets.js';

const view = (token: TokenRecord): TokenView => ({
  id: token.id,
  name: token.name,
  owner: token.owner,
  role: token.role,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  expiresAt: token.expiresAt.toISOString(),
});
/** How the activity log names a token: never its secret. */
const described = (token: TokenRecord) =>
  `token "${token.name}" of "${token.owner}" (${token.role}, expires ${token.expiresAt.toISOString()})`;

/** API tokens: create (scoped and expiring), list and revoke; each create and revoke is in the activity log. */
export class TokenService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly activity: Pick<StoreRepository, 'appendActivity'>,
    /** Public: the API documents maxDays as the body's limit. */
    readonly lifetime: { defaultDays: number; maxDays: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new token for the caller; its secret is in the answer only. */
  async create(caller: Principal, request: CreateTokenRequest): Promise<NewToken> {
    const role = newTokenRole(caller, request.role);
    const expiresAt = newTokenExpiry(this.now(), request.expiresInDays, this.lifetime, caller.token);
    const secret = `spt_${randomToken()}`;
    const token = await this.tokens.createToken({
      username: caller.username,
      name: request.name,
      tokenHash: sha256(secret),
      role,
      expiresAt,
    });
    await this.log(caller.username, 'token-create', token);
    const { id, name, createdAt } = view(token);
    return { id, name, token: secret, role, createdAt, expiresAt: expiresAt.toISOString() };
  }

  /** The caller's tokens, or (admins only) another user's. */
  async list(caller: Principal, username = caller.username): Promise<TokenView[]> {
    if (username !== caller.username && caller.role !== 'admin') {
      throw new PlatformError('forbidden', 'only admins may list another user’s tokens');
    }
    return (await this.tokens.listTokens(username)).map(view);
  }

  /** Revokes one of the caller's tokens, or (admins) anyone's; it gets 401 from the next request on. */
  async revoke(caller: Principal, id: string): Promise<void> {
    const admin = caller.role === 'admin';
    const token = await this.tokens.deleteToken(id, admin ? undefined : caller.username);
    if (!token) {
      throw new PlatformError(
        'not_found',
        admin ? `no token with id ${id}` : `you have no token with id ${id}`,
      );
    }
    await this.log(caller.username, 'token-revoke', token);
  }

  private log(actor: string, action: string, token: TokenRecord) {
    return this.activity.appendActivity({ actor, action, result: 'succeeded', detail: described(token) });
  }
}
