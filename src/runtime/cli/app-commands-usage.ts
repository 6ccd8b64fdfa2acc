/** The commands that act on apps in clusters; main.ts loads their code (git, Kubernetes, AWS clients) only for them. */
export const APP_COMMANDS = new Set(["status", "sync", "diff", "delete"]);

export const APP_COMMANDS_USAGE = `  status [--config FILE] [--cached] [--json]
        every app per cluster: revision, sync, health (read live unless --cached), last change;
        generated apps per app set and cluster with their counts and each cluster's condition,
        and the app-source definitions refused. --json prints the report as GET /api/appsets does.
  sync APP [--revision SHA] [--config FILE]
        apply the branch head now, or a commit from its history (a rollback).
  diff APP [--config FILE]
        what a sync would change: a unified diff per resource, from a server-side dry run.
        Exits 0 with no differences, 1 with differences, 2 on an error (as kubectl diff).
  delete APP [--cascade foreground|background|orphan] [--config FILE]
        delete everything the app manages, then its record.
`;
