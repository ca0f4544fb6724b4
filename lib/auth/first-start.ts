import "server-only";
import { hostname } from "node:os";
import { type GatewayConfig, isLoopbackHost } from "./gateway";
import { firstAdministratorLink } from "./users";

/**
 * At a start that needs sign-in (a network address, or LAB_AUTH=on) while no administrator can
 * sign in: the console text with the first administrator's one-time link, as Jupyter prints its
 * token. Null when the local user is the administrator, or one already has a password.
 */
export async function firstAdministratorAnnouncement(
  config: GatewayConfig,
  port: string,
): Promise<string | null> {
  if (isLoopbackHost(config.host) && !config.authOn) return null;
  const link = await firstAdministratorLink();
  if (!link) return null;
  const wildcard = config.host === "0.0.0.0" || config.host === "::" || config.host === "[::]";
  const host = wildcard
    ? hostname()
    : config.host.includes(":") && !config.host.startsWith("[")
      ? `[${config.host}]`
      : config.host;
  return [
    "",
    "  No administrator can sign in yet. Open this one-time link to sign in as 'admin',",
    "  then set a password and add users under Settings > Users:",
    "",
    `      http://${host}:${port}${link}`,
    "",
    "  The link works once and for 24 hours; restart the server for a new one.",
    "",
  ].join("\n");
}
