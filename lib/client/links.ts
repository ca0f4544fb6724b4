// Where the dashboard's pages live, for links built in the browser.

/**
 * A move's page: inside the server's or cluster's connection when it was started from that
 * connection's tools (the tool pane and the header stay), otherwise /migrations/:id.
 */
export function migrationHref(id: number, pathname: string | null | undefined): string {
  const connection = /^\/(servers|clusters)\/([1-9][0-9]*)(?:\/|$)/.exec(pathname ?? "");
  return connection ? `/${connection[1]}/${connection[2]}/migrations/${id}` : `/migrations/${id}`;
}
