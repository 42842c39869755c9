/**
 * Bot Framework authentication for Teams, built once from TeamsConfig and shared by the bot (which
 * checks every incoming request's token) and the notifier (which gets tokens for its own calls).
 *
 * Two gaps in botbuilder are closed here, without touching what it verifies:
 * - A token whose signature does not verify makes jsonwebtoken throw its own error, which
 *   CloudAdapter answers with 500 (it only maps its AuthenticationError to 401). A forged token is
 *   an authentication failure, so it becomes one.
 * - botbuilder reads `ValidateAuthority` but does not hand it to MSAL, which then asks
 *   login.microsoftonline.com about any login authority it does not know — failing for private
 *   clouds and hosts without internet access. With ValidateAuthority=false we give MSAL the
 *   authority as a known one, MSAL's own way of trusting it without that lookup.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type ConnectorFactory,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { TeamsConfig } from '../../config.js';

/** Entra's public cloud, where botbuilder sends a bot for its tokens unless told otherwise. */
const PUBLIC_LOGIN = 'https://login.microsoftonline.com';
const MULTI_TENANT_LOGIN = `${PUBLIC_LOGIN}/botframework.com`;
const UNAUTHORIZED = 401;

/** jsonwebtoken's errors for a bad signature, a token not yet valid, or an expired one. */
const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

function asAuthenticationError(error: unknown): unknown {
  if (error instanceof Error && JWT_ERRORS.has(error.name)) return new AuthenticationError(`Unauthorized: ${error.message}`, UNAUTHORIZED);
  return error;
}

/** Delegates everything to botbuilder's authentication, reporting rejected tokens as 401s. */
class StrictAuthentication extends BotFrameworkAuthentication {
  constructor(
    private readonly inner: BotFrameworkAuthentication,
    private readonly audience: string,
  ) {
    super();
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await this.inner.authenticateChannelRequest(authHeader);
    } catch (error) {
      throw asAuthenticationError(error);
    }
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asAuthenticationError(error);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asAuthenticationError(error);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  /** The scope of the bot's outbound tokens (botbuilder's configuration class leaves this unimplemented). */
  override getOriginatingAudience(): string {
    return this.audience;
  }
}

/** Where the bot logs in for its outbound tokens, as botbuilder would pick it. */
function loginUrl(teams: TeamsConfig): string {
  const override = teams.authOverrides.ToChannelFromBotLoginUrl;
  if (override) return override;
  return teams.appType === 'SingleTenant' && teams.appTenantId ? `${PUBLIC_LOGIN}/${teams.appTenantId}` : MULTI_TENANT_LOGIN;
}

/** A credentials factory that trusts the configured login authority, for ValidateAuthority=false only. */
function trustedAuthorityCredentials(teams: TeamsConfig): ServiceClientCredentialsFactory | undefined {
  if (teams.authOverrides.ValidateAuthority !== 'false' || !teams.appId || !teams.appPassword || teams.appType === 'UserAssignedMSI') return undefined;
  const authority = loginUrl(teams);
  const client = new ConfidentialClientApplication({
    auth: { clientId: teams.appId, clientSecret: teams.appPassword, authority, knownAuthorities: [new URL(authority).host] },
  });
  // botframework-connector is typed against msal-node's CommonJS declarations, we import its ESM
  // build: the same class at run time (the factory only calls acquireTokenByClientCredential).
  return new MsalServiceClientCredentialsFactory(teams.appId, client as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

export function createBotAuthentication(teams: TeamsConfig): BotFrameworkAuthentication {
  const options = {
    ...teams.authOverrides,
    MicrosoftAppId: teams.appId ?? undefined,
    MicrosoftAppPassword: teams.appPassword ?? undefined,
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.appTenantId ?? undefined,
  };
  const audience = teams.authOverrides.ToChannelFromBotOAuthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope;
  return new StrictAuthentication(new ConfigurationBotFrameworkAuthentication(options, trustedAuthorityCredentials(teams)), audience);
}

/**
 * A connector client for proactive calls (no incoming request to borrow one from): the claims say
 * the bot itself is calling, so the factory signs with the bot's own token.
 */
export function proactiveConnector(auth: BotFrameworkAuthentication, appId: string | null, serviceUrl: string): Promise<ConnectorClient> {
  const claims = appId ? [{ type: 'aud', value: appId }, { type: 'appid', value: appId }] : [];
  const factory = auth.createConnectorFactory(new ClaimsIdentity(claims, true));
  return factory.create(serviceUrl, auth.getOriginatingAudience());
}
