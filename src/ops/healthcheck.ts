import { loadConfig, type Config } from '../config.js';
import { ConfigError } from '../core/errors.js';

/**
 * The container's HEALTHCHECK: asks /healthz where the app itself listens,
 * reading the settings exactly as the app does (environment over .env), so the
 * probe and the endpoint can never disagree about the port.
 */

/** Where to probe: a wildcard listen address is reached through loopback. */
export function healthcheckUrl(config: Config): string | undefined {
  if (config.health.port === 0) return undefined;
  const wildcard = config.health.host === '0.0.0.0' || config.health.host === '::';
  const host = wildcard ? '127.0.0.1' : config.health.host.includes(':') ? `[${config.health.host}]` : config.health.host;
  return `http://${host}:${config.health.port}/healthz`;
}

/** One line saying what is wrong, or undefined when /healthz answered 200. */
export async function probeHealth(env: Record<string, string | undefined>, timeoutMs = 4_000): Promise<string | undefined> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return `bad settings: ${error.problems.join(' ')}`;
    throw error;
  }
  const url = healthcheckUrl(config);
  if (!url) return 'HEALTH_PORT=0 turns the health endpoint off, so there is nothing to check; set HEALTH_PORT (the image uses 8080).';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? undefined : `${url} answered ${response.status}: ${(await response.text()).trim()}`;
  } catch (error) {
    return `${url} did not answer (${error instanceof Error ? error.message : String(error)})`;
  }
}
