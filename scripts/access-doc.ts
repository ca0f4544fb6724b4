/**
 * docs/access.md from the access table (lib/auth/access.ts): `npm run docs:access` writes it, and
 * app/api/access.test.ts fails when the file is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ACCESS } from "../lib/auth/access";
import { ROLE_DESCRIPTIONS, ROLES } from "../lib/auth/roles";

export function accessMarkdown(): string {
  const rows = ACCESS.map(
    (r) =>
      `| ${r.method} | \`${r.path}\` | ${r.need}${r.control ? " (control API)" : ""} | ${r.action ? `\`${r.action}\`` : ""} | ${r.what} |`,
  );
  return `# Who may do what

Generated from [lib/auth/access.ts](../lib/auth/access.ts) by \`npm run docs:access\`; a test fails
when this file and the table differ, and another walks the route files so that no route is missing.

## Roles

${ROLES.map((role) => `- **${role}**: ${ROLE_DESCRIPTIONS[role]}`).join("\n")}

On a loopback address (the default, \`LAB_HOST=127.0.0.1\`) the single local user is an
Administrator with no sign-in, unless \`LAB_AUTH=on\`. On any other address, and for any request
that comes through a reverse proxy, every route but the ones marked Anonymous needs a session.
A route missing from this table answers 403 to everyone. The pages follow the same rules: the
dashboard hides what a role may not do, or marks it unavailable with the reason.

Every change, every refused request and every failed sign-in is written to the audit log
(\`GET /api/audit\`, the Audit page) under the action named here.

## Routes

| method | route | needs | audit action | what |
| --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "access.md");
  writeFileSync(out, accessMarkdown());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}
